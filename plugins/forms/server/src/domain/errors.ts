/**
 * Why forms refuses a definition, a submission or an upload: one code per reason, each with its
 * HTTP status (one table, after the ledger's LEDGER_ERRORS), so a code missing here fails to
 * compile. Field problems (FormIssue) answer through the cms kit's one mapper at the status their
 * codes share; a refusal that is not about one field (closed, not found, not yours) answers its
 * code's status. The messages stay with each issue or refusal, since they name the field.
 */
export const FORMS_ERRORS = {
  // Field problems (FormIssue codes).
  area_outside: 400,
  binding_kind: 400,
  binding_missing: 400,
  binding_required: 400,
  computed_field: 400,
  condition_field: 400,
  dates_out_of_order: 400,
  duplicate_key: 400,
  file_not_found: 400,
  file_size: 400,
  file_type: 400,
  has_submissions: 400,
  invalid_definition: 400,
  invalid_filter: 400,
  invalid_type: 400,
  invalid_value: 400,
  nothing_to_publish: 400,
  pattern: 400,
  publish_conflict: 400,
  read_only: 400,
  reference_not_found: 400,
  required: 400,
  schema_mismatch: 400,
  too_few: 400,
  too_large: 400,
  too_long: 400,
  too_many: 400,
  too_short: 400,
  too_small: 400,
  unique: 400,
  unknown_field: 400,
  unknown_property: 400,
  unknown_version: 400,
  version_superseded: 400,
  // Refusals not about one field.
  publish_archived: 400,
  form_archived: 403,
  form_closed: 403,
  form_not_yet_open: 403,
  form_unpublished: 404,
  form_not_found: 404,
  form_not_open: 404,
  rate_limited: 429,
  receipt_not_found: 404,
  role_not_allowed: 403,
  sign_in_required: 401,
} as const satisfies Record<string, 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429>;

export type FormsErrorCode = keyof typeof FORMS_ERRORS;
