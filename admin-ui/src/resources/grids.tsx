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
import { GRID_LEVELS, WRITERS, choices } from '../choices';
import { CustomFieldsInput, CustomFieldsShow, useCustomFieldsForList } from '../forms/customFields';
import { areaSubtreeFilter } from '../AreaSubtreeFilter';
import { columnsOf, namesCell } from '../exporters';

const canWrite = (role: string | undefined) => !!role && WRITERS['cms-grids']?.includes(role);
const filters = [
  areaSubtreeFilter,
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="level" source="level" choices={choices('gridLevel', GRID_LEVELS)} />,
  <ReferenceInput
    key="community"
    source="community"
    reference="cms-areas"
    filter={{ level: ['community', 'village'] }}
  >
    <AutocompleteInput optionText="name" />
  </ReferenceInput>,
  <NumberInput key="households_gte" source="households_gte" label="linli.filter.households_gte" />,
];

const c = columnsOf('cms-grids');

/** The CSV: the list's columns, the parent grid, the grid worker and the micro-grid members. */
const columns = [
  c.text('name'),
  c.text('code'),
  c.choice('level', 'gridLevel'),
  c.related('community'),
  c.related('parent'),
  c.number('households'),
  c.related('worker'),
  c.custom('members', (r) => namesCell(r.members)),
];

export function GridList() {
  const custom = useCustomFieldsForList('grid', 'cms-grids', columns);
  const { permissions } = usePermissions<string>();
  return (
    <List
      filters={[...filters, ...custom.filters]}
      exporter={custom.exporter}
      sort={{ field: 'code', order: 'ASC' }}
    >
      {/* Sorted only by what has an index (code): at a city's scale a sort by another column
          reads and sorts every row in scope (75–1,900 ms at a million people). The tags, kinds
          and places are filters instead. README "City-wide lists". */}
      <DataTable bulkActionButtons={canWrite(permissions) ? undefined : false}>
        <DataTable.Col source="name" disableSort />
        <DataTable.Col source="code" />
        <DataTable.Col source="level" disableSort>
          <SelectField source="level" choices={choices('gridLevel', GRID_LEVELS)} />
        </DataTable.Col>
        <DataTable.Col source="community" disableSort>
          <ReferenceField source="community.documentId" reference="cms-areas" link="show" />
        </DataTable.Col>
        <DataTable.NumberCol source="households" disableSort />
      </DataTable>
    </List>
  );
}

export const GridShow = () => (
  <Show>
    <SimpleShowLayout>
      <TextField source="name" />
      <TextField source="code" />
      <SelectField source="level" choices={choices('gridLevel', GRID_LEVELS)} />
      <ReferenceField source="community.documentId" reference="cms-areas" link="show" />
      <ReferenceField source="parent.documentId" reference="cms-grids" link="show" />
      <NumberField source="households" />
      <ReferenceField source="worker.documentId" reference="cms-people" link="show" />
      <CustomFieldsShow appliesTo="grid" />
    </SimpleShowLayout>
  </Show>
);

function GridForm() {
  return (
    <SimpleForm>
      <TextInput source="name" validate={required()} />
      <TextInput source="code" validate={required()} />
      <SelectInput
        source="level"
        choices={choices('gridLevel', GRID_LEVELS)}
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
          label="resources.cms-grids.fields.community"
        />
      </ReferenceInput>
      <ReferenceInput source="parent.documentId" reference="cms-grids" filter={{ level: 'grid' }}>
        <AutocompleteInput optionText="name" label="resources.cms-grids.fields.parent" />
      </ReferenceInput>
      <NumberInput source="households" min={0} />
      <ReferenceInput source="worker.documentId" reference="cms-people">
        <AutocompleteInput optionText="name" label="resources.cms-grids.fields.worker" />
      </ReferenceInput>
      <CustomFieldsInput appliesTo="grid" />
    </SimpleForm>
  );
}

export const GridEdit = () => (
  <Edit mutationMode="pessimistic">
    <GridForm />
  </Edit>
);
export const GridCreate = () => (
  <Create redirect="show">
    <GridForm />
  </Create>
);
