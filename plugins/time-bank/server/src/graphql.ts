import type { Core } from '@strapi/strapi';
import { TB } from './uids';

/**
 * GraphQL reads everything the console lists. Records whose moves carry minutes are changed only
 * by the REST actions (routes/index.ts); categories, activities and catalogue items are edited
 * like any record, but what the actions keep (stock is, counts, statuses) is not input.
 */
export function registerTimeBankGraphql(strapi: Core.Strapi): void {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  const extension = graphql.service('extension');
  for (const uid of [
    TB.member,
    TB.familyLink,
    TB.request,
    TB.service,
    TB.participation,
    TB.policyVersion,
    TB.redemption,
    TB.gift,
    TB.lot,
  ])
    extension.shadowCRUD(uid).disableMutations();
  extension.shadowCRUD(TB.lot).disable();
  for (const field of [
    'status',
    'creditedAt',
    'creditedBy',
    'creditedMinutes',
    'checkinCode',
    'areaPath',
  ])
    extension.shadowCRUD(TB.activity).field(field).disableInput();
  extension.shadowCRUD(TB.catalogueItem).field('areaPath').disableInput();
}
