import {
  DataTable,
  DateField,
  FunctionField,
  List,
  ReferenceField,
  SelectField,
  SelectInput,
} from 'react-admin';
import { TRANCHE_STATUSES, choices } from '../choices';
import { TrancheButtons } from '../grants/TrancheButtons';
import type { Tranche } from '../grants/types';
import { yuan } from '../money';
import { areaSubtreeFilter } from '../AreaSubtreeFilter';

/** The disbursement queue: tranches to approve and to pay, across all awards. */
export function DisbursementList() {
  return (
    <List
      sort={{ field: 'dueOn', order: 'ASC' }}
      filterDefaultValues={{ status: 'approved' }}
      filters={[
        areaSubtreeFilter,
        <SelectInput
          key="status"
          source="status"
          choices={choices('trancheStatus', TRANCHE_STATUSES)}
          alwaysOn
        />,
      ]}
    >
      <DataTable bulkActionButtons={false} rowClick={false}>
        <DataTable.Col source="award">
          <ReferenceField source="award.documentId" reference="grants-awards" link="show" />
        </DataTable.Col>
        <DataTable.Col source="label" />
        <DataTable.Col source="amount">
          <FunctionField render={(r: Tranche) => yuan(r.amount)} />
        </DataTable.Col>
        <DataTable.Col source="dueOn">
          <DateField source="dueOn" />
        </DataTable.Col>
        <DataTable.Col source="status">
          <SelectField source="status" choices={choices('trancheStatus', TRANCHE_STATUSES)} />
        </DataTable.Col>
        <DataTable.Col source="approvedBy" />
        <DataTable.Col label="linli.grants.actions">
          <FunctionField render={(r: Tranche) => <TrancheButtons tranche={r} />} />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
