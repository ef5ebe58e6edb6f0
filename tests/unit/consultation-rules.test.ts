import fc from 'fast-check';
import {
  checkRule,
  reaches,
  RULE_PRESETS,
  tally,
  type Choice,
  type VoteRule,
} from '../../plugins/consultation/server/src/domain/rules';

const preset = (key: string): VoteRule => {
  const found = RULE_PRESETS.find((p) => p.key === key);
  if (!found) throw new Error(key);
  return found.rule;
};
const electors = (areas: number[]) => areas.map((area) => ({ area }));
const ballots = (rows: [number, Choice][]) => rows.map(([area, choice]) => ({ area, choice }));

describe('reaches: exact shares', () => {
  it('two thirds is reached by exactly two thirds, not by one vote less', () => {
    expect(reaches(2, 3, { num: 2, den: 3 })).toBe(true);
    expect(reaches(666, 1000, { num: 2, den: 3 })).toBe(false);
    expect(reaches(667, 1000, { num: 2, den: 3 })).toBe(true);
  });
  it('more than half is not reached by exactly half', () => {
    expect(reaches(5, 10, { num: 1, den: 2, strict: true })).toBe(false);
    expect(reaches(6, 10, { num: 1, den: 2, strict: true })).toBe(true);
  });
  it('nothing reaches a share of an empty whole', () => {
    expect(reaches(0, 0, { num: 0, den: 1 })).toBe(false);
  });
  it('agrees with rational arithmetic beyond 2^53 products', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.integer({ min: 1, max: 2 ** 40 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.boolean(),
        (part, whole, den, strict) => {
          const num = Math.floor(den / 2);
          const left = BigInt(part) * BigInt(den);
          const right = BigInt(num) * BigInt(whole);
          expect(reaches(part, whole, { num, den, strict })).toBe(
            strict ? left > right : left >= right,
          );
        },
      ),
    );
  });
});

describe('checkRule', () => {
  it('accepts every preset as it stands', () => {
    for (const p of RULE_PRESETS) expect(checkRule(p.rule).issues).toEqual([]);
  });
  it('refuses a threshold above 100 % naming the field', () => {
    const { issues } = checkRule({
      quorum: { count: { num: 1, den: 2 } },
      approval: { count: { num: 5, den: 4 } },
    });
    expect(issues.map((i) => i.path)).toEqual(['rule.approval.count']);
    expect(issues[0]?.messageZh).toContain('100%');
  });
  it('refuses a quorum of zero or none', () => {
    expect(
      checkRule({
        quorum: { count: { num: 0, den: 3 } },
        approval: { count: { num: 1, den: 2 } },
      }).issues.map((i) => i.path),
    ).toEqual(['rule.quorum']);
    expect(
      checkRule({ approval: { count: { num: 1, den: 2 } } }).issues.map((i) => i.path),
    ).toEqual(['rule.quorum']);
  });
  it('refuses non-integers, zero denominators and "more than 100 %"', () => {
    const { issues } = checkRule({
      quorum: { count: { num: 0.5, den: 1 }, area: { num: 1, den: 0 } },
      approval: { count: { num: 1, den: 1, strict: true } },
    });
    expect(issues.map((i) => i.path).sort()).toEqual([
      'rule.approval.count',
      'rule.quorum.area',
      'rule.quorum.count',
    ]);
  });
  it('refuses a rule with no approval threshold and a wrong base', () => {
    const { issues } = checkRule({
      quorum: { count: { num: 1, den: 2 } },
      approval: { base: 'all' },
    });
    expect(issues.map((i) => i.path).sort()).toEqual(['rule.approval', 'rule.approval.base']);
  });
});

describe('tally', () => {
  it('Civil Code ordinary: passes by count but fails by area', () => {
    // 9 owners: 6 small flats (60 m²) vote yes, 3 large (200 m²) vote no; all take part.
    const areas = [6000, 6000, 6000, 6000, 6000, 6000, 20000, 20000, 20000];
    const result = tally(
      electors(areas),
      ballots(areas.map((a, i) => [a, i < 6 ? 'yes' : 'no'])),
      preset('civil-code-ordinary'),
    );
    expect(result.quorum).toEqual({ count: true, area: true, met: true });
    expect(result.yes).toEqual({ count: 6, area: 36000 });
    expect(result.approval).toEqual({ count: true, area: false, met: false });
    expect(result.passed).toBe(false);
  });
  it('Civil Code major needs three quarters of participating count and area', () => {
    const areas = [10000, 10000, 10000, 10000];
    const rule = preset('civil-code-major');
    const three = tally(
      electors(areas),
      ballots([
        [10000, 'yes'],
        [10000, 'yes'],
        [10000, 'yes'],
        [10000, 'no'],
      ]),
      rule,
    );
    expect(three.passed).toBe(true);
    const two = tally(
      electors(areas),
      ballots([
        [10000, 'yes'],
        [10000, 'yes'],
        [10000, 'no'],
      ]),
      rule,
    );
    expect(two.quorum.met).toBe(true);
    expect(two.approval.met).toBe(false);
  });
  it('fails the quorum when fewer than two thirds of owners take part', () => {
    const areas = [100, 100, 100, 100, 100, 100];
    const r = tally(
      electors(areas),
      ballots([
        [100, 'yes'],
        [100, 'yes'],
        [100, 'yes'],
      ]),
      preset('civil-code-ordinary'),
    );
    expect(r.quorum).toEqual({ count: false, area: false, met: false });
    expect(r.passed).toBe(false);
  });
  it('≥ 75 % of residents counts the whole electorate, abstentions not approving', () => {
    const all = electors(Array(8).fill(0));
    const rule = preset('residents-75');
    expect(
      tally(
        all,
        ballots([
          [0, 'yes'],
          [0, 'yes'],
          [0, 'yes'],
          [0, 'yes'],
          [0, 'yes'],
          [0, 'yes'],
          [0, 'abstain'],
          [0, 'abstain'],
        ]),
        rule,
      ).passed,
    ).toBe(true);
    expect(
      tally(
        all,
        ballots([
          [0, 'yes'],
          [0, 'yes'],
          [0, 'yes'],
          [0, 'yes'],
          [0, 'yes'],
          [0, 'abstain'],
          [0, 'abstain'],
          [0, 'abstain'],
        ]),
        rule,
      ).passed,
    ).toBe(false);
  });
  it('is the same whatever order the ballots come in (a recount reproduces it)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 1, max: 50000 }),
            fc.constantFrom<Choice>('yes', 'no', 'abstain'),
          ),
          {
            minLength: 1,
            maxLength: 60,
          },
        ),
        (rows) => {
          const es = electors(rows.map(([a]) => a));
          const bs = ballots(rows);
          const rule = preset('civil-code-ordinary');
          expect(tally(es, [...bs].reverse(), rule)).toEqual(tally(es, bs, rule));
        },
      ),
    );
  });
});
