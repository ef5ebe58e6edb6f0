import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import { mayRedeem } from '../domain/time';
import type { RedemptionView } from '../shared/contracts/time-bank';
import { TB, WORLD_REDEEMED } from '../uids';
import { cmsService, getService } from '../utils';
import type { Actor } from './exchange';
import { memberView } from './members';
import { fromLedger, n, refuse, tbKit, wholeMinutes, type Doc } from './shared';

export function redemptionView(r: Doc): RedemptionView {
  const item = r.item as Doc | null;
  return {
    documentId: r.documentId as string,
    number: r.number as string,
    status: r.status as RedemptionView['status'],
    quantity: n(r.quantity),
    minutes: n(r.minutes),
    item: item
      ? {
          documentId: item.documentId as string,
          nameZh: item.nameZh as string,
          nameEn: (item.nameEn as string) ?? null,
        }
      : null,
    member: memberView(r.member as Doc),
  };
}

/**
 * Redemption (兑换) from the catalogue: redeeming takes the stock by one conditional UPDATE
 * (stock ≥ quantity; a CHECK keeps it ≥ 0) and reserves the minutes (a pending transfer to the
 * outside), both in one transaction; fulfilling posts the reservation, cancelling voids it and
 * puts the stock back. Two members redeeming the last item: exactly one gets it.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const kit = tbKit(strapi);
  const policies = () => getService(strapi, 'policy');
  const hours = () => getService(strapi, 'hours');
  const time = () => cmsService(strapi, 'chinaTime');

  async function loadRedemption(trx: Knex.Transaction, id: string, actor: Actor): Promise<Doc> {
    const first = await kit.load(TB.redemption, id, {}, actor.staff ? 'area' : 'party');
    await kit.lock(trx, 'time_bank_redemptions', first.id);
    const r: Doc = await strapi.db
      .query(TB.redemption)
      .findOne({ where: { id: first.id }, populate: { item: true, member: true } });
    if (!actor.staff && (r.member as Doc | null)?.id !== actor.member?.id)
      refuse(strapi, 'redemption', 'not_party', 'not your redemption', '不是您的兑换');
    if (r.status !== 'reserved')
      refuse(
        strapi,
        'redemption',
        'invalid_transition',
        r.status === 'fulfilled' ? 'already fulfilled' : 'already cancelled',
        r.status === 'fulfilled' ? '已兑付' : '已取消',
      );
    return r;
  }

  return {
    redemptionView,

    async redeem(itemId: string, input: Record<string, unknown>, actor: Actor): Promise<Doc> {
      const item = await kit.load(TB.catalogueItem, itemId, {}, actor.staff ? 'area' : 'party');
      let member = actor.member;
      if (actor.staff && input.member)
        member = await kit.load(TB.member, input.member, {}, 'party');
      if (!member)
        refuse(strapi, 'member', 'required', 'join the time bank first', '请先加入时间银行');
      if (!item.active) refuse(strapi, 'item', 'out_of_stock', 'no longer offered', '该项目已下架');
      if (
        !actor.staff &&
        item.areaPath &&
        member.areaPath &&
        !(member.areaPath as string).startsWith(item.areaPath as string)
      )
        refuse(
          strapi,
          'item',
          'not_found',
          'offered in another community',
          '该项目不在您所在社区提供',
        );
      const quantity = input.quantity === undefined ? 1 : wholeMinutes(input.quantity);
      if (!quantity || quantity < 1 || quantity > 100)
        refuse(
          strapi,
          'quantity',
          'invalid_value',
          'a whole number from 1 to 100',
          '数量应为 1 至 100 的整数',
        );
      const { policy } = await policies().inForce();
      if (!mayRedeem(n(member.earnedMinutes), policy))
        refuse(
          strapi,
          'member',
          'below_level',
          `redeeming starts at star level ${policy.redeemFromLevel}`,
          `达到 ${policy.redeemFromLevel} 星级后才能兑换`,
        );
      const minutes = quantity * n(item.priceMinutes);
      return strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
        const took = await trx('time_bank_catalogue_items')
          .where({ id: item.id })
          .andWhere('stock', '>=', quantity)
          .decrement('stock', quantity);
        if (Number(took) !== 1)
          refuse(strapi, 'quantity', 'out_of_stock', 'not enough in stock', '库存不足');
        const temporary = `R${randomBytes(8).toString('hex')}`;
        const created = await kit.create(TB.redemption, {
          number: temporary,
          item: item.id,
          member: member.id,
          quantity,
          minutes,
          status: 'reserved',
          areaPath: member.areaPath ?? item.areaPath,
        });
        const number = `DH${time().chinaYear(new Date())}-${String(created.id).padStart(6, '0')}`;
        let pendingId: number;
        try {
          const t = await kit.ledger().reserve({
            key: `redeem:${created.documentId}`,
            debit: member.accountCode as string,
            credit: WORLD_REDEEMED,
            amount: minutes,
            code: 'redemption',
            reference: `time-bank.redemption:${created.documentId}`,
          });
          pendingId = t.id;
        } catch (error) {
          throw fromLedger(strapi, error, 'quantity');
        }
        await kit.update(TB.redemption, created.id, { number, pendingTransferId: pendingId });
        const after: Doc = await strapi.db
          .query(TB.redemption)
          .findOne({ where: { id: created.id }, populate: { item: true, member: true } });
        await kit.record(TB.redemption, 'create', null, after);
        return after;
      });
    },

    async fulfil(id: string, actor: Actor): Promise<Doc> {
      return strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
        const r = await loadRedemption(trx, id, actor);
        try {
          await kit.ledger().postPending(`redeem:${r.documentId}:post`, n(r.pendingTransferId));
        } catch (error) {
          throw fromLedger(strapi, error, 'redemption');
        }
        await hours().takeFromLots((r.member as Doc).id, n(r.minutes));
        await kit.update(TB.redemption, r.id, {
          status: 'fulfilled',
          fulfilledAt: new Date(),
          fulfilledBy: kit.actorName(),
        });
        const after: Doc = await strapi.db
          .query(TB.redemption)
          .findOne({ where: { id: r.id }, populate: { item: true, member: true } });
        await kit.record(TB.redemption, 'update', r, after);
        return after;
      });
    },

    async cancel(id: string, reason: unknown, actor: Actor): Promise<Doc> {
      return strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
        const r = await loadRedemption(trx, id, actor);
        try {
          await kit.ledger().voidPending(`redeem:${r.documentId}:void`, n(r.pendingTransferId));
        } catch (error) {
          throw fromLedger(strapi, error, 'redemption');
        }
        await trx('time_bank_catalogue_items')
          .where({ id: (r.item as Doc).id })
          .increment('stock', n(r.quantity));
        await kit.update(TB.redemption, r.id, {
          status: 'cancelled',
          cancelledAt: new Date(),
          cancelReason: typeof reason === 'string' ? reason.slice(0, 500) : null,
        });
        const after: Doc = await strapi.db
          .query(TB.redemption)
          .findOne({ where: { id: r.id }, populate: { item: true, member: true } });
        await kit.record(TB.redemption, 'update', r, after);
        return after;
      });
    },
  };
};
