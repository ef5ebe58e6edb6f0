import type { Core } from '@strapi/strapi';
import type { PermissionsService, RoleMatrix, SyncResult } from '../shared/contracts/services';
import { dbQuery } from '../utils';

const ROLE = 'plugin::users-permissions.role';
const PERMISSION = 'plugin::users-permissions.permission';

interface PermissionRow {
  id: number;
  action: string;
  role: { id: number } | null;
}

/**
 * Role-permission sync, the one mechanism behind every plugin's role matrix (cms, forms, grants
 * …), called from each plugin's bootstrap once the cms plugin has created the roles.
 *
 * It costs the same few statements however large the matrix, in one transaction: the roles and
 * the permissions concerned are read once, surplus ones are deleted in one statement, missing
 * ones inserted in one (plus one link update per role that gained any). The earlier per-role,
 * per-permission loops issued some 500 statements, each in its own transaction, on a fresh
 * database: about 1 500 round trips at every first boot, inside a test's 60-second beforeAll
 * along with the demo seed.
 */
export default ({ strapi }: { strapi: Core.Strapi }): PermissionsService => ({
  async syncRolePermissions(plugin: string, matrix: RoleMatrix): Promise<SyncResult> {
    const prefix = `plugin::${plugin}.`;
    const qualify = (action: string) => (action.includes('::') ? action : prefix + action);
    const others = new Set(
      Object.values(matrix).flatMap((actions) =>
        actions.map(qualify).filter((a) => !a.startsWith(prefix)),
      ),
    );

    return strapi.db.transaction(async () => {
      const roles: { id: number; type: string }[] = await dbQuery(strapi, ROLE).findMany({
        select: ['id', 'type'],
      });
      const missing = Object.keys(matrix).filter((type) => !roles.some((r) => r.type === type));
      if (missing.length)
        strapi.log.warn(
          `${plugin}: roles ${missing.join(', ')} do not exist; their permissions were not synced`,
        );
      // A role outside the matrix is wanted to hold none of this plugin's permissions, so one
      // given by hand in the admin panel is taken away again at the next boot.
      const wanted = new Map(
        roles.map((r) => [r.id, new Set((matrix[r.type] ?? []).map(qualify))] as const),
      );

      const existing: PermissionRow[] = await dbQuery(strapi, PERMISSION).findMany({
        where: others.size
          ? { $or: [{ action: { $startsWith: prefix } }, { action: { $in: [...others] } }] }
          : { action: { $startsWith: prefix } },
        select: ['id', 'action'],
        populate: { role: { select: ['id'] } },
      });

      const have = new Map<number, Set<string>>();
      const surplus: number[] = [];
      for (const p of existing) {
        const roleId = p.role?.id;
        const held = roleId === undefined ? undefined : (have.get(roleId) ?? new Set<string>());
        if (roleId !== undefined && held) have.set(roleId, held);
        const duplicate = held?.has(p.action) ?? false;
        held?.add(p.action);
        const ours = p.action.startsWith(prefix);
        // Another plugin's action is only ever added here; its own sync removes it.
        if (ours && (roleId === undefined || duplicate || !wanted.get(roleId)?.has(p.action)))
          surplus.push(p.id);
      }
      if (surplus.length)
        await dbQuery(strapi, PERMISSION).deleteMany({ where: { id: { $in: surplus } } });

      const toAdd = roles.flatMap((r) =>
        [...(wanted.get(r.id) ?? [])]
          .filter((action) => !have.get(r.id)?.has(action))
          .map((action) => ({ action, role: r.id })),
      );
      if (toAdd.length) {
        const { ids } = await dbQuery(strapi, PERMISSION).createMany({
          data: toAdd.map(({ action }) => ({ action })),
        });
        if (ids.length !== toAdd.length)
          throw new Error(`${plugin}: inserted ${ids.length} of ${toAdd.length} permissions`);
        const byRole = new Map<number, (number | string)[]>();
        toAdd.forEach(({ role }, i) => byRole.set(role, [...(byRole.get(role) ?? []), ids[i]]));
        for (const [role, permissionIds] of byRole)
          await dbQuery(strapi, ROLE).update({
            where: { id: role },
            data: { permissions: { connect: permissionIds } },
          });
      }
      return { added: toAdd.length, removed: surplus.length };
    });
  },
});
