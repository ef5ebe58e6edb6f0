import type { SlaStatus } from '../../../plugins/cases/server/src/shared/contracts/cases';

/**
 * The deadline a case's clock is reading: of this step's deadline (e.g. 待签收's time to sign for
 * it) and the whole case's, the earlier, while the case is open — so "已超时" stands beside the
 * deadline that passed, not beside a later one. Once paused or finished, the case's own deadline.
 */
export function drivingDeadline(
  status: SlaStatus,
  dueAt: string | null,
  stateDueAt: string | null | undefined,
): { at: string; step: boolean } | null {
  const live = status === 'on_time' || status === 'due_soon' || status === 'overdue';
  if (live && stateDueAt && (!dueAt || Date.parse(stateDueAt) < Date.parse(dueAt)))
    return { at: stateDueAt, step: true };
  return dueAt ? { at: dueAt, step: false } : null;
}
