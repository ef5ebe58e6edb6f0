/**
 * China time: the one place that knows China's calendar is UTC+8 all year (no daylight saving
 * since 1991), so every "today", receipt year and statement period agrees. Pure — no Strapi, no
 * Intl — so the console imports it too; server plugins reach it through the cms service
 * `china-time`.
 */

const OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

/** A calendar date written YYYY-MM-DD. */
export type IsoDate = string;

const at = (instant: Date | number): number =>
  typeof instant === 'number' ? instant : instant.getTime();

/** A real calendar date written YYYY-MM-DD (2026-13-01 and 2026-02-30 are not). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === value;
}

function assertIsoDate(value: string): void {
  if (!isIsoDate(value)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${value}`);
}

/** The calendar date in China of an instant. */
export const chinaDate = (instant: Date | number): IsoDate =>
  new Date(at(instant) + OFFSET_MS).toISOString().slice(0, 10);

/** Today's date in China; `now` is injectable for tests. */
export const todayInChina = (now: Date | number = Date.now()): IsoDate => chinaDate(now);

/** The calendar year in China of an instant (a donation at 2026-12-31T20:00Z belongs to 2027). */
export const chinaYear = (instant: Date | number): number =>
  new Date(at(instant) + OFFSET_MS).getUTCFullYear();

/** The instant China's day `date` begins: 2026-01-01 → 2025-12-31T16:00:00.000Z. */
export function chinaMidnight(date: IsoDate): Date {
  assertIsoDate(date);
  return new Date(Date.parse(`${date}T00:00:00Z`) - OFFSET_MS);
}

/** The calendar date `days` days after (or before, when negative) `date`. */
export function addDays(date: IsoDate, days: number): IsoDate {
  assertIsoDate(date);
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export type ChinaPeriodUnit = 'day' | 'month' | 'year';

/**
 * The day, month or year in China that contains `date`, as half-open instants
 * `[start, end)` — filter with `$gte: start, $lt: end`, never `$lte` on a last millisecond.
 */
export function chinaPeriod(unit: ChinaPeriodUnit, date: IsoDate): { start: Date; end: Date } {
  assertIsoDate(date);
  const [y, m] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
  const first =
    unit === 'day'
      ? date
      : unit === 'month'
        ? date.slice(0, 8) + '01'
        : `${date.slice(0, 4)}-01-01`;
  const next =
    unit === 'day'
      ? addDays(date, 1)
      : unit === 'month'
        ? new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10)
        : new Date(Date.UTC(y + 1, 0, 1)).toISOString().slice(0, 10);
  return { start: chinaMidnight(first), end: chinaMidnight(next) };
}

/** From China's midnight starting `from` to the one ending `to` (both dates included). */
export function chinaDateRange(from: IsoDate, to: IsoDate): { start: Date; end: Date } {
  return { start: chinaMidnight(from), end: chinaMidnight(addDays(to, 1)) };
}
