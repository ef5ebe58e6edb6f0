import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { issue, yuanText, wholeAmount } from '../domain/donations';
import {
  LIVE_APPLICATION,
  awardAmountIssues,
  trancheIssues,
  type TrancheInput,
} from '../domain/rounds';
import { GRANTS, WORLD_GRANTEES, fundAccount } from '../uids';
import { fromLedger, invalid } from './errors';
import { fen, grantsKit, refusedBy, type Doc } from './shared';
import { getService } from '../utils';

/**
 * Awards and what follows them, with the money in the ledger:
 * - an award moves its amount from the fund's `available` account to its `committed` account —
 *   the ledger refuses it when the fund has not that much available, so two staff awarding the
 *   last yuan at once cannot both succeed; the round's `awarded` total is raised in the same
 *   transaction (a CHECK keeps it within the budget);
 * - approving a tranche reserves it (a pending transfer from `committed` to the grantees), paying
 *   posts the reservation, cancelling voids it; the award's `approved` and `paid` totals are kept
 *   by atomic updates under a CHECK (paid ≤ approved ≤ amount − returned);
 * - an accepted final report closes the award and moves what was not paid back to `available`.
 */
/** A tranche as a client sends it, before trancheIssues has checked it. */
type TrancheRequest = { [K in keyof TrancheInput]?: unknown };

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const kit = grantsKit(strapi);
  const funds = () => getService(strapi, 'funds');
  const q = (uid: string) => strapi.db.query(uid);

  async function ledgerCall<T>(call: () => Promise<T>, path = 'amount'): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw fromLedger(strapi, error, path);
    }
  }

  /** An award, locked and read after the lock. */
  async function loadAward(trx: Knex.Transaction, documentId: string) {
    const first = await kit.load(GRANTS.award, documentId);
    await kit.lock(trx, 'grants_awards', first.id);
    return kit.load(GRANTS.award, documentId, { fund: true, round: true, application: true });
  }

  /** A tranche and its award, both locked (award first) and read after the locks. */
  async function loadTranche(trx: Knex.Transaction, documentId: string) {
    const first = await kit.load(GRANTS.disbursement, documentId, { award: { select: ['id'] } });
    if (first.award) await kit.lock(trx, 'grants_awards', first.award.id);
    await kit.lock(trx, 'grants_disbursements', first.id);
    const t = await kit.load(GRANTS.disbursement, documentId, {
      award: { populate: { fund: true } },
    });
    if (!t.award)
      throw invalid(strapi, [
        issue('award', 'not_found', 'the tranche has no award', '该拨付没有对应的立项'),
      ]);
    return t;
  }

  /** The ledger answered with an earlier request's transfer: this one was done already. */
  const alreadyDone = () =>
    invalid(strapi, [
      issue('status', 'already_done', 'this was done already', '该操作已完成，请刷新'),
    ]);

  const activeAward = (award: Doc) => {
    if (award.status !== 'active')
      throw invalid(strapi, [
        issue('award', 'award_closed', 'the award is closed', '该立项已结项'),
      ]);
  };

  async function addToAward(
    trx: Knex.Transaction,
    awardId: number,
    column: 'approved' | 'paid',
    amount: number,
  ) {
    try {
      await trx.raw(`UPDATE grants_awards SET ${column} = ${column} + ? WHERE id = ?`, [
        amount,
        awardId,
      ]);
    } catch (error) {
      if (refusedBy(error, 'grants_awards_within_amount'))
        throw invalid(strapi, [
          issue('amount', 'exceeds_award', 'more than the award holds', '超出立项金额'),
        ]);
      throw error;
    }
  }

  async function createTranches(award: Doc, tranches: TrancheRequest[], first = 1) {
    const created = [];
    for (const [i, t] of tranches.entries()) {
      const number = first + i;
      created.push(
        await kit.create(GRANTS.disbursement, {
          award: award.documentId,
          trancheKey: `${award.documentId}:${number}`,
          number,
          label: t.label ?? `第${number}期`,
          amount: String(wholeAmount(t.amount)),
          dueOn: t.dueOn ?? null,
          status: 'scheduled',
        }),
      );
    }
    return created;
  }

  return {
    /** Approves an application with an award and its tranche plan, committing the money. */
    async award(applicationId: string, input: { amount?: unknown; tranches?: unknown }) {
      const amount = wholeAmount(input?.amount);
      if (amount === null || amount <= 0)
        throw invalid(strapi, [
          issue('amount', 'invalid_amount', 'a positive amount', '立项金额须大于零'),
        ]);
      const planIssues = trancheIssues(amount, input?.tranches);
      if (planIssues.length) throw invalid(strapi, planIssues);
      return strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
        const locked = await kit.load(GRANTS.application, applicationId);
        await kit.lock(trx, 'grants_applications', locked.id);
        const application = await kit.load(GRANTS.application, applicationId, {
          round: { populate: { fund: true } },
        });
        const round = application.round;
        const problems = [];
        if (!LIVE_APPLICATION.includes(application.status))
          problems.push(
            issue(
              'status',
              'not_awardable',
              `a ${application.status} application cannot be awarded`,
              '该申请当前状态不能立项',
            ),
          );
        if (round?.status !== 'awarding')
          problems.push(
            issue(
              'round',
              'round_not_awarding',
              'the round is not awarding',
              '本轮尚未进入立项阶段',
            ),
          );
        problems.push(
          ...awardAmountIssues(amount, {
            cap: fen(round?.cap),
            requested: fen(application.requested),
          }),
        );
        if (!round?.fund || round.fund.status !== 'active')
          problems.push(
            issue('fund', 'fund_closed', 'the round’s fund is closed', '本轮资金来源基金已关闭'),
          );
        if (problems.length) throw invalid(strapi, problems);
        const left = fen(round.budget) - fen(round.awarded);
        if (amount > left)
          throw invalid(strapi, [
            issue(
              'amount',
              'exceeds_budget',
              `the round has ${yuanText(left)} of its budget left`,
              `本轮预算仅余 ${yuanText(left)}`,
            ),
          ]);
        try {
          await trx.raw(
            'UPDATE grants_rounds SET awarded = COALESCE(awarded, 0) + ? WHERE id = ?',
            [amount, round.id],
          );
        } catch (error) {
          if (refusedBy(error, 'grants_rounds_awarded_within_budget'))
            throw invalid(strapi, [
              issue('amount', 'exceeds_budget', 'the round’s budget is spent', '本轮预算已用完'),
            ]);
          throw error;
        }
        await funds().ensureAccounts(round.fund);
        const transfer = await ledgerCall(() =>
          kit.ledger().transfer({
            key: `grants.award:${application.documentId}`,
            debit: fundAccount(round.fund.documentId, 'available'),
            credit: fundAccount(round.fund.documentId, 'committed'),
            amount,
            code: 'award',
            reference: `grants.application:${application.documentId}`,
          }),
        );
        if (transfer.replayed)
          throw invalid(strapi, [
            issue(
              'status',
              'already_awarded',
              'this application already has its award',
              '该申请已立项',
            ),
          ]);
        const award = await kit.create(GRANTS.award, {
          application: application.documentId,
          applicationKey: application.documentId,
          round: round.documentId,
          fund: round.fund.documentId,
          organisationName: application.organisationName,
          projectTitle: application.projectTitle,
          amount: String(amount),
          approved: '0',
          paid: '0',
          returned: '0',
          status: 'active',
          commitTransferId: String(transfer.id),
          awardedAt: new Date(),
        });
        await createTranches(award, input.tranches as TrancheInput[]);
        const after = await q(GRANTS.application).update({
          where: { id: application.id },
          data: { status: 'approved', decidedAt: new Date() },
        });
        await kit.record(GRANTS.application, 'update', application, after);
        await kit.record(GRANTS.award, 'create', null, award);
        return this.show(award.documentId);
      });
    },

    /** An award with its tranches and reports. */
    async show(documentId: string): Promise<Doc & { tranches: Doc[]; reports: Doc[] }> {
      const award = await kit.load(GRANTS.award, documentId, {
        fund: true,
        round: true,
        application: true,
      });
      const tranches = await q(GRANTS.disbursement).findMany({
        where: { award: { id: award.id } },
        orderBy: { number: 'asc' },
      });
      const reports = await q(GRANTS.report).findMany({
        where: { award: { id: award.id } },
        orderBy: { id: 'asc' },
      });
      return { ...award, tranches, reports };
    },

    /** Adds a tranche to an award's plan (e.g. after one was cancelled), within the award. */
    async addTranche(awardId: string, input: TrancheRequest) {
      return strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
        const award = await loadAward(trx, awardId);
        activeAward(award);
        const amount = wholeAmount(input?.amount);
        const problems = trancheIssues(amount ?? 0, [input]);
        if (amount === null || amount <= 0 || problems.some((p) => p.code !== 'plan_mismatch'))
          throw invalid(
            strapi,
            problems.filter((p) => p.code !== 'plan_mismatch'),
          );
        const existing: Doc[] = await q(GRANTS.disbursement).findMany({
          where: { award: { id: award.id } },
        });
        const planned = existing
          .filter((t) => t.status !== 'cancelled')
          .reduce((s: number, t) => s + fen(t.amount), 0);
        if (planned + amount > fen(award.amount))
          throw invalid(strapi, [
            issue(
              'amount',
              'exceeds_award',
              `the plan already holds ${yuanText(planned)} of ${yuanText(fen(award.amount))}`,
              `拨付计划已含 ${yuanText(planned)}，立项金额为 ${yuanText(fen(award.amount))}`,
            ),
          ]);
        const [t] = await createTranches(award, [input], existing.length + 1);
        await kit.record(GRANTS.disbursement, 'create', null, t);
        return t;
      });
    },

    /** scheduled → approved: the tranche's money is reserved for payment. */
    async approveTranche(documentId: string) {
      return strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
        const before = await loadTranche(trx, documentId);
        activeAward(before.award);
        if (before.status !== 'scheduled')
          throw invalid(strapi, [
            issue(
              'status',
              'not_scheduled',
              `a ${before.status} tranche cannot be approved`,
              '只有待拨付的款项可以审批',
            ),
          ]);
        const amount = fen(before.amount);
        await addToAward(trx, before.award.id, 'approved', amount);
        const fund = before.award.fund;
        await kit.ledger().openAccount({
          code: WORLD_GRANTEES,
          unit: 'fen',
          minBalance: null,
          name: 'grants paid out',
        });
        const pending = await ledgerCall(() =>
          kit.ledger().reserve({
            key: `grants.tranche:${documentId}:approve`,
            debit: fundAccount(fund.documentId, 'committed'),
            credit: WORLD_GRANTEES,
            amount,
            code: 'disbursement',
            reference: `grants.disbursement:${documentId}`,
          }),
        );
        if (pending.replayed) throw alreadyDone();
        const after = await q(GRANTS.disbursement).update({
          where: { id: before.id },
          data: {
            status: 'approved',
            approvedAt: new Date(),
            approvedBy: kit.actorName(),
            pendingTransferId: String(pending.id),
          },
        });
        await kit.record(GRANTS.disbursement, 'update', before, after);
        return after;
      });
    },

    /** approved → paid: the reservation is posted; the money has left the foundation. */
    async payTranche(documentId: string) {
      return strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
        const before = await loadTranche(trx, documentId);
        if (before.status !== 'approved')
          throw invalid(strapi, [
            issue(
              'status',
              'not_approved',
              `a ${before.status} tranche cannot be paid`,
              '只有已审批的款项可以支付',
            ),
          ]);
        await addToAward(trx, before.award.id, 'paid', fen(before.amount));
        const posted = await ledgerCall(() =>
          kit
            .ledger()
            .postPending(`grants.tranche:${documentId}:pay`, Number(before.pendingTransferId)),
        );
        if (posted.replayed) throw alreadyDone();
        const after = await q(GRANTS.disbursement).update({
          where: { id: before.id },
          data: { status: 'paid', paidAt: new Date(), paidTransferId: String(posted.id) },
        });
        await kit.record(GRANTS.disbursement, 'update', before, after);
        return after;
      });
    },

    /** scheduled or approved → cancelled: a reservation is voided, the money stays committed. */
    async cancelTranche(documentId: string, note: unknown) {
      return strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
        const before = await loadTranche(trx, documentId);
        if (before.status !== 'scheduled' && before.status !== 'approved')
          throw invalid(strapi, [
            issue(
              'status',
              'not_cancellable',
              `a ${before.status} tranche cannot be cancelled`,
              '已支付或已取消的款项不能取消',
            ),
          ]);
        if (before.status === 'approved') {
          await addToAward(trx, before.award.id, 'approved', -fen(before.amount));
          await ledgerCall(() =>
            kit
              .ledger()
              .voidPending(`grants.tranche:${documentId}:cancel`, Number(before.pendingTransferId)),
          );
        }
        const after = await q(GRANTS.disbursement).update({
          where: { id: before.id },
          data: {
            status: 'cancelled',
            cancelledAt: new Date(),
            note: typeof note === 'string' && note.trim() ? note.trim() : before.note,
          },
        });
        await kit.record(GRANTS.disbursement, 'update', before, after);
        return after;
      });
    },

    /** A progress or final report, recorded by staff for the grantee. */
    async addReport(awardId: string, input: Record<string, unknown>) {
      const problems = [];
      if (!['progress', 'final'].includes(input?.kind as string))
        problems.push(issue('kind', 'required', 'progress or final', '请选择中期报告或结项报告'));
      if (typeof input?.submittedOn !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(input.submittedOn))
        problems.push(
          issue('submittedOn', 'required', 'the date it was handed in', '请填写提交日期'),
        );
      for (const k of ['beneficiaries', 'volunteerMinutes', 'spending']) {
        const v = input?.[k];
        if (v !== undefined && v !== null && v !== '' && wholeAmount(v) === null)
          problems.push(issue(k, 'invalid_value', 'a whole number, not negative', '须为非负整数'));
      }
      if (typeof input?.narrative !== 'string' || input.narrative.trim().length < 10)
        problems.push(
          issue(
            'narrative',
            'required',
            'describe what was done (10 characters or more)',
            '请填写项目执行情况（至少10个字）',
          ),
        );
      if (problems.length) throw invalid(strapi, problems);
      return strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
        const award = await loadAward(trx, awardId);
        activeAward(award);
        const spending = wholeAmount(input.spending);
        if (spending !== null && spending > fen(award.amount))
          throw invalid(strapi, [
            issue('spending', 'exceeds_award', 'more than the award', '支出超过立项金额'),
          ]);
        const report = await kit.create(GRANTS.report, {
          award: award.documentId,
          kind: input.kind,
          submittedOn: input.submittedOn,
          beneficiaries: wholeAmount(input.beneficiaries),
          volunteerMinutes: wholeAmount(input.volunteerMinutes),
          spending: spending === null ? null : String(spending),
          narrative: (input.narrative as string).trim(), // checked above
          status: 'submitted',
        });
        await kit.record(GRANTS.report, 'create', null, report);
        return report;
      });
    },

    /**
     * Accepts or returns a report. Accepting a final report closes the award: scheduled tranches
     * are cancelled and what was not paid goes back to the fund's available account.
     */
    async decideReport(documentId: string, decision: 'accept' | 'return', note: unknown) {
      if (decision === 'return' && (typeof note !== 'string' || note.trim().length < 2))
        throw invalid(strapi, [
          issue('note', 'required', 'say what must be corrected', '请说明退回原因'),
        ]);
      return strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
        // The award first, then the report: the order the tranche actions lock in.
        const first = await kit.load(GRANTS.report, documentId, { award: { select: ['id'] } });
        if (first.award) await kit.lock(trx, 'grants_awards', first.award.id);
        await kit.lock(trx, 'grants_reports', first.id);
        const before = await kit.load(GRANTS.report, documentId, {
          award: { populate: { fund: true } },
        });
        if (before.status !== 'submitted')
          throw invalid(strapi, [
            issue(
              'status',
              'already_decided',
              `the report is already ${before.status}`,
              '该报告已处理',
            ),
          ]);
        const award = before.award;
        activeAward(award);
        if (decision === 'accept' && before.kind === 'final') {
          const tranches: Doc[] = await q(GRANTS.disbursement).findMany({
            where: { award: { id: award.id } },
          });
          if (tranches.some((t) => t.status === 'approved'))
            throw invalid(strapi, [
              issue(
                'tranches',
                'payment_pending',
                'a tranche is approved but not paid: pay or cancel it first',
                '有已审批未支付的拨付，请先支付或取消',
              ),
            ]);
          for (const t of tranches.filter((t) => t.status === 'scheduled')) {
            const after = await q(GRANTS.disbursement).update({
              where: { id: t.id },
              data: {
                status: 'cancelled',
                cancelledAt: new Date(),
                note: '结项取消 closed with the award',
              },
            });
            await kit.record(GRANTS.disbursement, 'update', t, after);
          }
          const unpaid = fen(award.amount) - fen(award.paid);
          let returnTransferId: string | null = null;
          if (unpaid > 0) {
            const back = await ledgerCall(() =>
              kit.ledger().transfer({
                key: `grants.award:${award.documentId}:return`,
                debit: fundAccount(award.fund.documentId, 'committed'),
                credit: fundAccount(award.fund.documentId, 'available'),
                amount: unpaid,
                code: 'award_return',
                reference: `grants.award:${award.documentId}`,
              }),
            );
            returnTransferId = String(back.id);
            await trx.raw('UPDATE grants_awards SET returned = returned + ? WHERE id = ?', [
              unpaid,
              award.id,
            ]);
          }
          const closed = await q(GRANTS.award).update({
            where: { id: award.id },
            data: { status: 'closed', closedAt: new Date(), returnTransferId },
          });
          await kit.record(GRANTS.award, 'update', award, closed);
        }
        const after = await q(GRANTS.report).update({
          where: { id: before.id },
          data: {
            status: decision === 'accept' ? 'accepted' : 'returned',
            decidedAt: new Date(),
            reviewNote: typeof note === 'string' && note.trim() ? note.trim() : null,
          },
        });
        await kit.record(GRANTS.report, 'update', before, after);
        return after;
      });
    },
  };
};
