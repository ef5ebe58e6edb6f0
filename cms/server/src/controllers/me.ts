import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { USER_UID } from '../uids';
import { dbQuery } from '../utils';

interface MeRow {
  documentId: string;
  username: string;
  email: string;
  role: { type: string; name: string } | null;
  scope: { documentId: string; name: string; level: string; path: string } | null;
}

/**
 * GET /api/cms/me — who the signed-in user is, for the console: name, role and scope.
 * users-permissions' own /users/me knows nothing of scopes.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async show(ctx: Context) {
    const user: { id: number } | undefined = ctx.state.user;
    if (!user) throw new errors.UnauthorizedError('Not signed in');
    const row: MeRow = await dbQuery(strapi, USER_UID).findOne({
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
