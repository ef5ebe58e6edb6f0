/**
 * Domain errors carry a code, the field they concern, and a message in English and Chinese.
 * The plugin's edge turns them into Strapi's error shape in one place (errors.ts beside
 * services/), with the status CMS_ERRORS gives their codes (400 for all today).
 */
export type DomainErrorCode =
  | 'invalid_parent_level'
  | 'parent_required'
  | 'parent_not_found'
  | 'parent_cycle'
  | 'kind_not_allowed'
  | 'credit_code_invalid'
  | 'credit_code_required'
  | 'id_number_invalid'
  | 'phone_invalid'
  | 'illegal_stage_transition'
  | 'initial_stage'
  | 'dates_out_of_order'
  | 'hub_required'
  | 'hub_is_self'
  | 'micro_grid_parent'
  | 'grid_community_mismatch'
  | 'compound_community_mismatch'
  | 'area_level'
  | 'computed_field'
  | 'invalid_value'
  | 'out_of_scope'
  | 'malformed_id'
  | 'reason_required'
  | 'assessment_required';

/**
 * Each code's HTTP status, one table (the ledger's LEDGER_ERRORS is the model): a code missing
 * here fails to compile. The messages stay with each issue, since they name the field.
 */
export const CMS_ERRORS = {
  invalid_parent_level: 400,
  parent_required: 400,
  parent_not_found: 400,
  parent_cycle: 400,
  kind_not_allowed: 400,
  credit_code_invalid: 400,
  credit_code_required: 400,
  id_number_invalid: 400,
  phone_invalid: 400,
  illegal_stage_transition: 400,
  initial_stage: 400,
  dates_out_of_order: 400,
  hub_required: 400,
  hub_is_self: 400,
  micro_grid_parent: 400,
  grid_community_mismatch: 400,
  compound_community_mismatch: 400,
  area_level: 400,
  computed_field: 400,
  invalid_value: 400,
  out_of_scope: 400,
  malformed_id: 400,
  reason_required: 400,
  assessment_required: 400,
} as const satisfies Record<DomainErrorCode, number>;

export interface DomainIssue {
  code: DomainErrorCode;
  path: string;
  message: string;
  messageZh: string;
}

export class DomainError extends Error {
  readonly issues: DomainIssue[];
  constructor(issues: DomainIssue[]) {
    super(
      issues
        .map((i) => (i.message.startsWith(i.path) ? i.message : `${i.path}: ${i.message}`))
        .join('; '),
    );
    this.name = 'DomainError';
    this.issues = issues;
  }
}

export const issue = (
  code: DomainErrorCode,
  path: string,
  message: string,
  messageZh: string,
): DomainIssue => ({ code, path, message, messageZh });

/** Throws one DomainError with every issue found, or returns when there are none. */
export function assertNoIssues(issues: DomainIssue[]): void {
  if (issues.length > 0) throw new DomainError(issues);
}
