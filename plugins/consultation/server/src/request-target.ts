import type { Core } from '@strapi/strapi';
import { TOPIC_KINDS } from './domain/procedure';
import { CONSULTATION } from './uids';
import { formsService, getService } from './utils';

/**
 * The `consultation-request` form target: a resident scans the community's code and submits a
 * consultation need, which becomes a topic (collecting opinions) in the submission's
 * transaction; the receipt code is the topic's, followed on the receipt page.
 */
export function registerRequestTarget(strapi: Core.Strapi): void {
  if (!strapi.plugin('forms')) return;
  formsService(strapi, 'targets').register({
    purpose: 'consultation-request',
    label: { zh: '协商议题征集', en: 'Consultation request' },
    bindings: [
      { key: 'area', kinds: ['area'], required: true, label: { zh: '所在社区', en: 'Community' } },
      { key: 'title', kinds: ['text'], required: true, label: { zh: '议题', en: 'Topic' } },
      {
        key: 'details',
        kinds: ['textarea', 'text'],
        required: false,
        label: { zh: '具体情况', en: 'Details' },
      },
      { key: 'kind', kinds: ['choice'], required: false, label: { zh: '类别', en: 'Kind' } },
      { key: 'name', kinds: ['text'], required: false, label: { zh: '姓名', en: 'Name' } },
      { key: 'phone', kinds: ['mobile'], required: false, label: { zh: '手机号', en: 'Mobile' } },
    ],
    async onSubmit({ data, submission }) {
      const kind =
        typeof data.kind === 'string' && (TOPIC_KINDS as readonly string[]).includes(data.kind)
          ? data.kind
          : 'other';
      const created = await getService(strapi, 'topics').raise(
        {
          title: data.title,
          body: typeof data.details === 'string' ? data.details : '',
          kind,
          area: data.area,
          name: data.name,
          phone: data.phone,
        },
        {
          source: 'resident',
          who: {
            userId: null,
            role: 'system',
            scopePath: '',
            name: '扫码提交',
            global: true,
            staff: true,
          },
          receiptCode: submission.receiptCode,
          submissionId: submission.id,
          raisedByUserId: submission.submitterId ?? null,
        },
      );
      return { uid: CONSULTATION.topic, documentId: created.documentId, label: created.number };
    },
    async statusesOf(codes) {
      const rows = (await strapi.db.query(CONSULTATION.topic).findMany({
        where: { receiptCode: { $in: codes } },
        select: ['receiptCode', 'stage'],
      })) as { receiptCode: string; stage: string }[];
      return Object.fromEntries(rows.map((r) => [r.receiptCode, r.stage]));
    },
  });
}
