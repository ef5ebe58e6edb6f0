import { issue, wholeAmount, yuanText, type Issue } from './donations';

/**
 * The rules of micro-venture philanthropy rounds (公益微创投), pure: a round's settings and its
 * rubric, the moves a round and an application may make, a review's weighted score, a tranche
 * plan, and how a donor's name is shown in public.
 */

export interface Criterion {
  key: string;
  label: string;
  labelEn?: string;
  /** relative weight, a whole number 1–100 */
  weight: number;
  /** the highest score a reviewer may give, a whole number 1–100 */
  max: number;
}

export const ROUND_FLOW: Record<string, string[]> = {
  draft: ['open'],
  open: ['reviewing'],
  reviewing: ['awarding'],
  awarding: ['closed'],
  closed: [],
};

/**
 * The moves staff make by hand; `approved` comes only with an award. The console offers exactly
 * these (staffMoves). A submitted application may be asked for more information before any
 * reviewer is assigned (while the round is still open): the applicant's answer puts it under review.
 */
export const APPLICATION_FLOW: Record<string, string[]> = {
  draft: ['submitted', 'withdrawn'],
  submitted: ['under_review', 'more_info', 'rejected', 'withdrawn'],
  under_review: ['more_info', 'rejected', 'withdrawn'],
  more_info: ['under_review', 'rejected', 'withdrawn'],
  approved: [],
  rejected: [],
  withdrawn: [],
};

/** Whether staff may move an application from `from` to `to` by hand (the server's own check). */
export const staffMayMove = (from: string, to: string): boolean =>
  (APPLICATION_FLOW[from] ?? []).includes(to);

/** Applications still in the running: they may be reviewed, awarded or withdrawn. */
export const LIVE_APPLICATION = ['submitted', 'under_review', 'more_info'];

const KEY = /^[a-z][a-zA-Z0-9_]{0,39}$/;
const whole = (v: unknown, lo: number, hi: number) =>
  typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi;

export function rubricIssues(rubric: unknown): Issue[] {
  if (!Array.isArray(rubric) || rubric.length === 0) {
    return [
      issue(
        'rubric',
        'required',
        'a rubric of at least one weighted criterion',
        '请至少设置一项评分标准及其权重',
      ),
    ];
  }
  const issues: Issue[] = [];
  const seen = new Set<string>();
  rubric.forEach(
    (c: { key?: unknown; label?: unknown; weight?: unknown; max?: unknown } | null, i) => {
      const at = `rubric.${i}`;
      if (!c || typeof c !== 'object') {
        issues.push(issue(at, 'invalid_value', 'a criterion is an object', '评分标准格式不正确'));
        return;
      }
      if (typeof c.key !== 'string' || !KEY.test(c.key))
        issues.push(
          issue(
            `${at}.key`,
            'invalid_value',
            'a key of letters and digits, starting with a small letter',
            '标识须以小写字母开头，由字母、数字组成',
          ),
        );
      else if (seen.has(c.key))
        issues.push(issue(`${at}.key`, 'duplicate', `${c.key} appears twice`, `${c.key} 重复`));
      else seen.add(c.key);
      if (typeof c.label !== 'string' || !c.label.trim())
        issues.push(issue(`${at}.label`, 'required', 'name the criterion', '请填写评分标准名称'));
      if (!whole(c.weight, 1, 100))
        issues.push(
          issue(
            `${at}.weight`,
            'invalid_value',
            'a whole number from 1 to 100',
            '权重须为1到100的整数',
          ),
        );
      if (!whole(c.max, 1, 100))
        issues.push(
          issue(
            `${at}.max`,
            'invalid_value',
            'a whole number from 1 to 100',
            '满分须为1到100的整数',
          ),
        );
    },
  );
  return issues;
}

export interface RoundShape {
  budget?: unknown;
  cap?: unknown;
  opensOn?: string | null;
  closesOn?: string | null;
  rubric?: unknown;
}

/** A round's own settings; `awarded` is what its awards already hold. */
export function roundIssues(r: RoundShape, awarded = 0): Issue[] {
  const issues: Issue[] = [];
  const budget = wholeAmount(r.budget);
  const cap = wholeAmount(r.cap);
  if (budget === null || budget <= 0)
    issues.push(issue('budget', 'invalid_amount', 'a positive amount', '预算须大于零'));
  else if (budget < awarded)
    issues.push(
      issue(
        'budget',
        'below_awarded',
        `awards already hold ${yuanText(awarded)}`,
        `已立项金额为 ${yuanText(awarded)}，预算不能低于此数`,
      ),
    );
  if (cap === null || cap <= 0)
    issues.push(issue('cap', 'invalid_amount', 'a positive amount', '单项上限须大于零'));
  else if (budget !== null && cap > budget)
    issues.push(
      issue(
        'cap',
        'exceeds_budget',
        'the per-project cap exceeds the budget',
        '单项上限不能超过总预算',
      ),
    );
  if (r.opensOn && r.closesOn && r.closesOn < r.opensOn)
    issues.push(
      issue(
        'closesOn',
        'invalid_value',
        'the round closes before it opens',
        '截止日期早于开始日期',
      ),
    );
  if (r.rubric !== undefined && r.rubric !== null) issues.push(...rubricIssues(r.rubric));
  return issues;
}

/**
 * A review's weighted score in hundredths of a percent (0–10000): each criterion's score as a
 * share of its maximum, weighted. Integers, so a ranking never depends on float rounding.
 */
export function weightedScore(rubric: Criterion[], scores: Record<string, number>): number {
  let total = 0;
  let weights = 0;
  for (const c of rubric) {
    total += (scores[c.key] * c.weight * 10000) / c.max;
    weights += c.weight;
  }
  return Math.round(total / weights);
}

export function scoreIssues(
  rubric: Criterion[],
  scores: unknown,
  recommendation: unknown,
): Issue[] {
  const issues: Issue[] = [];
  const given = scores && typeof scores === 'object' ? (scores as Record<string, unknown>) : {};
  for (const c of rubric) {
    if (!whole(given[c.key], 0, c.max))
      issues.push(
        issue(
          `scores.${c.key}`,
          'invalid_score',
          `score ${c.labelEn ?? c.label} with a whole number from 0 to ${c.max}`,
          `请为“${c.label}”打分（0到${c.max}的整数）`,
        ),
      );
  }
  for (const k of Object.keys(given))
    if (!rubric.some((c) => c.key === k))
      issues.push(issue(`scores.${k}`, 'unknown_criterion', 'not in the rubric', '不在评分标准中'));
  if (!['yes', 'maybe', 'no'].includes(recommendation as string))
    issues.push(
      issue(
        'recommendation',
        'required',
        'recommend yes, maybe or no',
        '请给出推荐意见：推荐、待定或不推荐',
      ),
    );
  return issues;
}

export interface TrancheInput {
  amount: unknown;
  dueOn?: string | null;
  label?: string | null;
}

/**
 * An award's amount against what the round and the applicant allow: positive, within the round's
 * per-project cap and what was requested (the console checks the same before it asks the server).
 */
export function awardAmountIssues(
  amount: number | null,
  limits: { cap: number; requested: number },
): Issue[] {
  if (amount === null || amount <= 0)
    return [issue('amount', 'invalid_amount', 'a positive amount', '立项金额须大于零')];
  const issues: Issue[] = [];
  if (amount > limits.cap)
    issues.push(
      issue(
        'amount',
        'exceeds_cap',
        `more than the round's cap of ${yuanText(limits.cap)}`,
        `超过单项资助上限 ${yuanText(limits.cap)}`,
      ),
    );
  if (amount > limits.requested)
    issues.push(
      issue(
        'amount',
        'exceeds_requested',
        `more than the ${yuanText(limits.requested)} requested`,
        `超过申请金额 ${yuanText(limits.requested)}`,
      ),
    );
  return issues;
}

/** A tranche plan pays the award exactly: positive whole amounts that add up to it. */
export function trancheIssues(amount: number, tranches: unknown): Issue[] {
  if (!Array.isArray(tranches) || tranches.length === 0 || tranches.length > 12)
    return [issue('tranches', 'required', 'a plan of 1 to 12 tranches', '请设置1到12期拨付计划')];
  const issues: Issue[] = [];
  let sum = 0;
  tranches.forEach((t: { amount?: unknown; dueOn?: unknown } | null | undefined, i) => {
    const a = wholeAmount(t?.amount);
    if (a === null || a <= 0)
      issues.push(
        issue(`tranches.${i}.amount`, 'invalid_amount', 'a positive amount', '每期金额须大于零'),
      );
    else sum += a;
    if (t?.dueOn != null && !/^\d{4}-\d{2}-\d{2}$/.test(String(t.dueOn)))
      issues.push(
        issue(
          `tranches.${i}.dueOn`,
          'invalid_value',
          'a date YYYY-MM-DD',
          '日期格式应为 YYYY-MM-DD',
        ),
      );
  });
  // In yuan: a person reads this beside the plan they typed in yuan.
  if (!issues.length && sum !== amount)
    issues.push(
      issue(
        'tranches',
        'plan_mismatch',
        // People read these (the award dialog shows them): amounts in yuan, not the API's fen.
        `the tranches add up to ${yuanText(sum)}, the award is ${yuanText(amount)}`,
        `各期合计 ${yuanText(sum)}，与立项金额 ${yuanText(amount)} 不符`,
      ),
    );
  return issues;
}

/**
 * A donor's name for public disclosure: kept whole only with their consent; otherwise the first
 * character and asterisks (张** ; 成都某**公司 → 成*******).
 */
export function maskedName(name: string | null | undefined, consent: boolean): string {
  if (!name) return '匿名';
  if (consent) return name;
  const chars = [...name];
  return chars[0] + '*'.repeat(Math.max(1, Math.min(chars.length - 1, 8)));
}
