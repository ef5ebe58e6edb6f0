import { errors } from '@strapi/utils';
import type { Issue } from '../domain/donations';

/* eslint-disable @typescript-eslint/no-explicit-any -- errors from other plugins */

/** Field problems as Strapi's 400, each with its Chinese beside it. */
export function invalid(issues: Issue[]): Error {
  return new errors.ValidationError(issues.map((i) => i.message).join('; '), {
    errors: issues.map((i) => ({
      path: i.path.split('.'),
      message: i.message,
      messageZh: i.messageZh,
      name: 'ValidationError',
      code: i.code,
    })),
  });
}

/**
 * The ledger's refusals (LedgerError: status, code, messageZh) as Strapi errors a person can
 * read: a fund without enough available is a 400 naming the reason, not a 500.
 */
export function fromLedger(error: any, path = 'amount'): unknown {
  if (error?.name !== 'LedgerError') return error;
  return invalid([
    {
      path,
      code: error.code,
      message: `${path}: ${error.message}`,
      messageZh: `${path}：${error.messageZh}`,
    },
  ]);
}
