import {
  Create,
  DataTable,
  DateField,
  DateInput,
  Edit,
  FunctionField,
  List,
  NumberField,
  NumberInput,
  ReferenceField,
  ReferenceInput,
  AutocompleteInput,
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
  type Validator,
} from 'react-admin';
import {
  LEGAL_FORMS,
  ORGANISATION_KINDS,
  REGISTRATIONS,
  SERVICE_CATEGORIES,
  WRITERS,
  choices,
} from '../choices';
import { CustomFieldsInput, CustomFieldsShow, useCustomFieldsForList } from '../forms/customFields';
import { creditCodeProblem } from '../../../cms/server/src/domain/credit-code';
import { areaSubtreeFilter } from '../AreaSubtreeFilter';
import { PhoneOr } from '../PhoneList';
import { columnsOf } from '../exporters';

/** The server's own GB 32100-2015 check, so the form says so before saving. */
const creditCode: Validator = (value: string | undefined) => {
  if (!value) return undefined;
  const problem = creditCodeProblem(value.trim().toUpperCase());
  if (problem === 'check') return 'linli.validation.credit_code_check';
  return problem ? 'linli.validation.credit_code_format' : undefined;
};

const filters = [
  areaSubtreeFilter,
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput
    key="kind"
    source="kind"
    choices={choices('organisationKind', ORGANISATION_KINDS)}
  />,
  <SelectInput
    key="registration"
    source="registration"
    choices={choices('registration', REGISTRATIONS)}
  />,
  <SelectInput
    key="serviceCategory"
    source="serviceCategory"
    choices={choices('serviceCategory', SERVICE_CATEGORIES)}
  />,
  <ReferenceInput key="area" source="area" reference="cms-areas">
    <AutocompleteInput optionText="name" />
  </ReferenceInput>,
  <NumberInput key="members_gte" source="members_gte" label="linli.filter.members_gte" />,
];

const canWrite = (role: string | undefined) =>
  !!role && WRITERS['cms-organisations']?.includes(role);

const c = columnsOf('cms-organisations');

/** The CSV: the list's columns, the legal form, founding date and contact person. */
const columns = [
  c.text('name'),
  c.text('creditCode'),
  c.choice('kind', 'organisationKind'),
  c.choice('legalForm', 'legalForm'),
  c.choice('registration', 'registration'),
  c.choice('serviceCategory', 'serviceCategory'),
  c.related('area'),
  c.date('foundedOn'),
  c.related('contactPerson'),
  c.number('members'),
];

export function OrganisationList() {
  const custom = useCustomFieldsForList('organisation', 'cms-organisations', columns);
  const { permissions } = usePermissions<string>();
  return (
    <List
      filters={[...filters, ...custom.filters]}
      exporter={custom.exporter}
      sort={{ field: 'name', order: 'ASC' }}
    >
      {/* Sorted only by what has an index (name and credit code): at a city's scale a sort by another column
          reads and sorts every row in scope (75–1,900 ms at a million people). The tags, kinds
          and places are filters instead. README "City-wide lists". */}
      <PhoneOr
        primaryText={(r: { name?: string }) => r.name ?? ''}
        secondaryText={
          <ReferenceField source="area.documentId" reference="cms-areas" link={false} />
        }
        tertiaryText={() => (
          <SelectField source="kind" choices={choices('organisationKind', ORGANISATION_KINDS)} />
        )}
      >
        <DataTable bulkActionButtons={canWrite(permissions) ? undefined : false}>
          <DataTable.Col source="name" />
          <DataTable.Col source="creditCode" />
          <DataTable.Col source="kind" disableSort>
            <SelectField source="kind" choices={choices('organisationKind', ORGANISATION_KINDS)} />
          </DataTable.Col>
          <DataTable.Col source="registration" disableSort>
            <SelectField source="registration" choices={choices('registration', REGISTRATIONS)} />
          </DataTable.Col>
          <DataTable.Col source="serviceCategory" disableSort>
            <SelectField
              source="serviceCategory"
              choices={choices('serviceCategory', SERVICE_CATEGORIES)}
            />
          </DataTable.Col>
          <DataTable.Col source="area" disableSort>
            <ReferenceField source="area.documentId" reference="cms-areas" link="show" />
          </DataTable.Col>
          <DataTable.NumberCol source="members" disableSort />
        </DataTable>
      </PhoneOr>
    </List>
  );
}

export function OrganisationShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="name" />
        <TextField source="creditCode" />
        <SelectField source="kind" choices={choices('organisationKind', ORGANISATION_KINDS)} />
        <SelectField source="legalForm" choices={choices('legalForm', LEGAL_FORMS)} />
        <SelectField source="registration" choices={choices('registration', REGISTRATIONS)} />
        <SelectField
          source="serviceCategory"
          choices={choices('serviceCategory', SERVICE_CATEGORIES)}
        />
        <ReferenceField source="area.documentId" reference="cms-areas" link="show" />
        <DateField source="foundedOn" />
        <FunctionField
          source="contactPerson"
          render={(r: { contactPerson?: { name?: string } }) => r.contactPerson?.name ?? ''}
        />
        <NumberField source="members" />
        <TextField source="description" />
        <CustomFieldsShow appliesTo="organisation" />
      </SimpleShowLayout>
    </Show>
  );
}

function OrganisationForm() {
  return (
    <SimpleForm>
      <TextInput source="name" validate={required()} fullWidth />
      <TextInput
        source="creditCode"
        validate={creditCode}
        parse={(v: string) => v?.toUpperCase()}
      />
      <SelectInput
        source="kind"
        choices={choices('organisationKind', ORGANISATION_KINDS)}
        validate={required()}
      />
      <SelectInput source="legalForm" choices={choices('legalForm', LEGAL_FORMS)} />
      <SelectInput
        source="registration"
        choices={choices('registration', REGISTRATIONS)}
        validate={required()}
        defaultValue="none"
      />
      <SelectInput
        source="serviceCategory"
        choices={choices('serviceCategory', SERVICE_CATEGORIES)}
      />
      <ReferenceInput source="area.documentId" reference="cms-areas">
        <AutocompleteInput
          optionText="name"
          validate={required()}
          label="resources.cms-organisations.fields.area"
        />
      </ReferenceInput>
      <DateInput source="foundedOn" />
      <NumberInput source="members" min={0} />
      <TextInput source="description" multiline fullWidth />
      <CustomFieldsInput appliesTo="organisation" />
    </SimpleForm>
  );
}

export const OrganisationEdit = () => (
  <Edit mutationMode="pessimistic">
    <OrganisationForm />
  </Edit>
);

export const OrganisationCreate = () => (
  <Create redirect="show">
    <OrganisationForm />
  </Create>
);
