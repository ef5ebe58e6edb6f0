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
} from 'react-admin';
import { FUND_KINDS, FUND_STATUSES, choices } from '../choices';
import { areaSubtreeFilter } from '../AreaSubtreeFilter';
import type { Fund, FundBalances } from '../grants/types';
import { yuan } from '../money';
import { useRest } from '../rest';

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

export function FundList() {
  return (
    <List
      sort={{ field: 'code', order: 'ASC' }}
      filters={[
        areaSubtreeFilter,
        <SearchInput key="q" source="q" alwaysOn />,
        <SelectInput key="kind" source="kind" choices={choices('fundKind', FUND_KINDS)} />,
      ]}
    >
      <PageBalances>
        <DataTable bulkActionButtons={false}>
          <DataTable.Col source="code" />
          <DataTable.Col source="name" />
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
      </PageBalances>
    </List>
  );
}
