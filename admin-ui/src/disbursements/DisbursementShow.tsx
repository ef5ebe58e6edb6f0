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
import { yuan } from '../money';

/* eslint-disable @typescript-eslint/no-explicit-any -- records and REST answers */

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
        <FunctionField source="amount" render={(r: any) => yuan(r.amount)} />
        <DateField source="dueOn" />
        <SelectField source="status" choices={choices('trancheStatus', TRANCHE_STATUSES)} />
        <FunctionField render={(r: any) => <TrancheButtons tranche={r} />} />
        <DateField source="approvedAt" showTime />
        <TextField source="approvedBy" />
        <DateField source="paidAt" showTime />
        <DateField source="cancelledAt" showTime />
        <TextField source="note" />
      </SimpleShowLayout>
    </Show>
  );
}
