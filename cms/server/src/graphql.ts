import type { Core } from '@strapi/strapi';
import { maskIdNumber, maskPhone } from './domain/mask';
import { assertNoPersonalDataQuery } from './document-middleware';
import { CMS } from './uids';
import { getService } from './utils';

/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL resolver arguments */

/**
 * GraphQL resolves relations with the query engine, not the Document Service, so a person
 * reached through a relation (a grid's worker, an organisation's contact) never passes the
 * document middleware. Masking is therefore also applied on the fields themselves.
 */
export function registerGraphqlExtensions(strapi: Core.Strapi): void {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  const extension = graphql.service('extension');
  extension.shadowCRUD(CMS.auditEntry).disableMutations();

  const viewer = () => getService(strapi, 'viewer').current();
  const masked =
    (field: 'phone' | 'idNumber', mask: (v: string) => string) =>
    async (parent: any): Promise<string | null> => {
      const value = parent?.[field];
      if (typeof value !== 'string' || value === '') return value ?? null;
      const v = await viewer();
      const svc = getService(strapi, 'viewer');
      return svc.covers(v, parent.areaPath) ? value : mask(value);
    };

  // The one to-many relation to people: its filter and sort arguments bypass the Document
  // Service, so the same rule as there (no querying personal data through a relation) is applied.
  const refusePersonalQuery = async (
    next: any,
    parent: any,
    args: any,
    context: any,
    info: any,
  ) => {
    const v = await viewer();
    if (v.kind !== 'global') {
      assertNoPersonalDataQuery(args?.filters, 'filters');
      assertNoPersonalDataQuery(args?.sort, 'sort');
    }
    return next(parent, args, context, info);
  };

  extension.use(() => ({
    resolversConfig: {
      'CmsGrid.members': { middlewares: [refusePersonalQuery] },
    },
    resolvers: {
      CmsPerson: {
        phone: masked('phone', maskPhone),
        idNumber: masked('idNumber', maskIdNumber),
      },
    },
  }));
}
