import type { Core } from '@strapi/strapi';
import { CASES } from './uids';

/**
 * Cases are read and changed only through the REST actions (routes/index.ts), which scope them
 * by unit as well as by area and keep the timeline: GraphQL shows none of these types.
 */
export function registerCasesGraphql(strapi: Core.Strapi): void {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  const extension = graphql.service('extension');
  for (const uid of Object.values(CASES)) extension.shadowCRUD(uid).disable();
}
