import type { Core } from '@strapi/strapi';
import { todayInChina } from '../domain/china-time';
import { dueForAssessment, type DueInput } from '../domain/incubation-records';
import type { CmsQueue, CmsTrends, QuarterFigure } from '../shared/contracts/dashboard';
import { CMS } from '../uids';
import { dbQuery } from '../utils';
import type kitFactory from './kit';
import type viewerFactory from './viewer';

type DocumentUid = Parameters<Core.Strapi['documents']>[0];
type Milestone = { date?: unknown; done?: unknown; status?: unknown };
type Row = DueInput & { milestones?: unknown };

const QUARTERS = 8;

/** The last `n` calendar quarters up to the one holding `today`, oldest first, as dates. */
export function lastQuarters(today: string, n = QUARTERS) {
  const quarters: { quarter: string; from: string; to: string }[] = [];
  let year = Number(today.slice(0, 4));
  let q = Math.floor((Number(today.slice(5, 7)) - 1) / 3);
  for (let i = 0; i < n; i++) {
    const from = `${year}-${String(q * 3 + 1).padStart(2, '0')}-01`;
    const to = q === 3 ? `${year + 1}-01-01` : `${year}-${String(q * 3 + 4).padStart(2, '0')}-01`;
    quarters.unshift({ quarter: `${year}Q${q + 1}`, from, to });
    if (--q < 0) [q, year] = [3, year - 1];
  }
  return quarters;
}

/**
 * The dashboard's incubation figures, read only and within the viewer's area: counts through
 * the Document Service (which the kit narrows), the hatched-by-quarter trend by SQL GROUP BY
 * over the incubations the kit lets the viewer reach. Dates are China's calendar dates.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const kit = () => strapi.plugin('cms').service('kit') as ReturnType<typeof kitFactory>;
  const viewers = () => strapi.plugin('cms').service('viewer') as ReturnType<typeof viewerFactory>;
  const incubations = () => strapi.documents(CMS.incubation as DocumentUid);

  /**
   * Every incubation being assessed or incubated within the viewer's area, with what the queue's
   * figures need: read by SQL in the kit's scope (as trends below), in pages of 5,000 by id, so
   * a city's tens of thousands are all counted (the Document Service read of one page of 10,000
   * stopped there, and masked each row for nothing: incubations carry no personal data).
   */
  async function assessedInScope(): Promise<Row[]> {
    const inScope = kit().scopeFilter(CMS.incubation, await viewers().current());
    const rows: Row[] = [];
    for (let after = 0; ; ) {
      const where = { stage: { $in: ['assessing', 'incubating'] }, id: { $gt: after } };
      const page: (Row & { id: number })[] = await dbQuery(strapi, CMS.incubation).findMany({
        where: inScope ? { $and: [inScope, where] } : where,
        select: [
          'id',
          'stage',
          'assessments',
          'milestones',
          'appliedOn',
          'assessingOn',
          'incubatingOn',
        ],
        orderBy: { id: 'asc' },
        limit: 5000,
      });
      rows.push(...page);
      if (page.length < 5000) return rows;
      after = page[page.length - 1]!.id;
    }
  }

  return {
    /** Incubations waiting for the incubator or the foundation, in the viewer's area. */
    async queue(): Promise<CmsQueue> {
      const today = todayInChina();
      const [incubationsApplied, incubationsAssessing, assessed] = await Promise.all([
        incubations().count({ filters: { stage: 'applied' } } as never),
        incubations().count({ filters: { stage: 'assessing' } } as never),
        assessedInScope(),
      ]);
      const incubating = assessed.filter((row) => row.stage === 'incubating');
      const incubationsDueForAssessment = assessed.filter((row) =>
        dueForAssessment(row, today),
      ).length;
      // Milestones are a JSON list on the record: counted here, on the server, never in the browser.
      const milestonesOverdue = incubating.filter(
        (row) =>
          Array.isArray(row.milestones) &&
          (row.milestones as Milestone[]).some(
            (m) =>
              !m.done &&
              m.status !== 'achieved' &&
              m.status !== 'missed' &&
              typeof m.date === 'string' &&
              m.date < today,
          ),
      ).length;
      return {
        incubationsApplied,
        incubationsAssessing,
        milestonesOverdue,
        incubationsDueForAssessment,
      };
    },

    /** Incubations hatched in each of the last eight quarters (China's calendar). */
    async trends(): Promise<CmsTrends> {
      const quarters = lastQuarters(todayInChina());
      const result: QuarterFigure[] = quarters.map((q) => ({ quarter: q.quarter, count: 0 }));
      const from = quarters[0].from;
      const to = quarters[quarters.length - 1].to;
      const inScope = kit().scopeFilter(CMS.incubation, await viewers().current());
      const where = { stage: 'hatched', hatchedOn: { $gte: from, $lt: to } };
      const ids: { id: number }[] = await dbQuery(strapi, CMS.incubation).findMany({
        where: inScope ? { $and: [inScope, where] } : where,
        select: ['id'],
      });
      if (!ids.length) return { hatched: result };
      const meta = strapi.db.metadata.get(CMS.incubation);
      const column = (meta.attributes.hatchedOn as { columnName?: string }).columnName;
      const at = column ?? 'hatched_on';
      const k = strapi.db.connection;
      const bucket = quarters.map((_, i) => `WHEN ${at} >= ? AND ${at} < ? THEN ${i}`).join(' ');
      const rows: { bucket: number | string; n: number | string }[] = [];
      // In slices, so a district's thousands of ids stay within SQLite's bound-parameter limit.
      for (let i = 0; i < ids.length; i += 5000) {
        rows.push(
          ...(await k(meta.tableName)
            .whereIn(
              'id',
              ids.slice(i, i + 5000).map((r) => r.id),
            )
            .select(
              k.raw(
                `CASE ${bucket} END AS bucket`,
                quarters.flatMap((q) => [q.from, q.to]),
              ),
              k.raw('COUNT(*) AS n'),
            )
            .groupBy('bucket')),
        );
      }
      for (const row of rows) {
        const figure = result[Number(row.bucket)];
        if (figure) figure.count += Number(row.n);
      }
      return { hatched: result };
    },
  };
};
