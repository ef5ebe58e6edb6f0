import {
  AutocompleteInput,
  Create,
  DataTable,
  Edit,
  List,
  NumberField,
  NumberInput,
  ReferenceField,
  ReferenceInput,
  SearchInput,
  SelectField,
  SelectInput,
  Show,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  TextInput,
  required,
  usePermissions,
} from 'react-admin';
import { COMPOUND_TYPES, PROPERTY_MANAGEMENT, WRITERS, choices } from '../choices';
import { CustomFieldsInput, CustomFieldsShow, useCustomFieldsForList } from '../forms/customFields';
import { areaSubtreeFilter } from '../AreaSubtreeFilter';
import { PhoneOr } from '../PhoneList';
import { columnsOf } from '../exporters';

const canWrite = (role: string | undefined) => !!role && WRITERS['cms-compounds']?.includes(role);
const filters = [
  areaSubtreeFilter,
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="type" source="type" choices={choices('compoundType', COMPOUND_TYPES)} />,
  <SelectInput
    key="propertyManagement"
    source="propertyManagement"
    choices={choices('propertyManagement', PROPERTY_MANAGEMENT)}
  />,
  <ReferenceInput
    key="community"
    source="community"
    reference="cms-areas"
    filter={{ level: ['community', 'village'] }}
  >
    <AutocompleteInput optionText="name" />
  </ReferenceInput>,
];

const c = columnsOf('cms-compounds');

/** The CSV: the list's columns and the compound's grid. */
const columns = [
  c.text('name'),
  c.choice('type', 'compoundType'),
  c.related('community'),
  c.related('grid'),
  c.number('households'),
  c.number('buildings'),
  c.choice('propertyManagement', 'propertyManagement'),
];

export function CompoundList() {
  const custom = useCustomFieldsForList('compound', 'cms-compounds', columns);
  const { permissions } = usePermissions<string>();
  return (
    <List
      filters={[...filters, ...custom.filters]}
      exporter={custom.exporter}
      sort={{ field: 'name', order: 'ASC' }}
    >
      <PhoneOr
        primaryText={(r: { name?: string }) => r.name ?? ''}
        secondaryText={
          <ReferenceField source="community.documentId" reference="cms-areas" link={false} />
        }
        tertiaryText={() => (
          <SelectField source="type" choices={choices('compoundType', COMPOUND_TYPES)} />
        )}
      >
        <DataTable bulkActionButtons={canWrite(permissions) ? undefined : false}>
          <DataTable.Col source="name" />
          <DataTable.Col source="type">
            <SelectField source="type" choices={choices('compoundType', COMPOUND_TYPES)} />
          </DataTable.Col>
          <DataTable.Col source="community">
            <ReferenceField source="community.documentId" reference="cms-areas" link="show" />
          </DataTable.Col>
          <DataTable.NumberCol source="households" />
          <DataTable.NumberCol source="buildings" />
          <DataTable.Col source="propertyManagement">
            <SelectField
              source="propertyManagement"
              choices={choices('propertyManagement', PROPERTY_MANAGEMENT)}
            />
          </DataTable.Col>
        </DataTable>
      </PhoneOr>
    </List>
  );
}

export const CompoundShow = () => (
  <Show>
    <SimpleShowLayout>
      <TextField source="name" />
      <SelectField source="type" choices={choices('compoundType', COMPOUND_TYPES)} />
      <ReferenceField source="community.documentId" reference="cms-areas" link="show" />
      <ReferenceField source="grid.documentId" reference="cms-grids" link="show" />
      <NumberField source="households" />
      <NumberField source="buildings" />
      <SelectField
        source="propertyManagement"
        choices={choices('propertyManagement', PROPERTY_MANAGEMENT)}
      />
      <CustomFieldsShow appliesTo="compound" />
    </SimpleShowLayout>
  </Show>
);

function CompoundForm() {
  return (
    <SimpleForm>
      <TextInput source="name" validate={required()} />
      <SelectInput
        source="type"
        choices={choices('compoundType', COMPOUND_TYPES)}
        validate={required()}
      />
      <ReferenceInput
        source="community.documentId"
        reference="cms-areas"
        filter={{ level: ['community', 'village'] }}
      >
        <AutocompleteInput
          optionText="name"
          validate={required()}
          label="resources.cms-compounds.fields.community"
        />
      </ReferenceInput>
      <ReferenceInput source="grid.documentId" reference="cms-grids" filter={{ level: 'grid' }}>
        <AutocompleteInput optionText="name" label="resources.cms-compounds.fields.grid" />
      </ReferenceInput>
      <NumberInput source="households" min={0} />
      <NumberInput source="buildings" min={0} />
      <SelectInput
        source="propertyManagement"
        choices={choices('propertyManagement', PROPERTY_MANAGEMENT)}
      />
      <CustomFieldsInput appliesTo="compound" />
    </SimpleForm>
  );
}

export const CompoundEdit = () => (
  <Edit mutationMode="pessimistic">
    <CompoundForm />
  </Edit>
);
export const CompoundCreate = () => (
  <Create redirect="show">
    <CompoundForm />
  </Create>
);
