import {
  DataTable,
  DateField,
  FunctionField,
  List,
  ReferenceField,
  SelectField,
  SelectArrayInput,
} from 'react-admin';
import { TRANCHE_STATUSES, choices } from '../choices';
import { TrancheButtons } from '../grants/TrancheButtons';
import type { Tranche } from '../grants/types';
import { yuan } from '../money';
import { areaSubtreeFilter } from '../AreaSubtreeFilter';

/**
 * The disbursement queue: tranches to approve and to pay, across all awards. It opens on what
 * waits for staff (scheduled: to approve; approved: to pay), soonest due first; the status
 * filter takes any mix of statuses (paid and cancelled for the record).
 */
export function DisbursementList() {
  return (
    <List
      sort={{ field: 'dueOn', order: 'ASC' }}
      filterDefaultValues={{ status: ['scheduled', 'approved'] }}
      filters={[
        areaSubtreeFilter,
        <SelectArrayInput
          key="status"
          source="status"
          choices={choices('trancheStatus', TRANCHE_STATUSES)}
          alwaysOn
          sx={{ minWidth: 260 }}
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
