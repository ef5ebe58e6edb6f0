/**
 * Totals and balances as exact integers. One transfer is at most 10^15 (domain/transfer.ts), but
 * an account's totals grow past 2^53, where a JS number silently rounds: they are bigints from the
 * database (read as text) to the answer, and compared as bigints.
 */

/** A figure in an answer: a JSON number while that is exact, its decimal string beyond 2^53. */
export type Figure = number | string;

/** The largest total the tables hold (bigint columns on PostgreSQL, 64-bit integers on SQLite). */
export const MAX_TOTAL = 2n ** 63n - 1n;

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** A bigint column's value as the driver gives it (text, a number, a bigint) → bigint. */
export function big(v: unknown): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isSafeInteger(v)) return BigInt(v);
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return BigInt(v);
  if (v === null || v === undefined) return 0n;
  throw new TypeError(`not an exact integer: ${String(v)}`);
}

/** A bigint for an answer: a number when exact as one, else its decimal string. */
export function figure(v: bigint): Figure {
  return v <= SAFE && v >= -SAFE ? Number(v) : v.toString();
}
