/**
 * Ranking volunteers for a request, pure and explainable: each point has a reason the dispatcher
 * reads, so the ranking can be argued with. Closeness weighs most after the category, since a
 * neighbour on the same micro-grid turns up and comes back; load spreads the work so the same
 * few volunteers are not asked every time.
 */
import { instant } from './dates';

export interface Candidate {
  memberId: string;
  categoryCodes: string[];
  /** Area path like '/1/5/23/' (district/subdistrict/community). */
  placePath: string;
  gridId?: string | null;
  microGridId?: string | null;
  /** ISO; the volunteer's offer window. */
  availableFrom?: string | null;
  availableTo?: string | null;
  openCommitments: number;
  confirmedServices: number;
}

export interface Need {
  categoryCode: string;
  placePath: string;
  gridId?: string | null;
  microGridId?: string | null;
  windowStart: string;
  windowEnd: string;
}

export interface Ranked extends Candidate {
  score: number;
  reasons: { zh: string; en: string }[];
}

export const SCORES = {
  category: 40,
  microGrid: 30,
  grid: 24,
  community: 16,
  subdistrict: 8,
  district: 4,
  available: 15,
  availabilityUnknown: 5,
  perOpenCommitment: -5,
  maxLoadPenalty: -20,
  maxExperience: 10,
} as const;

const segments = (path: string): string[] => path.split('/').filter((s) => s !== '');

/** How many leading path segments two area paths share. */
export function commonSegments(a: string, b: string): number {
  const [x, y] = [segments(a), segments(b)];
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n += 1;
  return n;
}

type Part = [number, string, string];

/**
 * Closeness, the best single level that applies: same micro-grid, same grid, then by the area
 * path — within the need's area (its community) or one, two levels up. Not summed: a neighbour
 * on the same micro-grid is also on the same grid and in the same community, and counting all
 * three would drown the other criteria.
 */
function closeness(need: Need, c: Candidate): Part | null {
  if (need.microGridId && c.microGridId === need.microGridId) {
    return [SCORES.microGrid, '同一微网格', 'same micro-grid'];
  }
  if (need.gridId && c.gridId === need.gridId) return [SCORES.grid, '同一网格', 'same grid'];
  const depth = segments(need.placePath).length;
  const shared = commonSegments(need.placePath, c.placePath);
  if (depth === 0 || shared === 0) return null;
  const up = depth - shared;
  if (up === 0) return [SCORES.community, '同一社区', 'same community'];
  if (up === 1) return [SCORES.subdistrict, '同一街道', 'same subdistrict'];
  if (up === 2) return [SCORES.district, '同一区县', 'same district'];
  return null;
}

/**
 * Whether the offer window overlaps the need's. An open side of the window is unbounded; a
 * window with neither side is unknown and earns a little, since most volunteers never set one.
 */
function availability(need: Need, c: Candidate): Part | null {
  if (!c.availableFrom && !c.availableTo) {
    return [SCORES.availabilityUnknown, '未填写可服务时间', 'availability not given'];
  }
  const from = c.availableFrom ? instant(c.availableFrom) : -Infinity;
  const to = c.availableTo ? instant(c.availableTo) : Infinity;
  const [start, end] = [instant(need.windowStart), instant(need.windowEnd)];
  if (from === null || to === null || start === null || end === null) {
    return [SCORES.availabilityUnknown, '可服务时间无法判断', 'availability unclear'];
  }
  return from < end && start < to
    ? [SCORES.available, '可服务时间吻合', 'available in the window']
    : null;
}

function score(need: Need, c: Candidate): Ranked {
  const parts: Part[] = [];
  if (c.categoryCodes.includes(need.categoryCode)) {
    parts.push([SCORES.category, '提供该类服务', 'offers this category']);
  }
  const near = closeness(need, c);
  if (near) parts.push(near);
  const free = availability(need, c);
  if (free) parts.push(free);
  const open = Math.max(0, Math.floor(c.openCommitments));
  if (open > 0) {
    parts.push([
      Math.max(SCORES.maxLoadPenalty, SCORES.perOpenCommitment * open),
      `已有 ${open} 项待完成服务`,
      `${open} open commitment${open === 1 ? '' : 's'}`,
    ]);
  }
  const done = Math.min(SCORES.maxExperience, Math.max(0, Math.floor(c.confirmedServices)));
  if (done > 0) {
    parts.push([
      done,
      `已完成 ${c.confirmedServices} 次服务`,
      `${c.confirmedServices} confirmed services`,
    ]);
  }
  return {
    ...c,
    score: parts.reduce((sum, [points]) => sum + points, 0),
    reasons: parts.map(([points, zh, en]) => {
      const signed = points > 0 ? `+${points}` : String(points);
      return { zh: `${zh}（${signed}）`, en: `${en} (${signed})` };
    }),
  };
}

/**
 * The best `limit` candidates for a need, best first; equal scores in memberId order, so the
 * same data always ranks the same way whatever order the database returned it in.
 */
export function rankCandidates(need: Need, candidates: Candidate[], limit = 20): Ranked[] {
  if (!(limit > 0)) return [];
  return candidates
    .map((c) => score(need, c))
    .sort((a, b) =>
      b.score !== a.score
        ? b.score - a.score
        : a.memberId < b.memberId
          ? -1
          : a.memberId > b.memberId
            ? 1
            : 0,
    )
    .slice(0, Math.floor(limit));
}
