import type { Core } from '@strapi/strapi';
import { FORMS } from './uids';
import { toFormsHttpError } from './services/http-errors';
import { getService } from './utils';

/** The parts of nexus (the schema builder Strapi's GraphQL plugin hands extensions) used here. */
interface Nexus {
  extendType(config: { type: string; definition(t: FieldBuilder): void }): unknown;
  nonNull(type: string): unknown;
}

interface FieldBuilder {
  field(
    name: string,
    config: {
      type: string;
      args: Record<string, unknown>;
      resolve(parent: unknown, args: { documentId: string }): Promise<unknown>;
    },
  ): void;
}

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

  extension.use(({ nexus }: { nexus: Nexus }) => ({
    types: [
      nexus.extendType({
        type: 'Mutation',
        definition(t) {
          t.field('publishFormsForm', {
            type: 'FormsForm',
            args: { documentId: nexus.nonNull('ID') },
            async resolve(_parent, args: { documentId: string }) {
              const definitions = getService(strapi, 'definitions');
              const form = await definitions.publish(args.documentId).catch((error) => {
                throw toFormsHttpError(strapi, error);
              });
              return strapi.documents(FORMS.form).findOne({ documentId: form.documentId });
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
