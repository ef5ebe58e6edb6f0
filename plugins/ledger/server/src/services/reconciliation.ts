import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { big } from '../domain/exact';
import { n, store, toAccount, available, type AccountRow } from './internal/store';

/** Per-transfer and per-account sums of the entries, as `reconcile` selects them (sums as text). */
type TransferSum = { transfer_id: unknown; total: unknown; entries: unknown };
type AccountStats = {
  account_id: unknown;
  entries: unknown;
  version: unknown;
  credits: unknown;
  debits: unknown;
};

export interface Reconciliation {
  ok: boolean;
  checked: Record<string, number>;
  breaches: { check: string; detail: string }[];
}

/**
 * Every invariant of DESIGN.md §4, checked against the tables, each breach reported. Sums are
 * taken by the database and read as text, and every comparison is between bigints: a book off by
 * one fen above 2^53 is a breach like any other.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const db = store(strapi);
  return {
    /** `db` may be a transaction (tests break the books inside one and roll it back). */
    async reconcile(k: Knex = db.knex()): Promise<Reconciliation> {
      const breaches: { check: string; detail: string }[] = [];
      const accounts = (await k('ledger_accounts').select(...db.accountColumns(k))).map(toAccount);
      type Total = 'debits_pending' | 'debits_posted' | 'credits_pending' | 'credits_posted';
      for (const unit of ['fen', 'minute']) {
        const of = accounts.filter((a) => a.unit === unit);
        const sum = (t: Total) => of.reduce((s, a) => s + a[t], 0n);
        if (sum('debits_posted') !== sum('credits_posted')) {
          breaches.push({
            check: 'debits_equal_credits',
            detail: `${unit}: debits ${sum('debits_posted')} ≠ credits ${sum('credits_posted')}`,
          });
        }
        if (sum('debits_pending') !== sum('credits_pending')) {
          breaches.push({
            check: 'pending_debits_equal_credits',
            detail: `${unit}: ${sum('debits_pending')} ≠ ${sum('credits_pending')}`,
          });
        }
      }
      const perTransfer: TransferSum[] = await k('ledger_entries')
        .groupBy('transfer_id')
        .select(
          'transfer_id',
          k.raw('CAST(SUM(amount) AS TEXT) AS total'),
          k.raw('COUNT(*) AS entries'),
        );
      for (const t of perTransfer) {
        if (big(t.total) !== 0n || n(t.entries) !== 2)
          breaches.push({
            check: 'transfer_entries_balance',
            detail: `transfer ${t.transfer_id}: ${t.entries} entries summing to ${t.total}`,
          });
      }
      const movingKinds = ['posted', 'post_pending', 'reversal'];
      const withoutEntries = await k('ledger_transfers as t')
        .whereIn('t.kind', movingKinds)
        .whereNotExists(
          k('ledger_entries as e').whereRaw('e.transfer_id = t.id').select(k.raw('1')),
        )
        .count({ c: '*' });
      if (n((withoutEntries[0] as { c: unknown }).c) > 0)
        breaches.push({
          check: 'transfer_entries_balance',
          detail: `${(withoutEntries[0] as { c: unknown }).c} posted transfers without entries`,
        });
      const perAccount = await k('ledger_entries')
        .groupBy('account_id')
        .select(
          'account_id',
          k.raw('COUNT(*) AS entries'),
          k.raw('MAX(account_version) AS version'),
          k.raw('CAST(SUM(CASE WHEN amount > 0 THEN amount ELSE 0 END) AS TEXT) AS credits'),
          k.raw('CAST(SUM(CASE WHEN amount < 0 THEN -amount ELSE 0 END) AS TEXT) AS debits'),
        );
      const lastBalance = await k('ledger_entries as e')
        .join(
          k('ledger_entries')
            .groupBy('account_id')
            .select('account_id')
            .max({ v: 'account_version' })
            .as('m'),
          function join() {
            this.on('m.account_id', '=', 'e.account_id').andOn('m.v', '=', 'e.account_version');
          },
        )
        .select('e.account_id', k.raw('CAST(e.balance_after AS TEXT) AS balance_after'));
      const last = new Map<number, bigint>(
        lastBalance.map((r: { account_id: unknown; balance_after: unknown }) => [
          n(r.account_id),
          big(r.balance_after),
        ]),
      );
      const stats = new Map(perAccount.map((r: AccountStats) => [n(r.account_id), r]));
      const pending = await k('ledger_transfers as t')
        .where('t.kind', 'pending')
        .whereNotExists(
          k('ledger_transfers as r').whereRaw('r.pending_id = t.id').select(k.raw('1')),
        )
        .select('t.debit_account_id', 't.credit_account_id', 't.amount');
      const heldBy = new Map<number, { debits: bigint; credits: bigint }>();
      for (const p of pending) {
        const d = heldBy.get(n(p.debit_account_id)) ?? { debits: 0n, credits: 0n };
        d.debits += big(p.amount);
        heldBy.set(n(p.debit_account_id), d);
        const c = heldBy.get(n(p.credit_account_id)) ?? { debits: 0n, credits: 0n };
        c.credits += big(p.amount);
        heldBy.set(n(p.credit_account_id), c);
      }
      for (const a of accounts) checkAccount(a);
      function checkAccount(a: AccountRow) {
        const s = stats.get(a.id);
        const entries = s ? n(s.entries) : 0;
        if (entries !== a.version || (s && n(s.version) !== a.version)) {
          breaches.push({
            check: 'versions_contiguous',
            detail: `${a.code}: version ${a.version}, ${entries} entries, highest ${s?.version ?? 0}`,
          });
        }
        const balance = a.credits_posted - a.debits_posted;
        if ((last.get(a.id) ?? 0n) !== balance) {
          breaches.push({
            check: 'balance_equals_last_entry',
            detail: `${a.code}: balance ${balance}, last entry ${last.get(a.id) ?? 0n}`,
          });
        }
        const credits = s ? big(s.credits) : 0n;
        const debits = s ? big(s.debits) : 0n;
        if (credits !== a.credits_posted || debits !== a.debits_posted) {
          breaches.push({
            check: 'totals_equal_entries',
            detail: `${a.code}: totals ${a.debits_posted}/${a.credits_posted}, entries ${debits}/${credits}`,
          });
        }
        const held = heldBy.get(a.id) ?? { debits: 0n, credits: 0n };
        if (held.debits !== a.debits_pending || held.credits !== a.credits_pending) {
          breaches.push({
            check: 'pending_totals',
            detail: `${a.code}: pending ${a.debits_pending}/${a.credits_pending}, open reservations ${held.debits}/${held.credits}`,
          });
        }
        if (a.min_balance !== null && available(a) < a.min_balance) {
          breaches.push({
            check: 'within_limit',
            detail: `${a.code}: available ${available(a)} < ${a.min_balance}`,
          });
        }
      }
      return {
        ok: breaches.length === 0,
        checked: {
          accounts: accounts.length,
          transfers: perTransfer.length,
          openReservations: pending.length,
        },
        breaches,
      };
    },
  };
};
