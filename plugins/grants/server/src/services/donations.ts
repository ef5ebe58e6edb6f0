import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { Transfer } from '../../../../ledger/server/src/shared/contracts/services';
import { receiptNumber } from '../domain/donations';
import { GRANTS, WORLD_DONATIONS, fundAccount } from '../uids';
import { fromLedger, invalid } from './errors';
import { grantsKit } from './shared';
import { cmsService, getService } from '../utils';

/**
 * Receiving and refunding donations. Receiving posts the amount from the outside world into the
 * fund's available account and numbers the receipt — the next number of the year, taken in the
 * same transaction, so a failed receipt leaves no gap. A refund is the ledger's reversing
 * transfer of that posting, never an edit; it is refused when the fund no longer holds the money.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const kit = grantsKit(strapi);
  const ledger = kit.ledger;
  const funds = () => getService(strapi, 'funds');

  const load = (documentId: string) => kit.load(GRANTS.donation, documentId, { fund: true });

  /**
   * The donation, locked until the transaction ends and read after the lock: a second click on
   * "received" waits for the first and then sees it received (and numbers no second receipt).
   */
  async function loadLocked(trx: Knex.Transaction, documentId: string) {
    await kit.lock(trx, 'grants_donations', (await load(documentId)).id);
    return load(documentId);
  }

  /** The next receipt number of the year: an upsert on a counter row, locked until commit. */
  async function nextReceiptNo(trx: Knex.Transaction, year: number): Promise<string> {
    const result = await trx.raw(
      `INSERT INTO grants_receipt_counters (year, last) VALUES (?, 1)
       ON CONFLICT (year) DO UPDATE SET last = grants_receipt_counters.last + 1
       RETURNING last`,
      [year],
    );
    // SQLite answers rows, PostgreSQL a result with rows.
    const rows: { last: unknown }[] = Array.isArray(result) ? result : result.rows;
    return receiptNumber(year, Number(rows[0].last));
  }

  return {
    async receive(documentId: string) {
      return strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
        const before = await loadLocked(trx, documentId);
        if (before.status !== 'pledged') {
          throw invalid(strapi, [
            {
              path: 'status',
              code: 'not_pledged',
              message: `status: a ${before.status} donation cannot be received again`,
              messageZh: 'status：该捐赠已入账或已退款，不能重复入账',
            },
          ]);
        }
        if (!before.fund || before.fund.status !== 'active') {
          throw invalid(strapi, [
            {
              path: 'fund',
              code: 'fund_closed',
              message: 'fund: the fund is closed',
              messageZh: 'fund：该基金已关闭',
            },
          ]);
        }
        await funds().ensureAccounts(before.fund);
        await ledger().openAccount({
          code: WORLD_DONATIONS,
          unit: 'fen',
          minBalance: null,
          name: 'donations from outside',
        });
        let transfer: Transfer;
        try {
          transfer = await ledger().transfer({
            key: `grants.donation:${documentId}:receive`,
            debit: WORLD_DONATIONS,
            credit: fundAccount(before.fund.documentId, 'available'),
            amount: Number(before.amount),
            code: 'donation',
            reference: `grants.donation:${documentId}`,
          });
        } catch (error) {
          throw fromLedger(strapi, error);
        }
        const receivedAt = new Date();
        const receiptNo = await nextReceiptNo(
          trx,
          cmsService(strapi, 'chinaTime').chinaYear(receivedAt),
        );
        const after = await strapi.db.query(GRANTS.donation).update({
          where: { id: before.id },
          data: { status: 'received', receivedAt, receiptNo, transferId: transfer.id },
        });
        await kit.record(GRANTS.donation, 'update', before, after);
        return after;
      });
    },

    async refund(documentId: string, reason: unknown) {
      if (typeof reason !== 'string' || reason.trim().length < 2) {
        throw invalid(strapi, [
          {
            path: 'reason',
            code: 'required',
            message: 'reason: say why the donation is refunded',
            messageZh: 'reason：请说明退款原因',
          },
        ]);
      }
      return strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
        const before = await loadLocked(trx, documentId);
        if (before.status !== 'received') {
          throw invalid(strapi, [
            {
              path: 'status',
              code: 'not_received',
              message: 'status: only a received donation can be refunded',
              messageZh: 'status：只有已入账的捐赠可以退款',
            },
          ]);
        }
        let reversal: Transfer;
        try {
          reversal = await ledger().reverse(
            `grants.donation:${documentId}:refund`,
            Number(before.transferId),
          );
        } catch (error) {
          throw fromLedger(strapi, error);
        }
        const after = await strapi.db.query(GRANTS.donation).update({
          where: { id: before.id },
          data: {
            status: 'refunded',
            refundedAt: new Date(),
            refundReason: reason.trim(),
            refundTransferId: reversal.id,
          },
        });
        await kit.record(GRANTS.donation, 'update', before, after);
        return after;
      });
    },

    load,
  };
};
