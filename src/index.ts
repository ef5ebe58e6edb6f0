import type { Core } from '@strapi/strapi';
import { runMigrations } from '../database/migrate';
import { seedIfWanted } from '../database/seed';

/**
 * The app itself stays thin: it applies Linli's migrations once Strapi has synced the schema,
 * and seeds the demo district when asked to (see database/seed).
 */
export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    strapi.hook('strapi::content-types.afterSync').register(async () => {
      const client = strapi.db.dialect.client === 'postgres' ? 'postgres' : 'sqlite';
      const ran = await runMigrations(strapi.db.connection, client);
      strapi.log.debug(`Linli migrations applied: ${ran.join(', ') || 'none'}`);
    });
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await seedIfWanted(strapi);
  },
};
