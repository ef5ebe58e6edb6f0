import { issue, type Issue } from './donations';
import { ROUND_FLOW } from './rounds';

/**
 * What moving a round on or back means, pure: the counts that matter at each step, the warnings
 * a person must read (and answer with a reason) before the server moves the round, and when a
 * move may be undone. The server computes the counts; the console shows the same warnings it
 * will refuse without a reason, so the dialog never promises what the server refuses.
 *
 * The rule, one for every step: a step that skips work needs a reason, recorded on the round
 * (and so in its audit entry). Work skipped is
 * - open → reviewing before the round's closing date (China time): applications are cut off early;
 * - reviewing → awarding with live applications that have no submitted review, or that still
 *   await more information from the applicant;
 * - awarding → closed with applications still live (submitted, under review, awaiting
 *   information): they can never be awarded once the round is closed.
 */

/** The stage before each (what undo returns to). A round never goes back to draft. */
export const ROUND_BACK: Record<string, string> = {
  reviewing: 'open',
  awarding: 'reviewing',
  closed: 'awarding',
};

/** A round's applications as the dialog counts them. */
export interface StageCounts {
  draft: number;
  submitted: number;
  under_review: number;
  more_info: number;
  approved: number;
  rejected: number;
  withdrawn: number;
  /** live applications (submitted, under review, more information) with no submitted review */
  unreviewed: number;
}

export type StageWarningCode = 'before_closing' | 'unreviewed' | 'more_info' | 'still_live';

export interface StageWarning {
  code: StageWarningCode;
  /** how many applications it concerns (0 for the closing date) */
  count: number;
  message: string;
  messageZh: string;
}

export const nextStage = (status: string): string | null => ROUND_FLOW[status]?.[0] ?? null;

/** What the step to `next` skips; each one needs a reason. */
export function stageWarnings(
  next: string | null,
  counts: StageCounts,
  closesOn: string | null | undefined,
  today: string,
): StageWarning[] {
  const out: StageWarning[] = [];
  if (next === 'reviewing' && closesOn && today < closesOn)
    out.push({
      code: 'before_closing',
      count: 0,
      message: `the round takes applications until ${closesOn}; review would start before the closing date`,
      messageZh: `本轮申报截止日期为 ${closesOn}，尚未截止就开始评审`,
    });
  if (next === 'awarding' && counts.unreviewed > 0)
    out.push({
      code: 'unreviewed',
      count: counts.unreviewed,
      message: `${counts.unreviewed} application(s) have no submitted review`,
      messageZh: `${counts.unreviewed} 份申请还没有提交的评审`,
    });
  if (next === 'awarding' && counts.more_info > 0)
    out.push({
      code: 'more_info',
      count: counts.more_info,
      message: `${counts.more_info} application(s) still await more information`,
      messageZh: `${counts.more_info} 份申请仍在等待补充材料`,
    });
  const live = counts.submitted + counts.under_review + counts.more_info;
  if (next === 'closed' && live > 0)
    out.push({
      code: 'still_live',
      count: live,
      message: `${live} application(s) are still open and can no longer be awarded`,
      messageZh: `${live} 份申请仍未办结，关闭后不能再立项`,
    });
  return out;
}

/** The longest reason kept (the round's stageReason column). */
export const REASON_MAX = 2000;

/** A reason, when the step needs one (`warnings` not empty) or when one is given. */
export function reasonIssues(reason: unknown, warnings: StageWarning[]): Issue[] {
  const text = typeof reason === 'string' ? reason.trim() : '';
  if (reason != null && typeof reason !== 'string')
    return [issue('reason', 'invalid_value', 'a reason is text', '原因须为文字')];
  if (text.length > REASON_MAX)
    return [
      issue(
        'reason',
        'invalid_value',
        `at most ${REASON_MAX} characters`,
        `原因不能超过 ${REASON_MAX} 字`,
      ),
    ];
  if (warnings.length && text.length < 2)
    return [
      issue(
        'reason',
        'required',
        `say why: ${warnings.map((w) => w.message).join('; ')}`,
        `请说明原因：${warnings.map((w) => w.messageZh).join('；')}`,
      ),
    ];
  return [];
}

/** What a round's last move left behind, as undo reads it. */
export interface LastMove {
  status: string;
  stageMove?: string | null;
  /** the China date of the last move (null: never moved since this was recorded) */
  movedOn?: string | null;
  /** reviews submitted since the last move */
  reviewsSince: number;
  /** awards the round holds */
  awards: number;
}

/** Why the round's last step cannot be undone, or null when it can. */
export function undoIssue(m: LastMove, today: string): Issue | null {
  const back = ROUND_BACK[m.status];
  if (!back)
    return issue(
      'status',
      'not_undoable',
      m.status === 'open'
        ? 'an open round takes applications; it does not go back to draft'
        : 'there is no earlier stage to go back to',
      m.status === 'open' ? '申报中的轮次不能退回草稿' : '没有可退回的上一阶段',
    );
  if (m.stageMove !== 'advance' || !m.movedOn)
    return issue(
      'status',
      'not_undoable',
      'only the last step forward can be undone, once',
      '只能撤回最近一次进入下一阶段的操作，且只能撤回一次',
    );
  if (m.movedOn !== today)
    return issue(
      'status',
      'not_undoable',
      `the round moved on ${m.movedOn}; a step is undone only the same day`,
      `本轮于 ${m.movedOn} 进入当前阶段，只能在当天撤回`,
    );
  if (m.status === 'reviewing' && m.reviewsSince > 0)
    return issue(
      'status',
      'not_undoable',
      `${m.reviewsSince} review(s) were submitted since review started`,
      `开始评审后已提交 ${m.reviewsSince} 份评审，不能撤回`,
    );
  if (m.status === 'awarding' && m.awards > 0)
    return issue(
      'status',
      'not_undoable',
      `${m.awards} award(s) were made; they would belong to a round under review`,
      `已立项 ${m.awards} 个项目，不能撤回`,
    );
  return null;
}
