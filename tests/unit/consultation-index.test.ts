// The consultation index's configuration, formulas and exact scoring (hundredths of a point).
import fc from 'fast-check';
import {
  checkEntry,
  checkIndicator,
  DEFAULT_INDICATORS,
  EMPTY_AGGREGATES,
  FORMULAS,
  formulaOf,
  INDEX_CATEGORIES,
  permille,
  score,
  total,
  type CommunityAggregates,
} from '../../plugins/consultation/server/src/domain/indicators';

const agg = (over: Partial<CommunityAggregates>): CommunityAggregates => ({
  ...EMPTY_AGGREGATES,
  ...over,
});
const compute = (key: string, a: CommunityAggregates) => {
  const f = formulaOf(key);
  if (!f) throw new Error(key);
  return f.compute(a);
};

describe('the default set', () => {
  it('has 22 indicators in the 7 categories, weights adding up to 100, unique keys', () => {
    expect(DEFAULT_INDICATORS).toHaveLength(22);
    expect(new Set(DEFAULT_INDICATORS.map((i) => i.key)).size).toBe(22);
    expect(DEFAULT_INDICATORS.reduce((s, i) => s + i.weight, 0)).toBe(100);
    for (const c of INDEX_CATEGORIES)
      expect(DEFAULT_INDICATORS.filter((i) => i.category === c).length).toBeGreaterThan(0);
  });
  it('names an existing formula for every computed indicator, in the formula’s unit', () => {
    for (const i of DEFAULT_INDICATORS.filter((x) => x.method === 'formula')) {
      const f = formulaOf(i.formulaKey);
      expect(f).toBeDefined();
      expect(i.unit).toBe(f!.unit);
    }
    expect(
      DEFAULT_INDICATORS.filter((x) => x.method === 'manual').every((x) => x.evidenceRequired),
    ).toBe(true);
  });
  it('has targets that are positive integers', () => {
    for (const i of DEFAULT_INDICATORS)
      expect(Number.isSafeInteger(i.target) && i.target > 0).toBe(true);
  });
});

describe('formulas', () => {
  it.each([
    ['resident-topic-share', agg({ topicsRaised: 3, topicsByResidents: 2 }), 666, 2, 3],
    ['resident-topic-share', agg({}), 0, 0, 0],
    ['topics-per-1000-households', agg({ topicsRaised: 3, households: 600 }), 5, 3, 600],
    ['consultations-per-1000-households', agg({ meetingsHeld: 2, households: 0 }), 0, 2, 0],
    ['topics-accepted-share', agg({ topicsAccepted: 3, topicsDeclined: 1 }), 750, 3, 4],
    ['ranked-topics-share', agg({ topicsDeliberated: 4, topicsRanked: 1 }), 250, 1, 4],
    ['vote-turnout', agg({ electors: 6, participants: 5 }), 833, 5, 6],
    ['implemented-on-time-share', agg({ decisionsDue: 2, decisionsOnTime: 1 }), 500, 1, 2],
    ['satisfaction', agg({ ratings: 3, ratingsSatisfied: 3 }), 1000, 3, 3],
    ['near-meeting-share', agg({ meetingsHeld: 3, meetingsNear: 1 }), 333, 1, 3],
  ])('%s → value %#', (key, a, value, numerator, denominator) => {
    expect(compute(key, a)).toEqual({ value, numerator, denominator });
  });
  it('counts are their own value with no denominator', () => {
    expect(compute('problems-solved', agg({ solved: 4 }))).toEqual({
      value: 4,
      numerator: 4,
      denominator: null,
    });
    expect(compute('funds-spent', agg({ fundsSpent: 123456 })).value).toBe(123456);
  });
  it('every formula gives an integer for any counts', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 1_000_000 }), { minLength: 25, maxLength: 25 }), (ns) => {
        const keys = Object.keys(EMPTY_AGGREGATES) as (keyof CommunityAggregates)[];
        const a = Object.fromEntries(
          keys.map((k, i) => [k, ns[i]!]),
        ) as unknown as CommunityAggregates;
        for (const f of FORMULAS) expect(Number.isSafeInteger(f.compute(a).value)).toBe(true);
      }),
    );
  });
  it('permille rounds down and never divides by zero', () => {
    expect(permille(2, 3)).toBe(666);
    expect(permille(1, 0)).toBe(0);
    expect(permille(5, 5)).toBe(1000);
  });
});

describe('scoring in hundredths of a point', () => {
  it.each([
    [600, 600, 5, 500],
    [1200, 600, 5, 500],
    [300, 600, 5, 250],
    [1, 3, 7, 233],
    [0, 10, 6, 0],
    [-4, 10, 6, 0],
    [10_000_000, 10_000_000, 5, 500],
    [5, 10, 0, 0],
  ])('value %d of target %d at weight %d scores %d', (value, target, weight, expected) => {
    expect(score(value, target, weight)).toBe(expected);
  });
  it('never exceeds the weight and is monotone in the value', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 1e12 }),
        fc.nat({ max: 1e12 }),
        fc.integer({ min: 1, max: 1e12 }),
        fc.integer({ min: 0, max: 100 }),
        (a, b, target, weight) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          expect(score(hi, target, weight)).toBeLessThanOrEqual(weight * 100);
          expect(score(lo, target, weight)).toBeLessThanOrEqual(score(hi, target, weight));
        },
      ),
    );
  });
  it('the total is the sum when the weights add up to 100, scaled otherwise', () => {
    expect(total([500, 250, 233], [50, 30, 20])).toBe(983);
    expect(total([500, 500], [5, 5])).toBe(10000);
    expect(total([], [])).toBe(0);
  });
  it('full marks everywhere make 100 points', () => {
    const scores = DEFAULT_INDICATORS.map((i) => score(i.target, i.target, i.weight));
    expect(
      total(
        scores,
        DEFAULT_INDICATORS.map((i) => i.weight),
      ),
    ).toBe(10000);
  });
});

describe('editing indicators', () => {
  it('refuses changing a formula, its method or key, naming the field', () => {
    const { issues } = checkIndicator(
      { formulaKey: 'x', method: 'manual', key: 'y', weight: 5 },
      false,
    );
    expect(issues.map((i) => i.path).sort()).toEqual(['formulaKey', 'key', 'method']);
  });
  it('refuses a weight outside 0–100 and a target of 0, in both languages', () => {
    const { issues } = checkIndicator({ weight: 101, target: 0 }, false);
    expect(issues.map((i) => i.path)).toEqual(['weight', 'target']);
    expect(issues[0]!.messageZh).toMatch(/^weight：/);
  });
  it('accepts names, weight, target, active', () => {
    const { issues, patch } = checkIndicator(
      { nameZh: ' 新名 ', nameEn: 'New', weight: 6, target: 700, active: false },
      false,
    );
    expect(issues).toEqual([]);
    expect(patch).toEqual({ nameZh: '新名', nameEn: 'New', weight: 6, target: 700, active: false });
  });
  it('creates only manual indicators, evidence required by default', () => {
    const ok = checkIndicator(
      {
        key: 'volunteer-hours',
        category: 'support',
        nameZh: '志愿时长',
        nameEn: 'Volunteer hours',
        weight: 0,
        target: 100,
      },
      true,
    );
    expect(ok.issues).toEqual([]);
    expect(ok.patch).toMatchObject({ method: 'manual', formulaKey: null, evidenceRequired: true });
    const bad = checkIndicator(
      { key: 'X', category: 'nope', method: 'formula', formulaKey: 'satisfaction' },
      true,
    );
    expect(bad.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining([
        'key',
        'category',
        'method',
        'formulaKey',
        'nameZh',
        'weight',
        'target',
      ]),
    );
  });
});

describe('manual entries', () => {
  const manual = { method: 'manual' as const, evidenceRequired: true };
  it('needs evidence when the indicator says so: text or a file', () => {
    expect(checkEntry({ value: 3 }, manual, 0).issues.map((i) => i.path)).toEqual(['evidence']);
    expect(checkEntry({ value: 3, evidence: '名单' }, manual, 0).issues).toEqual([]);
    expect(checkEntry({ value: 3 }, manual, 1).issues).toEqual([]);
    expect(checkEntry({ value: 3 }, { ...manual, evidenceRequired: false }, 0).issues).toEqual([]);
  });
  it.each([[-1], [1.5], ['3'], [null]])('refuses the value %p', (value) => {
    const { issues } = checkEntry({ value, evidence: 'x' }, manual, 0);
    expect(issues.map((i) => i.path)).toEqual(['value']);
  });
  it('refuses entering a computed indicator', () => {
    const { issues } = checkEntry(
      { value: 1, evidence: 'x' },
      { method: 'formula', evidenceRequired: false },
      0,
    );
    expect(issues.map((i) => i.path)).toEqual(['indicator']);
  });
});
