/**
 * The few lines of China time the cases domain needs. They repeat the cms kit's on purpose: a
 * plugin may not import another plugin's code (DESIGN.md §2), and this folder must stay
 * importable by the console without Strapi.
 */

const OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

/** An instant given as a Date or an ISO string; instants are compared, never formatted, here. */
export type Instant = Date | string;

/** Milliseconds since the epoch; throws on a string that names no instant (a caller's bug). */
export function ms(at: Instant): number {
  const value = at instanceof Date ? at.getTime() : Date.parse(at);
  if (Number.isNaN(value)) throw new RangeError(`not an instant: ${String(at)}`);
  return value;
}

/** The China day number (days since 1970-01-01 in UTC+8) of an instant. */
export const chinaDayNumber = (at: Instant): number => Math.floor((ms(at) + OFFSET_MS) / DAY_MS);

/** The calendar year in China of an instant: 2026-12-31T20:00Z belongs to 2027. */
export const chinaYear = (at: Instant): number => new Date(ms(at) + OFFSET_MS).getUTCFullYear();
