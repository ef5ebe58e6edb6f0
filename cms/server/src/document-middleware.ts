import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { DomainError, issue } from './domain/errors';
import { toHttpError } from './errors';
import { CMS, DOCUMENT_ID_PATTERN } from './uids';
import type auditFactory from './services/audit';
import type recordsFactory from './services/records';
import type viewerFactory from './services/viewer';

/* eslint-disable @typescript-eslint/no-explicit-any -- Document Service params are untyped */

const READS = new Set(['findMany', 'findFirst', 'findOne', 'count']);
const WRITES = new Set(['create', 'update', 'delete']);
const CMS_UIDS = new Set<string>(Object.values(CMS));

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
 * Filtering or sorting on a related person's phone or ID number would tell whoever asks what a
 * masked value is; outside a person's own (scoped) list, those fields may not be queried.
 */
export function assertNoPersonalDataQuery(value: unknown, where: string): void {
  const found = (v: unknown): boolean => {
    if (typeof v === 'string') return PERSONAL.some((field) => v.split(/[.:]/).includes(field));
    if (Array.isArray(v)) return v.some(found);
    if (v && typeof v === 'object') {
      return Object.entries(v).some(([k, child]) => PERSONAL.includes(k) || found(child));
    }
    return false;
  };
  if (found(value)) {
    throw toHttpError(
      new DomainError([
        issue(
          'invalid_value',
          where,
          `${where}: phone and idNumber cannot be queried through a relation`,
          `${where}：不能通过关联记录查询手机号或身份证号`,
        ),
      ]),
    );
  }
}

const PERSONAL = ['phone', 'idNumber'];

/**
 * Strapi's query builder throws a plain Error (answered as 500) for a logical operator of the
 * wrong shape, e.g. `filters[$or]=x`; this answers it as the client's mistake instead.
 */
export function assertWellFormedFilters(filters: unknown, path = 'filters'): void {
  if (!filters || typeof filters !== 'object') return;
  for (const [key, value] of Object.entries(filters)) {
    const here = `${path}.${key}`;
    const wrong =
      ((key === '$and' || key === '$or') &&
        (!Array.isArray(value) || value.some((v) => !v || typeof v !== 'object'))) ||
      (key === '$not' && (!value || typeof value !== 'object'));
    if (wrong) {
      throw toHttpError(
        new DomainError([
          issue(
            'invalid_value',
            here,
            `${here}: ${key === '$not' ? 'must be an object' : 'must be a list of conditions'}`,
            `${here}：查询条件格式不正确`,
          ),
        ]),
      );
    }
    if (value && typeof value === 'object') assertWellFormedFilters(value, here);
  }
}

/**
 * Every Document Service call on a cms content type passes through here, from REST, GraphQL,
 * the admin panel and other plugins alike — which is why scoping, validation and the audit log
 * live here and not in controllers:
 * - reads are narrowed to the viewer's scope and personal data of people outside it is masked;
 * - writes are checked against the domain rules, given their derived paths, refused outside the
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

  strapi.documents.use(async (context: any, next: () => Promise<unknown>) => {
    const { uid, action } = context;
    if (!CMS_UIDS.has(uid)) return next();

    // Audit entries are read like any scoped record, and never written through here.
    if (uid === CMS.auditEntry && !READS.has(action)) {
      throw new errors.ForbiddenError(
        'Audit entries are append-only / 审计日志只能追加，不能修改或删除',
      );
    }

    const viewer = await viewers().current();
    const params = (context.params ??= {});

    try {
      if (READS.has(action)) {
        if (params.documentId !== undefined) assertDocumentId(params.documentId);
        assertWellFormedFilters(params.filters);
        if (viewer.kind !== 'global' && uid !== CMS.person) {
          assertNoPersonalDataQuery(params.filters, 'filters');
          assertNoPersonalDataQuery(params.sort, 'sort');
        }
        const filter = viewers().scopeFilter(uid, viewer);
        if (filter) params.filters = params.filters ? { $and: [params.filters, filter] } : filter;
        const result = await next();
        return viewers().maskResult(uid, result, viewer);
      }
      if (!WRITES.has(action)) {
        if (viewer.kind !== 'global') throw new errors.ForbiddenError(`${action} is not available`);
        return await next();
      }

      return await strapi.db.transaction(async ({ trx }: any) => {
        let current: Record<string, any> | null = null;
        if (action !== 'create') {
          assertDocumentId(params.documentId);
          current = await records().load(uid, params.documentId);
          if (!current || !viewers().mayReach(uid, current, viewer)) {
            throw new errors.NotFoundError('Not Found');
          }
        }
        let after: { oldPath: string; newPath: string } | undefined;
        if (action === 'delete') {
          await records().assertDeletable(uid, current as Record<string, any>);
        } else {
          const prepared = await records().prepare(uid, action, params.data ?? {}, current, viewer);
          params.data = prepared.data;
          after = prepared.after;
        }

        const result: any = await next();

        if (after) await records().rebaseSubtree(trx, after.oldPath, after.newPath);
        const documentId = action === 'create' ? result?.documentId : params.documentId;
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
        return action === 'delete' ? result : viewers().maskResult(uid, result, viewer);
      });
    } catch (error) {
      throw toHttpError(error, UNIQUE_COLUMNS);
    }
  });
}
