import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { chineseCapital } from '../domain/capital-numerals';
import { CHANNEL_NAMES, issue, yuanText } from '../domain/donations';
import { invalid } from '../services/errors';
import { DOCUMENT_ID_PATTERN, GRANTS } from '../uids';
import type { Doc } from '../services/shared';
import { cmsService, getService } from '../utils';

const escape = (s: unknown) =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/** Receiving, refunding, the printable receipt and a fund's balances. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const donations = () => getService(strapi, 'donations');
  const funds = () => getService(strapi, 'funds');
  const scopes = () => cmsService(strapi, 'kit');
  const viewers = () => cmsService(strapi, 'viewer');
  const id = (ctx: Context) => {
    const v = String(ctx.params.id);
    if (!DOCUMENT_ID_PATTERN.test(v)) throw new errors.NotFoundError('Not Found');
    return v;
  };

  return {
    async receive(ctx: Context) {
      ctx.body = { data: await donations().receive(id(ctx)) };
    },
    async refund(ctx: Context) {
      ctx.body = { data: await donations().refund(id(ctx), ctx.request.body?.reason) };
    },
    /** GET /summary — money raised (received, not refunded), and what the funds hold. */
    async summary(ctx: Context) {
      // Within the viewer's area only: the kit's scope of funds, and donations through them.
      const inScope = scopes().scopeFilter(GRANTS.fund, await viewers().current());
      const all: Doc[] = await strapi.db
        .query(GRANTS.fund)
        .findMany({ where: { status: 'active', ...(inScope ?? {}) } });
      const fundIds = all.map((f) => f.id);
      const received: Pick<Doc, 'id' | 'amount'>[] = fundIds.length
        ? await strapi.db.query(GRANTS.donation).findMany({
            where: { status: 'received', fund: { id: { $in: fundIds } } },
            // With a relation in the where, rows come back DISTINCT on what is selected: keep the id.
            select: ['id', 'amount'],
          })
        : [];
      let available = 0;
      let committed = 0;
      for (const fund of all) {
        await funds().ensureAccounts(fund);
        const b = await funds().balance(fund);
        available += b.available;
        committed += b.committed;
      }
      ctx.body = {
        data: {
          donations: received.length,
          raised: received.reduce((sum, d) => sum + Number(d.amount), 0),
          available,
          committed,
          funds: all.length,
        },
      };
    },

    async fundBalance(ctx: Context) {
      const fund: Doc | null = await strapi.db
        .query(GRANTS.fund)
        .findOne({ where: { documentId: id(ctx) } });
      if (!fund) throw new errors.NotFoundError('Not Found');
      await scopes().assertReach(GRANTS.fund, fund);
      await funds().ensureAccounts(fund);
      ctx.body = { data: await funds().balance(fund) };
    },

    /**
     * GET /funds/balances?ids=a,b,c — the balances of the funds a list page shows, in one
     * request; funds outside the viewer's scope (or unknown) are simply absent.
     */
    async fundBalances(ctx: Context) {
      const raw = ctx.query.ids;
      const ids = typeof raw === 'string' && raw !== '' ? raw.split(',') : [];
      if (
        typeof raw !== 'string' ||
        ids.length > 100 ||
        ids.some((v) => !DOCUMENT_ID_PATTERN.test(v))
      ) {
        throw invalid(strapi, [
          issue(
            'ids',
            'invalid_value',
            'up to 100 fund document ids, separated by commas',
            '至多 100 个基金编号，以逗号分隔',
          ),
        ]);
      }
      const inScope = scopes().scopeFilter(GRANTS.fund, await viewers().current());
      const list: Doc[] = ids.length
        ? await strapi.db
            .query(GRANTS.fund)
            .findMany({ where: { documentId: { $in: ids }, ...(inScope ?? {}) } })
        : [];
      ctx.body = { data: await funds().balances(list) };
    },

    /** GET /donations/:id/receipt — a print-ready receipt page (捐赠票据). */
    async receipt(ctx: Context) {
      const d: Doc | null = await strapi.db.query(GRANTS.donation).findOne({
        where: { documentId: id(ctx) },
        populate: {
          fund: true,
          donorPerson: { select: ['name'] },
          donorOrganisation: { select: ['name'] },
        },
      });
      if (!d) throw new errors.NotFoundError('Not Found');
      await scopes().assertReach(GRANTS.donation, d);
      if (d.status !== 'received') {
        throw new errors.ValidationError(
          'Only a received donation has a receipt / 只有已入账的捐赠才有票据',
          {
            errors: [
              {
                path: ['status'],
                message: 'status: only a received donation has a receipt',
                messageZh: 'status：只有已入账的捐赠才有票据',
                name: 'ValidationError',
              },
            ],
          },
        );
      }
      const foundation = String(strapi.plugin('grants').config('foundationName'));
      const donor =
        d.donorKind === 'anonymous'
          ? '匿名'
          : (d.donorOrganisation?.name ?? d.donorPerson?.name ?? d.donorName ?? '');
      const fen = Number(d.amount);
      const received = cmsService(strapi, 'chinaTime').chinaDate(new Date(d.receivedAt));
      ctx.type = 'text/html; charset=utf-8';
      ctx.body = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>捐赠票据 ${escape(d.receiptNo)}</title>
<style>
 body{font-family:"Noto Serif CJK SC","Songti SC",serif;margin:0;background:#f5f5f5}
 .r{width:190mm;margin:12mm auto;background:#fff;padding:14mm;border:1px solid #999;box-sizing:border-box}
 h1{text-align:center;letter-spacing:8px;margin:0 0 4mm;font-size:22pt}
 .org{text-align:center;margin-bottom:6mm}
 table{width:100%;border-collapse:collapse;font-size:12pt} td{border:1px solid #333;padding:3mm}
 td.k{width:30%;background:#fafafa} .no{text-align:right;font-family:monospace;margin-bottom:3mm}
 .sign{display:flex;justify-content:space-between;margin-top:10mm} @media print{body{background:#fff}.r{border:none;margin:0}}
</style></head><body><div class="r">
<h1>公益事业捐赠票据</h1><div class="org">${escape(foundation)}</div>
<div class="no">票据号 No. <strong data-receipt-no>${escape(d.receiptNo)}</strong></div>
<table>
<tr><td class="k">捐赠人 Donor</td><td>${escape(donor)}</td></tr>
<tr><td class="k">捐赠金额（小写）Amount</td><td data-amount>${escape(yuanText(fen))}</td></tr>
<tr><td class="k">捐赠金额（大写）In words</td><td data-amount-words>人民币${escape(chineseCapital(fen))}</td></tr>
<tr><td class="k">捐赠方式 Channel</td><td>${escape(CHANNEL_NAMES[d.channel] ?? d.channel)}${d.channel === 'in_kind' ? `：${escape(d.inKindDescription)}（估值）` : ''}</td></tr>
<tr><td class="k">受赠基金 Fund</td><td>${escape(d.fund?.name)}${d.restricted ? '（定向捐赠）' : ''}</td></tr>
<tr><td class="k">入账日期 Received</td><td>${escape(received)}</td></tr>
</table>
<div class="sign"><span>收款单位（盖章）：${escape(foundation)}</span><span>开票日期：${escape(received)}</span></div>
</div></body></html>`;
    },
  };
};
