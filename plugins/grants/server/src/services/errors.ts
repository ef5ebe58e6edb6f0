import type { Core } from '@strapi/strapi';
import type { Issue } from '../domain/donations';
import { GRANTS_ERRORS } from '../domain/errors';
import { cmsService } from '../utils';

/**
 * Field problems in Strapi's error shape, each with its Chinese beside it, through the cms kit's
 * one mapper at the status GRANTS_ERRORS gives their codes (400 today).
 */
export function invalid(strapi: Core.Strapi, issues: Issue[]): Error {
  return cmsService(strapi, 'errors').fromIssues(issues, GRANTS_ERRORS);
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
