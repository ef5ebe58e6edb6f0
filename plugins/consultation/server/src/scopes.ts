import type { Core } from '@strapi/strapi';
import type { CmsServices } from '../../../../cms/server/src/shared/contracts/services';
import { CONSULTATION } from './uids';

type Kit = CmsServices['kit'];

/**
 * Where consultation belongs, for the cms kit: topics, their steps, opinions, meetings,
 * decisions, votes, electors and ballots carry the area path of the place they concern, so a
 * community sees its own and the street office its communities'. Who raised a topic is
 * personal. Vote rules are the district's.
 */
export function declareConsultationScopes(strapi: Core.Strapi): void {
  const kit = strapi.plugin('cms').service('kit') as Kit;
  kit.declare(CONSULTATION.topic, {
    scope: { path: 'areaPath' },
    personal: { raisedByPhone: kit.masks.phone, raisedByName: kit.masks.name },
  });
  for (const uid of [
    CONSULTATION.topicStep,
    CONSULTATION.support,
    CONSULTATION.comment,
    CONSULTATION.rankMark,
    CONSULTATION.meeting,
    CONSULTATION.decision,
    CONSULTATION.vote,
    CONSULTATION.elector,
    CONSULTATION.ballot,
    CONSULTATION.procedure,
    CONSULTATION.indexEntry,
  ])
    kit.declare(uid, { scope: { path: 'areaPath' } });
  kit.declare(CONSULTATION.voteRule, {
    scope: { foundationWide: 'vote rules are the district’s' },
  });
  kit.declare(CONSULTATION.indexIndicator, {
    scope: { foundationWide: 'the index’s indicators are the district’s' },
  });
}
