/**
 * The life of a service (订单), from a volunteer accepting a request to the person served
 * confirming it. There is no 'paid' state: confirming pays in the same transaction, so
 * 'confirmed' already means paid, and a service can never be confirmed but unpaid.
 */
import { chinaMinute, instant } from './dates';
import { issue, TimeBankIssues, type Issue } from './errors';

export type ServiceState =
  | 'accepted'
  | 'checked_in'
  | 'checked_out'
  | 'disputed'
  | 'confirmed'
  | 'cancelled';

export type ServiceAction = 'check_in' | 'check_out' | 'confirm' | 'dispute' | 'resolve' | 'cancel';

export const SERVICE_STATES: readonly ServiceState[] = [
  'accepted',
  'checked_in',
  'checked_out',
  'disputed',
  'confirmed',
  'cancelled',
];

export const SERVICE_ACTIONS: readonly ServiceAction[] = [
  'check_in',
  'check_out',
  'confirm',
  'dispute',
  'resolve',
  'cancel',
];

export const SERVICE_STATE_LABELS: Record<ServiceState, { zh: string; en: string }> = {
  accepted: { zh: '已接单', en: 'accepted' },
  checked_in: { zh: '已签到', en: 'checked in' },
  checked_out: { zh: '已签退', en: 'checked out' },
  disputed: { zh: '有异议', en: 'disputed' },
  confirmed: { zh: '已确认', en: 'confirmed' },
  cancelled: { zh: '已取消', en: 'cancelled' },
};

export const SERVICE_ACTION_LABELS: Record<ServiceAction, { zh: string; en: string }> = {
  check_in: { zh: '签到', en: 'check in' },
  check_out: { zh: '签退', en: 'check out' },
  confirm: { zh: '确认', en: 'confirm' },
  dispute: { zh: '提出异议', en: 'dispute' },
  resolve: { zh: '处理异议', en: 'resolve' },
  cancel: { zh: '取消', en: 'cancel' },
};

/**
 * Every allowed move. A started service can be cancelled (the volunteer fell ill mid-visit) but
 * not one checked out: once time was served, only confirming or disputing settles it. A dispute
 * is resolved by staff, who set the minutes, and resolving confirms (and so pays).
 */
export const SERVICE_FLOW: Record<ServiceState, Partial<Record<ServiceAction, ServiceState>>> = {
  accepted: { check_in: 'checked_in', cancel: 'cancelled' },
  checked_in: { check_out: 'checked_out', cancel: 'cancelled' },
  checked_out: { confirm: 'confirmed', dispute: 'disputed' },
  disputed: { resolve: 'confirmed' },
  confirmed: {},
  cancelled: {},
};

/** The actions a service in this state allows, for the buttons the console shows. */
export const allowedActions = (state: ServiceState): ServiceAction[] =>
  SERVICE_ACTIONS.filter((a) => SERVICE_FLOW[state]?.[a] !== undefined);

/** The state after `action`; throws TimeBankIssues when the state does not allow it. */
export function nextState(state: ServiceState, action: ServiceAction): ServiceState {
  const next = SERVICE_FLOW[state]?.[action];
  if (next !== undefined) return next;
  // A second confirmation is usually a double click or a retry: its own code lets the client
  // say "already done" instead of an error.
  if (state === 'confirmed' && (action === 'confirm' || action === 'resolve')) {
    throw new TimeBankIssues([
      issue(
        'action',
        'already_confirmed',
        'the service is already confirmed and paid',
        '该服务已确认并已计入时间',
      ),
    ]);
  }
  const label = SERVICE_STATE_LABELS[state] ?? { zh: String(state), en: String(state) };
  const act = SERVICE_ACTION_LABELS[action] ?? { zh: String(action), en: String(action) };
  throw new TimeBankIssues([
    issue(
      'action',
      'invalid_transition',
      `a service that is ${label.en} cannot ${act.en}`,
      `服务当前为“${label.zh}”，不能${act.zh}`,
    ),
  ]);
}

/** Check-in opens this long before a request's window, as an activity's does before its start. */
export const CHECK_IN_OPENS_BEFORE_MS = 3600_000;

/**
 * When a service may be checked in: from an hour before its request's window until the window's
 * end (instants in ms, null where the window names none). A check-in starts the clock that pays
 * the volunteer; time served outside it is recorded by staff (honour hours), who know what
 * happened. The phone page shows the same period the server enforces.
 */
export function checkInPeriod(window: { windowStart: unknown; windowEnd: unknown }): {
  opens: number | null;
  closes: number | null;
} {
  const start = instant(window.windowStart);
  return {
    opens: start === null ? null : start - CHECK_IN_OPENS_BEFORE_MS,
    closes: instant(window.windowEnd),
  };
}

/** Why a service may not be checked in at `now`, or null. */
export function checkInIssue(
  window: { windowStart: unknown; windowEnd: unknown },
  now: number,
): Issue | null {
  const { opens, closes } = checkInPeriod(window);
  if (opens !== null && now < opens) {
    const at = chinaMinute(opens);
    return issue(
      'service',
      'too_early',
      `check-in opens at ${at} (China time), an hour before the service's time`,
      `${at} 起可签到（服务时段开始前一小时）`,
    );
  }
  if (closes !== null && now > closes)
    return issue(
      'service',
      'past_window',
      "the service's time has passed: ask the community's staff to record the hours served",
      '服务时段已结束，请联系社区工作人员登记服务时长',
    );
  return null;
}
