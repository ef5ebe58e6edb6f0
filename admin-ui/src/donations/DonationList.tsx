import {
  AutocompleteInput,
  CreateButton,
  DataTable,
  DateField,
  ExportButton,
  FilterButton,
  FunctionField,
  List,
  ReferenceField,
  ReferenceInput,
  SearchInput,
  SelectField,
  SelectInput,
  TopToolbar,
} from 'react-admin';
import { DONATION_CHANNELS, DONATION_STATUSES, choices } from '../choices';
import type { Donation } from '../grants/types';
import { yuan } from '../money';
import { DisclosureButtons } from './DisclosureButtons';
import { donorOf } from './donorOf';
import { areaSubtreeFilter } from '../AreaSubtreeFilter';

const donationFilters = [
  areaSubtreeFilter,
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput
    key="status"
    source="status"
    choices={choices('donationStatus', DONATION_STATUSES)}
  />,
  <SelectInput
    key="channel"
    source="channel"
    choices={choices('donationChannel', DONATION_CHANNELS)}
  />,
  <ReferenceInput key="fund" source="fund" reference="grants-funds">
    <AutocompleteInput optionText="name" />
  </ReferenceInput>,
];

export function DonationList() {
  return (
    <List
      filters={donationFilters}
      sort={{ field: 'donatedOn', order: 'DESC' }}
      actions={
        <TopToolbar>
          <DisclosureButtons />
          <FilterButton />
          <CreateButton />
          <ExportButton />
        </TopToolbar>
      }
    >
      <DataTable bulkActionButtons={false}>
        <DataTable.Col source="donatedOn">
          <DateField source="donatedOn" />
        </DataTable.Col>
        <DataTable.Col source="donorKind" label="resources.grants-donations.fields.donorName">
          <FunctionField render={donorOf} />
        </DataTable.Col>
        <DataTable.Col source="amount">
          <FunctionField render={(r: Donation) => yuan(r.amount)} />
        </DataTable.Col>
        <DataTable.Col source="channel">
          <SelectField source="channel" choices={choices('donationChannel', DONATION_CHANNELS)} />
        </DataTable.Col>
        <DataTable.Col source="fund">
          <ReferenceField source="fund.documentId" reference="grants-funds" link="show" />
        </DataTable.Col>
        <DataTable.Col source="status">
          <SelectField source="status" choices={choices('donationStatus', DONATION_STATUSES)} />
        </DataTable.Col>
        <DataTable.Col source="receiptNo" />
      </DataTable>
    </List>
  );
}
