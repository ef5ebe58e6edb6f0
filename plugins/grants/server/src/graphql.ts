import type { Core } from '@strapi/strapi';
import { GRANTS } from './uids';

/**
 * GraphQL reads everything the console lists; the records whose moves carry money and rules
 * (applications, reviews, awards, tranches, reports) are changed only by the REST actions.
 */
export function registerGrantsGraphql(strapi: Core.Strapi): void {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  const extension = graphql.service('extension');
  for (const uid of [
    GRANTS.application,
    GRANTS.review,
    GRANTS.award,
    GRANTS.disbursement,
    GRANTS.report,
  ])
    extension.shadowCRUD(uid).disableMutations();
  // The round's running total is kept by the awards; it is read, never written.
  extension.shadowCRUD(GRANTS.round).field('awarded').disableInput();
  // A fund's area path follows its area; the kit scopes the fund's records by it.
  extension.shadowCRUD(GRANTS.fund).field('areaPath').disableInput();
}
