import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { GrantsQueue, GrantsTrends, MonthFigure } from '../shared/contracts/dashboard';
import { GRANTS } from '../uids';
import { cmsService } from '../utils';

type Where = Record<string, unknown>;
type QueryUid = Parameters<Core.Strapi['db']['query']>[0];
type DocumentUid = Parameters<Core.Strapi['documents']>[0];

/** Rounds whose applications the dashboard charts: those not yet closed (or still drafts). */
const CURRENT_ROUNDS = ['open', 'reviewing', 'awarding'];
const MONTHS = 12;

/**
 * What waits for the foundation and its reviewers, and how money moved month by month — read
 * only, always within the viewer's area (the cms kit's scope): counts through the Document
 * Service, which the kit narrows; sums by SQL GROUP BY over the records whose parents the kit
 * lets the viewer reach.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const kit = () => cmsService(strapi, 'kit');
  const viewers = () => cmsService(strapi, 'viewer');
  const china = () => cmsService(strapi, 'chinaTime');
  const q = (uid: string) => strapi.db.query(uid as QueryUid);
  const knex = (): Knex => strapi.db.connection;
  const count = (uid: string, filters: Where) =>
    strapi.documents(uid as DocumentUid).count({ filters } as never);

  /** The ids of a content type's records the viewer may reach that also match `where`. */
  async function reachable(uid: string, where: Where = {}): Promise<number[]> {
    const inScope = kit().scopeFilter(uid, await viewers().current());
    const rows: { id: number }[] = await q(uid).findMany({
      where: inScope ? { $and: [inScope, where] } : where,
      select: ['id'],
    });
    return rows.map((r) => r.id);
  }

  /** A manyToOne relation's link table, as Strapi's metadata names it. */
  function link(uid: string, field: string) {
    const attribute = strapi.db.metadata.get(uid).attributes[field] as unknown as {
      joinTable: {
        name: string;
        joinColumn: { name: string };
        inverseJoinColumn: { name: string };
      };
    };
    const { name, joinColumn, inverseJoinColumn } = attribute.joinTable;
    return { table: name, own: joinColumn.name, target: inverseJoinColumn.name };
  }
  const table = (uid: string) => strapi.db.metadata.get(uid).tableName;
  const column = (uid: string, field: string): string => {
    const attribute = strapi.db.metadata.get(uid).attributes[field] as { columnName?: string };
    return attribute.columnName ?? field;
  };

  /** The last twelve calendar months in China, oldest first, as half-open instants. */
  function lastMonths(): { month: string; start: Date; end: Date }[] {
    const months = [];
    let day = china().todayInChina();
    for (let i = 0; i < MONTHS; i++) {
      const { start, end } = china().chinaPeriod('month', day);
      const first = china().chinaDate(start);
      months.unshift({ month: first.slice(0, 7), start, end });
      day = china().addDays(first, -1);
    }
    return months;
  }

  /**
   * Σ amount per China month of `column`, for rows of `uid` with `status` whose `parent`
   * relation is one of `parents`: one GROUP BY on a CASE that names each row's month (the
   * boundaries are China's midnights, so SQLite and PostgreSQL agree without time-zone SQL).
   */
  async function byMonth(
    uid: string,
    parent: string,
    parents: number[],
    status: string,
    field: string,
  ): Promise<MonthFigure[]> {
    const months = lastMonths();
    const result = months.map((m) => ({ month: m.month, amount: 0, count: 0 }));
    if (!parents.length) return result;
    const k = knex();
    const l = link(uid, parent);
    const at = `r.${column(uid, field)}`;
    const bucket = months.map((_, i) => `WHEN ${at} >= ? AND ${at} < ? THEN ${i}`).join(' ');
    const bindings = months.flatMap((m) => [m.start, m.end]);
    const rows: { bucket: number | string; total: string | null; n: number | string }[] = await k(
      `${table(uid)} as r`,
    )
      .join(`${l.table} as l`, 'l.' + l.own, 'r.id')
      .whereIn(`l.${l.target}`, parents)
      .where('r.status', status)
      .where(at, '>=', months[0].start)
      .where(at, '<', months[months.length - 1].end)
      .select(
        k.raw(`CASE ${bucket} END AS bucket`, bindings),
        k.raw('CAST(SUM(r.amount) AS TEXT) AS total'),
        k.raw('COUNT(*) AS n'),
      )
      .groupBy('bucket');
    for (const row of rows) {
      const figure = result[Number(row.bucket)];
      if (!figure) continue;
      figure.amount = Number(row.total ?? 0);
      figure.count = Number(row.n);
    }
    return result;
  }

  return {
    /**
     * The grants work queue: for foundation staff what waits in their area; for a reviewer
     * the reviews assigned to them in rounds under review (those they can submit now).
     */
    async queue(userId: number | null): Promise<GrantsQueue> {
      const viewer = await viewers().current();
      const staff = viewer.kind === 'global' || viewer.role === 'foundation-staff';
      const mine =
        userId === null
          ? 0
          : await q(GRANTS.review).count({
              where: {
                reviewer: { id: userId },
                status: 'assigned',
                application: { round: { status: 'reviewing' } },
              },
            });
      if (!staff) return { reviewsToScore: mine };
      const [
        pledges,
        applicationsToAssign,
        applicationsUnderReview,
        tranchesToApprove,
        tranchesToPay,
        reportsToAccept,
      ] = await Promise.all([
        count(GRANTS.donation, { status: 'pledged' }),
        count(GRANTS.application, { status: 'submitted' }),
        count(GRANTS.application, { status: 'under_review' }),
        count(GRANTS.disbursement, { status: 'scheduled' }),
        count(GRANTS.disbursement, { status: 'approved' }),
        count(GRANTS.report, { status: 'submitted' }),
      ]);
      return {
        reviewsToScore: mine,
        pledges,
        applicationsToAssign,
        applicationsUnderReview,
        tranchesToApprove,
        tranchesToPay,
        reportsToAccept,
      };
    },

    /**
     * Donations received (still held: refunded ones are taken out) and tranches paid, by China
     * month over the last twelve; applications by status in the rounds not yet closed.
     */
    async trends(): Promise<GrantsTrends> {
      const [funds, awards, rounds] = await Promise.all([
        reachable(GRANTS.fund),
        reachable(GRANTS.award),
        reachable(GRANTS.round, { status: { $in: CURRENT_ROUNDS } }),
      ]);
      const donations = await byMonth(GRANTS.donation, 'fund', funds, 'received', 'receivedAt');
      const payments = await byMonth(GRANTS.disbursement, 'award', awards, 'paid', 'paidAt');
      const applications: Record<string, number> = {};
      if (rounds.length) {
        const l = link(GRANTS.application, 'round');
        const rows: { status: string; n: number | string }[] = await knex()(
          `${table(GRANTS.application)} as a`,
        )
          .join(`${l.table} as l`, 'l.' + l.own, 'a.id')
          .whereIn(`l.${l.target}`, rounds)
          .select('a.status', knex().raw('COUNT(*) AS n'))
          .groupBy('a.status');
        for (const row of rows) applications[row.status] = Number(row.n);
      }
      return { donations, payments, applications, rounds: rounds.length };
    },
  };
};
