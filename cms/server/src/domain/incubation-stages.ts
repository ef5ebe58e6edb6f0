import { issue, type DomainIssue } from './errors';

/**
 * An organisation's stay in a hub's incubator (入壳 → 出壳), as a pure state machine.
 * applied → assessing → incubating → hatched; withdrawn or rejected end it early.
 */
export const INCUBATION_STAGES = [
  'applied',
  'assessing',
  'incubating',
  'hatched',
  'withdrawn',
  'rejected',
] as const;
export type IncubationStage = (typeof INCUBATION_STAGES)[number];

export const STAGE_TRANSITIONS: Record<IncubationStage, readonly IncubationStage[]> = {
  applied: ['assessing', 'withdrawn', 'rejected'],
  assessing: ['incubating', 'withdrawn', 'rejected'],
  incubating: ['hatched', 'withdrawn'],
  hatched: [],
  withdrawn: [],
  rejected: [],
};

/** The date field recording when a stage was entered. */
export const STAGE_DATE_FIELD: Record<IncubationStage, string> = {
  applied: 'appliedOn',
  assessing: 'assessingOn',
  incubating: 'incubatingOn',
  hatched: 'hatchedOn',
  withdrawn: 'closedOn',
  rejected: 'closedOn',
};

export const STAGE_ZH: Record<IncubationStage, string> = {
  applied: '已申请',
  assessing: '评估中',
  incubating: '孵化中',
  hatched: '已出壳',
  withdrawn: '已退出',
  rejected: '未通过',
};

export const isTerminal = (stage: IncubationStage): boolean =>
  STAGE_TRANSITIONS[stage].length === 0;

export const canMove = (from: IncubationStage, to: IncubationStage): boolean =>
  from === to || STAGE_TRANSITIONS[from].includes(to);

export function transitionIssues(from: IncubationStage | null, to: IncubationStage): DomainIssue[] {
  if (from === null) {
    return to === 'applied'
      ? []
      : [
          issue(
            'initial_stage',
            'stage',
            `a new incubation starts at applied, not ${to}`,
            `新的孵化记录必须从“${STAGE_ZH.applied}”开始，不能是“${STAGE_ZH[to]}”`,
          ),
        ];
  }
  if (canMove(from, to)) return [];
  const next = STAGE_TRANSITIONS[from];
  return [
    issue(
      'illegal_stage_transition',
      'stage',
      `cannot move from ${from} to ${to}; allowed: ${next.length ? next.join(', ') : 'none (final stage)'}`,
      `不能从“${STAGE_ZH[from]}”变更为“${STAGE_ZH[to]}”；允许：${next.length ? next.map((s) => STAGE_ZH[s]).join('、') : '无（已是最终阶段）'}`,
    ),
  ];
}

export type StageDates = Partial<
  Record<'appliedOn' | 'assessingOn' | 'incubatingOn' | 'hatchedOn' | 'closedOn', string | null>
>;

/** Stage dates must not go backwards: applied ≤ assessing ≤ incubating ≤ hatched / closed. */
export function stageDateIssues(dates: StageDates): DomainIssue[] {
  const order = ['appliedOn', 'assessingOn', 'incubatingOn', 'hatchedOn'] as const;
  const issues: DomainIssue[] = [];
  let latest: { field: string; value: string } | null = null;
  for (const field of order) {
    const value = dates[field];
    if (!value) continue;
    if (latest && value < latest.value) {
      issues.push(
        issue(
          'dates_out_of_order',
          field,
          `${field} (${value}) is before ${latest.field} (${latest.value})`,
          `${field}（${value}）早于 ${latest.field}（${latest.value}）`,
        ),
      );
    }
    latest = { field, value };
  }
  const closed = dates.closedOn;
  const opened = dates.appliedOn;
  if (closed && opened && closed < opened) {
    issues.push(
      issue(
        'dates_out_of_order',
        'closedOn',
        `closedOn (${closed}) is before appliedOn (${opened})`,
        `closedOn（${closed}）早于 appliedOn（${opened}）`,
      ),
    );
  }
  return issues;
}

/** The fields to write when an incubation moves to `to` on `today` (an ISO date). */
export function enterStage(
  dates: StageDates,
  to: IncubationStage,
  today: string,
): { stage: IncubationStage } & StageDates {
  const field = STAGE_DATE_FIELD[to] as keyof StageDates;
  return { stage: to, [field]: dates[field] ?? today };
}
