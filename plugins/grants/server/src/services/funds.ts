import type { Core } from '@strapi/strapi';
import { GRANTS, fundAccount } from '../uids';
import { ledgerFen, type Doc } from './shared';
import { cmsService, ledgerService } from '../utils';

/**
 * A fund's money lives in the ledger: an `available` account (may not go negative: no fund is
 * ever overspent) and a `committed` account (awarded, not yet paid). Balances are read from there.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const ledger = () => ledgerService(strapi, 'ledger');

  async function balance(fund: { documentId: string }) {
    const [available, committed] = await Promise.all([
      ledger().balance(fundAccount(fund.documentId, 'available')),
      ledger().balance(fundAccount(fund.documentId, 'committed')),
    ]);
    return {
      available: ledgerFen(available.available),
      reserved: ledgerFen(available.debitsPending),
      committed: ledgerFen(committed.posted),
      total: ledgerFen(String(BigInt(available.posted) + BigInt(committed.posted))),
    };
  }

  /** Opens the fund's two accounts (idempotently) and records their codes on the fund. */
  async function ensureAccounts(fund: {
    id: number;
    documentId: string;
    availableAccount?: string | null;
  }): Promise<void> {
    const available = fundAccount(fund.documentId, 'available');
    const committed = fundAccount(fund.documentId, 'committed');
    await ledger().openAccount({
      code: available,
      unit: 'fen',
      minBalance: 0,
      name: `fund ${fund.documentId} available`,
    });
    await ledger().openAccount({
      code: committed,
      unit: 'fen',
      minBalance: 0,
      name: `fund ${fund.documentId} committed`,
    });
    if (fund.availableAccount !== available) {
      await strapi.db.query(GRANTS.fund).update({
        where: { id: fund.id },
        data: { availableAccount: available, committedAccount: committed },
      });
    }
  }
  return {
    ensureAccounts,

    /**
     * Funds made before funds were scoped have no area path: each gets its area's, or (with no
     * area) the root of the tree's — otherwise scoped staff would never see them.
     */
    async placeUnplacedFunds(): Promise<void> {
      const kit = cmsService(strapi, 'kit');
      const unplaced: Doc[] = await strapi.db.query(GRANTS.fund).findMany({
        where: { areaPath: { $null: true } },
        populate: { area: { select: ['path'] } },
      });
      const home = unplaced.some((f) => !f.area) ? await kit.homeArea() : null;
      for (const fund of unplaced) {
        const area = fund.area ?? home;
        if (!area) continue;
        await strapi.db.query(GRANTS.fund).update({
          where: { id: fund.id },
          data: { areaPath: area.path, ...(fund.area ? {} : { area: area.id }) },
        });
      }
    },

    /**
     * The balances of several funds at once (the funds list), with what each has paid out: the
     * sum of its awards' `paid`, one query for all of them — the ledger's committed account
     * also moves when a closed award returns money, so it cannot tell payments apart.
     */
    async balances(list: Doc[]) {
      const ids = list.map((f) => f.id);
      const awards: Doc[] = ids.length
        ? await strapi.db.query(GRANTS.award).findMany({
            where: { fund: { id: { $in: ids } } },
            // With a relation in the where, rows come back DISTINCT on what is selected: keep the id.
            select: ['id', 'paid'],
            populate: { fund: { select: ['id'] } },
          })
        : [];
      const paid = new Map<number, bigint>();
      for (const a of awards) {
        const fundId = a.fund?.id as number | undefined;
        if (fundId === undefined) continue;
        paid.set(fundId, (paid.get(fundId) ?? 0n) + BigInt(String(a.paid ?? '0')));
      }
      const out: Record<string, Awaited<ReturnType<typeof balance>> & { paid: number }> = {};
      for (const fund of list) {
        await ensureAccounts(fund);
        out[fund.documentId] = {
          ...(await balance(fund)),
          paid: ledgerFen(String(paid.get(fund.id) ?? 0n)),
        };
      }
      return out;
    },

    balance,
  };
};
