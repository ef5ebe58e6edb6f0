import { LedgerError } from './errors';

/**
 * The shapes the ledger takes, checked before anything touches the database. Amounts are
 * integers (fen, minutes), never floats; a key names a transfer for its caller, so a retry
 * of the same request can never move money twice.
 */
export type Unit = 'fen' | 'minute';
export const UNITS: readonly Unit[] = ['fen', 'minute'];

export interface AccountInput {
  code: string;
  unit: Unit;
  /** The lowest available balance allowed: 0 = may not go negative; -N = a credit limit of N; null = unlimited. */
  minBalance: number | null;
  name?: string;
}

export interface TransferInput {
  key: string;
  debit: string;
  credit: string;
  amount: number;
  /** What kind of movement, for reports (e.g. donation, award, disbursement). */
  code?: string;
  /** The business record behind it, e.g. `grants.donation:abc123`. */
  reference?: string;
}

export interface ReserveInput extends TransferInput {
  /** Seconds until the reservation lapses; absent: it waits until posted or voided. */
  timeoutSeconds?: number;
}

const isKey = (v: unknown): v is string =>
  typeof v === 'string' && v.length >= 1 && v.length <= 100;
const isCode = (v: unknown): v is string =>
  typeof v === 'string' && v.length >= 1 && v.length <= 120;
/**
 * The largest amount of one transfer: 10^15 fen (¥10 trillion) or minutes. Any one amount is then
 * exact as a JS number; totals, which grow past 2^53, are bigints (see domain/exact.ts).
 */
export const MAX_AMOUNT = 1_000_000_000_000_000;
export const isAmount = (v: unknown): v is number =>
  Number.isSafeInteger(v) && (v as number) > 0 && (v as number) <= MAX_AMOUNT;
export const isName = (v: unknown): boolean =>
  v === undefined || v === null || (typeof v === 'string' && v.length <= 200);

export function checkAccount(input: AccountInput): AccountInput {
  if (!isCode(input?.code)) throw new LedgerError('invalid_account');
  if (!UNITS.includes(input.unit)) throw new LedgerError('invalid_unit');
  const min = input.minBalance ?? null;
  if (min !== null && (!Number.isSafeInteger(min) || min > 0))
    throw new LedgerError('invalid_limit');
  if (!isName(input.name)) throw new LedgerError('invalid_name');
  return { code: input.code, unit: input.unit, minBalance: min, name: input.name };
}

export function checkTransfer(input: TransferInput, index?: number): TransferInput {
  if (!input || typeof input !== 'object')
    throw new LedgerError('invalid_amount', undefined, index);
  if (!isKey(input.key)) throw new LedgerError('invalid_key', undefined, index);
  if (!isCode(input.debit)) throw new LedgerError('invalid_account', undefined, index, 'debit');
  if (!isCode(input.credit)) throw new LedgerError('invalid_account', undefined, index, 'credit');
  if (!isAmount(input.amount)) throw new LedgerError('invalid_amount', undefined, index);
  if (input.debit === input.credit) throw new LedgerError('accounts_must_differ', undefined, index);
  if (input.code !== undefined && (typeof input.code !== 'string' || input.code.length > 40)) {
    throw new LedgerError('invalid_code', undefined, index);
  }
  if (
    input.reference !== undefined &&
    (typeof input.reference !== 'string' || input.reference.length > 200)
  ) {
    throw new LedgerError('invalid_reference', undefined, index);
  }
  return input;
}

export function checkTimeout(seconds: unknown): number | null {
  if (seconds === undefined || seconds === null) return null;
  if (
    !Number.isSafeInteger(seconds) ||
    (seconds as number) < 1 ||
    (seconds as number) > 366 * 86400
  ) {
    throw new LedgerError('invalid_timeout');
  }
  return seconds as number;
}

/** What a replay must repeat exactly for the original transfer to be its answer. */
export function sameBody(
  stored: {
    kind: string;
    debit: string;
    credit: string;
    amount: number;
    pendingId?: number | null;
  },
  asked: { kind: string; debit: string; credit: string; amount: number; pendingId?: number | null },
): boolean {
  return (
    stored.kind === asked.kind &&
    stored.debit === asked.debit &&
    stored.credit === asked.credit &&
    Number(stored.amount) === Number(asked.amount) &&
    (stored.pendingId ?? null) === (asked.pendingId ?? null)
  );
}
