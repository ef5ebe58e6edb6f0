import type { Knex } from 'knex';
import {
  n,
  toTransfer,
  type AccountRow,
  type Kind,
  type Store,
  type Transfer,
  type TransferInsert,
  type TransferRecord,
} from './store';

/** A value now (SQLite's prepared statements) or later (knex). */
export type Maybe<T> = T | Promise<T>;

/** An entry as appended: one side of a posted movement. */
export type EntryInsert = {
  transfer_id: number;
  account_id: number;
  amount: number;
  balance_after: bigint;
  account_version: number;
  created_at: Date;
};

/** A reservation whose time has run out and that nothing has settled yet. */
export type DueReservation = {
  id: number;
  debitId: number;
  creditId: number;
  amount: number;
  unit: string;
};

/**
 * Everything the engine reads and writes inside one transaction (issue 15). The engine's steps
 * (execute.ts, transfer-op.ts, pending-op.ts, reversal-op.ts) are written once against it; there
 * are two of them: knex in a transaction (PostgreSQL when its functions hand a request back, and
 * any call inside a caller's transaction) and SQLite's prepared statements on one connection in
 * one `BEGIN IMMEDIATE` (sqlite-book.ts), where every answer is already there when asked for.
 */
export interface Book {
  /** The accounts with these codes, in id order, locked until the transaction ends. */
  lockAccounts(codes: string[]): Maybe<Map<string, AccountRow>>;
  /** Writes back the totals of the accounts a transaction changed. */
  saveAccounts(accounts: Map<string, AccountRow>): Maybe<void>;
  transferById(id: number): Maybe<Transfer | null>;
  /** The transfers already made under these keys: one read for a whole batch. */
  transfersByKey(keys: string[]): Maybe<Map<string, Transfer>>;
  /** What settled a reservation, if anything has. */
  resolutionOf(pendingId: number): Maybe<{ kind: Kind; key: string } | null>;
  isReversed(transferId: number): Maybe<boolean>;
  /** The credit accounts of due reservations debiting these accounts (to lock them too). */
  dueCounterparts(debitCodes: string[], now: Date): Maybe<string[]>;
  /** The due reservations debiting these accounts. */
  dueReservations(debitIds: number[], now: Date): Maybe<DueReservation[]>;
  insertTransfer(row: TransferInsert): Maybe<number>;
  insertEntries(rows: [EntryInsert, EntryInsert]): Maybe<void>;
}

/** A reservation that is due: pending, expired, not yet posted or voided. */
function dueReservations(db: Knex) {
  return db('ledger_transfers as t')
    .where('t.kind', 'pending')
    .whereNotNull('t.expires_at')
    .whereNotExists(
      db('ledger_transfers as r').whereRaw('r.pending_id = t.id').select(db.raw('1')),
    );
}

/** The engine's book through knex, in `trx` (a transaction: the caller's or the engine's own). */
export function knexBook(trx: Knex, store: Store): Book {
  const withCodes = (db: Knex) =>
    db('ledger_transfers as t')
      .join('ledger_accounts as d', 'd.id', 't.debit_account_id')
      .join('ledger_accounts as c', 'c.id', 't.credit_account_id');
  return {
    lockAccounts: (codes) => store.lockAccounts(trx, codes),
    saveAccounts: (accounts) => store.saveAccounts(trx, accounts),
    transferById: (id) =>
      Number.isSafeInteger(id) ? store.loadTransfer(trx, { 't.id': id }) : null,
    async transfersByKey(keys) {
      const rows = await withCodes(trx)
        .whereIn('t.idempotency_key', keys)
        .select('t.*', 'd.code as debit_code', 'c.code as credit_code');
      return new Map(rows.map((r: TransferRecord) => [r.idempotency_key, toTransfer(r)]));
    },
    async resolutionOf(pendingId) {
      const row = await trx('ledger_transfers')
        .where('pending_id', pendingId)
        .first('kind', 'idempotency_key');
      return row ? { kind: row.kind, key: row.idempotency_key } : null;
    },
    async isReversed(transferId) {
      return Boolean(await trx('ledger_transfers').where('reversal_of', transferId).first('id'));
    },
    async dueCounterparts(debitCodes, now) {
      const rows = await dueReservations(trx)
        .join('ledger_accounts as d', 'd.id', 't.debit_account_id')
        .join('ledger_accounts as c', 'c.id', 't.credit_account_id')
        .whereIn('d.code', debitCodes)
        .where('t.expires_at', '<=', now)
        .select('c.code');
      return rows.map((r: { code: string }) => r.code);
    },
    async dueReservations(debitIds, now) {
      const rows = await dueReservations(trx)
        .whereIn('t.debit_account_id', debitIds)
        .where('t.expires_at', '<=', now)
        .select('t.id', 't.debit_account_id', 't.credit_account_id', 't.amount', 't.unit');
      return rows.map(toDue);
    },
    insertTransfer: (row) => store.insertTransfer(trx, row),
    async insertEntries(rows) {
      await trx('ledger_entries').insert(rows);
    },
  };
}

export const toDue = (r: {
  id: unknown;
  debit_account_id: unknown;
  credit_account_id: unknown;
  amount: unknown;
  unit: string;
}): DueReservation => ({
  id: n(r.id),
  debitId: n(r.debit_account_id),
  creditId: n(r.credit_account_id),
  amount: n(r.amount),
  unit: r.unit,
});
