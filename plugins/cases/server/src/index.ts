import type { Core } from '@strapi/strapi';
import contentTypes from './content-types';
import controllers from './controllers';
import routes from './routes';
import services from './services';
import { declareCasesScopes } from './scopes';

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
  },
  async bootstrap() {},
  destroy() {},
  contentTypes,
  controllers,
  routes,
  services,
};
