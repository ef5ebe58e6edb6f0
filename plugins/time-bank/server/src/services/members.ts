import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import { issue, type Issue } from '../domain/errors';
import { yearlyLimitIssue } from '../domain/limits';
import { starLevel, mayRedeem } from '../domain/time';
import { expiring } from '../domain/lots';
import type { BalanceView, MemberView, PassbookLine } from '../shared/contracts/time-bank';
import { TB, WORLD_EXPIRED, WORLD_ISSUED, WORLD_REDEEMED, memberAccount } from '../uids';
import { cmsService, getService } from '../utils';
import { fromLedger, invalid, n, refuse, tbKit, wholeMinutes, type Doc } from './shared';

const KINDS = ['person', 'team', 'organisation', 'pool'] as const;
const RELATIONS = ['spouse', 'parent', 'child', 'sibling', 'grandparent', 'grandchild', 'other'];
const text = (v: unknown, max: number): string | null =>
  typeof v === 'string' && v.trim() && v.trim().length <= max ? v.trim() : null;

/** A member as the actions answer it. */
export function memberView(m: Doc | null | undefined): MemberView | null {
  if (!m) return null;
  const area = m.area as Doc | null | undefined;
  return {
    documentId: m.documentId as string,
    kind: m.kind as MemberView['kind'],
    name: m.name as string,
    passbookNo: m.passbookNo as string,
    status: m.status as MemberView['status'],
    areaPath: (m.areaPath as string) ?? null,
    area: area ? { documentId: area.documentId as string, name: area.name as string } : null,
  };
}

/**
 * Members and their accounts: joining opens a ledger account in minutes (a person, team or
 * organisation may not go below its kind's credit limit, 0 by default; a pool likewise), teams
 * gather members under a leader, family links are registered by staff with evidence, and gifts
 * pass minutes to family or to someone in need within the policy's yearly limits.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const kit = tbKit(strapi);
  const time = () => cmsService(strapi, 'chinaTime');
  const directory = () => cmsService(strapi, 'directory');
  const policies = () => getService(strapi, 'policy');
  const hours = () => getService(strapi, 'hours');

  async function openAccount(member: Doc): Promise<void> {
    const { policy } = await policies().inForce();
    const kind = member.kind as (typeof KINDS)[number];
    await kit.ledger().openAccount({
      code: member.accountCode as string,
      unit: 'minute',
      minBalance: -policy.creditLimitMinutes[kind],
      name: `${member.name} ${member.passbookNo}`,
    });
  }

  async function areaOf(documentId: unknown, path: string): Promise<Doc> {
    const area =
      typeof documentId === 'string'
        ? await directory()
            .area(documentId)
            .catch(() => null)
        : null;
    if (!area?.path) refuse(strapi, path, 'required', 'choose the community', '请选择所在社区');
    const row: Doc | null = await strapi.db.query('plugin::cms.area').findOne({
      where: { documentId: area.documentId },
      select: ['id', 'documentId', 'name', 'path'],
    });
    if (!row) refuse(strapi, path, 'not_found', 'no such community', '没有这个社区');
    return row;
  }

  const members = {
    memberView,

    /** The outside accounts minutes come from and go to; opened once. */
    async ensureWorldAccounts(): Promise<void> {
      for (const code of [WORLD_ISSUED, WORLD_REDEEMED, WORLD_EXPIRED])
        await kit.ledger().openAccount({ code, unit: 'minute', minBalance: null, name: code });
    },

    /**
     * Joins a member: checks the input, creates the member with its passbook number and opens
     * its account, in one transaction. `user` links a resident's or volunteer's own sign-in.
     */
    async join(
      input: Record<string, unknown>,
      options: { user?: number; viaForm?: boolean } = {},
    ): Promise<Doc> {
      const issues: Issue[] = [];
      const kind = input.kind ?? 'person';
      if (!KINDS.includes(kind as (typeof KINDS)[number]))
        issues.push(
          issue(
            'kind',
            'invalid_value',
            'person, team, organisation or pool',
            '应为个人、服务队、组织或社区时间池',
          ),
        );
      const name = text(input.name, 100);
      if (!name)
        issues.push(
          issue(
            'name',
            'required',
            'a name of at most 100 characters',
            '请填写名称（不超过 100 字）',
          ),
        );
      if (issues.length) throw invalid(strapi, issues);
      const area = await areaOf(input.area, 'area');
      await cmsService(strapi, 'kit')
        .assertReach('plugin::cms.area', { path: area.path } as never)
        .catch(() => {
          // Residents join their own community, and a public form names any; staff only theirs.
          if (!options.user && !options.viaForm)
            refuse(strapi, 'area', 'not_found', 'outside your area', '不在您的管辖范围内');
        });
      const relations: Record<string, unknown> = {};
      for (const [field, uid] of [
        ['person', 'plugin::cms.person'],
        ['organisation', 'plugin::cms.organisation'],
        ['compound', 'plugin::cms.compound'],
        ['microGrid', 'plugin::cms.grid'],
      ] as const) {
        if (input[field] === undefined || input[field] === null || input[field] === '') continue;
        const row =
          typeof input[field] === 'string'
            ? await strapi.db
                .query(uid)
                .findOne({ where: { documentId: input[field] }, select: ['id'] })
            : null;
        if (!row) issues.push(issue(field, 'not_found', 'not found', '未找到'));
        else relations[field] = row.id;
      }
      if (kind === 'person' && relations.person) {
        const already = await strapi.db.query(TB.member).findOne({
          where: { person: { id: relations.person }, status: 'active' },
          select: ['id'],
        });
        if (already)
          issues.push(issue('person', 'already_member', 'already a member', '已是时间银行成员'));
      }
      if (options.user) {
        const already = await kit.memberOfUser(options.user);
        if (already)
          issues.push(
            issue('user', 'already_member', 'you are already a member', '您已加入时间银行'),
          );
      }
      const categories = Array.isArray(input.categories)
        ? input.categories.filter((c): c is string => typeof c === 'string').slice(0, 20)
        : [];
      if (issues.length) throw invalid(strapi, issues);
      return strapi.db.transaction(async () => {
        const temporary = `P${randomBytes(8).toString('hex')}`;
        const created = await kit.create(TB.member, {
          kind,
          name,
          area: area.id,
          areaPath: area.path,
          ...relations,
          ...(options.user ? { user: options.user } : {}),
          passbookNo: temporary,
          accountCode: temporary,
          categories,
          joinedOn: time().todayInChina(),
          status: 'active',
          earnedMinutes: 0,
        });
        const passbookNo = `TB${String(time().chinaYear(new Date())).slice(2)}${String(created.id).padStart(7, '0')}`;
        const member = await kit.update(TB.member, created.id, {
          passbookNo,
          accountCode: memberAccount(created.documentId as string),
        });
        await openAccount(member);
        const full = await strapi.db
          .query(TB.member)
          .findOne({ where: { id: member.id }, populate: { area: true } });
        await kit.record(TB.member, 'create', null, full);
        return full as Doc;
      });
    },

    /** The balance a passbook heads with: available, held, earned, star level, cap, expiring. */
    async balance(member: Doc): Promise<BalanceView> {
      const b = await kit.ledger().balance(member.accountCode as string);
      const { policy } = await policies().inForce();
      const earned = n(member.earnedMinutes);
      const level = starLevel(earned, policy.starThresholdsMinutes);
      const next = policy.starThresholdsMinutes[level];
      let expiringSoon = 0;
      if (policy.expiryMonths) {
        const lots: Doc[] = await strapi.db.query(TB.lot).findMany({
          where: { member: { id: member.id }, remaining: { $gt: 0 } },
          select: ['id', 'earnedOn', 'minutes', 'remaining'],
        });
        const soon = time().addDays(time().todayInChina(), 30);
        expiringSoon = expiring(
          lots.map((l) => ({
            id: String(l.id),
            earnedOn: String(l.earnedOn).slice(0, 10),
            minutes: n(l.minutes),
            remaining: n(l.remaining),
          })),
          soon,
          policy.expiryMonths,
        ).reduce((s, e) => s + e.minutes, 0);
      }
      return {
        available: Number(b.available),
        reserved: Number(b.posted) - Number(b.available),
        earned,
        level,
        toNextLevel: next === undefined ? null : next - earned,
        mayRedeem: mayRedeem(earned, policy),
        cap: policy.storageCapMinutes,
        expiringSoon,
      };
    },

    /**
     * A passbook page, newest first: each line names what moved the minutes (the service, the
     * activity, the redemption, the gift) and the running balance after it.
     */
    async passbook(member: Doc, before = 0, limit = 50) {
      const page = await kit.ledger().recent(member.accountCode as string, before, limit);
      const described = await describe(page.entries.map((e) => e.transfer.reference));
      const lines: PassbookLine[] = page.entries.map((e) => ({
        transferId: String(e.transfer.id),
        at: e.createdAt,
        minutes: e.amount,
        balanceAfter: Number(e.balanceAfter),
        code: e.transfer.code ?? e.transfer.kind,
        description:
          described.get(e.transfer.reference ?? '') ?? codeText(e.transfer.code ?? e.transfer.kind),
        counterparty: null,
      }));
      return {
        member: memberView(member),
        balance: await members.balance(member),
        lines,
        next: page.next === null ? null : String(page.next),
      };
    },

    /** Adds a member to a team (a 志愿服务队); the first added becomes its leader when it has none. */
    async addTeamMember(teamId: string, memberId: unknown, asLeader: unknown): Promise<Doc> {
      const team = await kit.load(TB.member, teamId);
      if (team.kind !== 'team')
        refuse(
          strapi,
          'team',
          'invalid_value',
          'only a team has members',
          '只有志愿服务队可以添加队员',
        );
      const member = await kit.load(TB.member, memberId);
      if (member.kind !== 'person')
        refuse(
          strapi,
          'member',
          'invalid_value',
          'a team’s members are people',
          '服务队的队员应为个人',
        );
      return strapi.db.transaction(async () => {
        const before = await strapi.db.query(TB.member).findOne({
          where: { id: team.id },
          populate: { teamMembers: { select: ['id'] }, leader: { select: ['id'] } },
        });
        const ids = new Set(((before?.teamMembers ?? []) as Doc[]).map((m) => m.id));
        if (ids.has(member.id))
          refuse(strapi, 'member', 'duplicate', 'already in this team', '已在该服务队中');
        await strapi.db.query(TB.member).update({
          where: { id: member.id },
          data: { teams: { connect: [team.id] } },
        });
        if (asLeader === true || !before?.leader)
          await kit.update(TB.member, team.id, { leader: member.id });
        const after = await strapi.db
          .query(TB.member)
          .findOne({ where: { id: team.id }, populate: { leader: true } });
        await kit.record(TB.member, 'update', before, after);
        return after as Doc;
      });
    },

    /** A member leaves; their account stays (a passbook is never deleted), with nothing left to spend. */
    async leave(memberId: string): Promise<Doc> {
      const member = await kit.load(TB.member, memberId);
      if (member.status !== 'active')
        refuse(strapi, 'status', 'invalid_transition', 'has already left', '已退出');
      return strapi.db.transaction(async () => {
        const after = await kit.update(TB.member, member.id, { status: 'left' });
        await kit.record(TB.member, 'update', member, after);
        return after;
      });
    },

    /** Issues minutes into a community pool (the foundation's or a community's grant of hours). */
    async issue(poolId: string, input: Record<string, unknown>) {
      const pool = await kit.load(TB.member, poolId);
      if (pool.kind !== 'pool')
        refuse(
          strapi,
          'member',
          'invalid_value',
          'hours are issued into a community pool only',
          '只能向社区时间池发放时长',
        );
      const minutes = wholeMinutes(input.minutes);
      if (!minutes || minutes < 1 || minutes > 10_000_000)
        refuse(
          strapi,
          'minutes',
          'invalid_value',
          'a whole number of minutes, 1 to 10,000,000',
          '应为 1 至 10,000,000 的整数分钟',
        );
      const key =
        text(input.key, 100) ?? `issue:${pool.documentId}:${randomBytes(8).toString('hex')}`;
      try {
        const t = await kit.ledger().transfer({
          key,
          debit: WORLD_ISSUED,
          credit: pool.accountCode as string,
          amount: minutes,
          code: 'issue',
          reference: `time-bank.member:${pool.documentId}`,
        });
        await kit.record(TB.member, 'update', pool, { ...pool, issuedMinutes: minutes } as Doc);
        return { transferId: String(t.id), minutes };
      } catch (error) {
        throw fromLedger(strapi, error, 'minutes');
      }
    },

    /** Registers a relative (by staff, with the relation and the evidence seen). */
    async link(input: Record<string, unknown>): Promise<Doc> {
      const issues: Issue[] = [];
      if (!RELATIONS.includes(input.relation as string))
        issues.push(
          issue('relation', 'invalid_value', `one of ${RELATIONS.join(', ')}`, '请选择亲属关系'),
        );
      const evidence = text(input.evidence, 500);
      if (!evidence)
        issues.push(
          issue(
            'evidence',
            'required',
            'say what proves the relation (户口簿, 结婚证 …)',
            '请填写关系证明（户口簿、结婚证等）',
          ),
        );
      if (issues.length) throw invalid(strapi, issues);
      const member = await kit.load(TB.member, input.member);
      const relative = await kit.load(TB.member, input.relative);
      if (member.id === relative.id)
        refuse(
          strapi,
          'relative',
          'same_member',
          'a member is not their own relative',
          '不能关联本人',
        );
      if (member.kind !== 'person' || relative.kind !== 'person')
        refuse(
          strapi,
          'relative',
          'invalid_value',
          'family links are between people',
          '家庭关联只能在个人之间',
        );
      const existing = await strapi.db.query(TB.familyLink).findOne({
        where: { member: { id: member.id }, relative: { id: relative.id }, status: 'active' },
        select: ['id'],
      });
      if (existing) refuse(strapi, 'relative', 'duplicate', 'already registered', '已登记该亲属');
      return strapi.db.transaction(async () => {
        const row = await kit.create(TB.familyLink, {
          member: member.id,
          relative: relative.id,
          relation: input.relation,
          evidence,
          registeredBy: kit.actorName(),
          status: 'active',
          areaPath: member.areaPath,
        });
        await kit.record(TB.familyLink, 'create', null, row);
        return row;
      });
    },

    async unlink(linkId: string): Promise<Doc> {
      const link = await kit.load(TB.familyLink, linkId);
      if (link.status !== 'active')
        refuse(strapi, 'status', 'invalid_transition', 'already revoked', '已解除');
      return strapi.db.transaction(async () => {
        const after = await kit.update(TB.familyLink, link.id, {
          status: 'revoked',
          revokedAt: new Date(),
        });
        await kit.record(TB.familyLink, 'update', link, after);
        return after;
      });
    },

    /**
     * Gives minutes: to registered family (either direction of the link), or donated to a person
     * in need or a pool; within the policy's yearly limits (China calendar year), never below the
     * giver's balance (the ledger refuses that).
     */
    async give(giver: Doc, input: Record<string, unknown>) {
      const kind = input.kind;
      if (kind !== 'family' && kind !== 'donation')
        refuse(strapi, 'kind', 'invalid_value', 'family or donation', '应为转给家人或捐赠');
      const minutes = wholeMinutes(input.minutes);
      if (!minutes || minutes < 1 || minutes > 1_000_000)
        refuse(
          strapi,
          'minutes',
          'invalid_value',
          'a whole number of minutes, at least 1',
          '应为至少 1 分钟的整数',
        );
      // `to` is a member's documentId, or the passbook number a person can read off a passbook.
      const byPassbook =
        typeof input.to === 'string' && /^TB\d{6,12}$/.test(input.to)
          ? await strapi.db
              .query(TB.member)
              .findOne({ where: { passbookNo: input.to }, select: ['documentId'] })
          : null;
      const receiver: Doc = await kit
        .load(TB.member, byPassbook?.documentId ?? input.to, {}, 'party')
        .catch(() =>
          refuse(
            strapi,
            'to',
            'not_member',
            'no member with this passbook number',
            '找不到该存折号对应的成员',
          ),
        );
      if (receiver.id === giver.id)
        refuse(strapi, 'to', 'same_member', 'not to oneself', '不能转给自己');
      if (receiver.status !== 'active')
        refuse(
          strapi,
          'to',
          'not_member',
          'the receiver has left the time bank',
          '对方已退出时间银行',
        );
      if (kind === 'family') {
        const link = await strapi.db.query(TB.familyLink).findOne({
          where: {
            status: 'active',
            $or: [
              { member: { id: giver.id }, relative: { id: receiver.id } },
              { member: { id: receiver.id }, relative: { id: giver.id } },
            ],
          },
          select: ['id'],
        });
        if (!link)
          refuse(
            strapi,
            'to',
            'not_family',
            'not registered as your family (staff register relatives with evidence)',
            '对方不是已登记的家庭成员（需由工作人员凭证明登记）',
          );
      }
      const { policy } = await policies().inForce();
      const year = time().chinaYear(new Date());
      return strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
        await kit.lock(trx, 'time_bank_members', giver.id);
        const used = await strapi.db.query(TB.gift).findMany({
          where: { giver: { id: giver.id }, kind, year },
          select: ['id', 'minutes'],
        });
        const usedMinutes = used.reduce((s: number, g: Doc) => s + n(g.minutes), 0);
        const limitIssue = yearlyLimitIssue(
          'minutes',
          usedMinutes,
          minutes,
          kind === 'family' ? policy.familyTransferYearlyMinutes : policy.donationYearlyMinutes,
          kind,
        );
        if (limitIssue) throw invalid(strapi, [limitIssue]);
        const gift = await kit.create(TB.gift, {
          kind,
          giver: giver.id,
          receiver: receiver.id,
          minutes,
          year,
          note: text(input.note, 500),
          areaPath: giver.areaPath,
        });
        let transferId: number;
        try {
          const t = await kit.ledger().transfer({
            key: `gift:${gift.documentId}`,
            debit: giver.accountCode as string,
            credit: receiver.accountCode as string,
            amount: minutes,
            code: kind === 'family' ? 'gift-family' : 'gift-donation',
            reference: `time-bank.gift:${gift.documentId}`,
          });
          transferId = t.id;
        } catch (error) {
          throw fromLedger(strapi, error, 'minutes');
        }
        const after = await kit.update(TB.gift, gift.id, { transferId });
        await hours().takeFromLots(giver.id, minutes);
        if (receiver.kind !== 'pool')
          await hours().addLot(
            receiver.id,
            minutes,
            time().todayInChina(),
            `time-bank.gift:${gift.documentId}`,
          );
        await kit.record(TB.gift, 'create', null, after);
        return after;
      });
    },

    /** The member a signed-in resident or volunteer acts as; a 404 when they have not joined. */
    async own(userId: number | undefined): Promise<Doc> {
      const member = await kit.memberOfUser(userId);
      if (!member) throw new errors.NotFoundError('Not Found');
      return member;
    },
  };

  /** What each passbook line's reference names, in both languages. */
  async function describe(
    references: (string | null)[],
  ): Promise<Map<string, { zh: string; en: string }>> {
    const out = new Map<string, { zh: string; en: string }>();
    const byType = new Map<string, string[]>();
    for (const ref of references) {
      const m = /^time-bank\.([a-z-]+):([a-z0-9]+)$/.exec(ref ?? '');
      if (!m) continue;
      byType.set(m[1]!, [...(byType.get(m[1]!) ?? []), m[2]!]);
    }
    const services: Doc[] = byType.has('service')
      ? await strapi.db.query(TB.service).findMany({
          where: { documentId: { $in: byType.get('service') } },
          populate: {
            request: { select: ['title'] },
            recipient: { select: ['name'] },
            volunteer: { select: ['name'] },
          },
        })
      : [];
    for (const s of services) {
      const title = (s.request as Doc | null)?.title ?? '';
      out.set(`time-bank.service:${s.documentId}`, {
        zh: `服务「${title}」（${s.number}，${(s.volunteer as Doc | null)?.name ?? ''} → ${(s.recipient as Doc | null)?.name ?? ''}）`,
        en: `Service “${title}” (${s.number}, ${(s.volunteer as Doc | null)?.name ?? ''} → ${(s.recipient as Doc | null)?.name ?? ''})`,
      });
    }
    const activities: Doc[] = byType.has('activity')
      ? await strapi.db.query(TB.activity).findMany({
          where: { documentId: { $in: byType.get('activity') } },
          select: ['documentId', 'title'],
        })
      : [];
    for (const a of activities)
      out.set(`time-bank.activity:${a.documentId}`, {
        zh: `活动「${a.title}」`,
        en: `Activity “${a.title}”`,
      });
    const redemptions: Doc[] = byType.has('redemption')
      ? await strapi.db.query(TB.redemption).findMany({
          where: { documentId: { $in: byType.get('redemption') } },
          populate: { item: { select: ['nameZh', 'nameEn'] } },
        })
      : [];
    for (const r of redemptions) {
      const item = r.item as Doc | null;
      out.set(`time-bank.redemption:${r.documentId}`, {
        zh: `兑换「${item?.nameZh ?? ''}」×${r.quantity}（${r.number}）`,
        en: `Redeemed “${item?.nameEn ?? item?.nameZh ?? ''}” ×${r.quantity} (${r.number})`,
      });
    }
    const gifts: Doc[] = byType.has('gift')
      ? await strapi.db.query(TB.gift).findMany({
          where: { documentId: { $in: byType.get('gift') } },
          populate: { giver: { select: ['name'] }, receiver: { select: ['name'] } },
        })
      : [];
    for (const g of gifts) {
      const from = (g.giver as Doc | null)?.name ?? '';
      const to = (g.receiver as Doc | null)?.name ?? '';
      out.set(
        `time-bank.gift:${g.documentId}`,
        g.kind === 'family'
          ? { zh: `家庭转赠 ${from} → ${to}`, en: `Passed to family ${from} → ${to}` }
          : { zh: `爱心捐赠 ${from} → ${to}`, en: `Donated ${from} → ${to}` },
      );
    }
    return out;
  }

  return members;
};

/** A line no record names (an issue into a pool, an expiry, a reversal). */
function codeText(code: string): { zh: string; en: string } {
  const words: Record<string, [string, string]> = {
    issue: ['发放时长', 'Hours issued'],
    expiry: ['过期清零', 'Expired'],
    cap: ['超出存储上限转入时间池', 'Above the cap, to the pool'],
    reversal: ['冲正', 'Reversal'],
    post_pending: ['兑换支取', 'Redemption'],
  };
  const [zh, en] = words[code] ?? [code, code];
  return { zh, en };
}
