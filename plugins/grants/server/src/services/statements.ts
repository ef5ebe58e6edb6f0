import type { Core } from '@strapi/strapi';
import { issue } from '../domain/donations';
import { statementSheets, type StatementLine } from '../domain/sheets';
import { maskedName } from '../domain/rounds';
import { GRANTS, fundAccount } from '../uids';
import { invalid } from './errors';
import { fen, grantsKit, ledgerFen, type Doc } from './shared';
import { cmsService } from '../utils';

const MOVEMENTS = [
  'donations',
  'refunds',
  'awarded',
  'disbursed',
  'returned',
  'funding',
  'other',
] as const;
export type Movement = (typeof MOVEMENTS)[number];

/** What a ledger transfer was, for a fund's statement, from its code and kind. */
function movementOf(code: string | null, kind: string): Movement {
  if (code === 'donation') return kind === 'reversal' ? 'refunds' : 'donations';
  if (code === 'award') return 'awarded';
  if (code === 'disbursement' && kind === 'post_pending') return 'disbursed';
  if (code === 'award_return') return 'returned';
  if (code === 'government_funding') return 'funding';
  return 'other';
}

/**
 * A fund's statement for a period, read from the ledger's entries on its two accounts: opening
 * and closing balances (each account's balance-after at the edges), and every movement between,
 * by kind — donations by channel, refunds, government funding, awards (available → committed), disbursements paid,
 * unpaid awards returned. It reconciles when, for each account, opening + movements = closing,
 * and a period reaching today closes on the ledger's current balance.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const kit = grantsKit(strapi);
  const china = () => cmsService(strapi, 'chinaTime');

  /** The channel of each donation received (or refunded) by these ledger transfers. */
  async function channels(transferIds: number[]): Promise<Map<number, string>> {
    const byTransfer = new Map<number, string>();
    const ids = [...new Set(transferIds)];
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await strapi.db
        .connection('grants_donations')
        .whereIn('transfer_id', ids.slice(i, i + 500))
        .select('transfer_id', 'channel');
      for (const r of rows) if (r.channel) byTransfer.set(Number(r.transfer_id), r.channel);
    }
    return byTransfer;
  }

  /** The statement and, for its spreadsheet, every entry of the period on the fund's accounts. */
  async function compute(fundDocumentId: string, from: unknown, to: unknown) {
    const problems = [];
    if (!china().isIsoDate(from))
      problems.push(
        issue('from', 'invalid_value', 'a date YYYY-MM-DD', '开始日期格式应为 YYYY-MM-DD'),
      );
    if (!china().isIsoDate(to))
      problems.push(
        issue('to', 'invalid_value', 'a date YYYY-MM-DD', '结束日期格式应为 YYYY-MM-DD'),
      );
    else if (china().isIsoDate(from) && to < from)
      problems.push(
        issue('to', 'invalid_value', 'the period ends before it starts', '结束日期早于开始日期'),
      );
    if (problems.length) throw invalid(strapi, problems);
    const fund = await kit.load(GRANTS.fund, fundDocumentId);
    const { start, end } = china().chinaDateRange(from as string, to as string);
    const codes = {
      available: fundAccount(fund.documentId, 'available'),
      committed: fundAccount(fund.documentId, 'committed'),
    };
    // The ledger owns its tables: the period's balances and entries come from its service.
    const period: {
      accounts: { code: string; opening: unknown; closing: unknown; posted: unknown }[];
      entries: {
        account: string;
        amount: number;
        transferId: number;
        reversalOf: number | null;
        code: string | null;
        kind: string;
        reference: string | null;
        createdAt: string;
      }[];
    } = await kit.ledger().period(Object.values(codes), start, end);
    const whichOf = (code: string) => (code === codes.available ? 'available' : 'committed');
    // A donation's channel, for its transfer and for the reversal that refunds it.
    const channelOf = await channels(
      period.entries.flatMap((e) => [e.transferId, ...(e.reversalOf ? [e.reversalOf] : [])]),
    );

    const side = () => ({
      opening: 0,
      closing: 0,
      // Every kind starts at zero (a kind left out would sum to NaN).
      movements: Object.fromEntries(MOVEMENTS.map((m) => [m, 0])) as Record<Movement, number>,
    });
    const result = { available: side(), committed: side() };
    const byChannel: Record<string, { count: number; amount: number }> = {};
    for (const a of period.accounts) {
      result[whichOf(a.code)].opening = ledgerFen(a.opening);
      result[whichOf(a.code)].closing = ledgerFen(a.closing);
    }
    for (const e of period.entries) {
      const which = whichOf(e.account);
      const kind = movementOf(e.code, e.kind);
      result[which].movements[kind] += e.amount;
      const channel = channelOf.get(e.transferId) ?? (e.reversalOf && channelOf.get(e.reversalOf));
      if (kind === 'donations' && channel) {
        byChannel[channel] ??= { count: 0, amount: 0 };
        byChannel[channel].count += 1;
        byChannel[channel].amount += e.amount;
      }
    }
    const sum = (m: Record<string, number>) => Object.values(m).reduce((s, v) => s + v, 0);
    let reconciles = (['available', 'committed'] as const).every(
      (w) => result[w].opening + sum(result[w].movements) === result[w].closing,
    );
    // A period that reaches the present must close on the ledger's own totals.
    if (end.getTime() > Date.now()) {
      for (const a of period.accounts) {
        if (ledgerFen(a.posted) !== result[whichOf(a.code)].closing) reconciles = false;
      }
    }
    const statement = {
      fund: { documentId: fund.documentId, name: fund.name, code: fund.code },
      from: from as string, // checked above
      to: to as string,
      opening: result.available.opening + result.committed.opening,
      closing: result.available.closing + result.committed.closing,
      donations: result.available.movements.donations,
      donationsByChannel: byChannel,
      refunds: -result.available.movements.refunds,
      awarded: -result.available.movements.awarded,
      disbursed: -result.committed.movements.disbursed,
      returned: result.available.movements.returned,
      funding: result.available.movements.funding + result.committed.movements.funding,
      other: result.available.movements.other + result.committed.movements.other,
      accounts: result,
      reconciles,
    };
    const named = await referenceNames(period.entries.map((e) => e.reference));
    const lines: StatementLine[] = period.entries.map((e) => ({
      at: e.createdAt,
      account: whichOf(e.account),
      movement: movementOf(e.code, e.kind),
      reference: (e.reference && named.get(e.reference)) ?? e.reference,
      amount: e.amount,
    }));
    return { statement, lines };
  }

  /**
   * What an accountant reads for a ledger reference (`grants.donation:<documentId>`): the
   * donation's receipt number and donor, the project a payment or award belongs to — one
   * query per kind of record, not one per line.
   */
  async function referenceNames(references: (string | null)[]): Promise<Map<string, string>> {
    const ids: Record<string, Set<string>> = {};
    for (const ref of references) {
      const [kind, id] = (ref ?? '').split(':');
      if (kind && id) (ids[kind] ??= new Set()).add(id);
    }
    const rows = async (uid: string, kind: string, select: string[], populate?: object) =>
      ids[kind]?.size
        ? ((await strapi.db.query(uid as never).findMany({
            where: { documentId: { $in: [...ids[kind]] } },
            select: ['documentId', ...select],
            ...(populate ? { populate } : {}),
          })) as Doc[])
        : [];
    const out = new Map<string, string>();
    for (const d of await rows(GRANTS.donation, 'grants.donation', ['receiptNo', 'donorName'])) {
      const who = (d.donorName as string | null) ?? '匿名 Anonymous';
      out.set(`grants.donation:${d.documentId}`, `${d.receiptNo ?? '—'} · ${who}`);
    }
    for (const a of await rows(GRANTS.application, 'grants.application', ['projectTitle'])) {
      out.set(`grants.application:${a.documentId}`, String(a.projectTitle ?? ''));
    }
    for (const a of await rows(GRANTS.award, 'grants.award', ['projectTitle'])) {
      out.set(`grants.award:${a.documentId}`, String(a.projectTitle ?? ''));
    }
    const tranches = await rows(GRANTS.disbursement, 'grants.disbursement', ['label'], {
      award: { select: ['projectTitle'] },
    });
    for (const t of tranches) {
      const award = t.award as { projectTitle?: string } | null;
      out.set(
        `grants.disbursement:${t.documentId}`,
        [award?.projectTitle, t.label].filter(Boolean).join(' · '),
      );
    }
    return out;
  }

  return {
    /** GET /funds/:id/statement?from&to — a period's balances and movements, reconciled. */
    async statement(fundDocumentId: string, from: unknown, to: unknown) {
      return (await compute(fundDocumentId, from, to)).statement;
    },

    /** The statement as a workbook: the summary and every line (GET …/statement?format=xlsx). */
    async statementSheets(fundDocumentId: string, from: unknown, to: unknown) {
      const { statement, lines } = await compute(fundDocumentId, from, to);
      return { fund: statement.fund, sheets: statementSheets(statement, lines) };
    },

    /**
     * The public disclosure (信息公开): every received donation of a year with the donor's name
     * masked unless they agreed to be named, and every award with what was paid.
     */
    async disclosure(year: unknown) {
      const y = Number(year);
      if (!Number.isInteger(y) || y < 2000 || y > 2100)
        throw invalid(strapi, [
          issue('year', 'invalid_value', 'a year such as 2026', '请填写年份，如 2026'),
        ]);
      const donations: Doc[] = await strapi.db.query(GRANTS.donation).findMany({
        where: { status: 'received', receiptNo: { $startsWith: `${y}-` } },
        populate: {
          fund: { select: ['name'] },
          donorPerson: { select: ['name'] },
          donorOrganisation: { select: ['name'] },
        },
        orderBy: { receiptNo: 'asc' },
      });
      const awarded = china().chinaPeriod('year', `${y}-01-01`);
      const awards: Doc[] = await strapi.db.query(GRANTS.award).findMany({
        where: { awardedAt: { $gte: awarded.start, $lt: awarded.end } },
        populate: { fund: { select: ['name'] }, round: { select: ['title'] } },
        orderBy: { awardedAt: 'asc' },
      });
      return {
        donations: donations.map((d) => ({
          receiptNo: d.receiptNo,
          donatedOn: d.donatedOn,
          donor:
            d.donorKind === 'anonymous'
              ? '匿名'
              : maskedName(
                  d.donorOrganisation?.name ?? d.donorPerson?.name ?? d.donorName,
                  !!d.namedConsent,
                ),
          amount: fen(d.amount),
          channel: d.channel,
          fund: d.fund?.name ?? '',
          restricted: !!d.restricted,
        })),
        awards: awards.map((a) => ({
          round: a.round?.title ?? '',
          organisation: a.organisationName,
          project: a.projectTitle,
          amount: fen(a.amount),
          paid: fen(a.paid),
          returned: fen(a.returned),
          status: a.status,
          fund: a.fund?.name ?? '',
        })),
      };
    },
  };
};
