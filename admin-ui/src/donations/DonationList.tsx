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
  useTranslate,
  type TranslateFunction,
} from 'react-admin';
import { DONATION_CHANNELS, DONATION_STATUSES, choices } from '../choices';
import type { Donation } from '../grants/types';
import { columnsOf, useLabelledExporter } from '../exporters';
import { yuan } from '../money';
import { DisclosureButtons } from './DisclosureButtons';
import { donorOf } from './donorOf';
import { areaSubtreeFilter } from '../AreaSubtreeFilter';
import { PhoneOr } from '../PhoneList';

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

/** The donor by name; an anonymous gift says so (匿名), as the donor kind does elsewhere. */
const donorText = (r: Donation, translate: TranslateFunction) =>
  r.donorKind === 'anonymous' ? translate('enums.donorKind.anonymous') : donorOf(r);

const c = columnsOf<Donation>('grants-donations');

/**
 * The list's CSV as a person reads it: column headings in the user's language, statuses and
 * channels by name, the amount in yuan (a plain decimal an accountant's sheet sums), the fund
 * by name — never fen or internal keys.
 */
const donationColumns = [
  c.date('donatedOn'),
  c.custom('donorName', donorText),
  c.money('amount'),
  c.choice('channel', 'donationChannel'),
  c.related('fund'),
  c.choice('status', 'donationStatus'),
  c.text('receiptNo'),
];

export function DonationList() {
  const exporter = useLabelledExporter('grants-donations', donationColumns);
  const translate = useTranslate();
  return (
    <List
      exporter={exporter}
      filters={donationFilters}
      sort={{ field: 'donatedOn', order: 'DESC' }}
      actions={
        <TopToolbar sx={{ flexWrap: 'wrap' }}>
          <DisclosureButtons />
          <FilterButton />
          <CreateButton />
          <ExportButton />
        </TopToolbar>
      }
    >
      <PhoneOr
        primaryText={(r: Donation) => donorText(r, translate)}
        secondaryText={
          <ReferenceField source="fund.documentId" reference="grants-funds" link={false} />
        }
        tertiaryText={(r: Donation) => yuan(r.amount)}
      >
        <DataTable bulkActionButtons={false} rowClick="show">
          <DataTable.Col source="donatedOn">
            <DateField source="donatedOn" />
          </DataTable.Col>
          <DataTable.Col source="donorKind" label="resources.grants-donations.fields.donorName">
            <FunctionField render={(r: Donation) => donorText(r, translate)} />
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
      </PhoneOr>
    </List>
  );
}
