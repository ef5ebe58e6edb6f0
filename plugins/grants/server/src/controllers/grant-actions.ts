import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { CHANNEL_NAMES, yuanText } from '../domain/donations';
import { DOCUMENT_ID_PATTERN } from '../uids';
import type { Doc } from '../services/shared';
import { cmsService, formsService, getService } from '../utils';

const AWARD_STATUS: Record<string, string> = { active: '执行中', closed: '已结项' };

/** Rounds, applications, reviews, awards, tranches, reports, statements and disclosure. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const rounds = () => getService(strapi, 'rounds');
  const applications = () => getService(strapi, 'applications');
  const reviews = () => getService(strapi, 'reviews');
  const awards = () => getService(strapi, 'awards');
  const statements = () => getService(strapi, 'statements');
  const id = (ctx: Context) => {
    const v = String(ctx.params.id);
    if (!DOCUMENT_ID_PATTERN.test(v)) throw new errors.NotFoundError('Not Found');
    return v;
  };
  const body = (ctx: Context): Record<string, unknown> => ctx.request.body ?? {};
  const userId = (ctx: Context): number => {
    const user = ctx.state.user;
    if (!user) throw new errors.NotFoundError('Not Found');
    return Number(user.id);
  };
  /** Staff (and trusted tokens) see every review; the cms viewer already knows the role. */
  const isStaff = async () => {
    const viewer = await cmsService(strapi, 'viewer').current();
    return viewer.kind === 'global' || viewer.role === 'foundation-staff';
  };

  return {
    async advanceRound(ctx: Context) {
      ctx.body = { data: await rounds().advance(id(ctx), body(ctx).status, body(ctx).reason) };
    },
    /** GET /rounds/:id/advance-preview — what the next step would do; whether undo is possible. */
    async advancePreview(ctx: Context) {
      ctx.body = { data: await rounds().preview(id(ctx)) };
    },
    async undoRound(ctx: Context) {
      ctx.body = { data: await rounds().undo(id(ctx), body(ctx).reason) };
    },
    async ranking(ctx: Context) {
      ctx.body = { data: await rounds().ranking(id(ctx)) };
    },
    async addApplication(ctx: Context) {
      ctx.body = { data: await applications().createDraft(id(ctx), body(ctx)) };
    },
    async applicationStatus(ctx: Context) {
      ctx.body = {
        data: await applications().setStatus(id(ctx), body(ctx).status, body(ctx).note),
      };
    },
    /** POST /applications/withdraw — public: the applicant's receipt code is their proof. */
    async withdraw(ctx: Context) {
      ctx.body = { data: await applications().withdrawByReceipt(body(ctx).receiptCode) };
    },
    async assignReviewers(ctx: Context) {
      ctx.body = { data: await reviews().assign(id(ctx), body(ctx).reviewers) };
    },
    async applicationReviews(ctx: Context) {
      ctx.body = {
        data: await reviews().forApplication(id(ctx), {
          userId: ctx.state.user ? Number(ctx.state.user.id) : null,
          staff: await isStaff(),
        }),
      };
    },
    /** GET /reviewers — who may be assigned: active users with the reviewer or staff role. */
    async reviewers(ctx: Context) {
      const users: Doc[] = await strapi.db.query('plugin::users-permissions.user').findMany({
        where: { blocked: false, role: { type: { $in: ['reviewer', 'foundation-staff'] } } },
        select: ['id', 'username'],
        populate: { role: { select: ['type'] } },
        orderBy: { username: 'asc' },
      });
      ctx.body = {
        data: users.map((u) => ({ id: u.id, username: u.username, role: u.role?.type })),
      };
    },
    async myReviews(ctx: Context) {
      ctx.body = { data: await reviews().mine(userId(ctx)) };
    },
    async declareConflict(ctx: Context) {
      ctx.body = { data: await reviews().declareConflict(id(ctx), userId(ctx), body(ctx).note) };
    },
    async submitReview(ctx: Context) {
      ctx.body = { data: await reviews().submit(id(ctx), userId(ctx), body(ctx)) };
    },
    async award(ctx: Context) {
      ctx.body = { data: await awards().award(id(ctx), body(ctx)) };
    },
    async showAward(ctx: Context) {
      ctx.body = { data: await awards().show(id(ctx)) };
    },
    async addTranche(ctx: Context) {
      ctx.body = { data: await awards().addTranche(id(ctx), body(ctx)) };
    },
    async approveTranche(ctx: Context) {
      ctx.body = { data: await awards().approveTranche(id(ctx)) };
    },
    async payTranche(ctx: Context) {
      ctx.body = { data: await awards().payTranche(id(ctx)) };
    },
    async cancelTranche(ctx: Context) {
      ctx.body = { data: await awards().cancelTranche(id(ctx), body(ctx).note) };
    },
    async addReport(ctx: Context) {
      ctx.body = { data: await awards().addReport(id(ctx), body(ctx)) };
    },
    async acceptReport(ctx: Context) {
      ctx.body = { data: await awards().decideReport(id(ctx), 'accept', body(ctx).note) };
    },
    async returnReport(ctx: Context) {
      ctx.body = { data: await awards().decideReport(id(ctx), 'return', body(ctx).note) };
    },
    async statement(ctx: Context) {
      ctx.body = { data: await statements().statement(id(ctx), ctx.query.from, ctx.query.to) };
    },

    /** GET /disclosure/:year/:what.:format — donations or awards, CSV or XLSX, names masked. */
    async disclosure(ctx: Context) {
      const { year, what, format } = ctx.params;
      if (!['donations', 'awards'].includes(what) || !['csv', 'xlsx', 'json'].includes(format))
        throw new errors.NotFoundError('Not Found');
      const data = await statements().disclosure(year);
      if (format === 'json') {
        ctx.body = { data: data[what as 'donations' | 'awards'] };
        return;
      }
      const table =
        what === 'donations'
          ? {
              header: [
                '票据号 Receipt',
                '捐赠日期 Date',
                '捐赠人 Donor',
                '金额 Amount (¥)',
                '方式 Channel',
                '受赠基金 Fund',
                '定向 Restricted',
              ],
              rows: data.donations.map((d) => [
                d.receiptNo,
                d.donatedOn,
                d.donor,
                yuanText(d.amount).slice(1),
                CHANNEL_NAMES[d.channel] ?? d.channel,
                d.fund,
                d.restricted ? '是' : '否',
              ]),
            }
          : {
              header: [
                '轮次 Round',
                '组织 Organisation',
                '项目 Project',
                '资助金额 Awarded (¥)',
                '已拨付 Paid (¥)',
                '退回 Returned (¥)',
                '状态 Status',
                '基金 Fund',
              ],
              rows: data.awards.map((a) => [
                a.round,
                a.organisation,
                a.project,
                yuanText(a.amount).slice(1),
                yuanText(a.paid).slice(1),
                yuanText(a.returned).slice(1),
                AWARD_STATUS[a.status] ?? a.status,
                a.fund,
              ]),
            };
      const tables = formsService(strapi, 'tables');
      const name = `disclosure-${year}-${what}.${format}`;
      ctx.set('Content-Disposition', `attachment; filename="${name}"`);
      if (format === 'csv') {
        ctx.type = 'text/csv; charset=utf-8';
        ctx.body = tables.csv(table);
      } else {
        ctx.type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
        ctx.body = Buffer.from(tables.xlsx(table, what));
      }
    },
  };
};
