import type { Core } from '@strapi/strapi';
import { big } from '../../domain/exact';
import { LedgerError } from '../../domain/errors';
import { knexBook, type Book } from './book';
import { keyOf, move, type Op, type Step } from './moves';
import { applyResolution } from './pending-op';
import { applyReversal } from './reversal-op';
import { onSqliteConnection } from './sqlite-book';
import {
  uniqueViolation,
  type AccountRow,
  type InTransaction,
  type Store,
  type Transfer,
} from './store';
import { applyTransfer } from './transfer-op';

/**
 * The double-entry engine (shared/DESIGN.md §4). One call = one database transaction:
 * 1. the accounts involved are locked first, in id order (`FOR NO KEY UPDATE` on PostgreSQL;
 *    SQLite has one writer), so opposite transfers between the same accounts never deadlock;
 * 2. each transfer's idempotency key is looked up: a replay answers the original, the same key
 *    with another body is refused;
 * 3. limits are checked against the locked totals, the transfer row and its two entries are
 *    appended, and the totals written back — where CHECK constraints refuse, again, any balance
 *    below its limit.
 * It goes below the Document Service on purpose: this is the hot path. Its reads and writes go
 * through a `Book` (book.ts): knex in a transaction, or SQLite's prepared statements.
 */

/** Voids the reservations on these accounts whose time has run out (they no longer hold money). */
export async function expireDue(
  book: Book,
  accounts: Map<string, AccountRow>,
  now: Date,
): Promise<void> {
  const byId = new Map([...accounts.values()].map((a) => [a.id, a]));
  if (byId.size === 0) return;
  for (const p of await book.dueReservations([...byId.keys()], now)) {
    const debit = byId.get(p.debitId);
    const credit = byId.get(p.creditId);
    // runOps() locks the counterparts of due reservations too; one that fell due in between
    // is left for the next call (or expireAll) — it only holds money a little longer.
    if (!debit || !credit) continue;
    await book.insertTransfer({
      idempotency_key: `expire:${p.id}`,
      kind: 'void_pending',
      debit_account_id: debit.id,
      credit_account_id: credit.id,
      amount: p.amount,
      unit: p.unit,
      code: 'expired',
      pending_id: p.id,
      created_at: now,
    });
    move(debit, 'debits_pending', -big(p.amount), 0);
    move(credit, 'credits_pending', -big(p.amount), 0);
  }
}

/** The account codes an operation touches (reading immutable transfers to find them). */
async function codesOf(book: Book, op: Op): Promise<string[]> {
  if (op.type === 'transfer' || op.type === 'reserve') return [op.input.debit, op.input.credit];
  const t = await book.transferById(op.type === 'resolve' ? op.pendingId : op.transferId);
  return t ? [t.debit, t.credit] : [];
}

function apply(step: Step, op: Op): Promise<Transfer> {
  if (op.type === 'transfer' || op.type === 'reserve') return applyTransfer(step, op);
  if (op.type === 'resolve') return applyResolution(step, op);
  return applyReversal(step, op);
}

/** The engine's steps, in the transaction `book` writes in. */
async function runOps(book: Book, ops: Op[]): Promise<Transfer[]> {
  const now = new Date();
  const touched: string[] = [];
  for (const op of ops) touched.push(...(await codesOf(book, op)));
  // Due reservations on these accounts are voided in the same transaction: lock their
  // counterparts too.
  const counterparts = await book.dueCounterparts(touched, now);
  const accounts = await book.lockAccounts([...touched, ...counterparts]);
  await expireDue(book, accounts, now);
  const done = await book.transfersByKey([...new Set(ops.map(keyOf))]);
  const step: Step = { book, accounts, now, done };
  const results: Transfer[] = [];
  for (const op of ops) results.push(await apply(step, op));
  await book.saveAccounts(accounts);
  return results;
}

/**
 * Runs checked operations in one transaction (the caller's, when there is one): all or none.
 * On SQLite outside a caller's transaction, on the connection itself in one BEGIN IMMEDIATE.
 */
export function executor(strapi: Core.Strapi, store: Store) {
  return async function execute(ops: Op[]): Promise<Transfer[]> {
    if (ops.length > 1000) throw new LedgerError('batch_too_large');
    const nested = strapi.db.inTransaction();
    const run = (): Promise<Transfer[]> =>
      !nested && !store.postgres()
        ? onSqliteConnection(store.knex(), (book) => runOps(book, ops))
        : (strapi.db.transaction(({ trx }: InTransaction) =>
            runOps(knexBook(trx, store), ops),
          ) as unknown as Promise<Transfer[]>);
    try {
      return await run();
    } catch (error) {
      // The same key sent twice at once through accounts that share no lock: one insert wins
      // the UNIQUE index; answering again now finds it (a replay, or a conflict). Inside a
      // caller's transaction the caller decides (on PostgreSQL that transaction is now void).
      if (!nested && uniqueViolation(error)) return run();
      throw error;
    }
  };
}
