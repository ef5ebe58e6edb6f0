import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../utils';

/** The dashboard's read-only figures: what waits, and how money moved. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /grants/dashboard/queue — counts of the work waiting in the viewer's area */
  async queue(ctx: Context) {
    const user = ctx.state.user as { id?: number | string } | undefined;
    ctx.body = {
      data: await getService(strapi, 'dashboard').queue(user?.id ? Number(user.id) : null),
    };
  },
  /** GET /grants/dashboard/trends — donations and payments by month, applications by status */
  async trends(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'dashboard').trends() };
  },
});
