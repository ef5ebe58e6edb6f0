// The time bank's arithmetic: checked and counted minutes, rates, star levels, the storage cap and how hours read.
import fc from 'fast-check';
import { TimeBankIssues, type Issue } from '../../plugins/time-bank/server/src/domain/errors';
import {
  DEFAULT_POLICY,
  parsePolicy,
  type Policy,
} from '../../plugins/time-bank/server/src/domain/policy';
import {
  aboveCapIssue,
  capSplit,
  checkedMinutes,
  countedMinutes,
  creditedMinutes,
  formatHours,
  mayRedeem,
  starLevel,
} from '../../plugins/time-bank/server/src/domain/time';

const issuesOf = (fn: () => unknown): Issue[] => {
  try {
    fn();
  } catch (error) {
    if (error instanceof TimeBankIssues) return error.issues;
    throw error;
  }
  throw new Error('did not throw');
};

describe('checked minutes', () => {
  it.each<[Date | string, Date | string, number]>([
    ['2026-11-30T01:00:00Z', '2026-11-30T02:00:00Z', 60],
    ['2026-11-30T09:00:00+08:00', '2026-11-30T01:59:59.999Z', 59],
    [new Date('2026-11-30T01:00:00Z'), '2026-11-30T01:00:59Z', 0],
    ['2026-11-30T23:30:00+08:00', new Date('2026-12-01T00:45:00+08:00'), 75],
  ])('%p → %p is %p minutes', (a, b, expected) => expect(checkedMinutes(a, b)).toBe(expected));

  it.each([
    ['2026-11-30T02:00:00Z', '2026-11-30T01:00:00Z'],
    ['2026-11-30T02:00:00Z', '2026-11-30T02:00:00Z'],
  ])('refuses a check-out at or before check-in', (a, b) => {
    expect(issuesOf(() => checkedMinutes(a, b))).toEqual([
      expect.objectContaining({ path: 'checkedOutAt', code: 'checkout_before_checkin' }),
    ]);
  });

  it('refuses what is not a date-time', () => {
    expect(issuesOf(() => checkedMinutes('yesterday', 'now')).map((i) => i.path)).toEqual([
      'checkedInAt',
      'checkedOutAt',
    ]);
  });
});

describe('counted minutes', () => {
  const policies: Record<string, Policy> = {
    default: DEFAULT_POLICY,
    nearest: parsePolicy({ rounding: 'nearest' }),
    'nearest up to 710': parsePolicy({ rounding: 'nearest', maxServiceMinutes: 710 }),
    'step 15': parsePolicy({ roundingStepMinutes: 15, minServiceMinutes: 15 }),
  };
  it.each([
    [30, 'default', 30],
    [59, 'default', 30],
    [60, 'default', 60],
    [719, 'default', 690],
    [720, 'default', 720],
    [44, 'nearest', 30],
    [45, 'nearest', 60],
    [59, 'nearest', 60],
    [705, 'nearest', 720],
    // Rounding up stops at the maximum: the maximum stays the most a service can count.
    [705, 'nearest up to 710', 690],
    [95, 'step 15', 90],
  ])('%p raw minutes under the %s policy count %p', (raw, name, expected) =>
    expect(countedMinutes(raw, policies[name]!)).toBe(expected),
  );

  it.each([0, 29, 721, 30 * 60])('refuses %p minutes, naming the bounds in hours', (raw) => {
    const [found] = issuesOf(() => countedMinutes(raw, DEFAULT_POLICY, 'checkedOutAt'));
    expect(found).toMatchObject({ path: 'checkedOutAt', code: 'invalid_duration' });
    expect(found?.message).toContain('0.5 h to 12 h');
    expect(found?.messageZh).toContain('0.5 小时 至 12 小时');
  });

  it.each([45.5, -30, NaN, Infinity])('refuses %p as not whole minutes', (raw) => {
    expect(issuesOf(() => countedMinutes(raw, DEFAULT_POLICY))).toEqual([
      expect.objectContaining({ path: 'duration', code: 'invalid_value' }),
    ]);
  });

  const randomPolicies = fc
    .record({
      roundingStepMinutes: fc.integer({ min: 1, max: 240 }),
      rounding: fc.constantFrom('down' as const, 'nearest' as const),
      span: fc.integer({ min: 0, max: 1440 }),
    })
    .map(({ roundingStepMinutes, rounding, span }) => {
      const min = roundingStepMinutes;
      return parsePolicy({
        roundingStepMinutes,
        rounding,
        minServiceMinutes: min,
        maxServiceMinutes: Math.min(1440, min + span),
      });
    });

  it('rounding down never exceeds the raw time and is a multiple of the step', () => {
    fc.assert(
      fc.property(randomPolicies, fc.nat(), (p, seed) => {
        const policy = { ...p, rounding: 'down' as const };
        const raw =
          policy.minServiceMinutes +
          (seed % (policy.maxServiceMinutes - policy.minServiceMinutes + 1));
        const counted = countedMinutes(raw, policy);
        expect(counted).toBeLessThanOrEqual(raw);
        expect(counted % policy.roundingStepMinutes).toBe(0);
        expect(raw - counted).toBeLessThan(policy.roundingStepMinutes);
        expect(counted).toBeGreaterThan(0);
      }),
    );
  });

  it('rounding to the nearest step stays within half a step and never passes the maximum', () => {
    fc.assert(
      fc.property(randomPolicies, fc.nat(), (p, seed) => {
        const policy = { ...p, rounding: 'nearest' as const };
        const raw =
          policy.minServiceMinutes +
          (seed % (policy.maxServiceMinutes - policy.minServiceMinutes + 1));
        const counted = countedMinutes(raw, policy);
        expect(counted % policy.roundingStepMinutes).toBe(0);
        expect(counted).toBeLessThanOrEqual(policy.maxServiceMinutes);
        expect(Math.abs(counted - raw)).toBeLessThan(policy.roundingStepMinutes);
        expect(counted).toBeGreaterThan(0);
      }),
    );
  });
});

describe('credited minutes', () => {
  const policy = parsePolicy({ categoryRates: { repair: 1500, chat: 500, odd: 333 } });
  it.each<[number, string | null, number]>([
    [60, null, 60],
    [60, 'unknown', 60],
    [30, 'repair', 45],
    [90, 'chat', 45],
    [31, 'chat', 15],
    [90, 'odd', 29],
    [0, 'repair', 0],
    // An inherited property is no category: 'constructor' takes the default rate.
    [60, 'constructor', 60],
  ])('%p minutes of %p credit %p', (counted, category, expected) =>
    expect(creditedMinutes(counted, category, policy)).toBe(expected),
  );

  it('refuses a fractional or negative count', () => {
    expect(() => creditedMinutes(1.5, null, policy)).toThrow(TimeBankIssues);
    expect(() => creditedMinutes(-1, null, policy)).toThrow(TimeBankIssues);
  });

  it('is a whole number, monotone in the counted minutes, and exact at 1×', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10000 }),
        fc.integer({ min: 0, max: 1440 }),
        fc.integer({ min: 0, max: 1440 }),
        (rate, a, b) => {
          const p = { ...DEFAULT_POLICY, categoryRates: { c: rate } };
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const [x, y] = [creditedMinutes(lo, 'c', p), creditedMinutes(hi, 'c', p)];
          expect(Number.isInteger(x)).toBe(true);
          expect(x).toBeLessThanOrEqual(y);
          expect(x * 1000).toBeLessThanOrEqual(lo * rate);
          expect((x + 1) * 1000).toBeGreaterThan(lo * rate);
          expect(creditedMinutes(lo, null, DEFAULT_POLICY)).toBe(lo);
        },
      ),
    );
  });
});

describe('star levels', () => {
  const thresholds = DEFAULT_POLICY.starThresholdsMinutes;
  it.each([
    [0, 0],
    [5999, 0],
    [6000, 1],
    [17999, 1],
    [18000, 2],
    [90000, 5],
    [1_000_000, 5],
  ])('%p earned minutes is star %p', (earned, level) =>
    expect(starLevel(earned, thresholds)).toBe(level),
  );

  it.each<[number, Partial<Policy>, boolean]>([
    [0, {}, false],
    [6000, {}, true],
    [0, { redeemFromLevel: 0 }, true],
    [17999, { redeemFromLevel: 2 }, false],
    [18000, { redeemFromLevel: 2 }, true],
  ])('%p earned under %p may redeem: %p', (earned, given, expected) =>
    expect(mayRedeem(earned, parsePolicy(given))).toBe(expected),
  );

  it('never falls as earned time grows', () => {
    const ascending = fc
      .uniqueArray(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 10 })
      .map((xs) => [...xs].sort((a, b) => a - b));
    fc.assert(
      fc.property(ascending, fc.nat(2_000_000), fc.nat(2_000_000), (ts, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(starLevel(lo, ts)).toBeLessThanOrEqual(starLevel(hi, ts));
        expect(starLevel(hi, ts)).toBeLessThanOrEqual(ts.length);
      }),
    );
  });
});

describe('the storage cap', () => {
  const pool = parsePolicy({ storageCapMinutes: 1000, aboveCap: 'pool' });
  const refuse = parsePolicy({ storageCapMinutes: 1000, aboveCap: 'refuse' });
  const none = parsePolicy({ storageCapMinutes: null });
  it.each<[number, number, Policy, [number, number, boolean]]>([
    [0, 500, pool, [500, 0, false]],
    [500, 500, pool, [500, 0, false]],
    [900, 300, pool, [100, 200, false]],
    [1200, 300, pool, [0, 300, false]],
    [-200, 1500, pool, [1200, 300, false]],
    [900, 300, refuse, [0, 0, true]],
    [700, 300, refuse, [300, 0, false]],
    [10_000_000, 300, none, [300, 0, false]],
  ])('balance %p earning %p', (balance, earning, policy, [toMember, toPool, refused]) =>
    expect(capSplit(balance, earning, policy)).toEqual({ toMember, toPool, refused }),
  );

  it('the refusal names the room left, in hours', () => {
    const found = aboveCapIssue('minutes', 910, refuse);
    expect(found).toMatchObject({ code: 'above_cap', path: 'minutes' });
    expect(found.message).toContain('room left: 1.5 h');
    expect(found.messageZh).toContain('尚可存入 1.5 小时');
  });

  it('conserves the earning and never lifts a balance above the cap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -100_000, max: 200_000 }),
        fc.nat(100_000),
        fc.integer({ min: 1, max: 150_000 }),
        fc.constantFrom('pool' as const, 'refuse' as const),
        (balance, earning, cap, aboveCap) => {
          const policy = { ...DEFAULT_POLICY, storageCapMinutes: cap, aboveCap };
          const split = capSplit(balance, earning, policy);
          expect(split.toMember).toBeGreaterThanOrEqual(0);
          expect(split.toPool).toBeGreaterThanOrEqual(0);
          if (split.refused) {
            expect(aboveCap).toBe('refuse');
            expect(split.toMember + split.toPool).toBe(0);
          } else {
            expect(split.toMember + split.toPool).toBe(earning);
          }
          if (split.toMember > 0) expect(balance + split.toMember).toBeLessThanOrEqual(cap);
        },
      ),
    );
  });
});

describe('hours as people read them', () => {
  it.each([
    [0, '0 小时', '0 h'],
    [30, '0.5 小时', '0.5 h'],
    [60, '1 小时', '1 h'],
    [61, '1 小时 1 分', '1 h 1 min'],
    [90, '1.5 小时', '1.5 h'],
    [45, '45 分', '45 min'],
    [90000, '1500 小时', '1500 h'],
    [-90, '-1.5 小时', '-1.5 h'],
    [-61, '-1 小时 1 分', '-1 h 1 min'],
  ])('%p minutes', (minutes, zh, en) => expect(formatHours(minutes)).toEqual({ zh, en }));
});
