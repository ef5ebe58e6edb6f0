import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { USER_UID } from '../uids';

/* eslint-disable @typescript-eslint/no-explicit-any -- Koa context */

/**
 * GET /api/cms/me — who the signed-in user is, for the console: name, role and scope.
 * users-permissions' own /users/me knows nothing of scopes.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async show(ctx: any) {
    const user = ctx.state.user;
    if (!user) throw new errors.UnauthorizedError('Not signed in');
    const row = await strapi.db.query(USER_UID as any).findOne({
      where: { id: user.id },
      select: ['id', 'documentId', 'username', 'email'],
      populate: {
        role: { select: ['type', 'name'] },
        scope: { select: ['documentId', 'name', 'level', 'path'] },
      },
    });
    ctx.body = {
      data: {
        id: row.documentId,
        username: row.username,
        email: row.email,
        role: row.role ? { type: row.role.type, name: row.role.name } : null,
        scope: row.scope ?? null,
      },
    };
  },
});
