import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import type { Actor } from '../services/exchange';
import { tbKit, type Doc } from '../services/shared';
import { DOCUMENT_ID_PATTERN } from '../uids';
import { cmsService, getService } from '../utils';

/** What every time-bank controller needs: the id in the path, the body, who acts. */
export function controllerKit(strapi: Core.Strapi) {
  const kit = tbKit(strapi);
  return {
    id(ctx: Context, param = 'id'): string {
      const v = String(ctx.params[param]);
      if (!DOCUMENT_ID_PATTERN.test(v)) throw new errors.NotFoundError('Not Found');
      return v;
    },
    body(ctx: Context): Record<string, unknown> {
      const b = ctx.request.body;
      return b && typeof b === 'object' && !Array.isArray(b) ? (b as Record<string, unknown>) : {};
    },
    /** Staff act in their area; a resident or volunteer acts as their own member. */
    async actor(ctx: Context): Promise<Actor> {
      const viewer = await cmsService(strapi, 'viewer').current();
      const member = await kit.memberOfUser(ctx.state.user?.id);
      return { staff: viewer.kind !== 'public', member };
    },
    /** The caller's own member; a 400 saying to join first when they have none. */
    async own(ctx: Context): Promise<Doc> {
      const member = await kit.memberOfUser(ctx.state.user?.id);
      if (!member)
        throw cmsService(strapi, 'errors').fromIssues(
          [
            {
              path: 'member',
              code: 'not_member',
              message: 'member: join the time bank first',
              messageZh: 'member：请先加入时间银行',
            },
          ],
          { not_member: 400 },
        );
      return member;
    },
    services: {
      members: () => getService(strapi, 'members'),
      exchange: () => getService(strapi, 'exchange'),
      activities: () => getService(strapi, 'activities'),
      redemptions: () => getService(strapi, 'redemptions'),
      policy: () => getService(strapi, 'policy'),
      stats: () => getService(strapi, 'stats'),
    },
    kit,
  };
}
