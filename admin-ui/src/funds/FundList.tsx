import { createContext, useContext, type ReactNode } from 'react';
import {
  DataTable,
  DateField,
  List,
  SearchInput,
  SelectField,
  SelectInput,
  useListContext,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { FUND_KINDS, FUND_STATUSES, choices } from '../choices';
import { LocalisedName } from '../LocalisedName';
import { areaSubtreeFilter } from '../AreaSubtreeFilter';
import { PhoneOr } from '../PhoneList';
import type { Fund, FundBalances } from '../grants/types';
import { yuan } from '../money';
import { restJson, useRest } from '../rest';
import { columnsOf, moneyCell, useLabelledExporter, type Column } from '../exporters';

const BalancesContext = createContext<Record<string, FundBalances> | null>(null);

/**
 * The balances of the funds on the page, in one request for the whole page (the server reads
 * them from the ledger, scoped like the list): not one request per row.
 */
function PageBalances({ children }: { children: ReactNode }) {
  const { data } = useListContext<Fund>();
  const ids = (data ?? []).map((f) => f.id).join(',');
  const balances = useRest<Record<string, FundBalances>>(
    ids ? `/api/grants/funds/balances?ids=${encodeURIComponent(ids)}` : null,
  );
  return <BalancesContext.Provider value={balances}>{children}</BalancesContext.Provider>;
}

function BalanceCell({ of }: { of: keyof FundBalances }) {
  const record = useRecordContext<Fund>();
  const balances = useContext(BalancesContext);
  const fen = record ? balances?.[record.id]?.[of] : undefined;
  return <span data-testid={`fund-${of}`}>{fen === undefined ? '…' : yuan(fen)}</span>;
}

type FundRow = Fund & { balances?: FundBalances };

/** The funds with their balances, read as the list reads them (at most 100 ids a request). */
async function withBalances(records: FundRow[]): Promise<FundRow[]> {
  const all: Record<string, FundBalances> = {};
  for (let i = 0; i < records.length; i += 100) {
    const ids = records.slice(i, i + 100).map((f) => f.id);
    Object.assign(
      all,
      await restJson<Record<string, FundBalances>>(
        `/api/grants/funds/balances?ids=${encodeURIComponent(ids.join(','))}`,
      ),
    );
  }
  return records.map((f) => ({ ...f, balances: all[f.id] }));
}

const c = columnsOf<FundRow>('grants-funds');

/** The CSV: the list's columns, balances in yuan as of the export, the community and purpose. */
const columns: Column<FundRow>[] = [
  c.text('code'),
  c.text('name'),
  c.choice('kind', 'fundKind'),
  c.choice('status', 'fundStatus'),
  ...(['available', 'committed', 'paid'] as const).map(
    (of): Column<FundRow> => ({
      header: `linli.money.${of}`,
      kind: 'number',
      cell: (r) => moneyCell(r.balances?.[of]),
    }),
  ),
  c.date('openedOn'),
  c.related('area'),
  c.text('purpose'),
];

export function FundList() {
  const translate = useTranslate();
  const exporter = useLabelledExporter('grants-funds', columns, withBalances);
  return (
    <List
      exporter={exporter}
      sort={{ field: 'code', order: 'ASC' }}
      filters={[
        areaSubtreeFilter,
        <SearchInput key="q" source="q" alwaysOn />,
        <SelectInput key="kind" source="kind" choices={choices('fundKind', FUND_KINDS)} />,
      ]}
    >
      <PageBalances>
        <PhoneOr
          primaryText={<LocalisedName zh="name" en="nameEn" />}
          secondaryText={(r: Fund) => r.code}
          tertiaryText={() => (
            <>
              {translate('linli.money.available')} <BalanceCell of="available" />
            </>
          )}
        >
          <DataTable bulkActionButtons={false}>
            <DataTable.Col source="code" />
            <DataTable.Col source="name">
              <LocalisedName zh="name" en="nameEn" />
            </DataTable.Col>
            <DataTable.Col source="kind">
              <SelectField source="kind" choices={choices('fundKind', FUND_KINDS)} />
            </DataTable.Col>
            <DataTable.Col source="status">
              <SelectField source="status" choices={choices('fundStatus', FUND_STATUSES)} />
            </DataTable.Col>
            {(['available', 'committed', 'paid'] as const).map((of) => (
              <DataTable.Col
                key={of}
                label={`linli.money.${of}`}
                disableSort
                sx={{ textAlign: 'right' }}
              >
                <BalanceCell of={of} />
              </DataTable.Col>
            ))}
            <DataTable.Col source="openedOn">
              <DateField source="openedOn" />
            </DataTable.Col>
          </DataTable>
        </PhoneOr>
      </PageBalances>
    </List>
  );
}
