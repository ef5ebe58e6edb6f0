/**
 * Why the time bank refuses something: one code per reason, each with its HTTP status (one table,
 * after grants' GRANTS_ERRORS), so an issue carrying a code missing here fails to compile. The
 * messages stay with each issue, since they name the field; the cms kit's one mapper turns issues
 * into Strapi's error shape at the status their codes share.
 */
export const TIME_BANK_ERRORS = {
  above_cap: 400,
  already_checked_in: 400,
  already_confirmed: 400,
  already_credited: 400,
  already_member: 400,
  below_level: 400,
  checkout_before_checkin: 400,
  duplicate: 400,
  empty_roster: 400,
  insufficient_balance: 400,
  invalid_duration: 400,
  invalid_rate: 400,
  invalid_step: 400,
  invalid_thresholds: 400,
  invalid_transition: 400,
  invalid_value: 400,
  not_checked_in: 400,
  not_family: 400,
  not_found: 400,
  not_member: 400,
  not_party: 400,
  out_of_stock: 400,
  overlapping_version: 400,
  past_window: 400,
  request_closed: 400,
  request_full: 400,
  required: 400,
  same_member: 400,
  too_early: 400,
  yearly_limit: 400,
} as const satisfies Record<string, 400 | 403 | 404 | 409>;

export type TimeBankErrorCode = keyof typeof TIME_BANK_ERRORS;

export interface Issue {
  path: string;
  /** A code in TIME_BANK_ERRORS: an unknown one fails to compile. */
  code: TimeBankErrorCode;
  message: string;
  messageZh: string;
}

export const issue = (
  path: string,
  code: TimeBankErrorCode,
  message: string,
  messageZh: string,
): Issue => ({
  path,
  code,
  message: `${path}: ${message}`,
  messageZh: `${path}：${messageZh}`,
});

/**
 * What domain functions throw when they cannot answer (a duration out of bounds, a balance too
 * small). Services let it through to the kit's mapper, which answers every issue at once.
 */
export class TimeBankIssues extends Error {
  constructor(public issues: Issue[]) {
    super(issues.map((i) => i.message).join('; '));
    this.name = 'TimeBankIssues';
  }
}

/** Throws the issues, if there are any. */
export function throwIfAny(issues: Issue[]): void {
  if (issues.length > 0) throw new TimeBankIssues(issues);
}
