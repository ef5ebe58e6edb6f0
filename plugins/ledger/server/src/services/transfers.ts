import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { LedgerError, type LedgerErrorCode } from '../domain/errors';
import {
  checkTimeout,
  checkTransfer,
  isAmount,
  type ReserveInput,
  type TransferInput,
} from '../domain/transfer';
import { executor, expireDue } from './internal/execute';
import { n, store, uniqueViolation, type InTransaction, type Transfer } from './internal/store';

/** What `ledger_post_transfers` answers (database/migrations/2026-12-01-001-ledger-functions.ts). */
type PostedAnswer =
  | { ids: (number | string)[]; units: string[] }
  | { fallback: string }
  | { error: LedgerErrorCode; detail?: string | null; index?: number; field?: string | null };

const checkKey = (key: unknown): string => {
  if (typeof key !== 'string' || key.length < 1 || key.length > 100)
    throw new LedgerError('invalid_key');
  return key;
};

/**
 * Moving money and time: transfers (one, or a batch all or none), two-phase reservations
 * (reserve, then post in full or in part, or void; lapsed ones expire), and reversals.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const db = store(strapi);
  const execute = executor(strapi, db);
  const knex = (): Knex => db.knex();

  /**
   * Posted transfers, or a reservation, in one round trip on PostgreSQL (the database function
   * does what the engine does, checks first); null when the engine must run them: on SQLite,
   * and when the function hands them back (a key already used, a reservation fallen due on
   * these accounts). `timeout`: a reservation's, in seconds (null: none); absent: posted.
   */
  async function atOnce(
    inputs: TransferInput[],
    reservation?: { timeout: number | null },
  ): Promise<Transfer[] | null> {
    if (!db.postgres() || inputs.length > 1000) return null;
    const now = new Date();
    let answer: PostedAnswer;
    try {
      answer = await db.reading(async (conn) => {
        const result = await conn.raw('SELECT ledger_post_transfers(?::jsonb, ?) AS r', [
          JSON.stringify(
            inputs.map(({ key, debit, credit, amount, code, reference }) => ({
              key,
              debit,
              credit,
              amount,
              code: code ?? null,
              reference: reference ?? null,
              ...(reservation ? { kind: 'pending', timeout: reservation.timeout } : {}),
            })),
          ),
          now,
        ]);
        // Strapi's pg client leaves json as text.
        const r = (result as { rows: { r: PostedAnswer | string }[] }).rows[0]!.r;
        return typeof r === 'string' ? (JSON.parse(r) as PostedAnswer) : r;
      });
    } catch (error) {
      // The same new key sent twice at once: the other request's insert won; outside a
      // caller's transaction the engine answers it (a replay, or a conflict).
      if (!strapi.db.inTransaction() && uniqueViolation(error)) return null;
      throw error;
    }
    if ('fallback' in answer) return null;
    if ('error' in answer)
      throw new LedgerError(
        answer.error,
        answer.detail ?? undefined,
        answer.index,
        answer.field ?? undefined,
      );
    const createdAt = now.toISOString();
    const expiresAt = reservation?.timeout
      ? new Date(now.getTime() + reservation.timeout * 1000).toISOString()
      : null;
    return inputs.map((input, i) => ({
      id: n(answer.ids[i]),
      key: input.key,
      kind: reservation ? 'pending' : 'posted',
      debit: input.debit,
      credit: input.credit,
      amount: input.amount,
      unit: answer.units[i] as string,
      code: input.code ?? null,
      reference: input.reference ?? null,
      pendingId: null,
      reversalOf: null,
      expiresAt,
      createdAt,
    }));
  }

  return {
    /** Posts one transfer. */
    async transfer(input: TransferInput): Promise<Transfer> {
      const checked = checkTransfer(input);
      const [fast] = (await atOnce([checked])) ?? [];
      if (fast) return fast;
      const [t] = await execute([{ type: 'transfer', input: checked, index: 0 }]);
      return t as Transfer;
    },

    /** Posts several transfers: all of them or none. */
    async transferAll(inputs: TransferInput[]): Promise<Transfer[]> {
      if (!Array.isArray(inputs) || inputs.length === 0)
        throw new LedgerError('invalid_batch', 'an empty batch');
      const checked = inputs.map((input, index) => checkTransfer(input, index));
      const fast = await atOnce(checked);
      if (fast) return fast;
      return execute(checked.map((input, index) => ({ type: 'transfer', input, index })));
    },

    /** Reserves an amount (a pending transfer), to be posted in full or in part, or voided. */
    async reserve(input: ReserveInput): Promise<Transfer> {
      const timeout = checkTimeout(input?.timeoutSeconds);
      const checked = checkTransfer(input);
      const [fast] = (await atOnce([checked], { timeout })) ?? [];
      if (fast) return fast;
      const [t] = await execute([{ type: 'reserve', input: checked, timeout, index: 0 }]);
      return t as Transfer;
    },

    async postPending(key: string, pendingId: number, amount?: number): Promise<Transfer> {
      checkKey(key);
      if (amount !== undefined && !isAmount(amount)) throw new LedgerError('invalid_amount');
      const [t] = await execute([
        { type: 'resolve', post: true, key, pendingId, amount, index: 0 },
      ]);
      return t as Transfer;
    },

    async voidPending(key: string, pendingId: number): Promise<Transfer> {
      checkKey(key);
      const [t] = await execute([{ type: 'resolve', post: false, key, pendingId, index: 0 }]);
      return t as Transfer;
    },

    /** A posted transfer undone by its mirror image — never by an edit. */
    async reverse(key: string, transferId: number): Promise<Transfer> {
      checkKey(key);
      const [t] = await execute([{ type: 'reverse', key, transferId, index: 0 }]);
      return t as Transfer;
    },

    /** Voids every reservation whose time has run out (also done whenever its account is used). */
    async expireAll(): Promise<number> {
      const due = await knex()('ledger_transfers as t')
        .join('ledger_accounts as d', 'd.id', 't.debit_account_id')
        .join('ledger_accounts as c', 'c.id', 't.credit_account_id')
        .where('t.kind', 'pending')
        .where('t.expires_at', '<=', new Date())
        .whereNotExists(
          knex()('ledger_transfers as r').whereRaw('r.pending_id = t.id').select(knex().raw('1')),
        )
        .select('d.code as debit', 'c.code as credit');
      if (due.length === 0) return 0;
      const before = await knex()('ledger_transfers')
        .where('kind', 'void_pending')
        .count({ c: '*' });
      await strapi.db.transaction(async ({ trx }: InTransaction) => {
        const accounts = await db.lockAccounts(
          trx,
          due.flatMap((d: { debit: string; credit: string }) => [d.debit, d.credit]),
        );
        await expireDue(trx, db, accounts, new Date());
        await db.saveAccounts(trx, accounts);
      });
      const after = await knex()('ledger_transfers')
        .where('kind', 'void_pending')
        .count({ c: '*' });
      return n((after[0] as { c: unknown }).c) - n((before[0] as { c: unknown }).c);
    },
  };
};
