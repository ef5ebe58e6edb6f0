// The incubation state machine: every legal and illegal move, stage dates in order.
import {
  INCUBATION_STAGES,
  STAGE_TRANSITIONS,
  canMove,
  enterStage,
  isTerminal,
  stageDateIssues,
  transitionIssues,
  type IncubationStage,
} from '../../cms/server/src/domain/incubation-stages';

const LEGAL: [IncubationStage, IncubationStage][] = [
  ['applied', 'assessing'],
  ['applied', 'withdrawn'],
  ['applied', 'rejected'],
  ['assessing', 'incubating'],
  ['assessing', 'withdrawn'],
  ['assessing', 'rejected'],
  ['incubating', 'hatched'],
  ['incubating', 'withdrawn'],
];

const ALL_PAIRS = INCUBATION_STAGES.flatMap((from) =>
  INCUBATION_STAGES.map((to) => [from, to] as const),
);

describe('incubation stage transitions', () => {
  it.each(ALL_PAIRS)('%s → %s', (from, to) => {
    const legal = from === to || LEGAL.some(([f, t]) => f === from && t === to);
    expect(canMove(from, to)).toBe(legal);
    const issues = transitionIssues(from, to);
    expect(issues.length === 0).toBe(legal);
    if (!legal) {
      expect(issues[0]).toMatchObject({ code: 'illegal_stage_transition', path: 'stage' });
      expect(issues[0]?.messageZh).toMatch(/不能从/);
    }
  });

  it('starts new incubations at applied only', () => {
    expect(transitionIssues(null, 'applied')).toEqual([]);
    for (const stage of INCUBATION_STAGES.filter((s) => s !== 'applied')) {
      expect(transitionIssues(null, stage)[0]?.code).toBe('initial_stage');
    }
  });

  it('has hatched, withdrawn and rejected as final stages', () => {
    expect(INCUBATION_STAGES.filter(isTerminal)).toEqual(['hatched', 'withdrawn', 'rejected']);
    expect(Object.keys(STAGE_TRANSITIONS).sort()).toEqual([...INCUBATION_STAGES].sort());
  });
});

describe('stage dates', () => {
  it('accepts dates in order and equal dates', () => {
    expect(
      stageDateIssues({
        appliedOn: '2026-01-01',
        assessingOn: '2026-01-01',
        incubatingOn: '2026-02-01',
        hatchedOn: '2026-12-01',
      }),
    ).toEqual([]);
  });

  it.each([
    [{ appliedOn: '2026-02-01', assessingOn: '2026-01-01' }, 'assessingOn'],
    [
      { appliedOn: '2026-01-01', assessingOn: '2026-03-01', incubatingOn: '2026-02-01' },
      'incubatingOn',
    ],
    [{ appliedOn: '2026-01-01', incubatingOn: '2026-03-01', hatchedOn: '2026-02-01' }, 'hatchedOn'],
    [{ appliedOn: '2026-03-01', closedOn: '2026-02-01' }, 'closedOn'],
  ])('refuses %j on %s', (dates, field) => {
    expect(stageDateIssues(dates).map((i) => i.path)).toContain(field);
  });

  it('records the day a stage was entered unless it was given', () => {
    expect(enterStage({}, 'assessing', '2026-11-21')).toEqual({
      stage: 'assessing',
      assessingOn: '2026-11-21',
    });
    expect(enterStage({ hatchedOn: '2026-10-01' }, 'hatched', '2026-11-21')).toEqual({
      stage: 'hatched',
      hatchedOn: '2026-10-01',
    });
    expect(enterStage({}, 'rejected', '2026-11-21')).toEqual({
      stage: 'rejected',
      closedOn: '2026-11-21',
    });
  });
});
