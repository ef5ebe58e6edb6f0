import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { issue, type Issue } from './domain/errors';
import { invalid, serviceWrite, type Doc } from './services/shared';
import { DOCUMENT_ID_PATTERN, TB } from './uids';
import { cmsService, getService } from './utils';

type Write = 'create' | 'update' | 'delete';
const WRITES = new Set<string>(['create', 'update', 'delete']);

interface DocumentCall {
  uid: string;
  action: string;
  params?: { documentId?: unknown; data?: Record<string, unknown> };
}

/** Written only by the time-bank services: their moves carry minutes or rules. */
const SERVICE_OWNED = new Set<string>([
  TB.member,
  TB.familyLink,
  TB.request,
  TB.service,
  TB.participation,
  TB.policyVersion,
  TB.redemption,
  TB.gift,
  TB.lot,
]);

/** Relation input as REST or GraphQL sends it: an id, a documentId, or { connect / set }. */
function relationRef(v: unknown): { id?: number; documentId?: string } | null {
  if (typeof v === 'number') return { id: v };
  if (typeof v === 'string') return { documentId: v };
  if (v && typeof v === 'object') {
    const o = v as { connect?: unknown[]; set?: unknown[]; id?: number; documentId?: string };
    const first = (o.connect ?? o.set)?.[0];
    if (first !== undefined) return relationRef(first);
    if (o.id !== undefined || o.documentId !== undefined)
      return { id: o.id, documentId: o.documentId };
  }
  return null;
}

/**
 * Every Document Service write on time-bank records passes here (REST, GraphQL, the admin
 * panel): service-owned records are refused unless a time-bank service writes them; activities,
 * catalogue items and categories are checked, written and audited in one transaction.
 */
export function registerTimeBankDocumentMiddleware(strapi: Core.Strapi): void {
  const audit = () => cmsService(strapi, 'audit');
  const viewers = () => cmsService(strapi, 'viewer');

  async function prepare(
    uid: string,
    action: Write,
    data: Record<string, unknown>,
    current: Doc | null,
  ) {
    const issues: Issue[] = [];
    if (uid === TB.activity) {
      if (action === 'delete') {
        const used = await strapi.db
          .query(TB.participation)
          .count({ where: { activity: { id: current!.id } } });
        if (used)
          issues.push(
            issue(
              'id',
              'invalid_transition',
              'people have signed up: cancel it instead',
              '已有人报名，请改为取消活动',
            ),
          );
      } else return getService(strapi, 'activities').check(data, current);
    }
    if (uid === TB.catalogueItem) {
      if (action === 'delete') {
        const used = await strapi.db
          .query(TB.redemption)
          .count({ where: { item: { id: current!.id } } });
        if (used)
          issues.push(
            issue(
              'id',
              'invalid_transition',
              'it has been redeemed: mark it inactive instead',
              '已有兑换记录，请改为下架',
            ),
          );
      } else if ('area' in data || action === 'create') {
        const ref = relationRef(data.area);
        const area = ref
          ? await strapi.db.query('plugin::cms.area').findOne({
              where: ref.id ? { id: ref.id } : { documentId: ref.documentId },
              select: ['path'],
            })
          : null;
        if (!area)
          issues.push(
            issue(
              'area',
              'required',
              'where it is offered (a community, or the district)',
              '请选择提供兑换的社区或全区',
            ),
          );
        else data.areaPath = area.path;
      }
    }
    if (uid === TB.category && action === 'delete') {
      const used =
        (await strapi.db.query(TB.request).count({ where: { category: { id: current!.id } } })) +
        (await strapi.db.query(TB.activity).count({ where: { category: { id: current!.id } } }));
      if (used)
        issues.push(
          issue(
            'id',
            'invalid_transition',
            'in use: mark it inactive instead',
            '已被使用，请改为停用',
          ),
        );
    }
    if (issues.length) throw invalid(strapi, issues);
    return data;
  }

  strapi.documents.use(async (call, next) => {
    const context = call as DocumentCall;
    const { uid } = context;
    if (!WRITES.has(context.action) || !uid.startsWith('plugin::time-bank.')) return next();
    const action = context.action as Write;
    if (SERVICE_OWNED.has(uid)) {
      if (serviceWrite.getStore()) return next();
      throw invalid(strapi, [
        issue(
          'id',
          'invalid_transition',
          'changed only through its actions (join, accept, confirm, redeem …)',
          '只能通过相应操作（加入、接单、确认、兑换等）修改',
        ),
      ]);
    }
    const params = (context.params ??= {});
    return strapi.db.transaction(async () => {
      let current: Doc | null = null;
      if (action !== 'create') {
        if (typeof params.documentId !== 'string' || !DOCUMENT_ID_PATTERN.test(params.documentId))
          throw new errors.NotFoundError('Not Found');
        current = await strapi.db.query(uid).findOne({ where: { documentId: params.documentId } });
        if (!current) throw new errors.NotFoundError('Not Found');
      }
      const data = await prepare(uid, action, { ...(params.data ?? {}) }, current);
      if (action !== 'delete') params.data = data;
      const result = await next();
      const documentId = (
        action === 'create'
          ? (result as { documentId?: string } | null)?.documentId
          : params.documentId
      ) as string;
      const saved =
        action === 'delete' ? null : await strapi.db.query(uid).findOne({ where: { documentId } });
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
