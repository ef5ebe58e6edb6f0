import {
  AutocompleteInput,
  BooleanField,
  BooleanInput,
  Create,
  DataTable,
  Edit,
  List,
  NullableBooleanInput,
  ReferenceField,
  ReferenceInput,
  SearchInput,
  Show,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  TextInput,
  regex,
  required,
  usePermissions,
} from 'react-admin';
import { WRITERS } from '../choices';
import { CustomFieldsInput, CustomFieldsShow, useCustomFieldsForList } from '../forms/customFields';
import { areaSubtreeFilter } from '../AreaSubtreeFilter';

const TAGS = [
  'isGridWorker',
  'isMicroGridMember',
  'isBuildingCaptain',
  'isVolunteer',
  'isDonor',
  'isResident',
] as const;
const canWrite = (role: string | undefined) => !!role && WRITERS['cms-people']?.includes(role);

const filters = [
  areaSubtreeFilter,
  <SearchInput key="q" source="q" alwaysOn />,
  <ReferenceInput
    key="community"
    source="community"
    reference="cms-areas"
    filter={{ level: ['community', 'village'] }}
  >
    <AutocompleteInput optionText="name" />
  </ReferenceInput>,
  ...TAGS.map((tag) => <NullableBooleanInput key={tag} source={tag} />),
];

export function PersonList() {
  const custom = useCustomFieldsForList('person', 'people');
  const { permissions } = usePermissions<string>();
  return (
    <List
      filters={[...filters, ...custom.filters]}
      exporter={custom.exporter}
      sort={{ field: 'name', order: 'ASC' }}
    >
      <DataTable bulkActionButtons={canWrite(permissions) ? undefined : false}>
        <DataTable.Col source="name" />
        <DataTable.Col source="phone" />
        <DataTable.Col source="community">
          <ReferenceField source="community.documentId" reference="cms-areas" link="show" />
        </DataTable.Col>
        <DataTable.Col source="isGridWorker">
          <BooleanField source="isGridWorker" />
        </DataTable.Col>
        <DataTable.Col source="isMicroGridMember">
          <BooleanField source="isMicroGridMember" />
        </DataTable.Col>
        <DataTable.Col source="isVolunteer">
          <BooleanField source="isVolunteer" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}

export const PersonShow = () => (
  <Show>
    <SimpleShowLayout>
      <TextField source="name" />
      <TextField source="phone" />
      <TextField source="idNumber" />
      <ReferenceField source="community.documentId" reference="cms-areas" link="show" />
      <ReferenceField source="compound.documentId" reference="cms-compounds" link="show" />
      {TAGS.map((tag) => (
        <BooleanField key={tag} source={tag} />
      ))}
      <CustomFieldsShow appliesTo="person" />
    </SimpleShowLayout>
  </Show>
);

function PersonForm() {
  return (
    <SimpleForm>
      <TextInput source="name" validate={required()} />
      <TextInput source="phone" validate={regex(/^1[3-9]\d{9}$/, 'linli.validation.phone')} />
      <TextInput
        source="idNumber"
        validate={regex(/^\d{17}[\dXx]$/, 'linli.validation.id_number')}
      />
      <ReferenceInput
        source="community.documentId"
        reference="cms-areas"
        filter={{ level: ['community', 'village'] }}
      >
        <AutocompleteInput
          optionText="name"
          validate={required()}
          label="resources.cms-people.fields.community"
        />
      </ReferenceInput>
      <ReferenceInput source="compound.documentId" reference="cms-compounds">
        <AutocompleteInput optionText="name" label="resources.cms-people.fields.compound" />
      </ReferenceInput>
      {TAGS.map((tag) => (
        <BooleanInput key={tag} source={tag} />
      ))}
      <CustomFieldsInput appliesTo="person" />
    </SimpleForm>
  );
}

export const PersonEdit = () => (
  <Edit mutationMode="pessimistic">
    <PersonForm />
  </Edit>
);
export const PersonCreate = () => (
  <Create redirect="show">
    <PersonForm />
  </Create>
);
