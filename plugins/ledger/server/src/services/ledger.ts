import type { Core } from '@strapi/strapi';
import accounts from './accounts';
import history from './history';
import reconciliation from './reconciliation';
import transfers from './transfers';

export type { Balance, Kind, Transfer } from './internal/store';
export type { AccountPeriod, Entry, PeriodEntry } from './history';
export type { Reconciliation } from './reconciliation';

/**
 * The ledger as one service, `strapi.plugin('ledger').service('ledger')`, for the plugins that
 * call it (grants, time-bank): the union of its parts, each also a service of its own —
 * `accounts` (open, balance), `transfers` (transfers, batches, reservations, post/void,
 * reversals, expiry), `history` (a transfer, an account's entries, a period for statements) and
 * `reconciliation`. The engine they share is in ./internal.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  ...accounts({ strapi }),
  ...transfers({ strapi }),
  ...history({ strapi }),
  ...reconciliation({ strapi }),
});
