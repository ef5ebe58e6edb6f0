import type { Core } from '@strapi/strapi';
import { departmentRatings } from '../domain/ratings';
import { bandOf } from '../domain/satisfaction';
import type { Localised, WhistleRules } from '../domain/types';
import type { CasesDashboard, DepartmentRating } from '../shared/contracts/cases';
import { CASES } from '../uids';
import { cmsService, getService } from '../utils';
import { categoryIndex } from './cases';
import { casesKit } from './kit';

type Knex = Core.Strapi['db']['connection'];

const WEEKS = 12;
const DEFAULT_RULES: WhistleRules = {
  reportMinutes: 120,
  actMinutes: 2400,
  points: { onTime: 2, late: -1, perStar: 1 },
  ratingWeightPermille: 333,
};

/**
 * The cases reports: the yearly department ratings (the whistle's report, in which the
 * community's rating weighs one third by default), and the dashboard (received, on time,
 * overdue, satisfaction by category and area, the weekly trend) — each within the viewer's reach.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const kit = casesKit(strapi);
  const knex = (): Knex => strapi.db.connection;
  const china = () => cmsService(strapi, 'chinaTime');

  /** The scope as a condition on a table's area_path column. */
  async function scoped(q: ReturnType<Knex>, alias: string) {
    const who = await kit.who();
    if (who.global) return q;
    if (!who.scopePath) return q.whereRaw('1 = 0');
    return q.where(`${alias}.area_path`, 'like', `${who.scopePath}%`);
  }

  /** The rules of the whistled type (its latest version): the weight and the points. */
  async function whistleRules(): Promise<WhistleRules> {
    const list = await getService(strapi, 'types').list();
    for (const t of list) {
      if (!t.currentVersion) continue;
      const def = await getService(strapi, 'types').definitionOf(t.key, t.currentVersion);
      if (def.whistle) return def.whistle;
    }
    return DEFAULT_RULES;
  }

  return {
    async departments(yearParam: unknown) {
      const thisYear = china().chinaYear(new Date());
      const year = Number(yearParam) || thisYear;
      if (!Number.isSafeInteger(year) || year < 2000 || year > 2100)
        kit.refuse(
          'year',
          'invalid_value',
          'a year between 2000 and 2100',
          '年份应在 2000–2100 之间',
        );
      const start = china().chinaMidnight(`${year}-01-01`);
      const end = china().chinaMidnight(`${year + 1}-01-01`);
      const q = knex()('case_whistles as w')
        .where('w.called_at', '>=', start)
        .andWhere('w.called_at', '<', end)
        .whereNot('w.state', 'withdrawn')
        .select(
          'w.department_id as departmentId',
          'w.department_name as departmentName',
          'w.case_id as caseId',
          'w.case_number as caseNumber',
          'w.called_at as calledAt',
          'w.reported_at as reportedAt',
          'w.report_due_at as reportDueAt',
          'w.acted_at as actedAt',
          'w.rating as rating',
          'w.points as points',
        );
      const rows = (await scoped(q, 'w')) as {
        departmentId: number;
        departmentName: string;
        caseId: number;
        caseNumber: string;
        calledAt: unknown;
        reportedAt: unknown;
        reportDueAt: unknown;
        actedAt: unknown;
        rating: number | null;
        points: number | null;
      }[];
      const at = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));
      const rules = await whistleRules();
      const report = departmentRatings(
        rows.map((r) => ({
          departmentId: Number(r.departmentId),
          departmentName: r.departmentName,
          caseId: Number(r.caseId),
          caseNumber: r.caseNumber,
          calledAt: at(r.calledAt) as Date,
          reportedAt: at(r.reportedAt),
          reportDueAt: at(r.reportDueAt) ?? (at(r.calledAt) as Date),
          actedAt: at(r.actedAt),
          rating: r.rating === null ? null : Number(r.rating),
          points: Number(r.points ?? 0),
        })),
        rules,
      );
      const ids = [...new Set(rows.map((r) => Number(r.caseId)))];
      const docs = new Map<number, string>();
      for (let i = 0; i < ids.length; i += 500) {
        const part = (await strapi.db.query(CASES.case).findMany({
          where: { id: { $in: ids.slice(i, i + 500) } },
          select: ['id', 'documentId'],
        })) as { id: number; documentId: string }[];
        for (const p of part) docs.set(p.id, p.documentId);
      }
      const data: DepartmentRating[] = report.map((d) => ({
        departmentId: d.departmentId,
        departmentName: d.departmentName,
        whistles: d.whistles,
        reportedOnTime: d.reportedOnTime,
        reportedLate: d.reportedLate,
        notReported: d.notReported,
        acted: d.acted,
        averageRating: d.averageRatingHundredths,
        points: d.points,
        score: d.yearScore,
        rank: d.rank,
        cases: rows
          .filter((r) => Number(r.departmentId) === d.departmentId)
          .slice(0, 200)
          .map((r) => ({
            documentId: docs.get(Number(r.caseId)) ?? '',
            number: r.caseNumber,
            rating: r.rating === null ? null : Number(r.rating),
          })),
      }));
      return { data, year, weightPermille: rules.ratingWeightPermille };
    },

    async dashboard(weeksParam: unknown): Promise<CasesDashboard> {
      const weeks = Math.max(4, Math.min(52, Number(weeksParam) || WEEKS));
      const k = knex();
      const base = () => scoped(k('cases as c'), 'c');
      const count = async (build: (q: ReturnType<Knex>) => ReturnType<Knex>) => {
        const row = (await build(await base())
          .count({ n: '*' })
          .first()) as { n: number | string };
        return Number(row?.n ?? 0);
      };
      const received = await count((q) => q);
      const open = await count((q) => q.whereIn('c.state_kind', ['open', 'waiting']));
      const overdue = await count((q) => q.whereIn('c.sla_status', ['overdue', 'missed']));
      const onTime = await count((q) => q.where('c.sla_status', 'met'));
      const closed = await count((q) => q.whereIn('c.state_kind', ['resolved', 'closed']));

      const bands = (rows: { s: number | null; n: number | string }[]) => {
        const out = { satisfied: 0, basic: 0, dissatisfied: 0, rated: 0 };
        for (const r of rows) {
          if (r.s === null || r.s === undefined) continue;
          const band = bandOf(Number(r.s));
          if (!band) continue;
          out[band] += Number(r.n);
          out.rated += Number(r.n);
        }
        return out;
      };
      const sat = (await (await base())
        .whereNotNull('c.satisfaction')
        .select('c.satisfaction as s', k.raw('COUNT(*) AS n'))
        .groupBy('c.satisfaction')) as { s: number; n: number }[];

      // By category: the labels come from each type's current definition.
      const labels = new Map<string, Localised>();
      for (const t of await getService(strapi, 'types').list()) {
        if (!t.currentVersion) continue;
        const def = await getService(strapi, 'types').definitionOf(t.key, t.currentVersion);
        for (const [key, { node, parent }] of categoryIndex(def.categories))
          if (!parent && !labels.has(key)) labels.set(key, node.label);
      }
      const byCat = (await (await base())
        .select(
          'c.category as key',
          k.raw('COUNT(*) AS received'),
          k.raw("SUM(CASE WHEN c.sla_status IN ('overdue','missed') THEN 1 ELSE 0 END) AS overdue"),
          k.raw('SUM(CASE WHEN c.satisfaction >= 4 THEN 1 ELSE 0 END) AS satisfied'),
          k.raw('SUM(CASE WHEN c.satisfaction IS NOT NULL THEN 1 ELSE 0 END) AS rated'),
        )
        .groupBy('c.category')
        .orderBy('received', 'desc')) as Record<string, string | number | null>[];
      const byArea = (await (await base())
        .select(
          'c.area_path as path',
          k.raw('MAX(c.area_name) AS name'),
          k.raw('COUNT(*) AS received'),
          k.raw("SUM(CASE WHEN c.sla_status IN ('overdue','missed') THEN 1 ELSE 0 END) AS overdue"),
          k.raw('SUM(CASE WHEN c.satisfaction >= 4 THEN 1 ELSE 0 END) AS satisfied'),
          k.raw('SUM(CASE WHEN c.satisfaction IS NOT NULL THEN 1 ELSE 0 END) AS rated'),
        )
        .groupBy('c.area_path')
        .orderBy('received', 'desc')
        .limit(50)) as Record<string, string | number | null>[];

      // The weekly trend: China weeks starting on Monday, the last `weeks` of them.
      const today = china().todayInChina();
      const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
      const monday = china().addDays(today, -weekday);
      const starts = Array.from({ length: weeks }, (_, i) =>
        china().addDays(monday, -7 * (weeks - 1 - i)),
      );
      const bounds = starts.map((d, i) => ({
        week: d,
        start: china().chinaMidnight(d),
        end: china().chinaMidnight(starts[i + 1] ?? china().addDays(d, 7)),
      }));
      const bucket = (column: string) =>
        bounds.map((_, i) => `WHEN ${column} >= ? AND ${column} < ? THEN ${i}`).join(' ');
      const bindings = bounds.flatMap((b) => [b.start, b.end]);
      const weekly = bounds.map((b) => ({ week: b.week, received: 0, closed: 0, overdue: 0 }));
      const first = bounds[0]?.start as Date;
      const received7 = (await (
        await base()
      )
        .where('c.created_at', '>=', first)
        .select(k.raw(`CASE ${bucket('c.created_at')} END AS b`, bindings), k.raw('COUNT(*) AS n'))
        .groupBy('b')) as { b: number | null; n: number | string }[];
      const closed7 = (await (
        await base()
      )
        .where('c.closed_at', '>=', first)
        .select(k.raw(`CASE ${bucket('c.closed_at')} END AS b`, bindings), k.raw('COUNT(*) AS n'))
        .groupBy('b')) as { b: number | null; n: number | string }[];
      const overdue7 = (await (
        await base()
      )
        .where('c.overdue_at', '>=', first)
        .select(k.raw(`CASE ${bucket('c.overdue_at')} END AS b`, bindings), k.raw('COUNT(*) AS n'))
        .groupBy('b')) as { b: number | null; n: number | string }[];
      for (const [rows, field] of [
        [received7, 'received'],
        [closed7, 'closed'],
        [overdue7, 'overdue'],
      ] as const) {
        for (const r of rows) {
          const w = r.b === null ? undefined : weekly[Number(r.b)];
          if (w) w[field] = Number(r.n);
        }
      }
      const num = (v: unknown) => Number(v ?? 0);
      return {
        received,
        open,
        onTime,
        overdue,
        closed,
        satisfaction: bands(sat),
        byCategory: byCat.map((r) => ({
          key: String(r.key ?? ''),
          label: labels.get(String(r.key ?? '')) ?? { zh: '未分类', en: 'Uncategorised' },
          received: num(r.received),
          overdue: num(r.overdue),
          satisfied: num(r.satisfied),
          rated: num(r.rated),
        })),
        byArea: byArea.map((r) => ({
          path: String(r.path ?? ''),
          name: String(r.name ?? ''),
          received: num(r.received),
          overdue: num(r.overdue),
          satisfied: num(r.satisfied),
          rated: num(r.rated),
        })),
        weekly,
      };
    },
  };
};
