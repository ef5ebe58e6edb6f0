import {
  DateField,
  FunctionField,
  ReferenceField,
  SelectField,
  Show,
  SimpleShowLayout,
  TextField,
} from 'react-admin';
import { TRANCHE_STATUSES, choices } from '../choices';
import { TrancheButtons } from '../grants/TrancheButtons';
import type { Tranche } from '../grants/types';
import { yuan } from '../money';

export function DisbursementShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <ReferenceField
          source="award.documentId"
          reference="grants-awards"
          link="show"
          label="resources.grants-disbursements.fields.award"
        />
        <TextField source="label" />
        <FunctionField source="amount" render={(r: Tranche) => yuan(r.amount)} />
        <DateField source="dueOn" />
        <SelectField source="status" choices={choices('trancheStatus', TRANCHE_STATUSES)} />
        <FunctionField render={(r: Tranche) => <TrancheButtons tranche={r} />} />
        <DateField source="approvedAt" showTime />
        <TextField source="approvedBy" />
        <DateField source="paidAt" showTime />
        <DateField source="cancelledAt" showTime />
        <TextField source="note" />
      </SimpleShowLayout>
    </Show>
  );
}
