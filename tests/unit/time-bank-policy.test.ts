// The time bank's policy: defaults, every refused setting at its field, and which version is in force on a day.
import {
  DEFAULT_POLICY,
  parsePolicy,
  policyInForce,
  policyIssues,
  versionIssues,
  type Policy,
  type PolicyVersion,
} from '../../plugins/time-bank/server/src/domain/policy';
import {
  issue,
  TIME_BANK_ERRORS,
  TimeBankIssues,
} from '../../plugins/time-bank/server/src/domain/errors';

const codes = (input: unknown) => policyIssues(input).map((i) => [i.path, i.code]);

describe('time-bank errors', () => {
  it('every code is snake_case with a 4xx status', () => {
    for (const [code, status] of Object.entries(TIME_BANK_ERRORS)) {
      expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
      expect([400, 403, 404, 409]).toContain(status);
    }
  });

  it('issues name their field in both languages', () => {
    expect(issue('minutes', 'required', 'needed', '必填')).toEqual({
      path: 'minutes',
      code: 'required',
      message: 'minutes: needed',
      messageZh: 'minutes：必填',
    });
    const thrown = new TimeBankIssues([issue('a', 'duplicate', 'twice', '重复')]);
    expect(thrown).toBeInstanceOf(Error);
    expect(thrown.issues).toHaveLength(1);
    expect(thrown.message).toBe('a: twice');
  });
});

describe('policy', () => {
  it('the defaults are themselves a valid policy, and an empty input takes them all', () => {
    expect(policyIssues(DEFAULT_POLICY)).toEqual([]);
    expect(parsePolicy({})).toEqual(DEFAULT_POLICY);
    expect(DEFAULT_POLICY.starThresholdsMinutes).toEqual([6000, 18000, 36000, 60000, 90000]);
    expect(DEFAULT_POLICY.storageCapMinutes).toBe(90000);
  });

  it('fills missing keys and keeps given ones, without sharing the defaults', () => {
    const p = parsePolicy({ categoryRates: { repair: 1500 }, creditLimitMinutes: { pool: 600 } });
    expect(p.categoryRates).toEqual({ repair: 1500 });
    expect(p.creditLimitMinutes).toEqual({ person: 0, team: 0, organisation: 0, pool: 600 });
    p.starThresholdsMinutes.push(1);
    expect(DEFAULT_POLICY.starThresholdsMinutes).toHaveLength(5);
  });

  it.each<[string, unknown, [string, string][]]>([
    ['not an object', 'x', [['policy', 'invalid_value']]],
    ['an unknown key', { colour: 'red' }, [['colour', 'invalid_value']]],
    ['a zero step', { roundingStepMinutes: 0 }, [['roundingStepMinutes', 'invalid_step']]],
    [
      'a step of 241',
      { roundingStepMinutes: 241, minServiceMinutes: 300 },
      [['roundingStepMinutes', 'invalid_step']],
    ],
    ['a fractional step', { roundingStepMinutes: 7.5 }, [['roundingStepMinutes', 'invalid_step']]],
    ['an unknown rounding', { rounding: 'up' }, [['rounding', 'invalid_value']]],
    ['a zero default rate', { defaultRatePermille: 0 }, [['defaultRatePermille', 'invalid_rate']]],
    [
      'a negative category rate',
      { categoryRates: { repair: -1 } },
      [['categoryRates.repair', 'invalid_rate']],
    ],
    [
      'a zero category rate',
      { categoryRates: { repair: 0 } },
      [['categoryRates.repair', 'invalid_rate']],
    ],
    [
      'a fractional category rate',
      { categoryRates: { repair: 1.5 } },
      [['categoryRates.repair', 'invalid_rate']],
    ],
    [
      'a rate above 10×',
      { categoryRates: { care: 10001 } },
      [['categoryRates.care', 'invalid_rate']],
    ],
    [
      'a rate as text',
      { categoryRates: { care: '1500' } },
      [['categoryRates.care', 'invalid_rate']],
    ],
    ['rates as a list', { categoryRates: [1500] }, [['categoryRates', 'invalid_value']]],
    [
      'max below min',
      { minServiceMinutes: 60, maxServiceMinutes: 45 },
      [['maxServiceMinutes', 'invalid_duration']],
    ],
    ['a max over a day', { maxServiceMinutes: 1441 }, [['maxServiceMinutes', 'invalid_duration']]],
    ['a zero min', { minServiceMinutes: 0 }, [['minServiceMinutes', 'invalid_duration']]],
    [
      'a min below the rounding step',
      { minServiceMinutes: 15 },
      [['minServiceMinutes', 'invalid_step']],
    ],
    [
      'a min rounding to zero to the nearest step',
      { rounding: 'nearest', roundingStepMinutes: 60, minServiceMinutes: 29 },
      [['minServiceMinutes', 'invalid_step']],
    ],
    [
      'thresholds not ascending',
      { starThresholdsMinutes: [600, 600, 1200] },
      [['starThresholdsMinutes', 'invalid_thresholds']],
    ],
    [
      'thresholds descending',
      { starThresholdsMinutes: [1200, 600] },
      [['starThresholdsMinutes', 'invalid_thresholds']],
    ],
    [
      'a zero threshold',
      { starThresholdsMinutes: [0, 600] },
      [['starThresholdsMinutes', 'invalid_thresholds']],
    ],
    [
      'no thresholds',
      { starThresholdsMinutes: [], redeemFromLevel: 0 },
      [['starThresholdsMinutes', 'invalid_thresholds']],
    ],
    [
      'a level beyond the stars',
      { starThresholdsMinutes: [600], redeemFromLevel: 2 },
      [['redeemFromLevel', 'invalid_value']],
    ],
    ['a negative level', { redeemFromLevel: -1 }, [['redeemFromLevel', 'invalid_value']]],
    ['a zero cap', { storageCapMinutes: 0 }, [['storageCapMinutes', 'invalid_value']]],
    ['an unknown above-cap rule', { aboveCap: 'burn' }, [['aboveCap', 'invalid_value']]],
    ['an expiry of 0 months', { expiryMonths: 0 }, [['expiryMonths', 'invalid_value']]],
    ['an expiry of 121 months', { expiryMonths: 121 }, [['expiryMonths', 'invalid_value']]],
    [
      'a negative family limit',
      { familyTransferYearlyMinutes: -60 },
      [['familyTransferYearlyMinutes', 'invalid_value']],
    ],
    [
      'a fractional donation limit',
      { donationYearlyMinutes: 0.5 },
      [['donationYearlyMinutes', 'invalid_value']],
    ],
    [
      'a negative credit limit',
      { creditLimitMinutes: { team: -1 } },
      [['creditLimitMinutes.team', 'invalid_value']],
    ],
    [
      'an unknown account kind',
      { creditLimitMinutes: { robot: 1 } },
      [['creditLimitMinutes.robot', 'invalid_value']],
    ],
  ])('refuses %s', (_name, input, expected) => {
    expect(codes(input)).toEqual(expected);
    expect(() => parsePolicy(input)).toThrow(TimeBankIssues);
  });

  it('reports every problem at once, in both languages', () => {
    const issues = policyIssues({
      roundingStepMinutes: -1,
      categoryRates: { a: 0, b: 20000 },
      expiryMonths: 500,
    });
    expect(issues.map((i) => i.path)).toEqual([
      'roundingStepMinutes',
      'categoryRates.a',
      'categoryRates.b',
      'expiryMonths',
    ]);
    for (const i of issues) {
      expect(i.message.startsWith(`${i.path}: `)).toBe(true);
      expect(i.messageZh.startsWith(`${i.path}：`)).toBe(true);
    }
  });

  it.each<[string, Partial<Policy>]>([
    ['nulls where allowed', { storageCapMinutes: null, expiryMonths: null }],
    ['nearest rounding with a long step', { rounding: 'nearest', roundingStepMinutes: 60 }],
    ['anyone may redeem', { redeemFromLevel: 0 }],
    ['no family transfers at all', { familyTransferYearlyMinutes: 0 }],
    ['a 10× rate', { categoryRates: { night: 10000 } }],
    [
      'credit for a pool',
      { creditLimitMinutes: { person: 0, team: 0, organisation: 0, pool: 6000 } },
    ],
  ])('accepts %s', (_name, input) => expect(policyIssues(input)).toEqual([]));
});

describe('policy versions', () => {
  const v = (version: number, effectiveFrom: string): PolicyVersion => ({
    version,
    effectiveFrom,
    policy: DEFAULT_POLICY,
  });
  const versions = [v(1, '2026-01-01'), v(2, '2026-07-01'), v(3, '2027-01-01')];

  it.each<[PolicyVersion[], unknown, string[]]>([
    [[], '2026-11-30', []],
    [[], undefined, ['required']],
    [[], '2026-02-30', ['invalid_value']],
    [[], '30/11/2026', ['invalid_value']],
    [[], '2026-11-29', ['invalid_value']],
    [versions, '2027-01-01', ['overlapping_version']],
    [versions, '2026-12-31', ['overlapping_version']],
    [versions, '2027-01-02', []],
  ])('with %# existing, %p starting', (existing, from, expected) => {
    const issues = versionIssues(existing, from, '2026-11-30');
    expect(issues.map((i) => i.code)).toEqual(expected);
    for (const i of issues) expect(i.path).toBe('effectiveFrom');
  });

  it.each([
    ['2025-12-31', null],
    ['2026-01-01', 1],
    ['2026-06-30', 1],
    ['2026-07-01', 2],
    ['2026-12-31', 2],
    ['2030-01-01', 3],
  ])('on %s version %p is in force', (day, expected) => {
    // Shuffled: the answer must not depend on the order the database returns versions in.
    const found = policyInForce([versions[2]!, versions[0]!, versions[1]!], day);
    expect(found?.version ?? null).toBe(expected);
  });
});
