/**
 * Earned time kept as lots, one per earning, so expiry is exact: spending takes the oldest first
 * (FIFO), and what expires is precisely what is left of each old lot, never an estimate.
 */
import { addMonths } from './dates';
import { issue, TimeBankIssues } from './errors';
import { formatHours } from './time';

export interface Lot {
  id: string;
  /** China day YYYY-MM-DD. */
  earnedOn: string;
  minutes: number;
  remaining: number;
}

/** Oldest first; the id breaks ties so two lots earned the same day are always spent alike. */
export const fifo = (a: Lot, b: Lot): number =>
  a.earnedOn < b.earnedOn
    ? -1
    : a.earnedOn > b.earnedOn
      ? 1
      : a.id < b.id
        ? -1
        : a.id > b.id
          ? 1
          : 0;

/**
 * Takes `minutes` from the lots, oldest first. Pure: returns new lots (same order as given) and
 * what was taken from which lot; throws insufficient_balance when they do not hold enough.
 */
export function spend(
  lots: Lot[],
  minutes: number,
): { lots: Lot[]; taken: { id: string; minutes: number }[] } {
  if (!Number.isSafeInteger(minutes) || minutes <= 0) {
    throw new TimeBankIssues([
      issue('minutes', 'invalid_value', 'a positive whole number of minutes', '须为正整数分钟'),
    ]);
  }
  const available = lots.reduce((sum, lot) => sum + Math.max(0, lot.remaining), 0);
  if (available < minutes) {
    const f = formatHours(available);
    throw new TimeBankIssues([
      issue('minutes', 'insufficient_balance', `only ${f.en} available`, `可用时长仅 ${f.zh}`),
    ]);
  }
  const take = new Map<string, number>();
  const taken: { id: string; minutes: number }[] = [];
  let left = minutes;
  for (const lot of [...lots].sort(fifo)) {
    if (left === 0) break;
    const n = Math.min(left, Math.max(0, lot.remaining));
    if (n === 0) continue;
    take.set(lot.id, n);
    taken.push({ id: lot.id, minutes: n });
    left -= n;
  }
  return {
    lots: lots.map((lot) => {
      const n = take.get(lot.id);
      return n === undefined ? lot : { ...lot, remaining: lot.remaining - n };
    }),
    taken,
  };
}

/**
 * The lots that have expired by `today` (earnedOn + expiryMonths calendar months ≤ today), with
 * what is left of each, oldest first. Nothing expires when the policy sets no expiry.
 */
export function expiring(
  lots: Lot[],
  today: string,
  expiryMonths: number | null,
): { id: string; minutes: number }[] {
  if (expiryMonths === null) return [];
  return lots
    .filter((lot) => lot.remaining > 0 && addMonths(lot.earnedOn, expiryMonths) <= today)
    .sort(fifo)
    .map((lot) => ({ id: lot.id, minutes: lot.remaining }));
}
