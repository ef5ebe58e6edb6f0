import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { big, figure, type Figure } from '../domain/exact';
import { LedgerError } from '../domain/errors';
import { n, store, toAccount, type Transfer } from './internal/store';

/** A ledger_entries row joined with its transfer, as `history` selects it. */
type EntryRecord = {
  id: unknown;
  amount: unknown;
  balance_after: unknown;
  account_version: unknown;
  created_at: string | number | Date;
  transfer_id: unknown;
  idempotency_key: string;
  kind: string;
  code: string | null;
  reference: string | null;
};

/** A ledger_entries row joined with its transfer, as `period` selects it. */
type PeriodRecord = {
  account_id: unknown;
  amount: unknown;
  created_at: string | number | Date;
  transfer_id: unknown;
  kind: string;
  code: string | null;
  reference: string | null;
  reversal_of: unknown;
};

export interface Entry {
  id: number;
  amount: number;
  balanceAfter: Figure;
  version: number;
  createdAt: string;
  transfer: {
    id: number;
    key: string;
    kind: string;
    code: string | null;
    reference: string | null;
  };
}

/** One account's side of a period (see `period`). */
export interface AccountPeriod {
  code: string;
  /** The balance before the period starts: the balance-after of the last entry before `from`. */
  opening: Figure;
  /** The balance before `to` (the period's end, exclusive). */
  closing: Figure;
  /** The account's posted balance now, from its totals. */
  posted: Figure;
}

/** An entry of a period, with what its transfer was (for a statement's kinds of movement). */
export interface PeriodEntry {
  account: string;
  amount: number;
  transferId: number;
  kind: string;
  code: string | null;
  reference: string | null;
  /** For a reversal: the transfer it reverses. */
  reversalOf: number | null;
  createdAt: string;
}

/** Reading what happened: a transfer, an account's entries page by page, a period's movements. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const db = store(strapi);

  async function balanceBefore(k: Knex, accountId: number, before: Date): Promise<bigint> {
    const row = await k('ledger_entries')
      .where('account_id', accountId)
      .andWhere('created_at', '<', before)
      .orderBy('account_version', 'desc')
      .first(k.raw('CAST(balance_after AS TEXT) AS balance_after'));
    return row ? big(row.balance_after) : 0n;
  }

  return {
    async getTransfer(id: number): Promise<Transfer> {
      const t = Number.isSafeInteger(id)
        ? await db.reading((k) => db.loadTransfer(k, { 't.id': id }))
        : null;
      if (!t) throw new LedgerError('transfer_not_found', String(id));
      return t;
    },

    /** An account's entries in order, a page at a time: `after` is the last entry id seen. */
    async history(
      code: string,
      after = 0,
      limit = 100,
    ): Promise<{ entries: Entry[]; next: number | null }> {
      const k = db.knex();
      const account = await k('ledger_accounts').where('code', code).first('id');
      if (!account) throw new LedgerError('account_not_found', code);
      const from = Math.max(0, Math.floor(Number(after) || 0));
      const rows = await k('ledger_entries as e')
        .join('ledger_transfers as t', 't.id', 'e.transfer_id')
        .where('e.account_id', account.id)
        .where('e.id', '>', Number.isSafeInteger(from) ? from : Number.MAX_SAFE_INTEGER)
        .orderBy('e.id')
        .limit(Math.min(500, Math.max(1, Math.floor(Number(limit) || 100))))
        .select(
          'e.id',
          'e.amount',
          k.raw('CAST(e.balance_after AS TEXT) AS balance_after'),
          'e.account_version',
          'e.created_at',
          't.id as transfer_id',
          't.idempotency_key',
          't.kind',
          't.code',
          't.reference',
        );
      const entries: Entry[] = rows.map((r: EntryRecord) => ({
        id: n(r.id),
        amount: n(r.amount),
        balanceAfter: figure(big(r.balance_after)),
        version: n(r.account_version),
        createdAt: new Date(r.created_at).toISOString(),
        transfer: {
          id: n(r.transfer_id),
          key: r.idempotency_key,
          kind: r.kind,
          code: r.code ?? null,
          reference: r.reference ?? null,
        },
      }));
      return { entries, next: entries.length ? entries[entries.length - 1]!.id : null };
    },

    /**
     * An account's entries newest first, a page at a time (a passbook's screen): `before` is the
     * last account version seen, 0 for the first page. Keyset on UNIQUE(account, version), so a
     * page costs the same at the ten-millionth entry as at the first.
     */
    async recent(
      code: string,
      before = 0,
      limit = 50,
    ): Promise<{ entries: Entry[]; next: number | null }> {
      const k = db.knex();
      const account = await k('ledger_accounts').where('code', code).first('id');
      if (!account) throw new LedgerError('account_not_found', code);
      const size = Math.min(500, Math.max(1, Math.floor(Number(limit) || 50)));
      const below = Math.floor(Number(before) || 0);
      const query = k('ledger_entries as e')
        .join('ledger_transfers as t', 't.id', 'e.transfer_id')
        .where('e.account_id', account.id);
      if (below > 0 && Number.isSafeInteger(below)) query.where('e.account_version', '<', below);
      const rows = await query
        .orderBy('e.account_version', 'desc')
        .limit(size + 1)
        .select(
          'e.id',
          'e.amount',
          k.raw('CAST(e.balance_after AS TEXT) AS balance_after'),
          'e.account_version',
          'e.created_at',
          't.id as transfer_id',
          't.idempotency_key',
          't.kind',
          't.code',
          't.reference',
        );
      const more = rows.length > size;
      const entries: Entry[] = rows.slice(0, size).map((r: EntryRecord) => ({
        id: n(r.id),
        amount: n(r.amount),
        balanceAfter: figure(big(r.balance_after)),
        version: n(r.account_version),
        createdAt: new Date(r.created_at).toISOString(),
        transfer: {
          id: n(r.transfer_id),
          key: r.idempotency_key,
          kind: r.kind,
          code: r.code ?? null,
          reference: r.reference ?? null,
        },
      }));
      return { entries, next: more ? entries[entries.length - 1]!.version : null };
    },

    /**
     * What a statement needs of some accounts over [from, to): each account's balance at both
     * edges and now, and every entry in between with its transfer's kind, code and reference.
     * Accounts that do not exist are left out. Read in the caller's transaction, if any.
     */
    async period(
      codes: string[],
      from: Date,
      to: Date,
    ): Promise<{ accounts: AccountPeriod[]; entries: PeriodEntry[] }> {
      return db.reading(async (k) => {
        const rows = codes.length
          ? await k('ledger_accounts')
              .whereIn('code', codes)
              .select(...db.accountColumns(k))
          : [];
        const accounts = rows.map(toAccount);
        const codeOf = new Map(accounts.map((a) => [a.id, a.code]));
        const sides: AccountPeriod[] = [];
        for (const a of accounts) {
          sides.push({
            code: a.code,
            opening: figure(await balanceBefore(k, a.id, from)),
            closing: figure(await balanceBefore(k, a.id, to)),
            posted: figure(a.credits_posted - a.debits_posted),
          });
        }
        const entries = accounts.length
          ? await k('ledger_entries as e')
              .join('ledger_transfers as t', 't.id', 'e.transfer_id')
              .whereIn(
                'e.account_id',
                accounts.map((a) => a.id),
              )
              .andWhere('e.created_at', '>=', from)
              .andWhere('e.created_at', '<', to)
              .orderBy('e.id')
              .select(
                'e.account_id',
                'e.amount',
                'e.created_at',
                't.id as transfer_id',
                't.kind',
                't.code',
                't.reference',
                't.reversal_of',
              )
          : [];
        return {
          accounts: sides,
          entries: entries.map((e: PeriodRecord) => ({
            account: codeOf.get(n(e.account_id)) as string,
            amount: n(e.amount),
            transferId: n(e.transfer_id),
            kind: e.kind,
            code: e.code ?? null,
            reference: e.reference ?? null,
            reversalOf:
              e.reversal_of === null || e.reversal_of === undefined ? null : n(e.reversal_of),
            createdAt: new Date(e.created_at).toISOString(),
          })),
        };
      });
    },
  };
};
