// China time (UTC+8): today's date, the year, midnights and period edges, across the 00:00–08:00
// China hours where the UTC date is still yesterday, and year ends; an incubation moved at 01:00.
import {
  addDays,
  chinaDate,
  chinaDateRange,
  chinaMidnight,
  chinaPeriod,
  chinaYear,
  isIsoDate,
  todayInChina,
} from '../../cms/server/src/domain/china-time';
import { enterStage, stageDateIssues } from '../../cms/server/src/domain/incubation-stages';

describe('China time', () => {
  it.each([
    // instant (UTC)              China date     China year
    ['2026-03-10T15:59:59.999Z', '2026-03-10', 2026], // 23:59:59.999 in China
    ['2026-03-10T16:00:00.000Z', '2026-03-11', 2026], // 00:00 in China, UTC still the 10th
    ['2026-03-10T17:00:00.000Z', '2026-03-11', 2026], // 01:00
    ['2026-03-10T23:59:59.999Z', '2026-03-11', 2026], // 07:59:59.999
    ['2026-03-11T00:00:00.000Z', '2026-03-11', 2026], // 08:00: UTC and China agree again
    ['2026-12-31T15:59:59.999Z', '2026-12-31', 2026], // the year's last moment in China
    ['2026-12-31T16:00:00.000Z', '2027-01-01', 2027], // New Year in China, 2026 in UTC
    ['2026-12-31T23:00:00.000Z', '2027-01-01', 2027],
    ['2024-02-28T16:00:00.000Z', '2024-02-29', 2024], // leap day
  ])('%s is %s in China, year %i', (instant, date, year) => {
    expect(chinaDate(new Date(instant))).toBe(date);
    expect(todayInChina(Date.parse(instant))).toBe(date);
    expect(chinaYear(new Date(instant))).toBe(year);
  });

  it.each([
    ['2026-01-01', '2025-12-31T16:00:00.000Z'],
    ['2026-03-11', '2026-03-10T16:00:00.000Z'],
    ['2024-02-29', '2024-02-28T16:00:00.000Z'],
  ])("China's %s begins at %s", (date, instant) => {
    expect(chinaMidnight(date).toISOString()).toBe(instant);
    expect(chinaDate(chinaMidnight(date))).toBe(date);
    expect(chinaDate(chinaMidnight(date).getTime() - 1)).toBe(addDays(date, -1));
  });

  it.each([
    ['day', '2026-03-11', '2026-03-10T16:00:00.000Z', '2026-03-11T16:00:00.000Z'],
    ['day', '2026-12-31', '2026-12-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z'],
    ['month', '2026-02-14', '2026-01-31T16:00:00.000Z', '2026-02-28T16:00:00.000Z'],
    ['month', '2024-02-01', '2024-01-31T16:00:00.000Z', '2024-02-29T16:00:00.000Z'],
    ['month', '2026-12-31', '2026-11-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z'],
    ['year', '2026-07-01', '2025-12-31T16:00:00.000Z', '2026-12-31T16:00:00.000Z'],
  ] as const)('the %s of %s runs from %s to (not including) %s', (unit, date, start, end) => {
    const period = chinaPeriod(unit, date);
    expect(period.start.toISOString()).toBe(start);
    expect(period.end.toISOString()).toBe(end);
  });

  it('takes a date range with both ends included', () => {
    const { start, end } = chinaDateRange('2026-01-01', '2026-12-31');
    expect(start.toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(end.toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  it.each([
    ['2026-12-31', 1, '2027-01-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-01-01', 365, '2027-01-01'],
  ])('%s plus %i days is %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it.each([
    ['2026-02-28', true],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2026-13-01', false],
    ['2026-1-01', false],
    ['2026-01-01T00:00:00Z', false],
    [20260101, false],
    [null, false],
  ])('%p is a calendar date: %p', (value, ok) => {
    expect(isIsoDate(value)).toBe(ok);
  });

  it('refuses what is not a calendar date instead of returning an Invalid Date', () => {
    expect(() => chinaMidnight('2026-02-30')).toThrow(RangeError);
    expect(() => chinaPeriod('month', 'soon')).toThrow(RangeError);
  });
});

describe('an incubation moved at 01:00 in China', () => {
  // Applied for through a form earlier that China day (dated in China time), moved to
  // assessment at 01:00 China time, when the UTC date is still the day before.
  const now = Date.parse('2026-03-10T17:00:00Z');
  const dates = { appliedOn: '2026-03-11' };

  it('is dated that China day, and its dates are in order', () => {
    const moved = enterStage(dates, 'assessing', todayInChina(now));
    expect(moved.assessingOn).toBe('2026-03-11');
    expect(stageDateIssues({ ...dates, ...moved })).toEqual([]);
  });

  it('would be refused as out of order if dated by the UTC calendar', () => {
    const utcToday = new Date(now).toISOString().slice(0, 10);
    const moved = enterStage(dates, 'assessing', utcToday);
    expect(stageDateIssues({ ...dates, ...moved }).map((i) => i.code)).toEqual([
      'dates_out_of_order',
    ]);
  });
});
