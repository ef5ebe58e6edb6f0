/**
 * Satisfaction (满意度) with closed cases, and the reporter's window to reopen one.
 *
 * The 1–5 rating splits three ways, as the 12345 hotlines report it: 4–5 stars 满意 satisfied,
 * 3 基本满意 basically satisfied, 1–2 不满意 dissatisfied. Four counts as satisfied because the
 * hotlines' "满意率" counts 满意 and 比较满意 together; three is the neutral middle that
 * reports show apart, not hidden in either side.
 */
import { chinaDayNumber, ms, type Instant } from './china-time';

export type SatisfactionBand = 'satisfied' | 'basic' | 'dissatisfied';

/** The band of a rating; null for anything but a whole 1–5. */
export function bandOf(rating: number | null): SatisfactionBand | null {
  if (rating === null || !Number.isInteger(rating) || rating < 1 || rating > 5) return null;
  return rating >= 4 ? 'satisfied' : rating === 3 ? 'basic' : 'dissatisfied';
}

export interface RatedCase {
  category: string | null;
  areaPath: string | null;
  satisfaction: number | null;
}

export interface SatisfactionSplit {
  /** the category or area path; '' for cases without one */
  key: string;
  rated: number;
  satisfied: number;
  basic: number;
  dissatisfied: number;
  /** shares of the rated, in permille, summing to exactly 1000 (0 each when none rated) */
  satisfiedPermille: number;
  basicPermille: number;
  dissatisfiedPermille: number;
}

/**
 * Permille shares by largest remainder, so the three always add up to 1000 on a printed report
 * (rounding each alone gives 333 + 333 + 333).
 */
export function permilleShares(counts: number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return counts.map(() => 0);
  const floors = counts.map((c) => Math.floor((c * 1000) / total));
  const left = 1000 - floors.reduce((a, b) => a + b, 0);
  const order = counts
    .map((c, i) => ({ i, rest: (c * 1000) % total }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (let k = 0; k < left; k += 1) floors[order[k].i] += 1;
  return floors;
}

function split(key: string, ratings: number[]): SatisfactionSplit {
  const counts = { satisfied: 0, basic: 0, dissatisfied: 0 };
  for (const r of ratings) {
    const band = bandOf(r);
    if (band) counts[band] += 1;
  }
  const [s, b, d] = permilleShares([counts.satisfied, counts.basic, counts.dissatisfied]);
  return {
    key,
    rated: counts.satisfied + counts.basic + counts.dissatisfied,
    ...counts,
    satisfiedPermille: s,
    basicPermille: b,
    dissatisfiedPermille: d,
  };
}

/**
 * The split overall, by category and by area path (pass the community's path to group by
 * community). Unrated cases and ratings outside 1–5 are left out of every count.
 */
export function satisfactionSplit(cases: RatedCase[]): {
  overall: SatisfactionSplit;
  byCategory: SatisfactionSplit[];
  byArea: SatisfactionSplit[];
} {
  const rated = cases.filter((c) => bandOf(c.satisfaction) !== null);
  const group = (keyOf: (c: RatedCase) => string | null): SatisfactionSplit[] => {
    const groups = new Map<string, number[]>();
    for (const c of rated) {
      const key = keyOf(c) ?? '';
      groups.set(key, [...(groups.get(key) ?? []), c.satisfaction as number]);
    }
    return [...groups.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, list]) => split(key, list));
  };
  return {
    overall: split(
      '',
      rated.map((c) => c.satisfaction as number),
    ),
    byCategory: group((c) => c.category),
    byArea: group((c) => c.areaPath),
  };
}

/**
 * Whether the reporter may still reopen: within `reopenDays` calendar days (China time) after the
 * day it was closed — closed on the 3rd with 7 days, the 10th is the last day. Calendar days, not
 * working days: residents count days on a calendar, and a holiday must not stretch the promise.
 * 0 days means the type allows no reopening by the reporter.
 */
export function mayReopen(closedAt: Instant, now: Instant, reopenDays: number): boolean {
  if (reopenDays <= 0 || ms(now) < ms(closedAt)) return false;
  const days = chinaDayNumber(now) - chinaDayNumber(closedAt);
  return days >= 0 && days <= reopenDays;
}
