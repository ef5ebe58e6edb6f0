import type { Core, Modules } from '@strapi/strapi';
import { AsyncLocalStorage } from 'node:async_hooks';
import { errors } from '@strapi/utils';
import type { Knex } from 'knex';
import type { CmsServices } from '../../../../../cms/server/src/shared/contracts/services';
import { cmsService, ledgerService } from '../utils';

type AuditAction = Parameters<CmsServices['audit']['record']>[0]['action'];

/**
 * A grants record as the query engine and the Document Service return it: Strapi's own document
 * type (an id, a documentId, and the content type's attributes, which Strapi types per known UID
 * only). Ids from the database are numbers.
 */
export type Doc = Modules.Documents.AnyDocument & { id: number };

/**
 * Applications, reviews, awards, tranches and reports are written only by the grants services
 * (their moves carry money and rules); the document middleware refuses any other write. The
 * services create them inside this marker.
 */
export const serviceWrite = new AsyncLocalStorage<true>();

/** What every grants service needs: rows by documentId, raw rows from knex, the audit log. */
export function grantsKit(strapi: Core.Strapi) {
  const audit = () => cmsService(strapi, 'audit');
  const viewers = () => cmsService(strapi, 'viewer');
  const scopes = () => cmsService(strapi, 'kit');
  return {
    ledger: () => ledgerService(strapi, 'ledger'),
    /**
     * A record by documentId; outside the viewer's area it does not exist for them (the kit's
     * scope) — unless `reach` is 'assignment': a reviewer reaches what they are assigned to
     * wherever it is, and the caller checks the assignment.
     */
    async load(
      uid: string,
      documentId: string,
      populate: Record<string, unknown> = {},
      reach: 'area' | 'assignment' = 'area',
    ): Promise<Doc> {
      const row: Doc | null = await strapi.db
        .query(uid)
        .findOne({ where: { documentId }, populate });
      if (!row) throw new errors.NotFoundError('Not Found');
      if (reach === 'area') await scopes().assertReach(uid, row);
      return row;
    },
    /** Creates a record the grants services own, through the Document Service. */
    create(uid: string, data: Record<string, unknown>): Promise<Doc> {
      return serviceWrite.run(
        true,
        // Its id is the database's, a number.
        () =>
          strapi
            .documents(uid as Parameters<typeof strapi.documents>[0])
            .create({ data }) as Promise<Doc>,
      );
    },
    /**
     * Locks a row until the transaction ends, so two requests acting on the same record (two
     * clicks on "pay", a replayed request) take turns and the second sees what the first did.
     * PostgreSQL: `SELECT … FOR UPDATE`; SQLite has one writer, which serialises them already.
     * Always lock an award before its tranches and reports, so lockers never wait in a circle.
     */
    lock: (trx: Knex.Transaction, table: string, id: Doc['id']): Promise<void> =>
      scopes().lockRow(trx, table, Number(id)),
    /** Rows of a raw query on either database. */
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
      // The viewer names a user by their username, an administrator by their email.
      return a.name ?? String(a.id ?? 'system');
    },
  };
}

/** A CHECK constraint's refusal (PostgreSQL 23514, or our SQLite trigger's message). */
export const refusedBy = (error: unknown, constraint: string) => {
  const e = error as { message?: unknown; constraint?: unknown } | null | undefined;
  return String(e?.message ?? '').includes(constraint) || e?.constraint === constraint;
};

export const fen = (v: unknown) => Number(v ?? 0);

/**
 * A figure from the ledger's service (a number, or a decimal string beyond 2^53) as fen: the
 * grants plugin counts in JS numbers, so a figure a number cannot hold exactly is refused, never
 * rounded.
 */
export function ledgerFen(v: unknown): number {
  const n =
    typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n))
    throw new errors.ApplicationError(`a ledger figure beyond 2^53 fen: ${String(v)}`);
  return n;
}
