import type { Knex } from 'knex';
import { toDue, type Book, type DueReservation } from './book';
import {
  n,
  toAccount,
  toTransfer,
  type AccountRecord,
  type AccountRow,
  type Kind,
  type TransferRecord,
} from './store';

/**
 * The engine's book on SQLite (issue 15): prepared statements on the one connection of knex's
 * pool, inside one `BEGIN IMMEDIATE` — the counterpart of PostgreSQL's one-round-trip functions.
 * While the engine runs, the connection is out of the pool, so nothing else in this process
 * touches the database; `IMMEDIATE` takes the write lock at BEGIN, so another process writing
 * the file makes this one wait (busy timeout) before it has read anything, never fail half-way.
 * Every statement answers at once: the engine's awaits cost a microtask each, not a round trip.
 *
 * Lists (a batch's keys, its accounts) are bound as one JSON array and read with `json_each`, so
 * each statement is prepared once per connection whatever the batch's size. Datetimes are
 * epoch milliseconds, as knex's better-sqlite3 client writes them.
 */

/** The part of a better-sqlite3 connection used here. */
interface Statement {
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  run(...params: unknown[]): { lastInsertRowid: number | bigint };
}
interface Connection {
  prepare(sql: string): Statement;
  exec(sql: string): unknown;
  readonly inTransaction: boolean;
}

const TRANSFER_WITH_CODES = `SELECT t.*, d.code AS debit_code, c.code AS credit_code
  FROM ledger_transfers t
  JOIN ledger_accounts d ON d.id = t.debit_account_id
  JOIN ledger_accounts c ON c.id = t.credit_account_id`;
// `kind = 'pending'` as written matches the partial index ledger_transfers_pending_due.
const DUE = `t.kind = 'pending' AND t.expires_at <= ?
  AND NOT EXISTS (SELECT 1 FROM ledger_transfers r WHERE r.pending_id = t.id)`;
const IN_LIST = 'IN (SELECT value FROM json_each(?))';

const SQL = {
  accounts: `SELECT id, code, unit, version, CAST(min_balance AS TEXT) AS min_balance,
    CAST(debits_pending AS TEXT) AS debits_pending, CAST(debits_posted AS TEXT) AS debits_posted,
    CAST(credits_pending AS TEXT) AS credits_pending, CAST(credits_posted AS TEXT) AS credits_posted
    FROM ledger_accounts WHERE code ${IN_LIST} ORDER BY id`,
  saveAccount: `UPDATE ledger_accounts SET debits_pending = ?, debits_posted = ?,
    credits_pending = ?, credits_posted = ?, version = ? WHERE id = ?`,
  transferById: `${TRANSFER_WITH_CODES} WHERE t.id = ?`,
  transfersByKey: `${TRANSFER_WITH_CODES} WHERE t.idempotency_key ${IN_LIST}`,
  resolutionOf: 'SELECT kind, idempotency_key FROM ledger_transfers WHERE pending_id = ?',
  isReversed: 'SELECT 1 FROM ledger_transfers WHERE reversal_of = ?',
  dueCounterparts: `SELECT c.code FROM ledger_transfers t
    JOIN ledger_accounts d ON d.id = t.debit_account_id
    JOIN ledger_accounts c ON c.id = t.credit_account_id
    WHERE d.code ${IN_LIST} AND ${DUE}`,
  dueReservations: `SELECT t.id, t.debit_account_id, t.credit_account_id, t.amount, t.unit
    FROM ledger_transfers t WHERE t.debit_account_id ${IN_LIST} AND ${DUE}`,
  insertTransfer: `INSERT INTO ledger_transfers (idempotency_key, kind, debit_account_id,
    credit_account_id, amount, unit, code, reference, pending_id, reversal_of, expires_at,
    created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  insertEntry: `INSERT INTO ledger_entries (transfer_id, account_id, amount, balance_after,
    account_version, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
} as const;

type Prepared = Record<keyof typeof SQL, Statement>;
const prepared = new WeakMap<Connection, Prepared>();

function statements(conn: Connection): Prepared {
  let p = prepared.get(conn);
  if (!p) {
    p = Object.fromEntries(
      Object.entries(SQL).map(([name, sql]) => [name, conn.prepare(sql)]),
    ) as Prepared;
    prepared.set(conn, p);
  }
  return p;
}

const ms = (d: Date | null | undefined) => (d ? d.valueOf() : null);

function sqliteBook(conn: Connection): Book {
  const s = statements(conn);
  return {
    lockAccounts(codes) {
      const rows = s.accounts.all(JSON.stringify([...new Set(codes)])) as AccountRecord[];
      return new Map(rows.map((r) => [r.code, toAccount(r)]));
    },
    saveAccounts(accounts: Map<string, AccountRow>) {
      for (const a of accounts.values()) {
        if (!a.dirty) continue;
        s.saveAccount.run(
          a.debits_pending,
          a.debits_posted,
          a.credits_pending,
          a.credits_posted,
          a.version,
          a.id,
        );
      }
    },
    transferById(id) {
      if (!Number.isSafeInteger(id)) return null;
      const row = s.transferById.get(id) as TransferRecord | undefined;
      return row ? toTransfer(row) : null;
    },
    transfersByKey(keys) {
      const rows = s.transfersByKey.all(JSON.stringify(keys)) as TransferRecord[];
      return new Map(rows.map((r) => [r.idempotency_key, toTransfer(r)]));
    },
    resolutionOf(pendingId) {
      const row = s.resolutionOf.get(pendingId) as
        | { kind: Kind; idempotency_key: string }
        | undefined;
      return row ? { kind: row.kind, key: row.idempotency_key } : null;
    },
    isReversed: (transferId) => s.isReversed.get(transferId) !== undefined,
    dueCounterparts(debitCodes, now) {
      const rows = s.dueCounterparts.all(JSON.stringify(debitCodes), now.valueOf());
      return (rows as { code: string }[]).map((r) => r.code);
    },
    dueReservations(debitIds, now): DueReservation[] {
      const rows = s.dueReservations.all(JSON.stringify(debitIds), now.valueOf());
      return (rows as Parameters<typeof toDue>[0][]).map(toDue);
    },
    insertTransfer(row) {
      const { lastInsertRowid } = s.insertTransfer.run(
        row.idempotency_key,
        row.kind,
        row.debit_account_id,
        row.credit_account_id,
        row.amount,
        row.unit,
        row.code ?? null,
        row.reference ?? null,
        row.pending_id ?? null,
        row.reversal_of ?? null,
        ms(row.expires_at),
        ms(row.created_at),
      );
      return n(lastInsertRowid);
    },
    insertEntries(rows) {
      for (const e of rows) {
        s.insertEntry.run(
          e.transfer_id,
          e.account_id,
          e.amount,
          e.balance_after,
          e.account_version,
          ms(e.created_at),
        );
      }
    },
  };
}

/**
 * Runs `work` on SQLite's connection inside one `BEGIN IMMEDIATE`: committed when it answers,
 * rolled back when it throws (a refusal writes nothing). Only outside a caller's transaction —
 * inside one the connection is the caller's, and the engine runs in it through knex.
 */
export async function onSqliteConnection<T>(
  knex: Knex,
  work: (book: Book) => Promise<T>,
): Promise<T> {
  const client = knex.client as {
    acquireConnection(): Promise<Connection>;
    releaseConnection(conn: Connection): Promise<unknown>;
  };
  const conn = await client.acquireConnection();
  try {
    conn.exec('BEGIN IMMEDIATE');
    try {
      const answer = await work(sqliteBook(conn));
      conn.exec('COMMIT');
      return answer;
    } catch (error) {
      if (conn.inTransaction) conn.exec('ROLLBACK');
      throw error;
    }
  } finally {
    await client.releaseConnection(conn);
  }
}
