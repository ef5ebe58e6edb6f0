import type { Core } from '@strapi/strapi';
import { appendTimeline } from '../domain/applicant';
import { issue } from '../domain/donations';
import { ROUND_FLOW, rubricIssues } from '../domain/rounds';
import { GRANTS } from '../uids';
import { invalid } from './errors';
import { fen, grantsKit, type Doc } from './shared';

/**
 * A round moves draft → open → reviewing → awarding → closed, one step at a time, each step with
 * what it needs: opening needs a published grant-application form, a rubric and a fund;
 * reviewing puts every submitted application under review.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const kit = grantsKit(strapi);
  const q = (uid: string) => strapi.db.query(uid);

  return {
    async advance(documentId: string, status: unknown) {
      return strapi.db.transaction(async () => {
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
          const problems = [...rubricIssues(before.rubric)];
          if (!before.fund || before.fund.status !== 'active')
            problems.push(issue('fund', 'required', 'choose an active fund', '请选择资金来源基金'));
          if (!before.form || before.form.purpose !== 'grant-application')
            problems.push(
              issue('form', 'required', 'choose a grant-application form', '请选择项目申报表单'),
            );
          else if (!before.form.liveVersion)
            problems.push(
              issue(
                'form',
                'unpublished',
                'publish the application form first',
                '申报表单尚未发布',
              ),
            );
          const clash = before.form
            ? await q(GRANTS.round).findOne({
                where: {
                  form: { id: before.form.id },
                  status: { $in: ['open', 'reviewing', 'awarding'] },
                  id: { $ne: before.id },
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
          if (problems.length) throw invalid(strapi, problems);
        }
        const after = await q(GRANTS.round).update({ where: { id: before.id }, data: { status } });
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
