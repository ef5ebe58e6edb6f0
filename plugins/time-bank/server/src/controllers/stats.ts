import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { cmsService } from '../utils';
import { controllerKit } from './actions';

/** Figures within the viewer's area: totals, the hours a project was given, the queue. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const c = controllerKit(strapi);
  const s = c.services.stats;
  /** The viewer's scope path; null for global viewers (everything). A scoped user without one sees nothing. */
  const prefix = async (): Promise<string | null> => {
    const viewer = await cmsService(strapi, 'viewer').current();
    if (viewer.kind === 'global') return null;
    if (viewer.kind === 'scoped') return viewer.scopePath ?? '/nothing/';
    return '/nothing/';
  };
  return {
    async totals(ctx: Context) {
      ctx.body = { data: await s().totals(await prefix()) };
    },
    async trends(ctx: Context) {
      ctx.body = { data: await s().totals(await prefix()) };
    },
    async queue(ctx: Context) {
      ctx.body = { data: await s().queue(await prefix()) };
    },
    async awardHours(ctx: Context) {
      const award = String(ctx.params.award);
      ctx.body = {
        data: /^[a-z0-9]{24}$/.test(award)
          ? await s().awardHours(award)
          : { minutes: 0, services: 0, activities: 0 },
      };
    },
  };
};
