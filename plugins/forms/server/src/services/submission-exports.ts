import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import {
  EXPORT_CONTENT_TYPES,
  EXPORT_PAGE_SIZE,
  exportFileName,
  exportRow,
  statusLabel,
  type ExportOptions,
} from '../domain/export-file';
import { referencedIds, submissionsTable, type ExportSubmission } from '../domain/export-table';
import type { FormDefinition } from '../domain/fields';
import { FORMS } from '../uids';
import { cmsService, getService } from '../utils';

/** A file to send: its name, its content type, and its content. */
export interface ExportFile {
  fileName: string;
  contentType: string;
  body: string | Buffer;
}

/**
 * A form's submissions as a file (CSV or XLSX), each answer under its own version's label and
 * each referenced record by its name (names only: no personal numbers leave here).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  // The cms directory names the records answers refer to.
  const directory = () => cmsService(strapi, 'directory');
  // Through the Document Service, so the viewer's scope applies to the form and its submissions.
  const documents = (uid: string) => strapi.documents(uid as never);

  async function submissionsOf(formKey: string, status?: string): Promise<ExportSubmission[]> {
    const filters = { formKey, ...(status ? { status } : {}) };
    const rows: ExportSubmission[] = [];
    for (let start = 0; ; start += EXPORT_PAGE_SIZE) {
      const page = (await documents(FORMS.submission).findMany({
        filters,
        sort: 'createdAt:asc',
        start,
        limit: EXPORT_PAGE_SIZE,
      } as never)) as unknown as Parameters<typeof exportRow>[0][];
      rows.push(...page.map(exportRow));
      if (page.length < EXPORT_PAGE_SIZE) break;
    }
    return rows;
  }

  return {
    /** The submissions of the form with this documentId as a file; not found when out of reach. */
    async submissionsFile(formDocumentId: string, options: ExportOptions): Promise<ExportFile> {
      const form = (await documents(FORMS.form).findOne({ documentId: formDocumentId })) as {
        documentId: string;
        slug: string;
        name: string;
      } | null;
      if (!form) throw new errors.NotFoundError('Not Found');
      const { format, lang, status } = options;
      const rows = await submissionsOf(form.documentId, status);
      const versions: { number: number; definition: FormDefinition }[] = await strapi.db
        .query(FORMS.version as never)
        .findMany({ where: { formKey: form.documentId }, select: ['number', 'definition'] });
      const byNumber = new Map(versions.map((v) => [v.number, v.definition]));
      const names = new Map<string, string>();
      for (const [kind, ids] of Object.entries(referencedIds(byNumber, rows))) {
        if (!ids.size) continue;
        const found = await directory().namesOf(kind as 'area' | 'person' | 'organisation', ids);
        for (const [id, name] of found) names.set(id, name);
      }
      const table = submissionsTable(
        byNumber,
        rows,
        lang,
        (s) => statusLabel(s, lang),
        (id) => names.get(id),
      );
      return {
        fileName: exportFileName(form.slug, format),
        contentType: EXPORT_CONTENT_TYPES[format],
        body:
          format === 'xlsx'
            ? await getService(strapi, 'tables').xlsx({ ...table, name: form.name })
            : getService(strapi, 'tables').csv(table),
      };
    },
  };
};
