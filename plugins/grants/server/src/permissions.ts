import type { Core } from '@strapi/strapi';
import type { RoleMatrix } from '../../../../cms/server/src/shared/contracts/services';
import { cmsService } from './utils';

const READ_FUNDS = [
  'fund.find',
  'fund.findOne',
  'actions.fundBalance',
  'actions.fundBalances',
  'actions.summary',
  'dashboard.trends',
];
const READ = (types: string[]) => types.flatMap((t) => [`${t}.find`, `${t}.findOne`]);
const GRANT_WORK = [
  ...READ(['round', 'application', 'review', 'award', 'disbursement', 'report']),
  'round.create',
  'round.update',
  'round.delete',
  ...[
    'statement',
    'advanceRound',
    'advancePreview',
    'undoRound',
    'ranking',
    'applicationStatus',
    'addApplication',
    'assignReviewers',
    'reviewers',
    'applicationReviews',
    'award',
    'showAward',
    'addTranche',
    'approveTranche',
    'payTranche',
    'cancelTranche',
    'addReport',
    'acceptReport',
    'returnReport',
  ].map((a) => `grant-actions.${a}`),
];
const REVIEWING = [
  // The dashboard's queue: staff see their area's work, a reviewer only their own reviews.
  'dashboard.queue',
  'grant-actions.myReviews',
  'grant-actions.declareConflict',
  'grant-actions.submitReview',
  'grant-actions.applicationReviews',
];
const KEEP_BOOKS = [
  ...READ_FUNDS,
  'fund.create',
  'fund.update',
  'fund.delete',
  'donation.find',
  'donation.findOne',
  'donation.create',
  'donation.update',
  'donation.delete',
  'actions.receive',
  'actions.refund',
  'actions.receipt',
  ...GRANT_WORK,
  ...REVIEWING,
];

/**
 * Foundation staff keep the books and run the rounds (and may review); reviewers score what they
 * are assigned — they get no list of reviews, which would show the others' scores; incubators
 * see the funds, rounds and awards. The public disclosure and an applicant's withdrawal (proved by
 * the form's receipt code) need no sign-in (`auth: false` on their routes).
 */
export const GRANTS_ROLE_MATRIX: RoleMatrix = {
  'foundation-staff': [...KEEP_BOOKS, 'applicant.mine'],
  incubator: [
    'applicant.mine',
    ...READ_FUNDS,
    ...READ(['round', 'award']),
    'grant-actions.ranking',
    'grant-actions.showAward',
  ],
  reviewer: [...REVIEWING, 'round.find', 'round.findOne', 'applicant.mine'],
  // Anyone signed in may list the applications they submitted themselves.
  'community-worker': ['applicant.mine'],
  volunteer: ['applicant.mine'],
  resident: ['applicant.mine'],
};

/**
 * Makes each role's `plugin::grants.*` permissions exactly the matrix (the cms kit's sync); a role
 * it does not name holds none.
 */
export async function seedGrantsPermissions(strapi: Core.Strapi): Promise<void> {
  await cmsService(strapi, 'permissions').syncRolePermissions('grants', GRANTS_ROLE_MATRIX);
}
