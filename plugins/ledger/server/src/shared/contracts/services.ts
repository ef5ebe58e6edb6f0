/**
 * What the ledger plugin offers other plugins through `strapi.plugin('ledger').service(name)`,
 * typed. Imported with `import type` only (the boundaries lint refuses anything else): the call
 * still goes through Strapi, never into ledger files, but a changed signature fails the caller's
 * compile.
 */
import type accounts from '../../services/accounts';
import type history from '../../services/history';
import type ledger from '../../services/ledger';
import type reconciliation from '../../services/reconciliation';
import type transfers from '../../services/transfers';

export type {
  AccountPeriod,
  Balance,
  Entry,
  Kind,
  PeriodEntry,
  Reconciliation,
  Transfer,
} from '../../services/ledger';
export type { AccountInput, ReserveInput, TransferInput } from '../../domain/transfer';

/** The ledger services other plugins may call, by service name. */
export interface LedgerServices {
  /** The whole ledger as one service: accounts, transfers, history and reconciliation. */
  ledger: ReturnType<typeof ledger>;
  /** Opening accounts and reading balances. */
  accounts: ReturnType<typeof accounts>;
  /** Transfers, batches, reservations (post/void), reversals and expiry. */
  transfers: ReturnType<typeof transfers>;
  /** A transfer, an account's entries, a period for statements. */
  history: ReturnType<typeof history>;
  reconciliation: ReturnType<typeof reconciliation>;
}
