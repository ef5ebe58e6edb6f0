/**
 * Why the consultation plugin refuses something: one code per reason, each with its HTTP status
 * (after cases' CASES_ERRORS), so an issue carrying a code missing here fails to compile. The
 * cms kit's one mapper answers issues at the status their codes share.
 */
export const CONSULTATION_ERRORS = {
  // A second ballot (or support, or rating) from the same elector is bad input like any other:
  // 400 naming the field, as the issue's list of refusals has it.
  already_voted: 400,
  code_used: 400,
  invalid_choice: 400,
  invalid_code: 400,
  invalid_date: 400,
  invalid_rule: 400,
  invalid_stage: 400,
  invalid_value: 400,
  not_allowed: 403,
  not_eligible: 400,
  not_found: 404,
  required: 400,
  stale_state: 409,
  vote_closed: 400,
  vote_not_open: 400,
} as const satisfies Record<string, 400 | 403 | 404 | 409>;

export type ConsultationErrorCode = keyof typeof CONSULTATION_ERRORS;

export interface Issue {
  /** where in the input: `rule.quorum.count`, `code`, `heldAt` */
  path: string;
  code: ConsultationErrorCode;
  message: string;
  messageZh: string;
}

export const issue = (
  path: string,
  code: ConsultationErrorCode,
  message: string,
  messageZh: string,
): Issue => ({ path, code, message: `${path}: ${message}`, messageZh: `${path}：${messageZh}` });
