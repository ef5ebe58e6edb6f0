import {
  DataTable,
  DateField,
  DateTimeInput,
  FunctionField,
  List,
  SearchInput,
  SelectField,
  SelectInput,
  Show,
  SimpleShowLayout,
  TextField,
  TextInput,
} from 'react-admin';
import { choices } from '../choices';
import { areaSubtreeFilter } from '../AreaSubtreeFilter';

/** The audit log, read-only: who changed which record, when, and what it was before and after. */
const ACTIONS = ['create', 'update', 'delete'] as const;
const ACTOR_TYPES = ['user', 'admin', 'api-token', 'system'] as const;
const CONTENT_TYPES = ['area', 'grid', 'compound', 'person', 'organisation', 'incubation'].map(
  (t) => ({
    id: `plugin::cms.${t}`,
    name: `resources.cms-${t === 'person' ? 'people' : `${t}s`}.name`,
  }),
);

const filters = [
  areaSubtreeFilter,
  <SearchInput key="q" source="q" alwaysOn />,
  <TextInput key="recordId" source="recordId" />,
  <TextInput key="actorName" source="actorName" />,
  <SelectInput key="contentType" source="contentType" choices={CONTENT_TYPES} />,
  <SelectInput key="action" source="action" choices={choices('action', ACTIONS)} />,
  <DateTimeInput key="occurredAt_gte" source="occurredAt_gte" label="linli.filter.from" />,
  <DateTimeInput key="occurredAt_lte" source="occurredAt_lte" label="linli.filter.to" />,
];

const json = (value: unknown) => (value == null ? '' : JSON.stringify(value, null, 2));

export const AuditList = () => (
  <List filters={filters} sort={{ field: 'occurredAt', order: 'DESC' }}>
    <DataTable bulkActionButtons={false} rowClick="show">
      <DataTable.Col source="occurredAt">
        <DateField source="occurredAt" showTime />
      </DataTable.Col>
      <DataTable.Col source="action">
        <SelectField source="action" choices={choices('action', ACTIONS)} />
      </DataTable.Col>
      <DataTable.Col source="contentType">
        <SelectField source="contentType" choices={CONTENT_TYPES} />
      </DataTable.Col>
      <DataTable.Col source="recordId" />
      <DataTable.Col
        source="fields"
        render={(r: { fields?: string[] }) => (r.fields ?? []).join(', ')}
      />
      <DataTable.Col source="actorName" />
    </DataTable>
  </List>
);

export const AuditShow = () => (
  <Show>
    <SimpleShowLayout>
      <DateField source="occurredAt" showTime />
      <SelectField source="action" choices={choices('action', ACTIONS)} />
      <SelectField source="contentType" choices={CONTENT_TYPES} />
      <TextField source="recordId" />
      <SelectField source="actorType" choices={choices('actorType', ACTOR_TYPES)} />
      <TextField source="actorName" />
      <FunctionField
        source="fields"
        render={(r: { fields?: string[] }) => (r.fields ?? []).join(', ')}
      />
      <FunctionField
        source="before"
        render={(r: { before?: unknown }) => <pre>{json(r.before)}</pre>}
      />
      <FunctionField
        source="after"
        render={(r: { after?: unknown }) => <pre>{json(r.after)}</pre>}
      />
    </SimpleShowLayout>
  </Show>
);
