import type { Core } from '@strapi/strapi';
import contentTypes from './content-types';
import controllers from './controllers';
import { registerApplicationTarget } from './application-target';
import { registerGrantsDocumentMiddleware } from './document-middleware';
import { registerGrantsGraphql } from './graphql';
import { declareGrantsScopes } from './scopes';
import { seedGrantsPermissions } from './permissions';
import routes from './routes';
import services from './services';

/**
 * The foundation's work on top of the ledger: funds (each with its ledger accounts), donations
 * with gap-free receipts, micro-venture philanthropy rounds (applications through a form,
 * reviews, awards committing money, tranches, reports), fund statements and public disclosure.
 */
export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    declareGrantsScopes(strapi);
    registerGrantsDocumentMiddleware(strapi);
    registerGrantsGraphql(strapi);
  },
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    registerApplicationTarget(strapi);
    await seedGrantsPermissions(strapi);
    await strapi.plugin('grants').service('funds').placeUnplacedFunds();
  },
  contentTypes,
  controllers,
  routes,
  services,
  config: {
    default: ({ env }: { env: (key: string, fallback?: string) => string }) => ({
      foundationName: env('LINLI_FOUNDATION_NAME', '成都市新都区社区发展基金会'),
    }),
    validator: () => undefined,
  },
};
