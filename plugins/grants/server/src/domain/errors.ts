/**
 * Why grants refuses a write: one code per reason, each with its HTTP status (one table, after
 * the ledger's LEDGER_ERRORS), so a code missing here fails to compile. The messages stay with
 * each issue, since they name the field. The cms kit's one mapper turns issues into Strapi's
 * error shape at the status their codes share (mixed → 400).
 */
export const GRANTS_ERRORS = {
  already_awarded: 400,
  already_decided: 400,
  already_done: 400,
  award_closed: 400,
  below_awarded: 400,
  closed: 400,
  computed_field: 400,
  duplicate: 400,
  exceeds_award: 400,
  exceeds_budget: 400,
  exceeds_cap: 400,
  exceeds_requested: 400,
  fixed: 400,
  form_in_use: 400,
  fund_closed: 400,
  has_donations: 400,
  invalid_amount: 400,
  invalid_score: 400,
  invalid_transition: 400,
  invalid_value: 400,
  not_approved: 400,
  not_awardable: 400,
  not_cancellable: 400,
  not_draft: 400,
  not_found: 400,
  not_pledged: 400,
  not_received: 400,
  not_reviewable: 400,
  not_reviewer: 400,
  not_undoable: 400,
  not_scheduled: 400,
  payment_pending: 400,
  plan_mismatch: 400,
  required: 400,
  round_not_awarding: 400,
  round_not_open: 400,
  round_not_reviewing: 400,
  unknown_criterion: 400,
  unpublished: 400,
  use_actions: 400,
  use_advance: 400,
} as const satisfies Record<string, 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429>;

export type GrantsErrorCode = keyof typeof GRANTS_ERRORS;
