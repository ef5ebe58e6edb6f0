// A service's states from acceptance to confirmation, and the checks on a request and on accepting it.
import { TimeBankIssues } from '../../plugins/time-bank/server/src/domain/errors';
import { acceptIssue, requestIssues } from '../../plugins/time-bank/server/src/domain/requests';
import {
  allowedActions,
  checkInIssue,
  checkInPeriod,
  nextState,
  SERVICE_ACTIONS,
  SERVICE_FLOW,
  SERVICE_STATE_LABELS,
  SERVICE_STATES,
  type ServiceAction,
  type ServiceState,
} from '../../plugins/time-bank/server/src/domain/services';

const refusal = (state: ServiceState, action: ServiceAction) => {
  try {
    nextState(state, action);
  } catch (error) {
    expect(error).toBeInstanceOf(TimeBankIssues);
    return (error as TimeBankIssues).issues[0]!;
  }
  throw new Error(`${state} allowed ${action}`);
};

describe('service states', () => {
  const allowed: [ServiceState, ServiceAction, ServiceState][] = [
    ['accepted', 'check_in', 'checked_in'],
    ['accepted', 'cancel', 'cancelled'],
    ['checked_in', 'check_out', 'checked_out'],
    ['checked_in', 'cancel', 'cancelled'],
    ['checked_out', 'confirm', 'confirmed'],
    ['checked_out', 'dispute', 'disputed'],
    ['disputed', 'resolve', 'confirmed'],
  ];

  it.each(allowed)('%s —%s→ %s', (state, action, next) =>
    expect(nextState(state, action)).toBe(next),
  );

  const refused = SERVICE_STATES.flatMap((state) =>
    SERVICE_ACTIONS.filter((a) => !allowed.some(([s, x]) => s === state && x === a)).map(
      (action) => [state, action] as [ServiceState, ServiceAction],
    ),
  );

  it('the table and the allowed list agree', () => {
    expect(refused).toHaveLength(SERVICE_STATES.length * SERVICE_ACTIONS.length - allowed.length);
    for (const state of SERVICE_STATES) {
      expect(allowedActions(state)).toEqual(allowed.filter(([s]) => s === state).map(([, a]) => a));
      expect(Object.keys(SERVICE_FLOW[state]).sort()).toEqual([...allowedActions(state)].sort());
    }
  });

  it.each(refused)('%s refuses %s, naming the state', (state, action) => {
    const found = refusal(state, action);
    expect(found.path).toBe('action');
    if (state === 'confirmed' && (action === 'confirm' || action === 'resolve')) {
      expect(found.code).toBe('already_confirmed');
    } else {
      expect(found.code).toBe('invalid_transition');
      expect(found.messageZh).toContain(SERVICE_STATE_LABELS[state].zh);
      expect(found.message).toContain(SERVICE_STATE_LABELS[state].en);
    }
  });

  it.each([
    ['accepted', '已接单'],
    ['checked_in', '已签到'],
    ['checked_out', '已签退'],
    ['disputed', '有异议'],
    ['confirmed', '已确认'],
    ['cancelled', '已取消'],
  ] as [ServiceState, string][])('%s reads %s', (state, zh) =>
    expect(SERVICE_STATE_LABELS[state].zh).toBe(zh),
  );
});

describe('requests', () => {
  const now = new Date('2026-11-30T02:00:00Z');
  const good = {
    title: '帮忙修理水龙头',
    categoryCode: 'repair',
    description: '厨房水龙头漏水',
    windowStart: '2026-12-01T09:00:00+08:00',
    windowEnd: '2026-12-01T12:00:00+08:00',
    estimatedMinutes: 60,
    volunteersNeeded: 1,
    address: '3 栋 2 单元 501',
  };

  it('accepts a complete request', () => expect(requestIssues(good, now)).toEqual([]));
  it('accepts a request without its optional fields', () => {
    const bare: Record<string, unknown> = { ...good };
    delete bare.description;
    delete bare.address;
    expect(requestIssues(bare, now)).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, [string, string][]]>([
    ['no title', { title: '  ' }, [['title', 'required']]],
    ['a 101-character title', { title: '修'.repeat(101) }, [['title', 'invalid_value']]],
    ['no category', { categoryCode: undefined }, [['categoryCode', 'required']]],
    ['a numeric title', { title: 7 }, [['title', 'invalid_value']]],
    ['no start', { windowStart: null }, [['windowStart', 'required']]],
    ['a start that is no date', { windowStart: 'tomorrow' }, [['windowStart', 'invalid_value']]],
    [
      'an end before the start',
      { windowEnd: '2026-12-01T08:00:00+08:00' },
      [['windowEnd', 'invalid_value']],
    ],
    [
      'an end equal to the start',
      { windowEnd: '2026-12-01T09:00:00+08:00' },
      [['windowEnd', 'invalid_value']],
    ],
    [
      'a window already past',
      { windowStart: '2026-11-29T09:00:00+08:00', windowEnd: '2026-11-29T12:00:00+08:00' },
      [['windowEnd', 'past_window']],
    ],
    [
      'an estimate of 29 minutes',
      { estimatedMinutes: 29 },
      [['estimatedMinutes', 'invalid_duration']],
    ],
    [
      'an estimate of 721 minutes',
      { estimatedMinutes: 721 },
      [['estimatedMinutes', 'invalid_duration']],
    ],
    [
      'a fractional estimate',
      { estimatedMinutes: 45.5 },
      [['estimatedMinutes', 'invalid_duration']],
    ],
    ['no estimate', { estimatedMinutes: undefined }, [['estimatedMinutes', 'required']]],
    ['no volunteers', { volunteersNeeded: 0 }, [['volunteersNeeded', 'invalid_value']]],
    ['51 volunteers', { volunteersNeeded: 51 }, [['volunteersNeeded', 'invalid_value']]],
    ['1.5 volunteers', { volunteersNeeded: 1.5 }, [['volunteersNeeded', 'invalid_value']]],
    ['volunteers as text', { volunteersNeeded: '2' }, [['volunteersNeeded', 'invalid_value']]],
    ['a 201-character address', { address: 'x'.repeat(201) }, [['address', 'invalid_value']]],
  ])('refuses %s', (_name, change, expected) => {
    const issues = requestIssues({ ...good, ...change }, now);
    expect(issues.map((i) => [i.path, i.code])).toEqual(expected);
  });

  it('takes the bounds of the community policy when given', () => {
    const bounds = { minServiceMinutes: 60, maxServiceMinutes: 120 };
    expect(requestIssues({ ...good, estimatedMinutes: 150 }, now, bounds)[0]?.message).toContain(
      '1 h to 2 h',
    );
  });

  it('refuses what is not an object, and reports every missing field at once', () => {
    expect(requestIssues(null, now).map((i) => i.code)).toEqual(['invalid_value']);
    expect(requestIssues({}, now).map((i) => i.path)).toEqual([
      'title',
      'categoryCode',
      'windowStart',
      'windowEnd',
      'estimatedMinutes',
      'volunteersNeeded',
    ]);
  });
});

describe('accepting a request', () => {
  const now = new Date('2026-11-30T02:00:00Z');
  const open = {
    status: 'open',
    volunteersNeeded: 2,
    taken: 1,
    windowEnd: '2026-11-30T12:00:00+08:00',
  };
  it.each<[string, Partial<typeof open>, string | null]>([
    ['an open request with room', {}, null],
    ['a closed request', { status: 'closed' }, 'request_closed'],
    ['a draft', { status: 'draft' }, 'request_closed'],
    ['a full request', { taken: 2 }, 'request_full'],
    ['a request past its window', { windowEnd: '2026-11-30T09:59:59+08:00' }, 'past_window'],
    ['a closed and full request', { status: 'closed', taken: 2 }, 'request_closed'],
  ])('%s', (_name, change, code) => {
    expect(acceptIssue({ ...open, ...change }, now)?.code ?? null).toBe(code);
  });
});

describe('when a service may be checked in', () => {
  // A window from 09:00 to 11:00 China time on 2026-12-02 (01:00–03:00 UTC).
  const window = { windowStart: '2026-12-02T01:00:00.000Z', windowEnd: '2026-12-02T03:00:00.000Z' };
  const at = (iso: string) => Date.parse(iso);

  it('opens an hour before the window and closes at its end', () => {
    expect(checkInPeriod(window)).toEqual({
      opens: at('2026-12-02T00:00:00.000Z'),
      closes: at('2026-12-02T03:00:00.000Z'),
    });
    expect(checkInPeriod({ windowStart: null, windowEnd: 'nonsense' })).toEqual({
      opens: null,
      closes: null,
    });
  });

  it.each([
    ['the day before', '2026-12-01T10:00:00.000Z', 'too_early'],
    ['a minute before it opens', '2026-12-01T23:59:00.000Z', 'too_early'],
    ['as it opens', '2026-12-02T00:00:00.000Z', null],
    ['within the window', '2026-12-02T02:00:00.000Z', null],
    ['at its end', '2026-12-02T03:00:00.000Z', null],
    ['a minute after its end', '2026-12-02T03:01:00.000Z', 'past_window'],
  ])('%s: %s', (_name, now, code) => {
    expect(checkInIssue(window, at(now))?.code ?? null).toBe(code);
  });

  it('says in China time when check-in opens, in both languages', () => {
    const early = checkInIssue(window, at('2026-12-01T10:00:00.000Z'))!;
    expect(early.path).toBe('service');
    expect(early.messageZh).toContain('2026-12-02 08:00 起可签到');
    expect(early.message).toContain('2026-12-02 08:00');
  });
});
