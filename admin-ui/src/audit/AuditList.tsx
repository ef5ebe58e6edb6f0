import {
  DataTable,
  DateField,
  DateTimeInput,
  FunctionField,
  List,
  SearchInput,
  SelectInput,
  TextInput,
  useTranslate,
} from 'react-admin';
import { areaSubtreeFilter } from '../AreaSubtreeFilter';
import { choices } from '../choices';
import { useRest } from '../rest';
import { TYPE_RESOURCE } from './describe';
import {
  ActorName,
  FieldNames,
  RecordName,
  useActionName,
  useTypeName,
  type AuditEntry,
} from './parts';

const ACTIONS = ['create', 'update', 'delete', 'view'] as const;

/**
 * The record types the viewer may filter by: those whose entries the server lets them read
 * (GET /api/cms/audit-entries/types), every plugin's, named in the user's language.
 */
function useTypeChoices() {
  const types = useRest<string[]>('/api/cms/audit-entries/types');
  const typeName = useTypeName();
  // In the order the console's menu has them: places and people, forms, then the foundation's.
  const order = Object.keys(TYPE_RESOURCE);
  const rank = (uid: string) => (order.includes(uid) ? order.indexOf(uid) : order.length);
  return [...(types ?? [])]
    .sort((a, b) => rank(a) - rank(b))
    .map((uid) => ({ id: uid, name: typeName(uid) }));
}

export function AuditList() {
  const translate = useTranslate();
  const typeChoices = useTypeChoices();
  const actionName = useActionName();
  const typeName = useTypeName();
  const filters = [
    <SearchInput key="q" source="q" alwaysOn />,
    areaSubtreeFilter,
    <SelectInput
      key="contentType"
      source="contentType"
      choices={typeChoices}
      translateChoice={false}
      alwaysOn
    />,
    <SelectInput key="action" source="action" choices={choices('action', ACTIONS)} />,
    <TextInput key="actorName" source="actorName" />,
    <DateTimeInput key="occurredAt_gte" source="occurredAt_gte" label="linli.filter.from" />,
    <DateTimeInput key="occurredAt_lte" source="occurredAt_lte" label="linli.filter.to" />,
  ];
  return (
    <List filters={filters} sort={{ field: 'occurredAt', order: 'DESC' }} exporter={false}>
      <DataTable bulkActionButtons={false} rowClick="show">
        <DataTable.Col source="occurredAt">
          <DateField source="occurredAt" showTime />
        </DataTable.Col>
        <DataTable.Col
          source="contentType"
          render={(entry: AuditEntry) => typeName(entry.contentType)}
        />
        <DataTable.Col source="recordLabel" label="resources.cms-audit-entries.fields.recordLabel">
          <RecordName />
        </DataTable.Col>
        <DataTable.Col source="action" render={(entry: AuditEntry) => actionName(entry)} />
        <DataTable.Col source="fields" disableSort>
          <FunctionField render={() => <FieldNames />} />
        </DataTable.Col>
        <DataTable.Col
          source="actorName"
          label={translate('resources.cms-audit-entries.fields.actorName')}
        >
          <ActorName />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
