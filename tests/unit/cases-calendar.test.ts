// The cases working-day calendar: which China days are worked, working-minute arithmetic across holidays and make-up days, pauses, and refused calendars.
import fc from 'fast-check';
import {
  addWorkingMinutes,
  calendarIssues,
  CalendarIssues,
  compileCalendar,
  deadline,
  isWorkingDay,
  NoWorkingTimeError,
  pause,
  resume,
  STANDARD_HOURS,
  workingMinutesBetween,
} from '../../plugins/cases/server/src/domain/calendar';
import {
  CHINA_2025,
  CHINA_2026,
  PUBLISHED_YEARS,
} from '../../plugins/cases/server/src/domain/holidays';
import type { CalendarYear } from '../../plugins/cases/server/src/domain/types';

const MINUTE = 60_000;
const cal = compileCalendar([...PUBLISHED_YEARS]);

/** An instant written in China time: `china('2026-03-04 09:00')`. */
const china = (text: string): Date => new Date(`${text.replace(' ', 'T')}:00+08:00`);
/** The China date and time of an instant, `2026-03-04 09:00` (seconds dropped). */
const show = (d: Date): string =>
  new Date(d.getTime() + 8 * 60 * MINUTE).toISOString().slice(0, 16).replace('T', ' ');

const year = (over: Partial<CalendarYear> = {}): CalendarYear => ({
  year: 2026,
  holidays: [],
  workdays: [],
  hours: [
    [540, 720],
    [810, 1050],
  ],
  ...over,
});
const codes = (years: unknown) => calendarIssues(years).map((i) => [i.path, i.code]);

describe('the published schedules', () => {
  it.each(PUBLISHED_YEARS.map((y) => [y.year, y]))('%i is a valid, confirmed year', (_, y) => {
    expect(calendarIssues([y])).toEqual([]);
    expect(y.confirmed).toBe(true);
    expect(y.source).toContain(`国务院办公厅关于${y.year}年部分节假日安排的通知`);
    expect(y.hours).toEqual(STANDARD_HOURS);
  });

  it('lists only weekdays as holidays and only weekends as make-up workdays', () => {
    const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
    for (const y of PUBLISHED_YEARS) {
      expect(y.holidays.filter((d) => weekday(d) === 0 || weekday(d) === 6)).toEqual([]);
      expect(y.workdays.filter((d) => weekday(d) !== 0 && weekday(d) !== 6)).toEqual([]);
    }
    // The notices' totals: 2026 keeps 19 weekdays off and 6 make-up days, 2025 18 and 5.
    expect([CHINA_2026.holidays.length, CHINA_2026.workdays.length]).toEqual([19, 6]);
    expect([CHINA_2025.holidays.length, CHINA_2025.workdays.length]).toEqual([18, 5]);
  });
});

describe('isWorkingDay', () => {
  it.each<[string, boolean, string]>([
    ['2026-01-02', false, '元旦 bridge, a Friday'],
    ['2026-01-04', true, 'make-up Sunday for 元旦'],
    ['2026-02-13', true, 'the Friday before 春节'],
    ['2026-02-14', true, 'make-up Saturday for 春节'],
    ['2026-02-16', false, '春节, a Monday'],
    ['2026-02-21', false, 'a Saturday inside 春节, not listed'],
    ['2026-02-23', false, '春节 ends on a Monday'],
    ['2026-02-28', true, 'the second make-up Saturday'],
    ['2026-03-07', false, 'a plain Saturday'],
    ['2026-03-09', true, 'a plain Monday'],
    ['2026-10-08', true, 'the first day back after 国庆'],
    ['2026-10-10', true, 'make-up Saturday for 国庆'],
    ['2025-01-26', true, 'make-up Sunday for 春节 2025'],
    ['2025-10-08', false, '国庆 2025, a Wednesday'],
    ['2027-02-08', true, 'a Monday of a year not in the calendar: plain Mon–Fri'],
    ['2027-02-06', false, 'a Saturday of a year not in the calendar'],
  ])('%s → %s (%s)', (date, expected) => {
    expect(isWorkingDay(cal, date)).toBe(expected);
  });

  it('refuses a malformed date', () => {
    expect(() => isWorkingDay(cal, '2026-02-30')).toThrow(RangeError);
    expect(() => isWorkingDay(cal, '2026/03/04')).toThrow(RangeError);
  });
});

describe('addWorkingMinutes and workingMinutesBetween', () => {
  it.each<[string, number, string, string]>([
    [
      '2026-03-04 09:00',
      180,
      '2026-03-04 12:00',
      'the end of the morning, not the afternoon start',
    ],
    ['2026-03-04 09:00', 181, '2026-03-04 13:31', 'over lunch'],
    ['2026-03-04 11:30', 60, '2026-03-04 14:00', 'half an hour each side of lunch'],
    ['2026-03-04 12:15', 30, '2026-03-04 14:00', 'starting at lunch counts from 13:30'],
    ['2026-03-04 09:00', 420, '2026-03-04 17:30', 'a whole day ends at 17:30'],
    ['2026-03-04 09:00', 421, '2026-03-05 09:01', 'one more minute is tomorrow'],
    ['2026-03-03 23:59', 1, '2026-03-04 09:01', 'a minute before midnight'],
    ['2026-03-04 00:00', 1, '2026-03-04 09:01', 'midnight itself'],
    ['2026-03-06 23:59', 60, '2026-03-09 10:00', 'Friday night to Monday'],
    ['2026-03-07 00:00', 60, '2026-03-09 10:00', 'Saturday midnight to Monday'],
    ['2026-02-13 17:00', 120, '2026-02-14 10:30', 'into the make-up Saturday (30 + 90 minutes)'],
    ['2026-02-14 17:00', 60, '2026-02-24 09:30', 'across the whole of 春节'],
    ['2026-09-30 16:00', 480, '2026-10-08 17:00', 'across 国庆: 90 on Sep 30, 180 + 210 on Oct 8'],
    ['2026-10-09 16:00', 120, '2026-10-10 09:30', 'into the make-up Saturday after 国庆'],
    ['2026-03-02 09:00', 2400, '2026-03-09 15:30', 'five days of 420 and 300 minutes more'],
    ['2026-12-31 17:00', 60, '2027-01-01 09:30', 'into a year not in the calendar (Friday)'],
  ])('%s + %i → %s (%s)', (start, minutes, expected) => {
    const due = addWorkingMinutes(cal, china(start), minutes);
    expect(show(due)).toBe(expected);
    expect(workingMinutesBetween(cal, china(start), due)).toBe(minutes);
  });

  it('answers the start itself for zero minutes, even outside working time', () => {
    const saturday = china('2026-03-07 10:00');
    expect(addWorkingMinutes(cal, saturday, 0)).toEqual(saturday);
    expect(addWorkingMinutes(cal, saturday, 0)).not.toBe(saturday);
  });

  it.each<[string, string, number]>([
    ['2026-03-04 11:00', '2026-03-04 14:00', 90],
    ['2026-03-04 12:10', '2026-03-04 13:20', 0],
    ['2026-03-04 14:00', '2026-03-04 11:00', 0],
    ['2026-03-06 17:00', '2026-03-09 09:30', 60],
    ['2026-09-30 00:00', '2026-10-09 00:00', 840],
    ['2026-02-13 00:00', '2026-03-01 00:00', 7 * 420], // 13, 14, 24–28,
  ])('between %s and %s: %i', (a, b, expected) => {
    expect(workingMinutesBetween(cal, china(a), china(b))).toBe(expected);
  });

  it('drops a partial minute', () => {
    const a = new Date(china('2026-03-04 09:00').getTime() + 30_000);
    expect(workingMinutesBetween(cal, a, china('2026-03-04 09:02'))).toBe(1);
  });

  it('refuses minutes that are not whole and non-negative, and invalid instants', () => {
    const start = china('2026-03-04 09:00');
    expect(() => addWorkingMinutes(cal, start, -1)).toThrow(RangeError);
    expect(() => addWorkingMinutes(cal, start, 1.5)).toThrow(RangeError);
    expect(() => addWorkingMinutes(cal, start, Number.NaN)).toThrow(RangeError);
    expect(() => addWorkingMinutes(cal, new Date(Number.NaN), 1)).toThrow(RangeError);
    expect(() => workingMinutesBetween(cal, start, new Date(Number.NaN))).toThrow(RangeError);
  });

  it('gives up with a clear error when no working time lies within three years', () => {
    const years: CalendarYear[] = [];
    for (let y = 2026; y <= 2030; y += 1) {
      const holidays: string[] = [];
      for (let t = Date.UTC(y, 0, 1); t < Date.UTC(y + 1, 0, 1); t += 24 * 60 * MINUTE) {
        const day = new Date(t);
        if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6)
          holidays.push(day.toISOString().slice(0, 10));
      }
      years.push(year({ year: y, holidays }));
    }
    const none = compileCalendar(years);
    expect(() => addWorkingMinutes(none, china('2026-01-01 09:00'), 1)).toThrow(NoWorkingTimeError);
    expect(() => addWorkingMinutes(none, china('2026-01-01 09:00'), 1)).toThrow(/1098 days/);
    // Counting needs no search: nothing is worked.
    expect(workingMinutesBetween(none, china('2026-01-01 00:00'), china('2027-01-01 00:00'))).toBe(
      0,
    );
  });
});

describe('deadline, pause and resume', () => {
  it('warns at the share of the limit', () => {
    expect(deadline(cal, china('2026-03-04 09:00'), 420)).toEqual({
      dueAt: china('2026-03-04 17:30'),
      warnAt: china('2026-03-04 16:06'), // floor(420 × 80%) = 336 = 180 + 156
    });
    expect(show(deadline(cal, china('2026-03-04 09:00'), 420, 50).warnAt)).toBe('2026-03-04 14:00');
    expect(() => deadline(cal, china('2026-03-04 09:00'), 420, 101)).toThrow(RangeError);
  });

  it('a pause over 国庆 carries the afternoon left before it to the first day back', () => {
    const { dueAt } = deadline(cal, china('2026-09-29 09:00'), 840); // two days: Sep 30 17:30
    expect(show(dueAt)).toBe('2026-09-30 17:30');
    const left = pause(cal, china('2026-09-30 17:30'), dueAt);
    expect(left).toBe(0);
    const left2 = pause(cal, china('2026-09-30 13:30'), dueAt);
    expect(left2).toBe(240);
    expect(show(resume(cal, china('2026-10-08 09:00'), left2, 840).dueAt)).toBe('2026-10-08 14:30');
  });

  it('a case paused when already due is due at once on resuming', () => {
    const now = china('2026-03-05 10:00');
    const left = pause(cal, now, china('2026-03-04 17:30'));
    expect(left).toBe(0);
    expect(resume(cal, china('2026-03-09 10:00'), left, 420)).toEqual({
      dueAt: china('2026-03-09 10:00'),
      warnAt: china('2026-03-09 10:00'),
    });
  });

  it('refuses more minutes left than the limit', () => {
    expect(() => resume(cal, china('2026-03-04 09:00'), 500, 420)).toThrow(RangeError);
  });
});

describe('properties', () => {
  // Whole-minute instants from December 2024 to the end of January 2027: both published years,
  // the years around them (plain Mon–Fri), every holiday and make-up day.
  const from = china('2024-12-01 00:00').getTime();
  const to = china('2027-01-31 00:00').getTime();
  const minuteInstant = fc
    .integer({ min: 0, max: (to - from) / MINUTE })
    .map((m) => new Date(from + m * MINUTE));
  const anyInstant = fc.integer({ min: from, max: to }).map((ms) => new Date(ms));
  const limit = fc.integer({ min: 0, max: 20 * 420 });

  const offDays = new Set(PUBLISHED_YEARS.flatMap((y) => y.holidays));
  const makeUpDays = new Set(PUBLISHED_YEARS.flatMap((y) => y.workdays));
  /** Worked according to the published lists directly, not through isWorkingDay. */
  const workedPerNotice = (date: string) => {
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return makeUpDays.has(date) || (!offDays.has(date) && weekday >= 1 && weekday <= 5);
  };
  const chinaParts = (d: Date) => {
    const local = d.getTime() + 8 * 60 * MINUTE;
    const date = new Date(local).toISOString().slice(0, 10);
    const minuteOfDay = (local - Date.parse(`${date}T00:00:00Z`)) / MINUTE;
    return { date, minuteOfDay };
  };

  it('adding working time lands in a working period, or at its end, of a day the notice has worked', () => {
    fc.assert(
      fc.property(anyInstant, fc.integer({ min: 1, max: 20 * 420 }), (start, m) => {
        const { date, minuteOfDay } = chinaParts(addWorkingMinutes(cal, start, m));
        expect(workedPerNotice(date)).toBe(true);
        expect(STANDARD_HOURS.some(([s, e]) => s < minuteOfDay && minuteOfDay <= e)).toBe(true);
      }),
    );
  });

  it('counting back what was added gives the same minutes, from any start', () => {
    fc.assert(
      fc.property(anyInstant, limit, (start, m) => {
        expect(workingMinutesBetween(cal, start, addWorkingMinutes(cal, start, m))).toBe(m);
      }),
    );
  });

  it('is monotonic: more minutes never end earlier, a later start never ends earlier', () => {
    fc.assert(
      fc.property(anyInstant, anyInstant, limit, limit, (a, b, m, n) => {
        const [lo, hi] = m <= n ? [m, n] : [n, m];
        expect(addWorkingMinutes(cal, a, lo).getTime()).toBeLessThanOrEqual(
          addWorkingMinutes(cal, a, hi).getTime(),
        );
        if (lo < hi) {
          expect(addWorkingMinutes(cal, a, lo).getTime()).toBeLessThan(
            addWorkingMinutes(cal, a, hi).getTime(),
          );
        }
        const [early, late] = a <= b ? [a, b] : [b, a];
        expect(addWorkingMinutes(cal, early, m).getTime()).toBeLessThanOrEqual(
          addWorkingMinutes(cal, late, m).getTime(),
        );
      }),
    );
  });

  it('between is additive over a split point', () => {
    fc.assert(
      fc.property(minuteInstant, minuteInstant, minuteInstant, (x, y, z) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p.getTime() - q.getTime());
        expect(workingMinutesBetween(cal, a, b) + workingMinutesBetween(cal, b, c)).toBe(
          workingMinutesBetween(cal, a, c),
        );
      }),
    );
  });

  /*
   * A limit L starts at S and falls due at D. The clock pauses at P (S ≤ P < D) and resumes at R
   * (R ≥ P), all on whole minutes. Then:
   * - the new due date is D plus the pause's working minutes: addWorkingMinutes(D, between(P, R));
   * - the working time before the pause and after the resumption adds up to L exactly;
   * - a warning not yet reached at P moves by the same working minutes.
   */
  it('a pause moves the deadline by exactly its working length', () => {
    fc.assert(
      fc.property(
        minuteInstant,
        fc.integer({ min: 1, max: 10 * 420 }),
        fc.integer({ min: 1, max: 99 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.integer({ min: 0, max: 30 * 24 * 60 }),
        (start, total, warnPercent, where, gap) => {
          const original = deadline(cal, start, total, warnPercent);
          const span = (original.dueAt.getTime() - start.getTime()) / MINUTE;
          const paused = new Date(start.getTime() + Math.floor(where * span) * MINUTE);
          const resumed = new Date(paused.getTime() + gap * MINUTE);

          const left = pause(cal, paused, original.dueAt);
          const after = resume(cal, resumed, left, total, warnPercent);
          const pauseLength = workingMinutesBetween(cal, paused, resumed);

          expect(after.dueAt).toEqual(addWorkingMinutes(cal, original.dueAt, pauseLength));
          expect(
            workingMinutesBetween(cal, start, paused) +
              workingMinutesBetween(cal, resumed, after.dueAt),
          ).toBe(total);
          if (paused < original.warnAt) {
            expect(after.warnAt).toEqual(addWorkingMinutes(cal, original.warnAt, pauseLength));
          } else {
            expect(after.warnAt).toEqual(resumed);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('calendarIssues', () => {
  it('accepts a plain year, and the issues name their field in both languages', () => {
    expect(calendarIssues([year()])).toEqual([]);
    expect(calendarIssues([year(), year({ year: 2026 })])).toEqual([
      {
        path: 'years[1].year',
        code: 'overlapping_year',
        message: 'years[1].year: 2026 is already in the calendar',
        messageZh: 'years[1].year：2026年已在日历中，不能重复',
      },
    ]);
  });

  it.each<[string, unknown, [string, string][]]>([
    ['not a list', { year: 2026 }, [['years', 'invalid_date']]],
    ['not a year', [2026], [['years[0]', 'invalid_date']]],
    [
      'the same year twice',
      [year(), year({ year: 2027 }), year()],
      [['years[2].year', 'overlapping_year']],
    ],
    ['a year out of range', [year({ year: 1999 })], [['years[0].year', 'invalid_date']]],
    ['a year not whole', [year({ year: 2026.5 })], [['years[0].year', 'invalid_date']]],
    [
      'an impossible date',
      [year({ holidays: ['2026-01-01', '2026-02-30'] })],
      [['years[0].holidays[1]', 'invalid_date']],
    ],
    [
      'a malformed date',
      [year({ workdays: ['2026-2-14'] })],
      [['years[0].workdays[0]', 'invalid_date']],
    ],
    [
      'a date of another year',
      [year({ holidays: ['2026-01-02', '2026-01-05', '2026-01-06', '2025-12-31'] })],
      [['years[0].holidays[3]', 'invalid_date']],
    ],
    [
      'holidays not a list',
      [{ ...year(), holidays: '2026-01-01' }],
      [['years[0].holidays', 'invalid_date']],
    ],
    [
      'a day both off and worked',
      [year({ holidays: ['2026-02-16'], workdays: ['2026-02-14', '2026-02-16'] })],
      [['years[0].workdays[1]', 'conflicting_day']],
    ],
    ['no hours', [year({ hours: [] })], [['years[0].hours', 'invalid_hours']]],
    [
      'a period backwards',
      [year({ hours: [[720, 540]] })],
      [['years[0].hours[0]', 'invalid_hours']],
    ],
    ['an empty period', [year({ hours: [[540, 540]] })], [['years[0].hours[0]', 'invalid_hours']]],
    ['past midnight', [year({ hours: [[1200, 1441]] })], [['years[0].hours[0]', 'invalid_hours']]],
    ['negative', [year({ hours: [[-60, 540]] })], [['years[0].hours[0]', 'invalid_hours']]],
    [
      'not whole minutes',
      [year({ hours: [[540.5, 720]] })],
      [['years[0].hours[0]', 'invalid_hours']],
    ],
    [
      'overlapping periods',
      [
        year({
          hours: [
            [540, 720],
            [700, 1050],
          ],
        }),
      ],
      [['years[0].hours[1]', 'invalid_hours']],
    ],
    [
      'periods out of order',
      [
        year({
          hours: [
            [810, 1050],
            [540, 720],
          ],
        }),
      ],
      [['years[0].hours[1]', 'invalid_hours']],
    ],
    [
      'a period not a pair',
      [{ ...year(), hours: [[540, 720, 900]] }],
      [['years[0].hours[0]', 'invalid_hours']],
    ],
  ])('refuses %s', (_, input, expected) => {
    expect(codes(input)).toEqual(expected);
  });

  it('reports every issue, not only the first', () => {
    expect(
      codes([year({ holidays: ['2026-13-01'], hours: [] }), year({ workdays: ['x'] })]),
    ).toEqual([
      ['years[0].holidays[0]', 'invalid_date'],
      ['years[0].hours', 'invalid_hours'],
      ['years[1].year', 'overlapping_year'],
      ['years[1].workdays[0]', 'invalid_date'],
    ]);
  });

  it('accepts periods that touch', () => {
    expect(
      calendarIssues([
        year({
          hours: [
            [540, 720],
            [720, 1440],
          ],
        }),
      ]),
    ).toEqual([]);
  });

  it('compileCalendar refuses through the same list', () => {
    const bad = [year({ holidays: ['2026-02-16'], workdays: ['2026-02-16'] })];
    const thrown = (() => {
      try {
        compileCalendar(bad);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(thrown).toBeInstanceOf(CalendarIssues);
    expect((thrown as CalendarIssues).issues).toEqual(calendarIssues(bad));
  });

  it('a year not in the calendar keeps the hours of the latest configured year before it', () => {
    const early = compileCalendar([
      year({ year: 2025, hours: [[480, 600]] }),
      year({ year: 2026, hours: [[600, 720]] }),
    ]);
    expect(show(addWorkingMinutes(early, china('2027-03-01 00:00'), 1))).toBe('2027-03-01 10:01');
    expect(show(addWorkingMinutes(early, china('2024-03-01 00:00'), 1))).toBe('2024-03-01 08:01');
    const empty = compileCalendar([]);
    expect(show(addWorkingMinutes(empty, china('2026-03-04 00:00'), 1))).toBe('2026-03-04 09:01');
  });
});
