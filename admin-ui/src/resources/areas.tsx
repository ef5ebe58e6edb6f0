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
  useGetList,
  useTranslate,
  useRecordContext,
  useCreatePath,
} from 'react-admin';
import { AREA_KINDS, AREA_LEVELS, choices } from '../choices';
import { areaSubtreeFilter } from '../AreaSubtreeFilter';

/** Areas are read here; administrators edit them in Strapi's admin panel. */
const filters = [
  areaSubtreeFilter,
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

/**
 * Breadcrumbs up the hierarchy, read from the area's materialised path in one query; ancestors
 * outside the viewer's scope are not returned by the server and so are simply not shown.
 */
function AreaBreadcrumbs() {
  const record = useRecordContext();
  const createPath = useCreatePath();
  const translate = useTranslate();
  const codes = String(record?.path ?? '')
    .split('/')
    .filter(Boolean)
    .slice(0, -1);
  const { data = [] } = useGetList(
    'cms-areas',
    {
      filter: { code: codes },
      pagination: { page: 1, perPage: 10 },
      sort: { field: 'path', order: 'ASC' },
    },
    { enabled: codes.length > 0 },
  );
  if (!record) return null;
  return (
    <Breadcrumbs sx={{ mb: 1 }} aria-label={translate('linli.breadcrumbs')}>
      {data.map((area) => (
        <Link
          key={area.id}
          href={`#${createPath({ resource: 'cms-areas', type: 'show', id: area.id })}`}
        >
          {area.name}
        </Link>
      ))}
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
