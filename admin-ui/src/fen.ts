/**
 * A whole number of fen as it may reach the console: GraphQL's Long arrives as a JSON number,
 * REST's biginteger as digits in text. Null for anything else (typed text, empty).
 */
export function fenOf(value: unknown): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : null;
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : null;
  if (typeof value === 'string' && /^-?\d{1,16}$/.test(value)) {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : null;
  }
  return null;
}
