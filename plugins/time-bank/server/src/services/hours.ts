import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { TransferInput } from '../../../../ledger/server/src/shared/contracts/services';
import { capSplit } from '../domain/time';
import { expiring, spend, type Lot } from '../domain/lots';
import type { Policy } from '../domain/policy';
import { TB, WORLD_EXPIRED } from '../uids';
import { cmsService } from '../utils';
import { fromLedger, n, refuse, tbKit, type Doc } from './shared';

/** One earning: minutes from a payer's account to an earner's, for a service or an activity. */
export interface Earning {
  payer: Doc;
  earner: Doc;
  minutes: number;
  key: string;
  code: 'service' | 'activity';
  reference: string;
  /** The China day the minutes were earned (their lot's day, for expiry). */
  day: string;
}

/**
 * How minutes move between members, in the caller's transaction: earnings (paid by the person
 * served or by a community pool; above the storage cap the rest goes to the pool or is refused,
 * as policy says), lots kept so expiry takes the oldest minutes exactly, and the pool a place
 * belongs to. The ledger checks every balance and limit; this service decides who pays whom.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const kit = tbKit(strapi);
  const ledger = () => kit.ledger();

  async function posted(member: Doc): Promise<number> {
    const b = await ledger().balance(member.accountCode as string);
    return Number(b.posted);
  }

  const hours = {
    /** The community pool a place draws on: the one whose area path is the longest prefix of it. */
    async poolFor(areaPath: string | null | undefined): Promise<Doc | null> {
      if (!areaPath) return null;
      const pools: Doc[] = await strapi.db.query(TB.member).findMany({
        where: { kind: 'pool', status: 'active' },
        select: ['id', 'documentId', 'name', 'areaPath', 'accountCode'],
      });
      return (
        pools
          .filter((p) => p.areaPath && areaPath.startsWith(p.areaPath as string))
          .sort((a, b) => String(b.areaPath).length - String(a.areaPath).length)[0] ?? null
      );
    },

    /**
     * The transfers of several earnings, all or none, with the cap applied to each earner's
     * balance as it stands (earnings of one earner in one batch add up before the cap).
     */
    async earnAll(earnings: Earning[], policy: Policy): Promise<{ toPool: number[] }> {
      return strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
        // The earners' rows are locked (in id order) before their balances are read, so two
        // earnings at once cannot both fit under the storage cap that only one of them fits.
        const earnerIds = [...new Set(earnings.map((e) => e.earner.id))].sort((a, b) => a - b);
        if (strapi.db.dialect.client === 'postgres' && earnerIds.length)
          await trx.raw(
            `SELECT id FROM time_bank_members WHERE id IN (${earnerIds.map(() => '?').join(',')}) ORDER BY id FOR UPDATE`,
            earnerIds,
          );
        return earnLocked(earnings, policy);
      });
    },

    async addLot(memberId: number, minutes: number, day: string, source: string): Promise<void> {
      if (minutes <= 0) return;
      await strapi.db.query(TB.lot).create({
        data: { member: memberId, earnedOn: day, minutes, remaining: minutes, source },
      });
    },

    /** Spends a member's minutes from their oldest lots (what remains of them after gifts, redemptions, payments). */
    async takeFromLots(memberId: number, minutes: number): Promise<void> {
      const rows: Doc[] = await strapi.db.query(TB.lot).findMany({
        where: { member: { id: memberId }, remaining: { $gt: 0 } },
        orderBy: [{ earnedOn: 'asc' }, { id: 'asc' }],
        select: ['id', 'earnedOn', 'minutes', 'remaining'],
      });
      const lots: Lot[] = rows.map((r) => ({
        id: String(r.id),
        earnedOn: String(r.earnedOn).slice(0, 10),
        minutes: n(r.minutes),
        remaining: n(r.remaining),
      }));
      const total = lots.reduce((s, l) => s + l.remaining, 0);
      // Minutes that came without a lot (a member's opening, a reversal) are spent after every lot.
      const take = Math.min(total, minutes);
      if (take <= 0) return;
      const { lots: after } = spend(lots, take);
      for (const lot of after) {
        const before = lots.find((l) => l.id === lot.id);
        if (before && before.remaining !== lot.remaining)
          await strapi.db
            .query(TB.lot)
            .update({ where: { id: Number(lot.id) }, data: { remaining: lot.remaining } });
      }
    },

    /**
     * Expires what the policy says has expired, oldest lots first: each due lot's remaining
     * minutes leave its member's account for the outside (never more than the account holds
     * beyond what redemptions reserve). One transfer per lot, keyed by the lot, under the lot's
     * row lock: a sweep run twice, or by two processes at once, expires each lot once.
     */
    async expireDue(
      today: string = cmsService(strapi, 'chinaTime').todayInChina(),
    ): Promise<{ lots: number; minutes: number }> {
      const policy = (await strapi.plugin('time-bank').service('policy').inForce(today))
        .policy as Policy;
      if (!policy.expiryMonths) return { lots: 0, minutes: 0 };
      const rows: Doc[] = await strapi.db.query(TB.lot).findMany({
        where: { remaining: { $gt: 0 } },
        select: ['id', 'earnedOn', 'minutes', 'remaining'],
        orderBy: [{ earnedOn: 'asc' }, { id: 'asc' }],
        limit: 5000,
      });
      const due = expiring(
        rows.map((r) => ({
          id: String(r.id),
          earnedOn: String(r.earnedOn).slice(0, 10),
          minutes: n(r.minutes),
          remaining: n(r.remaining),
        })),
        today,
        policy.expiryMonths,
      );
      let minutes = 0;
      for (const lot of due) {
        minutes += await strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
          await kit.lock(trx, 'time_bank_lots', Number(lot.id));
          const row: Doc | null = await strapi.db
            .query(TB.lot)
            .findOne({ where: { id: Number(lot.id) }, populate: { member: true } });
          const member = row?.member as Doc | null;
          if (!row || n(row.remaining) <= 0 || !member) return 0;
          const available = Number(
            (await ledger().balance(member.accountCode as string)).available,
          );
          const amount = Math.min(n(row.remaining), Math.max(0, available));
          if (amount > 0)
            await ledger().transfer({
              key: `expire:lot:${row.id}`,
              debit: member.accountCode as string,
              credit: WORLD_EXPIRED,
              amount,
              code: 'expiry',
              reference: `time-bank.lot:${row.documentId}`,
            });
          await strapi.db.query(TB.lot).update({ where: { id: row.id }, data: { remaining: 0 } });
          return amount;
        });
      }
      return { lots: due.length, minutes };
    },

    posted,
  };

  async function earnLocked(earnings: Earning[], policy: Policy): Promise<{ toPool: number[] }> {
    const transfers: TransferInput[] = [];
    const running = new Map<number, number>();
    const toPool: number[] = [];
    const lots: { member: number; minutes: number; day: string; source: string }[] = [];
    for (const e of earnings) {
      const balance = running.get(e.earner.id) ?? (await posted(e.earner));
      const split = capSplit(balance, e.minutes, policy);
      if (split.refused)
        refuse(
          strapi,
          'minutes',
          'above_cap',
          `${e.earner.name} would hold more than the storage cap`,
          `${e.earner.name} 的时长将超过存储上限`,
        );
      running.set(e.earner.id, balance + split.toMember);
      let pool: Doc | null = null;
      if (split.toPool > 0) {
        pool = await hours.poolFor(e.earner.areaPath as string);
        if (!pool)
          refuse(
            strapi,
            'minutes',
            'above_cap',
            `${e.earner.name} would hold more than the storage cap, and no community pool takes the rest`,
            `${e.earner.name} 的时长将超过存储上限，且没有社区时间池接收超出部分`,
          );
      }
      if (split.toMember > 0)
        transfers.push({
          key: e.key,
          debit: e.payer.accountCode as string,
          credit: e.earner.accountCode as string,
          amount: split.toMember,
          code: e.code,
          reference: e.reference,
        });
      if (pool && split.toPool > 0 && pool.id !== e.payer.id)
        transfers.push({
          key: `${e.key}:cap`,
          debit: e.payer.accountCode as string,
          credit: pool.accountCode as string,
          amount: split.toPool,
          code: 'cap',
          reference: e.reference,
        });
      toPool.push(split.toPool);
      if (split.toMember > 0 && e.earner.kind !== 'pool')
        lots.push({
          member: e.earner.id,
          minutes: split.toMember,
          day: e.day,
          source: e.reference,
        });
    }
    if (transfers.length) {
      try {
        await ledger().transferAll(transfers);
      } catch (error) {
        throw fromLedger(strapi, error, 'minutes');
      }
    }
    const earned = new Map<number, number>();
    for (const e of earnings) earned.set(e.earner.id, (earned.get(e.earner.id) ?? 0) + e.minutes);
    // Joins the caller's transaction (Strapi's nested transactions share one).
    await strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
      for (const [id, minutes] of earned)
        await trx('time_bank_members').where({ id }).increment('earned_minutes', minutes);
    });
    for (const lot of lots) await hours.addLot(lot.member, lot.minutes, lot.day, lot.source);
    // The payers' minutes leave their oldest lots first.
    const paid = new Map<number, number>();
    for (const e of earnings)
      if (e.payer.kind !== 'pool') paid.set(e.payer.id, (paid.get(e.payer.id) ?? 0) + e.minutes);
    for (const [id, minutes] of paid) await hours.takeFromLots(id, minutes);
    return { toPool };
  }

  return hours;
};
