import { z } from 'zod';
import { issue, type DomainIssue } from './errors';
import type { IncubationStage } from './incubation-stages';

/** One assessment of an incubated organisation; each score is 0–100. */
const score = z.number().int().min(0).max(100);

/** What an assessment concluded: only a passed one lets the organisation hatch (when required). */
export const ASSESSMENT_RESULTS = ['passed', 'failed'] as const;
export type AssessmentResult = (typeof ASSESSMENT_RESULTS)[number];

export const MILESTONE_STATUSES = ['planned', 'achieved', 'missed'] as const;

// `assessor` and `result` are optional here because assessments recorded before they existed
// (the seed's, older imports) have neither; a new assessment is checked by `newAssessmentSchema`.
export const assessmentSchema = z
  .object({
    date: z.iso.date(),
    assessor: z.string().trim().min(1).max(100).optional(),
    governance: score,
    finance: score,
    services: score,
    volunteers: score,
    result: z.enum(ASSESSMENT_RESULTS).optional(),
    note: z.string().max(2000).optional(),
  })
  .strict();

/** An assessment recorded from now on names who assessed and what they concluded. */
export const newAssessmentSchema = assessmentSchema.required({ assessor: true, result: true });

/** `date` is the planned date; `achievedOn` is when it was reached. */
export const milestoneSchema = z
  .object({
    date: z.iso.date(),
    title: z.string().trim().min(1).max(200),
    done: z.boolean().optional(),
    status: z.enum(MILESTONE_STATUSES).optional(),
    achievedOn: z.iso.date().optional(),
    note: z.string().max(2000).optional(),
  })
  .strict();

export const assessmentsSchema = z.array(assessmentSchema).max(200);
export const milestonesSchema = z.array(milestoneSchema).max(200);

export type Assessment = z.infer<typeof assessmentSchema>;
export type Milestone = z.infer<typeof milestoneSchema>;

/** Stages that end an incubation early: moving there needs a reason, which is recorded. */
export const ENDING_STAGES: readonly IncubationStage[] = ['withdrawn', 'rejected'];

/** Stages during which the hub assesses the organisation periodically. */
export const ASSESSED_STAGES: readonly IncubationStage[] = ['assessing', 'incubating'];

/** How long an assessment stays current: an incubating organisation is assessed twice a year. */
export const ASSESSMENT_INTERVAL_DAYS = 182;

const list = (value: unknown): Assessment[] =>
  Array.isArray(value) ? (value as Assessment[]) : [];

export const hasPassedAssessment = (assessments: unknown): boolean =>
  list(assessments).some((a) => a?.result === 'passed');

/** The date of the latest assessment, or null when there is none. */
export function lastAssessedOn(assessments: unknown): string | null {
  let latest: string | null = null;
  for (const a of list(assessments))
    if (typeof a?.date === 'string' && (!latest || a.date > latest)) latest = a.date;
  return latest;
}

/** `iso` plus `days` days, as an ISO date (pure calendar arithmetic, no time zone). */
export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** What `dueForAssessment` reads of an incubation: its stage, assessments and stage dates. */
export interface DueInput {
  stage: IncubationStage;
  assessments?: unknown;
  appliedOn?: string | null;
  assessingOn?: string | null;
  incubatingOn?: string | null;
}

/**
 * Whether an incubation waits for an assessment on `today`: it is being assessed or incubated
 * and the interval has passed since its latest assessment or, with none, since it entered its
 * stage (or applied, when that date is missing) — one that started incubating today is not due.
 * The board, the dashboard and the incubation page all ask this one function.
 */
export function dueForAssessment(row: DueInput, today: string): boolean {
  if (!ASSESSED_STAGES.includes(row.stage)) return false;
  const entered = row.stage === 'incubating' ? row.incubatingOn : row.assessingOn;
  const since = lastAssessedOn(row.assessments) ?? entered ?? row.appliedOn ?? null;
  return !since || addDays(since, ASSESSMENT_INTERVAL_DAYS) <= today;
}

/** What `hasOverdueMilestone` reads of an incubation: its stage and milestones. */
export interface OverdueInput {
  stage: IncubationStage;
  milestones?: unknown;
}

/**
 * Whether one milestone is past its planned date and not reached on `today`: neither done nor
 * marked achieved or missed, and its date before today. Anything but an object is no milestone.
 */
export function milestoneOverdue(milestone: unknown, today: string): boolean {
  if (milestone === null || typeof milestone !== 'object') return false;
  const { done, status, date } = milestone as { done?: unknown; status?: unknown; date?: unknown };
  return (
    !done &&
    status !== 'achieved' &&
    status !== 'missed' &&
    typeof date === 'string' &&
    date < today
  );
}

/**
 * Whether an incubating organisation has a milestone overdue (`milestoneOverdue`). The board (its
 * filter and the card's mark) and the incubation page ask these functions; the dashboard's count
 * is the same rule in SQL (incubation-queue-sql.ts), held to the board's by
 * tests/api/incubation-assessments.test.ts.
 */
export function hasOverdueMilestone(row: OverdueInput, today: string): boolean {
  return (
    row.stage === 'incubating' &&
    Array.isArray(row.milestones) &&
    row.milestones.some((m: unknown) => milestoneOverdue(m, today))
  );
}

/**
 * The earliest planned date of a milestone not yet reached (neither done nor achieved or missed,
 * with a string date), or null: a record has a milestone overdue on `today` exactly when this is
 * before `today` (and it is incubating) — `hasOverdueMilestone`'s rule as one stored value.
 */
export function nextMilestoneOn(milestones: unknown): string | null {
  if (!Array.isArray(milestones)) return null;
  let earliest: string | null = null;
  for (const m of milestones as unknown[]) {
    if (m === null || typeof m !== 'object') continue;
    const { done, status, date } = m as { done?: unknown; status?: unknown; date?: unknown };
    if (done || status === 'achieved' || status === 'missed' || typeof date !== 'string') continue;
    if (earliest === null || date < earliest) earliest = date;
  }
  return earliest;
}

/** The columns kept beside an incubation's JSON so that lists filter and count by them (issue 15). */
export interface IncubationDerived {
  lastAssessedOn?: string | null;
  nextMilestoneOn?: string | null;
}

/**
 * What a write of `data` sets of the kept columns: `lastAssessedOn` when it writes assessments,
 * `nextMilestoneOn` when it writes milestones, by the same functions the cards are marked with.
 */
export function incubationDerived(data: { assessments?: unknown; milestones?: unknown }) {
  const out: IncubationDerived = {};
  if ('assessments' in data) out.lastAssessedOn = lastAssessedOn(data.assessments);
  if ('milestones' in data) out.nextMilestoneOn = nextMilestoneOn(data.milestones);
  return out;
}

/** An assessment may not be dated after `today` (China time): it records what was assessed. */
export function assessmentIssues(assessment: { date?: unknown }, today: string): DomainIssue[] {
  return typeof assessment.date === 'string' && assessment.date > today
    ? [
        issue(
          'invalid_value',
          'date',
          'date: an assessment cannot be dated after today',
          'date：评估日期不能晚于今天',
        ),
      ]
    : [];
}

/**
 * A milestone's achieved date goes with the status "achieved" only — required then — and lies
 * between the incubation's application (`appliedOn`, when known) and `today`.
 */
export function milestoneIssues(
  milestone: { status?: unknown; achievedOn?: unknown },
  today: string,
  appliedOn?: string | null,
): DomainIssue[] {
  const on = typeof milestone.achievedOn === 'string' ? milestone.achievedOn : undefined;
  const refuse = (en: string, zh: string) => [
    issue('invalid_value', 'achievedOn', `achievedOn: ${en}`, `achievedOn：${zh}`),
  ];
  if (milestone.status === 'achieved') {
    if (!on)
      return refuse(
        'an achieved milestone needs the date it was achieved',
        '已达成的里程碑须填写达成日期',
      );
  } else if (on) {
    return refuse(
      'only an achieved milestone has an achieved date',
      '只有已达成的里程碑才有达成日期',
    );
  }
  if (on && on > today) return refuse('cannot be after today', '达成日期不能晚于今天');
  if (on && appliedOn && on < appliedOn)
    return refuse(
      `cannot be before the incubation was applied for (${appliedOn})`,
      `达成日期不能早于申请孵化日期（${appliedOn}）`,
    );
  return [];
}

/**
 * What refuses a move to `to`: an ending stage without a reason, hatching without a passed
 * assessment when the rule is on. `reasonField` names the field the caller's request holds it in.
 */
export function moveIssues(
  from: IncubationStage | null,
  to: IncubationStage,
  input: { reason: unknown; assessments: unknown; assessmentRequired: boolean },
  reasonField: string,
): DomainIssue[] {
  if (from === to) return [];
  const issues: DomainIssue[] = [];
  if (
    ENDING_STAGES.includes(to) &&
    (typeof input.reason !== 'string' || input.reason.trim() === '')
  ) {
    issues.push(
      issue(
        'reason_required',
        reasonField,
        'a reason is required to end an incubation (withdrawn or rejected)',
        '结束孵化（已退出或未通过）必须填写原因',
      ),
    );
  }
  if (to === 'hatched' && input.assessmentRequired && !hasPassedAssessment(input.assessments)) {
    issues.push(
      issue(
        'assessment_required',
        'stage',
        'hatching requires a passed assessment: record one first (the hub requires an assessment before hatching)',
        '出壳前须有一次“通过”的评估：请先记录评估（本平台要求出壳前评估）',
      ),
    );
  }
  return issues;
}
