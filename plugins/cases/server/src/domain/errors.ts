/**
 * Why the cases plugin refuses something: one code per reason, each with its HTTP status (one
 * table, after the time bank's TIME_BANK_ERRORS), so an issue carrying a code missing here fails
 * to compile. Messages stay with each issue, since they name the field or the state; the cms
 * kit's one mapper answers issues at the status their codes share.
 *
 * The 409s are refusals a client can resolve by reloading (someone else moved the case, signed
 * or dispatched it first); 403 is "not yours to do"; everything else is a bad request.
 */
export const CASES_ERRORS = {
  already_dispatched: 409,
  already_rated: 409,
  already_signed: 409,
  attachments_required: 400,
  conflicting_day: 400,
  dead_end: 400,
  duplicate_key: 400,
  field_required: 400,
  invalid_attachment: 400,
  invalid_date: 400,
  invalid_definition: 400,
  invalid_hours: 400,
  invalid_rating: 400,
  invalid_sla: 400,
  invalid_transition: 400,
  invalid_value: 400,
  no_closed_state: 400,
  no_taker: 400,
  not_allowed: 403,
  not_found: 404,
  note_required: 400,
  overlapping_year: 400,
  reopen_window_closed: 400,
  required: 400,
  stale_state: 409,
  unknown_state: 400,
  unreachable_state: 400,
} as const satisfies Record<string, 400 | 403 | 404 | 409>;

export type CasesErrorCode = keyof typeof CASES_ERRORS;

export interface Issue {
  /** where in the input: `workflow.states[2]`, `dispatch[0].to.organisation`, `note` */
  path: string;
  /** A code in CASES_ERRORS: an unknown one fails to compile. */
  code: CasesErrorCode;
  message: string;
  messageZh: string;
}

export const issue = (
  path: string,
  code: CasesErrorCode,
  message: string,
  messageZh: string,
): Issue => ({
  path,
  code,
  message: `${path}: ${message}`,
  messageZh: `${path}：${messageZh}`,
});

/**
 * What domain functions throw when they cannot answer. Services let it through to the kit's
 * mapper, which answers every issue at once.
 */
export class CasesIssues extends Error {
  constructor(public issues: Issue[]) {
    super(issues.map((i) => i.message).join('; '));
    this.name = 'CasesIssues';
  }
}

/** Throws the issues, if there are any. */
export function throwIfAny(issues: Issue[]): void {
  if (issues.length > 0) throw new CasesIssues(issues);
}
