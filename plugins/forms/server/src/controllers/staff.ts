import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import {
  referencedIds,
  submissionsTable,
  toCsv,
  type ExportSubmission,
} from '../domain/export-table';
import type { FormDefinition } from '../domain/fields';
import { toXlsx } from '../domain/xlsx';
import { FORMS, DOCUMENT_ID_PATTERN } from '../uids';
import { toFormsHttpError } from '../services/http-errors';
import { getService } from '../utils';

/* eslint-disable @typescript-eslint/no-explicit-any -- Koa context */

const STATUS_LABELS: Record<string, { zh: string; en: string }> = {
  received: { zh: '已受理', en: 'Received' },
  'in-progress': { zh: '办理中', en: 'In progress' },
  accepted: { zh: '已采纳', en: 'Accepted' },
  rejected: { zh: '未采纳', en: 'Rejected' },
  closed: { zh: '已办结', en: 'Closed' },
};

/**
 * Staff-only REST endpoints the console needs beyond GraphQL: publishing a draft, and the
 * submissions export as a file (CSV or XLSX), each answer under its own version's label.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const definitions = () => getService(strapi, 'definitions');

  return {
    async publish(ctx: any) {
      const form = await definitions()
        .publish(String(ctx.params.id))
        .catch((error) => {
          throw toFormsHttpError(error);
        });
      ctx.body = { data: form };
    },

    async versions(ctx: any) {
      const form = await strapi
        .documents(FORMS.form as any)
        .findOne({ documentId: String(ctx.params.id) });
      if (!form) throw new errors.NotFoundError('Not Found');
      ctx.body = { data: await definitions().versionSummary(form.documentId) };
    },

    /** GET /api/forms/forms/:id/export?format=csv|xlsx&lang=zh|en (&status=…) */
    async export(ctx: any) {
      const id = String(ctx.params.id);
      if (!DOCUMENT_ID_PATTERN.test(id)) throw new errors.NotFoundError('Not Found');
      const form: any = await strapi.documents(FORMS.form as any).findOne({ documentId: id });
      if (!form) throw new errors.NotFoundError('Not Found');
      const lang = ctx.query.lang === 'en' ? 'en' : 'zh';
      const format = ctx.query.format === 'xlsx' ? 'xlsx' : 'csv';
      const filters: any = { formKey: form.documentId };
      if (typeof ctx.query.status === 'string' && ctx.query.status)
        filters.status = ctx.query.status;
      // Through the Document Service, so the viewer's scope applies; page by page.
      const rows: ExportSubmission[] = [];
      for (let start = 0; ; start += 500) {
        const page: any[] = await strapi.documents(FORMS.submission as any).findMany({
          filters,
          sort: 'createdAt:asc',
          start,
          limit: 500,
        } as any);
        rows.push(
          ...page.map((s) => ({
            receiptCode: s.receiptCode,
            versionNumber: s.versionNumber,
            status: s.status,
            createdAt: new Date(s.createdAt).toISOString(),
            submitterName: s.submitterName,
            data: s.data ?? {},
          })),
        );
        if (page.length < 500) break;
      }
      const versions = await strapi.db.query(FORMS.version as any).findMany({
        where: { formKey: form.documentId },
        select: ['number', 'definition'],
      });
      const byNumber = new Map(
        versions.map((v: any) => [v.number as number, v.definition as FormDefinition]),
      );
      // Referenced records by name, not by id (names only: no personal numbers leave here).
      const names = new Map<string, string>();
      for (const [kind, ids] of Object.entries(referencedIds(byNumber, rows))) {
        const list = [...ids];
        for (let i = 0; i < list.length; i += 500) {
          const found = await strapi.db.query(`plugin::cms.${kind}` as any).findMany({
            where: { documentId: { $in: list.slice(i, i + 500) } },
            select: ['documentId', 'name'],
          });
          for (const r of found) names.set(r.documentId, r.name);
        }
      }
      const table = submissionsTable(
        byNumber,
        rows,
        lang,
        (s) => STATUS_LABELS[s]?.[lang] ?? s,
        (id) => names.get(id),
      );
      const name = `${form.slug}-submissions.${format}`;
      ctx.set('Content-Disposition', `attachment; filename="${name}"`);
      if (format === 'xlsx') {
        ctx.type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
        ctx.body = Buffer.from(toXlsx(table, form.name));
      } else {
        ctx.type = 'text/csv; charset=utf-8';
        ctx.body = toCsv(table);
      }
    },
  };
};
