import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { FormValidationError, type FormIssue } from '../domain/issues';

/**
 * The one place where the forms plugin's refusals become HTTP, in Strapi's error shape:
 * field problems → 400 ValidationError naming each field with `message` (in the language asked
 * for) and `messageZh`; other refusals carry a `code` and `messageZh` in `details`.
 */
export function validationError(issues: FormIssue[], lang: 'zh' | 'en' = 'en'): Error {
  const summary =
    lang === 'zh'
      ? issues.map((i) => i.messageZh).join('；')
      : issues.map((i) => i.message).join('; ');
  return new errors.ValidationError(summary, {
    errors: issues.map((i) => ({
      path: i.path.split('.'),
      message: lang === 'zh' ? i.messageZh : i.message,
      messageEn: i.message,
      messageZh: i.messageZh,
      name: 'ValidationError',
      code: i.code,
    })),
  });
}

export function toFormsHttpError(error: unknown, lang: 'zh' | 'en' = 'en'): unknown {
  if (error instanceof FormValidationError) return validationError(error.issues, lang);
  return error;
}

type Kind = 'forbidden' | 'not-found' | 'unauthorized' | 'rate-limit' | 'bad-request';

/** A refusal that is not about one field: the form is closed, archived, not yours … */
export function refusal(kind: Kind, code: string, message: string, messageZh: string): Error {
  const details = { code, messageZh };
  switch (kind) {
    case 'forbidden':
      return new errors.ForbiddenError(message, details);
    case 'not-found':
      return new errors.NotFoundError(message, details);
    case 'unauthorized':
      return new errors.UnauthorizedError(message, details);
    case 'rate-limit':
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
