import {
  COMPUTED,
  FIXED_ONCE_RECEIVED,
  donationIssues,
  issue,
  wholeAmount,
  type Issue,
} from './donations';
import { documentAfter, namedDocument, type Row } from './relation-input';

/**
 * The rules of a donation's own record, pure: the fields receiving and refunding set are out of
 * a client's reach, a received donation is fixed (corrected by a refund, never by an edit, never
 * deleted), and what is written obeys domain/donations.ts, into an active fund.
 */

/** The fund a donation goes to, as the rules read it; null when it names none (or none exists). */
export interface DonationFund {
  kind: string;
  status: string;
}

/** The fund a donation names after a write (a documentId), if any. */
export const donationFundAfter = (current: Row | null, data: Row) =>
  documentAfter(current, data, 'fund');

/** Whether a field's new value is what a received donation already holds. */
function unchanged(was: unknown, now: unknown): boolean {
  return typeof was === 'object' && was !== null
    ? namedDocument(now) === (was as { documentId?: unknown }).documentId
    : String(now ?? '') === String(was ?? '');
}

/** Computed fields written, and fixed fields changed on a donation no longer pledged. */
function touchedFieldIssues(current: Row | null, data: Row): Issue[] {
  const issues: Issue[] = [];
  const fixed = current && current.status !== 'pledged';
  for (const k of Object.keys(data)) {
    if (COMPUTED.includes(k) && String(data[k] ?? '') !== String(current?.[k] ?? '')) {
      issues.push(
        issue(k, 'computed_field', 'is set by receiving or refunding', '由入账或退款操作设置'),
      );
    } else if (fixed && FIXED_ONCE_RECEIVED.includes(k) && !unchanged(current[k], data[k])) {
      issues.push(
        issue(
          k,
          'fixed',
          'a received donation is corrected by a refund, not an edit',
          '已入账的捐赠不能修改，如有错误请退款后重新登记',
        ),
      );
    }
  }
  return issues;
}

/**
 * A refunded donation is closed: its refund reason and note are what the refund recorded, so
 * nothing changes any more (a save that changes nothing is no change and passes).
 */
function refundedWriteIssues(current: Row, data: Row): Issue[] {
  const changed = Object.keys(data).some((k) => !unchanged(current[k], data[k]));
  return changed
    ? [
        issue(
          'id',
          'fixed',
          'a refunded donation is closed and cannot be edited',
          '已退款的捐赠已结清，不能再修改',
        ),
      ]
    : [];
}

export function donationDeleteIssues(current: Row, data: Row = {}): Issue[] {
  const issues = touchedFieldIssues(current, data);
  if (current.status !== 'pledged')
    issues.push(
      issue(
        'id',
        'fixed',
        'a received donation is kept; refund it instead',
        '已入账的捐赠不能删除，可办理退款',
      ),
    );
  return issues;
}

/**
 * A create or update of a donation. `fund` is the fund it names after the write (null when it
 * names none or that fund does not exist); it is read only when the write touches nothing fixed.
 */
export function donationWriteIssues(
  current: Row | null,
  data: Row,
  fund: DonationFund | null,
): Issue[] {
  if (current?.status === 'refunded') return refundedWriteIssues(current, data);
  const issues = touchedFieldIssues(current, data);
  if (issues.length) return issues;
  const merged = {
    donorKind: (data.donorKind ?? current?.donorKind) as string | undefined,
    donorPerson: documentAfter(current, data, 'donorPerson'),
    donorOrganisation: documentAfter(current, data, 'donorOrganisation'),
    amount: data.amount ?? current?.amount,
    channel: (data.channel ?? current?.channel) as string | undefined,
    inKindDescription: (data.inKindDescription ?? current?.inKindDescription) as
      | string
      | null
      | undefined,
    restricted: Boolean(data.restricted ?? current?.restricted ?? false),
  };
  issues.push(...donationIssues(merged, fund?.kind ?? null));
  if (fund && fund.status !== 'active' && 'fund' in data)
    issues.push(issue('fund', 'fund_closed', 'the fund is closed', '该基金已关闭'));
  return issues;
}

/**
 * The data a donation's write stores: the amount as text (a biginteger column; it may come as a
 * number, text or GraphQL's BigInt).
 */
export function donationData(data: Row): Row {
  const amount = 'amount' in data ? wholeAmount(data.amount) : null;
  return amount === null ? data : { ...data, amount: String(amount) };
}
