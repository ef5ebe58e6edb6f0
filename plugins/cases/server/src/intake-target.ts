import type { Core } from '@strapi/strapi';
import { CASES } from './uids';
import { formsService, getService } from './utils';

/** The words a QR request is titled with when it has no title field: its first words. */
const titleOf = (data: Record<string, unknown>): string => {
  const given = [data.title, data.details, data.description].find(
    (v): v is string => typeof v === 'string' && v.trim() !== '',
  );
  const text = (given ?? '居民诉求').trim().replace(/\s+/g, ' ');
  return [...text].length > 40 ? `${[...text].slice(0, 40).join('')}…` : text;
};

/**
 * The `case-intake` form target: a valid submission of a form that a case type names as its
 * intake form becomes a case of that type, inside the submission's transaction — numbered,
 * placed in the community the resident chose, dispatched by the type's rules. The submission's
 * receipt code is the case's, so the resident follows it on the receipt page.
 */
export function registerIntakeTarget(strapi: Core.Strapi): void {
  if (!strapi.plugin('forms')) return;
  const typeFor = async (slug: string) =>
    (await strapi.db.query(CASES.caseType).findOne({
      where: { intakeForm: slug, active: true, currentVersion: { $gt: 0 } },
      select: ['key'],
    })) as { key: string } | null;

  formsService(strapi, 'targets').register({
    purpose: 'case-intake',
    label: { zh: '事项受理', en: 'Case intake' },
    bindings: [
      { key: 'area', kinds: ['area'], required: true, label: { zh: '所在社区', en: 'Community' } },
      {
        key: 'details',
        kinds: ['textarea', 'text'],
        required: true,
        label: { zh: '问题描述', en: 'What is the problem' },
      },
      {
        key: 'category',
        kinds: ['choice'],
        required: false,
        label: { zh: '事项类别', en: 'Category' },
      },
      { key: 'name', kinds: ['text'], required: false, label: { zh: '姓名', en: 'Name' } },
      { key: 'phone', kinds: ['mobile'], required: false, label: { zh: '手机号', en: 'Mobile' } },
      { key: 'photos', kinds: ['file'], required: false, label: { zh: '现场照片', en: 'Photos' } },
    ],
    async accepting(form) {
      return (await typeFor((form as { slug: string }).slug))
        ? null
        : {
            zh: '此表单尚未关联事项类型，暂不受理',
            en: 'This form is not connected to a case type yet',
          };
    },
    async onSubmit({ form, data, submission }) {
      const type = await typeFor((form as { slug: string }).slug);
      if (!type) throw new Error('case-intake: no case type takes this form');
      const def = await getService(strapi, 'types').published(type.key);
      const categories = new Set(def.definition.categories.map((c) => c.key));
      const category =
        typeof data.category === 'string' && categories.has(data.category) ? data.category : null;
      const photos = Array.isArray(data.photos)
        ? (data.photos as unknown[])
            .map((p) => (typeof p === 'object' && p ? (p as { id?: unknown }).id : p))
            .filter((id): id is number => Number.isSafeInteger(id))
        : [];
      const details = typeof data.details === 'string' ? data.details : '';
      const other = typeof data.otherCategory === 'string' ? `（${data.otherCategory}）` : '';
      const user = submission.submitterId ?? null;
      const created = await getService(strapi, 'cases').intake(
        {
          type: type.key,
          title: titleOf(data),
          description: `${details}${other}${data.urgent === true ? '\n【紧急】' : ''}`,
          category,
          area: data.area,
          address: typeof data.address === 'string' ? data.address : undefined,
          reporterName: typeof data.name === 'string' ? data.name : undefined,
          reporterPhone: typeof data.phone === 'string' ? data.phone : undefined,
        },
        {
          channel: 'qr',
          who: {
            userId: null,
            role: 'system',
            unitId: null,
            scopePath: '',
            isReporter: false,
            name: '扫码提交',
            global: true,
          },
          receiptCode: submission.receiptCode,
          submissionId: submission.documentId,
          reporterUserId: user,
          attachments: photos,
        },
      );
      return { uid: CASES.case, documentId: created.documentId, label: created.number };
    },
    statusesOf(codes) {
      return getService(strapi, 'receipts').statuses(codes);
    },
  });
}
