// Case types: the designer's checks of a definition, who may take which step, dispatch rules, the whistle's ratings, satisfaction, and case numbers.
import fc from 'fast-check';
import { CASES_ERRORS } from '../../plugins/cases/server/src/domain/errors';
import { chooseDispatch } from '../../plugins/cases/server/src/domain/dispatch';
import {
  caseNumber,
  normaliseReceiptCode,
  RECEIPT_ALPHABET,
  receiptCode,
} from '../../plugins/cases/server/src/domain/numbers';
import { PRESETS, RESIDENT_REQUEST, WHISTLE } from '../../plugins/cases/server/src/domain/presets';
import {
  departmentRatings,
  formatHundredths,
  whistlePoints,
  type WhistleRecord,
} from '../../plugins/cases/server/src/domain/ratings';
import {
  bandOf,
  mayReopen,
  permilleShares,
  satisfactionSplit,
} from '../../plugins/cases/server/src/domain/satisfaction';
import type {
  CaseTypeDefinition,
  Taker,
  Transition,
} from '../../plugins/cases/server/src/domain/types';
import {
  checkWorkflow,
  DefinitionError,
  definitionIssues,
  legalTransitions,
  mayTake,
  parseDefinition,
  planTransition,
  SYSTEM_ROLE,
  takerMatches,
  transitionsFrom,
  type CaseFacts,
  type Who,
} from '../../plugins/cases/server/src/domain/workflow';

const l = (zh: string, en = '') => ({ zh, en });

/** A small working definition: open → done, and a dispatch rule. */
const base = (): CaseTypeDefinition => ({
  categories: [
    { key: 'env', label: l('环境卫生'), children: [{ key: 'garbage', label: l('垃圾') }] },
  ],
  workflow: {
    initial: 'new',
    states: [
      { key: 'new', label: l('待派单', 'New'), kind: 'open' },
      { key: 'doing', label: l('办理中', 'Handling'), kind: 'open', slaMinutes: 120 },
      { key: 'done', label: l('已办结', 'Closed'), kind: 'closed' },
    ],
    transitions: [
      {
        key: 'go',
        label: l('派单', 'Dispatch'),
        from: ['new'],
        to: 'doing',
        by: ['centre'],
        effect: 'dispatch',
      },
      {
        key: 'finish',
        label: l('办结', 'Close'),
        from: ['doing'],
        to: 'done',
        by: ['assignee'],
        effect: 'close',
      },
    ],
  },
  dispatch: [{ category: 'env', to: { kind: 'community' }, transition: 'go' }],
  reopenDays: 7,
});

/** A value of the wrong shape, as an untrusted JSON body may hold: definitionIssues must say so. */
const bad = <T>(value: unknown): T => value as T;

/** A copy to break. */
const broken = (change: (d: CaseTypeDefinition) => void): unknown => {
  const d = structuredClone(base());
  change(d);
  return d;
};
const codes = (def: unknown) => definitionIssues(def).map((i) => `${i.code} ${i.path}`);

describe('the error table', () => {
  it('answers the codes a client can act on with their statuses', () => {
    expect(CASES_ERRORS.not_allowed).toBe(403);
    expect(CASES_ERRORS.not_found).toBe(404);
    for (const code of ['stale_state', 'already_signed', 'already_dispatched'] as const)
      expect(CASES_ERRORS[code]).toBe(409);
    expect(CASES_ERRORS.invalid_transition).toBe(400);
  });
});

describe('definitionIssues', () => {
  it('passes a working definition and both presets', () => {
    expect(definitionIssues(base())).toEqual([]);
    expect(definitionIssues(RESIDENT_REQUEST)).toEqual([]);
    expect(definitionIssues(WHISTLE)).toEqual([]);
    for (const p of PRESETS) expect(definitionIssues(p.definition)).toEqual([]);
  });

  it('the whistle preset has 3 categories and 20+ items', () => {
    expect(WHISTLE.categories).toHaveLength(3);
    expect(WHISTLE.categories.flatMap((c) => c.children ?? []).length).toBeGreaterThanOrEqual(20);
  });

  it('names an unreachable state by its label, in both languages', () => {
    const def = broken((d) => {
      d.workflow.states.splice(2, 0, {
        key: 'follow_up',
        label: l('待回访', 'Follow-up'),
        kind: 'open',
      });
      d.workflow.transitions.push({
        key: 'call',
        label: l('回访'),
        from: ['follow_up'],
        to: 'done',
        by: ['centre'],
      });
    });
    const issues = definitionIssues(def);
    expect(issues).toEqual([
      {
        path: 'workflow.states[2]',
        code: 'unreachable_state',
        message: 'workflow.states[2]: state “Follow-up” cannot be reached from the initial state',
        messageZh: 'workflow.states[2]：状态“待回访”无法从初始状态到达',
      },
    ]);
  });

  it.each<[string, (d: CaseTypeDefinition) => void, string[]]>([
    [
      'a state with no way out',
      (d) => (d.workflow.transitions[1].from = ['new']),
      ['dead_end workflow.states[1]'],
    ],
    [
      'a reachable open state nothing leaves',
      (d) => (d.workflow.transitions[1].to = 'doing'),
      ['dead_end workflow.states[1]', 'unreachable_state workflow.states[2]'],
    ],
    [
      'a step with no takers',
      (d) => (d.workflow.transitions[1].by = []),
      [
        'no_taker workflow.transitions[1].by',
        'unreachable_state workflow.states[2]',
        'dead_end workflow.states[1]',
      ],
    ],
    [
      'a step only unknown people may take',
      (d) => (d.workflow.transitions[1].by = bad(['boss', 'role:mayor'])),
      [
        'invalid_value workflow.transitions[1].by[0]',
        'invalid_value workflow.transitions[1].by[1]',
        'no_taker workflow.transitions[1].by',
        'unreachable_state workflow.states[2]',
        'dead_end workflow.states[1]',
      ],
    ],
    [
      'no closed state',
      (d) => (d.workflow.states[2].kind = 'resolved'),
      ['no_closed_state workflow.states', 'dead_end workflow.states[2]'],
    ],
    [
      'a zero time limit',
      (d) => (d.workflow.states[1].slaMinutes = 0),
      ['invalid_sla workflow.states[1].slaMinutes'],
    ],
    [
      'a negative time limit',
      (d) => (d.workflow.states[1].slaMinutes = -30),
      ['invalid_sla workflow.states[1].slaMinutes'],
    ],
    [
      'a fractional time limit',
      (d) => (d.workflow.states[1].slaMinutes = 1.5),
      ['invalid_sla workflow.states[1].slaMinutes'],
    ],
    ['a limit over 60 days', (d) => (d.resolveMinutes = 86401), ['invalid_sla resolveMinutes']],
    [
      'a step to an unknown state',
      (d) => (d.workflow.transitions[0].to = 'nowhere'),
      [
        'unknown_state workflow.transitions[0].to',
        'dead_end workflow.states[0]',
        'unreachable_state workflow.states[1]',
        'unreachable_state workflow.states[2]',
      ],
    ],
    [
      'a step from an unknown state',
      (d) => d.workflow.transitions[0].from.push('limbo'),
      ['unknown_state workflow.transitions[0].from[1]'],
    ],
    [
      'an unknown initial state',
      (d) => (d.workflow.initial = 'start'),
      ['unknown_state workflow.initial'],
    ],
    [
      'a duplicate state key',
      (d) => d.workflow.states.push({ key: 'done', label: l('又办结'), kind: 'closed' }),
      ['duplicate_key workflow.states[3].key'],
    ],
    [
      'a duplicate transition key',
      (d) => (d.workflow.transitions[1].key = 'go'),
      ['duplicate_key workflow.transitions[1].key'],
    ],
    [
      'a duplicate category key',
      (d) => (d.categories[0].children![0].key = 'env'),
      ['duplicate_key categories[0].children[0].key'],
    ],
    [
      'a key with capitals',
      (d) => (d.workflow.states[2].key = 'Done'),
      [
        'invalid_value workflow.states[2].key',
        'unknown_state workflow.transitions[1].to',
        'dead_end workflow.states[1]',
      ],
    ],
    [
      'a missing Chinese label',
      (d) => (d.workflow.states[0].label = bad({ en: 'New' })),
      ['required workflow.states[0].label.zh'],
    ],
    [
      'an unknown kind',
      (d) => (d.workflow.states[1].kind = bad('busy')),
      ['invalid_value workflow.states[1].kind'],
    ],
    [
      'an unknown effect',
      (d) => (d.workflow.transitions[1].effect = bad('explode')),
      ['invalid_value workflow.transitions[1].effect'],
    ],
    ['warnPercent 100', (d) => (d.warnPercent = 100), ['invalid_value warnPercent']],
    ['reopenDays 366', (d) => (d.reopenDays = 366), ['invalid_value reopenDays']],
    ['reopenDays missing', (d) => Reflect.deleteProperty(d, 'reopenDays'), ['required reopenDays']],
    [
      'a rule for an unknown category',
      (d) => (d.dispatch[0].category = 'roads'),
      ['invalid_value dispatch[0].category'],
    ],
    [
      'a rule to an organisation by name',
      (d) => (d.dispatch[0].to = { kind: 'organisation', organisation: '城管局' }),
      ['invalid_value dispatch[0].to.organisation'],
    ],
    [
      'a rule to user 0',
      (d) => (d.dispatch[0].to = { kind: 'person', user: 0 }),
      ['invalid_value dispatch[0].to.user'],
    ],
    [
      'a rule to a kind of nothing',
      (d) => (d.dispatch[0].to = bad({ kind: 'moon' })),
      ['invalid_value dispatch[0].to.kind'],
    ],
    [
      'a rule taking a closing step',
      (d) => (d.dispatch[0].transition = 'finish'),
      ['invalid_transition dispatch[0].transition'],
    ],
    [
      'a rule taking no step at all',
      (d) => (d.dispatch[0].transition = 'fly'),
      ['invalid_transition dispatch[0].transition'],
    ],
    [
      'a rule with a bare area code',
      (d) => (d.dispatch[0].areaPath = '510114'),
      ['invalid_value dispatch[0].areaPath'],
    ],
    [
      'items under items',
      (d) => (d.categories[0].children![0].children = [{ key: 'bins', label: l('垃圾桶') }]),
      ['invalid_value categories[0].children[0].children'],
    ],
    [
      'a whistle with no limits and a weight over 1000',
      (d) =>
        (d.whistle = bad({
          reportMinutes: 0,
          points: { onTime: 2, late: -1, perStar: 1.5 },
          ratingWeightPermille: 1001,
        })),
      [
        'invalid_sla whistle.reportMinutes',
        'required whistle.actMinutes',
        'invalid_value whistle.points.perStar',
        'invalid_value whistle.ratingWeightPermille',
      ],
    ],
  ])('refuses %s', (_name, change, expected) => {
    expect(codes(broken(change)).sort()).toEqual([...expected].sort());
  });

  it.each([null, 'text', [], 42])('refuses %p as a definition', (value) => {
    expect(codes(value)).toEqual(['invalid_definition definition']);
  });

  it('returns every issue, not only the first', () => {
    const def = broken((d) => {
      d.workflow.states[1].slaMinutes = 0;
      d.resolveMinutes = -1;
      d.workflow.transitions[1].by = [];
      d.dispatch[0].category = 'x';
    });
    expect(definitionIssues(def).length).toBeGreaterThanOrEqual(5);
  });

  it('summarises the workflow for the designer', () => {
    const def = broken((d) => (d.workflow.transitions[1].by = []));
    const check = checkWorkflow(def);
    expect(check.reachable).toEqual(['new', 'doing']);
    expect(check.deadEnds).toEqual(['doing']);
    expect(check.untakeable).toEqual(['finish']);
  });

  it('takes camelCase field keys in requirements, once each', () => {
    const ok = broken((d) => (d.workflow.transitions[1].requires = { fields: ['areaPath'] }));
    expect(definitionIssues(ok)).toEqual([]);
    const twice = broken(
      (d) => (d.workflow.transitions[1].requires = { fields: ['item', 'item', '1x'] }),
    );
    expect(codes(twice)).toEqual([
      'duplicate_key workflow.transitions[1].requires.fields[1]',
      'invalid_value workflow.transitions[1].requires.fields[2]',
    ]);
  });

  it('takes role: takers of the known roles only', () => {
    const ok = broken((d) => (d.workflow.transitions[1].by = ['role:grid-worker']));
    expect(definitionIssues(ok)).toEqual([]);
  });
});

describe('parseDefinition', () => {
  it('returns a clean copy: unknown keys dropped, a missing English name empty', () => {
    const def = broken((d) => {
      Object.assign(d, { extra: 1 });
      Object.assign(d.workflow.states[0], { colour: 'red' });
      d.workflow.states[0].label = bad({ zh: '待派单' });
    });
    const parsed = parseDefinition(def);
    expect(parsed).not.toHaveProperty('extra');
    expect(parsed.workflow.states[0]).toEqual({
      key: 'new',
      label: { zh: '待派单', en: '' },
      kind: 'open',
    });
    expect(parseDefinition(RESIDENT_REQUEST)).toEqual(RESIDENT_REQUEST);
    expect(parseDefinition(WHISTLE)).toEqual(WHISTLE);
  });

  it('throws a DefinitionError carrying every issue', () => {
    const def = broken((d) => (d.workflow.states[1].slaMinutes = 0));
    expect(() => parseDefinition(def)).toThrow(DefinitionError);
    try {
      parseDefinition(def);
    } catch (error) {
      expect((error as DefinitionError).issues.map((i) => i.code)).toEqual(['invalid_sla']);
    }
  });
});

describe('live checks on random workflows', () => {
  /** Reachability by repeated relaxation, independent of the checker's breadth-first search. */
  const reachableByFixpoint = (
    initial: string,
    edges: { from: string[]; to: string; by: Taker[] }[],
  ) => {
    const seen = new Set([initial]);
    for (let changed = true; changed; ) {
      changed = false;
      for (const e of edges)
        if (e.by.length > 0 && e.from.some((f) => seen.has(f)) && !seen.has(e.to)) {
          seen.add(e.to);
          changed = true;
        }
    }
    return seen;
  };

  const workflows = fc.integer({ min: 1, max: 7 }).chain((n) => {
    const keys = Array.from({ length: n }, (_, i) => `s${i}`);
    const state = fc.constantFrom(...keys);
    return fc.record({
      keys: fc.constant(keys),
      kinds: fc.array(fc.constantFrom('open', 'waiting', 'resolved', 'closed'), {
        minLength: n,
        maxLength: n,
      }),
      edges: fc.array(
        fc.record({
          from: fc.uniqueArray(state, { minLength: 1, maxLength: n }),
          to: state,
          by: fc.constantFrom<Taker[]>([], ['centre'], ['reporter', 'assignee']),
        }),
        { maxLength: 12 },
      ),
    });
  });

  it('reports exactly the states no takeable path reaches, and exactly the dead ends', () => {
    fc.assert(
      fc.property(workflows, ({ keys, kinds, edges }) => {
        const def = {
          categories: [],
          workflow: {
            initial: 's0',
            states: keys.map((key, i) => ({ key, label: l(`状态${i}`), kind: kinds[i] })),
            transitions: edges.map((e, i) => ({ key: `t${i}`, label: l(`流转${i}`), ...e })),
          },
          dispatch: [],
          reopenDays: 0,
        };
        const check = checkWorkflow(def);
        const reachable = reachableByFixpoint('s0', edges);
        expect(new Set(check.reachable)).toEqual(reachable);
        const unreachable = check.issues.filter((i) => i.code === 'unreachable_state');
        expect(unreachable.map((i) => keys[Number(/\[(\d+)\]/.exec(i.path)?.[1])])).toEqual(
          keys.filter((k) => !reachable.has(k)),
        );
        const deadEnds = keys.filter(
          (k, i) =>
            kinds[i] !== 'closed' &&
            !edges.some((e) => e.by.length > 0 && e.from.includes(k) && e.to !== k),
        );
        expect(check.deadEnds).toEqual(deadEnds);
        expect(check.issues.some((i) => i.code === 'no_closed_state')).toBe(
          !kinds.includes('closed'),
        );
      }),
    );
  });
});

const COMMUNITY = '/510114/001/001/';
const facts = (over: Partial<CaseFacts> = {}): CaseFacts => ({
  state: 'new',
  areaPath: COMMUNITY,
  assigneeUserId: null,
  assigneeUnitId: null,
  assigneeAreaPath: null,
  ...over,
});
const who = (over: Partial<Who> = {}): Who => ({
  userId: 7,
  role: 'community-worker',
  unitId: null,
  scopePath: COMMUNITY,
  isReporter: false,
  ...over,
});
const step = (by: Taker[]): Transition => ({
  key: 't',
  label: l('步'),
  from: ['new'],
  to: 'new',
  by,
});

describe('mayTake', () => {
  it.each<[string, Taker, Partial<Who>, Partial<CaseFacts>, boolean]>([
    ['centre: the community’s worker', 'centre', {}, {}, true],
    [
      'centre: the district’s foundation staff',
      'centre',
      { role: 'foundation-staff', scopePath: '/510114/' },
      {},
      true,
    ],
    [
      'centre: not a worker of another community',
      'centre',
      { scopePath: '/510114/001/002/' },
      {},
      false,
    ],
    [
      'centre: not /51011/ for /510114/ (paths end in /)',
      'centre',
      { scopePath: '/51011/' },
      { areaPath: '/510114/' },
      false,
    ],
    ['centre: not a grid worker', 'centre', { role: 'grid-worker' }, {}, false],
    ['centre: not a resident', 'centre', { role: 'resident', scopePath: null }, {}, false],
    ['centre: no one for an unplaced case', 'centre', {}, { areaPath: null }, false],
    ['centre: not staff without a scope', 'centre', { scopePath: null }, {}, false],
    [
      'assignee: the assigned user',
      'assignee',
      { role: 'department', scopePath: null, userId: 9 },
      { assigneeUserId: 9 },
      true,
    ],
    [
      'assignee: not another user',
      'assignee',
      { role: 'department', scopePath: null },
      { assigneeUserId: 9 },
      false,
    ],
    [
      'assignee: a grid worker of the assigned community',
      'assignee',
      { role: 'grid-worker' },
      { assigneeAreaPath: COMMUNITY },
      true,
    ],
    [
      'assignee: not a worker of another community',
      'assignee',
      { scopePath: '/510114/001/002/' },
      { assigneeAreaPath: COMMUNITY },
      false,
    ],
    [
      'assignee: not a resident in the community',
      'assignee',
      { role: 'resident' },
      { assigneeAreaPath: COMMUNITY },
      false,
    ],
    ['assignee: no one when unassigned', 'assignee', { userId: null }, {}, false],
    [
      'assignee_unit: the assigned unit',
      'assignee_unit',
      { unitId: 3 },
      { assigneeUnitId: 3 },
      true,
    ],
    [
      'assignee_unit: not another unit',
      'assignee_unit',
      { unitId: 4 },
      { assigneeUnitId: 3 },
      false,
    ],
    [
      'assignee_unit: not when no unit is assigned',
      'assignee_unit',
      { unitId: null },
      { assigneeUnitId: null },
      false,
    ],
    ['supervisor: the street office', 'supervisor', { scopePath: '/510114/001/' }, {}, true],
    ['supervisor: not the community itself', 'supervisor', {}, {}, false],
    [
      'supervisor: not a grid worker above',
      'supervisor',
      { role: 'grid-worker', scopePath: '/510114/' },
      {},
      false,
    ],
    [
      'reporter: the reporter',
      'reporter',
      { role: 'resident', scopePath: null, isReporter: true },
      {},
      true,
    ],
    ['reporter: not staff', 'reporter', {}, {}, false],
    ['role: a grid worker in scope', 'role:grid-worker', { role: 'grid-worker' }, {}, true],
    [
      'role: not out of scope',
      'role:grid-worker',
      { role: 'grid-worker', scopePath: '/510115/' },
      {},
      false,
    ],
    ['role: not another role', 'role:grid-worker', {}, {}, false],
    [
      'role:department: the assigned department',
      'role:department',
      { role: 'department', unitId: 3, scopePath: null },
      { assigneeUnitId: 3 },
      true,
    ],
    [
      'role:department: not another department',
      'role:department',
      { role: 'department', unitId: 4 },
      { assigneeUnitId: 3 },
      false,
    ],
  ])('%s', (_name, taker, whoOver, factsOver, expected) => {
    expect(mayTake(step([taker]), who(whoOver), facts(factsOver))).toBe(expected);
  });

  it('any of several takers will do', () => {
    expect(mayTake(step(['reporter', 'centre']), who(), facts())).toBe(true);
  });
});

describe('planTransition', () => {
  const def = RESIDENT_REQUEST;
  const handling = facts({ state: 'handling', assigneeAreaPath: COMMUNITY });
  const worker = who();
  const resident = who({ userId: 50, role: 'resident', scopePath: null, isReporter: true });

  it('plans a step the person may take, with where it leads and its effect', () => {
    const plan = planTransition(def, handling, 'reply', worker, { note: '已清运' });
    expect(plan).toMatchObject({
      ok: true,
      to: { key: 'replied', kind: 'resolved' },
      effect: 'reply',
    });
  });

  it.each<[string, CaseFacts, string, Who, Parameters<typeof planTransition>[4], string[]]>([
    ['an unknown step', handling, 'teleport', worker, {}, ['invalid_transition transition']],
    ['a step not from this state', handling, 'sign', worker, {}, ['invalid_transition transition']],
    [
      'a stale screen',
      handling,
      'sign',
      worker,
      { expectedState: 'dispatched' },
      ['stale_state expectedState'],
    ],
    ['someone not named', handling, 'reply', resident, { note: 'x' }, ['not_allowed transition']],
    ['a blank note', handling, 'reply', worker, { note: '  ' }, ['note_required note']],
    [
      'a missing category',
      facts(),
      'dispatch',
      worker,
      { fields: { category: '' } },
      ['field_required fields.category'],
    ],
    [
      'a whistle done without a note or photos',
      facts({ state: 'handling', assigneeUnitId: 3 }),
      'act',
      who({ role: 'department', unitId: 3, scopePath: null }),
      { attachments: 0 },
      ['note_required note', 'attachments_required attachments'],
    ],
  ])('refuses %s', (_name, f, key, w, input, expected) => {
    const plan = planTransition(key === 'act' ? WHISTLE : def, f, key, w, input);
    expect(plan.ok).toBe(false);
    if (!plan.ok) expect(plan.issues.map((i) => `${i.code} ${i.path}`)).toEqual(expected);
  });

  it('the stale refusal names the state the case is in now, in both languages', () => {
    const plan = planTransition(def, handling, 'sign', worker, { expectedState: 'dispatched' });
    if (plan.ok) throw new Error('planned');
    expect(plan.issues[0].messageZh).toContain('办理中');
    expect(plan.issues[0].message).toContain('Being handled');
  });

  it('lists the steps the person may take now, and those leaving a state', () => {
    expect(legalTransitions(def, handling, worker).map((t) => t.key)).toEqual([
      'return',
      'transfer',
      'ask_info',
      'reply',
    ]);
    expect(legalTransitions(def, facts({ state: 'replied' }), resident).map((t) => t.key)).toEqual([
      'close',
      'reopen',
    ]);
    expect(transitionsFrom(def, 'closed').map((t) => t.key)).toEqual(['reopen']);
  });
});

describe('chooseDispatch', () => {
  const def = {
    dispatch: [
      {
        category: 'fire_hazard',
        areaPath: '/510114/001/',
        to: { kind: 'person' as const, user: 5 },
      },
      { category: 'safety', to: { kind: 'organisation' as const, organisation: 'a'.repeat(24) } },
      { areaPath: '/510114/', to: { kind: 'community' as const } },
    ],
  };
  it.each([
    [
      'the item’s rule in its area',
      { category: 'safety', item: 'fire_hazard', areaPath: COMMUNITY },
      0,
    ],
    [
      'the category’s rule elsewhere',
      { category: 'safety', item: 'fire_hazard', areaPath: '/510115/' },
      1,
    ],
    ['the area’s catch-all', { category: 'env', item: null, areaPath: COMMUNITY }, 2],
    ['no rule for an unplaced other case', { category: 'env', item: null, areaPath: null }, null],
  ])('%s', (_name, f, index) => {
    expect(chooseDispatch(def, f)).toBe(index === null ? null : def.dispatch[index]);
  });

  it('the preset sends each category to the community', () => {
    expect(
      chooseDispatch(RESIDENT_REQUEST, {
        category: 'property',
        item: 'elevator',
        areaPath: COMMUNITY,
      }),
    ).toEqual({
      category: 'property',
      to: { kind: 'community' },
      transition: 'dispatch',
    });
  });
});

describe('department ratings', () => {
  const rules = WHISTLE.whistle!;
  const w = (departmentId: number, over: Partial<WhistleRecord>): WhistleRecord => ({
    departmentId,
    departmentName: `部门${departmentId}`,
    caseId: 1,
    caseNumber: 'CS-2026-000001',
    calledAt: '2026-03-02T02:00:00Z',
    reportDueAt: '2026-03-02T04:00:00Z',
    reportedAt: '2026-03-02T03:00:00Z',
    actedAt: null,
    rating: null,
    points: 0,
    ...over,
  });

  it('weighs the rating one third, in integer hundredths, and ranks equal scores together', () => {
    const rows = departmentRatings(
      [
        // Department 1: 2 of 3 on time (66.67), stars 5 and 4 (average 4.5 → 90): 2/3 × 66.666… + 1/3 × 90.
        w(1, { rating: 5, actedAt: '2026-03-03T02:00:00Z', points: 7 }),
        w(1, { rating: 4, points: 6 }),
        w(1, { reportedAt: '2026-03-02T05:00:00Z', points: -1 }),
        // Department 2: never reported, unrated: performance 0 alone.
        w(2, { reportedAt: null }),
        // Department 3: all on time, unrated: 100; department 4 the same.
        w(3, {}),
        w(4, {}),
      ],
      rules,
    );
    expect(rows.map((r) => [r.departmentId, r.yearScore, r.rank])).toEqual([
      [3, 10000, 1],
      [4, 10000, 1],
      // (667 × 6666.67 + 333 × 9000) / 1000 = 4446.67 + 2997 = 7443.67 → 7444
      [1, 7444, 3],
      [2, 0, 4],
    ]);
    expect(rows[2]).toMatchObject({
      whistles: 3,
      reportedOnTime: 2,
      reportedLate: 1,
      notReported: 0,
      acted: 1,
      rated: 2,
      averageRatingHundredths: 450,
      performanceScore: 6667,
      ratingScore: 9000,
      points: 12,
    });
    for (const r of rows)
      for (const v of [r.yearScore, r.performanceScore, r.averageRatingHundredths ?? 0])
        expect(Number.isInteger(v)).toBe(true);
    expect(rows[1]).toMatchObject({
      notReported: 0,
      averageRatingHundredths: null,
      ratingScore: null,
    });
  });

  it('counts only the year asked for, in China time', () => {
    const late = w(1, { calledAt: '2026-12-31T20:00:00Z' });
    expect(departmentRatings([late], rules, { year: 2026 })).toEqual([]);
    expect(departmentRatings([late], rules, { year: 2027 })).toHaveLength(1);
  });

  it('whistle points: on time, late, never, plus stars', () => {
    const due = '2026-03-02T04:00:00Z';
    expect(
      whistlePoints(rules, { reportedAt: '2026-03-02T04:00:00Z', reportDueAt: due, rating: 4 }),
    ).toBe(6);
    expect(
      whistlePoints(rules, { reportedAt: '2026-03-02T04:00:01Z', reportDueAt: due, rating: null }),
    ).toBe(-1);
    expect(
      whistlePoints(rules, {
        reportedAt: null,
        reportDueAt: due,
        rating: null,
        now: '2026-03-02T03:00:00Z',
      }),
    ).toBe(0);
    expect(
      whistlePoints(rules, {
        reportedAt: null,
        reportDueAt: due,
        rating: null,
        now: '2026-03-02T05:00:00Z',
      }),
    ).toBe(-1);
  });

  it.each([
    [9333, '93.33'],
    [433, '4.33'],
    [5, '0.05'],
    [-5, '-0.05'],
    [10000, '100.00'],
  ])('formats %p hundredths as %s', (v, s) => expect(formatHundredths(v)).toBe(s));
});

describe('satisfaction', () => {
  it.each([
    [5, 'satisfied'],
    [4, 'satisfied'],
    [3, 'basic'],
    [2, 'dissatisfied'],
    [1, 'dissatisfied'],
    [0, null],
    [6, null],
    [null, null],
  ])('%p stars is %p', (r, band) => expect(bandOf(r)).toBe(band));

  it('splits by category and by area in permille that add up to 1000', () => {
    const split = satisfactionSplit([
      { category: 'env', areaPath: '/a/', satisfaction: 5 },
      { category: 'env', areaPath: '/a/', satisfaction: 3 },
      { category: 'env', areaPath: '/b/', satisfaction: 1 },
      { category: 'property', areaPath: '/b/', satisfaction: 4 },
      { category: 'property', areaPath: '/b/', satisfaction: null },
    ]);
    expect(split.overall).toMatchObject({
      rated: 4,
      satisfied: 2,
      basic: 1,
      dissatisfied: 1,
      satisfiedPermille: 500,
    });
    expect(
      split.byCategory.map((s) => [
        s.key,
        s.satisfiedPermille,
        s.basicPermille,
        s.dissatisfiedPermille,
      ]),
    ).toEqual([
      ['env', 334, 333, 333],
      ['property', 1000, 0, 0],
    ]);
    expect(split.byArea.map((s) => [s.key, s.rated])).toEqual([
      ['/a/', 2],
      ['/b/', 2],
    ]);
  });

  it('permille shares always add up to 1000', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1000), { minLength: 1, maxLength: 6 }), (counts) => {
        const shares = permilleShares(counts);
        const total = counts.reduce((a, b) => a + b, 0);
        expect(shares.reduce((a, b) => a + b, 0)).toBe(total === 0 ? 0 : 1000);
        shares.forEach(
          (s, i) => total > 0 && expect(Math.abs(s - (counts[i] * 1000) / total)).toBeLessThan(1),
        );
      }),
    );
  });

  it.each([
    // Closed at 23:00 China time on 3 March: the 10th is the 7th day after.
    ['2026-03-03T15:00:00Z', '2026-03-10T15:59:59Z', 7, true],
    ['2026-03-03T15:00:00Z', '2026-03-10T16:00:00Z', 7, false],
    ['2026-03-03T15:00:00Z', '2026-03-03T15:00:01Z', 0, false],
    ['2026-03-03T15:00:00Z', '2026-03-03T14:00:00Z', 7, false],
  ])('closed %s, now %s, %p days: may reopen %p', (closed, now, days, expected) =>
    expect(mayReopen(closed, now, days)).toBe(expected),
  );
});

describe('numbers', () => {
  it('case numbers pad the sequence to 6 digits', () => {
    expect(caseNumber('JM', 2026, 42)).toBe('JM-2026-000042');
    expect(caseNumber('CS', 2027, 1234567)).toBe('CS-2027-1234567');
    expect(() => caseNumber('JM', 2026, 0)).toThrow(RangeError);
    expect(() => caseNumber('jm', 2026, 1)).toThrow(RangeError);
  });

  it('receipt codes: 8 characters without look-alikes, from the given random source', () => {
    expect(RECEIPT_ALPHABET).not.toMatch(/[01OIL]/);
    let i = 0;
    expect(receiptCode(() => i++)).toBe('23456789');
    fc.assert(
      fc.property(
        fc.array(fc.nat(RECEIPT_ALPHABET.length - 1), { minLength: 8, maxLength: 8 }),
        (draws) => {
          let k = 0;
          const code = receiptCode(() => draws[k++]);
          expect(code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
          expect(normaliseReceiptCode(`${code.slice(0, 4).toLowerCase()}-${code.slice(4)}`)).toBe(
            code,
          );
        },
      ),
    );
    expect(() => receiptCode(() => 31)).toThrow(RangeError);
    expect(normaliseReceiptCode('ABCD-EFG0')).toBeNull();
  });
});

describe('the system as taker', () => {
  it('acts as the centre everywhere and as nobody else', () => {
    const system = {
      userId: null,
      role: SYSTEM_ROLE,
      unitId: null,
      scopePath: '',
      isReporter: false,
    };
    const facts = {
      state: 'new',
      areaPath: '/51/01/',
      assigneeUserId: null,
      assigneeUnitId: null,
      assigneeAreaPath: '/51/01/',
    };
    expect(takerMatches('centre', system, facts)).toBe(true);
    expect(takerMatches('assignee', system, facts)).toBe(false);
    expect(takerMatches('reporter', system, facts)).toBe(false);
    expect(takerMatches('role:community-worker', system, facts)).toBe(false);
  });
});
