import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { cmsService } from '../utils';
import { controllerKit } from './actions';

/** The policy: the version in force and every version; preview and publish a new one. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const c = controllerKit(strapi);
  const p = c.services.policy;
  return {
    async show(ctx: Context) {
      const current = await p().inForce();
      ctx.body = { data: { current, versions: await p().versions() } };
    },
    async preview(ctx: Context) {
      let policy: unknown = undefined;
      if (typeof ctx.query.policy === 'string') {
        try {
          policy = JSON.parse(ctx.query.policy);
        } catch {
          throw new errors.ValidationError('policy: not JSON (政策内容格式有误)');
        }
      }
      ctx.body = { data: await p().preview({ effectiveFrom: ctx.query.effectiveFrom, policy }) };
    },
    /** Only staff whose scope is the whole district (or wider) change the district's policy. */
    async publish(ctx: Context) {
      const viewer = await cmsService(strapi, 'viewer').current();
      if (
        viewer.kind === 'scoped' &&
        (viewer.scopePath ?? '').split('/').filter(Boolean).length > 1
      ) {
        ctx.status = 403;
        ctx.body = {
          data: null,
          error: {
            status: 403,
            name: 'ForbiddenError',
            message:
              'Only district-wide staff change the time bank’s policy (只有全区工作人员可以修改时间银行规则)',
            details: {},
          },
        };
        return;
      }
      const row = await p().publish(c.body(ctx));
      ctx.body = { data: { version: row.version, effectiveFrom: row.effectiveFrom } };
    },
  };
};
