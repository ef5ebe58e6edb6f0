import {
  DataTable,
  DateField,
  FunctionField,
  ReferenceField,
  ReferenceManyField,
  SelectField,
  Show,
  SimpleShowLayout,
  TextField,
} from 'react-admin';
import { DONATION_STATUSES, FUND_KINDS, FUND_STATUSES, choices } from '../choices';
import type { Donation } from '../grants/types';
import { yuan } from '../money';
import { LocalisedName } from '../LocalisedName';
import { Balances } from './Balances';
import { Statement } from './Statement';

export function FundShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="code" />
        <LocalisedName zh="name" en="nameEn" label="resources.grants-funds.fields.name" />
        <SelectField source="kind" choices={choices('fundKind', FUND_KINDS)} />
        <TextField source="purpose" />
        <ReferenceField
          source="area.documentId"
          reference="cms-areas"
          link="show"
          label="resources.grants-funds.fields.area"
        />
        <DateField source="openedOn" />
        <SelectField source="status" choices={choices('fundStatus', FUND_STATUSES)} />
        <Balances />
        <Statement />
        <ReferenceManyField
          reference="grants-donations"
          target="fund"
          label="linli.money.fund_donations"
          sort={{ field: 'donatedOn', order: 'DESC' }}
        >
          <DataTable bulkActionButtons={false}>
            <DataTable.Col source="receiptNo" />
            <DataTable.Col source="donatedOn">
              <DateField source="donatedOn" />
            </DataTable.Col>
            <DataTable.Col source="amount">
              <FunctionField render={(r: Donation) => yuan(r.amount)} />
            </DataTable.Col>
            <DataTable.Col source="status">
              <SelectField source="status" choices={choices('donationStatus', DONATION_STATUSES)} />
            </DataTable.Col>
          </DataTable>
        </ReferenceManyField>
      </SimpleShowLayout>
    </Show>
  );
}
