import type { Core } from '@strapi/strapi';

/* eslint-disable @typescript-eslint/no-explicit-any -- users-permissions rows */

const READ_FUNDS = ['fund.find', 'fund.findOne', 'actions.fundBalance', 'actions.summary'];
const READ = (types: string[]) => types.flatMap((t) => [`${t}.find`, `${t}.findOne`]);
const GRANT_WORK = [
  ...READ(['round', 'application', 'review', 'award', 'disbursement', 'report']),
  'round.create',
  'round.update',
  'round.delete',
  ...[
    'statement',
    'advanceRound',
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
export const GRANTS_ROLE_MATRIX: Record<string, string[]> = {
  'foundation-staff': KEEP_BOOKS,
  incubator: [
    ...READ_FUNDS,
    ...READ(['round', 'award']),
    'grant-actions.ranking',
    'grant-actions.showAward',
  ],
  reviewer: [...REVIEWING, 'round.find', 'round.findOne'],
};

export async function seedGrantsPermissions(strapi: Core.Strapi): Promise<void> {
  const roles = strapi.db.query('plugin::users-permissions.role' as any);
  const permissions = strapi.db.query('plugin::users-permissions.permission' as any);
  for (const role of await roles.findMany({ select: ['id', 'type'] })) {
    const wanted = new Set((GRANTS_ROLE_MATRIX[role.type] ?? []).map((a) => `plugin::grants.${a}`));
    const existing: any[] = await permissions.findMany({
      where: { role: { id: role.id } },
      select: ['id', 'action'],
    });
    const have = new Set(existing.map((p) => p.action as string));
    for (const p of existing) {
      if (p.action.startsWith('plugin::grants.') && !wanted.has(p.action))
        await permissions.delete({ where: { id: p.id } });
    }
    for (const action of wanted)
      if (!have.has(action)) await permissions.create({ data: { action, role: role.id } });
  }
}
