/**
 * A problem with a form definition or a submission: a code, the field it concerns (a dotted path
 * such as `members.2.phone`), and a message in English and in Chinese. The plugin's edge turns a
 * list of them into Strapi's 400 ValidationError (services/http-errors.ts).
 */
export interface FormIssue {
  code: string;
  path: string;
  message: string;
  messageZh: string;
}

export const formIssue = (
  code: string,
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
