/**
 * Yearly limits on giving time away (to family, or as a donation): time is earned by serving, and
 * an unlimited transfer would let hours be traded rather than served.
 */
import { issue, type Issue } from './errors';
import { formatHours } from './time';

const KIND = {
  family: { en: 'family transfers', zh: '亲情转赠' },
  donation: { en: 'donations', zh: '捐赠' },
} as const;

/** The refusal when `amount` would take this China calendar year's total over `limit`; else null. */
export function yearlyLimitIssue(
  path: string,
  usedThisYear: number,
  amount: number,
  limit: number,
  kind: 'family' | 'donation',
): Issue | null {
  if (usedThisYear + amount <= limit) return null;
  const left = formatHours(Math.max(0, limit - usedThisYear));
  const total = formatHours(limit);
  return issue(
    path,
    'yearly_limit',
    `${KIND[kind].en} are limited to ${total.en} a year; ${left.en} remain this year`,
    `每年${KIND[kind].zh}上限为 ${total.zh}，今年还可${KIND[kind].zh} ${left.zh}`,
  );
}
