/** The ledger's HTTP API under /api/ledger: for admin API tokens (no role is granted it). */
const route = (method: string, path: string, action: string) => ({
  method,
  path,
  handler: `ledger.${action}`,
  config: {},
});

export default {
  'content-api': {
    type: 'content-api',
    routes: [
      route('POST', '/accounts', 'openAccount'),
      route('GET', '/accounts/:code', 'balance'),
      route('GET', '/accounts/:code/entries', 'history'),
      route('POST', '/transfers', 'transfer'),
      route('POST', '/reservations', 'reserve'),
      route('GET', '/transfers/:id', 'show'),
      route('POST', '/transfers/:id/post', 'post'),
      route('POST', '/transfers/:id/void', 'void'),
      route('POST', '/transfers/:id/reverse', 'reverse'),
      route('GET', '/reconciliation', 'reconcile'),
    ],
  },
};
