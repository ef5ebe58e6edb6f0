/**
 * Domain errors carry a code, the field they concern, and a message in English and Chinese.
 * The plugin's edge turns them into Strapi's ValidationError (HTTP 400) in one place (errors.ts
 * beside services/).
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
  | 'malformed_id';

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
