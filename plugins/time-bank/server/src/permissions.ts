import type { Core } from '@strapi/strapi';
import type { RoleMatrix } from '../../../../cms/server/src/shared/contracts/services';
import { cmsService } from './utils';

const READ = (types: string[]) => types.flatMap((t) => [`${t}.find`, `${t}.findOne`]);
const CRUD = (types: string[]) =>
  types.flatMap((t) => [`${t}.find`, `${t}.findOne`, `${t}.create`, `${t}.update`, `${t}.delete`]);

/** What a signed-in resident or volunteer does on the phone pages, for themselves only. */
const OWN = [
  ...READ(['category']),
  'mine.me',
  'mine.join',
  'mine.passbook',
  'mine.requests',
  'mine.nearby',
  'mine.activities',
  'mine.services',
  'mine.catalogue',
  'mine.checkin',
  'services.post',
  'services.accept',
  'services.cancelRequest',
  'services.checkIn',
  'services.checkOut',
  'services.confirm',
  'services.dispute',
  'services.cancel',
  'activities.signup',
  'redemptions.redeem',
  'redemptions.cancel',
  'members.give',
  'policy.show',
];

/** A community worker's daily work in their community (the kit scopes every record). */
const COMMUNITY_WORK = [
  ...OWN,
  ...READ(['member', 'family-link', 'request', 'service', 'participation', 'redemption', 'gift']),
  ...READ(['policy-version', 'catalogue-item']),
  ...CRUD(['activity']),
  'members.join',
  'members.balance',
  'members.passbook',
  'members.passbookFile',
  'members.addTeamMember',
  'members.leave',
  'members.link',
  'members.unlink',
  'services.candidates',
  'services.record',
  'services.resolve',
  'activities.roster',
  'activities.credit',
  'activities.cancel',
  'redemptions.fulfil',
  'policy.preview',
  'stats.totals',
  'stats.awardHours',
  'stats.queue',
  'stats.trends',
];

/**
 * Who may do what in the time bank. Foundation staff (the district's administrators here) keep
 * the categories, the catalogue, the pools and the policy; community workers run their
 * community's exchange; residents and volunteers act for themselves on the phone pages (the
 * services check that the service, request or account is theirs); incubators and reviewers see
 * the hours given to a micro-venture project.
 */
export const TIME_BANK_ROLE_MATRIX: RoleMatrix = {
  'foundation-staff': [
    ...COMMUNITY_WORK,
    ...CRUD(['category', 'catalogue-item']),
    'members.issue',
    'policy.publish',
  ],
  'community-worker': COMMUNITY_WORK,
  incubator: ['stats.awardHours', ...READ(['category'])],
  reviewer: ['stats.awardHours', ...READ(['category'])],
  volunteer: OWN,
  resident: OWN,
};

/** Makes each role's `plugin::time-bank.*` permissions exactly the matrix (the cms kit's sync). */
export async function seedTimeBankPermissions(strapi: Core.Strapi): Promise<void> {
  await cmsService(strapi, 'permissions').syncRolePermissions('time-bank', TIME_BANK_ROLE_MATRIX);
}
