import type { Core } from '@strapi/strapi';
import { maskIdNumber, maskPhone } from './domain/mask';
import { CMS } from './uids';
import type viewerFactory from './services/viewer';

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

  const viewer = () =>
    (strapi.plugin('cms').service('viewer') as ReturnType<typeof viewerFactory>).current();
  const masked =
    (field: 'phone' | 'idNumber', mask: (v: string) => string) =>
    async (parent: any): Promise<string | null> => {
      const value = parent?.[field];
      if (typeof value !== 'string' || value === '') return value ?? null;
      const v = await viewer();
      const svc = strapi.plugin('cms').service('viewer') as ReturnType<typeof viewerFactory>;
      return svc.covers(v, parent.areaPath) ? value : mask(value);
    };

  extension.use(() => ({
    resolvers: {
      CmsPerson: {
        phone: masked('phone', maskPhone),
        idNumber: masked('idNumber', maskIdNumber),
      },
    },
  }));
}
