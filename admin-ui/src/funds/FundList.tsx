import { DataTable, DateField, List, SearchInput, SelectField, SelectInput } from 'react-admin';
import { FUND_KINDS, FUND_STATUSES, choices } from '../choices';
import { areaSubtreeFilter } from '../AreaSubtreeFilter';

export function FundList() {
  return (
    <List
      sort={{ field: 'code', order: 'ASC' }}
      filters={[
        areaSubtreeFilter,
        <SearchInput key="q" source="q" alwaysOn />,
        <SelectInput key="kind" source="kind" choices={choices('fundKind', FUND_KINDS)} />,
      ]}
    >
      <DataTable bulkActionButtons={false}>
        <DataTable.Col source="code" />
        <DataTable.Col source="name" />
        <DataTable.Col source="kind">
          <SelectField source="kind" choices={choices('fundKind', FUND_KINDS)} />
        </DataTable.Col>
        <DataTable.Col source="status">
          <SelectField source="status" choices={choices('fundStatus', FUND_STATUSES)} />
        </DataTable.Col>
        <DataTable.Col source="openedOn">
          <DateField source="openedOn" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
