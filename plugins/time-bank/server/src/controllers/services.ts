import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { controllerKit } from './actions';

/** Requests and offers, matching, and the moves of a service. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const c = controllerKit(strapi);
  const x = c.services.exchange;
  return {
    async post(ctx: Context) {
      ctx.body = { data: x().requestView(await x().post(c.body(ctx), await c.actor(ctx))) };
    },
    async candidates(ctx: Context) {
      ctx.body = { data: await x().candidates(c.id(ctx)) };
    },
    async accept(ctx: Context) {
      const actor = await c.actor(ctx);
      ctx.body = {
        data: x().serviceView(await x().accept(c.id(ctx), c.body(ctx), actor), actor.member),
      };
    },
    async cancelRequest(ctx: Context) {
      const row = await x().cancelRequest(c.id(ctx), c.body(ctx).reason, await c.actor(ctx));
      ctx.body = { data: { documentId: row.documentId, status: row.status } };
    },
    async checkIn(ctx: Context) {
      const actor = await c.actor(ctx);
      ctx.body = { data: x().serviceView(await x().checkIn(c.id(ctx), actor), actor.member) };
    },
    async checkOut(ctx: Context) {
      const actor = await c.actor(ctx);
      ctx.body = { data: x().serviceView(await x().checkOut(c.id(ctx), actor), actor.member) };
    },
    async record(ctx: Context) {
      const actor = await c.actor(ctx);
      ctx.body = {
        data: x().serviceView(await x().record(c.id(ctx), c.body(ctx), actor), actor.member),
      };
    },
    async confirm(ctx: Context) {
      const actor = await c.actor(ctx);
      ctx.body = {
        data: x().serviceView(await x().confirm(c.id(ctx), c.body(ctx), actor), actor.member),
      };
    },
    async dispute(ctx: Context) {
      const actor = await c.actor(ctx);
      ctx.body = {
        data: x().serviceView(
          await x().dispute(c.id(ctx), c.body(ctx).reason, actor),
          actor.member,
        ),
      };
    },
    async resolve(ctx: Context) {
      const actor = await c.actor(ctx);
      ctx.body = {
        data: x().serviceView(await x().resolve(c.id(ctx), c.body(ctx), actor), actor.member),
      };
    },
    async cancel(ctx: Context) {
      const actor = await c.actor(ctx);
      ctx.body = {
        data: x().serviceView(await x().cancel(c.id(ctx), c.body(ctx).reason, actor), actor.member),
      };
    },
  };
};
