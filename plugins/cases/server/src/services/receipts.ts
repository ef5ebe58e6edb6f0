import type { Core } from '@strapi/strapi';
import type { CaseTypeDefinition } from '../domain/types';
import type { ReceiptView } from '../shared/contracts/cases';
import { CASES } from '../uids';
import { getService } from '../utils';
import { PUBLIC_STEPS, stepLabel, type Actor, type CaseRow } from './cases';
import { casesKit } from './kit';

type Row = Record<string, unknown>;

const DAY_MS = 86_400_000;
const CODE = /^[A-Za-z0-9-]{4,24}$/;

/**
 * The resident's side of a case, opened by its receipt code (on /f/receipt/<code>): the status,
 * the reply and the due date; a satisfaction rating once it is resolved; reopening within the
 * type's days when they are not satisfied. The code is the only key, so the controller counts
 * look-ups per client like the forms receipt does.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const kit = casesKit(strapi);
  const cases = () => getService(strapi, 'cases');
  const clock = () => getService(strapi, 'clock');

  async function byCode(code: unknown): Promise<CaseRow> {
    if (typeof code !== 'string' || !CODE.test(code)) kit.notFound();
    const row = (await strapi.db
      .query(CASES.case)
      .findOne({ where: { receiptCode: (code as string).toUpperCase() } })) as CaseRow | null;
    if (!row) kit.notFound();
    return row as CaseRow;
  }

  const finishedAt = (row: CaseRow) => row.closedAt ?? row.resolvedAt;

  function reopenUntil(row: CaseRow, def: CaseTypeDefinition): Date | null {
    const at = finishedAt(row);
    return at ? new Date(new Date(at).getTime() + def.reopenDays * DAY_MS) : null;
  }

  const reporter = (row: CaseRow): Actor => ({
    userId: row.reporterUserId,
    role: 'resident',
    unitId: null,
    scopePath: null,
    isReporter: true,
    name: row.reporterName ? `反映人 ${[...row.reporterName][0]}**` : '反映人',
    global: false,
  });

  function reopenTransition(row: CaseRow, def: CaseTypeDefinition) {
    return def.workflow.transitions.find(
      (t) => t.effect === 'reopen' && t.from.includes(row.state) && t.by.includes('reporter'),
    );
  }

  async function view(row: CaseRow): Promise<ReceiptView> {
    const def = await cases().definitionOf(row);
    const names = await getService(strapi, 'types').list();
    const type = names.find((t) => t.key === row.typeKey);
    const now = clock().now();
    const done = row.stateKind === 'resolved' || row.stateKind === 'closed';
    const until = reopenUntil(row, def);
    const steps = (await strapi.db.query(CASES.caseStep).findMany({
      where: { caseId: row.id, action: { $in: [...PUBLIC_STEPS] } },
      orderBy: { id: 'asc' },
      select: ['at', 'action', 'note'],
    })) as { at: string; action: string; note: string | null }[];
    return {
      number: row.number,
      typeName: { zh: type?.name ?? row.typeKey, en: type?.nameEn ?? type?.name ?? row.typeKey },
      title: row.title,
      stateLabel: cases().stateOf(def, row.state).label,
      stateKind: row.stateKind,
      dueAt: row.dueAt ? new Date(row.dueAt).toISOString() : null,
      reply: row.reply,
      repliedAt: row.repliedAt ? new Date(row.repliedAt).toISOString() : null,
      satisfaction: row.satisfaction,
      mayRate: done && row.ratedBy !== 'reporter',
      mayReopen:
        done &&
        !!until &&
        until.getTime() >= now.getTime() &&
        !!reopenTransition(row, def) &&
        (row.satisfaction === null || row.satisfaction <= 2),
      reopenUntil: until ? until.toISOString() : null,
      // Only the steps a resident is told of, and only the reply's words (notes stay inside).
      steps: steps.map((s) => ({
        at: new Date(s.at).toISOString(),
        label: stepLabel(s.action),
        note: s.action === 'reply' ? s.note : null,
      })),
    };
  }

  return {
    async show(code: unknown): Promise<ReceiptView> {
      return view(await byCode(code));
    },

    /** The receipt code's status, for the forms receipt list (statusesOf). */
    async statuses(codes: string[]): Promise<Record<string, string>> {
      if (!codes.length) return {};
      const rows = (await strapi.db.query(CASES.case).findMany({
        where: { receiptCode: { $in: codes } },
        select: ['receiptCode', 'typeKey', 'typeVersion', 'state'],
      })) as Pick<CaseRow, 'receiptCode' | 'typeKey' | 'typeVersion' | 'state'>[];
      const out: Record<string, string> = {};
      for (const r of rows) {
        const def = await cases().definitionOf(r);
        out[r.receiptCode] = cases().stateOf(def, r.state).label.zh;
      }
      return out;
    },

    /** The resident rates the handling (1–5) once the case is resolved. */
    async rate(code: unknown, body: Row): Promise<ReceiptView> {
      const found = await byCode(code);
      const satisfaction = Number(body.satisfaction);
      if (!Number.isSafeInteger(satisfaction) || satisfaction < 1 || satisfaction > 5)
        kit.refuse('satisfaction', 'invalid_rating', 'choose 1 to 5 stars', '请选择 1–5 星');
      const note =
        typeof body.note === 'string' && body.note.trim() ? body.note.trim().slice(0, 500) : null;
      const after = await strapi.db.transaction(async ({ trx }) => {
        await kit.lock(trx, 'cases', found.id);
        const row = (await strapi.db
          .query(CASES.case)
          .findOne({ where: { id: found.id } })) as CaseRow;
        if (row.stateKind !== 'resolved' && row.stateKind !== 'closed')
          kit.refuse(
            'satisfaction',
            'invalid_transition',
            'the case is still being handled',
            '事项尚在办理中，办结后再评价',
          );
        if (row.ratedBy === 'reporter')
          kit.refuse(
            'satisfaction',
            'already_rated',
            'you have rated this case already',
            '您已评价过该事项',
          );
        const now = clock().now();
        const next = await cases().write(row, {
          satisfaction,
          satisfactionNote: note,
          ratedAt: now,
          ratedBy: 'reporter',
        });
        await cases().appendStep(
          next,
          reporter(row),
          { action: 'rated', note, data: { satisfaction } },
          now,
        );
        await getService(strapi, 'inbox').toAssignee(
          next,
          'rated',
          `居民评价 ${next.number}：${satisfaction} 星`,
        );
        return next;
      });
      return view(after);
    },

    /** The resident, not satisfied, has the case handled again (within the type's days). */
    async reopen(code: unknown, body: Row): Promise<ReceiptView> {
      const found = await byCode(code);
      const reason = typeof body.reason === 'string' ? body.reason.trim() : '';
      if (!reason || reason.length > 500)
        kit.refuse(
          'reason',
          'note_required',
          'say what is still wrong (at most 500 characters)',
          '请说明仍未解决的问题（不超过 500 字）',
        );
      const after = await strapi.db.transaction(async ({ trx }) => {
        await kit.lock(trx, 'cases', found.id);
        const row = (await strapi.db
          .query(CASES.case)
          .findOne({ where: { id: found.id } })) as CaseRow;
        const def = await cases().definitionOf(row);
        const until = reopenUntil(row, def);
        const now = clock().now();
        if ((row.stateKind !== 'resolved' && row.stateKind !== 'closed') || !until)
          kit.refuse(
            'reason',
            'invalid_transition',
            'the case is still being handled',
            '事项尚在办理中',
          );
        if ((until as Date).getTime() < now.getTime())
          kit.refuse(
            'reason',
            'reopen_window_closed',
            `cases may be reopened within ${def.reopenDays} days of closing`,
            `办结 ${def.reopenDays} 日内方可申请重办`,
          );
        if (row.satisfaction !== null && row.satisfaction > 2)
          kit.refuse(
            'reason',
            'invalid_transition',
            'you rated the handling as satisfactory',
            '您已评价为满意，不能申请重办',
          );
        const transition = reopenTransition(row, def);
        if (!transition)
          kit.refuse(
            'reason',
            'invalid_transition',
            'this case cannot be reopened',
            '该事项不能重办',
          );
        return cases().applyTransition(
          row,
          def,
          reporter(row),
          { transition: transition?.key, note: reason, expectedState: row.state },
          now,
        );
      });
      return view(after);
    },
  };
};
