import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { issue } from './domain/donations';
import { invalid } from './services/errors';
import type recordsFactory from './services/records';
import { serviceWrite } from './services/shared';
import { DOCUMENT_ID_PATTERN, GRANTS } from './uids';

/* eslint-disable @typescript-eslint/no-explicit-any -- Document Service params are untyped */

const WRITES = new Set(['create', 'update', 'delete']);

/** Written only by the grants services, whose moves carry money and rules. */
const SERVICE_OWNED = new Set<string>([
  GRANTS.application,
  GRANTS.review,
  GRANTS.award,
  GRANTS.disbursement,
  GRANTS.report,
]);

/**
 * Every Document Service write on grants records passes here (REST, GraphQL, the admin panel).
 * Applications, reviews, awards, tranches and reports are refused unless a grants service writes
 * them. Funds, donations and rounds are checked by the `records` service (which applies their
 * domain rules and returns the data to store), written, and appended to the audit log, in one
 * transaction.
 */
export function registerGrantsDocumentMiddleware(strapi: Core.Strapi): void {
  const records = () =>
    strapi.plugin('grants').service('records') as ReturnType<typeof recordsFactory>;
  const audit = () => strapi.plugin('cms').service('audit') as any;
  const viewers = () => strapi.plugin('cms').service('viewer') as any;

  strapi.documents.use(async (context: any, next: () => Promise<unknown>) => {
    const { uid, action } = context;
    if (!WRITES.has(action)) return next();
    if (SERVICE_OWNED.has(uid)) {
      if (serviceWrite.getStore()) return next();
      throw invalid([
        issue(
          'id',
          'use_actions',
          'changed only through its actions (award, approve, pay, accept …)',
          '只能通过相应操作（立项、审批、支付、验收等）修改',
        ),
      ]);
    }
    if (!records().governs(uid)) return next();
    const params = (context.params ??= {});
    return strapi.db.transaction(async () => {
      let current = null;
      if (action !== 'create') {
        if (typeof params.documentId !== 'string' || !DOCUMENT_ID_PATTERN.test(params.documentId))
          throw new errors.NotFoundError('Not Found');
        current = await records().load(uid, params.documentId);
        if (!current) throw new errors.NotFoundError('Not Found');
      }
      const data = await records().prepare(uid, action, params.data ?? {}, current);
      if (action !== 'delete') params.data = data;

      const result: any = await next();
      const documentId = action === 'create' ? result?.documentId : params.documentId;
      const saved = action === 'delete' ? null : await records().loadSaved(uid, documentId);
      const derived = await records().settle(uid, saved);
      if (result && typeof result === 'object') Object.assign(result, derived);
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
  });
}
