import type { Core } from '@strapi/strapi';
import { todayInChina } from '../domain/china-time';
import type { Knex } from 'knex';
import { ASSESSED_STAGES } from '../domain/incubation-records';
import { incubationQueueFigures } from '../incubation-queue-sql';
import type { CmsQueue, CmsTrends, QuarterFigure } from '../shared/contracts/dashboard';
import { CMS } from '../uids';
import type kitFactory from './kit';
import type viewerFactory from './viewer';

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
  const kit = () => strapi.plugin('cms').service('kit') as ReturnType<typeof kitFactory>;
  const viewers = () => strapi.plugin('cms').service('viewer') as ReturnType<typeof viewerFactory>;

  /**
   * A subquery of the ids of the incubations `where` selects within the viewer's area: the kit's
   * scope filter made SQL by Strapi's own query builder, so the figures below are counted by the
   * database over every row in reach (a city's tens of thousands), none read into Node. Wrapped:
   * a knex query is a thenable, which an async function would run and answer with its rows.
   */
  async function idsInScope(where: Record<string, unknown>): Promise<{ ids: Knex.QueryBuilder }> {
    const inScope = kit().scopeFilter(CMS.incubation, await viewers().current());
    const ids = strapi.db.entityManager
      .createQueryBuilder(CMS.incubation)
      .init({ where: inScope ? { $and: [inScope, where] } : where, select: ['id'] })
      .getKnexQuery();
    return { ids };
  }

  return {
    /** Incubations waiting for the incubator or the foundation, in the viewer's area. */
    async queue(): Promise<CmsQueue> {
      const today = todayInChina();
      const { ids } = await idsInScope({ stage: { $in: ['applied', ...ASSESSED_STAGES] } });
      const figures = await incubationQueueFigures(
        strapi.db.connection as unknown as Knex,
        strapi.db.dialect.client === 'postgres' ? 'postgres' : 'sqlite',
        strapi.db.metadata.get(CMS.incubation).tableName,
        ids,
        today,
      );
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
      const { ids } = await idsInScope({ stage: 'hatched', hatchedOn: { $gte: from, $lt: to } });
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
