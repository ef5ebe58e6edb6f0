import type { Core } from '@strapi/strapi';
import type { CmsServices } from '../../../../cms/server/src/shared/contracts/services';
import { CASES } from './uids';

type Kit = CmsServices['kit'];

/**
 * Where cases belong, for the cms kit: a case, its steps and its whistles carry the area path of
 * the place it concerns, so a community sees its own and the street office its communities'.
 * The reporter's name and phone are personal (masked outside the case's scope, never filtered
 * through a relation). Case types and the calendar are the district's, read by all staff.
 */
export function declareCasesScopes(strapi: Core.Strapi): void {
  const kit = strapi.plugin('cms').service('kit') as Kit;
  kit.declare(CASES.case, {
    scope: { path: 'areaPath' },
    personal: { reporterPhone: kit.masks.phone, reporterName: kit.masks.name },
  });
  kit.declare(CASES.caseStep, { scope: { path: 'areaPath' } });
  kit.declare(CASES.whistle, { scope: { path: 'areaPath' } });
  for (const uid of [CASES.caseType, CASES.caseTypeVersion, CASES.calendarYear])
    kit.declare(uid, {
      scope: { foundationWide: 'case types and the calendar are the district’s' },
    });
  // A notification belongs to its user, not an area: read only through /inbox, which filters by user.
  kit.declare(CASES.notification, {
    scope: { foundationWide: 'read only through the inbox, by user' },
  });
}
