import type { Core } from '@strapi/strapi';
import { calendarIssues, compileCalendar, type Calendar } from '../domain/calendar';
import { PUBLISHED_YEARS } from '../domain/holidays';
import type { Issue } from '../domain/errors';
import type { CalendarYear } from '../domain/types';
import type { CalendarYearRow } from '../shared/contracts/cases';
import { CASES } from '../uids';
import { casesKit } from './kit';

interface YearRow extends CalendarYearRow {
  id: number;
  documentId: string;
}

const asYear = (row: YearRow): CalendarYear => ({
  year: row.year,
  holidays: row.holidays,
  workdays: row.workdays,
  hours: row.hours,
});

/**
 * The working-day calendar as data: each year's statutory holidays, make-up working days (调休)
 * and working hours, edited by administrators. Read afresh for every computation (a handful of
 * rows), so an edit counts in every process at once without a cache to invalidate.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const kit = casesKit(strapi);
  const q = () => strapi.db.query(CASES.calendarYear);

  async function rows(): Promise<YearRow[]> {
    return (await q().findMany({ orderBy: { year: 'asc' } })) as YearRow[];
  }

  return {
    async list(): Promise<CalendarYearRow[]> {
      return (await rows()).map(({ year, holidays, workdays, hours, source, confirmed }) => ({
        year,
        holidays,
        workdays,
        hours,
        source: source ?? null,
        confirmed: !!confirmed,
      }));
    },

    /** The calendar every deadline is computed on. */
    async current(): Promise<Calendar> {
      return compileCalendar((await rows()).map(asYear));
    },

    /** Creates or replaces one year, checked together with the others (no overlap, no conflict). */
    async save(year: unknown, body: Record<string, unknown>): Promise<CalendarYearRow> {
      const y = Number(year);
      const candidate = {
        year: y,
        holidays: body.holidays,
        workdays: body.workdays,
        hours: body.hours,
      } as CalendarYear;
      const others = (await rows()).filter((r) => r.year !== y).map(asYear);
      const issues: Issue[] = calendarIssues([...others, candidate]).map((i) => ({
        ...i,
        // The editor shows one year: say the field, not its place among the stored years.
        path: i.path.replace(/^years\[\d+\]\./, ''),
      }));
      if (typeof body.source !== 'undefined' && typeof body.source !== 'string')
        issues.push(kit.issue('source', 'invalid_value', 'must be text', '应为文字'));
      if (issues.length) throw kit.invalid(issues);
      const data = {
        year: y,
        holidays: candidate.holidays,
        workdays: candidate.workdays,
        hours: candidate.hours,
        source: typeof body.source === 'string' ? body.source.slice(0, 1000) : null,
        // An administrator's edit is what the district confirms.
        confirmed: body.confirmed === undefined ? true : body.confirmed === true,
      };
      const existing = (await q().findOne({ where: { year: y } })) as YearRow | null;
      const saved = existing
        ? ((await q().update({ where: { id: existing.id }, data })) as YearRow)
        : ((await q().create({ data: { ...data, documentId: kit.newDocumentId() } })) as YearRow);
      await kit.record(CASES.calendarYear, existing ? 'update' : 'create', existing, saved);
      return (await this.list()).find((r) => r.year === y) as CalendarYearRow;
    },

    /** The published schedules this release knows, for a database that has none yet. */
    async ensureDefaults(): Promise<void> {
      for (const seed of PUBLISHED_YEARS) {
        if (await q().findOne({ where: { year: seed.year }, select: ['id'] })) continue;
        await q().create({
          data: {
            documentId: kit.newDocumentId(),
            year: seed.year,
            holidays: seed.holidays,
            workdays: seed.workdays,
            hours: seed.hours,
            source: seed.source,
            confirmed: seed.confirmed,
          },
        });
      }
    },
  };
};
