import type { Core } from '@strapi/strapi';
import { FORM_OWNER_ROLES, registerFormsDocumentMiddleware } from './document-middleware';
import { registerFormsGraphql } from './graphql';
import { CUSTOM_FIELD_UIDS, FORMS } from './uids';
import { cmsService } from './utils';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  // Custom-field values live on the records themselves: a JSON attribute added to each cms
  // content type that custom-field forms may extend (as the cms plugin adds `scope` to users).
  for (const uid of Object.values(CUSTOM_FIELD_UIDS)) {
    const model = strapi.contentType(uid as Parameters<typeof strapi.contentType>[0]);
    model.attributes.customFields = { type: 'json' };
  }
  // A submission belongs where its area answer places it; those naming no place belong to the
  // roles that own forms. The cms kit applies this to every read and write.
  cmsService(strapi, 'kit').declare(FORMS.submission, {
    scope: { path: 'areaPath', unplacedFor: FORM_OWNER_ROLES },
  });
  // Forms and their versions serve everyone in the district; the public reaches a form only
  // through its public page (the public-form routes), never through the lists.
  const everywhere =
    'forms are designed for the whole district; who may submit is each form’s own setting';
  for (const uid of [FORMS.form, FORMS.version])
    cmsService(strapi, 'kit').declare(uid, { scope: { foundationWide: everywhere } });
  registerFormsDocumentMiddleware(strapi);
  registerFormsGraphql(strapi);
};
