import { factories } from '@strapi/strapi';
import { GRANTS } from '../uids';

let routes: unknown[] | undefined;

export default {
  'content-api': {
    type: 'content-api',
    // A memoised getter, as in the cms plugin (Strapi writes permission scopes into these objects).
    get routes() {
      routes ??= [
        { method: 'POST', path: '/donations/:id/receive', handler: 'actions.receive', config: {} },
        { method: 'POST', path: '/donations/:id/refund', handler: 'actions.refund', config: {} },
        { method: 'GET', path: '/donations/:id/receipt', handler: 'actions.receipt', config: {} },
        { method: 'GET', path: '/funds/:id/balance', handler: 'actions.fundBalance', config: {} },
        { method: 'GET', path: '/summary', handler: 'actions.summary', config: {} },
        ...(factories.createCoreRouter(GRANTS.fund as never).routes as unknown[]),
        ...(factories.createCoreRouter(GRANTS.donation as never).routes as unknown[]),
      ];
      return routes;
    },
  },
};
