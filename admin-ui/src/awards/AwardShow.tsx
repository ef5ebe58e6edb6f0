import {
  DateField,
  FunctionField,
  ReferenceField,
  SelectField,
  Show,
  SimpleShowLayout,
  TextField,
} from 'react-admin';
import { AWARD_STATUSES, choices } from '../choices';
import type { Award } from '../grants/types';
import { yuan } from '../money';
import { AwardPlan } from './AwardPlan';
import { AwardHours } from '../timebank/AwardHours';

export function AwardShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="projectTitle" />
        <TextField source="organisationName" />
        <SelectField source="status" choices={choices('awardStatus', AWARD_STATUSES)} />
        <ReferenceField
          source="round.documentId"
          reference="grants-rounds"
          link="show"
          label="resources.grants-awards.fields.round"
        />
        <ReferenceField
          source="fund.documentId"
          reference="grants-funds"
          link="show"
          label="resources.grants-awards.fields.fund"
        />
        <ReferenceField
          source="application.documentId"
          reference="grants-applications"
          link="show"
          label="resources.grants-awards.fields.application"
        />
        <FunctionField
          source="amount"
          render={(r: Award) => <span data-testid="award-amount-field">{yuan(r.amount)}</span>}
        />
        <FunctionField source="approved" render={(r: Award) => yuan(r.approved)} />
        <FunctionField
          source="paid"
          render={(r: Award) => <span data-testid="award-paid">{yuan(r.paid)}</span>}
        />
        <FunctionField
          source="returned"
          render={(r: Award) => <span data-testid="award-returned">{yuan(r.returned)}</span>}
        />
        <DateField source="awardedAt" showTime />
        <DateField source="closedAt" showTime />
        <AwardHours />
        <AwardPlan />
      </SimpleShowLayout>
    </Show>
  );
}
