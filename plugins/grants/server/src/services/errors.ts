import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Issue } from '../domain/donations';
import { cmsService } from '../utils';

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
 * read, through the cms kit's one mapper: the ledger's status is kept (a fund without enough
 * available is the ledger's 409 `exceeds_credits`), and the field named is the caller's.
 */
export function fromLedger(strapi: Core.Strapi, error: unknown, path = 'amount'): unknown {
  if ((error as { name?: unknown } | null | undefined)?.name !== 'LedgerError') return error;
  return cmsService(strapi, 'errors').toHttp(error, path);
}
