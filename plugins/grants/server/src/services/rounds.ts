import type { Core } from '@strapi/strapi';
import { appendTimeline } from '../domain/applicant';
import type { Knex } from 'knex';
import { issue, type Issue } from '../domain/donations';
import {
  ROUND_BACK,
  nextStage,
  reasonIssues,
  stageWarnings,
  undoIssue,
  type StageCounts,
} from '../domain/round-stages';
import { LIVE_APPLICATION, ROUND_FLOW, rubricIssues } from '../domain/rounds';
import { GRANTS } from '../uids';
import { cmsService } from '../utils';
import { invalid } from './errors';
import { fen, grantsKit, type Doc } from './shared';

/**
 * A round moves draft → open → reviewing → awarding → closed, one step at a time, each step with
 * what it needs: opening needs a published grant-application form, a rubric and a fund;
 * reviewing puts every submitted application under review. A step that skips work (review before
 * the closing date, awarding with unreviewed applications, closing with live ones) needs a reason,
 * kept on the round and so in its audit entry (domain/round-stages.ts); the last step forward may
 * be undone the same China day while nothing depends on it yet.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const kit = grantsKit(strapi);
  const q = (uid: string) => strapi.db.query(uid);
  const chinaTime = () => cmsService(strapi, 'chinaTime');

  /** What opening needs: a rubric, an active fund, a published grant-application form of its own. */
  async function openingProblems(round: Doc): Promise<Issue[]> {
    const problems = [...rubricIssues(round.rubric)];
    if (!round.fund || round.fund.status !== 'active')
      problems.push(issue('fund', 'required', 'choose an active fund', '请选择资金来源基金'));
    if (!round.form || round.form.purpose !== 'grant-application')
      problems.push(
        issue('form', 'required', 'choose a grant-application form', '请选择项目申报表单'),
      );
    else if (!round.form.liveVersion)
      problems.push(
        issue('form', 'unpublished', 'publish the application form first', '申报表单尚未发布'),
      );
    const clash = round.form
      ? await q(GRANTS.round).findOne({
          where: {
            form: { id: round.form.id },
            status: { $in: ['open', 'reviewing', 'awarding'] },
            id: { $ne: round.id },
          },
          select: ['title'],
        })
      : null;
    if (clash)
      problems.push(
        issue(
          'form',
          'form_in_use',
          `the form is taking applications for “${clash.title}”`,
          `该表单正用于“${clash.title}”`,
        ),
      );
    return problems;
  }

  /** The ids of the round's applications with at least one submitted review. */
  async function reviewedApplicationIds(roundId: number): Promise<Set<number>> {
    const submitted: Doc[] = await q(GRANTS.review).findMany({
      where: { application: { round: { id: roundId } }, status: 'submitted' },
      select: ['id'],
      populate: { application: { select: ['id'] } },
    });
    return new Set(submitted.map((r) => r.application?.id as number));
  }

  async function countApplications(roundId: number): Promise<StageCounts> {
    const all: Doc[] = await q(GRANTS.application).findMany({
      where: { round: { id: roundId } },
      select: ['id', 'status'],
    });
    const reviewed = await reviewedApplicationIds(roundId);
    const counts: StageCounts = {
      draft: 0,
      submitted: 0,
      under_review: 0,
      more_info: 0,
      approved: 0,
      rejected: 0,
      withdrawn: 0,
      unreviewed: 0,
    };
    for (const a of all) {
      if (a.status in counts) counts[a.status as keyof StageCounts] += 1;
      if (LIVE_APPLICATION.includes(a.status) && !reviewed.has(a.id)) counts.unreviewed += 1;
    }
    return counts;
  }

  const countAwards = (roundId: number): Promise<number> =>
    q(GRANTS.award).count({ where: { round: { id: roundId } } });

  /** Why the round's last step cannot be undone now (null: it can). */
  async function undoBlock(round: Doc): Promise<Issue | null> {
    const changedAt = round.stageChangedAt ? new Date(round.stageChangedAt) : null;
    const reviewsSince =
      changedAt && round.status === 'reviewing'
        ? await q(GRANTS.review).count({
            where: {
              application: { round: { id: round.id } },
              status: 'submitted',
              submittedAt: { $gte: changedAt },
            },
          })
        : 0;
    return undoIssue(
      {
        status: round.status,
        stageMove: round.stageMove,
        movedOn: changedAt ? chinaTime().chinaDate(changedAt) : null,
        reviewsSince,
        awards: round.status === 'awarding' ? await countAwards(round.id) : 0,
      },
      chinaTime().todayInChina(),
    );
  }

  return {
    /** What the next step would do, and whether the last one can be undone: the confirm dialog. */
    async preview(documentId: string) {
      const round = await kit.load(GRANTS.round, documentId, { fund: true, form: true });
      const next = nextStage(round.status);
      const counts = await countApplications(round.id);
      const today = chinaTime().todayInChina();
      const warnings = stageWarnings(next, counts, round.closesOn, today);
      const undoBlocked = await undoBlock(round);
      return {
        status: round.status as string,
        next,
        today,
        closesOn: (round.closesOn as string | null) ?? null,
        closingReached: !round.closesOn || today >= round.closesOn,
        counts,
        awards: await countAwards(round.id),
        warnings,
        reasonRequired: warnings.length > 0,
        problems: next === 'open' ? await openingProblems(round) : [],
        undo: {
          possible: undoBlocked === null,
          to: ROUND_BACK[round.status] ?? null,
          // The field the refusal names: a person reads the message without it.
          path: undoBlocked?.path ?? null,
          message: undoBlocked?.message ?? null,
          messageZh: undoBlocked?.messageZh ?? null,
          reason: (round.stageReason as string | null) ?? null,
        },
      };
    },

    async advance(documentId: string, status: unknown, reason?: unknown) {
      return strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
        const locked = await kit.load(GRANTS.round, documentId);
        // Two clicks (or two people) on "next stage" take turns: the second sees the first's move.
        await kit.lock(trx, 'grants_rounds', locked.id);
        const before = await kit.load(GRANTS.round, documentId, { fund: true, form: true });
        const next = ROUND_FLOW[before.status] ?? [];
        if (typeof status !== 'string' || !next.includes(status))
          throw invalid(strapi, [
            issue(
              'status',
              'invalid_transition',
              `a ${before.status} round goes next to ${next.join(', ') || 'nothing'}`,
              `当前阶段之后只能进入：${next.join('、') || '无'}`,
            ),
          ]);
        if (status === 'open') {
          const problems = await openingProblems(before);
          if (problems.length) throw invalid(strapi, problems);
        }
        const counts = await countApplications(before.id);
        const warnings = stageWarnings(status, counts, before.closesOn, chinaTime().todayInChina());
        const refused = reasonIssues(reason, warnings);
        if (refused.length) throw invalid(strapi, refused);
        const after = await q(GRANTS.round).update({
          where: { id: before.id },
          data: {
            status,
            stageChangedAt: new Date(),
            stageMove: 'advance',
            stageReason: typeof reason === 'string' && reason.trim() ? reason.trim() : null,
          },
        });
        if (status === 'reviewing') {
          const waiting = await q(GRANTS.application).findMany({
            where: { round: { id: before.id }, status: 'submitted' },
          });
          for (const a of waiting) {
            const moved = await q(GRANTS.application).update({
              where: { id: a.id },
              data: {
                status: 'under_review',
                timeline: appendTimeline(a.timeline, {
                  at: new Date().toISOString(),
                  kind: 'status',
                  status: 'under_review',
                }),
              },
            });
            await kit.record(GRANTS.application, 'update', a, moved);
          }
        }
        await kit.record(GRANTS.round, 'update', before, after);
        return after;
      });
    },

    /**
     * Moves a round back one stage: the last step forward, the same China day, before anything
     * depends on it (no review submitted since review started, no award made). Applications keep
     * their status: one under review may wait in an open round (assigning reviewers puts it there
     * too), and the next start of review takes the rest.
     */
    async undo(documentId: string, reason?: unknown) {
      return strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
        const locked = await kit.load(GRANTS.round, documentId);
        await kit.lock(trx, 'grants_rounds', locked.id);
        const before = await kit.load(GRANTS.round, documentId);
        const blocked = await undoBlock(before);
        if (blocked) throw invalid(strapi, [blocked]);
        const refused = reasonIssues(reason, []);
        if (refused.length) throw invalid(strapi, refused);
        const back = ROUND_BACK[before.status];
        const after = await q(GRANTS.round).update({
          where: { id: before.id },
          data: {
            status: back,
            stageChangedAt: new Date(),
            stageMove: 'undo',
            stageReason: typeof reason === 'string' && reason.trim() ? reason.trim() : null,
          },
        });
        await kit.record(GRANTS.round, 'update', before, after);
        return after;
      });
    },

    /** The round's applications by mean weighted score, best first; unscored ones last. */
    async ranking(documentId: string) {
      const round = await kit.load(GRANTS.round, documentId);
      const applications: Doc[] = await q(GRANTS.application).findMany({
        where: { round: { id: round.id }, status: { $notIn: ['draft', 'withdrawn'] } },
      });
      const reviews: Doc[] = await q(GRANTS.review).findMany({
        where: { application: { round: { id: round.id } } },
        select: ['status', 'recommendation'],
        populate: { application: { select: ['id'] } },
      });
      const awards: Doc[] = await q(GRANTS.award).findMany({
        where: { round: { id: round.id } },
        select: ['documentId', 'amount', 'paid', 'status'],
        populate: { application: { select: ['id'] } },
      });
      const rows = applications.map((a) => {
        const mine = reviews.filter((r) => r.application?.id === a.id);
        const award = awards.find((w) => w.application?.id === a.id);
        return {
          documentId: a.documentId,
          organisationName: a.organisationName,
          projectTitle: a.projectTitle,
          requested: fen(a.requested),
          status: a.status,
          score: a.score ?? null,
          reviews: {
            assigned: mine.length,
            submitted: mine.filter((r) => r.status === 'submitted').length,
            conflicts: mine.filter((r) => r.status === 'conflict').length,
            yes: mine.filter((r) => r.recommendation === 'yes').length,
            maybe: mine.filter((r) => r.recommendation === 'maybe').length,
            no: mine.filter((r) => r.recommendation === 'no').length,
          },
          award: award
            ? {
                documentId: award.documentId,
                amount: fen(award.amount),
                paid: fen(award.paid),
                status: award.status,
              }
            : null,
        };
      });
      rows.sort((x, y) => (y.score ?? -1) - (x.score ?? -1) || x.requested - y.requested);
      return {
        round: {
          documentId: round.documentId,
          title: round.title,
          budget: fen(round.budget),
          awarded: fen(round.awarded),
          cap: fen(round.cap),
          status: round.status,
          rubric: round.rubric,
        },
        rows: rows.map((r, i) => ({ rank: r.score === null ? null : i + 1, ...r })),
      };
    },
  };
};
