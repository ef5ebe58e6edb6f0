/**
 * Time arithmetic, in whole minutes and integer permille only: floats would make two ledgers
 * disagree about a minute, and a minute is what a volunteer checks.
 */
import { instant } from './dates';
import { issue, TimeBankIssues, type Issue } from './errors';
import type { Policy } from './policy';

const isCount = (v: unknown): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** Whole minutes between check-in and check-out, floored: a started minute is not yet served. */
export function checkedMinutes(checkedInAt: Date | string, checkedOutAt: Date | string): number {
  const from = instant(checkedInAt);
  const to = instant(checkedOutAt);
  const issues = [];
  if (from === null) {
    issues.push(
      issue('checkedInAt', 'invalid_value', 'an ISO date-time', '须为有效时间（ISO 格式）'),
    );
  }
  if (to === null) {
    issues.push(
      issue('checkedOutAt', 'invalid_value', 'an ISO date-time', '须为有效时间（ISO 格式）'),
    );
  }
  if (from === null || to === null) throw new TimeBankIssues(issues);
  if (to <= from) {
    throw new TimeBankIssues([
      issue(
        'checkedOutAt',
        'checkout_before_checkin',
        'check-out must come after check-in',
        '签退时间须晚于签到时间',
      ),
    ]);
  }
  return Math.floor((to - from) / 60000);
}

/** "0.5 h", "12 h", "1 h 1 min" — bounds as people say them. */
const hoursEn = (minutes: number) => formatHours(minutes).en;
const hoursZh = (minutes: number) => formatHours(minutes).zh;

/**
 * The minutes a service counts: refused outside the policy's bounds (a 30-hour "service" is a
 * forgotten check-out, not a service), then rounded to the policy's step.
 */
export function countedMinutes(rawMinutes: number, policy: Policy, path = 'duration'): number {
  if (!isCount(rawMinutes)) {
    throw new TimeBankIssues([
      issue(path, 'invalid_value', 'a whole number of minutes', '须为整数分钟'),
    ]);
  }
  const { minServiceMinutes: min, maxServiceMinutes: max, roundingStepMinutes: step } = policy;
  if (rawMinutes < min || rawMinutes > max) {
    throw new TimeBankIssues([
      issue(
        path,
        'invalid_duration',
        `a service lasts from ${hoursEn(min)} to ${hoursEn(max)}; this one lasted ${hoursEn(rawMinutes)}`,
        `服务时长须在 ${hoursZh(min)} 至 ${hoursZh(max)} 之间，本次为 ${hoursZh(rawMinutes)}`,
      ),
    ]);
  }
  const down = rawMinutes - (rawMinutes % step);
  if (policy.rounding === 'down' || (rawMinutes % step) * 2 < step) return down;
  // Rounding up must not carry a service past the policy's maximum: a cap that rounding could
  // beat is no cap.
  return down + step <= max ? down + step : down;
}

/** The rate of a category in permille; an unknown or absent category takes the default. */
export function ratePermille(categoryCode: string | null, policy: Policy): number {
  // hasOwnProperty: a category coded 'constructor' must not find Object.prototype's.
  return categoryCode !== null &&
    Object.prototype.hasOwnProperty.call(policy.categoryRates, categoryCode)
    ? (policy.categoryRates[categoryCode] as number)
    : policy.defaultRatePermille;
}

/**
 * The minutes credited for counted minutes at the category's rate, floored to a whole minute;
 * integer arithmetic throughout, so 30 min × 1.5 is exactly 45 on every machine.
 */
export function creditedMinutes(
  counted: number,
  categoryCode: string | null,
  policy: Policy,
): number {
  if (!isCount(counted)) {
    throw new TimeBankIssues([
      issue('minutes', 'invalid_value', 'a whole number of minutes, 0 or more', '须为非负整数分钟'),
    ]);
  }
  const product = counted * ratePermille(categoryCode, policy);
  return (product - (product % 1000)) / 1000;
}

/** The star level for cumulative earned minutes: how many thresholds are reached; 0 below the first. */
export function starLevel(earnedMinutes: number, thresholds: number[]): number {
  return thresholds.filter((t) => earnedMinutes >= t).length;
}

/** Whether a member with this much earned time has the level the policy asks for to redeem. */
export function mayRedeem(earnedMinutes: number, policy: Policy): boolean {
  return starLevel(earnedMinutes, policy.starThresholdsMinutes) >= policy.redeemFromLevel;
}

export interface CapSplit {
  toMember: number;
  toPool: number;
  refused: boolean;
}

/**
 * Where an earning goes when the member's balance is near the storage cap: the cap keeps one
 * member from hoarding the community's time, so the excess goes to the pool or is refused.
 * A balance already above the cap (the cap was lowered) keeps its minutes but gains none.
 */
export function capSplit(balance: number, earning: number, policy: Policy): CapSplit {
  if (!isCount(earning)) {
    throw new TimeBankIssues([
      issue('minutes', 'invalid_value', 'a whole number of minutes, 0 or more', '须为非负整数分钟'),
    ]);
  }
  const cap = policy.storageCapMinutes;
  if (cap === null || balance + earning <= cap) {
    return { toMember: earning, toPool: 0, refused: false };
  }
  if (policy.aboveCap === 'refuse') return { toMember: 0, toPool: 0, refused: true };
  const toMember = Math.min(earning, Math.max(0, cap - balance));
  return { toMember, toPool: earning - toMember, refused: false };
}

/** The refusal for an earning capSplit refused, naming the room left under the cap. */
export function aboveCapIssue(path: string, balance: number, policy: Policy): Issue {
  const cap = policy.storageCapMinutes ?? 0;
  const room = Math.max(0, cap - balance);
  return issue(
    path,
    'above_cap',
    `the balance may hold at most ${hoursEn(cap)}; room left: ${hoursEn(room)}`,
    `账户余额上限为 ${hoursZh(cap)}，尚可存入 ${hoursZh(room)}`,
  );
}

/**
 * Minutes as people read them: half hours as decimals ('1.5 小时'), anything else as hours and
 * minutes ('1 小时 1 分'); negative for a balance on credit.
 */
export function formatHours(minutes: number): { zh: string; en: string } {
  const sign = minutes < 0 ? '-' : '';
  const abs = Math.abs(minutes);
  const hours = Math.floor(abs / 60);
  const rest = abs % 60;
  if (rest === 0 || rest === 30) {
    const figure = `${sign}${hours}${rest === 30 ? '.5' : ''}`;
    return { zh: `${figure} 小时`, en: `${figure} h` };
  }
  if (hours === 0) return { zh: `${sign}${rest} 分`, en: `${sign}${rest} min` };
  return { zh: `${sign}${hours} 小时 ${rest} 分`, en: `${sign}${hours} h ${rest} min` };
}
