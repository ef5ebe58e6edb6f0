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
import { knexBook } from './internal/book';
import { executor, expireDue } from './internal/execute';
import {
  madeFrom,
  n,
  store,
  uniqueViolation,
  type InTransaction,
  type Transfer,
} from './internal/store';

/** What the ledger's database functions answer when they hand a request back, or refuse it. */
type Refusal = {
  error: LedgerErrorCode;
  detail?: string | null;
  index?: number;
  field?: string | null;
};
type FunctionAnswer = { fallback: string } | Refusal;
/** `ledger_post_transfers` (database/migrations/2026-12-01-001-ledger-functions.ts) */
type Posted = { ids: (number | string)[]; units: string[] };
/** `ledger_post_one` (database/migrations/2026-12-01-004-ledger-single-calls.ts) */
type PostedOne = { id: number | string; unit: string };
/** `ledger_settle` (the same file) */
type Settled = {
  id: number | string;
  debit: string;
  credit: string;
  amount: number | string;
  unit: string;
  code: string | null;
  reference: string | null;
  pendingId: number | string | null;
  reversalOf: number | string | null;
};

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
   * One call of a ledger function (database/migrations/2026-12-01-001-ledger-functions.ts and
   * 2026-12-01-004-ledger-single-calls.ts), outside the engine: its answer, or null when the
   * engine must run the request — the function handed it
   * back (a key already used, a reservation fallen due on these accounts), or the same new key
   * was sent twice at once and the other request's insert won (outside a caller's transaction
   * the engine answers it: a replay, or a conflict). A refusal is thrown as the engine's would be.
   */
  async function callFunction<T extends object>(
    sql: string,
    bindings: readonly unknown[],
  ): Promise<T | null> {
    let answer: T | FunctionAnswer;
    try {
      answer = await db.reading(async (conn) => {
        const result = await conn.raw(sql, bindings as Knex.RawBinding[]);
        // Strapi's pg client leaves json as text.
        const r = (result as { rows: { r: T | string }[] }).rows[0]!.r;
        return typeof r === 'string' ? (JSON.parse(r) as T) : r;
      });
    } catch (error) {
      if (!strapi.db.inTransaction() && uniqueViolation(error)) return null;
      throw error;
    }
    if ('fallback' in answer) return null;
    if ('error' in answer) {
      const refusal = answer as Refusal;
      throw new LedgerError(
        refusal.error,
        refusal.detail ?? undefined,
        refusal.index ?? 0,
        refusal.field ?? undefined,
      );
    }
    return answer as T;
  }

  /**
   * Posted transfers, or a reservation, in one round trip on PostgreSQL (`ledger_post_one` for
   * one posted transfer, `ledger_post_transfers` for the rest: they do what the engine does,
   * checks first); null when the engine must run them (on SQLite, where the engine itself runs
   * on prepared statements in one BEGIN IMMEDIATE; or see callFunction). `timeout`: a
   * reservation's, in seconds (null: none); absent: posted.
   */
  async function atOnce(
    inputs: TransferInput[],
    reservation?: { timeout: number | null },
  ): Promise<Transfer[] | null> {
    if (!db.postgres() || inputs.length > 1000) return null;
    const now = new Date();
    const [one] = inputs;
    const answer =
      inputs.length === 1 && one && !reservation
        ? await callFunction<PostedOne>('SELECT ledger_post_one(?, ?, ?, ?, ?, ?, ?) AS r', [
            one.key,
            one.debit,
            one.credit,
            one.amount,
            one.code ?? null,
            one.reference ?? null,
            now,
          ]).then((r) => r && { ids: [r.id], units: [r.unit] })
        : await callFunction<Posted>('SELECT ledger_post_transfers(?::jsonb, ?) AS r', [
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
    if (!answer) return null;
    const createdAt = now.toISOString();
    const expiresAt = reservation?.timeout
      ? new Date(now.getTime() + reservation.timeout * 1000).toISOString()
      : null;
    return inputs.map((input, i) =>
      madeFrom(input, {
        id: n(answer.ids[i]),
        unit: answer.units[i] as string,
        createdAt,
        kind: reservation ? 'pending' : 'posted',
        expiresAt,
      }),
    );
  }

  /**
   * A reservation posted or voided, or a transfer reversed, in one round trip on PostgreSQL
   * (`ledger_settle`); null when the engine must do it (on SQLite, or see callFunction).
   */
  async function settleAtOnce(
    kind: 'post_pending' | 'void_pending' | 'reversal',
    key: string,
    target: number,
    amount?: number,
  ): Promise<Transfer | null> {
    if (!db.postgres() || !Number.isSafeInteger(target) || target < 1) return null;
    const now = new Date();
    const answer = await callFunction<Settled>('SELECT ledger_settle(?, ?, ?, ?, ?) AS r', [
      kind,
      key,
      target,
      amount ?? null,
      now,
    ]);
    if (!answer) return null;
    return {
      id: n(answer.id),
      key,
      kind,
      debit: answer.debit,
      credit: answer.credit,
      amount: n(answer.amount),
      unit: answer.unit,
      code: answer.code,
      reference: answer.reference,
      pendingId: answer.pendingId === null ? null : n(answer.pendingId),
      reversalOf: answer.reversalOf === null ? null : n(answer.reversalOf),
      expiresAt: null,
      createdAt: now.toISOString(),
    };
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
      const fast = await settleAtOnce('post_pending', key, pendingId, amount);
      if (fast) return fast;
      const [t] = await execute([
        { type: 'resolve', post: true, key, pendingId, amount, index: 0 },
      ]);
      return t as Transfer;
    },

    async voidPending(key: string, pendingId: number): Promise<Transfer> {
      checkKey(key);
      const fast = await settleAtOnce('void_pending', key, pendingId);
      if (fast) return fast;
      const [t] = await execute([{ type: 'resolve', post: false, key, pendingId, index: 0 }]);
      return t as Transfer;
    },

    /** A posted transfer undone by its mirror image — never by an edit. */
    async reverse(key: string, transferId: number): Promise<Transfer> {
      checkKey(key);
      const fast = await settleAtOnce('reversal', key, transferId);
      if (fast) return fast;
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
        await expireDue(knexBook(trx, db), accounts, new Date());
        await db.saveAccounts(trx, accounts);
      });
      const after = await knex()('ledger_transfers')
        .where('kind', 'void_pending')
        .count({ c: '*' });
      return n((after[0] as { c: unknown }).c) - n((before[0] as { c: unknown }).c);
    },
  };
};
