import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Knex } from 'knex';
import { countCache } from './count-cache';
import { seekDeepPage } from './deep-pages';
import { DomainError, issue } from './domain/errors';
import { toHttpError } from './errors';
import { CMS, DOCUMENT_ID_PATTERN } from './uids';
import type auditFactory from './services/audit';
import type kitFactory from './services/kit';
import type recordsFactory from './services/records';
import type { Stored } from './services/records';
import type viewerFactory from './services/viewer';
import { dbQuery } from './utils';

type Row = Record<string, unknown>;
type WriteAction = 'create' | 'update' | 'delete';

/**
 * What these middlewares read of a Document Service call. Strapi types it per UID from generated
 * declarations this app does not keep; here every plugin's content types pass through.
 */
interface DocumentCall {
  uid: string;
  action: string;
  params?: Row & { documentId?: string; data?: Row };
}
type DocumentMiddleware = (context: DocumentCall, next: () => Promise<unknown>) => Promise<unknown>;

const READS = new Set(['findMany', 'findFirst', 'findOne', 'count']);
const WRITES = new Set<string>(['create', 'update', 'delete'] satisfies WriteAction[]);
const isWrite = (action: string): action is WriteAction => WRITES.has(action);
const CMS_UIDS = new Set<string>(Object.values(CMS));
const PROPERTY_UIDS = new Set<string>([CMS.propertyUnit, CMS.propertyOwner, CMS.household]);
/** Strapi's own content types: their routes and rules are Strapi's. */
const STRAPI_OWNED =
  /^(admin|strapi)::|^plugin::(users-permissions|upload|i18n|content-releases|review-workflows|content-manager)\./;

/** Columns with a real UNIQUE index (database/migrations), mapped to the field they hold. */
const UNIQUE_COLUMNS: Record<string, string> = {
  'cms_areas.code': 'code',
  cms_areas_code: 'code',
  'cms_grids.code': 'code',
  cms_grids_code: 'code',
  'cms_organisations.credit_code': 'creditCode',
  cms_organisations_credit_code: 'creditCode',
};

/**
 * Every Document Service call passes through here, from REST, GraphQL, the admin panel and
 * other plugins alike — which is why scoping, validation and the audit log live here and not in
 * controllers:
 * - reads of every plugin's records go through the kit (services/kit.ts);
 * - cms writes are checked against the domain rules, given their derived paths, refused outside the
 *   viewer's scope (as "not found"), and appended to the audit log, all in one transaction.
 */
export function registerDocumentMiddleware(strapi: Core.Strapi): void {
  const viewers = () => strapi.plugin('cms').service('viewer') as ReturnType<typeof viewerFactory>;
  const records = () =>
    strapi.plugin('cms').service('records') as ReturnType<typeof recordsFactory>;
  const audit = () => strapi.plugin('cms').service('audit') as ReturnType<typeof auditFactory>;

  const assertDocumentId = (documentId: unknown) => {
    if (typeof documentId !== 'string' || !DOCUMENT_ID_PATTERN.test(documentId)) {
      throw new DomainError([
        issue(
          'malformed_id',
          'id',
          'malformed document id: expected 24 lower-case letters and digits',
          '记录编号格式不正确',
        ),
      ]);
    }
  };

  const kit = () => strapi.plugin('cms').service('kit') as ReturnType<typeof kitFactory>;
  const counts = countCache(strapi);
  let countsStarted = false;
  /** What a count depends on: the query, not the page, order or fields asked for. */
  const countQuery = ({ populate, fields, sort, pagination, start, limit, ...rest }: Row) => {
    void [populate, fields, sort, pagination, start, limit];
    return rest;
  };

  // The one cast: Strapi's middleware type is a union over the UIDs it was generated for.
  const use = (middleware: DocumentMiddleware) =>
    strapi.documents.use(middleware as unknown as Parameters<typeof strapi.documents.use>[0]);

  /**
   * The kit, for every content type of every plugin: reads checked and narrowed to the viewer's
   * scope and personal data masked in what comes back; writes checked (numbers within their
   * column, relations only to records within reach) and refused as "not found" on records out of
   * scope. Registered first, so it wraps each plugin's own middleware.
   */
  use(async (context, next) => {
    const { uid, action } = context;
    if (/^(admin|strapi)::/.test(uid)) return next();
    if (STRAPI_OWNED.test(uid)) {
      // Strapi's own records (users, uploads) keep Strapi's rules; their filter values are
      // still checked, so a wrong type is the client's 400 and not the database's 500.
      if (READS.has(action)) {
        try {
          kit().guardRead(uid, (context.params ??= {}), { kind: 'global' });
        } catch (error) {
          throw toHttpError(error);
        }
        // Upload rows read through Strapi's own routes carry links too, not bare addresses.
        if (uid === 'plugin::upload.file') return kit().fileLinksIn(await next());
      }
      return next();
    }
    const viewer = await viewers().current();
    const params = (context.params ??= {});
    try {
      if (READS.has(action)) {
        if (params.documentId !== undefined) assertDocumentId(params.documentId);
        kit().guardRead(uid, params, viewer);
        kit().narrow(uid, params, viewer);
        if (action === 'count') {
          if (!countsStarted) counts.start();
          countsStarted = true;
          // Narrowed first: the viewer's scope is part of what is kept.
          return await counts.count(uid, countQuery(params), next);
        }
        if (action === 'findMany') await seekDeepPage(strapi, uid, params);
        // Every upload's address in what comes back becomes a link that serves the file for a
        // while (uploads are served only through such links: domain/file-links.ts).
        return kit().fileLinksIn(kit().mask(uid, await next(), viewer));
      }
      if (isWrite(action)) {
        if (action !== 'create') assertDocumentId(params.documentId);
        await kit().guardWrite(uid, params.data, viewer);
        if (action !== 'create' && !CMS_UIDS.has(uid) && kit().declaration(uid)) {
          const current: Row | null = await dbQuery(strapi, uid).findOne({
            where: { documentId: params.documentId },
            select: ['id', 'documentId'],
          });
          if (current && !(await kit().mayReach(uid, current, viewer)))
            throw new errors.NotFoundError('Not Found');
        }
        const result = await next();
        return action === 'delete' ? result : kit().fileLinksIn(kit().mask(uid, result, viewer));
      }
      return await next();
    } catch (error) {
      throw toHttpError(error, UNIQUE_COLUMNS);
    }
  });

  use(async (context, next) => {
    const { uid, action } = context;
    if (!CMS_UIDS.has(uid)) return next();

    // Audit entries are read like any scoped record, and never written through here.
    if (uid === CMS.auditEntry && !READS.has(action)) {
      throw new errors.ForbiddenError(
        'Audit entries are append-only / 审计日志只能追加，不能修改或删除',
      );
    }
    // Rooms, owners and households change together (a room's shares add up to one): only the
    // properties service writes them, below the Document Service, so the admin panel or a
    // GraphQL mutation cannot leave a room with half an owner.
    if (PROPERTY_UIDS.has(uid) && isWrite(action)) {
      throw new errors.ForbiddenError(
        'Property units, owners and households are written through /api/cms/property-units / 房屋、产权人和住户请通过房屋接口修改',
      );
    }
    if (READS.has(action)) {
      // An entry is read only by those who may read its kind of record at all: the kit's scope
      // says where, the role's permissions say what (a worker reads no donation amounts).
      if (uid === CMS.auditEntry)
        await audit().narrow((context.params ??= {}), await viewers().current());
      return next();
    }

    const viewer = await viewers().current();
    const params = (context.params ??= {});

    try {
      if (!isWrite(action)) {
        if (viewer.kind !== 'global') throw new errors.ForbiddenError(`${action} is not available`);
        return await next();
      }

      return await strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
        let current: Stored | null = null;
        if (action !== 'create') {
          // The kit's middleware, registered first, asserted it is a document id.
          current = await records().load(uid, params.documentId as string);
          if (!current || !(await kit().mayReach(uid, current, viewer))) {
            throw new errors.NotFoundError('Not Found');
          }
        }
        let after: { oldPath: string; newPath: string } | undefined;
        if (action === 'delete') {
          await records().assertDeletable(uid, current as Stored);
        } else {
          const prepared = await records().prepare(uid, action, params.data ?? {}, current, viewer);
          params.data = prepared.data;
          after = prepared.after;
        }

        const result = (await next()) as { documentId?: string } | null | undefined;

        if (after) await records().rebaseSubtree(trx, after.oldPath, after.newPath);
        // Strapi returns the created document and requires the id of every other write.
        const documentId = (action === 'create' ? result?.documentId : params.documentId) as string;
        const saved = action === 'delete' ? null : await records().load(uid, documentId);
        // An organisation's incubations are scoped by its area: they follow it when it moves.
        if (uid === CMS.organisation && current && saved && current.areaPath !== saved.areaPath) {
          await records().followOrganisation(saved.id, saved.areaPath);
        }
        await audit().record({
          contentType: uid,
          action,
          recordId: documentId,
          before: current,
          after: saved,
          actor: viewers().actor(),
        });
        return result;
      });
    } catch (error) {
      throw toHttpError(error, UNIQUE_COLUMNS);
    }
  });
}
