import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import type { MeCapabilities } from '../shared/contracts/me';
import type { CmsServices } from '../shared/contracts/services';
import { USER_UID } from '../uids';
import { dbQuery, modelOf } from '../utils';

interface MeRow {
  documentId: string;
  username: string;
  email: string;
  role: { id: number; type: string; name: string } | null;
  scope: { documentId: string; name: string; level: string; path: string } | null;
}

/**
 * What the role may do with each content type, keyed by its GraphQL type name (a custom
 * controller's actions by the controller's UID), read from the
 * role's users-permissions permissions (the one matrix every plugin seeds). The console builds
 * its menu and its queries from this: Strapi's GraphQL refuses a whole list when one nested
 * relation's type lacks `find` for the role, so the console must not ask for it.
 */
async function capabilities(strapi: Core.Strapi, roleId: number): Promise<MeCapabilities> {
  const rows: { action: string }[] = await dbQuery(
    strapi,
    'plugin::users-permissions.permission',
  ).findMany({ where: { role: { id: roleId } }, select: ['action'] });
  const naming = strapi.plugin('graphql')?.service('utils')?.naming as
    | { getTypeName: (model: unknown) => string }
    | undefined;
  const can: MeCapabilities = {};
  for (const { action } of rows) {
    // `plugin::cms.organisation.find` → content type `plugin::cms.organisation`, action `find`.
    const cut = action.lastIndexOf('.');
    const uid = action.slice(0, cut);
    // The registry's get, not `strapi.contentTypes[uid]`: that getter copies every type each time.
    const model = strapi.get('content-types').get(uid) ? modelOf(strapi, uid) : undefined;
    // A controller's own actions (`plugin::grants.grant-actions.myReviews`) keep its UID.
    const key = model && naming ? naming.getTypeName(model) : uid;
    (can[key] ??= []).push(action.slice(cut + 1));
  }
  for (const actions of Object.values(can)) actions.sort();
  return can;
}

/**
 * GET /api/cms/me — who the signed-in user is, for the console: name, role, scope, and what the
 * role may do with each GraphQL type (`can`). users-permissions' own /users/me knows nothing of
 * scopes.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async show(ctx: Context) {
    const user: { id: number } | undefined = ctx.state.user;
    if (!user) throw new errors.UnauthorizedError('Not signed in');
    const cache = strapi.plugin('cms').service('authCache') as CmsServices['authCache'];
    // The console asks on every start and every focus: kept until the user, their role, a
    // permission or an area changes (services/auth-cache.ts).
    const data = await cache.remember(`me:${user.id}`, async () => {
      const row: MeRow = await dbQuery(strapi, USER_UID).findOne({
        where: { id: user.id },
        select: ['id', 'documentId', 'username', 'email'],
        populate: {
          role: { select: ['id', 'type', 'name'] },
          scope: { select: ['documentId', 'name', 'level', 'path'] },
        },
      });
      return {
        id: row.documentId,
        username: row.username,
        email: row.email,
        role: row.role ? { type: row.role.type, name: row.role.name } : null,
        scope: row.scope ?? null,
        can: row.role ? await capabilities(strapi, row.role.id) : {},
      };
    });
    ctx.body = { data };
  },
});
