import type { Core } from '@strapi/strapi';
import contentTypes from './content-types';
import controllers from './controllers';
import { registerTimeBankDocumentMiddleware } from './document-middleware';
import { registerTimeBankGraphql } from './graphql';
import { seedTimeBankPermissions } from './permissions';
import { declareTimeBankScopes } from './scopes';
import routes from './routes';
import services from './services';
import { registerSignupTarget } from './signup-target';

/**
 * The volunteer time bank (时间银行) on the ledger's minutes: members (people, teams,
 * organisations, community pools) with passbooks and star levels, requests and offers matched to
 * volunteers, services paid only when the person served confirms, collective activities credited
 * in one batch, redemptions from a catalogue, gifts to family and to people in need, all under a
 * versioned policy a community configures.
 */
export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    declareTimeBankScopes(strapi);
    registerTimeBankDocumentMiddleware(strapi);
    registerTimeBankGraphql(strapi);
  },
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    registerSignupTarget(strapi);
    await seedTimeBankPermissions(strapi);
    await strapi.plugin('time-bank').service('policy').ensureDefault();
    await strapi.plugin('time-bank').service('members').ensureWorldAccounts();
  },
  contentTypes,
  controllers,
  routes,
  services,
};
