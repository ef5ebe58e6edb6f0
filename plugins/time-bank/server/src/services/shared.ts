import type { Core, Modules } from '@strapi/strapi';
import { AsyncLocalStorage } from 'node:async_hooks';
import { errors } from '@strapi/utils';
import type { Knex } from 'knex';
import type { CmsServices } from '../../../../../cms/server/src/shared/contracts/services';
import { TIME_BANK_ERRORS } from '../domain/errors';
import { TimeBankIssues, issue, type Issue, type TimeBankErrorCode } from '../domain/errors';
import { TB } from '../uids';
import { cmsService, ledgerService } from '../utils';

type AuditAction = Parameters<CmsServices['audit']['record']>[0]['action'];

/** A time-bank record as the query engine returns it; ids from the database are numbers. */
export type Doc = Modules.Documents.AnyDocument & { id: number };

/**
 * Members, services, participations, redemptions, gifts and lots are written only by the
 * time-bank services (their moves carry minutes); the document middleware refuses any other
 * write. The services write inside this marker.
 */
export const serviceWrite = new AsyncLocalStorage<true>();

/** Field problems in Strapi's error shape with the Chinese beside, through the cms kit's mapper. */
export function invalid(strapi: Core.Strapi, issues: Issue[]): Error {
  return cmsService(strapi, 'errors').fromIssues(issues, TIME_BANK_ERRORS);
}

/** One field problem, thrown. */
export function refuse(
  strapi: Core.Strapi,
  path: string,
  code: TimeBankErrorCode,
  en: string,
  zh: string,
): never {
  throw invalid(strapi, [issue(path, code, en, zh)]);
}

/**
 * The ledger's refusals as Strapi errors a person can read, on the caller's field: a member
 * without enough minutes is the ledger's `exceeds_credits`, said here as insufficient_balance.
 */
export function fromLedger(strapi: Core.Strapi, error: unknown, path = 'minutes'): unknown {
  const e = error as { name?: unknown; code?: unknown } | null | undefined;
  if (e?.name !== 'LedgerError') return error;
  if (e.code === 'exceeds_credits' || e.code === 'exceeds_debits')
    return invalid(strapi, [
      issue(path, 'insufficient_balance', 'not enough hours in the account', '账户时长不足'),
    ]);
  return cmsService(strapi, 'errors').toHttp(error, path);
}

/** Domain refusals (TimeBankIssues) as Strapi errors; anything else passes through. */
export function fromDomain(strapi: Core.Strapi, error: unknown): unknown {
  return error instanceof TimeBankIssues ? invalid(strapi, error.issues) : error;
}

/** What every time-bank service needs: rows by documentId, locks, the audit log, the ledger. */
export function tbKit(strapi: Core.Strapi) {
  const audit = () => cmsService(strapi, 'audit');
  const viewers = () => cmsService(strapi, 'viewer');
  const scopes = () => cmsService(strapi, 'kit');
  const kit = {
    ledger: () => ledgerService(strapi, 'ledger'),
    q: (uid: string) => strapi.db.query(uid),
    /**
     * A record by documentId. Staff reach only their area's (the kit's scope); `reach: 'party'`
     * skips that check for residents and volunteers, and the caller checks that the record is
     * theirs (their service, their request).
     */
    async load(
      uid: string,
      documentId: unknown,
      populate: Record<string, unknown> = {},
      reach: 'area' | 'party' = 'area',
    ): Promise<Doc> {
      if (typeof documentId !== 'string' || !/^[a-z0-9]{24}$/.test(documentId))
        throw new errors.NotFoundError('Not Found');
      const row: Doc | null = await strapi.db
        .query(uid)
        .findOne({ where: { documentId }, populate });
      if (!row) throw new errors.NotFoundError('Not Found');
      if (reach === 'area') await scopes().assertReach(uid, row);
      return row;
    },
    /** Creates a record the time-bank services own, through the Document Service (audited by the caller). */
    create(uid: string, data: Record<string, unknown>): Promise<Doc> {
      return serviceWrite.run(
        true,
        () =>
          strapi
            .documents(uid as Parameters<typeof strapi.documents>[0])
            .create({ data }) as Promise<Doc>,
      );
    },
    /** Updates one by id with the query engine (inside the caller's transaction). */
    async update(uid: string, id: number, data: Record<string, unknown>): Promise<Doc> {
      return strapi.db.query(uid).update({ where: { id }, data }) as Promise<Doc>;
    },
    /**
     * Locks a row until the transaction ends, so two requests acting on one record take turns
     * and the second sees what the first did. PostgreSQL: FOR UPDATE; SQLite has one writer,
     * which serialises them already.
     */
    lock: (trx: Knex.Transaction, table: string, id: number): Promise<void> =>
      cmsService(strapi, 'kit').lockRow(trx, table, id),
    rows: (result: unknown): unknown[] =>
      Array.isArray(result) ? result : (result as { rows: unknown[] }).rows,
    async record(uid: string, action: AuditAction, before: Doc | null, after: Doc | null) {
      await audit().record({
        contentType: uid,
        action,
        recordId: (after ?? before)?.documentId as string,
        before,
        after,
        actor: viewers().actor(),
      });
    },
    actorName(): string {
      const a = viewers().actor();
      return a.name ?? String(a.id ?? 'system');
    },
    viewer: () => viewers().current(),
    /** The signed-in user's own member, or null. */
    async memberOfUser(userId: number | null | undefined): Promise<Doc | null> {
      if (!userId) return null;
      return strapi.db
        .query(TB.member)
        .findOne({ where: { user: { id: userId }, status: 'active' }, populate: { area: true } });
    },
  };
  return kit;
}

export type TbKit = ReturnType<typeof tbKit>;

/** A whole number of minutes as it may arrive (number or digits), else null. */
export function wholeMinutes(v: unknown): number | null {
  if (typeof v === 'string' && /^\d{1,9}$/.test(v)) return Number(v);
  return typeof v === 'number' && Number.isSafeInteger(v) ? v : null;
}

export const n = (v: unknown): number => Number(v ?? 0);
