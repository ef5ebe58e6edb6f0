import { addWorkingMinutes, deadline, pause, resume, type Calendar } from './calendar';
import type { CaseTypeDefinition, StateKind, WorkflowState } from './types';

/** The deadlines a case carries, stored with it so timers survive restarts. */
export interface Deadlines {
  /** the resolution deadline (open states count, waiting states pause it) */
  dueAt: Date | null;
  warnAt: Date | null;
  /** working minutes left on the resolution clock while paused */
  remainingMinutes: number | null;
  /** the current state's own limit (sign within 2 working hours) */
  stateDueAt: Date | null;
  stateWarnAt: Date | null;
}

export type SlaStatus = 'none' | 'on_time' | 'due_soon' | 'overdue' | 'paused' | 'met' | 'missed';

const DEFAULT_WARN = 80;

/**
 * The deadlines after a case enters `to` at `now`: the state's own limit starts afresh; the
 * resolution clock starts at intake (and again when reopened), pauses on entering a waiting
 * state (keeping the working minutes left) and resumes on leaving it, so a pause adds exactly
 * its working length to the deadline.
 */
export function enterState(
  def: CaseTypeDefinition,
  cal: Calendar,
  now: Date,
  previous: Deadlines & { kind: StateKind | null },
  to: WorkflowState,
  restart: boolean,
): Deadlines {
  const warn = def.warnPercent ?? DEFAULT_WARN;
  const next: Deadlines = { ...previous, stateDueAt: null, stateWarnAt: null };
  if (to.slaMinutes && to.kind === 'open') {
    const d = deadline(cal, now, to.slaMinutes, warn);
    next.stateDueAt = d.dueAt;
    next.stateWarnAt = d.warnAt;
  }
  if (restart) {
    next.remainingMinutes = null;
    if (def.resolveMinutes) {
      const d = deadline(cal, now, def.resolveMinutes, warn);
      next.dueAt = d.dueAt;
      next.warnAt = d.warnAt;
    } else {
      next.dueAt = null;
      next.warnAt = null;
    }
  }
  const wasWaiting = previous.kind === 'waiting';
  if (to.kind === 'waiting' && !wasWaiting && next.dueAt) {
    next.remainingMinutes = pause(cal, now, next.dueAt);
    next.dueAt = null;
    next.warnAt = null;
  } else if (to.kind === 'open' && wasWaiting && next.remainingMinutes !== null) {
    const d = resume(cal, now, next.remainingMinutes, def.resolveMinutes ?? 0, warn);
    next.dueAt = d.dueAt;
    next.warnAt = d.warnAt;
    next.remainingMinutes = null;
  }
  if (to.kind === 'resolved' || to.kind === 'closed') {
    // The deadline stays on record (met or missed); nothing is left to warn about.
    next.warnAt = null;
  }
  return next;
}

/** What the queues show for a case's deadlines at `now`. */
export function slaStatusAt(
  now: Date,
  kind: StateKind,
  d: Pick<Deadlines, 'dueAt' | 'warnAt' | 'stateDueAt' | 'stateWarnAt'>,
  everOverdue: boolean,
): SlaStatus {
  if (kind === 'resolved' || kind === 'closed') {
    if (!d.dueAt && !everOverdue) return 'none';
    return everOverdue ? 'missed' : 'met';
  }
  if (kind === 'waiting') return 'paused';
  const t = now.getTime();
  const passed = (x: Date | null) => !!x && x.getTime() <= t;
  if (passed(d.dueAt) || passed(d.stateDueAt)) return 'overdue';
  if (passed(d.warnAt) || passed(d.stateWarnAt)) return 'due_soon';
  return d.dueAt || d.stateDueAt ? 'on_time' : 'none';
}

/** The deadline pushed by an extension of whole working days (a day = the calendar's working minutes). */
export function extend(
  cal: Calendar,
  dueAt: Date,
  workingDays: number,
  minutesPerDay: number,
): Date {
  return addWorkingMinutes(cal, dueAt, workingDays * minutesPerDay);
}
