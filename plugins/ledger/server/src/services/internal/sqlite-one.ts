import type { Knex } from 'knex';
import { LedgerError } from '../../domain/errors';
import type { TransferInput } from '../../domain/transfer';
import { assertCanDebit, move } from './moves';
import { madeFrom, mustHave, n, toAccount, type AccountRecord, type Transfer } from './store';

/**
 * One posted transfer on SQLite as one synchronous `BEGIN IMMEDIATE` transaction of prepared
 * statements (issue 15), the counterpart of PostgreSQL's `ledger_post_one`: the connection is
 * taken from knex's pool (SQLite's has one, so nothing else runs on it meanwhile), the write lock
 * is taken at BEGIN (another process writing the file makes this one wait, never fail half-way),
 * and the checks are the engine's own (moves.ts) on the accounts as read. A refusal throws inside
 * the transaction, which rolls it back: nothing is written.
 *
 * What the engine must answer it hands back (null): a key already used (a replay or a conflict),
 * and a reservation on these accounts whose time has run out (the engine voids it first).
 */

/** The part of a better-sqlite3 connection used here. */
interface Statement {
  get(...params: unknown[]): unknown;
  run(...params: unknown[]): { lastInsertRowid: number | bigint };
}
interface Connection {
  prepare(sql: string): Statement;
  transaction<T>(fn: () => T): { immediate(): T };
}

const SQL = {
  keyUsed: 'SELECT 1 FROM ledger_transfers WHERE idempotency_key = ?',
  account: `SELECT id, code, unit, version, CAST(min_balance AS TEXT) AS min_balance,
    CAST(debits_pending AS TEXT) AS debits_pending, CAST(debits_posted AS TEXT) AS debits_posted,
    CAST(credits_pending AS TEXT) AS credits_pending, CAST(credits_posted AS TEXT) AS credits_posted
    FROM ledger_accounts WHERE code = ?`,
  due: `SELECT 1 FROM ledger_transfers p
    WHERE p.kind = 'pending' AND p.debit_account_id IN (?, ?) AND p.expires_at <= ?
      AND NOT EXISTS (SELECT 1 FROM ledger_transfers x WHERE x.pending_id = p.id)`,
  transfer: `INSERT INTO ledger_transfers (idempotency_key, kind, debit_account_id,
    credit_account_id, amount, unit, code, reference, created_at)
    VALUES (?, 'posted', ?, ?, ?, ?, ?, ?, ?)`,
  entry: `INSERT INTO ledger_entries (transfer_id, account_id, amount, balance_after,
    account_version, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
  debited: 'UPDATE ledger_accounts SET debits_posted = ?, version = ? WHERE id = ?',
  credited: 'UPDATE ledger_accounts SET credits_posted = ?, version = ? WHERE id = ?',
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

function postOne(conn: Connection, input: TransferInput, now: Date): Transfer | null {
  const s = statements(conn);
  if (s.keyUsed.get(input.key)) return null;
  const found = new Map();
  for (const code of [input.debit, input.credit]) {
    const row = s.account.get(code) as AccountRecord | undefined;
    if (row) found.set(code, toAccount(row));
  }
  const debit = mustHave(found, input.debit, 0, 'debit');
  const credit = mustHave(found, input.credit, 0, 'credit');
  if (s.due.get(debit.id, credit.id, now.valueOf())) return null;
  if (debit.unit !== credit.unit) throw new LedgerError('unit_mismatch', undefined, 0);
  assertCanDebit(debit, input.amount, 0);
  move(debit, 'debits_posted', BigInt(input.amount), 0);
  move(credit, 'credits_posted', BigInt(input.amount), 0);
  debit.version += 1;
  credit.version += 1;
  const at = now.valueOf();
  const id = n(
    s.transfer.run(
      input.key,
      debit.id,
      credit.id,
      input.amount,
      debit.unit,
      input.code ?? null,
      input.reference ?? null,
      at,
    ).lastInsertRowid,
  );
  const balance = (a: typeof debit) => a.credits_posted - a.debits_posted;
  s.entry.run(id, debit.id, -input.amount, balance(debit), debit.version, at);
  s.entry.run(id, credit.id, input.amount, balance(credit), credit.version, at);
  s.debited.run(debit.debits_posted, debit.version, debit.id);
  s.credited.run(credit.credits_posted, credit.version, credit.id);
  return madeFrom(input, { id, unit: debit.unit, createdAt: now.toISOString() });
}

/** Posts one checked transfer on SQLite outside any caller's transaction; null: the engine's. */
export async function postOneOnSqlite(knex: Knex, input: TransferInput): Promise<Transfer | null> {
  const client = knex.client as {
    acquireConnection(): Promise<Connection>;
    releaseConnection(conn: Connection): Promise<unknown>;
  };
  const conn = await client.acquireConnection();
  try {
    return conn.transaction(() => postOne(conn, input, new Date())).immediate();
  } finally {
    await client.releaseConnection(conn);
  }
}
