import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../utils';

/** The dashboard's read-only incubation figures. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /api/cms/dashboard/queue — incubations waiting, in the viewer's area */
  async queue(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'dashboard').queue() };
  },
  /** GET /api/cms/dashboard/trends — incubations hatched by quarter */
  async trends(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'dashboard').trends() };
  },
});
