import { randomBytes } from 'crypto';
import type { Core } from '@strapi/strapi';
import { CASES } from '../uids';
import { getService } from '../utils';
import type { CaseRow } from './cases';

/** Another plugin's timer, run by the one sweep (registered by the app: the ledger's expiry …). */
export interface SweepStep {
  name: string;
  /** how often, at most; the sweep itself runs every minute */
  everyMs: number;
  run(now: Date): Promise<unknown>;
}

export interface SweepResult {
  dueSoon: number;
  overdue: number;
  whistlesOverdue: number;
  mailed: number;
  steps: Record<string, unknown>;
}

const BATCH = 500;

/**
 * The one sweep for every timer. Due and warning times are stored with each case, so nothing is
 * lost when a process stops; any number of processes may sweep at once. Each step marks the rows
 * it takes with a conditional UPDATE (`… WHERE sla_status = 'on_time'`) carrying a mark of its
 * own, then reads back only what it marked, and writes the messages and timeline steps in the same
 * transaction: a row is taken by exactly one process, and a process killed mid-step has its
 * transaction rolled back, to be taken again by the next sweep. Time is a parameter (tests pass
 * it; the timer passes the clock's).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const steps: SweepStep[] = [];
  const lastRun = new Map<string, number>();
  const cases = () => strapi.db.query(CASES.case);
  const inbox = () => getService(strapi, 'inbox');
  const caseService = () => getService(strapi, 'cases');
  const system = {
    userId: null,
    role: 'system',
    unitId: null,
    scopePath: '',
    isReporter: false,
    name: '系统',
    global: true,
  };

  const newMark = () => `${Date.now().toString(36)}-${randomBytes(6).toString('hex')}`;

  /**
   * Takes up to BATCH rows matching `where` for this process: the candidates are read outside
   * the transaction (a SQLite transaction that reads before it writes may not upgrade while
   * another process writes), then marked by a conditional update inside it.
   */
  async function take(
    uid: string,
    where: Record<string, unknown>,
    data: Record<string, unknown>,
    then: (rows: CaseRow[]) => Promise<void>,
  ): Promise<number> {
    let total = 0;
    for (;;) {
      const candidates = (await strapi.db.query(uid).findMany({
        where,
        select: ['id'],
        limit: BATCH,
      })) as { id: number }[];
      if (!candidates.length) return total;
      const mark = newMark();
      const taken = await strapi.db.transaction(async () => {
        const updated = await strapi.db.query(uid).updateMany({
          where: { $and: [where, { id: { $in: candidates.map((c) => c.id) } }] },
          data: { ...data, sweepMark: mark },
        });
        if (!updated.count) return 0;
        const rows = (await strapi.db
          .query(uid)
          .findMany({ where: { sweepMark: mark } })) as CaseRow[];
        await then(rows);
        return rows.length;
      });
      total += taken;
      if (candidates.length < BATCH) return total;
    }
  }

  return {
    register(step: SweepStep): void {
      if (!steps.some((s) => s.name === step.name)) steps.push(step);
    },

    /** One pass over every deadline due at `now`. */
    async runOnce(now: Date = getService(strapi, 'clock').now()): Promise<SweepResult> {
      const open = { stateKind: 'open' };
      const dueSoon = await take(
        CASES.case,
        {
          ...open,
          slaStatus: 'on_time',
          $or: [{ warnAt: { $lte: now } }, { stateWarnAt: { $lte: now } }],
        },
        { slaStatus: 'due_soon' },
        async (rows) => {
          for (const row of rows) {
            await inbox().toAssignee(
              row,
              'due_soon',
              `即将超时 ${row.number}：${row.title}`,
              `due_soon:${row.id}:${new Date(row.dueAt ?? row.stateDueAt ?? now).getTime()}`,
            );
          }
        },
      );
      const overdue = await take(
        CASES.case,
        {
          ...open,
          slaStatus: { $in: ['on_time', 'due_soon'] },
          $or: [{ dueAt: { $lte: now } }, { stateDueAt: { $lte: now } }],
        },
        { slaStatus: 'overdue', overdueAt: now, escalatedAt: now },
        async (rows) => {
          for (const row of rows) {
            const key = `${row.id}:${new Date(row.dueAt ?? row.stateDueAt ?? now).getTime()}`;
            await caseService().appendStep(row, system, { action: 'overdue' }, now);
            await inbox().toAssignee(
              row,
              'overdue',
              `已超时 ${row.number}：${row.title}`,
              `overdue:${key}`,
            );
            await inbox().toSupervisors(
              row,
              'escalated',
              `超时上报 ${row.number}：${row.title}`,
              `escalated:${key}`,
            );
          }
        },
      );
      const whistlesOverdue = await take(
        CASES.whistle,
        { state: 'called', overdueAt: { $null: true }, reportDueAt: { $lte: now } },
        { overdueAt: now },
        async (rows) => {
          for (const w of rows as unknown as {
            id: number;
            caseId: number;
            caseNumber: string;
            departmentId: number;
            departmentName: string;
          }[]) {
            const row = (await cases().findOne({ where: { id: w.caseId } })) as CaseRow | null;
            if (!row) continue;
            await inbox().toUnit(
              w.departmentId,
              'overdue',
              row,
              `吹哨报到已超时 ${row.number}`,
              `whistle-overdue:${w.id}`,
            );
            await inbox().toCentre(
              row,
              'overdue',
              `${w.departmentName}未按时报到 ${row.number}`,
              `whistle-overdue-centre:${w.id}`,
            );
          }
        },
      );
      const results: Record<string, unknown> = {};
      for (const step of steps) {
        const last = lastRun.get(step.name) ?? 0;
        if (now.getTime() - last < step.everyMs) continue;
        lastRun.set(step.name, now.getTime());
        try {
          results[step.name] = await step.run(now);
        } catch (error) {
          strapi.log.error(`Sweep step ${step.name} failed: ${String(error)}`);
        }
      }
      const mailed = await inbox().mailPending();
      return { dueSoon, overdue, whistlesOverdue, mailed, steps: results };
    },
  };
};
