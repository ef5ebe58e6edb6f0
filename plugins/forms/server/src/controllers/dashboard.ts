import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../utils';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /api/forms/dashboard/queue — submissions waiting, in the viewer's area */
  async queue(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'dashboard').queue() };
  },
});
