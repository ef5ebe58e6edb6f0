import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { big } from '../../domain/exact';
import { LedgerError } from '../../domain/errors';
import { keyOf, move, type Op, type Step } from './moves';
import { applyResolution } from './pending-op';
import { applyReversal } from './reversal-op';
import {
  n,
  toTransfer,
  uniqueViolation,
  type AccountRow,
  type Store,
  type InTransaction,
  type Transfer,
  type TransferRecord,
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
 * It goes below the Document Service on purpose: this is the hot path.
 */

/** Voids the reservations on these accounts whose time has run out (they no longer hold money). */
export async function expireDue(
  trx: Knex,
  store: Store,
  accounts: Map<string, AccountRow>,
  now: Date,
): Promise<void> {
  const byId = new Map([...accounts.values()].map((a) => [a.id, a]));
  if (byId.size === 0) return;
  const due = await trx('ledger_transfers as t')
    .where('t.kind', 'pending')
    .whereIn('t.debit_account_id', [...byId.keys()])
    .whereNotNull('t.expires_at')
    .where('t.expires_at', '<=', now)
    .whereNotExists(
      trx('ledger_transfers as r').whereRaw('r.pending_id = t.id').select(trx.raw('1')),
    )
    .select('t.*');
  for (const p of due) {
    const debit = byId.get(n(p.debit_account_id));
    const credit = byId.get(n(p.credit_account_id));
    // execute() locks the counterparts of due reservations too; one that fell due in between
    // is left for the next call (or expireAll) — it only holds money a little longer.
    if (!debit || !credit) continue;
    await store.insertTransfer(trx, {
      idempotency_key: `expire:${p.id}`,
      kind: 'void_pending',
      debit_account_id: debit.id,
      credit_account_id: credit.id,
      amount: n(p.amount),
      unit: p.unit,
      code: 'expired',
      pending_id: p.id,
      created_at: now,
    });
    move(debit, 'debits_pending', -big(p.amount), 0);
    move(credit, 'credits_pending', -big(p.amount), 0);
  }
}

/** The transfers already made under these keys: one query for a whole batch. */
async function existingByKey(trx: Knex, ops: Op[]): Promise<Map<string, Transfer>> {
  const rows = await trx('ledger_transfers as t')
    .join('ledger_accounts as d', 'd.id', 't.debit_account_id')
    .join('ledger_accounts as c', 'c.id', 't.credit_account_id')
    .whereIn('t.idempotency_key', [...new Set(ops.map(keyOf))])
    .select('t.*', 'd.code as debit_code', 'c.code as credit_code');
  return new Map(rows.map((r: TransferRecord) => [r.idempotency_key, toTransfer(r)]));
}

/** The account codes an operation touches (reading immutable transfers to find them). */
async function codesOf(db: Knex, store: Store, op: Op): Promise<string[]> {
  if (op.type === 'transfer' || op.type === 'reserve') return [op.input.debit, op.input.credit];
  const id = op.type === 'resolve' ? op.pendingId : op.transferId;
  const t = Number.isSafeInteger(id) ? await store.loadTransfer(db, { 't.id': id }) : null;
  return t ? [t.debit, t.credit] : [];
}

function apply(step: Step, op: Op): Promise<Transfer> {
  if (op.type === 'transfer' || op.type === 'reserve') return applyTransfer(step, op);
  if (op.type === 'resolve') return applyResolution(step, op);
  return applyReversal(step, op);
}

/** Runs checked operations in one transaction (the caller's, when there is one): all or none. */
export function executor(strapi: Core.Strapi, store: Store) {
  return async function execute(ops: Op[]): Promise<Transfer[]> {
    if (ops.length > 1000) throw new LedgerError('batch_too_large');
    const nested = strapi.db.inTransaction();
    const run = () =>
      strapi.db.transaction(async ({ trx }: InTransaction) => {
        const touched: string[] = [];
        for (const op of ops) touched.push(...(await codesOf(trx, store, op)));
        // Due reservations on these accounts are voided in the same transaction: lock their
        // counterparts too.
        const due = await trx('ledger_transfers as t')
          .join('ledger_accounts as d', 'd.id', 't.debit_account_id')
          .join('ledger_accounts as c', 'c.id', 't.credit_account_id')
          .where('t.kind', 'pending')
          .whereIn('d.code', touched)
          .where('t.expires_at', '<=', new Date())
          .whereNotExists(
            trx('ledger_transfers as r').whereRaw('r.pending_id = t.id').select(trx.raw('1')),
          )
          .select('c.code');
        const now = new Date();
        const accounts = await store.lockAccounts(trx, [
          ...touched,
          ...due.map((r: { code: string }) => r.code),
        ]);
        await expireDue(trx, store, accounts, now);
        const step: Step = { trx, store, accounts, now, done: await existingByKey(trx, ops) };
        const results: Transfer[] = [];
        for (const op of ops) results.push(await apply(step, op));
        await store.saveAccounts(trx, accounts);
        return results;
      });
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
