/**
 * The whistle's yearly department ratings (吹哨报到 考核): how each department answered the
 * communities' whistles — reported on time, late or not at all, acted, how the communities rated
 * it — and one year score to rank them. Pure and in integers: scores and averages are kept in
 * hundredths, so a stored report never holds a float that prints as 93.33000000000001.
 */
import { chinaYear, ms, type Instant } from './china-time';
import type { WhistleRules } from './types';

export interface WhistleRecord {
  departmentId: number;
  departmentName: string;
  caseId: number;
  caseNumber: string;
  calledAt: Instant;
  reportedAt: Instant | null;
  reportDueAt: Instant;
  actedAt: Instant | null;
  /** the community's rating, 1–5 stars */
  rating: number | null;
  points: number;
}

export interface DepartmentRating {
  departmentId: number;
  departmentName: string;
  whistles: number;
  reportedOnTime: number;
  reportedLate: number;
  notReported: number;
  acted: number;
  rated: number;
  /** average stars × 100, rounded half up (4.33 stars → 433); null when none rated */
  averageRatingHundredths: number | null;
  points: number;
  /** on-time report share on 0–100, in hundredths (0–10000) */
  performanceScore: number;
  /** (average stars / 5) on 0–100, in hundredths; null when none rated */
  ratingScore: number | null;
  /** (1 − w) × performance + w × rating, in hundredths; the performance alone when none rated */
  yearScore: number;
  /** 1 for the best; equal scores share a rank (1, 2, 2, 4) */
  rank: number;
}

/** a / b rounded half up, both non-negative; exact in BigInt however large the year. */
const divRound = (a: bigint, b: bigint): number => Number((2n * a + b) / (2n * b));

/**
 * The points a whistle earns its department: on time or late for the report, plus the stars
 * times perStar once rated. A report not made earns nothing while it is not yet due, and the
 * late points once `now` is past the due time — never answering must not beat answering late.
 */
export function whistlePoints(
  rules: Pick<WhistleRules, 'points'>,
  w: { reportedAt: Instant | null; reportDueAt: Instant; rating: number | null; now?: Instant },
): number {
  const due = ms(w.reportDueAt);
  let points = 0;
  if (w.reportedAt !== null)
    points += ms(w.reportedAt) <= due ? rules.points.onTime : rules.points.late;
  else if (w.now !== undefined && ms(w.now) > due) points += rules.points.late;
  if (w.rating !== null) points += w.rating * rules.points.perStar;
  return points;
}

/**
 * The report: one row per department that was whistled, best first. With `year`, only whistles
 * called in that China year count. A department nobody rated is scored on its reports alone
 * rather than as if rated zero: a missing rating is the community's omission, not the
 * department's failure.
 */
export function departmentRatings(
  whistles: WhistleRecord[],
  rules: Pick<WhistleRules, 'ratingWeightPermille'>,
  options: { year?: number } = {},
): DepartmentRating[] {
  const weight = BigInt(rules.ratingWeightPermille);
  const groups = new Map<number, WhistleRecord[]>();
  for (const w of whistles) {
    if (options.year !== undefined && chinaYear(w.calledAt) !== options.year) continue;
    const list = groups.get(w.departmentId) ?? [];
    list.push(w);
    groups.set(w.departmentId, list);
  }
  const rows = [...groups.values()].map((list): Omit<DepartmentRating, 'rank'> => {
    const count = list.length;
    let onTime = 0;
    let late = 0;
    let acted = 0;
    let rated = 0;
    let stars = 0;
    let points = 0;
    for (const w of list) {
      if (w.reportedAt !== null) {
        if (ms(w.reportedAt) <= ms(w.reportDueAt)) onTime += 1;
        else late += 1;
      }
      if (w.actedAt !== null) acted += 1;
      if (w.rating !== null) {
        rated += 1;
        stars += w.rating;
      }
      points += w.points;
    }
    const [n, r, s, t] = [BigInt(count), BigInt(rated), BigInt(stars), BigInt(onTime)];
    // performance = onTime / n × 100 (× 100 for hundredths); rating = stars / r / 5 × 100 × 100.
    const performanceScore = divRound(t * 10000n, n);
    const ratingScore = rated > 0 ? divRound(s * 2000n, r) : null;
    // One rounding for the year score, from the exact fractions, not from the rounded parts.
    const yearScore =
      rated > 0
        ? divRound((1000n - weight) * t * 10000n * r + weight * s * 2000n * n, 1000n * n * r)
        : performanceScore;
    return {
      departmentId: list[0].departmentId,
      departmentName: list[0].departmentName,
      whistles: count,
      reportedOnTime: onTime,
      reportedLate: late,
      notReported: count - onTime - late,
      acted,
      rated,
      averageRatingHundredths: rated > 0 ? divRound(s * 100n, r) : null,
      points,
      performanceScore,
      ratingScore,
      yearScore,
    };
  });
  rows.sort((a, b) => b.yearScore - a.yearScore || a.departmentId - b.departmentId);
  // Equal scores share the first rank of their run (competition ranking: 1, 2, 2, 4).
  let rank = 0;
  return rows.map((row, i) => {
    if (i === 0 || rows[i - 1].yearScore !== row.yearScore) rank = i + 1;
    return { ...row, rank };
  });
}

/** Hundredths for display: 9333 → "93.33", 433 → "4.33", -5 → "-0.05". */
export function formatHundredths(value: number): string {
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
