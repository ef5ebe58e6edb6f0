import {
  DataTable,
  DateField,
  FunctionField,
  List,
  ReferenceField,
  SelectField,
  SelectArrayInput,
  useTranslate,
  type TranslateFunction,
} from 'react-admin';
import { actorText } from '../audit/describe';
import { TRANCHE_STATUSES, choices } from '../choices';
import { TrancheButtons } from '../grants/TrancheButtons';
import type { Tranche } from '../grants/types';
import { yuan } from '../money';
import { areaSubtreeFilter } from '../AreaSubtreeFilter';
import { columnsOf, useLabelledExporter, withRelatedNames } from '../exporters';

/**
 * Who approved, as the audit log says it: 系统/System for the seed's and the server's own
 * approvals (stored as `system`); nothing for a tranche not yet approved.
 */
const approverText = (name: unknown, translate: TranslateFunction) =>
  typeof name === 'string' && name ? actorText(name, translate) : '';

const c = columnsOf('grants-disbursements');

/** The CSV: the list's columns (the award by its project) and when each step happened. */
const columns = [
  c.related('award'),
  c.number('number'),
  c.text('label'),
  c.money('amount'),
  c.date('dueOn'),
  c.choice('status', 'trancheStatus'),
  c.custom('approvedBy', (r, t) => approverText(r.approvedBy, t)),
  c.dateTime('approvedAt'),
  c.dateTime('paidAt'),
  c.dateTime('cancelledAt'),
  c.text('note'),
];

/**
 * The disbursement queue: tranches to approve and to pay, across all awards. It opens on what
 * waits for staff (scheduled: to approve; approved: to pay), soonest due first; the status
 * filter takes any mix of statuses (paid and cancelled for the record).
 */
export function DisbursementList() {
  const translate = useTranslate();
  const exporter = useLabelledExporter(
    'grants-disbursements',
    columns,
    withRelatedNames('award', 'grants-awards', 'projectTitle'),
  );
  return (
    <List
      exporter={exporter}
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
        <DataTable.Col source="approvedBy">
          <FunctionField
            render={(r: Tranche & { approvedBy?: string | null }) =>
              approverText(r.approvedBy, translate)
            }
          />
        </DataTable.Col>
        <DataTable.Col label="linli.grants.actions">
          <FunctionField render={(r: Tranche) => <TrancheButtons tranche={r} />} />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
