import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { formsService, getService } from '../utils';

/** The applicant's page over the receipt code: each call counts against the client's allowance. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const applicant = () => getService(strapi, 'applicant');
  const guard = (ctx: Context, what: 'lookup' | 'answer') =>
    formsService(strapi, 'receipts').guard(ctx, what);

  return {
    /** GET /applicant/:code — status, history, question or reason, award, tranches. */
    async show(ctx: Context) {
      await guard(ctx, 'lookup');
      ctx.body = { data: await applicant().show(ctx.params.code) };
    },
    /** GET /my-applications — the signed-in user's own applications (a role permission). */
    async mine(ctx: Context) {
      const user = ctx.state.user as { id: number } | undefined;
      if (!user) {
        // Strapi's authorize step would blank a thrown 401: answer it here (STRAPI-FACTS.md).
        ctx.status = 401;
        ctx.body = {
          data: null,
          error: {
            status: 401,
            name: 'UnauthorizedError',
            message: 'Sign in to see your applications',
            details: { messageZh: '请登录后查看您的申请' },
          },
        };
        return;
      }
      ctx.body = { data: await applicant().mine(Number(user.id)) };
    },
    /** POST /applicant/:code/answer { text, files: [uploadId] } — back under review. */
    async answer(ctx: Context) {
      await guard(ctx, 'answer');
      ctx.body = { data: await applicant().answer(ctx.params.code, ctx.request.body) };
    },
    /** POST /applicant/:code/withdraw — while the application is still in the running. */
    async withdraw(ctx: Context) {
      await guard(ctx, 'answer');
      ctx.body = { data: await applicant().withdraw(ctx.params.code) };
    },
  };
};
