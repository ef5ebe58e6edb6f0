import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { communityPath } from '../domain/procedure';
import {
  checkEntry,
  checkIndicator,
  DEFAULT_INDICATORS,
  EMPTY_AGGREGATES,
  formulaOf,
  INDEX_CATEGORIES,
  INDEX_CATEGORY_LABELS,
  INDEX_UNIT_LABELS,
  score,
  total,
  type CommunityAggregates,
  type DrillSource,
  type IndexCategory,
  type IndexMethod,
  type IndexUnit,
} from '../domain/indicators';
import type { Indicator, IndicatorScore } from '../shared/contracts/consultation-index';
import { CONSULTATION } from '../uids';
import { cmsService, getService } from '../utils';
import { consultationKit, type ConsultationKit, type Who } from './kit';

type Row = Record<string, unknown>;

/** An indicator as stored: the answer's fields (without its formula's words), ids, preset. */
export interface IndicatorRow extends Omit<Indicator, 'formula'> {
  id: number;
  documentId: string;
  preset: boolean;
}

export interface Community {
  id: number;
  documentId: string;
  name: string;
  path: string;
  households: number;
}

export interface CommunityScores {
  area: string;
  name: string;
  path: string;
  /** hundredths of a point, out of 100 */
  total: number;
  categories: Record<IndexCategory, number>;
  indicators: IndicatorScore[];
}

const ENTRIES = 'consultation_index_entries';
const YEAR_MIN = 2000;
const PAGE_MAX = 100;

const num = (v: unknown): number => {
  const n = Number(v ?? 0);
  return Number.isFinite(n) ? n : 0;
};
/** A JSON column as written (text on SQLite, parsed on PostgreSQL; a few rows hold it twice encoded). */
const json = (v: unknown): unknown => {
  let out = v;
  for (let i = 0; i < 2 && typeof out === 'string'; i++)
    try {
      out = JSON.parse(out);
    } catch {
      return null;
    }
  return out;
};
/** A date column as YYYY-MM-DD whichever driver read it. */
const day = (v: unknown): string | null =>
  v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'string' ? v.slice(0, 10) : null;
const instant = (v: unknown): string | null => {
  if (v === null || v === undefined || v === '') return null;
  const d = new Date(v as string | number | Date);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
};
// Paths are the areas' own (codes and slashes), as every scoped read here matches them.
const like = (path: string) => `${path}%`;

/**
 * The consultation index (社区协商指数): its indicators as configuration, each community's
 * figures for a year computed from the records in a few GROUP BY queries over the whole scope
 * (never one query per community: a district has ~200, a city thousands), manual values entered
 * with evidence, the ranking, the records behind a figure, and the workbook.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const kit: ConsultationKit = consultationKit(strapi);
  const db = (): Knex => strapi.db.connection as unknown as Knex;
  const chinaTime = () => cmsService(strapi, 'chinaTime');
  // The consultation clock: tests and the demo seed run the records at their own time.
  const now = () => getService(strapi, 'clock').now();
  const indicatorsQuery = () => strapi.db.query(CONSULTATION.indexIndicator);

  function toIndicator(r: Row): IndicatorRow {
    return {
      id: Number(r.id),
      documentId: String(r.documentId),
      key: String(r.key),
      category: r.category as IndexCategory,
      nameZh: String(r.nameZh),
      nameEn: String(r.nameEn),
      descriptionZh: (r.descriptionZh as string | null) ?? null,
      descriptionEn: (r.descriptionEn as string | null) ?? null,
      weight: num(r.weight),
      method: r.method as IndexMethod,
      formulaKey: (r.formulaKey as string | null) ?? null,
      unit: r.unit as IndexUnit,
      target: num(r.target),
      evidenceRequired: Boolean(r.evidenceRequired),
      active: r.active !== false,
      preset: Boolean(r.preset),
      order: num(r.order),
    };
  }

  async function staff(): Promise<Who> {
    const who = await kit.who();
    if (!who.global && (!who.staff || who.scopePath === null))
      return kit.forbidden('Staff only (仅限工作人员)');
    return who;
  }

  /** District-wide staff (or the system): only they change what the index measures. */
  async function districtStaff(): Promise<Who> {
    const who = await staff();
    if (!who.global && (who.scopePath ?? '').split('/').filter(Boolean).length !== 1)
      kit.forbidden(
        'Only district-wide staff change the index (只有全区工作人员可以修改协商指数指标)',
      );
    return who;
  }

  function parseYear(v: unknown): number {
    const year =
      typeof v === 'number' ? v : typeof v === 'string' && /^\d{4}$/.test(v) ? Number(v) : NaN;
    const current = chinaTime().chinaYear(now());
    if (!Number.isInteger(year) || year < YEAR_MIN || year > current)
      kit.refuse(
        'year',
        'invalid_value',
        `a year from ${YEAR_MIN} to ${current}`,
        `请选择 ${YEAR_MIN}–${current} 年`,
      );
    return year;
  }

  /** The place asked about (an area's documentId) inside the viewer's scope, or the whole scope. */
  async function placeOf(who: Who, area: unknown): Promise<{ path: string; name: string | null }> {
    if (area === undefined || area === null || area === '')
      return { path: who.global ? '' : (who.scopePath ?? ''), name: null };
    if (typeof area !== 'string' || !/^[a-z0-9]{24}$/.test(area))
      kit.refuse('area', 'invalid_value', 'no such area', '没有此地区');
    const row = (await strapi.db.query('plugin::cms.area').findOne({
      where: { documentId: area },
      select: ['path', 'name'],
    })) as { path: string; name: string } | null;
    if (!row) return kit.refuse('area', 'invalid_value', 'no such area', '没有此地区');
    if (!kit.covers(who, row.path))
      kit.forbidden('This area is outside your scope (该地区不在您的管辖范围内)');
    return { path: row.path, name: row.name };
  }

  async function communities(path: string): Promise<Community[]> {
    const q = db()('cms_areas')
      .whereIn('level', ['community', 'village'])
      .select('id', 'document_id', 'name', 'path', 'households')
      .orderBy('path');
    if (path) q.where('path', 'like', like(path));
    const rows = (await q) as Row[];
    // An area asked about below a community (a compound, a grid) still belongs to its community.
    const own = communityPath(path);
    const found = rows.map((r) => ({
      id: Number(r.id),
      documentId: String(r.document_id),
      name: String(r.name),
      path: String(r.path),
      households: num(r.households),
    }));
    if (found.length || !own || own === path) return found;
    return communities(own);
  }

  async function indicators(all = false): Promise<IndicatorRow[]> {
    const rows = (await indicatorsQuery().findMany({
      ...(all ? {} : { where: { active: true } }),
      orderBy: [{ order: 'asc' }, { id: 'asc' }],
    })) as Row[];
    return rows.map(toIndicator);
  }

  type Buckets = Map<string, CommunityAggregates>;

  /** Each community's counts for the year, from a handful of queries over the whole scope. */
  async function aggregates(list: Community[], year: number): Promise<Buckets> {
    const out: Buckets = new Map(list.map((c) => [c.path, { ...EMPTY_AGGREGATES }]));
    const scope = list.length === 1 ? list[0]!.path : commonPrefix(list.map((c) => c.path));
    const inScope = (q: Knex.QueryBuilder, column: string) =>
      scope ? q.where(column, 'like', like(scope)) : q;
    const at = (path: unknown) => {
      const c = communityPath(typeof path === 'string' ? path : null);
      return c ? out.get(c) : undefined;
    };
    const { start, end } = chinaTime().chinaPeriod('year', `${year}-01-01`);
    const today = chinaTime().chinaDate(now());
    const first = `${year}-01-01`;
    const last = `${year}-12-31`;

    const households = (await inScope(
      db()('cms_households').select('area_path').count({ n: '*' }).groupBy('area_path'),
      'area_path',
    )) as Row[];
    for (const r of households) {
      const a = at(r.area_path);
      if (a) a.households += num(r.n);
    }
    // Where no household is registered yet, the community's own figure stands in.
    for (const c of list) {
      const a = out.get(c.path)!;
      if (a.households === 0) a.households = c.households;
    }

    const ACCEPTED = [
      'ranking',
      'deliberating',
      'voting',
      'publicising',
      'implementing',
      'evaluating',
      'closed',
    ];
    const DELIBERATED = [
      'deliberating',
      'voting',
      'publicising',
      'implementing',
      'evaluating',
      'closed',
    ];
    const topics = (await inScope(
      db()('consultation_topics')
        .where('created_at', '>=', start)
        .where('created_at', '<', end)
        .select('area_path', 'source', 'kind', 'stage')
        .select(db().raw('CASE WHEN rank_voters > 0 THEN 1 ELSE 0 END AS ranked'))
        .count({ n: '*' })
        .groupBy(
          'area_path',
          'source',
          'kind',
          'stage',
          db().raw('CASE WHEN rank_voters > 0 THEN 1 ELSE 0 END'),
        ),
      'area_path',
    )) as Row[];
    const kinds = new Map<CommunityAggregates, Set<string>>();
    for (const r of topics) {
      const a = at(r.area_path);
      if (!a) continue;
      const n = num(r.n);
      a.topicsRaised += n;
      if (r.source === 'resident') a.topicsByResidents += n;
      const seen = kinds.get(a) ?? new Set<string>();
      seen.add(String(r.kind));
      kinds.set(a, seen);
      if (ACCEPTED.includes(String(r.stage))) a.topicsAccepted += n;
      if (r.stage === 'declined') a.topicsDeclined += n;
      if (DELIBERATED.includes(String(r.stage))) {
        a.topicsDeliberated += n;
        if (num(r.ranked) > 0) a.topicsRanked += n;
      }
    }
    for (const [a, seen] of kinds) a.topicKinds = seen.size;

    const solved = (await inScope(
      db()('consultation_topics')
        .where('solved', true)
        .where('solved_at', '>=', start)
        .where('solved_at', '<', end)
        .select('area_path')
        .count({ n: '*' })
        .groupBy('area_path'),
      'area_path',
    )) as Row[];
    for (const r of solved) {
      const a = at(r.area_path);
      if (a) a.solved += num(r.n);
    }

    for (const table of ['consultation_supports', 'consultation_comments']) {
      const rows = (await inScope(
        db()(table)
          .where('at', '>=', start)
          .where('at', '<', end)
          .select('area_path')
          .count({ n: '*' })
          .groupBy('area_path'),
        'area_path',
      )) as Row[];
      for (const r of rows) {
        const a = at(r.area_path);
        if (a) a.opinions += num(r.n);
      }
    }
    const ratings = (await inScope(
      db()('consultation_comments')
        .whereNotNull('rating')
        .where('at', '>=', start)
        .where('at', '<', end)
        .select('area_path', 'rating')
        .count({ n: '*' })
        .groupBy('area_path', 'rating'),
      'area_path',
    )) as Row[];
    for (const r of ratings) {
      const a = at(r.area_path);
      if (!a) continue;
      a.ratings += num(r.n);
      if (num(r.rating) >= 4) a.ratingsSatisfied += num(r.n);
    }

    // Attendees are a JSON list per meeting: read the year's held meetings' rows (a few per
    // community), not a count.
    const meetings = (await inScope(
      db()('consultation_meetings')
        .where('status', 'held')
        .where('held_at', '>=', start)
        .where('held_at', '<', end)
        .select('area_path', 'kind', 'place', 'attendees'),
      'area_path',
    )) as Row[];
    const meetingSets = new Map<
      CommunityAggregates,
      { kinds: Set<string>; roles: Set<string>; places: Set<string> }
    >();
    for (const r of meetings) {
      const a = at(r.area_path);
      if (!a) continue;
      a.meetingsHeld += 1;
      if (['compound_hall', 'open_air', 'teahouse'].includes(String(r.kind))) a.meetingsNear += 1;
      const sets = meetingSets.get(a) ?? { kinds: new Set(), roles: new Set(), places: new Set() };
      sets.kinds.add(String(r.kind));
      const place = typeof r.place === 'string' ? r.place.trim() : '';
      if (place) sets.places.add(place);
      const attendees = json(r.attendees);
      if (Array.isArray(attendees))
        for (const item of attendees as Row[])
          if (item && typeof item.role === 'string' && num(item.count) > 0)
            sets.roles.add(item.role);
      meetingSets.set(a, sets);
    }
    for (const [a, s] of meetingSets) {
      a.meetingKinds = s.kinds.size;
      a.attendeeRoles = s.roles.size;
      a.meetingPlaces = s.places.size;
    }

    const procedures = (await inScope(
      db()('consultation_procedures').select('area_path'),
      'area_path',
    )) as Row[];
    for (const r of procedures) {
      const a = out.get(String(r.area_path));
      if (a) a.procedureConfigured = 1;
    }

    const made = (await inScope(
      db()('consultation_decisions as d')
        .join('consultation_meetings as m', 'm.id', 'd.meeting_id')
        .where('m.held_at', '>=', start)
        .where('m.held_at', '<', end)
        .whereNotIn('d.status', ['rejected', 'voting'])
        .select('d.area_path as area_path')
        .select(db().raw('CASE WHEN d.public_from IS NULL THEN 0 ELSE 1 END AS public'))
        .count({ n: '*' })
        .groupBy('d.area_path', db().raw('CASE WHEN d.public_from IS NULL THEN 0 ELSE 1 END')),
      'd.area_path',
    )) as Row[];
    for (const r of made) {
      const a = at(r.area_path);
      if (!a) continue;
      a.decisionsMade += num(r.n);
      if (num(r.public) > 0) a.decisionsPublicised += num(r.n);
    }

    // On time compares China's date of the instant with the due date: read the rows (the
    // year's implemented and overdue decisions), then compare here on both databases alike.
    const due = (await inScope(
      db()('consultation_decisions')
        .where((w) =>
          w
            .where((i) => i.where('implemented_at', '>=', start).where('implemented_at', '<', end))
            .orWhere((o) =>
              o
                .where('status', 'implementing')
                .where('due_on', '>=', first)
                .where('due_on', '<=', last)
                .where('due_on', '<', today),
            ),
        )
        .select('area_path', 'due_on', 'implemented_at', 'funds_spent'),
      'area_path',
    )) as Row[];
    for (const r of due) {
      const a = at(r.area_path);
      if (!a) continue;
      a.decisionsDue += 1;
      const done = instant(r.implemented_at);
      const dueOn = day(r.due_on);
      if (done) {
        if (!dueOn || chinaTime().chinaDate(new Date(done)) <= dueOn) a.decisionsOnTime += 1;
        a.fundsSpent += num(r.funds_spent);
      }
    }

    const votes = (await inScope(
      db()('consultation_votes')
        .where('status', 'closed')
        .where('closed_at', '>=', start)
        .where('closed_at', '<', end)
        .select('area_path', 'elector_count', 'result'),
      'area_path',
    )) as Row[];
    for (const r of votes) {
      const a = at(r.area_path);
      if (!a) continue;
      const result = json(r.result) as {
        electorate?: { count?: number };
        participating?: { count?: number };
      } | null;
      a.electors += num(result?.electorate?.count ?? r.elector_count);
      a.participants += num(result?.participating?.count);
    }
    return out;
  }

  async function entries(year: number, paths: string[], scope: string): Promise<Map<string, Row>> {
    const q = db()(ENTRIES).where('year', year).select('*');
    if (scope) q.where('area_path', 'like', like(scope));
    const rows = (await q) as Row[];
    const wanted = new Set(paths);
    const out = new Map<string, Row>();
    for (const r of rows)
      if (wanted.has(String(r.area_path))) out.set(`${r.indicator_key}|${r.area_path}`, r);
    return out;
  }

  async function filesOf(
    entryIds: number[],
  ): Promise<Map<number, IndicatorScore['evidenceFiles']>> {
    const out = new Map<number, IndicatorScore['evidenceFiles']>();
    if (!entryIds.length) return out;
    const rows = (await strapi.db.query(CONSULTATION.indexEntry).findMany({
      where: { id: { $in: entryIds } },
      select: ['id'],
      populate: { evidenceFiles: { select: ['id', 'name', 'url'] } },
    })) as { id: number; evidenceFiles?: { id: number; name: string; url: string }[] }[];
    for (const r of rows)
      out.set(
        r.id,
        (r.evidenceFiles ?? []).map((f) => ({
          id: f.id,
          name: f.name,
          url: cmsService(strapi, 'kit').fileLink(f.url),
        })),
      );
    return out;
  }

  function commonPrefix(paths: string[]): string {
    if (!paths.length) return '';
    let prefix = paths[0]!;
    for (const p of paths)
      while (!p.startsWith(prefix))
        prefix = prefix.slice(0, prefix.slice(0, -1).lastIndexOf('/') + 1);
    return prefix;
  }

  async function computeFor(
    list: Community[],
    year: number,
    withFiles: boolean,
  ): Promise<{ indicators: IndicatorRow[]; communities: CommunityScores[] }> {
    const config = await indicators();
    const sums = await aggregates(list, year);
    const manual = await entries(
      year,
      list.map((c) => c.path),
      list.length === 1 ? list[0]!.path : commonPrefix(list.map((c) => c.path)),
    );
    const files = withFiles
      ? await filesOf([...manual.values()].map((r) => Number(r.id)))
      : new Map();
    const weights = config.map((i) => i.weight);
    const scored = list.map((c): CommunityScores => {
      const a = sums.get(c.path) ?? EMPTY_AGGREGATES;
      const items = config.map((i): IndicatorScore => {
        const base = {
          key: i.key,
          category: i.category,
          nameZh: i.nameZh,
          nameEn: i.nameEn,
          method: i.method,
          unit: i.unit,
          weight: i.weight,
          target: i.target,
          evidenceRequired: i.evidenceRequired,
        };
        const formula = i.method === 'formula' ? formulaOf(i.formulaKey) : undefined;
        if (formula) {
          const f = formula.compute(a);
          return {
            ...base,
            value: f.value,
            score: score(f.value, i.target, i.weight),
            numerator: f.numerator,
            denominator: f.denominator,
            entered: true,
            evidence: null,
            evidenceFiles: [],
            enteredAt: null,
            enteredByName: null,
          };
        }
        const entry = manual.get(`${i.key}|${c.path}`);
        const value = entry ? num(entry.value) : 0;
        return {
          ...base,
          value,
          score: entry ? score(value, i.target, i.weight) : 0,
          numerator: null,
          denominator: null,
          entered: Boolean(entry),
          evidence: entry ? ((entry.evidence as string | null) ?? null) : null,
          evidenceFiles: entry ? (files.get(Number(entry.id)) ?? []) : [],
          enteredAt: entry ? instant(entry.entered_at) : null,
          enteredByName: entry ? ((entry.entered_by_name as string | null) ?? null) : null,
        };
      });
      const categories = Object.fromEntries(
        INDEX_CATEGORIES.map((cat) => [
          cat,
          items.filter((x) => x.category === cat).reduce((s, x) => s + x.score, 0),
        ]),
      ) as Record<IndexCategory, number>;
      return {
        area: c.documentId,
        name: c.name,
        path: c.path,
        total: total(
          items.map((x) => x.score),
          weights,
        ),
        categories,
        indicators: items,
      };
    });
    scored.sort((x, y) => y.total - x.total || x.path.localeCompare(y.path));
    return { indicators: config, communities: scored };
  }

  async function communityOf(who: Who, area: unknown): Promise<Community> {
    if (area === undefined || area === null || area === '')
      kit.refuse('area', 'required', 'choose a community', '请选择社区');
    const place = await placeOf(who, area);
    const list = await communities(place.path);
    const own = list.find((c) => c.path === (communityPath(place.path) ?? place.path));
    if (!own) return kit.refuse('area', 'invalid_value', 'not a community', '请选择社区');
    return own;
  }

  async function prepareEntry(body: Row, files: number) {
    const who = await staff();
    const key = body.indicator;
    const row =
      typeof key === 'string' && key
        ? ((await indicatorsQuery().findOne({ where: { key } })) as Row | null)
        : null;
    const found = row ? toIndicator(row) : null;
    const checked = checkEntry(body, found, files);
    const issues = [...checked.issues];
    let year = 0;
    try {
      year = parseYear(body.year);
    } catch (error) {
      if (!issues.length) throw error;
      issues.push(kit.issue('year', 'invalid_value', 'a past or current year', '请选择年份'));
    }
    if (issues.length || !found) throw kit.invalid(issues);
    const community = await communityOf(who, body.area);
    return { who, indicator: found, checked, year, community };
  }

  const service = {
    /** Seeds the default 22 indicators that are missing (on boot; an edited one is kept as edited). */
    async ensureIndicators(): Promise<number> {
      const existing = new Set(
        ((await indicatorsQuery().findMany({ select: ['key'] })) as { key: string }[]).map(
          (r) => r.key,
        ),
      );
      let added = 0;
      for (const d of DEFAULT_INDICATORS) {
        if (existing.has(d.key)) continue;
        try {
          await indicatorsQuery().create({
            data: { ...d, documentId: kit.newDocumentId(), preset: true },
          });
          added += 1;
        } catch (error) {
          // Another process seeding at the same boot wrote it first (the key is unique).
          const again = await indicatorsQuery().findOne({ where: { key: d.key }, select: ['id'] });
          if (!again) throw error;
        }
      }
      return added;
    },

    async listIndicators(): Promise<Row[]> {
      await staff();
      return (await indicators(true)).map((i) => ({
        ...i,
        formula: formulaOf(i.formulaKey)
          ? {
              key: i.formulaKey,
              unit: formulaOf(i.formulaKey)!.unit,
              inputs: formulaOf(i.formulaKey)!.inputs,
            }
          : null,
        categoryLabel: INDEX_CATEGORY_LABELS[i.category],
        unitLabel: INDEX_UNIT_LABELS[i.unit],
      }));
    },

    async updateIndicator(key: unknown, body: Row): Promise<IndicatorRow> {
      await districtStaff();
      const row =
        typeof key === 'string'
          ? ((await indicatorsQuery().findOne({ where: { key } })) as Row | null)
          : null;
      if (!row) return kit.notFound();
      const { issues, patch } = checkIndicator(body, false);
      if (issues.length) throw kit.invalid(issues);
      const updated = (await indicatorsQuery().update({
        where: { id: row.id },
        data: patch,
      })) as Row;
      await kit.record(CONSULTATION.indexIndicator, 'update', row, updated);
      return toIndicator(updated);
    },

    async createIndicator(body: Row): Promise<IndicatorRow> {
      await districtStaff();
      const { issues, patch } = checkIndicator(body, true);
      if (issues.length) throw kit.invalid(issues);
      const existing = await indicatorsQuery().findOne({
        where: { key: patch.key },
        select: ['id'],
      });
      if (existing) kit.refuse('key', 'stale_state', 'already used', '已被使用');
      let created: Row;
      try {
        created = (await indicatorsQuery().create({
          data: {
            ...patch,
            order: patch.order ?? 100,
            documentId: kit.newDocumentId(),
            preset: false,
          },
        })) as Row;
      } catch {
        return kit.refuse('key', 'stale_state', 'already used', '已被使用');
      }
      await kit.record(CONSULTATION.indexIndicator, 'create', null, created);
      return toIndicator(created);
    },

    /** GET /index/scores?year=&area= — every community of the place, each indicator in full. */
    async scores(query: Row): Promise<Row> {
      const who = await staff();
      const year = parseYear(query.year);
      const place = await placeOf(who, query.area);
      const list = await communities(place.path);
      const computed = await computeFor(list, year, list.length <= 1);
      return { year, ...computed };
    },

    /** GET /index/ranking?year=&area= — communities by their total, with each category's points. */
    async ranking(query: Row): Promise<Row> {
      const who = await staff();
      const year = parseYear(query.year);
      const place = await placeOf(who, query.area);
      const { indicators: config, communities: scored } = await computeFor(
        await communities(place.path),
        year,
        false,
      );
      return {
        year,
        categories: INDEX_CATEGORIES.map((c) => ({
          key: c,
          label: INDEX_CATEGORY_LABELS[c],
          weight: config.filter((i) => i.category === c).reduce((s, i) => s + i.weight, 0),
        })),
        weightTotal: config.reduce((s, i) => s + i.weight, 0),
        communities: scored.map((c, i) => ({
          rank: i + 1,
          area: c.area,
          name: c.name,
          path: c.path,
          total: c.total,
          categories: c.categories,
          missingManual: c.indicators.filter((x) => x.method === 'manual' && !x.entered).length,
        })),
      };
    },

    /** GET /index/drill?year=&area=&indicator=&page=&pageSize= — the records behind one figure. */
    async drill(query: Row): Promise<Row> {
      const who = await staff();
      const year = parseYear(query.year);
      const community = await communityOf(who, query.area);
      const key = query.indicator;
      const indicator =
        typeof key === 'string'
          ? ((await indicatorsQuery().findOne({ where: { key } })) as Row | null)
          : null;
      if (!indicator)
        return kit.refuse('indicator', 'invalid_value', 'no such indicator', '没有此指标');
      const page = Math.max(1, Math.floor(num(query.page)) || 1);
      const pageSize = Math.min(PAGE_MAX, Math.max(1, Math.floor(num(query.pageSize)) || 20));
      const ind = toIndicator(indicator);
      const formula = ind.method === 'formula' ? formulaOf(ind.formulaKey) : undefined;
      if (!formula) {
        const entry = (await entries(year, [community.path], community.path)).get(
          `${ind.key}|${community.path}`,
        );
        const files = entry ? await filesOf([Number(entry.id)]) : new Map();
        return {
          source: 'entry',
          data: entry
            ? [
                {
                  kind: 'entry',
                  id: entry.document_id,
                  value: num(entry.value),
                  evidence: entry.evidence ?? null,
                  files: files.get(Number(entry.id)) ?? [],
                  enteredAt: instant(entry.entered_at),
                  enteredBy: entry.entered_by_name ?? null,
                },
              ]
            : [],
          meta: { page: 1, pageSize, total: entry ? 1 : 0 },
        };
      }
      const { rows, total: count } = await records(
        formula.drill,
        community.path,
        year,
        page,
        pageSize,
      );
      return { source: formula.drill, data: rows, meta: { page, pageSize, total: count } };
    },

    /** Everything an entry is refused for, before any evidence file is kept. */
    async checkEntry(body: Row, files: number): Promise<void> {
      await prepareEntry(body, files);
    },

    /** POST /index/entries — a manual value for a community and year, with its evidence. */
    async enter(body: Row, fileIds: number[]): Promise<Row> {
      const { who, indicator, checked, year, community } = await prepareEntry(body, fileIds.length);
      const at = now();
      const existing = (await db()(ENTRIES)
        .where({ indicator_key: indicator.key, area_path: community.path, year })
        .first('id', 'document_id', 'value', 'evidence', 'revision')) as Row | undefined;
      const data = {
        indicatorKey: indicator.key,
        communityId: community.id,
        areaPath: community.path,
        areaName: community.name,
        year,
        value: checked.value,
        evidence: checked.evidence || null,
        enteredByUserId: who.userId,
        enteredByName: who.name || null,
        enteredAt: at,
        ...(fileIds.length ? { evidenceFiles: fileIds } : {}),
      };
      let saved: Row;
      try {
        saved = existing
          ? ((await strapi.db.query(CONSULTATION.indexEntry).update({
              where: { id: existing.id },
              data: { ...data, revision: num(existing.revision) + 1 },
            })) as Row)
          : ((await strapi.db.query(CONSULTATION.indexEntry).create({
              data: { ...data, documentId: kit.newDocumentId(), revision: 0 },
            })) as Row);
      } catch {
        // The unique (indicator, community, year) index: another assessor entered it meanwhile.
        return kit.refuse(
          'value',
          'stale_state',
          'entered by someone else just now; reload',
          '刚被他人录入，请刷新后重试',
        );
      }
      await kit.record(
        CONSULTATION.indexEntry,
        existing ? 'update' : 'create',
        existing ? { ...existing, documentId: saved.documentId } : null,
        saved,
      );
      return {
        documentId: saved.documentId,
        indicator: indicator.key,
        area: community.documentId,
        year,
        value: checked.value,
        evidence: checked.evidence || null,
        score: score(checked.value, indicator.target, indicator.weight),
      };
    },

    /** The workbook: the ranking, then one sheet per category (value and score of each indicator). */
    async exportSheets(query: Row) {
      const who = await staff();
      const year = parseYear(query.year);
      const place = await placeOf(who, query.area);
      const lang = query.lang === 'en' ? 'en' : 'zh';
      const { indicators: config, communities: scored } = await computeFor(
        await communities(place.path),
        year,
        false,
      );
      const label = (l: { zh: string; en: string }) => l[lang];
      const points = (hundredths: number) => hundredths / 100;
      const ranking = {
        name: lang === 'zh' ? `${year}年排名` : `Ranking ${year}`,
        header: [
          lang === 'zh' ? '名次' : 'Rank',
          lang === 'zh' ? '社区' : 'Community',
          lang === 'zh' ? '总分' : 'Total',
          ...INDEX_CATEGORIES.map((c) => label(INDEX_CATEGORY_LABELS[c])),
        ],
        kinds: ['integer', 'text', 'number', ...INDEX_CATEGORIES.map(() => 'number')] as (
          | 'integer'
          | 'text'
          | 'number'
        )[],
        rows: scored.map((c, i) => [
          i + 1,
          c.name,
          points(c.total),
          ...INDEX_CATEGORIES.map((cat) => points(c.categories[cat])),
        ]),
      };
      const sheets = INDEX_CATEGORIES.map((cat) => {
        const items = config.filter((i) => i.category === cat);
        return {
          name: label(INDEX_CATEGORY_LABELS[cat]),
          header: [
            lang === 'zh' ? '社区' : 'Community',
            ...items.flatMap((i) => {
              const name = lang === 'zh' ? i.nameZh : i.nameEn;
              return [
                `${name}（${label(INDEX_UNIT_LABELS[i.unit])}）`,
                `${name} ${lang === 'zh' ? '得分' : 'score'}`,
              ];
            }),
          ],
          // Money as yuan numbers an accountant can sum (the sheet writer's money cells).
          kinds: [
            'text',
            ...items.flatMap((i) => [i.unit === 'fen' ? 'money' : 'integer', 'number']),
          ] as ('text' | 'integer' | 'number' | 'money')[],
          rows: scored.map((c) => [
            c.name,
            ...items.flatMap((i) => {
              const s = c.indicators.find((x) => x.key === i.key);
              return [s && s.entered ? s.value : null, points(s?.score ?? 0)];
            }),
          ]),
        };
      });
      return { year, sheets: [ranking, ...sheets] };
    },
  };

  /** The records behind a figure, newest first, one page. */
  async function records(
    source: DrillSource,
    path: string,
    year: number,
    page: number,
    pageSize: number,
  ): Promise<{ rows: Row[]; total: number }> {
    const { start, end } = chinaTime().chinaPeriod('year', `${year}-01-01`);
    const today = chinaTime().chinaDate(now());
    const p = like(path);
    let q: Knex.QueryBuilder;
    let order: string;
    switch (source) {
      case 'topics':
        q = db()('consultation_topics as t')
          .where('t.area_path', 'like', p)
          .where('t.created_at', '>=', start)
          .where('t.created_at', '<', end);
        order = 't.created_at';
        break;
      case 'solved':
        q = db()('consultation_topics as t')
          .where('t.area_path', 'like', p)
          .where('t.solved', true)
          .where('t.solved_at', '>=', start)
          .where('t.solved_at', '<', end);
        order = 't.solved_at';
        break;
      case 'opinions':
      case 'ratings': {
        // Supports count as opinions beside comments: both, one list.
        const opinions = db()('consultation_comments')
          .select('id', 'topic_id', 'area_path', 'rating', 'at', db().raw("'comment' AS what"))
          .unionAll(
            db()('consultation_supports').select(
              'id',
              'topic_id',
              'area_path',
              db().raw('NULL AS rating'),
              'at',
              db().raw("'support' AS what"),
            ),
          );
        q = db()
          .from(source === 'opinions' ? opinions.as('c') : 'consultation_comments as c')
          .join('consultation_topics as t', 't.id', 'c.topic_id')
          .where('c.area_path', 'like', p)
          .where('c.at', '>=', start)
          .where('c.at', '<', end);
        if (source === 'ratings') q.whereNotNull('c.rating');
        order = 'c.at';
        break;
      }
      case 'meetings':
        q = db()('consultation_meetings as m')
          .where('m.area_path', 'like', p)
          .where('m.status', 'held')
          .where('m.held_at', '>=', start)
          .where('m.held_at', '<', end);
        order = 'm.held_at';
        break;
      case 'procedure':
        q = db()('consultation_procedures as p').where('p.area_path', path);
        order = 'p.id';
        break;
      case 'decisions-made':
        q = db()('consultation_decisions as d')
          .join('consultation_meetings as m', 'm.id', 'd.meeting_id')
          .leftJoin('consultation_topics as t', 't.id', 'd.topic_id')
          .where('d.area_path', 'like', p)
          .where('m.held_at', '>=', start)
          .where('m.held_at', '<', end)
          .whereNotIn('d.status', ['rejected', 'voting']);
        order = 'm.held_at';
        break;
      case 'decisions-due':
      case 'decisions-funded':
        q = db()('consultation_decisions as d')
          .leftJoin('consultation_topics as t', 't.id', 'd.topic_id')
          .where('d.area_path', 'like', p)
          .where((w) => {
            w.where((i) =>
              i.where('d.implemented_at', '>=', start).where('d.implemented_at', '<', end),
            );
            if (source === 'decisions-due')
              w.orWhere((o) =>
                o
                  .where('d.status', 'implementing')
                  .where('d.due_on', '>=', `${year}-01-01`)
                  .where('d.due_on', '<=', `${year}-12-31`)
                  .where('d.due_on', '<', today),
              );
          });
        if (source === 'decisions-funded') q.where('d.funds_spent', '>', 0);
        order = 'd.id';
        break;
      case 'votes':
        q = db()('consultation_votes as v')
          .where('v.area_path', 'like', p)
          .where('v.status', 'closed')
          .where('v.closed_at', '>=', start)
          .where('v.closed_at', '<', end);
        order = 'v.closed_at';
        break;
    }
    const counted = (await q.clone().count({ n: '*' }).first()) as
      | { n: number | string }
      | undefined;
    const totalRows = num(counted?.n);
    const offset = (page - 1) * pageSize;
    const pick = (columns: (string | Knex.Raw)[]) =>
      q.clone().select(columns).orderBy(order, 'desc').limit(pageSize).offset(offset);
    let rows: Row[];
    switch (source) {
      case 'topics':
      case 'solved':
        rows = (
          (await pick([
            't.document_id as id',
            't.number',
            't.title',
            't.kind',
            't.source',
            't.stage',
            't.created_at',
            't.solved_at',
            't.rank_voters',
          ])) as Row[]
        ).map((r) => ({
          kind: 'topic',
          id: r.id,
          number: r.number,
          title: r.title,
          topicKind: r.kind,
          source: r.source,
          stage: r.stage,
          ranked: num(r.rank_voters) > 0,
          date: instant(source === 'solved' ? r.solved_at : r.created_at),
        }));
        break;
      case 'opinions':
      case 'ratings':
        rows = (
          (await pick([
            'c.id',
            source === 'opinions' ? 'c.what' : db().raw("'comment' AS what"),
            't.document_id as topic',
            't.number',
            't.title',
            'c.rating',
            'c.at',
          ])) as Row[]
        ).map((r) => ({
          kind: r.what === 'support' ? 'support' : 'comment',
          id: r.id,
          topic: r.topic,
          number: r.number,
          title: r.title,
          rating: r.rating === null || r.rating === undefined ? null : num(r.rating),
          date: instant(r.at),
        }));
        break;
      case 'meetings':
        rows = (
          (await pick([
            'm.document_id as id',
            'm.title',
            'm.kind',
            'm.place',
            'm.held_at',
            'm.attendees',
          ])) as Row[]
        ).map((r) => ({
          kind: 'meeting',
          id: r.id,
          title: r.title,
          meetingKind: r.kind,
          place: r.place ?? null,
          attendees: json(r.attendees) ?? [],
          date: instant(r.held_at),
        }));
        break;
      case 'procedure':
        rows = ((await pick(['p.document_id as id', 'p.area_name', 'p.updated_at'])) as Row[]).map(
          (r) => ({
            kind: 'procedure',
            id: r.id,
            title: r.area_name,
            date: instant(r.updated_at),
          }),
        );
        break;
      case 'decisions-made':
      case 'decisions-due':
      case 'decisions-funded':
        rows = (
          (await pick([
            'd.document_id as id',
            't.document_id as topic',
            't.number',
            't.title',
            'd.status',
            'd.public_from',
            'd.due_on',
            'd.implemented_at',
            'd.funds_spent',
          ])) as Row[]
        ).map((r) => {
          const done = instant(r.implemented_at);
          const dueOn = day(r.due_on);
          return {
            kind: 'decision',
            id: r.id,
            topic: r.topic ?? null,
            number: r.number ?? null,
            title: r.title ?? null,
            status: r.status,
            publicFrom: day(r.public_from),
            dueOn,
            implementedAt: done,
            onTime: done ? !dueOn || chinaTime().chinaDate(new Date(done)) <= dueOn : false,
            fundsSpent:
              r.funds_spent === null || r.funds_spent === undefined ? null : num(r.funds_spent),
          };
        });
        break;
      case 'votes':
        rows = (
          (await pick([
            'v.document_id as id',
            'v.number',
            'v.title',
            'v.closed_at',
            'v.elector_count',
            'v.result',
            'v.passed',
          ])) as Row[]
        ).map((r) => {
          const result = json(r.result) as { participating?: { count?: number } } | null;
          return {
            kind: 'vote',
            id: r.id,
            number: r.number,
            title: r.title,
            electors: num(r.elector_count),
            participating: num(result?.participating?.count),
            passed: Boolean(r.passed),
            date: instant(r.closed_at),
          };
        });
        break;
    }
    return { rows, total: totalRows };
  }

  return service;
};
