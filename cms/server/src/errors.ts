import { errors } from '@strapi/utils';
import createHttpError from 'http-errors';
import { CMS_ERRORS, DomainError } from './domain/errors';

/**
 * What a thrown value may carry: a database driver's error (`code`, `detail`, `constraint`),
 * Strapi's (`details.errors`), another plugin's refusal (`code`, `status`, `messageZh`, `path`).
 * Read with `?.`: anything may have been thrown.
 */
interface ErrorLike {
  name?: string;
  /** Every Error's; a refusal passes it on as it is. */
  message: string;
  code?: unknown;
  status?: unknown;
  messageZh?: unknown;
  path?: unknown;
  detail?: string;
  constraint?: string;
  details?: { errors?: unknown };
}

/**
 * The one place where cms errors become HTTP: domain errors → 400 ValidationError naming each
 * field (in English, with the Chinese message beside it); a UNIQUE violation that slipped past
 * Strapi's own check (two concurrent creates) → 400 on the field it concerns.
 */
/**
 * Chinese for the messages Strapi's own attribute validation writes (English only), so every
 * field error a person reads can be shown in both languages.
 */
const STRAPI_MESSAGES_ZH: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^This attribute must be unique$/, () => '该值已被使用'],
  [/^(\S+) must be one of the following values: (.*)$/, (m) => `${m[1]} 必须是以下值之一：${m[2]}`],
  [/^(\S+) must be at most (\d+) characters$/, (m) => `${m[1]} 不能超过 ${m[2]} 个字符`],
  [/^(\S+) must be at least (\d+) characters$/, (m) => `${m[1]} 至少 ${m[2]} 个字符`],
  [/^(\S+) must be greater than or equal to (\S+)$/, (m) => `${m[1]} 不能小于 ${m[2]}`],
  [/^(\S+) must be less than or equal to (\S+)$/, (m) => `${m[1]} 不能大于 ${m[2]}`],
  [/^(\S+) must match the following/, (m) => `${m[1]} 格式不正确`],
  [/^(\S+) must be a `(\w+)` type/, (m) => `${m[1]} 的类型不正确（应为 ${m[2]}）`],
  [/^(\S+) (must be defined|is a required field)/, (m) => `${m[1]} 为必填项`],
  [/^Invalid key (\S+)/, (m) => `未知字段 ${m[1]}`],
];

export function translateStrapiMessage(message: string): string {
  for (const [pattern, zh] of STRAPI_MESSAGES_ZH) {
    const m = pattern.exec(message);
    if (m) return zh(m);
  }
  return `输入不正确：${message}`;
}

/**
 * A field problem as each plugin's domain gives it: a code from that plugin's error table, the
 * field (a dotted path), and the message in English and Chinese.
 */
export interface CodedIssue {
  code: string;
  path: string;
  message: string;
  messageZh: string;
}

export interface IssuesOptions {
  /**
   * The language `message` is in, with `messageEn` beside it (forms answers in the submitter's
   * language). Without it, `message` is English and there is no `messageEn`.
   */
  lang?: 'en' | 'zh';
  /** The error's own message; by default the issues' messages joined. */
  message?: string;
}

/** The status a list of issues answers: the one their codes share in the table, else 400. */
export function issuesStatus(
  issues: readonly { code: string }[],
  statuses: Readonly<Record<string, number>>,
): number {
  const found = new Set(issues.map((i) => statuses[i.code] ?? 400));
  return found.size === 1 ? ([...found][0] as number) : 400;
}

/**
 * Field problems in Strapi's error shape, each naming its field with the Chinese beside it, at
 * the status the plugin's table gives their codes (all sharing one; mixed → 400).
 */
export function issuesToHttp(
  issues: readonly CodedIssue[],
  statuses: Readonly<Record<string, number>>,
  options: IssuesOptions = {},
): Error {
  const { lang } = options;
  const message =
    options.message ??
    (lang === 'zh'
      ? issues.map((i) => i.messageZh).join('；')
      : issues.map((i) => i.message).join('; '));
  const details = {
    errors: issues.map((i) => ({
      path: i.path.split('.'),
      message: lang === 'zh' ? i.messageZh : i.message,
      ...(lang ? { messageEn: i.message } : {}),
      messageZh: i.messageZh,
      name: 'ValidationError',
      code: i.code,
    })),
  };
  return errorWithStatus(issuesStatus(issues, statuses), message, details);
}

export function toHttpError(
  error: unknown,
  uniqueFields: Record<string, string> = {},
  path = 'id',
): unknown {
  if (error instanceof DomainError) {
    return issuesToHttp(error.issues, CMS_ERRORS, { message: error.message });
  }
  const e = error as ErrorLike | null | undefined;
  const coded = codedRefusal(e, path);
  if (coded) return coded;
  // Strapi's own ValidationError (attribute rules, unknown keys): add the Chinese beside each.
  if (e?.name === 'ValidationError' && Array.isArray(e?.details?.errors)) {
    for (const item of e.details.errors as ({ message?: unknown; messageZh?: unknown } | null)[]) {
      if (item && typeof item.message === 'string' && !item.messageZh) {
        item.messageZh = translateStrapiMessage(item.message);
      }
    }
    return error;
  }
  const text = `${e?.message ?? ''} ${e?.detail ?? ''} ${e?.constraint ?? ''}`;
  if (e?.code === '23505' || /UNIQUE constraint failed/i.test(text)) {
    const column = Object.keys(uniqueFields).find((c) => text.includes(c));
    const field = column ? (uniqueFields[column] as string) : 'id';
    return new errors.ValidationError(`${field} must be unique`, {
      errors: [
        {
          path: [field],
          message: `${field}: this value is already used`,
          name: 'ValidationError',
          code: 'unique',
          messageZh: `${field}：该值已被使用`,
        },
      ],
    });
  }
  return error;
}

/**
 * Another plugin's refusal — anything carrying its own `code`, HTTP `status` and `messageZh`,
 * as each plugin's error table gives them (the ledger's LedgerError is the model) — in Strapi's
 * error shape, keeping its status: a ledger 409 stays a 409 when grants passes it on, and names
 * the field the caller's request concerns.
 */
function codedRefusal(e: ErrorLike | null | undefined, path: string): unknown {
  if (
    !e ||
    typeof e.code !== 'string' ||
    typeof e.status !== 'number' ||
    typeof e.messageZh !== 'string' ||
    e instanceof errors.ApplicationError
  )
    return null;
  const field = typeof e.path === 'string' ? e.path : path;
  const detail = {
    path: field.split('.'),
    message: `${field}: ${e.message}`,
    messageZh: `${field}：${e.messageZh}`,
    name: e.name,
    code: e.code,
  };
  const details = { code: e.code, messageZh: e.messageZh, errors: [detail] };
  return errorWithStatus(e.status, e.message, details);
}

/** Strapi's error for an HTTP status, carrying `details` (its shape answers `{ status, … }`). */
function errorWithStatus(status: number, message: string, details: object): Error {
  switch (status) {
    case 400:
      return new errors.ValidationError(message, details);
    case 401:
      return new errors.UnauthorizedError(message, details);
    case 403:
      return new errors.ForbiddenError(message, details);
    case 404:
      return new errors.NotFoundError(message, details);
    case 413:
      return new errors.PayloadTooLargeError(message, details);
    case 429:
      return new errors.RateLimitError(message, details);
    default:
      // Strapi formats an HttpError with its own status (409, 422 …); ApplicationError is 400.
      return createHttpError(status, message, { details, expose: true });
  }
}
