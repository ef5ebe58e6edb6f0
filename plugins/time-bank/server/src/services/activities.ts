import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import { issue, type Issue } from '../domain/errors';
import { checkedMinutes, countedMinutes } from '../domain/time';
import type { CheckinResult, CreditResult } from '../shared/contracts/time-bank';
import { TB } from '../uids';
import { cmsService, getService } from '../utils';
import type { Actor } from './exchange';
import { fromDomain, invalid, n, refuse, tbKit, wholeMinutes, type Doc } from './shared';

/**
 * Collective activities (集体活动): members sign up (on the phone, or through the
 * `volunteer-signup` form), check in and out at the venue by its QR code (credit hours), or the
 * organiser enters a roster afterwards (honour hours, confirmed by the organisation when it is
 * credited). Crediting pays every participant from the activity's pool in ONE ledger batch: all
 * of them or none.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const kit = tbKit(strapi);
  const policies = () => getService(strapi, 'policy');
  const hours = () => getService(strapi, 'hours');
  const time = () => cmsService(strapi, 'chinaTime');

  async function loadOpen(
    trx: Knex.Transaction,
    id: string,
    reach: 'area' | 'party',
  ): Promise<Doc> {
    const first = await kit.load(TB.activity, id, {}, reach);
    await kit.lock(trx, 'time_bank_activities', first.id);
    const a: Doc = await strapi.db
      .query(TB.activity)
      .findOne({ where: { id: first.id }, populate: { pool: true, category: true, area: true } });
    if (a.status !== 'open')
      refuse(
        strapi,
        'activity',
        'invalid_transition',
        a.status === 'credited' ? 'already credited' : 'cancelled',
        a.status === 'credited' ? '该活动已记入时长' : '该活动已取消',
      );
    return a;
  }

  const activities = {
    /** What an activity record must satisfy when staff create or edit it (document middleware). */
    async check(
      data: Record<string, unknown>,
      current: Doc | null,
    ): Promise<Record<string, unknown>> {
      const issues: Issue[] = [];
      const merged = { ...(current ?? {}), ...data } as Record<string, unknown>;
      const starts = new Date(merged.startsAt as string);
      const ends = new Date(merged.endsAt as string);
      if (Number.isNaN(starts.getTime()))
        issues.push(issue('startsAt', 'required', 'when it starts', '请填写开始时间'));
      if (Number.isNaN(ends.getTime()) || ends <= starts)
        issues.push(
          issue('endsAt', 'invalid_value', 'ends after it starts', '结束时间应晚于开始时间'),
        );
      else if (ends.getTime() - starts.getTime() > 24 * 3600_000)
        issues.push(
          issue(
            'endsAt',
            'invalid_duration',
            'an activity lasts at most 24 hours',
            '一次活动不超过 24 小时',
          ),
        );
      if (issues.length) throw invalid(strapi, issues);
      const out: Record<string, unknown> = { ...data };
      if (!current) {
        out.status = 'open';
        out.checkinCode = randomBytes(9).toString('base64url');
        out.creditedMinutes = 0;
      }
      // The place follows the area chosen, for the kit's scope.
      const areaRef = data.area as unknown;
      const areaId =
        typeof areaRef === 'number'
          ? areaRef
          : (areaRef as { connect?: { id?: number; documentId?: string }[] } | undefined)
              ?.connect?.[0];
      if (areaRef !== undefined) {
        const where =
          typeof areaId === 'number'
            ? { id: areaId }
            : typeof areaRef === 'string'
              ? { documentId: areaRef }
              : areaId && typeof areaId === 'object'
                ? areaId.documentId
                  ? { documentId: areaId.documentId }
                  : { id: areaId.id }
                : null;
        const area = where
          ? await strapi.db.query('plugin::cms.area').findOne({ where, select: ['path'] })
          : null;
        if (!area)
          throw invalid(strapi, [
            issue('area', 'required', 'where the activity takes place', '请选择活动所在社区'),
          ]);
        out.areaPath = area.path;
      } else if (!current) {
        throw invalid(strapi, [
          issue('area', 'required', 'where the activity takes place', '请选择活动所在社区'),
        ]);
      }
      delete out.creditedAt;
      delete out.creditedBy;
      if (current) {
        delete out.status;
        delete out.checkinCode;
        delete out.creditedMinutes;
      }
      return out;
    },

    /** Signs a member up (themselves, or staff for them); full activities refuse. */
    async signup(
      id: string,
      input: Record<string, unknown>,
      actor: Actor,
      submissionCode?: string,
    ): Promise<Doc> {
      return strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
        const a = await loadOpen(trx, id, actor.staff ? 'area' : 'party');
        let member = actor.member;
        if (actor.staff && input.member)
          member = await kit.load(TB.member, input.member, {}, 'party');
        if (!member)
          refuse(strapi, 'member', 'required', 'join the time bank first', '请先加入时间银行');
        if (new Date(a.endsAt as string) < new Date())
          refuse(strapi, 'activity', 'past_window', 'the activity is over', '活动已结束');
        const existing = await strapi.db.query(TB.participation).findOne({
          where: { activity: { id: a.id }, member: { id: member.id } },
          select: ['id'],
        });
        if (existing) refuse(strapi, 'member', 'duplicate', 'already signed up', '已报名');
        if (a.capacity) {
          const count = await strapi.db
            .query(TB.participation)
            .count({ where: { activity: { id: a.id } } });
          if (count >= n(a.capacity))
            refuse(strapi, 'activity', 'request_full', 'the activity is full', '活动名额已满');
        }
        const row = await kit.create(TB.participation, {
          activity: a.id,
          member: member.id,
          status: 'signed_up',
          hourType: 'credit',
          areaPath: a.areaPath,
          submissionCode: submissionCode ?? null,
        });
        await kit.record(TB.participation, 'create', null, row);
        return row;
      });
    },

    /**
     * At the venue: the member scans the activity's code; the first scan checks in (signing up
     * if they had not), the second checks out with the counted time.
     */
    async checkin(code: unknown, member: Doc): Promise<CheckinResult> {
      if (typeof code !== 'string' || code.length < 6 || code.length > 40)
        refuse(strapi, 'code', 'not_found', 'not an activity’s code', '不是有效的活动签到码');
      const a: Doc | null = await strapi.db
        .query(TB.activity)
        .findOne({ where: { checkinCode: code } });
      if (!a) refuse(strapi, 'code', 'not_found', 'not an activity’s code', '不是有效的活动签到码');
      if (a.status !== 'open')
        refuse(strapi, 'code', 'invalid_transition', 'the activity is closed', '活动已结束');
      return strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
        await kit.lock(trx, 'time_bank_activities', a.id);
        let p: Doc | null = await strapi.db.query(TB.participation).findOne({
          where: { activity: { id: a.id }, member: { id: member.id } },
        });
        const now = new Date();
        if (!p || p.status === 'signed_up') {
          if (now.getTime() < new Date(a.startsAt as string).getTime() - 3600_000)
            refuse(
              strapi,
              'code',
              'invalid_transition',
              'check-in opens an hour before the start',
              '活动开始前一小时才能签到',
            );
          if (!p)
            p = await kit.create(TB.participation, {
              activity: a.id,
              member: member.id,
              status: 'signed_up',
              hourType: 'credit',
              areaPath: a.areaPath,
            });
          await kit.update(TB.participation, p.id, { status: 'checked_in', checkedInAt: now });
          return {
            activity: a.title as string,
            status: 'checked_in' as const,
            minutes: null,
            at: now.toISOString(),
          };
        }
        if (p.status === 'checked_in') {
          const { policy } = await policies().inForce();
          const out = now > new Date(a.endsAt as string) ? new Date(a.endsAt as string) : now;
          let minutes: number;
          try {
            minutes = countedMinutes(
              checkedMinutes(p.checkedInAt as string, out),
              policy,
              'duration',
            );
          } catch (error) {
            throw fromDomain(strapi, error);
          }
          await kit.update(TB.participation, p.id, {
            status: 'checked_out',
            checkedOutAt: out,
            minutes,
          });
          return {
            activity: a.title as string,
            status: 'checked_out' as const,
            minutes,
            at: out.toISOString(),
          };
        }
        refuse(strapi, 'code', 'invalid_transition', 'already checked out', '已签退');
      });
    },

    /** The organiser's roster, entered afterwards: honour hours for each member named. */
    async roster(id: string, input: Record<string, unknown>): Promise<{ entered: number }> {
      const entries = Array.isArray(input.entries) ? input.entries : null;
      if (!entries || entries.length === 0)
        refuse(
          strapi,
          'entries',
          'empty_roster',
          'name at least one participant',
          '请至少登记一名参与者',
        );
      if (entries.length > 2000)
        refuse(
          strapi,
          'entries',
          'invalid_value',
          'at most 2,000 at once',
          '一次最多登记 2,000 人',
        );
      const { policy } = await policies().inForce();
      const issues: Issue[] = [];
      const parsed: { member: string; minutes: number }[] = [];
      entries.forEach((e: unknown, i: number) => {
        const entry = (e ?? {}) as Record<string, unknown>;
        const minutes = wholeMinutes(entry.minutes);
        if (typeof entry.member !== 'string')
          issues.push(issue(`entries.${i}.member`, 'required', 'who took part', '请选择参与者'));
        if (minutes === null)
          issues.push(
            issue(
              `entries.${i}.minutes`,
              'invalid_duration',
              'a whole number of minutes',
              '应为整数分钟',
            ),
          );
        else
          try {
            parsed.push({
              member: entry.member as string,
              minutes: countedMinutes(minutes, policy, `entries.${i}.minutes`),
            });
          } catch (error) {
            const e2 = fromDomain(strapi, error) as { details?: unknown };
            if (e2 === error) throw error;
            issues.push(...(error as { issues: Issue[] }).issues);
          }
      });
      if (issues.length) throw invalid(strapi, issues);
      return strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
        const a = await loadOpen(trx, id, 'area');
        const members: Doc[] = await strapi.db.query(TB.member).findMany({
          where: { documentId: { $in: parsed.map((p) => p.member) }, status: 'active' },
          select: ['id', 'documentId'],
        });
        const idOf = new Map(members.map((m) => [m.documentId as string, m.id]));
        const missing = parsed.findIndex((p) => !idOf.has(p.member));
        if (missing >= 0)
          refuse(
            strapi,
            `entries.${missing}.member`,
            'not_member',
            'not an active member',
            '不是在册成员',
          );
        for (const p of parsed) {
          const memberId = idOf.get(p.member) as number;
          const existing: Doc | null = await strapi.db.query(TB.participation).findOne({
            where: { activity: { id: a.id }, member: { id: memberId } },
            select: ['id', 'status'],
          });
          if (existing?.status === 'credited') continue;
          if (existing)
            await kit.update(TB.participation, existing.id, {
              status: 'checked_out',
              minutes: p.minutes,
              hourType: 'honour',
            });
          else
            await kit.create(TB.participation, {
              activity: a.id,
              member: memberId,
              status: 'checked_out',
              minutes: p.minutes,
              hourType: 'honour',
              areaPath: a.areaPath,
            });
        }
        await kit.record(TB.activity, 'update', a, { ...a, rosterEntered: parsed.length } as Doc);
        return { entered: parsed.length };
      });
    },

    /** Credits every checked-out participant, from the activity's pool, in one ledger batch. */
    async credit(id: string): Promise<CreditResult> {
      return strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
        const a = await loadOpen(trx, id, 'area');
        const pool = (a.pool as Doc | null) ?? (await hours().poolFor(a.areaPath as string));
        if (!pool || pool.kind !== 'pool')
          refuse(
            strapi,
            'pool',
            'required',
            'choose the community pool that pays for the activity',
            '请选择为活动付时的社区时间池',
          );
        const rows: Doc[] = await strapi.db.query(TB.participation).findMany({
          where: { activity: { id: a.id }, status: 'checked_out', minutes: { $gt: 0 } },
          populate: { member: true },
        });
        if (!rows.length)
          refuse(
            strapi,
            'activity',
            'empty_roster',
            'nobody has checked out or been entered on the roster',
            '没有已签退或已登记的参与者',
          );
        const { policy } = await policies().inForce();
        const day = time().chinaDate(new Date(a.endsAt as string));
        const earnings = rows.map((p) => ({
          payer: pool,
          earner: p.member as Doc,
          minutes: n(p.minutes),
          key: `activity:${a.documentId}:${(p.member as Doc).documentId}`,
          code: 'activity' as const,
          reference: `time-bank.activity:${a.documentId}`,
          day,
        }));
        await hours().earnAll(earnings, policy);
        const total = earnings.reduce((s, e) => s + e.minutes, 0);
        await trx('time_bank_participations')
          .whereIn(
            'id',
            rows.map((r) => r.id),
          )
          .update({ status: 'credited', credited_minutes: trx.ref('minutes') });
        for (const p of rows)
          await trx('time_bank_participations')
            .where({ id: p.id })
            .update({ transfer_key: `activity:${a.documentId}:${(p.member as Doc).documentId}` });
        const after = await kit.update(TB.activity, a.id, {
          status: 'credited',
          creditedAt: new Date(),
          creditedBy: kit.actorName(),
          creditedMinutes: total,
        });
        await kit.record(TB.activity, 'update', a, after);
        return { credited: rows.length, minutes: total, transfers: earnings.length };
      });
    },

    async cancel(id: string, reason: unknown): Promise<Doc> {
      if (typeof reason !== 'string' || !reason.trim())
        refuse(strapi, 'reason', 'required', 'say why it is cancelled', '请填写取消原因');
      return strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
        const a = await loadOpen(trx, id, 'area');
        const after = await kit.update(TB.activity, a.id, { status: 'cancelled' });
        await kit.record(TB.activity, 'update', a, { ...after, cancelReason: reason } as Doc);
        return after;
      });
    },
  };
  return activities;
};
