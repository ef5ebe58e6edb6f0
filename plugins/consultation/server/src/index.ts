import type { Core } from '@strapi/strapi';
import contentTypes from './content-types';
import controllers from './controllers';
import { registerConsultationGraphql } from './graphql';
import { seedConsultationPermissions } from './permissions';
import { registerRequestTarget } from './request-target';
import routes from './routes';
import { declareConsultationScopes } from './scopes';
import services from './services';
import { getService } from './utils';

/**
 * Consultation (社区协商): topics residents, grid workers and staff raise, through the
 * procedure each community configures within the default (collect opinions → screen → rank →
 * deliberate in a meeting → publicise → implement → evaluate), and votes on decisions for a
 * frozen electorate of households, owners or residents under a rule kept as data (quorum and
 * approval by count and by area: the Civil Code's double majorities among the presets).
 */
export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    declareConsultationScopes(strapi);
    registerConsultationGraphql(strapi);
  },
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    registerRequestTarget(strapi);
    await seedConsultationPermissions(strapi);
    await getService(strapi, 'votes').ensurePresets();
    await getService(strapi, 'scores').ensureIndicators();
  },
  destroy() {},
  contentTypes,
  controllers,
  routes,
  services,
};
