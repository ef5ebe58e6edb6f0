/**
 * Time is kept in whole minutes; people read hours. 90 → "1.5", 20 → "0.33": at most two
 * decimals, trailing zeros dropped, so a figure never reads as more precise than it is.
 */
export function hoursOf(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined || !Number.isFinite(minutes)) return '';
  const h = Math.round((minutes / 60) * 100) / 100;
  return String(h);
}

/** Hours typed by a person → whole minutes (null when not a number). */
export function minutesOfHours(text: string | number | null | undefined): number | null {
  if (text === null || text === undefined || text === '') return null;
  const n = typeof text === 'number' ? text : Number(String(text).trim());
  if (!Number.isFinite(n)) return null;
  return Math.round(n * 60);
}

/** A rate in permille as people read it: 1500 → "×1.5". */
export const rateOf = (permille: number | null | undefined): string =>
  permille === null || permille === undefined ? '' : `×${Math.round(permille) / 1000}`;

/** The star level a cumulative figure of earned minutes reaches under the thresholds. */
export function starLevel(
  earned: number | null | undefined,
  thresholds: readonly number[],
): number {
  let level = 0;
  for (const t of thresholds) if ((earned ?? 0) >= t) level += 1;
  return level;
}
