import type { Core } from '@strapi/strapi';
import { registerDocumentMiddleware } from './document-middleware';
import { registerGraphqlExtensions } from './graphql';
import { CMS, USER_UID } from './uids';

/* eslint-disable @typescript-eslint/no-explicit-any -- extending another plugin's schema */

export default ({ strapi }: { strapi: Core.Strapi }) => {
  // Each staff user's scope: an area. Added here (as i18n adds `locale`) so the cms plugin
  // owns it and the app needs no extension folder.
  const user = strapi.contentType(USER_UID as any) as any;
  user.attributes.scope = { type: 'relation', relation: 'manyToOne', target: CMS.area };

  registerDocumentMiddleware(strapi);
  registerGraphqlExtensions(strapi);
};
