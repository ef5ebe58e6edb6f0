import { factories, type Core } from '@strapi/strapi';
import type auditFactory from '../services/audit';
import { CMS, DOCUMENT_ID_PATTERN } from '../uids';
import { errors } from '@strapi/utils';

/** People's core routes, and the audited reveal of a person's whole ID number. */
export default factories.createCoreController(
  CMS.person as never,
  ({ strapi }: { strapi: Core.Strapi }) => ({
    /** POST /api/cms/people/:id/reveal-id-number — the whole ID number, audited */
    async revealIdNumber(ctx: { params?: { id?: string }; body: unknown }) {
      const id = ctx.params?.id;
      // A malformed id is as unknown as a missing one: the same 404, so nothing is learned.
      if (typeof id !== 'string' || !DOCUMENT_ID_PATTERN.test(id))
        throw new errors.NotFoundError('Not Found');
      const audit = strapi.plugin('cms').service('audit') as ReturnType<typeof auditFactory>;
      const idNumber = await strapi.db.transaction(() => audit.reveal(CMS.person, id, 'idNumber'));
      ctx.body = { data: { idNumber } };
    },
  }),
);
