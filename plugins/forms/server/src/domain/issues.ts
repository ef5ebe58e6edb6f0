/**
 * A problem with a form definition or a submission: a code, the field it concerns (a dotted path
 * such as `members.2.phone`), and a message in English and in Chinese. The plugin's edge turns a
 * list of them into Strapi's error shape (services/http-errors.ts), at FORMS_ERRORS' status.
 */
import type { FormsErrorCode } from './errors';

export interface FormIssue {
  /** A code in FORMS_ERRORS (domain/errors.ts): an unknown one fails to compile. */
  code: FormsErrorCode;
  path: string;
  message: string;
  messageZh: string;
}

export const formIssue = (
  code: FormsErrorCode,
  path: string,
  message: string,
  messageZh: string,
): FormIssue => ({ code, path, message, messageZh });

export class FormValidationError extends Error {
  readonly issues: FormIssue[];
  constructor(issues: FormIssue[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join('; '));
    this.name = 'FormValidationError';
    this.issues = issues;
  }
}

export function assertNoFormIssues(issues: FormIssue[]): void {
  if (issues.length > 0) throw new FormValidationError(issues);
}
