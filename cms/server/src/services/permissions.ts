import type { Core } from '@strapi/strapi';
import { syncRolePermissions } from '../permissions';

/* eslint-disable @typescript-eslint/no-explicit-any -- users-permissions rows */

/**
 * For other plugins (which never import this plugin's files): seed their own role matrix,
 * `{ roleType: ['controller.action', …] }`, under `plugin::<name>.`, onto the roles this plugin
 * creates. A role that does not exist is skipped with a warning.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async syncPlugin(plugin: string, matrix: Record<string, string[]>): Promise<void> {
    const roles = strapi.db.query('plugin::users-permissions.role' as any);
    for (const [type, actions] of Object.entries(matrix)) {
      const role = await roles.findOne({ where: { type }, select: ['id'] });
      if (!role) {
        strapi.log.warn(
          `${plugin}: role ${type} does not exist yet; its permissions were not seeded`,
        );
        continue;
      }
      const prefix = `plugin::${plugin}.`;
      await syncRolePermissions(strapi, role.id, prefix, new Set(actions.map((a) => prefix + a)));
    }
  },
});
