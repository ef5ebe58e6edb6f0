import { factories } from '@strapi/strapi';
import { GRANTS } from '../uids';
import applicantRoutes from './applicant';

let routes: unknown[] | undefined;

const post = (path: string, action: string, auth?: false) => ({
  method: 'POST',
  path,
  handler: `grant-actions.${action}`,
  config: auth === false ? { auth: false } : {},
});
const get = (path: string, action: string, auth?: false) => ({
  ...post(path, action, auth),
  method: 'GET',
});
/** Applications, reviews, awards, tranches and reports are read here and moved by actions. */
const readOnly = (uid: string) =>
  factories.createCoreRouter(uid as never, { only: ['find', 'findOne'] })
    .routes as unknown as unknown[];

export default {
  'content-api': {
    type: 'content-api',
    // A memoised getter, as in the cms plugin (Strapi writes permission scopes into these objects).
    get routes() {
      routes ??= [
        { method: 'POST', path: '/donations/:id/receive', handler: 'actions.receive', config: {} },
        { method: 'POST', path: '/donations/:id/refund', handler: 'actions.refund', config: {} },
        { method: 'GET', path: '/donations/:id/receipt', handler: 'actions.receipt', config: {} },
        // Before the core router's GET /funds/:id, which would take "balances" for an id.
        { method: 'GET', path: '/funds/balances', handler: 'actions.fundBalances', config: {} },
        { method: 'GET', path: '/funds/:id/balance', handler: 'actions.fundBalance', config: {} },
        { method: 'GET', path: '/summary', handler: 'actions.summary', config: {} },
        { method: 'GET', path: '/dashboard/queue', handler: 'dashboard.queue', config: {} },
        { method: 'GET', path: '/dashboard/trends', handler: 'dashboard.trends', config: {} },
        get('/funds/:id/statement', 'statement'),
        get('/disclosure/:year/:what.:format', 'disclosure', false),
        post('/rounds/:id/advance', 'advanceRound'),
        get('/rounds/:id/advance-preview', 'advancePreview'),
        post('/rounds/:id/undo', 'undoRound'),
        get('/rounds/:id/ranking', 'ranking'),
        post('/rounds/:id/applications', 'addApplication'),
        post('/applications/withdraw', 'withdraw', false),
        ...applicantRoutes,
        post('/applications/:id/status', 'applicationStatus'),
        post('/applications/:id/reviewers', 'assignReviewers'),
        get('/applications/:id/reviews', 'applicationReviews'),
        post('/applications/:id/award', 'award'),
        get('/reviews/mine', 'myReviews'),
        get('/reviewers', 'reviewers'),
        post('/reviews/:id/conflict', 'declareConflict'),
        post('/reviews/:id/submit', 'submitReview'),
        get('/awards/:id/plan', 'showAward'),
        post('/awards/:id/tranches', 'addTranche'),
        post('/awards/:id/reports', 'addReport'),
        post('/disbursements/:id/approve', 'approveTranche'),
        post('/disbursements/:id/pay', 'payTranche'),
        post('/disbursements/:id/cancel', 'cancelTranche'),
        post('/reports/:id/accept', 'acceptReport'),
        post('/reports/:id/return', 'returnReport'),
        ...(factories.createCoreRouter(GRANTS.fund as never).routes as unknown as unknown[]),
        ...(factories.createCoreRouter(GRANTS.donation as never).routes as unknown as unknown[]),
        ...(factories.createCoreRouter(GRANTS.round as never).routes as unknown as unknown[]),
        ...readOnly(GRANTS.application),
        ...readOnly(GRANTS.review),
        ...readOnly(GRANTS.award),
        ...readOnly(GRANTS.disbursement),
        ...readOnly(GRANTS.report),
      ];
      return routes;
    },
  },
};
