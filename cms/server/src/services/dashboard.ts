import type { Core } from '@strapi/strapi';
import { todayInChina } from '../domain/china-time';
import { ASSESSED_STAGES } from '../domain/incubation-records';
import { incubationIdsInScope, incubationQueueFigures } from '../incubation-queue-sql';
import type { CmsQueue, CmsTrends, QuarterFigure } from '../shared/contracts/dashboard';
import { CMS } from '../uids';

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
 * The dashboard's incubation figures, read only and within the viewer's area: the work queue's
 * counts and the hatched-by-quarter trend by SQL over the incubations the kit lets the viewer
 * reach (its scope filter). Dates are China's calendar dates.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  return {
    /** Incubations waiting for the incubator or the foundation, in the viewer's area. */
    async queue(): Promise<CmsQueue> {
      const today = todayInChina();
      const { ids, knex, dialect, table } = await incubationIdsInScope(strapi, {
        stage: { $in: ['applied', ...ASSESSED_STAGES] },
      });
      const figures = await incubationQueueFigures(knex, dialect, table, ids, today);
      return {
        incubationsApplied: figures.applied,
        incubationsAssessing: figures.assessing,
        milestonesOverdue: figures.overdue,
        incubationsDueForAssessment: figures.due,
      };
    },

    /** Incubations hatched in each of the last eight quarters (China's calendar). */
    async trends(): Promise<CmsTrends> {
      const quarters = lastQuarters(todayInChina());
      const result: QuarterFigure[] = quarters.map((q) => ({ quarter: q.quarter, count: 0 }));
      const from = quarters[0].from;
      const to = quarters[quarters.length - 1].to;
      const { ids } = await incubationIdsInScope(strapi, {
        stage: 'hatched',
        hatchedOn: { $gte: from, $lt: to },
      });
      const meta = strapi.db.metadata.get(CMS.incubation);
      const column = (meta.attributes.hatchedOn as { columnName?: string }).columnName;
      const at = column ?? 'hatched_on';
      const k = strapi.db.connection;
      const bucket = quarters.map((_, i) => `WHEN ${at} >= ? AND ${at} < ? THEN ${i}`).join(' ');
      const rows: { bucket: number | string; n: number | string }[] = await k(meta.tableName)
        .whereIn('id', ids)
        .select(
          k.raw(
            `CASE ${bucket} END AS bucket`,
            quarters.flatMap((q) => [q.from, q.to]),
          ),
          k.raw('COUNT(*) AS n'),
        )
        .groupBy('bucket');
      for (const row of rows) {
        const figure = result[Number(row.bucket)];
        if (figure) figure.count += Number(row.n);
      }
      return { hatched: result };
    },
  };
};
