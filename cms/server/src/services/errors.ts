import { errors } from '@strapi/utils';
import type { Context } from 'koa';
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
  /**
   * Runs a controller action, answering its 401 and 403 refusals itself: Strapi's authorize
   * step (core compose-endpoint) replaces a ForbiddenError or UnauthorizedError thrown by a
   * controller with a bare "Forbidden" and empty details, losing the field and the Chinese.
   */
  async answering(ctx: Context, action: () => Promise<void>): Promise<void> {
    try {
      await action();
    } catch (error) {
      const status =
        error instanceof errors.UnauthorizedError
          ? 401
          : error instanceof errors.ForbiddenError
            ? 403
            : null;
      if (!status) throw error;
      const refused = error as errors.UnauthorizedError | errors.ForbiddenError;
      ctx.status = status;
      ctx.body = {
        data: null,
        error: {
          status,
          name: refused.name,
          message: refused.message,
          details: refused.details ?? {},
        },
      };
    }
  },
});
