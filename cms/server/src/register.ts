import type { Core, Schema, UID } from '@strapi/strapi';
import { registerDocumentMiddleware } from './document-middleware';
import { registerGraphqlExtensions } from './graphql';
import { PERSONAL_FIELDS } from './domain/mask';
import { STAFF_ROLES } from './domain/scope';
import type kitFactory from './services/kit';
import { CMS, PUBLIC_UIDS, SCOPED_PATH_FIELD, USER_UID } from './uids';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  // Each staff user's scope: an area. Added here (as i18n adds `locale`) so the cms plugin
  // owns it and the app needs no extension folder.
  const user: Schema.ContentType = strapi.contentType(USER_UID as UID.ContentType);
  user.attributes.scope = { type: 'relation', relation: 'manyToOne', target: CMS.area };
  // The unit a user works for (a department, a social organisation): cases assigned or
  // whistled to that organisation are theirs to act on.
  user.attributes.unit = { type: 'relation', relation: 'manyToOne', target: CMS.organisation };
  // The resident a signed-in user is: their household and rooms (a vote by household or owner).
  user.attributes.person = { type: 'relation', relation: 'manyToOne', target: CMS.person };

  // The cms records' part of the kit: each lives under an area; people carry personal data.
  const kit = strapi.plugin('cms').service('kit') as ReturnType<typeof kitFactory>;
  for (const [uid, path] of Object.entries(SCOPED_PATH_FIELD)) {
    kit.declare(uid, {
      // Entries filed under no area (forms serve the whole district) reach staff; the audit
      // service keeps, of those, only the types that belong nowhere or to the viewer's role.
      scope: uid === CMS.auditEntry ? { path, unplacedFor: STAFF_ROLES } : { path },
      publicRead: PUBLIC_UIDS.includes(uid),
      // A worker finds residents by phone; an ID number is shown whole only when asked for,
      // and the asking is audited.
      ...(uid === CMS.person ? { personal: PERSONAL_FIELDS, revealOnly: ['idNumber'] } : {}),
    });
  }

  registerDocumentMiddleware(strapi);
  registerGraphqlExtensions(strapi);
};
