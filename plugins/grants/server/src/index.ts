import type { Core } from '@strapi/strapi';
import contentTypes from './content-types';
import controllers from './controllers';
import { registerGrantsDocumentMiddleware } from './document-middleware';
import { seedGrantsPermissions } from './permissions';
import routes from './routes';
import services from './services';

/**
 * The foundation's work on top of the ledger: funds (each with its ledger accounts) and
 * donations with gap-free receipts. Grant rounds, applications, reviews, awards, disbursements
 * and reports come next (issue 5).
 */
export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerGrantsDocumentMiddleware(strapi);
  },
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await seedGrantsPermissions(strapi);
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
