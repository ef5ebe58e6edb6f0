import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { appendTimeline, WITHDRAWN_BY_APPLICANT } from '../domain/applicant';
import { issue, wholeAmount, yuanText } from '../domain/donations';
import { APPLICATION_FLOW, LIVE_APPLICATION, staffMayMove } from '../domain/rounds';
import { GRANTS } from '../uids';
import { invalid } from './errors';
import { fen, grantsKit, type Doc } from './shared';
import { cmsService } from '../utils';

/** The answers a grant application reads, by field key (shown in the form designer). */
export const APPLICATION_BINDINGS = [
  {
    key: 'organisationName',
    kinds: ['text'],
    required: true,
    label: { zh: '申报组织', en: 'Applicant organisation' },
  },
  {
    key: 'projectTitle',
    kinds: ['text'],
    required: true,
    label: { zh: '项目名称', en: 'Project title' },
  },
  {
    key: 'requestedAmount',
    kinds: ['money'],
    required: true,
    label: { zh: '申请金额', en: 'Amount requested' },
  },
  {
    key: 'creditCode',
    kinds: ['creditCode'],
    required: false,
    label: { zh: '统一社会信用代码', en: 'Credit code' },
  },
  {
    key: 'area',
    kinds: ['area'],
    required: false,
    label: { zh: '服务社区', en: 'Community served' },
  },
  {
    key: 'summary',
    kinds: ['textarea', 'text'],
    required: false,
    label: { zh: '项目简介', en: 'Summary' },
  },
];

/**
 * Applications: made through a round's `grant-application` form (this plugin registers the
 * forms target), moved by staff through the review, withdrawn by the applicant with the receipt
 * code the form gave them. Approval comes only with an award (services/awards.ts).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const kit = grantsKit(strapi);
  const q = (uid: string) => strapi.db.query(uid);
  const directory = () => cmsService(strapi, 'directory');

  /**
   * A round takes an application while it is open (and, for the public form, within its dates;
   * staff may still type in a paper one handed in on the last day) and up to its cap.
   */
  function assertTakesApplication(
    round: Doc | null,
    requested: number,
    path: string,
    checkDates: boolean,
  ): asserts round is Doc {
    const today = cmsService(strapi, 'chinaTime').todayInChina();
    if (
      !round ||
      round.status !== 'open' ||
      (checkDates && (today < round.opensOn || today > round.closesOn))
    )
      throw invalid(strapi, [
        issue(
          'round',
          'round_not_open',
          'the round is not taking applications now',
          '本轮微创投当前不接受申报',
        ),
      ]);
    if (requested > fen(round.cap))
      throw invalid(strapi, [
        issue(
          path,
          'exceeds_cap',
          `at most ${yuanText(fen(round.cap))} per project`,
          `单个项目申请金额不超过 ${yuanText(fen(round.cap))}`,
        ),
      ]);
  }

  async function move(before: Doc, status: string, note: unknown) {
    const said = typeof note === 'string' && note.trim() ? note.trim() : null;
    const after: Doc = await q(GRANTS.application).update({
      where: { id: before.id },
      data: {
        status,
        statusNote: said ?? before.statusNote,
        // The applicant's page tells the story from this (domain/applicant.ts).
        timeline: appendTimeline(before.timeline, {
          at: new Date().toISOString(),
          kind: 'status',
          status,
          note: said,
        }),
        ...(['rejected', 'withdrawn'].includes(status) && { decidedAt: new Date() }),
      },
    });
    await kit.record(GRANTS.application, 'update', before, after);
    return after;
  }

  return {
    /**
     * Whether the round of this form takes applications today (open, between its dates): the
     * public page says so before anyone fills the form in, not only after they submit.
     */
    async accepting(form: { id: number }): Promise<boolean> {
      const round: Doc | null = await q(GRANTS.round).findOne({
        where: { form: { id: form.id }, status: { $ne: 'draft' } },
        orderBy: { id: 'desc' },
      });
      try {
        assertTakesApplication(round, 0, 'requestedAmount', true);
        return true;
      } catch {
        return false;
      }
    },

    /** The forms target's work: inside the submission's transaction. */
    async fromSubmission(
      form: { id: number },
      data: Record<string, unknown>,
      submission: { id: number; documentId: string; receiptCode: string },
    ) {
      const round: Doc | null = await q(GRANTS.round).findOne({
        where: { form: { id: form.id }, status: { $ne: 'draft' } },
        orderBy: { id: 'desc' },
      });
      const requested = Number(data.requestedAmount);
      assertTakesApplication(round, requested, 'requestedAmount', true);
      // The applicant as the cms knows it, by its credit code when it gave one, else by name.
      const organisation = data.creditCode
        ? await directory().organisationByCreditCode(data.creditCode as string)
        : await directory().organisationByName(data.organisationName as string);
      const application = await kit.create(GRANTS.application, {
        round: round.documentId,
        organisation: organisation?.documentId ?? null,
        organisationName: data.organisationName,
        creditCode: data.creditCode ?? null,
        projectTitle: data.projectTitle,
        requested: String(requested),
        summary: data.summary ?? null,
        area: data.area ?? null,
        submission: submission.documentId,
        receiptCode: submission.receiptCode,
        status: 'submitted',
      });
      await kit.record(GRANTS.application, 'create', null, application);
      return application;
    },

    /**
     * An application handed in on paper, typed in by staff as a draft (no form, no receipt
     * code); staff submit it when it is complete, and from there it is reviewed like the others.
     */
    async createDraft(roundId: string, input: Record<string, unknown>) {
      const problems = [];
      for (const [k, zh] of [
        ['organisationName', '请填写申报组织'],
        ['projectTitle', '请填写项目名称'],
      ] as const)
        if (typeof input?.[k] !== 'string' || !(input[k] as string).trim())
          problems.push(issue(k, 'required', 'required', zh));
      const requested = wholeAmount(input?.requested);
      if (requested === null || requested <= 0)
        problems.push(
          issue('requested', 'invalid_amount', 'a positive amount', '申请金额须大于零'),
        );
      if (problems.length) throw invalid(strapi, problems);
      return strapi.db.transaction(async () => {
        const round = await kit.load(GRANTS.round, roundId);
        assertTakesApplication(round, requested as number, 'requested', false);
        const application = await kit.create(GRANTS.application, {
          round: round.documentId,
          // Both checked to be strings above.
          organisationName: (input.organisationName as string).trim(),
          projectTitle: (input.projectTitle as string).trim(),
          requested: String(requested),
          summary: typeof input.summary === 'string' ? input.summary.trim() : null,
          status: 'draft',
        });
        await kit.record(GRANTS.application, 'create', null, application);
        return application;
      });
    },

    /** A staff move along APPLICATION_FLOW (more information asked, back under review, rejected …). */
    async setStatus(documentId: string, status: unknown, note: unknown) {
      return strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
        await kit.lock(
          trx,
          'grants_applications',
          (await kit.load(GRANTS.application, documentId)).id,
        );
        const before = await kit.load(GRANTS.application, documentId, { round: true });
        const allowed = APPLICATION_FLOW[before.status] ?? [];
        if (typeof status !== 'string' || !staffMayMove(before.status, status))
          throw invalid(strapi, [
            issue(
              'status',
              'invalid_transition',
              `a ${before.status} application can go to ${allowed.join(', ') || 'nothing else'}`,
              `当前状态不能改为“${String(status)}”`,
            ),
          ]);
        if (status === 'more_info' && (typeof note !== 'string' || note.trim().length < 2))
          throw invalid(strapi, [
            issue('note', 'required', 'say what information is needed', '请说明需要补充的材料'),
          ]);
        if (status === 'rejected' && (typeof note !== 'string' || note.trim().length < 2))
          throw invalid(strapi, [
            issue('note', 'required', 'give the reason', '请填写不予资助的理由'),
          ]);
        return move(before, status, note);
      });
    },

    /** The applicant withdraws, proving who they are with the form's receipt code. */
    async withdrawByReceipt(receiptCode: unknown) {
      // As the forms plugin prints it: ABCDE-FGHJK, typed in any case, with or without the dash.
      const compact =
        typeof receiptCode === 'string' ? receiptCode.toUpperCase().replace(/[\s-]/g, '') : '';
      const code = compact.length === 10 ? `${compact.slice(0, 5)}-${compact.slice(5)}` : '';
      return strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
        const found: Pick<Doc, 'id'> | null = code
          ? await q(GRANTS.application).findOne({ where: { receiptCode: code }, select: ['id'] })
          : null;
        if (found) await kit.lock(trx, 'grants_applications', found.id);
        const before: Doc | null = found
          ? await q(GRANTS.application).findOne({ where: { id: found.id } })
          : null;
        if (!before)
          throw invalid(strapi, [
            issue(
              'receiptCode',
              'not_found',
              'no application has this receipt code',
              '没有与此回执码对应的申请',
            ),
          ]);
        if (!LIVE_APPLICATION.includes(before.status) && before.status !== 'draft')
          throw invalid(strapi, [
            issue(
              'status',
              'invalid_transition',
              `a ${before.status} application cannot be withdrawn`,
              '该申请已有结果，不能撤回',
            ),
          ]);
        const after = await move(before, 'withdrawn', WITHDRAWN_BY_APPLICANT);
        return { projectTitle: after.projectTitle, status: after.status };
      });
    },
  };
};
