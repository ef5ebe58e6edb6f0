// Incubation moves that need something first (a reason to end, a passed assessment to hatch) and
// when an incubation is due for assessment.
import {
  addDays,
  assessmentIssues,
  dueForAssessment,
  milestoneIssues,
  hasOverdueMilestone,
  hasPassedAssessment,
  incubationDerived,
  lastAssessedOn,
  moveIssues,
  newAssessmentSchema,
  nextMilestoneOn,
} from '../../cms/server/src/domain/incubation-records';
import type { IncubationStage } from '../../cms/server/src/domain/incubation-stages';

const scores = { governance: 80, finance: 70, services: 90, volunteers: 60 };
const passed = { date: '2026-01-10', ...scores, result: 'passed' };
const failed = { date: '2026-03-10', ...scores, result: 'failed' };
const legacy = { date: '2025-06-01', ...scores };

describe('moveIssues', () => {
  it.each<[IncubationStage, IncubationStage, unknown, unknown[], boolean, string[]]>([
    ['applied', 'withdrawn', undefined, [], true, ['reason_required']],
    ['applied', 'rejected', '  ', [], true, ['reason_required']],
    ['assessing', 'rejected', '材料不全', [], true, []],
    ['incubating', 'hatched', undefined, [], true, ['assessment_required']],
    ['incubating', 'hatched', undefined, [failed, legacy], true, ['assessment_required']],
    ['incubating', 'hatched', undefined, [failed, passed], true, []],
    ['incubating', 'hatched', undefined, [], false, []],
    ['applied', 'assessing', undefined, [], true, []],
    ['withdrawn', 'withdrawn', undefined, [], true, []],
  ])('%s → %s (reason %p)', (from, to, reason, assessments, required, codes) => {
    const issues = moveIssues(
      from,
      to,
      { reason, assessments, assessmentRequired: required },
      'reason',
    );
    expect(issues.map((i) => i.code)).toEqual(codes);
    for (const i of issues) expect(i.messageZh).toMatch(/[\u4e00-\u9fff]/);
  });

  it('names the field the caller holds the reason in', () => {
    const [issue] = moveIssues(
      'applied',
      'withdrawn',
      { reason: '', assessments: [], assessmentRequired: true },
      'closedReason',
    );
    expect(issue?.path).toBe('closedReason');
  });
});

describe('assessment dates', () => {
  it.each<[IncubationStage, unknown, string, boolean]>([
    ['incubating', [], '2026-06-01', true],
    ['incubating', [passed], '2026-06-01', false],
    ['incubating', [passed], addDays('2026-01-10', 182), true],
    ['incubating', [passed], addDays('2026-01-10', 181), false],
    ['assessing', null, '2026-06-01', true],
    ['applied', [], '2026-06-01', false],
    ['hatched', [], '2026-06-01', false],
  ])('%s with %j on %s is due: %s', (stage, assessments, today, due) => {
    expect(dueForAssessment({ stage, assessments }, today)).toBe(due);
  });

  it('counts from when the incubation entered its stage (or applied) while it has no assessment', () => {
    const started = { stage: 'incubating' as const, assessments: [], appliedOn: '2026-01-02' };
    // Entered 孵化中 today: not due until the interval has passed since then.
    expect(dueForAssessment({ ...started, incubatingOn: '2026-11-30' }, '2026-11-30')).toBe(false);
    expect(dueForAssessment({ ...started, incubatingOn: '2026-06-01' }, '2026-11-29')).toBe(false);
    expect(dueForAssessment({ ...started, incubatingOn: '2026-06-01' }, '2026-11-30')).toBe(true);
    // Without the stage's date, from the application.
    expect(dueForAssessment(started, '2026-07-02')).toBe(false);
    expect(dueForAssessment(started, addDays('2026-01-02', 182))).toBe(true);
    // An assessment counts over the stage date.
    expect(
      dueForAssessment(
        { ...started, incubatingOn: '2026-11-30', assessments: [passed] },
        '2026-11-30',
      ),
    ).toBe(true);
  });

  it('finds the latest assessment and whether any passed', () => {
    expect(lastAssessedOn([passed, failed, legacy])).toBe('2026-03-10');
    expect(lastAssessedOn(undefined)).toBeNull();
    expect(hasPassedAssessment([legacy, failed])).toBe(false);
    expect(hasPassedAssessment([legacy, passed])).toBe(true);
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('requires an assessor and a result of a new assessment, but not of an old one', () => {
    expect(newAssessmentSchema.safeParse(legacy).success).toBe(false);
    expect(newAssessmentSchema.safeParse({ ...passed, assessor: '王' }).success).toBe(true);
    expect(
      newAssessmentSchema.safeParse({ ...passed, assessor: '王', governance: 101 }).success,
    ).toBe(false);
  });
});

describe('dates an assessment or a milestone may carry', () => {
  const today = '2026-11-30';
  const paths = (issues: { path: string }[]) => issues.map((i) => i.path);

  it('refuses an assessment dated after today, on its date', () => {
    expect(paths(assessmentIssues({ date: '2030-01-01' }, today))).toEqual(['date']);
    expect(paths(assessmentIssues({ date: '2026-12-01' }, today))).toEqual(['date']);
    expect(assessmentIssues({ date: today }, today)).toEqual([]);
  });

  it.each<[unknown, unknown, boolean]>([
    ['planned', undefined, true],
    ['planned', '2026-06-01', false],
    ['missed', '2026-06-01', false],
    [undefined, '2026-06-01', false],
    ['achieved', undefined, false],
    ['achieved', '2026-06-01', true],
    ['achieved', today, true],
    ['achieved', '2026-12-01', false],
    ['achieved', '2025-12-31', false],
  ])('status %s achieved on %s is accepted: %s', (status, achievedOn, ok) => {
    const issues = milestoneIssues({ status, achievedOn }, today, '2026-01-01');
    expect(paths(issues)).toEqual(ok ? [] : ['achievedOn']);
  });
});

describe('the dates kept beside the JSON (the board and the dashboard count by them)', () => {
  const today = '2026-12-02';
  const yesterday = '2026-12-01';
  const m = (x: object) => ({ title: '里程碑', ...x });
  const cases: [string, unknown][] = [
    ['none', []],
    ['not an array', { date: yesterday }],
    ['planned yesterday', [m({ date: yesterday })]],
    ['planned today', [m({ date: today })]],
    ['done', [m({ date: yesterday, done: true })]],
    ['done: 0 (falsy)', [m({ date: yesterday, done: 0 })]],
    ['done: "" (falsy)', [m({ date: yesterday, done: '' })]],
    ['done: "yes" (truthy)', [m({ date: yesterday, done: 'yes' })]],
    ['achieved', [m({ date: yesterday, status: 'achieved' })]],
    ['missed', [m({ date: yesterday, status: 'missed' })]],
    ['status a number', [m({ date: yesterday, status: 3 })]],
    ['a date that is a number', [m({ date: 20200101 })]],
    ['not objects first', ['x', 5, null, [], m({ date: yesterday })]],
    ['one of two', [m({ date: '2027-01-01' }), m({ date: yesterday })]],
    [
      'a later one open, an earlier one done',
      [m({ date: '2026-01-01', done: true }), m({ date: today })],
    ],
  ];
  it.each(cases)(
    'nextMilestoneOn before today exactly when hasOverdueMilestone says so: %s',
    (_what, milestones) => {
      const next = nextMilestoneOn(milestones);
      const overdue = next !== null && next < today;
      expect(overdue).toBe(hasOverdueMilestone({ stage: 'incubating', milestones }, today));
    },
  );

  it('writes each column only when its JSON is written', () => {
    expect(incubationDerived({})).toEqual({});
    expect(
      incubationDerived({ assessments: [{ date: '2026-03-01' }, { date: '2026-09-01' }] }),
    ).toEqual({
      lastAssessedOn: '2026-09-01',
    });
    expect(incubationDerived({ milestones: null })).toEqual({ nextMilestoneOn: null });
    expect(
      incubationDerived({
        assessments: 'x',
        milestones: [m({ date: '2026-05-01' }), m({ date: '2026-04-01' })],
      }),
    ).toEqual({ lastAssessedOn: null, nextMilestoneOn: '2026-04-01' });
  });
});
