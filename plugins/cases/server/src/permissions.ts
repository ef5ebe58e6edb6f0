import type { Core } from '@strapi/strapi';
import type { RoleMatrix } from '../../../../cms/server/src/shared/contracts/services';
import { cmsService } from './utils';

/** Every signed-in person: their inbox. */
const INBOX = ['inbox.list', 'inbox.read', 'inbox.readAll'];
/** What anyone working cases reads: the types (to take a case in), the calendar, whom to send to. */
const READ = ['types.list', 'types.show', 'types.check', 'calendar.list', 'targets.list'];
/** Acting on cases (the services decide which case and which step: scope, unit, workflow). */
const HANDLE = [
  'queue.list',
  'queue.mine',
  'cases.show',
  'cases.create',
  'cases.transition',
  'cases.comment',
  'cases.extension',
  'attachments.upload',
  'whistles.report',
  'whistles.act',
];
/** The centre and the community: dispatch, press, decide, merge, split, call back, whistle, rate. */
const CENTRE = [
  ...HANDLE,
  'cases.press',
  'cases.decideExtension',
  'cases.merge',
  'cases.split',
  'cases.callback',
  'cases.whistle',
  'whistles.rate',
  'reports.departments',
  'reports.dashboard',
];
/** The resident's receipt page, signed in or not. */
const RECEIPT = ['receipts.show', 'receipts.rate', 'receipts.reopen'];

/**
 * Who may call which cases action. Which case, and which workflow step, is decided by the
 * services on top of this: the kit's scope, the department's unit, the type's transitions.
 * Case types and the calendar are changed by district-wide staff only (checked in the
 * controller): foundation staff are the district's administrators in the demo.
 */
export const CASES_ROLE_MATRIX: RoleMatrix = {
  'foundation-staff': [
    ...CENTRE,
    ...READ,
    ...INBOX,
    ...RECEIPT,
    'types.create',
    'types.update',
    'types.publish',
    'calendar.save',
  ],
  'community-worker': [...CENTRE, ...READ, ...INBOX, ...RECEIPT],
  'grid-worker': [...HANDLE, ...READ, ...INBOX, ...RECEIPT],
  department: [...HANDLE, ...READ, ...INBOX, ...RECEIPT, 'reports.departments'],
  incubator: [...INBOX, ...RECEIPT],
  reviewer: [...INBOX, ...RECEIPT],
  volunteer: [...INBOX, ...RECEIPT],
  resident: [...INBOX, ...RECEIPT],
  public: RECEIPT,
};

export async function seedCasesPermissions(strapi: Core.Strapi): Promise<void> {
  await cmsService(strapi, 'permissions').syncRolePermissions('cases', CASES_ROLE_MATRIX);
}
