/**
 * Vote rules as data, and the tally. A rule says what share of the electorate must take part
 * (the quorum) and what share must approve, each by count (households, owners, residents)
 * and/or by floor area — the Civil Code's double majority (article 278) is both at once.
 *
 * Shares are fractions (2/3 cannot be written in basis points without rounding a vote the
 * wrong way) and every comparison is exact: `part / whole ≥ num / den` is decided as
 * `part × den ≥ num × whole` in BigInt.
 */
import type { Issue } from './errors';
import { issue } from './errors';

export type ElectorateKind = 'households' | 'owners' | 'residents';
export type Choice = 'yes' | 'no' | 'abstain';

export interface Threshold {
  num: number;
  den: number;
  /** more than (过半数) rather than at least (不低于) */
  strict?: boolean;
}

export interface VoteRule {
  /** share of the electorate that must take part */
  quorum: { count?: Threshold; area?: Threshold };
  /** share that must say yes, of those taking part or of the whole electorate */
  approval: { base: 'participating' | 'electorate'; count?: Threshold; area?: Threshold };
  /** an elector may change their ballot until the close */
  allowChange: boolean;
  /** the running yes/no is shown before the close (turnout always is) */
  showInterim: boolean;
}

export interface Figures {
  count: number;
  area: number;
}

export interface TallyResult {
  electorate: Figures;
  participating: Figures;
  yes: Figures;
  no: Figures;
  abstain: Figures;
  /** each measure the rule sets, met or not; absent where the rule sets none */
  quorum: { count?: boolean; area?: boolean; met: boolean };
  approval: { count?: boolean; area?: boolean; met: boolean };
  passed: boolean;
}

const MAX_DEN = 1_000_000;

/** `part / whole` reaches the threshold, exactly; nothing reaches a share of an empty whole. */
export function reaches(part: number, whole: number, t: Threshold): boolean {
  if (whole <= 0) return false;
  const left = BigInt(part) * BigInt(t.den);
  const right = BigInt(t.num) * BigInt(whole);
  return t.strict ? left > right : left >= right;
}

function checkThreshold(path: string, value: unknown, issues: Issue[]): Threshold | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    issues.push(issue(path, 'invalid_rule', 'must be a share {num, den}', '须为比例 {num, den}'));
    return undefined;
  }
  const { num, den, strict } = value as Record<string, unknown>;
  if (
    typeof num !== 'number' ||
    typeof den !== 'number' ||
    !Number.isSafeInteger(num) ||
    !Number.isSafeInteger(den) ||
    den <= 0 ||
    den > MAX_DEN ||
    num < 0
  ) {
    issues.push(
      issue(
        path,
        'invalid_rule',
        `must be a share of whole numbers (0 ≤ num, 0 < den ≤ ${MAX_DEN})`,
        `须为整数比例（分子不小于 0，分母大于 0 且不超过 ${MAX_DEN}）`,
      ),
    );
    return undefined;
  }
  if (num > den) {
    issues.push(issue(path, 'invalid_rule', 'cannot exceed 100 %', '不能超过 100%'));
    return undefined;
  }
  if (strict !== undefined && typeof strict !== 'boolean') {
    issues.push(issue(`${path}.strict`, 'invalid_rule', 'must be true or false', '须为是或否'));
    return undefined;
  }
  if (strict && num === den) {
    issues.push(
      issue(path, 'invalid_rule', 'more than 100 % can never be reached', '超过 100% 无法达到'),
    );
    return undefined;
  }
  return { num, den, ...(strict ? { strict: true } : {}) };
}

/** A rule as an administrator wrote it, checked whole: every issue at once, or the rule. */
export function checkRule(input: unknown, path = 'rule'): { rule?: VoteRule; issues: Issue[] } {
  const issues: Issue[] = [];
  if (!input || typeof input !== 'object' || Array.isArray(input))
    return { issues: [issue(path, 'invalid_rule', 'is required', '必填')] };
  const r = input as Record<string, unknown>;
  const quorumIn = (r.quorum ?? {}) as Record<string, unknown>;
  const approvalIn = (r.approval ?? {}) as Record<string, unknown>;
  if (typeof quorumIn !== 'object' || typeof approvalIn !== 'object')
    return {
      issues: [
        issue(path, 'invalid_rule', 'quorum and approval are required', '须有参与和同意门槛'),
      ],
    };
  const quorum = {
    count: checkThreshold(`${path}.quorum.count`, quorumIn.count, issues),
    area: checkThreshold(`${path}.quorum.area`, quorumIn.area, issues),
  };
  if (issues.length === 0) {
    const set = [quorum.count, quorum.area].filter(Boolean) as Threshold[];
    if (set.length === 0 || set.every((t) => t.num === 0 && !t.strict))
      issues.push(
        issue(
          `${path}.quorum`,
          'invalid_rule',
          'a vote needs a quorum above zero',
          '表决须设定大于零的参与门槛',
        ),
      );
  }
  const base = approvalIn.base ?? 'participating';
  if (base !== 'participating' && base !== 'electorate')
    issues.push(
      issue(
        `${path}.approval.base`,
        'invalid_rule',
        'must be participating or electorate',
        '须为“参与表决者”或“全体表决单位”',
      ),
    );
  const approval = {
    base: base as 'participating' | 'electorate',
    count: checkThreshold(`${path}.approval.count`, approvalIn.count, issues),
    area: checkThreshold(`${path}.approval.area`, approvalIn.area, issues),
  };
  if (!approvalIn.count && !approvalIn.area)
    issues.push(
      issue(
        `${path}.approval`,
        'invalid_rule',
        'set an approval threshold by count or by area',
        '须设定按人数或按面积的同意门槛',
      ),
    );
  for (const flag of ['allowChange', 'showInterim'] as const)
    if (r[flag] !== undefined && typeof r[flag] !== 'boolean')
      issues.push(issue(`${path}.${flag}`, 'invalid_rule', 'must be true or false', '须为是或否'));
  if (issues.length) return { issues };
  const clean = <T extends object>(o: T): T =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
  return {
    rule: {
      quorum: clean(quorum),
      approval: clean(approval),
      allowChange: r.allowChange === true,
      showInterim: r.showInterim === true,
    },
    issues,
  };
}

/** Whether a rule weighs floor area: then its electorate must have areas (not residents). */
export const usesArea = (rule: VoteRule): boolean =>
  Boolean(rule.quorum.area || rule.approval.area);

/**
 * The result of a vote: turnout and approval by count and by area, per the rule. Pure: the
 * close computes it and stores it, and a recount computes it again from the same rows.
 */
export function tally(
  electors: ReadonlyArray<{ area: number }>,
  ballots: ReadonlyArray<{ area: number; choice: Choice }>,
  rule: VoteRule,
): TallyResult {
  const sum = (rows: ReadonlyArray<{ area: number }>): Figures => ({
    count: rows.length,
    area: rows.reduce((total, row) => total + row.area, 0),
  });
  const electorate = sum(electors);
  const participating = sum(ballots);
  const yes = sum(ballots.filter((b) => b.choice === 'yes'));
  const no = sum(ballots.filter((b) => b.choice === 'no'));
  const abstain = sum(ballots.filter((b) => b.choice === 'abstain'));
  const quorum: TallyResult['quorum'] = { met: true };
  if (rule.quorum.count)
    quorum.count = reaches(participating.count, electorate.count, rule.quorum.count);
  if (rule.quorum.area)
    quorum.area = reaches(participating.area, electorate.area, rule.quorum.area);
  quorum.met = quorum.count !== false && quorum.area !== false;
  const base = rule.approval.base === 'electorate' ? electorate : participating;
  const approval: TallyResult['approval'] = { met: true };
  if (rule.approval.count) approval.count = reaches(yes.count, base.count, rule.approval.count);
  if (rule.approval.area) approval.area = reaches(yes.area, base.area, rule.approval.area);
  approval.met = approval.count !== false && approval.area !== false;
  return {
    electorate,
    participating,
    yes,
    no,
    abstain,
    quorum,
    approval,
    passed: quorum.met && approval.met,
  };
}

const T = (num: number, den: number, strict = false): Threshold => ({
  num,
  den,
  ...(strict ? { strict: true } : {}),
});

/** The presets administrators start from (they add their own as data). */
export const RULE_PRESETS: ReadonlyArray<{
  key: string;
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
  rule: VoteRule;
}> = [
  {
    key: 'simple-majority',
    nameZh: '简单多数',
    nameEn: 'Simple majority',
    descriptionZh: '过半数表决单位参与，参与者过半数同意',
    descriptionEn: 'More than half take part; more than half of those taking part approve',
    rule: {
      quorum: { count: T(1, 2, true) },
      approval: { base: 'participating', count: T(1, 2, true) },
      allowChange: true,
      showInterim: false,
    },
  },
  {
    key: 'residents-75',
    nameZh: '不低于 75% 居民同意',
    nameEn: 'At least 75 % of residents approve',
    descriptionZh: '重大改造须经不低于 75% 的居民同意方可实施',
    descriptionEn: 'A major renovation proceeds only if at least 75 % of all residents approve',
    rule: {
      quorum: { count: T(3, 4) },
      approval: { base: 'electorate', count: T(3, 4) },
      allowChange: true,
      showInterim: false,
    },
  },
  {
    key: 'civil-code-ordinary',
    nameZh: '民法典一般事项（双过半）',
    nameEn: 'Civil Code, ordinary matter (double majority)',
    descriptionZh:
      '专有部分面积占比三分之二以上且人数占比三分之二以上的业主参与表决；经参与表决专有部分面积过半数且参与表决人数过半数的业主同意',
    descriptionEn:
      'Owners holding at least two thirds of the area and two thirds of the owners take part; more than half of the participating area and owners approve',
    rule: {
      quorum: { count: T(2, 3), area: T(2, 3) },
      approval: { base: 'participating', count: T(1, 2, true), area: T(1, 2, true) },
      allowChange: false,
      showInterim: false,
    },
  },
  {
    key: 'civil-code-major',
    nameZh: '民法典重大事项（双四分之三）',
    nameEn: 'Civil Code, major matter (double three quarters)',
    descriptionZh:
      '筹集或使用维修资金、改建重建、改变共有部分用途等：参与同上；经参与表决专有部分面积四分之三以上且参与表决人数四分之三以上的业主同意',
    descriptionEn:
      'Raising or using maintenance funds, rebuilding, changing common parts’ use: quorum as above; at least three quarters of the participating area and owners approve',
    rule: {
      quorum: { count: T(2, 3), area: T(2, 3) },
      approval: { base: 'participating', count: T(3, 4), area: T(3, 4) },
      allowChange: false,
      showInterim: false,
    },
  },
];

/**
 * Why a result is what it is, for the words each screen puts on it: the quorum was not met; or
 * the measures the rule approves by, those met and those not (by count, by area).
 */
export function resultReason(
  result: TallyResult,
): { quorumMet: false } | { quorumMet: true; met: Measure[]; failed: Measure[] } {
  if (!result.quorum.met) return { quorumMet: false };
  const measures = (['count', 'area'] as const).filter((m) => result.approval[m] !== undefined);
  return {
    quorumMet: true,
    met: measures.filter((m) => result.approval[m]),
    failed: measures.filter((m) => !result.approval[m]),
  };
}

export type Measure = 'count' | 'area';
