/**
 * The policy a community configures for its time bank, versioned by the China day it takes
 * effect: a service is always valued under the version in force on the day it was done, so a
 * change of rates never rewrites hours already earned.
 */
import { isDay } from './dates';
import { issue, TimeBankIssues, type Issue } from './errors';

export type CreditKind = 'person' | 'team' | 'organisation' | 'pool';

export interface Policy {
  /** Counted time is a multiple of this step, so a 59-minute visit is not worth more than 30. */
  roundingStepMinutes: number;
  /** 'nearest': half a step or more rounds up. */
  rounding: 'down' | 'nearest';
  defaultRatePermille: number;
  /** Category code → permille, e.g. { repair: 1500 }. */
  categoryRates: Record<string, number>;
  minServiceMinutes: number;
  maxServiceMinutes: number;
  /** Cumulative earned minutes for star 1, 2, 3…; strictly ascending. */
  starThresholdsMinutes: number[];
  /** 0: anyone may redeem. */
  redeemFromLevel: number;
  /** null: no cap. */
  storageCapMinutes: number | null;
  aboveCap: 'refuse' | 'pool';
  /** null: earned time never expires. */
  expiryMonths: number | null;
  /** Per giver per calendar year in China. */
  familyTransferYearlyMinutes: number;
  donationYearlyMinutes: number;
  /** How far below zero each kind of account may go. */
  creditLimitMinutes: Record<CreditKind, number>;
  /**
   * Categories whose services the community pays for from its pool (elders' care by default),
   * rather than the person served: an elder with no hours of their own is still served.
   */
  poolPaysCategories: string[];
}

export const DEFAULT_POLICY: Policy = Object.freeze({
  roundingStepMinutes: 30,
  rounding: 'down',
  defaultRatePermille: 1000,
  categoryRates: Object.freeze({}) as Record<string, number>,
  minServiceMinutes: 30,
  maxServiceMinutes: 720,
  starThresholdsMinutes: Object.freeze([6000, 18000, 36000, 60000, 90000]) as number[],
  redeemFromLevel: 1,
  storageCapMinutes: 90000,
  aboveCap: 'pool',
  expiryMonths: null,
  familyTransferYearlyMinutes: 6000,
  donationYearlyMinutes: 30000,
  creditLimitMinutes: Object.freeze({ person: 0, team: 0, organisation: 0, pool: 0 }),
  poolPaysCategories: Object.freeze(['eldercare', 'disability']) as string[],
}) as Policy;

export const CREDIT_KINDS: readonly CreditKind[] = ['person', 'team', 'organisation', 'pool'];

/** 10× is the most a category may be worth: beyond it a typo (15000 for 1500) goes unnoticed. */
export const MAX_RATE_PERMILLE = 10000;
/** Longest service a policy may allow: one day. */
export const MAX_SERVICE_LIMIT_MINUTES = 24 * 60;
/**
 * Upper bound of every other minute figure (≈ 1,900 years of time): far above any real figure,
 * and low enough that minutes × permille stays an exact integer.
 */
export const MAX_MINUTES = 1_000_000_000;

const KEYS = Object.keys(DEFAULT_POLICY) as (keyof Policy)[];

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const isInt = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max;

const has = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

/**
 * Every problem of a policy as it arrives (whole or partial: missing keys take the defaults),
 * each at the path of its field, so the form can mark them all at once.
 */
export function policyIssues(input: unknown): Issue[] {
  if (!isObject(input)) {
    return [issue('policy', 'invalid_value', 'an object of policy settings', '须为政策设置对象')];
  }
  const issues: Issue[] = [];
  const push = (path: string, code: Issue['code'], en: string, zh: string) =>
    issues.push(issue(path, code, en, zh));

  for (const key of Object.keys(input)) {
    if (!(KEYS as string[]).includes(key)) {
      push(key, 'invalid_value', 'not a policy setting', '不是时间银行政策的设置项');
    }
  }
  const got = <K extends keyof Policy>(key: K): unknown =>
    has(input, key) ? input[key] : DEFAULT_POLICY[key];

  const step = got('roundingStepMinutes');
  if (!isInt(step, 1, 240)) {
    push(
      'roundingStepMinutes',
      'invalid_step',
      'a whole number of minutes from 1 to 240',
      '须为 1 至 240 之间的整数分钟',
    );
  }
  if (got('rounding') !== 'down' && got('rounding') !== 'nearest') {
    push(
      'rounding',
      'invalid_value',
      "'down' or 'nearest'",
      "须为 'down'（向下取整）或 'nearest'（四舍五入）",
    );
  }
  if (!isInt(got('defaultRatePermille'), 1, MAX_RATE_PERMILLE)) {
    push(
      'defaultRatePermille',
      'invalid_rate',
      `a whole permille from 1 to ${MAX_RATE_PERMILLE} (1000 = 1×)`,
      `须为 1 至 ${MAX_RATE_PERMILLE} 之间的整数千分比（1000 即 1 倍）`,
    );
  }
  const rates = got('categoryRates');
  if (!isObject(rates)) {
    push(
      'categoryRates',
      'invalid_value',
      'an object of category code → permille',
      '须为“服务类别代码 → 千分比”的对象',
    );
  } else {
    for (const [code, rate] of Object.entries(rates)) {
      if (code.trim() === '') {
        push(
          'categoryRates',
          'invalid_value',
          'a category code cannot be empty',
          '服务类别代码不能为空',
        );
      } else if (!isInt(rate, 1, MAX_RATE_PERMILLE)) {
        push(
          `categoryRates.${code}`,
          'invalid_rate',
          `a whole permille from 1 to ${MAX_RATE_PERMILLE} (1000 = 1×)`,
          `须为 1 至 ${MAX_RATE_PERMILLE} 之间的整数千分比（1000 即 1 倍）`,
        );
      }
    }
  }

  const min = got('minServiceMinutes');
  const max = got('maxServiceMinutes');
  const minOk = isInt(min, 1, MAX_SERVICE_LIMIT_MINUTES);
  const maxOk = isInt(max, 1, MAX_SERVICE_LIMIT_MINUTES);
  if (!minOk) {
    push(
      'minServiceMinutes',
      'invalid_duration',
      `a whole number of minutes from 1 to ${MAX_SERVICE_LIMIT_MINUTES}`,
      `须为 1 至 ${MAX_SERVICE_LIMIT_MINUTES} 之间的整数分钟`,
    );
  }
  if (!maxOk) {
    push(
      'maxServiceMinutes',
      'invalid_duration',
      `a whole number of minutes from 1 to ${MAX_SERVICE_LIMIT_MINUTES}`,
      `须为 1 至 ${MAX_SERVICE_LIMIT_MINUTES} 之间的整数分钟`,
    );
  }
  if (minOk && maxOk && max < min) {
    push(
      'maxServiceMinutes',
      'invalid_duration',
      'at least the shortest service',
      '不能短于最短服务时长',
    );
  }
  // The shortest accepted service must not round to zero: a confirmed service that pays nothing
  // would look like a lost payment to the volunteer. Down needs a whole step; nearest, half.
  const rounding = got('rounding');
  if (
    minOk &&
    isInt(step, 1, 240) &&
    ((rounding === 'down' && min < step) || (rounding === 'nearest' && min * 2 < step))
  ) {
    push(
      'minServiceMinutes',
      'invalid_step',
      'long enough not to round to zero with the rounding step',
      '过短：按计时步长取整后会计为零',
    );
  }

  const thresholds = got('starThresholdsMinutes');
  let levels: number | null = null;
  if (!Array.isArray(thresholds) || thresholds.length === 0 || thresholds.length > 20) {
    push(
      'starThresholdsMinutes',
      'invalid_thresholds',
      'a list of 1 to 20 cumulative minute figures',
      '须为 1 至 20 个累计分钟数',
    );
  } else if (!thresholds.every((t) => isInt(t, 1, MAX_MINUTES))) {
    push(
      'starThresholdsMinutes',
      'invalid_thresholds',
      'each a positive whole number of minutes',
      '每一项须为正整数分钟',
    );
  } else if (!thresholds.every((t: number, i) => i === 0 || t > (thresholds[i - 1] as number))) {
    push(
      'starThresholdsMinutes',
      'invalid_thresholds',
      'strictly ascending: each star needs more time than the one before',
      '须严格递增：每一星级所需时长须多于前一级',
    );
  } else {
    levels = thresholds.length;
  }
  if (!isInt(got('redeemFromLevel'), 0, levels ?? 20)) {
    push(
      'redeemFromLevel',
      'invalid_value',
      `a star level from 0 to ${levels ?? 20}`,
      `须为 0 至 ${levels ?? 20} 之间的星级`,
    );
  }

  const cap = got('storageCapMinutes');
  if (cap !== null && !isInt(cap, 1, MAX_MINUTES)) {
    push(
      'storageCapMinutes',
      'invalid_value',
      'a positive whole number of minutes, or null for no cap',
      '须为正整数分钟，或为空（不设上限）',
    );
  }
  if (got('aboveCap') !== 'refuse' && got('aboveCap') !== 'pool') {
    push(
      'aboveCap',
      'invalid_value',
      "'refuse' or 'pool'",
      "须为 'refuse'（拒绝）或 'pool'（转入公共池）",
    );
  }
  const expiry = got('expiryMonths');
  if (expiry !== null && !isInt(expiry, 1, 120)) {
    push(
      'expiryMonths',
      'invalid_value',
      'a whole number of months from 1 to 120, or null for never',
      '须为 1 至 120 之间的整数月，或为空（永不过期）',
    );
  }
  for (const key of ['familyTransferYearlyMinutes', 'donationYearlyMinutes'] as const) {
    if (!isInt(got(key), 0, MAX_MINUTES)) {
      push(key, 'invalid_value', 'a whole number of minutes, 0 or more', '须为非负整数分钟');
    }
  }

  const credit = got('creditLimitMinutes');
  if (!isObject(credit)) {
    push(
      'creditLimitMinutes',
      'invalid_value',
      'an object of account kind → minutes',
      '须为“账户类型 → 分钟”的对象',
    );
  } else {
    for (const [kind, limit] of Object.entries(credit)) {
      if (!(CREDIT_KINDS as string[]).includes(kind)) {
        push(
          `creditLimitMinutes.${kind}`,
          'invalid_value',
          `not an account kind (${CREDIT_KINDS.join(', ')})`,
          `不是账户类型（${CREDIT_KINDS.join('、')}）`,
        );
      } else if (!isInt(limit, 0, MAX_MINUTES)) {
        push(
          `creditLimitMinutes.${kind}`,
          'invalid_value',
          'a whole number of minutes, 0 or more',
          '须为非负整数分钟',
        );
      }
    }
  }
  const pays = got('poolPaysCategories');
  if (
    !Array.isArray(pays) ||
    pays.length > 50 ||
    pays.some((c) => typeof c !== 'string' || !/^[a-z0-9-]{1,40}$/.test(c))
  ) {
    push(
      'poolPaysCategories',
      'invalid_value',
      'a list of category codes',
      '须为服务类别代码的列表',
    );
  }
  return issues;
}

/** A whole policy from a partial one, missing keys taking DEFAULT_POLICY; throws TimeBankIssues. */
export function parsePolicy(input: unknown): Policy {
  const issues = policyIssues(input);
  if (issues.length > 0) throw new TimeBankIssues(issues);
  const given = input as Partial<Policy>;
  // Fresh copies: a caller mutating its policy must not reach DEFAULT_POLICY or the input.
  return {
    ...DEFAULT_POLICY,
    ...given,
    categoryRates: { ...(given.categoryRates ?? DEFAULT_POLICY.categoryRates) },
    starThresholdsMinutes: [
      ...(given.starThresholdsMinutes ?? DEFAULT_POLICY.starThresholdsMinutes),
    ],
    creditLimitMinutes: { ...DEFAULT_POLICY.creditLimitMinutes, ...given.creditLimitMinutes },
    poolPaysCategories: [...(given.poolPaysCategories ?? DEFAULT_POLICY.poolPaysCategories)],
  };
}

export interface PolicyVersion {
  version: number;
  /** China day YYYY-MM-DD. */
  effectiveFrom: string;
  policy: Policy;
}

/**
 * Problems of a new version's start day. Versions start on strictly increasing days and never in
 * the past: a version starting yesterday would revalue services already confirmed under another.
 */
export function versionIssues(
  existing: PolicyVersion[],
  effectiveFrom: unknown,
  today: string,
): Issue[] {
  if (effectiveFrom === undefined || effectiveFrom === null || effectiveFrom === '') {
    return [
      issue('effectiveFrom', 'required', 'the day the policy takes effect', '请填写生效日期'),
    ];
  }
  if (!isDay(effectiveFrom)) {
    return [
      issue(
        'effectiveFrom',
        'invalid_value',
        'a calendar date written YYYY-MM-DD',
        '须为有效日期（YYYY-MM-DD）',
      ),
    ];
  }
  if (effectiveFrom < today) {
    return [
      issue(
        'effectiveFrom',
        'invalid_value',
        `today (${today}) or later`,
        `不能早于今天（${today}）`,
      ),
    ];
  }
  const latest = existing.reduce<string | null>(
    (max, v) => (max === null || v.effectiveFrom > max ? v.effectiveFrom : max),
    null,
  );
  if (latest !== null && effectiveFrom <= latest) {
    return [
      issue(
        'effectiveFrom',
        'overlapping_version',
        `after the latest version's start (${latest})`,
        `须晚于最新版本的生效日期（${latest}）`,
      ),
    ];
  }
  return [];
}

/** The version in force on a China day: the greatest effectiveFrom on or before it. */
export function policyInForce(versions: PolicyVersion[], day: string): PolicyVersion | null {
  let found: PolicyVersion | null = null;
  for (const v of versions) {
    if (v.effectiveFrom <= day && (found === null || v.effectiveFrom > found.effectiveFrom))
      found = v;
  }
  return found;
}
