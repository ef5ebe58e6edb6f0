import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { FORMS_ERRORS, type FormsErrorCode } from '../domain/errors';
import { FormValidationError, type FormIssue } from '../domain/issues';
import { cmsService } from '../utils';

/**
 * A field problem to answer: forms' own (FormIssue, its code in FORMS_ERRORS) or one a target
 * plugin raised and forms answers on the form's field, keeping that plugin's code.
 */
type FieldIssue = Omit<FormIssue, 'code'> & { code: FormsErrorCode | (string & {}) };

/**
 * The one place where the forms plugin's refusals become HTTP, in Strapi's error shape:
 * field problems go through the cms kit's one mapper, at the status FORMS_ERRORS gives their
 * codes (400), naming each field with `message` in the language asked for, `messageEn` and
 * `messageZh`; other refusals carry a `code` and `messageZh` in `details`, at their code's status.
 */
export function validationError(
  strapi: Core.Strapi,
  issues: readonly FieldIssue[],
  lang: 'zh' | 'en' = 'en',
): Error {
  return cmsService(strapi, 'errors').fromIssues(issues, FORMS_ERRORS, { lang });
}

export function toFormsHttpError(
  strapi: Core.Strapi,
  error: unknown,
  lang: 'zh' | 'en' = 'en',
): unknown {
  if (error instanceof FormValidationError) return validationError(strapi, error.issues, lang);
  return error;
}

/**
 * A refusal that is not about one field (the form is closed, archived, not yours …), at the
 * status FORMS_ERRORS gives its code. A 400 here is Strapi's ApplicationError, not a field's
 * ValidationError, so it is not the cms mapper's (which names a field).
 */
export function refusal(code: FormsErrorCode, message: string, messageZh: string): Error {
  const details = { code, messageZh };
  switch (FORMS_ERRORS[code]) {
    case 403:
      return new errors.ForbiddenError(message, details);
    case 404:
      return new errors.NotFoundError(message, details);
    case 401:
      return new errors.UnauthorizedError(message, details);
    case 429:
      return new errors.RateLimitError(message, details);
    default:
      return new errors.ApplicationError(message, details);
  }
}

/** The Chinese of a refusal, for callers that answer in the submitter's language. */
export const messageZhOf = (error: unknown): string | undefined =>
  (error as { details?: { messageZh?: string } } | null | undefined)?.details?.messageZh;

/**
 * Runs a controller body, answering 401 and 403 refusals itself. Strapi's authorize middleware
 * (core/services/server/compose-endpoint) wraps the whole handler and replaces any
 * UnauthorizedError or ForbiddenError a controller throws with a bare "Forbidden" and empty
 * details, which would lose the reason (closed, archived, wrong role) and its Chinese.
 */
export async function answering(
  ctx: Context,
  handler: () => Promise<void>,
  lang: 'zh' | 'en' = 'en',
): Promise<void> {
  try {
    await handler();
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
        message: (lang === 'zh' && messageZhOf(refused)) || refused.message,
        details: { ...(refused.details ?? {}), messageEn: refused.message },
      },
    };
  }
}
