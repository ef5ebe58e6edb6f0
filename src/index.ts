import type { Core } from '@strapi/strapi';
import { runMigrations } from '../database/migrate';
import { seedIfWanted } from '../database/seed';
import { batchRelationLoads } from './graphql/batch-relation-loads';
import { keepPlainFieldsUnwrapped } from './graphql/plain-fields';
import bodyParser from './http/body-parser';
import { keepRouteMatches, type MatchingRouter } from './http/route-match-cache';
import securityHeaders from './http/security-headers';

/** How the app hands other plugins' timers to the cases plugin's one sweep. */
interface Sweep {
  register(step: { name: string; everyMs: number; run(now: Date): Promise<unknown> }): void;
}

/**
 * One sweep runs every timer (the cases plugin's, every minute, safe in any number of
 * processes). The app — the only part that knows every plugin — gives it the others' timers,
 * each idempotent on its own: the ledger voids expired two-phase transfers under their locks,
 * the time bank expires each lot once by a transfer keyed by the lot.
 */
function registerTimers(strapi: Core.Strapi): void {
  const sweep = strapi.plugin('cases')?.service('sweep') as Sweep | undefined;
  if (!sweep) return;
  sweep.register({
    name: 'ledger.expireAll',
    everyMs: 60_000,
    run: () => strapi.plugin('ledger').service('transfers').expireAll(),
  });
  if (strapi.plugin('time-bank'))
    sweep.register({
      name: 'time-bank.expireDue',
      everyMs: 6 * 3600_000,
      run: () => strapi.plugin('time-bank').service('hours').expireDue(),
    });
  if (strapi.plugin('consultation'))
    sweep.register({
      name: 'consultation.closeDue',
      everyMs: 60_000,
      run: () => strapi.plugin('consultation').service('votes').closeDue(),
    });
}

/**
 * The app itself stays thin: it applies Linli's migrations once Strapi has synced the schema,
 * and seeds the demo district when asked to (see database/seed).
 */
export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    // strapi::body and strapi::security stay in config/middlewares.ts (Strapi requires them by
    // name), each built once instead of on every request.
    strapi.get('middlewares').extend('strapi::body', () => bodyParser);
    strapi.get('middlewares').extend('strapi::security', () => securityHeaders);
    // Before the GraphQL plugin builds its schema (in its bootstrap).
    keepPlainFieldsUnwrapped();
    strapi.hook('strapi::content-types.afterSync').register(async () => {
      const client = strapi.db.dialect.client === 'postgres' ? 'postgres' : 'sqlite';
      const ran = await runMigrations(strapi.db.connection, client);
      strapi.log.debug(`Linli migrations applied: ${ran.join(', ') || 'none'}`);
    });
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    keepRouteMatches(strapi.server.router as unknown as MatchingRouter);
    batchRelationLoads(strapi);
    registerTimers(strapi);
    await seedIfWanted(strapi);
  },
};
