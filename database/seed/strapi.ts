import type { Core } from '@strapi/strapi';
import type ledgerFactory from '../../plugins/ledger/server/src/services/ledger';

/**
 * The seed's typed handles on Strapi. Strapi types its UIDs from generated declarations this
 * app does not keep, so a UID named as a string is cast here, once per kind of call.
 */
type QueryUid = Parameters<Core.Strapi['db']['query']>[0];
type DocumentUid = Parameters<Core.Strapi['documents']>[0];

/** The query engine for any plugin's content type. */
export const dbQuery = (strapi: Core.Strapi, uid: string) => strapi.db.query(uid as QueryUid);

/** What the seed asks of the Document Service: a document created from plain data. */
export interface Documents {
  create(params: {
    data: object;
  }): Promise<{ id: number; documentId: string; [field: string]: unknown }>;
}

/** The Document Service for any plugin's content type (its middlewares and rules all apply). */
export const documents = (strapi: Core.Strapi, uid: string): Documents =>
  strapi.documents(uid as DocumentUid) as unknown as Documents;

/** The ledger's service (the ledger plugin publishes no accessor of its own). */
export const ledgerService = (strapi: Core.Strapi) =>
  strapi.plugin('ledger').service('ledger') as ReturnType<typeof ledgerFactory>;
