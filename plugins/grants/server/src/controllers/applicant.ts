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
