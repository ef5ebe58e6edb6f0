import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { controllerKit } from './actions';

/** Redeeming from the catalogue (minutes reserved), fulfilling (posted), cancelling (voided). */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const c = controllerKit(strapi);
  const r = c.services.redemptions;
  return {
    async redeem(ctx: Context) {
      ctx.body = {
        data: r().redemptionView(await r().redeem(c.id(ctx), c.body(ctx), await c.actor(ctx))),
      };
    },
    async fulfil(ctx: Context) {
      ctx.body = { data: r().redemptionView(await r().fulfil(c.id(ctx), await c.actor(ctx))) };
    },
    async cancel(ctx: Context) {
      ctx.body = {
        data: r().redemptionView(
          await r().cancel(c.id(ctx), c.body(ctx).reason, await c.actor(ctx)),
        ),
      };
    },
  };
};
