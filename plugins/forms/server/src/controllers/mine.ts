import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { refusal } from '../services/http-errors';
import { getService } from '../utils';

/** GET /api/forms/mine — the signed-in person's own page: forms open to them, their submissions. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async show(ctx: Context) {
    const submitter = await getService(strapi, 'submissions').submitter(ctx);
    if (!submitter.userId)
      throw refusal(
        'sign_in_required',
        'Sign in to see your submissions',
        '请先登录再查看您的提交',
      );
    ctx.body = {
      data: await getService(strapi, 'mine').forUser({
        id: submitter.userId,
        role: submitter.role,
      }),
    };
  },
});
