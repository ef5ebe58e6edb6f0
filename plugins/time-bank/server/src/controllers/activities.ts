import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { controllerKit } from './actions';

/** Activities: sign-up, the organiser's roster, crediting in one batch, cancelling. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const c = controllerKit(strapi);
  const a = c.services.activities;
  return {
    async signup(ctx: Context) {
      const row = await a().signup(c.id(ctx), c.body(ctx), await c.actor(ctx));
      ctx.body = { data: { documentId: row.documentId, status: row.status } };
    },
    async roster(ctx: Context) {
      ctx.body = { data: await a().roster(c.id(ctx), c.body(ctx)) };
    },
    async credit(ctx: Context) {
      ctx.body = { data: await a().credit(c.id(ctx)) };
    },
    async cancel(ctx: Context) {
      const row = await a().cancel(c.id(ctx), c.body(ctx).reason);
      ctx.body = { data: { documentId: row.documentId, status: row.status } };
    },
  };
};
