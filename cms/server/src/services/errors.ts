import { issuesToHttp, toHttpError, type CodedIssue, type IssuesOptions } from '../errors';

/**
 * The kit's one error mapper, for every plugin: a domain error's field issues → 400 naming each
 * field in English and Chinese; another plugin's coded refusal (code, status, messageZh) → its
 * own status in Strapi's error shape; Strapi's own validation messages given their Chinese.
 */
export default () => ({
  toHttp(error: unknown, path?: string): unknown {
    return toHttpError(error, {}, path);
  },
  /**
   * Another plugin's field issues in Strapi's error shape, at the status its own code table gives
   * them (all sharing one; mixed → 400), so every plugin answers field problems alike.
   */
  fromIssues(
    issues: readonly CodedIssue[],
    statuses: Readonly<Record<string, number>>,
    options?: IssuesOptions,
  ): Error {
    return issuesToHttp(issues, statuses, options);
  },
});
