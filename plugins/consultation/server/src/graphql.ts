import type { Core } from '@strapi/strapi';
import { CONSULTATION } from './uids';

/**
 * Consultation is read and changed only through the REST actions (routes/index.ts), which scope
 * it and keep each topic's record: GraphQL shows none of these types.
 */
export function registerConsultationGraphql(strapi: Core.Strapi): void {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  const extension = graphql.service('extension');
  for (const uid of Object.values(CONSULTATION)) extension.shadowCRUD(uid).disable();
}
