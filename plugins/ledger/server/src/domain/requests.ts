import { z } from 'zod';
import { LEDGER_ERRORS, type LedgerErrorCode } from './errors';
import { MAX_AMOUNT, UNITS } from './transfer';

/**
 * Every parameter of the ledger's HTTP API (routes/index.ts), checked before any work: route
 * params and query strings are text and must be written as plain decimal integers; bodies are
 * strict objects (an unknown field, such as a misspelt `ammount`, is refused, not ignored).
 * Each check carries its ledger error code as its message, so a refusal names the field and
 * says why in English and Chinese from the one table (domain/errors.ts).
 */

const e = (code: LedgerErrorCode) => ({ error: code });

/** A decimal integer in a URL (no sign, exponent, fraction, spaces or hex), as a safe number. */
const urlInteger = (code: LedgerErrorCode, min: number, max: number) =>
  z
    .string(e(code))
    .regex(/^(0|[1-9]\d{0,15})$/, e(code))
    .transform(Number)
    .refine((v) => Number.isSafeInteger(v) && v >= min && v <= max, e(code));

const text = (code: LedgerErrorCode, min: number, max: number) =>
  z.string(e(code)).min(min, e(code)).max(max, e(code));

const amount = z
  .number(e('invalid_amount'))
  .int(e('invalid_amount'))
  .min(1, e('invalid_amount'))
  .max(MAX_AMOUNT, e('invalid_amount'));
const key = text('invalid_key', 1, 100);
const accountCode = text('invalid_account', 1, 120);

export const idParams = z.object({ id: urlInteger('invalid_id', 1, Number.MAX_SAFE_INTEGER) });
export const codeParams = z.object({ code: accountCode });
export const historyQuery = z.object({
  after: urlInteger('invalid_after', 0, Number.MAX_SAFE_INTEGER).optional(),
  limit: urlInteger('invalid_page_size', 1, 500).optional(),
});

export const accountBody = z.strictObject(
  {
    code: accountCode,
    unit: z.enum(UNITS as [string, ...string[]], e('invalid_unit')),
    minBalance: z
      .number(e('invalid_limit'))
      .int(e('invalid_limit'))
      .max(0, e('invalid_limit'))
      .nullable()
      .optional(),
    name: text('invalid_name', 0, 200).nullable().optional(),
  },
  e('invalid_body'),
);

const transferShape = {
  key,
  debit: accountCode,
  credit: accountCode,
  amount,
  code: text('invalid_code', 0, 40).optional(),
  reference: text('invalid_reference', 0, 200).optional(),
};
export const transferBody = z.strictObject(transferShape, e('invalid_body'));
export const batchBody = z.strictObject(
  {
    transfers: z
      .array(transferBody, e('invalid_batch'))
      .min(1, e('invalid_batch'))
      .max(1000, e('batch_too_large')),
  },
  e('invalid_body'),
);
export const reserveBody = z.strictObject(
  {
    ...transferShape,
    timeoutSeconds: z
      .number(e('invalid_timeout'))
      .int(e('invalid_timeout'))
      .min(1, e('invalid_timeout'))
      .max(366 * 86400, e('invalid_timeout'))
      .nullable()
      .optional(),
  },
  e('invalid_body'),
);
export const postBody = z.strictObject({ key, amount: amount.optional() }, e('invalid_body'));
export const keyBody = z.strictObject({ key }, e('invalid_body'));

/** One refused field, as it appears in `error.details.errors`. */
export interface FieldIssue {
  path: (string | number)[];
  message: string;
  messageZh: string;
  code: LedgerErrorCode;
}

const isCode = (v: string): v is LedgerErrorCode => v in LEDGER_ERRORS;

/** A failed parse as field issues: the ledger code each check carries, its two messages. */
export function issuesOf(error: z.ZodError, prefix: (string | number)[] = []): FieldIssue[] {
  const out: FieldIssue[] = [];
  const say = (path: (string | number)[], code: LedgerErrorCode) => {
    const [, en, zh] = LEDGER_ERRORS[code];
    out.push({ path: [...prefix, ...path], message: en, messageZh: zh, code });
  };
  for (const issue of error.issues) {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    if (issue.code === 'unrecognized_keys') {
      for (const k of issue.keys) say([...path, k], 'unknown_field');
    } else {
      say(path, isCode(issue.message) ? issue.message : 'invalid_body');
    }
  }
  return out;
}
