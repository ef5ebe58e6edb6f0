import type { Core } from '@strapi/strapi';
import type { RoleMatrix } from '../../../../cms/server/src/shared/contracts/services';
import { cmsService } from './utils';

/** A signed-in resident: raise, support, comment, rank, vote, rate, follow their own. */
const RESIDENT = [
  'topics.list',
  'topics.show',
  'topics.create',
  'topics.mine',
  'topics.support',
  'topics.comment',
  'topics.rate',
  'topics.ranking',
  'topics.rank',
  'procedures.mine',
  'votes.mine',
  'votes.show',
  'votes.cast',
  'votes.castByCode',
];
/** Staff running consultation in their area (the services decide which topic and vote). */
const STAFF = [
  ...RESIDENT,
  'topics.screen',
  'topics.close',
  'topics.closeRanking',
  // Representatives' rankings, entered by staff where a community's representatives rank.
  'topics.rankEntries',
  'topics.withdrawRanking',
  'meetings.list',
  'meetings.create',
  'meetings.show',
  'meetings.update',
  'meetings.decide',
  'decisions.implement',
  'decisions.taskDone',
  'decisions.complete',
  'votes.rules',
  'votes.list',
  'votes.create',
  'votes.open',
  'votes.codes',
  'votes.electors',
  'votes.paper',
  'votes.close',
  'votes.recount',
  'procedures.show',
  'procedures.save',
  'reports.solved',
  // The consultation index: read and enter for their own communities.
  'scores.indicators',
  'scores.scores',
  'scores.ranking',
  'scores.drill',
  'scores.enter',
  'scores.export',
];

/**
 * Who may call which consultation action. Which topic and which vote is decided by the
 * services on top of this: the kit's scope for staff, the community a resident lives in, the
 * electorate a vote froze. Ballot codes need no account.
 */
export const CONSULTATION_ROLE_MATRIX: RoleMatrix = {
  // Changing what the index measures is also checked for a district-wide scope (scores service).
  'foundation-staff': [
    ...STAFF,
    'votes.saveRule',
    'scores.updateIndicator',
    'scores.createIndicator',
  ],
  'community-worker': STAFF,
  'grid-worker': [...RESIDENT, 'meetings.list', 'meetings.show', 'votes.list', 'votes.electors'],
  department: ['topics.list', 'topics.show', 'meetings.list', 'meetings.show'],
  incubator: RESIDENT,
  reviewer: RESIDENT,
  volunteer: RESIDENT,
  resident: RESIDENT,
  public: ['votes.castByCode'],
};

export async function seedConsultationPermissions(strapi: Core.Strapi): Promise<void> {
  await cmsService(strapi, 'permissions').syncRolePermissions(
    'consultation',
    CONSULTATION_ROLE_MATRIX,
  );
}
