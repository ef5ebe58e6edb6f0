import type { Sheet } from '../../../../forms/server/src/shared/contracts/services';
import { CHANNEL_NAMES } from './donations';

/**
 * The grants plugin's spreadsheets, pure: the public disclosure and a fund's statement as typed
 * sheets (money in fen, dates, counts) for the forms plugin's `tables` writer. Headers carry
 * both languages, as the printed disclosure does, since the files travel beyond the console.
 */

export const AWARD_STATUS: Record<string, string> = { active: '执行中', closed: '已结项' };

export interface DisclosedDonation {
  receiptNo: string;
  donatedOn: string;
  donor: string;
  amount: number;
  channel: string;
  fund: string;
  restricted: boolean;
}

export interface DisclosedAward {
  round: string;
  organisation: string;
  project: string;
  amount: number;
  paid: number;
  returned: number;
  status: string;
  fund: string;
}

export function donationsSheet(year: number, donations: DisclosedDonation[]): Sheet {
  return {
    name: `${year} 捐赠 Donations`,
    header: [
      '票据号 Receipt',
      '捐赠日期 Date',
      '捐赠人 Donor',
      '金额 Amount (¥)',
      '方式 Channel',
      '受赠基金 Fund',
      '定向 Restricted',
    ],
    kinds: ['text', 'date', 'text', 'money', 'text', 'text', 'text'],
    rows: donations.map((d) => [
      d.receiptNo,
      d.donatedOn,
      d.donor,
      d.amount,
      CHANNEL_NAMES[d.channel] ?? d.channel,
      d.fund,
      d.restricted ? '是' : '否',
    ]),
  };
}

export function awardsSheet(year: number, awards: DisclosedAward[]): Sheet {
  return {
    name: `${year} 资助 Awards`,
    header: [
      '轮次 Round',
      '组织 Organisation',
      '项目 Project',
      '资助金额 Awarded (¥)',
      '已拨付 Paid (¥)',
      '退回 Returned (¥)',
      '状态 Status',
      '基金 Fund',
    ],
    kinds: ['text', 'text', 'text', 'money', 'money', 'money', 'text', 'text'],
    rows: awards.map((a) => [
      a.round,
      a.organisation,
      a.project,
      a.amount,
      a.paid,
      a.returned,
      AWARD_STATUS[a.status] ?? a.status,
      a.fund,
    ]),
  };
}

/** A statement's figures as the statements service computes them (fen). */
export interface StatementFigures {
  fund: { name: string; code?: string | null };
  from: string;
  to: string;
  opening: number;
  closing: number;
  donations: number;
  donationsByChannel: Record<string, { count: number; amount: number }>;
  refunds: number;
  awarded: number;
  disbursed: number;
  returned: number;
  funding: number;
  other: number;
  reconciles: boolean;
}

/** One ledger entry of the period on one of the fund's accounts. */
export interface StatementLine {
  at: string;
  account: 'available' | 'committed';
  movement: string;
  reference: string | null;
  amount: number;
}

const MOVEMENT_NAMES: Record<string, string> = {
  donations: '捐赠收入 Donations',
  refunds: '退款 Refunds',
  awarded: '资助立项 Awarded',
  disbursed: '拨付 Disbursed',
  returned: '退回 Returned',
  funding: '政府资助 Government funding',
  other: '其他 Other',
};

const ACCOUNT_NAMES = { available: '可用 Available', committed: '已承诺 Committed' };

/**
 * The statement as two sheets: the summary (opening and closing balances, each kind of
 * movement, donations by channel with their count) — signed so that opening plus the signed
 * movements equals closing — and every line of the period on the fund's two accounts.
 */
export function statementSheets(s: StatementFigures, lines: StatementLine[]): Sheet[] {
  type Row = [string, number | null, number | null];
  const summary: Row[] = [
    ['期初余额 Opening balance', null, s.opening],
    ['捐赠收入 Donations', null, s.donations],
    ...Object.entries(s.donationsByChannel).map(
      ([channel, c]): Row => [`\u3000${CHANNEL_NAMES[channel] ?? channel}`, c.count, c.amount],
    ),
    ['政府资助 Government funding', null, s.funding],
    ['退款 Refunds', null, 0 - s.refunds],
    ['拨付 Disbursed', null, 0 - s.disbursed],
    ['其他 Other', null, s.other],
    ['期末余额 Closing balance', null, s.closing],
    ['基金内部：资助立项 Within the fund: awarded', null, s.awarded],
    ['基金内部：退回 Within the fund: returned', null, s.returned],
  ];
  return [
    {
      name: '汇总 Summary',
      header: ['项目 Item', '笔数 Count', '金额 Amount (¥)'],
      kinds: ['text', 'integer', 'money'],
      rows: [
        [`基金 Fund: ${s.fund.name}${s.fund.code ? ` (${s.fund.code})` : ''}`, null, null],
        [`期间 Period: ${s.from} — ${s.to}`, null, null],
        ...summary,
        [s.reconciles ? '已对账 Reconciles' : '未对平 Does not reconcile', null, null],
      ],
    },
    {
      name: '明细 Lines',
      header: ['时间 Time', '账户 Account', '类别 Movement', '摘要 Reference', '金额 Amount (¥)'],
      kinds: ['datetime', 'text', 'text', 'text', 'money'],
      rows: lines.map((l) => [
        l.at,
        ACCOUNT_NAMES[l.account],
        MOVEMENT_NAMES[l.movement] ?? l.movement,
        l.reference ?? '',
        l.amount,
      ]),
    },
  ];
}
