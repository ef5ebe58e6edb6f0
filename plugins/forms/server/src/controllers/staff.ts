import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import { exportOptions } from '../domain/export-file';
import { FORMS, DOCUMENT_ID_PATTERN } from '../uids';
import { toFormsHttpError } from '../services/http-errors';
import { getService } from '../utils';

/**
 * Staff-only REST endpoints the console needs beyond GraphQL: publishing a draft, and the
 * submissions export as a file (CSV or XLSX), each answer under its own version's label.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const definitions = () => getService(strapi, 'definitions');
  const submissionExports = () => getService(strapi, 'submissionExports');

  return {
    async publish(ctx: Context) {
      const form = await definitions()
        .publish(String(ctx.params.id))
        .catch((error) => {
          throw toFormsHttpError(strapi, error);
        });
      ctx.body = { data: form };
    },

    async versions(ctx: Context) {
      const form = await strapi
        .documents(FORMS.form)
        .findOne({ documentId: String(ctx.params.id) });
      if (!form) throw new errors.NotFoundError('Not Found');
      ctx.body = { data: await definitions().versionSummary(form.documentId) };
    },

    /** GET /api/forms/forms/:id/export?format=csv|xlsx&lang=zh|en (&status=…) */
    async export(ctx: Context) {
      const id = String(ctx.params.id);
      if (!DOCUMENT_ID_PATTERN.test(id)) throw new errors.NotFoundError('Not Found');
      const file = await submissionExports().submissionsFile(id, exportOptions(ctx.query));
      ctx.set('Content-Disposition', `attachment; filename="${file.fileName}"`);
      ctx.type = file.contentType;
      ctx.body = file.body;
    },
  };
};
