import { issue, wholeAmount, type Issue } from './donations';
import { documentAfter, heldDocument, type Row } from './relation-input';
import { roundIssues } from './rounds';

/**
 * The rules of a round's own record, pure: its settings checked (budget, cap, dates, rubric, a
 * grant-application form), its status moved only by `advance`, `awarded` computed from the
 * awards, the fund fixed once the round has opened, deleted only as a draft, kept as it was once
 * closed.
 */

/** The form purpose a round's application form must have. */
export const ROUND_FORM_PURPOSE = 'grant-application';

export function roundDeleteIssues(current: Row): Issue[] {
  return current.status !== 'draft'
    ? [
        issue(
          'id',
          'not_draft',
          'only a draft round can be deleted; close it instead',
          '只有草稿状态的轮次可以删除',
        ),
      ]
    : [];
}

/** The form a round takes applications on after a write (a documentId), if any. */
export const roundFormAfter = (current: Row | null, data: Row) =>
  documentAfter(current, data, 'form');

/**
 * A create or update of a round. `formPurpose` is the purpose of the form it names after the
 * write (null when that form does not exist); it is not read when the round names no form.
 */
export function roundWriteIssues(
  current: Row | null,
  data: Row,
  formPurpose: string | null | undefined,
): Issue[] {
  const issues: Issue[] = [];
  const status = current?.status ?? 'draft';
  if ('status' in data && data.status !== status)
    issues.push(
      issue(
        'status',
        'use_advance',
        'a round moves on with “advance”, one stage at a time',
        '请使用“进入下一阶段”逐步推进',
      ),
    );
  // The last move's time, kind and reason are written by `advance` and `undo` only: undo trusts
  // them, and the audit log keeps the reason.
  for (const k of ['stageChangedAt', 'stageMove', 'stageReason'])
    if (k in data)
      issues.push(
        issue(k, 'use_advance', 'set by moving the round on or back', '由推进或撤回阶段时记录'),
      );
  if ('awarded' in data && String(data.awarded ?? '0') !== String(current?.awarded ?? '0'))
    issues.push(issue('awarded', 'computed_field', 'is the sum of the awards', '由立项金额汇总'));
  if (status === 'closed')
    issues.push(issue('id', 'closed', 'a closed round is kept as it was', '已结束的轮次不能修改'));
  const fund = documentAfter(current, data, 'fund');
  if ('fund' in data && current && status !== 'draft' && fund !== heldDocument(current, 'fund'))
    issues.push(
      issue(
        'fund',
        'fixed',
        'the fund is fixed once the round has opened',
        '轮次开放后不能更换基金',
      ),
    );
  if (!fund)
    issues.push(
      issue('fund', 'required', 'choose the fund that pays the awards', '请选择资金来源基金'),
    );
  if (roundFormAfter(current, data) && formPurpose !== ROUND_FORM_PURPOSE)
    issues.push(
      issue(
        'form',
        'invalid_value',
        'choose a form whose purpose is grant application',
        '请选择用途为“项目申报”的表单',
      ),
    );
  const merged = {
    budget: data.budget ?? current?.budget,
    cap: data.cap ?? current?.cap,
    opensOn: (data.opensOn ?? current?.opensOn) as string | null | undefined,
    closesOn: (data.closesOn ?? current?.closesOn) as string | null | undefined,
    rubric: 'rubric' in data ? data.rubric : current?.rubric,
  };
  issues.push(...roundIssues(merged, Number(current?.awarded ?? 0)));
  return issues;
}

/**
 * The data a round's write stores: budget and cap as text (biginteger columns; they may come as a
 * number, text or GraphQL's BigInt), and nothing awarded yet on create.
 */
export function roundData(action: 'create' | 'update', data: Row): Row {
  const out: Row = { ...data };
  for (const k of ['budget', 'cap']) {
    const amount = k in data ? wholeAmount(data[k]) : null;
    if (amount !== null) out[k] = String(amount);
  }
  if (action === 'create') out.awarded = '0';
  return out;
}
