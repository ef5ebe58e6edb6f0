// The rules of grant rounds, pure: rubric and round settings, weighted scores, score sheets,
// tranche plans and masked donor names.
import fc from 'fast-check';
import {
  APPLICATION_FLOW,
  ROUND_FLOW,
  maskedName,
  roundIssues,
  rubricIssues,
  scoreIssues,
  staffMayMove,
  trancheIssues,
  weightedScore,
  type Criterion,
} from '../../plugins/grants/server/src/domain/rounds';

const RUBRIC: Criterion[] = [
  { key: 'need', label: '社区需求', weight: 40, max: 10 },
  { key: 'design', label: '项目设计', weight: 35, max: 10 },
  { key: 'capacity', label: '执行能力', weight: 25, max: 5 },
];
const paths = (issues: { path: string }[]) => issues.map((i) => i.path).sort();

describe('rubric and round settings', () => {
  it('accepts a sound rubric and names each fault of a bad one', () => {
    expect(rubricIssues(RUBRIC)).toEqual([]);
    expect(paths(rubricIssues([]))).toEqual(['rubric']);
    expect(
      paths(
        rubricIssues([
          { key: 'need', label: 'a', weight: 10, max: 10 },
          { key: 'need', label: '', weight: 0.5, max: 0 },
          { key: 'Bad key', label: 'b', weight: 101, max: 10 },
        ]),
      ),
    ).toEqual([
      'rubric.1.key',
      'rubric.1.label',
      'rubric.1.max',
      'rubric.1.weight',
      'rubric.2.key',
      'rubric.2.weight',
    ]);
  });

  it('keeps the cap within the budget, the budget above what is awarded, and the dates in order', () => {
    expect(
      roundIssues({ budget: 600000, cap: 300000, opensOn: '2026-03-01', closesOn: '2026-04-01' }),
    ).toEqual([]);
    expect(paths(roundIssues({ budget: 600000, cap: 600001 }))).toEqual(['cap']);
    expect(paths(roundIssues({ budget: '0', cap: -1 }))).toEqual(['budget', 'cap']);
    expect(roundIssues({ budget: 500000, cap: 100000 }, 500001)[0].code).toBe('below_awarded');
    expect(
      paths(roundIssues({ budget: 1, cap: 1, opensOn: '2026-04-02', closesOn: '2026-04-01' })),
    ).toEqual(['closesOn']);
    // Amounts as they come from GraphQL (BigInt) and Strapi (text) are whole numbers too.
    expect(roundIssues({ budget: BigInt(600000), cap: '300000' })).toEqual([]);
  });

  it('moves rounds one stage forward only, and approves applications only through awards', () => {
    expect(ROUND_FLOW.draft).toEqual(['open']);
    expect(ROUND_FLOW.closed).toEqual([]);
    expect(Object.values(APPLICATION_FLOW).some((next) => next.includes('approved'))).toBe(false);
    expect(APPLICATION_FLOW.approved).toEqual([]);
  });

  it('lets staff ask for more information before review as well as during it', () => {
    // While the round is open an application is `submitted`: staff may already ask for more.
    expect(staffMayMove('submitted', 'more_info')).toBe(true);
    expect(staffMayMove('under_review', 'more_info')).toBe(true);
    expect(staffMayMove('more_info', 'under_review')).toBe(true);
    expect(staffMayMove('rejected', 'more_info')).toBe(false);
    expect(staffMayMove('approved', 'more_info')).toBe(false);
    expect(staffMayMove('nonsense', 'more_info')).toBe(false);
  });
});

describe('scores', () => {
  it('weights each criterion as a share of its maximum, in hundredths of a percent', () => {
    expect(weightedScore(RUBRIC, { need: 10, design: 10, capacity: 5 })).toBe(10000);
    expect(weightedScore(RUBRIC, { need: 0, design: 0, capacity: 0 })).toBe(0);
    expect(weightedScore(RUBRIC, { need: 8, design: 8, capacity: 5 })).toBe(8500);
    expect(weightedScore(RUBRIC, { need: 10, design: 8, capacity: 4 })).toBe(8800);
  });

  it('stays within 0–10000 and never falls when one score rises (property)', () => {
    const sheet = fc.record({
      need: fc.integer({ min: 0, max: 10 }),
      design: fc.integer({ min: 0, max: 10 }),
      capacity: fc.integer({ min: 0, max: 5 }),
    });
    fc.assert(
      fc.property(sheet, fc.constantFrom('need', 'design', 'capacity'), (s, k) => {
        const score = weightedScore(RUBRIC, s);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(10000);
        const max = RUBRIC.find((c) => c.key === k)!.max;
        const better = { ...s, [k]: Math.min(max, s[k as keyof typeof s] + 1) };
        expect(weightedScore(RUBRIC, better)).toBeGreaterThanOrEqual(score);
      }),
    );
  });

  it('wants every criterion scored within its range, nothing else, and a recommendation', () => {
    expect(scoreIssues(RUBRIC, { need: 1, design: 2, capacity: 3 }, 'maybe')).toEqual([]);
    expect(paths(scoreIssues(RUBRIC, { need: 11, design: 1.5, extra: 1 }, 'perhaps'))).toEqual([
      'recommendation',
      'scores.capacity',
      'scores.design',
      'scores.extra',
      'scores.need',
    ]);
    expect(scoreIssues(RUBRIC, {}, 'yes')[0].messageZh).toContain('社区需求');
  });
});

describe('tranche plans', () => {
  it('pay the award exactly, in 1 to 12 positive tranches', () => {
    expect(
      trancheIssues(300000, [{ amount: 200000, dueOn: '2026-05-01' }, { amount: '100000' }]),
    ).toEqual([]);
    expect(trancheIssues(300000, [{ amount: 200000 }])[0].code).toBe('plan_mismatch');
    expect(
      paths(trancheIssues(300000, [{ amount: 0 }, { amount: 300000, dueOn: '5月1日' }])),
    ).toEqual(['tranches.0.amount', 'tranches.1.dueOn']);
    expect(paths(trancheIssues(300000, []))).toEqual(['tranches']);
    expect(
      paths(
        trancheIssues(
          13,
          Array.from({ length: 13 }, () => ({ amount: 1 })),
        ),
      ),
    ).toEqual(['tranches']);
  });
});

describe('masked names for public disclosure', () => {
  it('keeps a name only with consent, and shows the first character otherwise', () => {
    expect(maskedName('张三', false)).toBe('张*');
    expect(maskedName('张三', true)).toBe('张三');
    expect(maskedName('成都市新都区某某建材有限公司', false)).toBe('成********');
    expect(maskedName(null, false)).toBe('匿名');
  });
});
