/**
 * The donation rules, pure: who gave (a person, an organisation, or anonymous), what (a positive
 * whole number of fen; in kind with its description and valuation), into which fund, and the
 * lifecycle pledged → received → refunded. What is received is fixed: a mistake is corrected by
 * a refund (a reversing transfer), never by an edit.
 */
import type { GrantsErrorCode } from './errors';

export interface Issue {
  path: string;
  /** A code in GRANTS_ERRORS (domain/errors.ts): an unknown one fails to compile. */
  code: GrantsErrorCode;
  message: string;
  messageZh: string;
}

export const issue = (
  path: string,
  code: GrantsErrorCode,
  message: string,
  messageZh: string,
): Issue => ({
  path,
  code,
  message: `${path}: ${message}`,
  messageZh: `${path}：${messageZh}`,
});

export const FIXED_ONCE_RECEIVED = [
  'donorKind',
  'donorPerson',
  'donorOrganisation',
  'amount',
  'channel',
  'inKindDescription',
  'donatedOn',
  'fund',
  'restricted',
];
/** Set by receiving and refunding, never written directly. */
export const COMPUTED = [
  'status',
  'receiptNo',
  'receivedAt',
  'refundedAt',
  'transferId',
  'refundTransferId',
];

/**
 * An amount as it may arrive: a number, digits as text (REST, Strapi's biginteger), or a BigInt
 * (GraphQL's Long). Null when it is not a whole number.
 */
export function wholeAmount(v: unknown): number | null {
  if (typeof v === 'bigint')
    return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= 0n ? Number(v) : null;
  if (typeof v === 'string' && /^\d{1,16}$/.test(v)) return Number(v);
  return typeof v === 'number' && Number.isSafeInteger(v) ? v : null;
}

export interface DonationShape {
  donorKind?: string;
  donorPerson?: unknown;
  donorOrganisation?: unknown;
  donorName?: string | null;
  amount?: unknown;
  channel?: string;
  inKindDescription?: string | null;
  donatedOn?: string | null;
  restricted?: boolean;
}

const present = (v: unknown) =>
  v !== undefined &&
  v !== null &&
  v !== '' &&
  !(typeof v === 'object' && Object.keys(v as object).length === 0);

export function donationIssues(d: DonationShape, fundKind: string | null): Issue[] {
  const issues: Issue[] = [];
  const amount = wholeAmount(d.amount);
  if (amount === null || amount <= 0) {
    issues.push(
      issue(
        'amount',
        'invalid_amount',
        'a positive whole number of fen (¥1 = 100)',
        '金额须为正整数（单位：分，1元=100分）',
      ),
    );
  }
  if (d.donorKind === 'person' && !present(d.donorPerson)) {
    issues.push(issue('donorPerson', 'required', 'choose the person who gave', '请选择捐赠人'));
  }
  if (d.donorKind === 'organisation' && !present(d.donorOrganisation)) {
    issues.push(
      issue('donorOrganisation', 'required', 'choose the organisation that gave', '请选择捐赠单位'),
    );
  }
  if (d.donorKind === 'anonymous' && (present(d.donorPerson) || present(d.donorOrganisation))) {
    issues.push(
      issue(
        'donorKind',
        'invalid_value',
        'an anonymous donation names no donor',
        '匿名捐赠不能指定捐赠人',
      ),
    );
  }
  if (d.channel === 'in_kind' && !present(d.inKindDescription)) {
    issues.push(
      issue(
        'inKindDescription',
        'required',
        'describe what was given; the amount is its valuation',
        '请说明捐赠物资，金额为其估值',
      ),
    );
  }
  if (fundKind === null) {
    issues.push(issue('fund', 'required', 'choose the fund it goes to', '请选择受赠基金'));
  } else if (d.restricted && fundKind === 'general') {
    issues.push(
      issue(
        'fund',
        'invalid_value',
        'a restricted donation goes to a special or community fund',
        '定向捐赠须进入专项基金或社区微基金',
      ),
    );
  } else if (!d.restricted && fundKind !== 'general') {
    issues.push(
      issue(
        'fund',
        'invalid_value',
        'an unrestricted donation goes to the general fund',
        '非定向捐赠须进入基金会一般基金',
      ),
    );
  }
  return issues;
}

/** How a donation came, as receipts and the disclosure name it. */
export const CHANNEL_NAMES: Record<string, string> = {
  bank_transfer: '银行转账',
  wechat_pay: '微信支付',
  alipay: '支付宝',
  cash: '现金',
  in_kind: '实物捐赠',
};

/** Receipt numbers: gap-free per year, e.g. 2026-000187. */
export const receiptNumber = (year: number, n: number): string =>
  `${year}-${String(n).padStart(6, '0')}`;

/** ¥1,234,567.89 */
export function yuanText(fen: number): string {
  const yuan = Math.floor(fen / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `¥${yuan}.${String(fen % 100).padStart(2, '0')}`;
}
