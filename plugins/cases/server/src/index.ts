import type { Core } from '@strapi/strapi';
import contentTypes from './content-types';
import controllers from './controllers';
import { registerCasesGraphql } from './graphql';
import { registerIntakeTarget } from './intake-target';
import { seedCasesPermissions } from './permissions';
import { CASE_TYPE_PRESETS } from './presets';
import routes from './routes';
import { declareCasesScopes } from './scopes';
import services from './services';
import { getService } from './utils';

let sweeping = false;

/**
 * Cases (事项): case types administrators configure and version without code (category tree,
 * intake form, a workflow of typed states and guarded transitions, SLA per state on the
 * working-day calendar, dispatch rules); intake from the QR form, the phone, the grid worker and
 * staff's own initiative; dispatch, signing, returning, transfer, merge, split, pressing and
 * extension with an append-only timeline; the whistle to departments with ratings and points;
 * the resident's reply, rating and reopening; an in-app inbox; one sweep for every timer.
 */
export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    declareCasesScopes(strapi);
    registerCasesGraphql(strapi);
  },
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    registerIntakeTarget(strapi);
    await seedCasesPermissions(strapi);
    await getService(strapi, 'calendar').ensureDefaults();
    for (const preset of CASE_TYPE_PRESETS) await getService(strapi, 'types').ensure(preset);
    // The one sweep, every minute in every process (each step happens once whichever process
    // takes it: services/sweep.ts). Tests drive it with their own clock instead.
    if (process.env.NODE_ENV !== 'test') {
      strapi.cron.add({
        'cases-sweep': {
          task: async () => {
            if (sweeping) return;
            sweeping = true;
            try {
              await getService(strapi, 'sweep').runOnce();
            } catch (error) {
              strapi.log.error(`Cases sweep failed: ${String(error)}`);
            } finally {
              sweeping = false;
            }
          },
          options: { rule: '* * * * *' },
        },
      });
    }
  },
  destroy() {},
  contentTypes,
  controllers,
  routes,
  services,
};
