import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { awardsSheet, donationsSheet } from '../domain/sheets';
import { DOCUMENT_ID_PATTERN } from '../uids';
import type { Doc } from '../services/shared';
import { cmsService, formsService, getService } from '../utils';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

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
    /** GET /funds/:id/statement?from&to (&format=xlsx for the workbook: summary and lines) */
    async statement(ctx: Context) {
      if (ctx.query.format === 'xlsx') {
        const { fund, sheets } = await statements().statementSheets(
          id(ctx),
          ctx.query.from,
          ctx.query.to,
        );
        const name = `statement-${fund.code || fund.documentId}-${ctx.query.from}-${ctx.query.to}.xlsx`;
        ctx.set('Content-Disposition', `attachment; filename="${name.replace(/[^\w.-]/g, '_')}"`);
        ctx.type = XLSX_TYPE;
        ctx.body = await formsService(strapi, 'tables').xlsx(sheets);
        return;
      }
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
      const sheet =
        what === 'donations'
          ? donationsSheet(Number(year), data.donations)
          : awardsSheet(Number(year), data.awards);
      const tables = formsService(strapi, 'tables');
      const name = `disclosure-${year}-${what}.${format}`;
      ctx.set('Content-Disposition', `attachment; filename="${name}"`);
      if (format === 'csv') {
        ctx.type = 'text/csv; charset=utf-8';
        ctx.body = tables.csv(sheet);
      } else {
        ctx.type = XLSX_TYPE;
        ctx.body = await tables.xlsx(sheet);
      }
    },
  };
};
