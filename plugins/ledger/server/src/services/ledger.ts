import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { LedgerError } from '../domain/errors';
import {
  checkAccount,
  checkTimeout,
  checkTransfer,
  sameBody,
  type AccountInput,
  type ReserveInput,
  type TransferInput,
} from '../domain/transfer';

/* eslint-disable @typescript-eslint/no-explicit-any -- database rows */

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

export type Kind = 'posted' | 'pending' | 'post_pending' | 'void_pending' | 'reversal';

export interface Transfer {
  id: number;
  key: string;
  kind: Kind;
  debit: string;
  credit: string;
  amount: number;
  unit: string;
  code: string | null;
  reference: string | null;
  pendingId: number | null;
  reversalOf: number | null;
  expiresAt: string | null;
  createdAt: string;
  /** true when this answer is the original of an earlier request with the same key */
  replayed?: boolean;
}

export interface Balance {
  code: string;
  unit: string;
  /** credits posted − debits posted */
  posted: number;
  /** posted − debits reserved: what may still be spent */
  available: number;
  debitsPending: number;
  creditsPending: number;
  minBalance: number | null;
  version: number;
}

type Op =
  | { type: 'transfer'; input: TransferInput; index: number }
  | { type: 'reserve'; input: ReserveInput; timeout: number | null; index: number }
  | {
      type: 'resolve';
      post: boolean;
      key: string;
      pendingId: number;
      amount?: number;
      index: number;
    }
  | { type: 'reverse'; key: string; transferId: number; index: number };

interface AccountRow {
  id: number;
  code: string;
  unit: string;
  min_balance: number | null;
  debits_pending: number;
  debits_posted: number;
  credits_pending: number;
  credits_posted: number;
  version: number;
  dirty?: boolean;
}

const n = (v: unknown): number => Number(v);
const uniqueViolation = (e: any) =>
  e?.code === '23505' || /UNIQUE constraint failed/i.test(String(e?.message ?? ''));

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = (): Knex => strapi.db.connection as unknown as Knex;
  /**
   * Reads run in the caller's transaction when there is one (the grants plugin posts a donation
   * and its ledger transfer together): SQLite has a single connection, and a read beside the
   * open transaction would wait for it forever.
   */
  const reading = <T>(fn: (db: Knex) => Promise<T>): Promise<T> =>
    strapi.db.inTransaction()
      ? (strapi.db.transaction(({ trx }: any) => fn(trx)) as unknown as Promise<T>)
      : fn(knex());
  const postgres = () => strapi.db.dialect.client === 'postgres';

  const toAccount = (r: any): AccountRow => ({
    id: n(r.id),
    code: r.code,
    unit: r.unit,
    min_balance: r.min_balance === null ? null : n(r.min_balance),
    debits_pending: n(r.debits_pending),
    debits_posted: n(r.debits_posted),
    credits_pending: n(r.credits_pending),
    credits_posted: n(r.credits_posted),
    version: n(r.version),
  });

  const available = (a: AccountRow) => a.credits_posted - a.debits_posted - a.debits_pending;

  async function loadTransfer(db: Knex, where: Record<string, unknown>): Promise<Transfer | null> {
    const row = await db('ledger_transfers as t')
      .join('ledger_accounts as d', 'd.id', 't.debit_account_id')
      .join('ledger_accounts as c', 'c.id', 't.credit_account_id')
      .where(where)
      .first('t.*', 'd.code as debit_code', 'c.code as credit_code');
    return row ? toTransfer(row) : null;
  }

  const toTransfer = (r: any): Transfer => ({
    id: n(r.id),
    key: r.idempotency_key,
    kind: r.kind,
    debit: r.debit_code,
    credit: r.credit_code,
    amount: n(r.amount),
    unit: r.unit,
    code: r.code ?? null,
    reference: r.reference ?? null,
    pendingId: r.pending_id === null || r.pending_id === undefined ? null : n(r.pending_id),
    reversalOf: r.reversal_of === null || r.reversal_of === undefined ? null : n(r.reversal_of),
    expiresAt: r.expires_at ? new Date(r.expires_at).toISOString() : null,
    createdAt: new Date(r.created_at).toISOString(),
  });

  /** Locks (PostgreSQL) and loads the accounts, in id order. */
  async function lockAccounts(trx: Knex, codes: string[]): Promise<Map<string, AccountRow>> {
    const query = trx('ledger_accounts')
      .whereIn('code', [...new Set(codes)])
      .orderBy('id');
    const rows = postgres() ? await query.forNoKeyUpdate() : await query;
    return new Map(rows.map((r: any) => [r.code, toAccount(r)]));
  }

  async function insertTransfer(trx: Knex, row: Record<string, unknown>): Promise<number> {
    const [inserted] = await trx('ledger_transfers').insert(row).returning('id');
    return n(typeof inserted === 'object' ? (inserted as any).id : inserted);
  }

  /** Appends the two entries of a posted movement and moves the posted totals. */
  async function post(
    trx: Knex,
    transferId: number,
    debit: AccountRow,
    credit: AccountRow,
    amount: number,
    now: Date,
  ) {
    debit.debits_posted += amount;
    debit.version += 1;
    debit.dirty = true;
    credit.credits_posted += amount;
    credit.version += 1;
    credit.dirty = true;
    await trx('ledger_entries').insert([
      {
        transfer_id: transferId,
        account_id: debit.id,
        amount: -amount,
        balance_after: debit.credits_posted - debit.debits_posted,
        account_version: debit.version,
        created_at: now,
      },
      {
        transfer_id: transferId,
        account_id: credit.id,
        amount,
        balance_after: credit.credits_posted - credit.debits_posted,
        account_version: credit.version,
        created_at: now,
      },
    ]);
  }

  function mustHave(accounts: Map<string, AccountRow>, code: string, index: number): AccountRow {
    const a = accounts.get(code);
    if (!a) throw new LedgerError('account_not_found', code, index);
    return a;
  }

  function assertCanDebit(a: AccountRow, amount: number, index: number) {
    if (a.min_balance !== null && available(a) - amount < a.min_balance) {
      throw new LedgerError('exceeds_credits', `${a.code} has ${available(a)} available`, index);
    }
  }

  /** Voids the reservations on these accounts whose time has run out (they no longer hold money). */
  async function expireDue(trx: Knex, accounts: Map<string, AccountRow>, now: Date) {
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
      await insertTransfer(trx, {
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
      debit.debits_pending -= n(p.amount);
      credit.credits_pending -= n(p.amount);
      debit.dirty = credit.dirty = true;
    }
  }

  const keyOf = (op: Op) =>
    op.type === 'transfer' || op.type === 'reserve' ? op.input.key : op.key;

  /** The transfers already made under these keys: one query for a whole batch. */
  async function existingByKey(trx: Knex, ops: Op[]): Promise<Map<string, Transfer>> {
    const rows = await trx('ledger_transfers as t')
      .join('ledger_accounts as d', 'd.id', 't.debit_account_id')
      .join('ledger_accounts as c', 'c.id', 't.credit_account_id')
      .whereIn('t.idempotency_key', [...new Set(ops.map(keyOf))])
      .select('t.*', 'd.code as debit_code', 'c.code as credit_code');
    return new Map(rows.map((r: any) => [r.idempotency_key as string, toTransfer(r)]));
  }

  /** Appends a transfer and answers it without reading it back. */
  async function append(
    trx: Knex,
    row: Record<string, any>,
    debit: AccountRow,
    credit: AccountRow,
  ): Promise<Transfer> {
    const id = await insertTransfer(trx, row);
    return toTransfer({ ...row, id, debit_code: debit.code, credit_code: credit.code });
  }

  async function apply(
    trx: Knex,
    op: Op,
    accounts: Map<string, AccountRow>,
    now: Date,
    done: Map<string, Transfer>,
  ): Promise<Transfer> {
    const key = keyOf(op);
    const existing = done.get(key) ?? null;

    if (op.type === 'transfer' || op.type === 'reserve') {
      const { input } = op;
      const kind: Kind = op.type === 'transfer' ? 'posted' : 'pending';
      if (existing) {
        if (
          !sameBody(existing, {
            kind,
            debit: input.debit,
            credit: input.credit,
            amount: input.amount,
          })
        ) {
          throw new LedgerError('exists_with_different_body', key, op.index);
        }
        return { ...existing, replayed: true };
      }
      const debit = mustHave(accounts, input.debit, op.index);
      const credit = mustHave(accounts, input.credit, op.index);
      if (debit.unit !== credit.unit) throw new LedgerError('unit_mismatch', undefined, op.index);
      assertCanDebit(debit, input.amount, op.index);
      const expiresAt =
        op.type === 'reserve' && op.timeout ? new Date(now.getTime() + op.timeout * 1000) : null;
      const t = await append(
        trx,
        {
          idempotency_key: key,
          kind,
          debit_account_id: debit.id,
          credit_account_id: credit.id,
          amount: input.amount,
          unit: debit.unit,
          code: input.code ?? null,
          reference: input.reference ?? null,
          expires_at: expiresAt,
          created_at: now,
        },
        debit,
        credit,
      );
      if (kind === 'posted') {
        await post(trx, t.id, debit, credit, input.amount, now);
      } else {
        debit.debits_pending += input.amount;
        credit.credits_pending += input.amount;
        debit.dirty = credit.dirty = true;
      }
      done.set(key, t);
      return t;
    }

    if (op.type === 'resolve') {
      const pending = await loadTransfer(trx, { 't.id': op.pendingId });
      if (!pending || pending.kind !== 'pending')
        throw new LedgerError('pending_not_found', String(op.pendingId), op.index);
      const kind: Kind = op.post ? 'post_pending' : 'void_pending';
      const amount = op.post ? (op.amount ?? pending.amount) : pending.amount;
      if (existing) {
        if (
          !sameBody(existing, {
            kind,
            debit: pending.debit,
            credit: pending.credit,
            amount,
            pendingId: pending.id,
          })
        ) {
          throw new LedgerError('exists_with_different_body', key, op.index);
        }
        return { ...existing, replayed: true };
      }
      const resolution = await trx('ledger_transfers')
        .where('pending_id', pending.id)
        .first('kind', 'idempotency_key');
      // Voided because its time ran out (perhaps just now, by expireDue in this transaction).
      if (
        resolution?.kind === 'void_pending' &&
        resolution.idempotency_key === `expire:${pending.id}`
      ) {
        throw new LedgerError('pending_expired', undefined, op.index);
      }
      if (resolution) {
        throw new LedgerError(
          resolution.kind === 'post_pending' ? 'pending_already_posted' : 'pending_already_voided',
          undefined,
          op.index,
        );
      }
      if (op.post && pending.expiresAt && new Date(pending.expiresAt) <= now) {
        throw new LedgerError('pending_expired', undefined, op.index);
      }
      if (!Number.isSafeInteger(amount) || amount <= 0)
        throw new LedgerError('invalid_amount', undefined, op.index);
      if (amount > pending.amount)
        throw new LedgerError('exceeds_pending_amount', undefined, op.index);
      const debit = mustHave(accounts, pending.debit, op.index);
      const credit = mustHave(accounts, pending.credit, op.index);
      // The whole reservation is released; what is posted (all or part) moves for good.
      debit.debits_pending -= pending.amount;
      credit.credits_pending -= pending.amount;
      debit.dirty = credit.dirty = true;
      const t = await append(
        trx,
        {
          idempotency_key: key,
          kind,
          debit_account_id: debit.id,
          credit_account_id: credit.id,
          amount,
          unit: pending.unit,
          code: pending.code,
          reference: pending.reference,
          pending_id: pending.id,
          created_at: now,
        },
        debit,
        credit,
      );
      if (op.post) {
        assertCanDebit(debit, amount, op.index);
        await post(trx, t.id, debit, credit, amount, now);
      }
      done.set(key, t);
      return t;
    }

    // reverse
    const original = await loadTransfer(trx, { 't.id': op.transferId });
    if (!original) throw new LedgerError('transfer_not_found', String(op.transferId), op.index);
    if (existing) {
      if (
        !sameBody(existing, {
          kind: 'reversal',
          debit: original.credit,
          credit: original.debit,
          amount: original.amount,
        })
      ) {
        throw new LedgerError('exists_with_different_body', key, op.index);
      }
      return { ...existing, replayed: true };
    }
    if (original.kind !== 'posted' && original.kind !== 'post_pending')
      throw new LedgerError('not_reversible', undefined, op.index);
    if (await trx('ledger_transfers').where('reversal_of', original.id).first('id')) {
      throw new LedgerError('already_reversed', undefined, op.index);
    }
    const debit = mustHave(accounts, original.credit, op.index);
    const credit = mustHave(accounts, original.debit, op.index);
    assertCanDebit(debit, original.amount, op.index);
    const t = await append(
      trx,
      {
        idempotency_key: key,
        kind: 'reversal',
        debit_account_id: debit.id,
        credit_account_id: credit.id,
        amount: original.amount,
        unit: original.unit,
        code: original.code,
        reference: original.reference,
        reversal_of: original.id,
        created_at: now,
      },
      debit,
      credit,
    );
    await post(trx, t.id, debit, credit, original.amount, now);
    done.set(key, t);
    return t;
  }

  /** The account codes an operation touches (reading immutable transfers to find them). */
  async function codesOf(db: Knex, op: Op): Promise<string[]> {
    if (op.type === 'transfer' || op.type === 'reserve') return [op.input.debit, op.input.credit];
    const id = op.type === 'resolve' ? op.pendingId : op.transferId;
    const t = Number.isSafeInteger(id) ? await loadTransfer(db, { 't.id': id }) : null;
    return t ? [t.debit, t.credit] : [];
  }

  async function execute(ops: Op[]): Promise<Transfer[]> {
    if (ops.length > 1000) throw new LedgerError('batch_too_large');
    const nested = strapi.db.inTransaction();
    const run = () =>
      strapi.db.transaction(async ({ trx }: any) => {
        const touched: string[] = [];
        for (const op of ops) touched.push(...(await codesOf(trx, op)));
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
        const accounts = await lockAccounts(trx, [
          ...touched,
          ...due.map((r: any) => r.code as string),
        ]);
        await expireDue(trx, accounts, now);
        const results: Transfer[] = [];
        const done = await existingByKey(trx, ops);
        for (const op of ops) results.push(await apply(trx, op, accounts, now, done));
        for (const a of accounts.values()) {
          if (!a.dirty) continue;
          await trx('ledger_accounts').where('id', a.id).update({
            debits_pending: a.debits_pending,
            debits_posted: a.debits_posted,
            credits_pending: a.credits_pending,
            credits_posted: a.credits_posted,
            version: a.version,
          });
        }
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
  }

  return {
    /** Opens an account, or returns it if one with this code exists with the same unit and limit. */
    async openAccount(input: AccountInput): Promise<Balance> {
      const a = checkAccount(input);
      const row = await strapi.db.transaction(async ({ trx }: any) => {
        await trx('ledger_accounts')
          .insert({
            code: a.code,
            name: a.name ?? null,
            unit: a.unit,
            min_balance: a.minBalance,
            created_at: new Date(),
          })
          .onConflict('code')
          .ignore();
        return toAccount(await trx('ledger_accounts').where('code', a.code).first());
      });
      if (row.unit !== a.unit || row.min_balance !== a.minBalance) {
        throw new LedgerError('account_exists_with_different_unit', a.code);
      }
      return this.toBalance(row);
    },

    toBalance(a: AccountRow): Balance {
      return {
        code: a.code,
        unit: a.unit,
        posted: a.credits_posted - a.debits_posted,
        available: available(a),
        debitsPending: a.debits_pending,
        creditsPending: a.credits_pending,
        minBalance: a.min_balance,
        version: a.version,
      };
    },

    async balance(code: string): Promise<Balance> {
      const row = await reading((db) => db('ledger_accounts').where('code', code).first());
      if (!row) throw new LedgerError('account_not_found', code);
      return this.toBalance(toAccount(row));
    },

    /** Posts one transfer. */
    async transfer(input: TransferInput): Promise<Transfer> {
      const [t] = await execute([{ type: 'transfer', input: checkTransfer(input), index: 0 }]);
      return t as Transfer;
    },

    /** Posts several transfers: all of them or none. */
    async transferAll(inputs: TransferInput[]): Promise<Transfer[]> {
      if (!Array.isArray(inputs) || inputs.length === 0)
        throw new LedgerError('invalid_amount', 'an empty batch');
      return execute(
        inputs.map((input, index) => ({
          type: 'transfer',
          input: checkTransfer(input, index),
          index,
        })),
      );
    },

    /** Reserves an amount (a pending transfer), to be posted in full or in part, or voided. */
    async reserve(input: ReserveInput): Promise<Transfer> {
      const timeout = checkTimeout(input?.timeoutSeconds);
      const [t] = await execute([
        { type: 'reserve', input: checkTransfer(input), timeout, index: 0 },
      ]);
      return t as Transfer;
    },

    async postPending(key: string, pendingId: number, amount?: number): Promise<Transfer> {
      if (typeof key !== 'string' || key.length < 1 || key.length > 100)
        throw new LedgerError('invalid_key');
      if (amount !== undefined && (!Number.isSafeInteger(amount) || amount <= 0))
        throw new LedgerError('invalid_amount');
      const [t] = await execute([
        { type: 'resolve', post: true, key, pendingId, amount, index: 0 },
      ]);
      return t as Transfer;
    },

    async voidPending(key: string, pendingId: number): Promise<Transfer> {
      if (typeof key !== 'string' || key.length < 1 || key.length > 100)
        throw new LedgerError('invalid_key');
      const [t] = await execute([{ type: 'resolve', post: false, key, pendingId, index: 0 }]);
      return t as Transfer;
    },

    /** A posted transfer undone by its mirror image — never by an edit. */
    async reverse(key: string, transferId: number): Promise<Transfer> {
      if (typeof key !== 'string' || key.length < 1 || key.length > 100)
        throw new LedgerError('invalid_key');
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
      await strapi.db.transaction(async ({ trx }: any) => {
        const accounts = await lockAccounts(
          trx,
          due.flatMap((d: any) => [d.debit, d.credit]),
        );
        await expireDue(trx, accounts, new Date());
        for (const a of accounts.values()) {
          if (a.dirty) {
            await trx('ledger_accounts')
              .where('id', a.id)
              .update({ debits_pending: a.debits_pending, credits_pending: a.credits_pending });
          }
        }
      });
      const after = await knex()('ledger_transfers')
        .where('kind', 'void_pending')
        .count({ c: '*' });
      return n((after[0] as any).c) - n((before[0] as any).c);
    },

    async getTransfer(id: number): Promise<Transfer> {
      const t = Number.isSafeInteger(id)
        ? await reading((db) => loadTransfer(db, { 't.id': id }))
        : null;
      if (!t) throw new LedgerError('transfer_not_found', String(id));
      return t;
    },

    /** An account's entries in order, a page at a time: `after` is the last entry id seen. */
    async history(code: string, after = 0, limit = 100) {
      const account = await knex()('ledger_accounts').where('code', code).first('id');
      if (!account) throw new LedgerError('account_not_found', code);
      const rows = await knex()('ledger_entries as e')
        .join('ledger_transfers as t', 't.id', 'e.transfer_id')
        .where('e.account_id', account.id)
        .where('e.id', '>', Math.max(0, Math.floor(Number(after) || 0)))
        .orderBy('e.id')
        .limit(Math.min(500, Math.max(1, Math.floor(Number(limit) || 100))))
        .select(
          'e.id',
          'e.amount',
          'e.balance_after',
          'e.account_version',
          'e.created_at',
          't.id as transfer_id',
          't.idempotency_key',
          't.kind',
          't.code',
          't.reference',
        );
      const entries = rows.map((r: any) => ({
        id: n(r.id),
        amount: n(r.amount),
        balanceAfter: n(r.balance_after),
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
      return {
        entries,
        next: entries.length ? (entries[entries.length - 1] as { id: number }).id : null,
      };
    },

    /**
     * Every invariant of DESIGN.md §4, checked against the tables; each breach reported.
     * `db` may be a transaction (tests break the books inside one and roll it back).
     */
    async reconcile(db: Knex = knex()): Promise<{
      ok: boolean;
      checked: Record<string, number>;
      breaches: { check: string; detail: string }[];
    }> {
      const breaches: { check: string; detail: string }[] = [];
      const accounts = (await db('ledger_accounts').select('*')).map(toAccount);
      for (const unit of ['fen', 'minute']) {
        const of = accounts.filter((a) => a.unit === unit);
        const sum = (k: keyof AccountRow) => of.reduce((s, a) => s + (a[k] as number), 0);
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
      const perTransfer: any[] = await db('ledger_entries')
        .groupBy('transfer_id')
        .select('transfer_id', db.raw('SUM(amount) AS total'), db.raw('COUNT(*) AS entries'));
      for (const t of perTransfer) {
        if (n(t.total) !== 0 || n(t.entries) !== 2)
          breaches.push({
            check: 'transfer_entries_balance',
            detail: `transfer ${t.transfer_id}: ${t.entries} entries summing to ${t.total}`,
          });
      }
      const movingKinds = ['posted', 'post_pending', 'reversal'];
      const withoutEntries = await db('ledger_transfers as t')
        .whereIn('t.kind', movingKinds)
        .whereNotExists(
          db('ledger_entries as e').whereRaw('e.transfer_id = t.id').select(db.raw('1')),
        )
        .count({ c: '*' });
      if (n((withoutEntries[0] as any).c) > 0)
        breaches.push({
          check: 'transfer_entries_balance',
          detail: `${(withoutEntries[0] as any).c} posted transfers without entries`,
        });
      const perAccount = await db('ledger_entries')
        .groupBy('account_id')
        .select(
          'account_id',
          db.raw('COUNT(*) AS entries'),
          db.raw('MAX(account_version) AS version'),
          db.raw('SUM(CASE WHEN amount > 0 THEN amount ELSE 0 END) AS credits'),
          db.raw('SUM(CASE WHEN amount < 0 THEN -amount ELSE 0 END) AS debits'),
        );
      const lastBalance = await db('ledger_entries as e')
        .join(
          db('ledger_entries')
            .groupBy('account_id')
            .select('account_id')
            .max({ v: 'account_version' })
            .as('m'),
          function join() {
            this.on('m.account_id', '=', 'e.account_id').andOn('m.v', '=', 'e.account_version');
          },
        )
        .select('e.account_id', 'e.balance_after');
      const last = new Map(lastBalance.map((r: any) => [n(r.account_id), n(r.balance_after)]));
      const stats = new Map(perAccount.map((r: any) => [n(r.account_id), r]));
      const pending = await db('ledger_transfers as t')
        .where('t.kind', 'pending')
        .whereNotExists(
          db('ledger_transfers as r').whereRaw('r.pending_id = t.id').select(db.raw('1')),
        )
        .select('t.debit_account_id', 't.credit_account_id', 't.amount');
      const heldBy = new Map<number, { debits: number; credits: number }>();
      for (const p of pending) {
        const d = heldBy.get(n(p.debit_account_id)) ?? { debits: 0, credits: 0 };
        d.debits += n(p.amount);
        heldBy.set(n(p.debit_account_id), d);
        const c = heldBy.get(n(p.credit_account_id)) ?? { debits: 0, credits: 0 };
        c.credits += n(p.amount);
        heldBy.set(n(p.credit_account_id), c);
      }
      for (const a of accounts) {
        const s: any = stats.get(a.id);
        const entries = s ? n(s.entries) : 0;
        if (entries !== a.version || (s && n(s.version) !== a.version)) {
          breaches.push({
            check: 'versions_contiguous',
            detail: `${a.code}: version ${a.version}, ${entries} entries, highest ${s?.version ?? 0}`,
          });
        }
        if ((last.get(a.id) ?? 0) !== a.credits_posted - a.debits_posted) {
          breaches.push({
            check: 'balance_equals_last_entry',
            detail: `${a.code}: balance ${a.credits_posted - a.debits_posted}, last entry ${last.get(a.id) ?? 0}`,
          });
        }
        if (
          (s ? n(s.credits) : 0) !== a.credits_posted ||
          (s ? n(s.debits) : 0) !== a.debits_posted
        ) {
          breaches.push({
            check: 'totals_equal_entries',
            detail: `${a.code}: totals ${a.debits_posted}/${a.credits_posted}, entries ${s?.debits ?? 0}/${s?.credits ?? 0}`,
          });
        }
        const held = heldBy.get(a.id) ?? { debits: 0, credits: 0 };
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
