import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { issue } from './domain/donations';
import { invalid } from './services/errors';
import { serviceWrite } from './services/shared';
import { DOCUMENT_ID_PATTERN, GRANTS } from './uids';
import { cmsService, getService } from './utils';

type Write = 'create' | 'update' | 'delete';
const WRITES = new Set<string>(['create', 'update', 'delete']);

/** A Document Service call as this middleware reads it (Strapi types calls per known UID only). */
interface DocumentCall {
  uid: string;
  action: string;
  params?: { documentId?: unknown; data?: Record<string, unknown> };
}

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
  const records = () => getService(strapi, 'records');
  const audit = () => cmsService(strapi, 'audit');
  const viewers = () => cmsService(strapi, 'viewer');

  strapi.documents.use(async (call, next) => {
    const context = call as DocumentCall;
    const { uid } = context;
    if (!WRITES.has(context.action)) return next();
    const action = context.action as Write;
    if (SERVICE_OWNED.has(uid)) {
      if (serviceWrite.getStore()) return next();
      throw invalid(strapi, [
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

      const result = await next();
      const documentId = (
        action === 'create'
          ? (result as { documentId?: string } | null)?.documentId
          : params.documentId
      ) as string;
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
