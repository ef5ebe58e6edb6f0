import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Knex } from 'knex';
import {
  answerIssues,
  appendTimeline,
  applicantView,
  canAnswer,
  type ApplicantSummary,
  type ApplicantView,
} from '../domain/applicant';
import { issue } from '../domain/donations';
import { GRANTS } from '../uids';
import { invalid } from './errors';
import { grantsKit, type Doc } from './shared';
import { cmsService, formsService, getService } from '../utils';

/**
 * The applicant's side of an application, reached with the receipt code the round's form gave
 * them (no sign-in): the projection their page reads, their answer to a request for more
 * information, and their withdrawal. The code is the only key; an unknown one is a 404.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const kit = grantsKit(strapi);
  const q = (uid: string) => strapi.db.query(uid);
  const receipts = () => formsService(strapi, 'receipts');

  /** The stored form of a code, or a 400 naming `code` when it cannot be one. */
  function codeOf(code: unknown): string {
    const normalised = receipts().normalise(code);
    if (!normalised)
      throw invalid(strapi, [
        issue(
          'code',
          'invalid_value',
          'a receipt code is ten letters and digits, like ABCDE-FGH23',
          '回执码为 10 位字母和数字，如 ABCDE-FGH23',
        ),
      ]);
    return normalised;
  }

  async function byCode(code: string): Promise<Doc> {
    const row: Doc | null = await q(GRANTS.application).findOne({
      where: { receiptCode: code, status: { $ne: 'draft' } },
    });
    if (!row)
      throw new errors.NotFoundError('No application has this receipt code', {
        code: 'not_found',
        messageZh: '没有与此回执码对应的申请',
      });
    return row;
  }

  async function view(application: Doc): Promise<ApplicantView> {
    const full: Doc = await q(GRANTS.application).findOne({
      where: { id: application.id },
      populate: { round: { select: ['title', 'titleEn'] } },
    });
    const award: Doc | null = await q(GRANTS.award).findOne({
      where: { application: { id: application.id } },
    });
    const tranches: Doc[] = award
      ? await q(GRANTS.disbursement).findMany({
          where: { award: { id: award.id }, status: { $ne: 'cancelled' } },
          orderBy: { number: 'asc' },
        })
      : [];
    const reports: Doc[] = award
      ? await q(GRANTS.report).findMany({
          where: { award: { id: award.id } },
          orderBy: { id: 'asc' },
        })
      : [];
    // The files the applicant sent come back as links that serve them for a while.
    return cmsService(strapi, 'kit').fileLinksIn(
      applicantView({
        application: full as unknown as Parameters<typeof applicantView>[0]['application'],
        round: full.round ?? null,
        award: award as unknown as Parameters<typeof applicantView>[0]['award'],
        tranches: tranches as unknown as Parameters<typeof applicantView>[0]['tranches'],
        reports: reports as unknown as Parameters<typeof applicantView>[0]['reports'],
      }),
    );
  }

  return {
    /** The applicant's page: status, history, question or reason, award and its tranches. */
    async show(code: unknown): Promise<ApplicantView> {
      return view(await byCode(codeOf(code)));
    },

    /**
     * The applicant answers a request for more information with text and files uploaded for
     * this code (POST /api/forms/receipts/:code/files); the application goes back under review
     * and the answer joins its timeline, which staff read on the application's page.
     */
    async answer(code: unknown, input: unknown): Promise<ApplicantView> {
      const normalised = codeOf(code);
      const { issues, text, files: ids } = answerIssues(input);
      if (issues.length) throw invalid(strapi, issues);
      const files = await receipts().laterFiles(normalised, ids);
      if (!files)
        throw invalid(strapi, [
          issue(
            'files',
            'invalid_value',
            'attach only files uploaded for this receipt code',
            '只能附上为此回执码上传的文件',
          ),
        ]);
      const found = await byCode(normalised);
      const after = await strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
        await kit.lock(trx, 'grants_applications', found.id);
        const before: Doc = await q(GRANTS.application).findOne({ where: { id: found.id } });
        if (!canAnswer(before.status))
          throw invalid(strapi, [
            issue(
              'status',
              'invalid_transition',
              'no information has been asked for',
              '目前没有需要补充的材料',
            ),
          ]);
        const at = new Date().toISOString();
        let timeline = appendTimeline(before.timeline, { at, kind: 'answer', text, files });
        timeline = appendTimeline(timeline, { at, kind: 'status', status: 'under_review' });
        const updated: Doc = await q(GRANTS.application).update({
          where: { id: before.id },
          data: { status: 'under_review', timeline },
        });
        await kit.record(GRANTS.application, 'update', before, updated);
        return updated;
      });
      return view(after);
    },

    /**
     * A signed-in applicant's own applications (those they submitted while signed in), for a
     * page that lists them: each opens with its receipt code.
     */
    async mine(userId: number): Promise<ApplicantSummary[]> {
      const codes = await receipts().codesOf(userId);
      if (!codes.length) return [];
      const rows: Doc[] = await q(GRANTS.application).findMany({
        where: { receiptCode: { $in: codes }, status: { $ne: 'draft' } },
        select: ['receiptCode', 'projectTitle', 'status', 'createdAt'],
        populate: { round: { select: ['title', 'titleEn'] } },
        orderBy: { id: 'desc' },
      });
      return rows.map((r) => ({
        receiptCode: r.receiptCode,
        projectTitle: r.projectTitle,
        status: r.status,
        submittedAt: new Date(r.createdAt).toISOString(),
        round: { title: r.round?.title ?? '', titleEn: r.round?.titleEn ?? null },
      }));
    },

    /** The applicant withdraws (while the application is still in the running). */
    async withdraw(code: unknown): Promise<ApplicantView> {
      const normalised = codeOf(code);
      await byCode(normalised);
      await getService(strapi, 'applications').withdrawByReceipt(normalised);
      return view(await byCode(normalised));
    },
  };
};
