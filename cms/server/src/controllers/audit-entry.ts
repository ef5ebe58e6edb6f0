import { factories, type Core } from '@strapi/strapi';
import type auditFactory from '../services/audit';
import type viewerFactory from '../services/viewer';
import { CMS } from '../uids';

/**
 * The audit log's core find/findOne (scoped and narrowed to readable types by the document
 * middleware), and the record types a viewer may filter it by.
 */
export default factories.createCoreController(
  CMS.auditEntry as never,
  ({ strapi }: { strapi: Core.Strapi }) => ({
    /** GET /api/cms/audit-entries/types — the record types whose entries the viewer may read */
    async types(ctx: { body: unknown }) {
      const audit = strapi.plugin('cms').service('audit') as ReturnType<typeof auditFactory>;
      const viewer = await (
        strapi.plugin('cms').service('viewer') as ReturnType<typeof viewerFactory>
      ).current();
      const types = (await audit.readableTypes(viewer)) ?? audit.auditedTypes();
      ctx.body = { data: [...types].sort() };
    },
  }),
);
