import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { errors } from '@strapi/utils';
import { appendTimeline } from '../domain/applicant';
import { issue } from '../domain/donations';
import { LIVE_APPLICATION, scoreIssues, weightedScore, type Criterion } from '../domain/rounds';
import { GRANTS } from '../uids';
import { invalid } from './errors';
import { grantsKit, type Doc } from './shared';
import { cmsService, formsService } from '../utils';

const REVIEWER_ROLES = ['reviewer', 'foundation-staff'];

/** An application's form submission, as far as finding its version goes. */
interface SubmissionRef {
  formKey: string;
  versionNumber: number;
  data?: unknown;
}

/**
 * Reviews: staff assign reviewers to an application; each reviewer either declares a conflict of
 * interest (and is excluded from the application's score) or scores every criterion of the
 * round's rubric and recommends yes / maybe / no. A reviewer sees the others' reviews only after
 * submitting their own. The application's score is the mean of the submitted weighted scores.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const kit = grantsKit(strapi);
  const q = (uid: string) => strapi.db.query(uid);
  const forms = () => formsService(strapi, 'definitions');

  async function own(trx: Knex.Transaction, documentId: string, userId: number) {
    const first = await kit.load(GRANTS.review, documentId, {}, 'assignment');
    await kit.lock(trx, 'grants_reviews', first.id);
    const review = await kit.load(
      GRANTS.review,
      documentId,
      { reviewer: { select: ['id'] }, application: { populate: { round: true } } },
      'assignment',
    );
    // Someone else's review is not there for this user, rather than forbidden.
    if (review.reviewer?.id !== userId) throw new errors.NotFoundError('Not Found');
    if (review.status !== 'assigned')
      throw invalid(strapi, [
        issue(
          'status',
          'already_done',
          `this review is already ${review.status}`,
          '该评审已提交或已回避',
        ),
      ]);
    return review;
  }

  async function rescore(applicationId: number) {
    const submitted: Pick<Doc, 'weightedScore'>[] = await q(GRANTS.review).findMany({
      where: { application: { id: applicationId }, status: 'submitted' },
      select: ['weightedScore'],
    });
    const score = submitted.length
      ? Math.round(
          submitted.reduce((s: number, r) => s + Number(r.weightedScore), 0) / submitted.length,
        )
      : null;
    await q(GRANTS.application).update({
      where: { id: applicationId },
      data: { score, reviewsSubmitted: submitted.length },
    });
  }

  return {
    /** Assigns reviewers (users with the reviewer or foundation-staff role); repeats are ignored. */
    async assign(applicationId: string, reviewerIds: unknown) {
      if (
        !Array.isArray(reviewerIds) ||
        reviewerIds.length === 0 ||
        !reviewerIds.every((v) => Number.isInteger(Number(v)))
      )
        throw invalid(strapi, [
          issue('reviewers', 'required', 'choose at least one reviewer', '请至少选择一位评审专家'),
        ]);
      return strapi.db.transaction(async () => {
        const application = await kit.load(GRANTS.application, applicationId, { round: true });
        if (!LIVE_APPLICATION.includes(application.status))
          throw invalid(strapi, [
            issue(
              'status',
              'not_reviewable',
              `a ${application.status} application is not reviewed`,
              '该申请当前状态不能安排评审',
            ),
          ]);
        if (!['open', 'reviewing'].includes(application.round?.status))
          throw invalid(strapi, [
            issue(
              'round',
              'round_not_reviewing',
              'reviewers are assigned while the round is open or reviewing',
              '只能在申报或评审阶段安排评审',
            ),
          ]);
        const users: Doc[] = await q('plugin::users-permissions.user').findMany({
          where: { id: { $in: reviewerIds.map(Number) } },
          populate: { role: { select: ['type'] } },
        });
        const unfit = reviewerIds.filter(
          (id) =>
            !users.some(
              (u) => u.id === Number(id) && REVIEWER_ROLES.includes(u.role?.type) && !u.blocked,
            ),
        );
        if (unfit.length)
          throw invalid(strapi, [
            issue(
              'reviewers',
              'not_reviewer',
              `not a reviewer: ${unfit.join(', ')}`,
              `以下用户不是评审专家：${unfit.join('、')}`,
            ),
          ]);
        const created = [];
        for (const user of users) {
          const assignmentKey = `${application.documentId}:${user.id}`;
          if (await q(GRANTS.review).findOne({ where: { assignmentKey }, select: ['id'] }))
            continue;
          const review = await kit.create(GRANTS.review, {
            application: application.documentId,
            reviewer: user.id,
            reviewerName: user.username,
            assignmentKey,
            status: 'assigned',
          });
          await kit.record(GRANTS.review, 'create', null, review);
          created.push(review);
        }
        if (application.status === 'submitted') {
          const after = await q(GRANTS.application).update({
            where: { id: application.id },
            data: {
              status: 'under_review',
              timeline: appendTimeline(application.timeline, {
                at: new Date().toISOString(),
                kind: 'status',
                status: 'under_review',
              }),
            },
          });
          await kit.record(GRANTS.application, 'update', application, after);
        }
        return created;
      });
    },

    /** The signed-in reviewer's assignments, with what they need to score. */
    async mine(userId: number) {
      const reviews: Doc[] = await q(GRANTS.review).findMany({
        where: { reviewer: { id: userId } },
        populate: {
          application: {
            populate: {
              round: { select: ['documentId', 'title', 'titleEn', 'rubric', 'status'] },
              submission: true,
            },
          },
        },
        orderBy: { id: 'desc' },
      });
      // The form versions the answers were given on, from the forms plugin, which owns them.
      const submissions: SubmissionRef[] = reviews
        .map((r) => r.application?.submission)
        .filter(Boolean);
      const versions = await forms().versionDefinitions(
        submissions.map((s) => ({ formKey: s.formKey, number: s.versionNumber })),
      );
      const definitionOf = (sub: SubmissionRef | null | undefined) =>
        sub
          ? (versions.find((v) => v.formKey === sub.formKey && v.number === sub.versionNumber)
              ?.definition ?? null)
          : null;
      const kit = cmsService(strapi, 'kit');
      const maskedAnswers = (
        answers: unknown,
        definition: ReturnType<typeof definitionOf>,
      ): unknown =>
        answers === null
          ? null
          : kit.maskAnswers(
              answers,
              (definition?.fields ?? []).flatMap((f) => [f, ...(f.fields ?? [])]),
            );
      return reviews.map((r) => {
        const a = r.application ?? {};
        const sub = a.submission;
        return {
          documentId: r.documentId,
          status: r.status,
          scores: r.scores,
          recommendation: r.recommendation,
          comment: r.comment,
          conflictNote: r.conflictNote,
          weightedScore: r.weightedScore,
          application: {
            documentId: a.documentId,
            organisationName: a.organisationName,
            projectTitle: a.projectTitle,
            requested: Number(a.requested),
            summary: a.summary,
            status: a.status,
            // Reviewers judge the project, not the person: the kit masks contact and ID numbers.
            answers: maskedAnswers(sub?.data ?? null, definitionOf(sub)),
            definition: definitionOf(sub),
          },
          round: a.round,
        };
      });
    },

    async declareConflict(documentId: string, userId: number, note: unknown) {
      if (typeof note !== 'string' || note.trim().length < 2)
        throw invalid(strapi, [
          issue('note', 'required', 'describe the conflict of interest', '请说明利益冲突情况'),
        ]);
      return strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
        const before = await own(trx, documentId, userId);
        const after = await q(GRANTS.review).update({
          where: { id: before.id },
          data: { status: 'conflict', conflictNote: note.trim() },
        });
        await kit.record(GRANTS.review, 'update', before, after);
        return after;
      });
    },

    async submit(
      documentId: string,
      userId: number,
      input: { scores?: unknown; recommendation?: unknown; comment?: unknown },
    ) {
      return strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
        const before = await own(trx, documentId, userId);
        const round = before.application?.round;
        if (round?.status !== 'reviewing')
          throw invalid(strapi, [
            issue(
              'round',
              'round_not_reviewing',
              'scores are given while the round is reviewing',
              '本轮不在评审阶段',
            ),
          ]);
        if (!LIVE_APPLICATION.includes(before.application.status))
          throw invalid(strapi, [
            issue(
              'status',
              'not_reviewable',
              `the application is ${before.application.status}`,
              '该申请已不在评审中',
            ),
          ]);
        const rubric = (round.rubric ?? []) as Criterion[];
        const problems = scoreIssues(rubric, input?.scores, input?.recommendation);
        if (problems.length) throw invalid(strapi, problems);
        // scoreIssues found a whole-number score for every criterion.
        const given = input.scores as Record<string, number>;
        const scores = Object.fromEntries(rubric.map((c) => [c.key, given[c.key]]));
        const after = await q(GRANTS.review).update({
          where: { id: before.id },
          data: {
            status: 'submitted',
            scores,
            recommendation: input.recommendation,
            comment: typeof input.comment === 'string' ? input.comment.trim() : null,
            weightedScore: weightedScore(rubric, scores),
            submittedAt: new Date(),
          },
        });
        await rescore(before.application.id);
        await kit.record(GRANTS.review, 'update', before, after);
        return after;
      });
    },

    /**
     * An application's reviews as this viewer may see them: staff see all; a reviewer assigned to
     * it sees their own, and the others' only once their own is submitted (a reviewer with a
     * conflict sees none of the others).
     */
    async forApplication(applicationId: string, viewer: { userId: number | null; staff: boolean }) {
      // Staff reach the application by area; a reviewer by being assigned to it (checked below).
      const application = await kit.load(
        GRANTS.application,
        applicationId,
        {},
        viewer.staff ? 'area' : 'assignment',
      );
      const reviews: Doc[] = await q(GRANTS.review).findMany({
        where: { application: { id: application.id } },
        populate: { reviewer: { select: ['id', 'username'] } },
        orderBy: { id: 'asc' },
      });
      const shape = (r: Doc, withScores: boolean) => ({
        documentId: r.documentId,
        reviewer: { id: r.reviewer?.id, username: r.reviewer?.username ?? r.reviewerName },
        status: r.status,
        conflictNote: withScores ? r.conflictNote : undefined,
        ...(withScores && {
          scores: r.scores,
          recommendation: r.recommendation,
          comment: r.comment,
          weightedScore: r.weightedScore,
          submittedAt: r.submittedAt,
        }),
      });
      if (viewer.staff) return reviews.map((r) => shape(r, true));
      const mine = reviews.find((r) => r.reviewer?.id === viewer.userId);
      if (!mine) throw new errors.NotFoundError('Not Found');
      const seesOthers = mine.status === 'submitted';
      return reviews
        .filter((r) => r === mine || seesOthers)
        .map((r) => shape(r, r === mine || r.status === 'submitted'));
    },
  };
};
