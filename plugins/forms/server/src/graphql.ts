import type { Core } from '@strapi/strapi';
import { FORMS } from './uids';
import { toFormsHttpError } from './services/http-errors';
import { getService } from './utils';

/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL resolver arguments */

/**
 * GraphQL for the console: versions are read-only, submissions are never created or deleted
 * here (they come in through the public route and are kept), and `publishFormsForm` freezes a
 * draft into the next version.
 */
export function registerFormsGraphql(strapi: Core.Strapi): void {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  const extension = graphql.service('extension');
  extension.shadowCRUD(FORMS.version).disableMutations();
  extension.shadowCRUD(FORMS.submission).disableAction('create');
  extension.shadowCRUD(FORMS.submission).disableAction('delete');
  extension.shadowCRUD(FORMS.submission).field('clientKey').disable();

  extension.use(({ nexus }: any) => ({
    types: [
      nexus.extendType({
        type: 'Mutation',
        definition(t: any) {
          t.field('publishFormsForm', {
            type: 'FormsForm',
            args: { documentId: nexus.nonNull('ID') },
            async resolve(_parent: any, args: { documentId: string }) {
              const definitions = getService(strapi, 'definitions');
              const form = await definitions.publish(args.documentId).catch((error) => {
                throw toFormsHttpError(error);
              });
              return strapi.documents(FORMS.form as any).findOne({ documentId: form.documentId });
            },
          });
        },
      }),
    ],
    resolversConfig: {
      'Mutation.publishFormsForm': { auth: { scope: ['plugin::forms.staff.publish'] } },
    },
  }));
}
