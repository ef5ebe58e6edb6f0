import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import {
  COMPUTED,
  FIXED_ONCE_RECEIVED,
  donationIssues,
  wholeAmount,
  type Issue,
} from './domain/donations';
import { roundIssues } from './domain/rounds';
import { invalid } from './services/errors';
import { serviceWrite } from './services/shared';
import { DOCUMENT_ID_PATTERN, GRANTS } from './uids';
import type fundsFactory from './services/funds';

/* eslint-disable @typescript-eslint/no-explicit-any -- Document Service params are untyped */

const WRITES = new Set(['create', 'update', 'delete']);

/** What a write's checks read of the record as it stands. */
const POPULATE: Record<string, Record<string, true>> = {
  [GRANTS.fund]: { area: true },
  [GRANTS.donation]: { fund: true, donorPerson: true, donorOrganisation: true },
  [GRANTS.round]: { fund: true, form: true },
};

/** Written only by the grants services, whose moves carry money and rules. */
const SERVICE_OWNED = new Set<string>([
  GRANTS.application,
  GRANTS.review,
  GRANTS.award,
  GRANTS.disbursement,
  GRANTS.report,
]);

/** The document a relation input names: a documentId, `{ documentId }`, or `{ connect: [...] }`. */
function named(value: any): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return named(value[0]);
  if (typeof value === 'object') {
    if (typeof value.documentId === 'string') return value.documentId;
    if (Array.isArray(value.set)) return named(value.set[0]) ?? null;
    if (Array.isArray(value.connect) && value.connect.length) return named(value.connect[0]);
    if (Array.isArray(value.disconnect) && value.disconnect.length) return null;
  }
  return undefined;
}

const say = (path: string, code: string, en: string, zh: string): Issue => ({
  path,
  code,
  message: `${path}: ${en}`,
  messageZh: `${path}：${zh}`,
});

/**
 * Every Document Service write on funds, donations and rounds passes here (REST, GraphQL, the
 * admin panel): the rules of domain/donations.ts and domain/rounds.ts, computed fields kept out
 * of reach, a received donation fixed, and the audit log.
 */
export function registerGrantsDocumentMiddleware(strapi: Core.Strapi): void {
  const funds = () => strapi.plugin('grants').service('funds') as ReturnType<typeof fundsFactory>;
  const audit = () => strapi.plugin('cms').service('audit') as any;
  const viewers = () => strapi.plugin('cms').service('viewer') as any;
  const scopes = () => strapi.plugin('cms').service('kit') as any;

  /**
   * Rounds: settings checked (budget, cap, dates, rubric, a grant-application form), the status
   * moved only by `advance`, the fund fixed once the round has opened, deleted only as a draft.
   */
  async function roundWriteIssues(action: string, current: any, data: any): Promise<Issue[]> {
    const issues: Issue[] = [];
    if (action === 'delete') {
      if (current.status !== 'draft')
        issues.push(
          say(
            'id',
            'not_draft',
            'only a draft round can be deleted; close it instead',
            '只有草稿状态的轮次可以删除',
          ),
        );
    } else {
      const status = current?.status ?? 'draft';
      if ('status' in data && data.status !== status)
        issues.push(
          say(
            'status',
            'use_advance',
            'a round moves on with “advance”, one stage at a time',
            '请使用“进入下一阶段”逐步推进',
          ),
        );
      if ('awarded' in data && String(data.awarded ?? '0') !== String(current?.awarded ?? '0'))
        issues.push(say('awarded', 'computed_field', 'is the sum of the awards', '由立项金额汇总'));
      if (status === 'closed')
        issues.push(
          say('id', 'closed', 'a closed round is kept as it was', '已结束的轮次不能修改'),
        );
      const fundId = 'fund' in data ? named(data.fund) : current?.fund?.documentId;
      if ('fund' in data && current && status !== 'draft' && fundId !== current.fund?.documentId)
        issues.push(
          say(
            'fund',
            'fixed',
            'the fund is fixed once the round has opened',
            '轮次开放后不能更换基金',
          ),
        );
      if (!fundId)
        issues.push(
          say('fund', 'required', 'choose the fund that pays the awards', '请选择资金来源基金'),
        );
      const formId = 'form' in data ? named(data.form) : current?.form?.documentId;
      if (formId) {
        const form = await strapi.db
          .query('plugin::forms.form' as any)
          .findOne({ where: { documentId: formId }, select: ['purpose'] });
        if (form?.purpose !== 'grant-application')
          issues.push(
            say(
              'form',
              'invalid_value',
              'choose a form whose purpose is grant application',
              '请选择用途为“项目申报”的表单',
            ),
          );
      }
      const merged = {
        budget: data.budget ?? current?.budget,
        cap: data.cap ?? current?.cap,
        opensOn: data.opensOn ?? current?.opensOn,
        closesOn: data.closesOn ?? current?.closesOn,
        rubric: 'rubric' in data ? data.rubric : current?.rubric,
      };
      issues.push(...roundIssues(merged, Number(current?.awarded ?? 0)));
      for (const k of ['budget', 'cap'])
        if (k in data && wholeAmount(data[k]) !== null) data[k] = String(wholeAmount(data[k]));
      if (action === 'create') data.awarded = '0';
    }
    return issues;
  }

  strapi.documents.use(async (context: any, next: () => Promise<unknown>) => {
    const { uid, action } = context;
    if (!WRITES.has(action)) return next();
    if (SERVICE_OWNED.has(uid)) {
      if (serviceWrite.getStore()) return next();
      throw invalid([
        say(
          'id',
          'use_actions',
          'changed only through its actions (award, approve, pay, accept …)',
          '只能通过相应操作（立项、审批、支付、验收等）修改',
        ),
      ]);
    }
    if (uid !== GRANTS.fund && uid !== GRANTS.donation && uid !== GRANTS.round) return next();
    const params = (context.params ??= {});
    return strapi.db.transaction(async () => {
      if (
        action !== 'create' &&
        (typeof params.documentId !== 'string' || !DOCUMENT_ID_PATTERN.test(params.documentId))
      ) {
        throw new errors.NotFoundError('Not Found');
      }
      const current =
        action === 'create'
          ? null
          : await strapi.db.query(uid).findOne({
              where: { documentId: params.documentId },
              populate: POPULATE[uid],
            });
      if (action !== 'create' && !current) throw new errors.NotFoundError('Not Found');
      const data = params.data ?? {};
      const issues: Issue[] = [];

      if (uid === GRANTS.round) {
        issues.push(...(await roundWriteIssues(action, current, data)));
      } else if (uid === GRANTS.fund) {
        if (action === 'delete') {
          const n = await strapi.db
            .query(GRANTS.donation as any)
            .count({ where: { fund: { id: current.id } } });
          if (n > 0)
            issues.push(
              say(
                'id',
                'has_donations',
                `the fund has ${n} donations; close it instead`,
                `该基金已有 ${n} 笔捐赠，请改为关闭`,
              ),
            );
        } else {
          for (const k of ['availableAccount', 'committedAccount']) {
            if (k in data && data[k] !== (current?.[k] ?? null))
              issues.push(say(k, 'computed_field', 'is set by the ledger', '由账务系统设置'));
          }
          if (
            'code' in data &&
            (typeof data.code !== 'string' || !/^[A-Z0-9][A-Z0-9-]{1,39}$/.test(data.code))
          ) {
            issues.push(
              say(
                'code',
                'invalid_value',
                'use 2–40 capital letters, digits and dashes',
                '请使用2到40个大写字母、数字或连字符',
              ),
            );
          }
          const kind = data.kind ?? current?.kind;
          let area = 'area' in data ? named(data.area) : current?.area?.documentId;
          if ('areaPath' in data && data.areaPath !== (current?.areaPath ?? null))
            issues.push(say('areaPath', 'computed_field', 'follows the area', '由所属区域决定'));
          // A fund belongs somewhere (the kit scopes everything the fund moves by it): by
          // default where the person creating it works.
          if (!area && action === 'create' && kind !== 'community') {
            const home = await scopes().homeArea();
            if (home) data.area = area = home.documentId;
          }
          if (action === 'create' || 'area' in data) {
            const row = area ? await scopes().area(area) : null;
            data.areaPath = row?.path ?? null;
          }
          if (kind === 'community' && !area)
            issues.push(
              say(
                'area',
                'required',
                'a community micro-fund belongs to a community',
                '社区微基金须指定所属社区',
              ),
            );
        }
      } else {
        const fixed = current && current.status !== 'pledged';
        for (const k of Object.keys(data)) {
          if (COMPUTED.includes(k) && String(data[k] ?? '') !== String(current?.[k] ?? '')) {
            issues.push(
              say(k, 'computed_field', 'is set by receiving or refunding', '由入账或退款操作设置'),
            );
          } else if (fixed && FIXED_ONCE_RECEIVED.includes(k)) {
            const was = current[k];
            const now = data[k];
            const same =
              typeof was === 'object' && was !== null
                ? named(now) === was.documentId
                : String(now ?? '') === String(was ?? '');
            if (!same)
              issues.push(
                say(
                  k,
                  'fixed',
                  'a received donation is corrected by a refund, not an edit',
                  '已入账的捐赠不能修改，如有错误请退款后重新登记',
                ),
              );
          }
        }
        if (action === 'delete') {
          if (current.status !== 'pledged')
            issues.push(
              say(
                'id',
                'fixed',
                'a received donation is kept; refund it instead',
                '已入账的捐赠不能删除，可办理退款',
              ),
            );
        } else if (!issues.length) {
          const merged = {
            donorKind: data.donorKind ?? current?.donorKind,
            donorPerson:
              'donorPerson' in data ? named(data.donorPerson) : current?.donorPerson?.documentId,
            donorOrganisation:
              'donorOrganisation' in data
                ? named(data.donorOrganisation)
                : current?.donorOrganisation?.documentId,
            amount: data.amount ?? current?.amount,
            channel: data.channel ?? current?.channel,
            inKindDescription: data.inKindDescription ?? current?.inKindDescription,
            restricted: data.restricted ?? current?.restricted ?? false,
          };
          const fundId = 'fund' in data ? named(data.fund) : current?.fund?.documentId;
          const fund = fundId
            ? await strapi.db
                .query(GRANTS.fund as any)
                .findOne({ where: { documentId: fundId }, select: ['kind', 'status'] })
            : null;
          issues.push(...donationIssues(merged, fund?.kind ?? null));
          if (fund && fund.status !== 'active' && 'fund' in data)
            issues.push(say('fund', 'fund_closed', 'the fund is closed', '该基金已关闭'));
          // Stored as biginteger: whatever form it came in (number, text, GraphQL's BigInt), as text.
          if ('amount' in data && wholeAmount(data.amount) !== null)
            data.amount = String(wholeAmount(data.amount));
        }
      }
      if (issues.length) throw invalid(issues);

      const result: any = await next();
      const documentId = action === 'create' ? result?.documentId : params.documentId;
      const saved =
        action === 'delete' ? null : await strapi.db.query(uid).findOne({ where: { documentId } });
      if (uid === GRANTS.fund && saved) {
        await funds().ensureAccounts(saved);
        const accounts = await strapi.db.query(uid).findOne({
          where: { id: saved.id },
          select: ['availableAccount', 'committedAccount'] as any,
        });
        if (result && typeof result === 'object') Object.assign(result, accounts);
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
  });
}
