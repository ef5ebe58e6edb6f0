import {
  AutocompleteInput,
  DataTable,
  DateField,
  FunctionField,
  List,
  ReferenceInput,
  SearchInput,
  SelectField,
  SelectInput,
} from 'react-admin';
import { AWARD_STATUSES, choices } from '../choices';
import type { Award } from '../grants/types';
import { columnsOf, useLabelledExporter } from '../exporters';
import { yuan } from '../money';
import { areaSubtreeFilter } from '../AreaSubtreeFilter';

const c = columnsOf('grants-awards');

/** The CSV: the award's project and grantee, where the money came from and where it stands. */
const columns = [
  c.text('projectTitle'),
  c.text('organisationName'),
  c.related('round'),
  c.related('fund'),
  c.money('amount'),
  c.money('approved'),
  c.money('paid'),
  c.money('returned'),
  c.choice('status', 'awardStatus'),
  c.dateTime('awardedAt'),
  c.dateTime('closedAt'),
];

export function AwardList() {
  const exporter = useLabelledExporter('grants-awards', columns);
  return (
    <List
      exporter={exporter}
      sort={{ field: 'awardedAt', order: 'DESC' }}
      filters={[
        areaSubtreeFilter,
        <SearchInput key="q" source="q" alwaysOn />,
        <SelectInput
          key="status"
          source="status"
          choices={choices('awardStatus', AWARD_STATUSES)}
        />,
        <ReferenceInput key="round" source="round" reference="grants-rounds">
          <AutocompleteInput optionText="title" />
        </ReferenceInput>,
      ]}
    >
      <DataTable bulkActionButtons={false}>
        <DataTable.Col source="projectTitle" />
        <DataTable.Col source="organisationName" />
        <DataTable.Col source="amount">
          <FunctionField render={(r: Award) => yuan(r.amount)} />
        </DataTable.Col>
        <DataTable.Col source="paid">
          <FunctionField render={(r: Award) => yuan(r.paid)} />
        </DataTable.Col>
        <DataTable.Col source="status">
          <SelectField source="status" choices={choices('awardStatus', AWARD_STATUSES)} />
        </DataTable.Col>
        <DataTable.Col source="awardedAt">
          <DateField source="awardedAt" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
