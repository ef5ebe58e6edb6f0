import { Breadcrumbs, Link, Typography } from '@mui/material';
import {
  DataTable,
  List,
  NumberField,
  ReferenceManyField,
  SearchInput,
  SelectField,
  SelectInput,
  Show,
  SimpleShowLayout,
  TextField,
  useGetOne,
  useRecordContext,
  useCreatePath,
} from 'react-admin';
import { AREA_KINDS, AREA_LEVELS, choices } from '../choices';

/** Areas are read here; administrators edit them in Strapi's admin panel. */
const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="level" source="level" choices={choices('level', AREA_LEVELS)} />,
  <SelectInput key="kind" source="kind" choices={choices('kind', AREA_KINDS)} />,
];

export const AreaList = () => (
  <List filters={filters} sort={{ field: 'code', order: 'ASC' }}>
    <DataTable bulkActionButtons={false}>
      <DataTable.Col source="name" />
      <DataTable.Col source="code" />
      <DataTable.Col source="level">
        <SelectField source="level" choices={choices('level', AREA_LEVELS)} />
      </DataTable.Col>
      <DataTable.Col source="kind">
        <SelectField source="kind" choices={choices('kind', AREA_KINDS)} />
      </DataTable.Col>
      <DataTable.Col
        source="parent"
        render={(r: { parent?: { name?: string } }) => r.parent?.name ?? ''}
      />
      <DataTable.NumberCol source="households" />
      <DataTable.NumberCol source="population" />
    </DataTable>
  </List>
);

/** The chain of parents up to the top the viewer may see, each a link. */
function Ancestors({ id }: { id?: string }) {
  const { data } = useGetOne('cms-areas', { id: id as string }, { enabled: !!id });
  const createPath = useCreatePath();
  if (!id || !data) return null;
  return (
    <>
      <Ancestors id={data.parent?.documentId} />
      <Link href={`#${createPath({ resource: 'cms-areas', type: 'show', id })}`}>{data.name}</Link>
    </>
  );
}

function AreaBreadcrumbs() {
  const record = useRecordContext();
  if (!record) return null;
  return (
    <Breadcrumbs sx={{ mb: 1 }}>
      <Ancestors id={record.parent?.documentId} />
      <Typography color="text.primary">{record.name}</Typography>
    </Breadcrumbs>
  );
}

export const AreaShow = () => (
  <Show>
    <SimpleShowLayout>
      <AreaBreadcrumbs />
      <TextField source="name" />
      <TextField source="code" />
      <SelectField source="level" choices={choices('level', AREA_LEVELS)} />
      <SelectField source="kind" choices={choices('kind', AREA_KINDS)} />
      <NumberField source="households" />
      <NumberField source="population" />
      <ReferenceManyField
        reference="cms-areas"
        target="parent"
        source="id"
        label="resources.cms-areas.fields.children"
        perPage={50}
        sort={{ field: 'code', order: 'ASC' }}
      >
        <DataTable bulkActionButtons={false} rowClick="show">
          <DataTable.Col source="name" />
          <DataTable.Col source="level">
            <SelectField source="level" choices={choices('level', AREA_LEVELS)} />
          </DataTable.Col>
          <DataTable.NumberCol source="households" />
        </DataTable>
      </ReferenceManyField>
    </SimpleShowLayout>
  </Show>
);
