import type { Core } from '@strapi/strapi';
import { APPLICATION_BINDINGS } from './services/applications';
import { GRANTS } from './uids';
import { formsService, getService } from './utils';

/**
 * The `grant-application` form target: a valid submission to a round's form becomes an
 * application of that round, inside the submission's transaction (both or neither). The forms
 * plugin checks at publish time that the definition has the bound fields, of the right kinds.
 */
export function registerApplicationTarget(strapi: Core.Strapi): void {
  if (!strapi.plugin('forms')) return;
  formsService(strapi, 'targets').register({
    purpose: 'grant-application',
    label: { zh: '微创投项目申报', en: 'Grant application' },
    bindings: APPLICATION_BINDINGS,
    fieldOf: (path: string) => path,
    async onSubmit({ form, data, submission }) {
      const applications = getService(strapi, 'applications');
      const application = await applications.fromSubmission(form, data, submission);
      return {
        uid: GRANTS.application,
        documentId: application.documentId,
        label: data.projectTitle as string,
      };
    },
    async accepting(form) {
      if (await getService(strapi, 'applications').accepting(form)) return null;
      return {
        zh: '本轮微创投当前不接受申报（未开放或已截止）',
        en: 'This grant round is not taking applications now (not open yet, or closed)',
      };
    },
    async statusesOf(receiptCodes: string[]) {
      if (!receiptCodes.length) return {};
      const rows: { receiptCode: string; status: string }[] = await strapi.db
        .query(GRANTS.application)
        .findMany({
          where: { receiptCode: { $in: receiptCodes }, status: { $ne: 'draft' } },
          select: ['receiptCode', 'status'],
        });
      return Object.fromEntries(rows.map((r) => [r.receiptCode, r.status]));
    },
  });
}
