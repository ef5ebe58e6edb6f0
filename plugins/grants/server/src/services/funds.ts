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
  return {
    /** Opens the fund's two accounts (idempotently) and records their codes on the fund. */
    async ensureAccounts(fund: {
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
    },

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

    async balance(fund: { documentId: string }) {
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
    },
  };
};
