// Earned time as lots: spending takes the oldest first, expiry takes exactly what is left of old lots, and family or donation limits per year.
import fc from 'fast-check';
import { addMonths, chinaYear } from '../../plugins/time-bank/server/src/domain/dates';
import { TimeBankIssues } from '../../plugins/time-bank/server/src/domain/errors';
import { yearlyLimitIssue } from '../../plugins/time-bank/server/src/domain/limits';
import { expiring, fifo, spend, type Lot } from '../../plugins/time-bank/server/src/domain/lots';

const lot = (id: string, earnedOn: string, minutes: number, remaining = minutes): Lot => ({
  id,
  earnedOn,
  minutes,
  remaining,
});

describe('calendar months', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-01-15', 12, '2027-01-15'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-02-28', 120, '2036-02-28'],
    ['2026-03-31', -1, '2026-02-28'],
  ])('%s + %p months is %s', (day, months, expected) =>
    expect(addMonths(day, months)).toBe(expected),
  );

  it('the China year of an instant late on 31 December UTC is the next one', () =>
    expect(chinaYear(new Date('2026-12-31T20:00:00Z'))).toBe(2027));
});

describe('spending lots', () => {
  const lots = [
    lot('c', '2026-03-01', 60),
    lot('b', '2026-01-01', 30),
    lot('a', '2026-01-01', 45, 15),
    lot('d', '2026-02-01', 90, 0),
  ];

  it.each<[number, [string, number][]]>([
    [10, [['a', 10]]],
    [15, [['a', 15]]],
    [
      20,
      [
        ['a', 15],
        ['b', 5],
      ],
    ],
    [
      105,
      [
        ['a', 15],
        ['b', 30],
        ['c', 60],
      ],
    ],
  ])('%p minutes are taken oldest first', (minutes, taken) => {
    const result = spend(lots, minutes);
    expect(result.taken).toEqual(taken.map(([id, m]) => ({ id, minutes: m })));
    expect(result.lots.map((l) => l.id)).toEqual(['c', 'b', 'a', 'd']);
  });

  it('does not touch the lots it was given', () => {
    const before = JSON.stringify(lots);
    spend(lots, 50);
    expect(JSON.stringify(lots)).toBe(before);
  });

  it.each([0, -5, 2.5])('refuses %p minutes', (minutes) =>
    expect(() => spend(lots, minutes)).toThrow(TimeBankIssues),
  );

  it('refuses more than the lots hold, saying what is available', () => {
    try {
      spend(lots, 106);
      throw new Error('did not throw');
    } catch (error) {
      expect(error).toBeInstanceOf(TimeBankIssues);
      const [found] = (error as TimeBankIssues).issues;
      expect(found).toMatchObject({ path: 'minutes', code: 'insufficient_balance' });
      expect(found?.message).toContain('1 h 45 min');
      expect(found?.messageZh).toContain('1 小时 45 分');
    }
  });

  const arbitraryLots = fc
    .uniqueArray(
      fc.record({
        id: fc.string({ minLength: 1, maxLength: 4 }),
        earnedOn: fc
          .integer({ min: 0, max: 3000 })
          .map((d) => new Date(Date.UTC(2020, 0, 1 + d)).toISOString().slice(0, 10)),
        minutes: fc.integer({ min: 1, max: 1000 }),
        used: fc.nat(1000),
      }),
      { selector: (l) => l.id, maxLength: 12 },
    )
    .map((xs) => xs.map(({ used, ...l }) => ({ ...l, remaining: Math.max(0, l.minutes - used) })));

  it('keeps the total, never goes negative, and takes in FIFO order', () => {
    fc.assert(
      fc.property(arbitraryLots, fc.integer({ min: 1, max: 5000 }), (given, minutes) => {
        const total = given.reduce((s, l) => s + l.remaining, 0);
        if (minutes > total) {
          expect(() => spend(given, minutes)).toThrow(TimeBankIssues);
          return;
        }
        const { lots: after, taken } = spend(given, minutes);
        expect(after.reduce((s, l) => s + l.remaining, 0)).toBe(total - minutes);
        expect(taken.reduce((s, t) => s + t.minutes, 0)).toBe(minutes);
        for (const l of after) expect(l.remaining).toBeGreaterThanOrEqual(0);
        // FIFO: every lot taken from comes before every lot still holding time, and all but
        // the last lot taken from are emptied.
        const byId = new Map(after.map((l) => [l.id, l]));
        const takenLots = taken.map((t) => byId.get(t.id)!);
        const sorted = [...takenLots].sort(fifo);
        expect(takenLots.map((l) => l.id)).toEqual(sorted.map((l) => l.id));
        for (const l of takenLots.slice(0, -1)) expect(l.remaining).toBe(0);
        const last = takenLots[takenLots.length - 1]!;
        for (const l of after) {
          if (l.remaining > 0 && l.id !== last.id) expect(fifo(last, l)).toBeLessThan(0);
        }
      }),
    );
  });

  it('expiring never returns more than a lot holds, nor an empty lot, nor anything young', () => {
    fc.assert(
      fc.property(
        arbitraryLots,
        fc.integer({ min: 0, max: 4000 }),
        fc.option(fc.integer({ min: 1, max: 120 })),
        (given, d, months) => {
          const today = new Date(Date.UTC(2020, 0, 1 + d)).toISOString().slice(0, 10);
          const out = expiring(given, today, months);
          const byId = new Map(given.map((l) => [l.id, l]));
          for (const e of out) {
            const l = byId.get(e.id)!;
            expect(e.minutes).toBe(l.remaining);
            expect(e.minutes).toBeGreaterThan(0);
            expect(addMonths(l.earnedOn, months!) <= today).toBe(true);
          }
          if (months === null) expect(out).toEqual([]);
        },
      ),
    );
  });
});

describe('expiry', () => {
  const lots = [
    lot('jan31', '2026-01-31', 60, 40),
    lot('feb01', '2026-02-01', 60),
    lot('empty', '2025-01-01', 60, 0),
    lot('old', '2025-06-15', 30),
  ];
  it.each<[string, number | null, [string, number][]]>([
    ['2026-02-27', 1, [['old', 30]]],
    [
      '2026-02-28',
      1,
      [
        ['old', 30],
        ['jan31', 40],
      ],
    ],
    [
      '2026-03-01',
      1,
      [
        ['old', 30],
        ['jan31', 40],
        ['feb01', 60],
      ],
    ],
    ['2026-06-14', 12, []],
    ['2026-06-15', 12, [['old', 30]]],
    ['2099-01-01', null, []],
  ])('on %s with %p months', (today, months, expected) =>
    expect(expiring(lots, today, months)).toEqual(
      expected.map(([id, minutes]) => ({ id, minutes })),
    ),
  );
});

describe('yearly limits', () => {
  it.each<[number, number, number, boolean]>([
    [0, 6000, 6000, true],
    [5940, 60, 6000, true],
    [5940, 61, 6000, false],
    [0, 1, 0, false],
  ])('used %p, giving %p, limit %p: allowed %p', (used, amount, limit, allowed) =>
    expect(yearlyLimitIssue('minutes', used, amount, limit, 'family') === null).toBe(allowed),
  );

  it.each([
    ['family' as const, 'family transfers', '亲情转赠'],
    ['donation' as const, 'donations', '捐赠'],
  ])('a %s refusal says what remains this year', (kind, en, zh) => {
    const found = yearlyLimitIssue('minutes', 5910, 120, 6000, kind);
    expect(found).toMatchObject({ path: 'minutes', code: 'yearly_limit' });
    expect(found?.message).toContain(en);
    expect(found?.message).toContain('1.5 h remain this year');
    expect(found?.messageZh).toContain(zh);
    expect(found?.messageZh).toContain('1.5 小时');
  });

  it('a year already over its limit has nothing left, not a negative figure', () => {
    expect(yearlyLimitIssue('minutes', 7000, 1, 6000, 'donation')?.message).toContain('0 h remain');
  });
});
