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
  downloadCSV,
  useTranslate,
  type Exporter,
} from 'react-admin';
import { toCsv } from '../../../plugins/forms/server/src/domain/export-table';
import { fenToYuan } from '../../../plugins/forms/server/src/domain/money';
import { DONATION_CHANNELS, DONATION_STATUSES, choices } from '../choices';
import type { Donation } from '../grants/types';
import { fenOf, yuan } from '../money';
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

/**
 * The list's CSV as a person reads it: column headings in the user's language, statuses and
 * channels by name, the amount in yuan (a plain decimal an accountant's sheet sums), the fund
 * by name — never fen or internal keys.
 */
function useDonationExporter(): Exporter<Donation> {
  const translate = useTranslate();
  return (records) => {
    const field = (f: string) => translate(`resources.grants-donations.fields.${f}`);
    const columns = ['donatedOn', 'donorName', 'amount', 'channel', 'fund', 'status', 'receiptNo'];
    const rows = records.map((r) => {
      const fen = fenOf(r.amount);
      return [
        r.donatedOn ?? '',
        donorOf(r),
        fen === null ? '' : fenToYuan(fen),
        translate(`enums.donationChannel.${r.channel}`),
        r.fund?.name ?? '',
        translate(`enums.donationStatus.${r.status}`),
        r.receiptNo ?? '',
      ];
    });
    // toCsv starts with a byte-order mark (so Excel reads the Chinese) and defuses formulas.
    downloadCSV(
      toCsv({ header: columns.map(field), rows }),
      translate('resources.grants-donations.name', { smart_count: 2 }),
    );
  };
}

export function DonationList() {
  const exporter = useDonationExporter();
  return (
    <List
      exporter={exporter}
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
      <DataTable bulkActionButtons={false} rowClick="show">
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
