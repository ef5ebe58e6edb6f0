import { factories } from '@strapi/strapi';
import { TB } from '../uids';

let routes: unknown[] | undefined;

const route = (method: 'GET' | 'POST', path: string, handler: string) => ({
  method,
  path,
  handler,
  config: {},
});
const get = (path: string, handler: string) => route('GET', path, handler);
const post = (path: string, handler: string) => route('POST', path, handler);
const readOnly = (uid: string) =>
  factories.createCoreRouter(uid as never, { only: ['find', 'findOne'] })
    .routes as unknown as unknown[];
const crud = (uid: string) =>
  factories.createCoreRouter(uid as never).routes as unknown as unknown[];

/**
 * The time bank's REST API, /api/time-bank/… (the contract the console and the phone pages use;
 * request and answer shapes are in shared/contracts/time-bank.ts). Records whose moves carry
 * minutes (members, services, redemptions, gifts, participations) are read through the core
 * routes and GraphQL and changed only by these actions; categories, activities' details and the
 * catalogue are edited through the Document Service like any record, checked by the services.
 */
export default {
  'content-api': {
    type: 'content-api',
    get routes() {
      routes ??= [
        // The signed-in resident or volunteer: their member, balance, passbook, work, family.
        get('/me', 'mine.me'),
        post('/me/join', 'mine.join'),
        get('/me/passbook', 'mine.passbook'),
        get('/me/requests', 'mine.requests'),
        get('/me/nearby', 'mine.nearby'),
        get('/me/activities', 'mine.activities'),
        get('/me/services', 'mine.services'),
        get('/me/catalogue', 'mine.catalogue'),
        post('/checkin', 'mine.checkin'),

        // Members, accounts and families (staff).
        post('/members', 'members.join'),
        get('/members/:id/balance', 'members.balance'),
        get('/members/:id/passbook', 'members.passbook'),
        get('/members/:id/passbook.:format', 'members.passbookFile'),
        post('/members/:id/team-members', 'members.addTeamMember'),
        post('/members/:id/leave', 'members.leave'),
        post('/members/:id/issue', 'members.issue'),
        post('/family-links', 'members.link'),
        post('/family-links/:id/revoke', 'members.unlink'),
        post('/gifts', 'members.give'),

        // Requests and offers, matching, services.
        post('/requests', 'services.post'),
        get('/requests/:id/candidates', 'services.candidates'),
        post('/requests/:id/accept', 'services.accept'),
        post('/requests/:id/cancel', 'services.cancelRequest'),
        post('/services/:id/check-in', 'services.checkIn'),
        post('/services/:id/check-out', 'services.checkOut'),
        post('/services/:id/record', 'services.record'),
        post('/services/:id/confirm', 'services.confirm'),
        post('/services/:id/dispute', 'services.dispute'),
        post('/services/:id/resolve', 'services.resolve'),
        post('/services/:id/cancel', 'services.cancel'),

        // Activities: sign-up, check-in at the venue, roster, crediting in one batch.
        post('/activities/:id/signup', 'activities.signup'),
        post('/activities/:id/roster', 'activities.roster'),
        post('/activities/:id/credit', 'activities.credit'),
        post('/activities/:id/cancel', 'activities.cancel'),

        // The catalogue and redemptions.
        post('/catalogue-items/:id/redeem', 'redemptions.redeem'),
        post('/redemptions/:id/fulfil', 'redemptions.fulfil'),
        post('/redemptions/:id/cancel', 'redemptions.cancel'),

        // Policy, statements, the dashboard.
        get('/policy', 'policy.show'),
        post('/policy', 'policy.publish'),
        get('/policy/preview', 'policy.preview'),
        get('/stats', 'stats.totals'),
        get('/awards/:award/hours', 'stats.awardHours'),
        get('/dashboard/queue', 'stats.queue'),
        get('/dashboard/trends', 'stats.trends'),

        ...readOnly(TB.member),
        ...readOnly(TB.familyLink),
        ...readOnly(TB.request),
        ...readOnly(TB.service),
        ...readOnly(TB.participation),
        ...readOnly(TB.redemption),
        ...readOnly(TB.gift),
        ...readOnly(TB.policyVersion),
        ...crud(TB.category),
        ...crud(TB.activity),
        ...crud(TB.catalogueItem),
      ];
      return routes;
    },
  },
};
