import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { big, figure, type Figure } from '../../domain/exact';
import { LedgerError } from '../../domain/errors';
import type { TransferInput } from '../../domain/transfer';

/**
 * What every part of the engine shares: the connection, the rows of the three tables as typed
 * values, account locks. Totals and limits are bigints end to end: they are selected as text
 * (better-sqlite3 would hand a 64-bit integer over as a rounded JS number, and Strapi parses
 * PostgreSQL's NUMERIC — what SUM(bigint) returns — with parseFloat) and written back as bigints.
 */

export type Kind = 'posted' | 'pending' | 'post_pending' | 'void_pending' | 'reversal';

export interface Transfer {
  id: number;
  key: string;
  kind: Kind;
  debit: string;
  credit: string;
  /** At most 10^15: exact as a number. */
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

/**
 * An account's figures. Each is a number while exact, and its decimal string beyond 2^53
 * (totals grow past it: 10 transfers of the largest amount do).
 */
export interface Balance {
  code: string;
  unit: string;
  /** credits posted − debits posted */
  posted: Figure;
  /** posted − debits reserved: what may still be spent */
  available: Figure;
  debitsPending: Figure;
  creditsPending: Figure;
  minBalance: Figure | null;
  version: number;
}

export interface AccountRow {
  id: number;
  code: string;
  unit: string;
  min_balance: bigint | null;
  debits_pending: bigint;
  debits_posted: bigint;
  credits_pending: bigint;
  credits_posted: bigint;
  version: number;
  dirty?: boolean;
}

/** A ledger_accounts row as `accountColumns` selects it: totals as text, ids as the driver gives them. */
export type AccountRecord = {
  id: unknown;
  code: string;
  unit: string;
  version: unknown;
  min_balance: unknown;
  debits_pending: unknown;
  debits_posted: unknown;
  credits_pending: unknown;
  credits_posted: unknown;
};

/** A ledger_transfers row as written (`append` answers it without reading it back). */
export type TransferInsert = {
  idempotency_key: string;
  kind: Kind;
  debit_account_id: number;
  credit_account_id: number;
  amount: number;
  unit: string;
  code?: string | null;
  reference?: string | null;
  pending_id?: number | null;
  reversal_of?: number | null;
  expires_at?: Date | null;
  created_at: Date;
};

/** A ledger_transfers row as read, with its accounts' codes joined in. */
export type TransferRecord = {
  id: unknown;
  idempotency_key: string;
  kind: Kind;
  debit_code: string;
  credit_code: string;
  amount: unknown;
  unit: string;
  code?: string | null;
  reference?: string | null;
  pending_id?: unknown;
  reversal_of?: unknown;
  expires_at?: string | number | Date | null;
  created_at: string | number | Date;
};

/** What Strapi's `db.transaction` hands its callback. */
export type InTransaction = { trx: Knex.Transaction };

export const n = (v: unknown): number => Number(v);

export const uniqueViolation = (error: unknown) => {
  const e = error as { code?: unknown; message?: unknown } | null | undefined;
  return e?.code === '23505' || /UNIQUE constraint failed/i.test(String(e?.message ?? ''));
};

const TOTALS = [
  'min_balance',
  'debits_pending',
  'debits_posted',
  'credits_pending',
  'credits_posted',
] as const;

export const available = (a: AccountRow): bigint =>
  a.credits_posted - a.debits_posted - a.debits_pending;

export function toAccount(r: AccountRecord): AccountRow {
  return {
    id: n(r.id),
    code: r.code,
    unit: r.unit,
    min_balance: r.min_balance === null || r.min_balance === undefined ? null : big(r.min_balance),
    debits_pending: big(r.debits_pending),
    debits_posted: big(r.debits_posted),
    credits_pending: big(r.credits_pending),
    credits_posted: big(r.credits_posted),
    version: n(r.version),
  };
}

export function toBalance(a: AccountRow): Balance {
  return {
    code: a.code,
    unit: a.unit,
    posted: figure(a.credits_posted - a.debits_posted),
    available: figure(available(a)),
    debitsPending: figure(a.debits_pending),
    creditsPending: figure(a.credits_pending),
    minBalance: a.min_balance === null ? null : figure(a.min_balance),
    version: a.version,
  };
}

export const toTransfer = (r: TransferRecord): Transfer => ({
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

/** A transfer just made from a request, as answered without reading it back. */
export const madeFrom = (
  input: TransferInput,
  made: {
    id: number;
    unit: string;
    createdAt: string;
    kind?: 'posted' | 'pending';
    expiresAt?: string | null;
  },
): Transfer => ({
  id: made.id,
  key: input.key,
  kind: made.kind ?? 'posted',
  debit: input.debit,
  credit: input.credit,
  amount: input.amount,
  unit: made.unit,
  code: input.code ?? null,
  reference: input.reference ?? null,
  pendingId: null,
  reversalOf: null,
  expiresAt: made.expiresAt ?? null,
  createdAt: made.createdAt,
});

/** The engine's handle on the database, shared by the ledger's services. */
export function store(strapi: Core.Strapi) {
  const knex = (): Knex => strapi.db.connection as unknown as Knex;
  const postgres = () => strapi.db.dialect.client === 'postgres';

  /** An account's columns, its totals as text (exact on both databases). */
  const accountColumns = (db: Knex, alias = '') => {
    const p = alias ? `${alias}.` : '';
    return [
      `${p}id`,
      `${p}code`,
      `${p}unit`,
      `${p}version`,
      ...TOTALS.map((c) => db.raw(`CAST(?? AS TEXT) AS ??`, [`${p}${c}`, c])),
    ];
  };

  return {
    knex,
    postgres,
    accountColumns,
    /**
     * Reads run in the caller's transaction when there is one (the grants plugin posts a donation
     * and its ledger transfer together): SQLite has a single connection, and a read beside the
     * open transaction would wait for it forever.
     */
    reading<T>(fn: (db: Knex) => Promise<T>): Promise<T> {
      return strapi.db.inTransaction()
        ? (strapi.db.transaction(({ trx }: InTransaction) => fn(trx)) as unknown as Promise<T>)
        : fn(knex());
    },

    async loadAccount(db: Knex, code: string): Promise<AccountRow | null> {
      const row = await db('ledger_accounts')
        .where('code', code)
        .first(...accountColumns(db));
      return row ? toAccount(row) : null;
    },

    async loadTransfer(db: Knex, where: Record<string, unknown>): Promise<Transfer | null> {
      const row = await db('ledger_transfers as t')
        .join('ledger_accounts as d', 'd.id', 't.debit_account_id')
        .join('ledger_accounts as c', 'c.id', 't.credit_account_id')
        .where(where)
        .first('t.*', 'd.code as debit_code', 'c.code as credit_code');
      return row ? toTransfer(row) : null;
    },

    /** Locks (PostgreSQL) and loads the accounts, in id order. */
    async lockAccounts(trx: Knex, codes: string[]): Promise<Map<string, AccountRow>> {
      const query = trx('ledger_accounts')
        .whereIn('code', [...new Set(codes)])
        .orderBy('id')
        .select(...accountColumns(trx));
      const rows = postgres() ? await query.forNoKeyUpdate() : await query;
      return new Map(rows.map((r: AccountRecord) => [r.code, toAccount(r)]));
    },

    async insertTransfer(trx: Knex, row: TransferInsert): Promise<number> {
      const [inserted] = await trx('ledger_transfers').insert(row).returning('id');
      return n(typeof inserted === 'object' ? (inserted as { id: unknown }).id : inserted);
    },

    /** Writes back the totals of the accounts a transaction changed. */
    async saveAccounts(trx: Knex, accounts: Map<string, AccountRow>): Promise<void> {
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
    },
  };
}

export type Store = ReturnType<typeof store>;

export function mustHave(
  accounts: Map<string, AccountRow>,
  code: string,
  index: number,
  field: string,
): AccountRow {
  const a = accounts.get(code);
  if (!a) throw new LedgerError('account_not_found', code, index, field);
  return a;
}
