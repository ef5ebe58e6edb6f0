/**
 * The working-day calendar the SLA clocks run on: which China dates are working days (the State
 * Council's schedule as data, see `holidays.ts`), which minutes of them are working time, and
 * arithmetic in working minutes (a limit of 2 working hours given on Friday at 17:00 falls due on
 * Monday, or on a make-up Saturday). Pure: no Strapi, no Intl, so the console can show the same
 * due dates the server stores.
 *
 * China time is re-derived here (UTC+8 all year, no daylight saving since 1991) rather than
 * imported from cms's china-time: a plugin may import only type-only contracts of other packages.
 *
 * Working time is a set of half-open periods `[start, end)`. Every count is over those periods,
 * so "working minutes between" and "add working minutes" are exact inverses (tested), and a
 * pause adds to a deadline exactly the working time it lasted.
 */
import type { CalendarYear } from './types';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const CHINA_OFFSET_MS = 8 * 60 * MINUTE_MS;

/**
 * How far ahead addWorkingMinutes looks for working time before giving up: a calendar whose
 * every day is a holiday would otherwise loop forever. Three years is far beyond any limit a case
 * type accepts (at most 60 days of minutes).
 */
export const SEARCH_LIMIT_DAYS = 3 * 366;

/** 9:00–12:00 and 13:30–17:30, the usual hours of a street office or community centre. */
export const STANDARD_HOURS: [number, number][] = [
  [540, 720],
  [810, 1050],
];

/** The years a calendar may hold (the `calendar-year` content type's bounds). */
const MIN_YEAR = 2000;
const MAX_YEAR = 2100;

// ---------------------------------------------------------------------------------------------
// Validation

export type CalendarIssueCode =
  | 'overlapping_year'
  | 'invalid_date'
  | 'invalid_hours'
  | 'conflicting_day';

/**
 * Why a calendar is refused, at the field: the same shape as the plugins' `Issue` (time-bank's
 * `domain/errors.ts`), so the cms kit's mapper answers it as a 400 naming the field.
 */
export interface CalendarIssue {
  path: string;
  code: CalendarIssueCode;
  message: string;
  messageZh: string;
}

const issue = (
  path: string,
  code: CalendarIssueCode,
  message: string,
  messageZh: string,
): CalendarIssue => ({
  path,
  code,
  message: `${path}: ${message}`,
  messageZh: `${path}：${messageZh}`,
});

/** What compileCalendar throws: every issue at once. */
export class CalendarIssues extends Error {
  constructor(public issues: CalendarIssue[]) {
    super(issues.map((i) => i.message).join('; '));
    this.name = 'CalendarIssues';
  }
}

/** A real calendar date written YYYY-MM-DD (2026-13-01 and 2026-02-30 are not). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === value;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function dateListIssues(list: unknown, path: string, year: number | undefined): CalendarIssue[] {
  if (!Array.isArray(list)) {
    return [issue(path, 'invalid_date', 'must be a list of dates', '须为日期列表')];
  }
  const issues: CalendarIssue[] = [];
  list.forEach((date: unknown, i) => {
    const at = `${path}[${i}]`;
    if (!isIsoDate(date)) {
      issues.push(
        issue(
          at,
          'invalid_date',
          `${JSON.stringify(date)} is not a date written YYYY-MM-DD`,
          `${JSON.stringify(date)} 不是有效日期（格式为 YYYY-MM-DD）`,
        ),
      );
    } else if (year !== undefined && Number(date.slice(0, 4)) !== year) {
      issues.push(
        issue(at, 'invalid_date', `${date} is not in ${year}`, `${date} 不在${year}年内`),
      );
    }
  });
  return issues;
}

function hoursIssues(hours: unknown, path: string): CalendarIssue[] {
  if (!Array.isArray(hours) || hours.length === 0) {
    return [
      issue(
        path,
        'invalid_hours',
        'at least one working period is needed, e.g. [[540, 720], [810, 1050]]',
        '至少需要一个工作时段，例如 [[540, 720], [810, 1050]]',
      ),
    ];
  }
  const issues: CalendarIssue[] = [];
  let previousEnd = 0;
  hours.forEach((period: unknown, i) => {
    const at = `${path}[${i}]`;
    const valid =
      Array.isArray(period) &&
      period.length === 2 &&
      period.every((m) => Number.isInteger(m) && (m as number) >= 0 && (m as number) <= 1440) &&
      (period[0] as number) < (period[1] as number);
    if (!valid) {
      issues.push(
        issue(
          at,
          'invalid_hours',
          'a working period is [start, end] in minutes after midnight, from 0 to 1440, start before end',
          '工作时段为[开始, 结束]，以零点起的分钟数计，0至1440，开始须早于结束',
        ),
      );
      return;
    }
    const [start, end] = period as [number, number];
    if (start < previousEnd) {
      issues.push(
        issue(
          at,
          'invalid_hours',
          'working periods must be in order of time and must not overlap',
          '工作时段须按时间先后排列，且不得重叠',
        ),
      );
    }
    previousEnd = Math.max(previousEnd, end);
  });
  return issues;
}

/**
 * Every reason to refuse these calendar years, at its field (`years[1].year`,
 * `years[0].holidays[3]`); empty when they can be compiled. Takes `unknown` because the years come
 * from JSON columns an administrator edits. A weekend listed as a holiday, or a weekday listed as
 * a make-up workday, is accepted: it changes nothing.
 */
export function calendarIssues(years: unknown): CalendarIssue[] {
  if (!Array.isArray(years)) {
    return [issue('years', 'invalid_date', 'must be a list of calendar years', '须为日历年度列表')];
  }
  const issues: CalendarIssue[] = [];
  const seen = new Set<number>();
  years.forEach((entry: unknown, i) => {
    const at = `years[${i}]`;
    if (!isObject(entry)) {
      issues.push(issue(at, 'invalid_date', 'must be a calendar year', '须为一个日历年度'));
      return;
    }
    const { year } = entry;
    let known: number | undefined;
    if (typeof year !== 'number' || !Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
      issues.push(
        issue(
          `${at}.year`,
          'invalid_date',
          `must be a year from ${MIN_YEAR} to ${MAX_YEAR}`,
          `须为${MIN_YEAR}至${MAX_YEAR}之间的年份`,
        ),
      );
    } else if (seen.has(year)) {
      issues.push(
        issue(
          `${at}.year`,
          'overlapping_year',
          `${year} is already in the calendar`,
          `${year}年已在日历中，不能重复`,
        ),
      );
    } else {
      seen.add(year);
      known = year;
    }
    issues.push(...dateListIssues(entry.holidays, `${at}.holidays`, known));
    issues.push(...dateListIssues(entry.workdays, `${at}.workdays`, known));
    if (Array.isArray(entry.holidays) && Array.isArray(entry.workdays)) {
      const off = new Set(entry.holidays.filter(isIsoDate));
      entry.workdays.forEach((date: unknown, j) => {
        if (isIsoDate(date) && off.has(date)) {
          issues.push(
            issue(
              `${at}.workdays[${j}]`,
              'conflicting_day',
              `${date} is listed both as a day off and as a working day`,
              `${date} 同时列为放假日和上班日`,
            ),
          );
        }
      });
    }
    issues.push(...hoursIssues(entry.hours, `${at}.hours`));
  });
  return issues;
}

// ---------------------------------------------------------------------------------------------
// The compiled calendar

/** One year as the arithmetic reads it. */
export interface CompiledYear {
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
  hours: readonly (readonly [number, number])[];
}

/** Calendar years checked and indexed for the arithmetic below; build it with compileCalendar. */
export interface Calendar {
  readonly years: ReadonlyMap<number, CompiledYear>;
  /** the configured years, ascending */
  readonly order: readonly number[];
}

/** Checks the years (throwing CalendarIssues with every refusal) and indexes them. */
export function compileCalendar(years: CalendarYear[]): Calendar {
  const issues = calendarIssues(years);
  if (issues.length > 0) throw new CalendarIssues(issues);
  const map = new Map<number, CompiledYear>();
  for (const y of years) {
    map.set(y.year, {
      holidays: new Set(y.holidays),
      workdays: new Set(y.workdays),
      hours: y.hours.map(([s, e]) => [s, e] as const),
    });
  }
  return { years: map, order: [...map.keys()].sort((a, b) => a - b) };
}

/**
 * The working hours of a year. A year not in the calendar (administrators add each year in the
 * console once the State Council publishes it) keeps the hours of the latest configured year
 * before it, else of the first configured one: hours rarely change, and a case opened on
 * 2 January must not fall due at odd times because next year's schedule is not out yet.
 */
function hoursOf(cal: Calendar, year: number): readonly (readonly [number, number])[] {
  const own = cal.years.get(year);
  if (own) return own.hours;
  const before = cal.order.filter((y) => y < year);
  const from = before.length > 0 ? before[before.length - 1] : cal.order[0];
  return from === undefined ? STANDARD_HOURS : (cal.years.get(from) as CompiledYear).hours;
}

// A China day as a whole number (days since 1970-01-01 in China), so stepping is integer addition.
const chinaDay = (ms: number): number => Math.floor((ms + CHINA_OFFSET_MS) / DAY_MS);
const dateOfDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** The instant China's day begins (UTC 16:00 the day before). */
const dayStart = (day: number): number => day * DAY_MS - CHINA_OFFSET_MS;

function isWorkingDayNumber(cal: Calendar, day: number): boolean {
  const date = dateOfDay(day);
  const year = cal.years.get(Number(date.slice(0, 4)));
  if (year) {
    if (year.workdays.has(date)) return true;
    if (year.holidays.has(date)) return false;
  }
  // Not listed, or a year not in the calendar at all: plain Monday to Friday.
  const weekday = new Date(day * DAY_MS).getUTCDay();
  return weekday >= 1 && weekday <= 5;
}

/** Whether a China date (YYYY-MM-DD) is a working day: 调休 workdays first, then holidays, then Mon–Fri. */
export function isWorkingDay(cal: Calendar, date: string): boolean {
  if (!isIsoDate(date)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${date}`);
  return isWorkingDayNumber(cal, Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/** The working periods of a China day as instants `[start, end)` in ms; none on a day off. */
function periodsOf(cal: Calendar, day: number): [number, number][] {
  if (!isWorkingDayNumber(cal, day)) return [];
  const base = dayStart(day);
  const year = Number(dateOfDay(day).slice(0, 4));
  return hoursOf(cal, year).map(([s, e]) => [base + s * MINUTE_MS, base + e * MINUTE_MS]);
}

function instant(value: Date, name: string): number {
  const ms = value instanceof Date ? value.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError(`${name} is not a valid instant`);
  return ms;
}

function wholeMinutes(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a whole number of minutes, zero or more: ${value}`);
  }
}

/** Thrown when no answer lies within SEARCH_LIMIT_DAYS: a calendar with (almost) no working days. */
export class NoWorkingTimeError extends Error {
  constructor(start: Date, minutes: number) {
    super(
      `${minutes} working minutes after ${start.toISOString()} are not reached within ` +
        `${SEARCH_LIMIT_DAYS} days: the calendar has too few working days`,
    );
    this.name = 'NoWorkingTimeError';
  }
}

/**
 * The instant after `minutes` working minutes counted from `start`; when `start` is outside
 * working time, counting begins at the next working period. Zero minutes answers `start` itself,
 * even outside working time (nothing is owed, so nothing moves). A result exactly at the end of a
 * period is that end (12:00, not 13:30): the limit is met the moment the last minute is worked.
 * Steps a period at a time, so a month-long limit is a few dozen iterations.
 */
export function addWorkingMinutes(cal: Calendar, start: Date, minutes: number): Date {
  let from = instant(start, 'start');
  wholeMinutes(minutes, 'minutes');
  if (minutes === 0) return new Date(from);
  let left = minutes * MINUTE_MS;
  const first = chinaDay(from);
  for (let day = first; day <= first + SEARCH_LIMIT_DAYS; day += 1) {
    for (const [s, e] of periodsOf(cal, day)) {
      if (e <= from) continue;
      from = Math.max(from, s);
      if (left <= e - from) return new Date(from + left);
      left -= e - from;
    }
  }
  throw new NoWorkingTimeError(start, minutes);
}

/**
 * Working minutes from `a` to `b` (0 when `b` is not after `a`), a partial minute dropped. Counts
 * day by day, so it is exact however far apart the instants are.
 */
export function workingMinutesBetween(cal: Calendar, a: Date, b: Date): number {
  const from = instant(a, 'a');
  const to = instant(b, 'b');
  if (to <= from) return 0;
  let ms = 0;
  for (let day = chinaDay(from); day <= chinaDay(to); day += 1) {
    for (const [s, e] of periodsOf(cal, day)) {
      ms += Math.max(0, Math.min(e, to) - Math.max(s, from));
    }
  }
  return Math.floor(ms / MINUTE_MS);
}

export interface Deadline {
  dueAt: Date;
  /** when "due soon" is raised: after warnPercent of the limit's working minutes */
  warnAt: Date;
}

function percent(value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 100) {
    throw new RangeError(`warnPercent must be a whole number from 0 to 100: ${value}`);
  }
}

/** When a limit of `limitMinutes` working minutes started at `start` falls due, and when to warn. */
export function deadline(
  cal: Calendar,
  start: Date,
  limitMinutes: number,
  warnPercent = 80,
): Deadline {
  wholeMinutes(limitMinutes, 'limitMinutes');
  percent(warnPercent);
  return {
    dueAt: addWorkingMinutes(cal, start, limitMinutes),
    warnAt: addWorkingMinutes(cal, start, Math.floor((limitMinutes * warnPercent) / 100)),
  };
}

/**
 * Pausing the clock (a case waiting on the resident): the working minutes still left, to store
 * with the case until it resumes. A case already due keeps 0: resuming it makes it due at once,
 * and how late it already was is the caller's to keep (it knows the old due date).
 */
export function pause(cal: Calendar, now: Date, dueAt: Date): number {
  return workingMinutesBetween(cal, now, dueAt);
}

/**
 * Restarting a paused clock: the deadline after the `remainingMinutes` left when it paused, and
 * the warning at the same share of the whole limit as before (at once when that share was
 * already used up before the pause). With instants on whole minutes, pausing at P and resuming at
 * R moves the due date by exactly the working minutes between P and R.
 */
export function resume(
  cal: Calendar,
  now: Date,
  remainingMinutes: number,
  totalLimit: number,
  warnPercent = 80,
): Deadline {
  wholeMinutes(remainingMinutes, 'remainingMinutes');
  wholeMinutes(totalLimit, 'totalLimit');
  percent(warnPercent);
  if (remainingMinutes > totalLimit) {
    throw new RangeError(
      `remainingMinutes (${remainingMinutes}) exceed totalLimit (${totalLimit})`,
    );
  }
  const used = totalLimit - remainingMinutes;
  const warnAfter = Math.floor((totalLimit * warnPercent) / 100);
  return {
    dueAt: addWorkingMinutes(cal, now, remainingMinutes),
    warnAt: addWorkingMinutes(cal, now, Math.max(0, warnAfter - used)),
  };
}

/** The working minutes of one ordinary working day in a year (an extension's "working day"). */
export function workingMinutesPerDay(cal: Calendar, year: number): number {
  return hoursOf(cal, year).reduce((sum, [s, e]) => sum + (e - s), 0);
}
