/**
 * The calendar arithmetic the time bank needs, pure. It repeats a few lines of the cms kit's
 * China time on purpose: a plugin may not import another plugin's code (DESIGN.md §2), and this
 * folder must stay importable by the console without Strapi.
 */

const OFFSET_MS = 8 * 3600 * 1000;

/** A real calendar date written YYYY-MM-DD (2026-13-01 and 2026-02-30 are not). */
export function isDay(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === value;
}

/** The instant of a Date or an ISO string; null when it names no instant. */
export function instant(value: unknown): number | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.getTime();
  // Only ISO date-times: Date.parse also accepts "March 3" and friends, which no client should send.
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/** The China day (UTC+8, no daylight saving) of an instant. */
export const chinaDay = (at: Date | number): string =>
  new Date((typeof at === 'number' ? at : at.getTime()) + OFFSET_MS).toISOString().slice(0, 10);

/** An instant as China's wall clock to the minute, `YYYY-MM-DD HH:mm`, for messages. */
export const chinaMinute = (at: Date | number): string =>
  new Date((typeof at === 'number' ? at : at.getTime()) + OFFSET_MS)
    .toISOString()
    .slice(0, 16)
    .replace('T', ' ');

/** The calendar year in China of an instant: 2026-12-31T20:00Z belongs to 2027. */
export const chinaYear = (at: Date | number): number => Number(chinaDay(at).slice(0, 4));

/**
 * `months` calendar months after `day`, clamped to the month's last day: 31 Jan + 1 month is
 * 28 Feb (29 in a leap year), since an hour earned on the 31st must expire in February, not March.
 */
export function addMonths(day: string, months: number): string {
  if (!isDay(day)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${day}`);
  const [y, m, d] = [Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8))];
  const index = y * 12 + m + months;
  const [ty, tm] = [Math.floor(index / 12), ((index % 12) + 12) % 12];
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  const date = new Date(Date.UTC(ty, tm, Math.min(d, last)));
  // Date.UTC maps years 0..99 to 1900..1999; setUTCFullYear keeps the year we meant.
  date.setUTCFullYear(ty);
  return date.toISOString().slice(0, 10);
}
