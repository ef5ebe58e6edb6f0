import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import { issue } from '../domain/errors';
import { rankCandidates, type Candidate } from '../domain/matching';
import { acceptIssue, requestIssues } from '../domain/requests';
import { checkInIssue, nextState, type ServiceAction, type ServiceState } from '../domain/services';
import { checkedMinutes, countedMinutes, creditedMinutes } from '../domain/time';
import type { CandidateView, RequestView, ServiceView } from '../shared/contracts/time-bank';
import { TB } from '../uids';
import { cmsService, getService } from '../utils';
import { memberView } from './members';
import { fromDomain, invalid, n, refuse, tbKit, wholeMinutes, type Doc } from './shared';

/** Who acts: staff (the kit scopes what they reach) or a member acting for themselves. */
export interface Actor {
  staff: boolean;
  member: Doc | null;
}

/** How many volunteers a request's matching weighs at most (the nearest first). */
const CANDIDATE_POOL = 2000;
const OPEN_STATES: ServiceState[] = ['accepted', 'checked_in', 'checked_out', 'disputed'];
const SERVICE_POPULATE = {
  request: true,
  volunteer: { populate: { area: true } },
  recipient: { populate: { area: true } },
  payer: true,
  category: true,
};
const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
const text = (v: unknown, max: number): string | null =>
  typeof v === 'string' && v.trim() && v.trim().length <= max ? v.trim() : null;

/** The path of a place's ancestor at a depth (1 district, 2 subdistrict, 3 community). */
export const pathAt = (path: string | null | undefined, depth: number): string | null => {
  const parts = (path ?? '').split('/').filter(Boolean);
  return parts.length >= depth ? `/${parts.slice(0, depth).join('/')}/` : null;
};

export function serviceView(s: Doc, viewer?: Doc | null): ServiceView {
  const req = s.request as Doc | null;
  const cat = s.category as Doc | null;
  return {
    documentId: s.documentId as string,
    number: s.number as string,
    state: s.state as ServiceState,
    hourType: s.hourType as ServiceView['hourType'],
    request: req
      ? {
          documentId: req.documentId as string,
          title: req.title as string,
          windowStart: iso(req.windowStart) as string,
          windowEnd: iso(req.windowEnd) as string,
        }
      : null,
    volunteer: memberView(s.volunteer as Doc),
    recipient: memberView(s.recipient as Doc),
    category: cat
      ? { code: cat.code as string, nameZh: cat.nameZh as string, nameEn: cat.nameEn as string }
      : null,
    acceptedAt: iso(s.acceptedAt),
    checkedInAt: iso(s.checkedInAt),
    checkedOutAt: iso(s.checkedOutAt),
    rawMinutes: (s.rawMinutes as number) ?? null,
    countedMinutes: (s.countedMinutes as number) ?? null,
    creditedMinutes: (s.creditedMinutes as number) ?? null,
    confirmedAt: iso(s.confirmedAt),
    confirmedBy: (s.confirmedBy as string) ?? null,
    confirmedOnBehalf: Boolean(s.confirmedOnBehalf),
    disputeReason: (s.disputeReason as string) ?? null,
    payer: s.state === 'confirmed' ? memberView(s.payer as Doc) : null,
    paidByPool: s.state === 'confirmed' && (s.payer as Doc | null)?.kind === 'pool',
    ...(viewer
      ? {
          mine: {
            asVolunteer: (s.volunteer as Doc | null)?.id === viewer.id,
            asRecipient: (s.recipient as Doc | null)?.id === viewer.id,
          },
        }
      : {}),
  };
}

export function requestView(r: Doc): RequestView {
  const cat = r.category as Doc | null;
  return {
    documentId: r.documentId as string,
    side: r.side as RequestView['side'],
    title: r.title as string,
    description: (r.description as string) ?? null,
    category: cat
      ? { code: cat.code as string, nameZh: cat.nameZh as string, nameEn: cat.nameEn as string }
      : null,
    member: memberView(r.member as Doc),
    address: (r.address as string) ?? null,
    windowStart: iso(r.windowStart) as string,
    windowEnd: iso(r.windowEnd) as string,
    estimatedMinutes: n(r.estimatedMinutes),
    volunteersNeeded: n(r.volunteersNeeded),
    taken: n(r.taken),
    status: r.status as RequestView['status'],
  };
}

/**
 * Requests and offers, matching, and services (订单): a volunteer takes a place on a request
 * (the last place goes to exactly one, by a conditional update), checks in and out, and the
 * person served confirms (or staff on their behalf, recorded as such); confirmation pays the
 * counted, rated minutes in the same transaction, from the person served or — when the policy
 * says the community pays for a category — from the community's pool. Disputes are resolved by
 * staff, who set the minutes.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const kit = tbKit(strapi);
  const policies = () => getService(strapi, 'policy');
  const hours = () => getService(strapi, 'hours');
  const time = () => cmsService(strapi, 'chinaTime');

  async function category(code: unknown, path = 'category'): Promise<Doc> {
    const row =
      typeof code === 'string'
        ? await strapi.db.query(TB.category).findOne({ where: { code, active: true } })
        : null;
    if (!row) refuse(strapi, path, 'not_found', 'choose a service category', '请选择服务类别');
    return row;
  }

  /** A service, locked, as its party or staff may act on it. */
  async function loadService(trx: Knex.Transaction, id: string, actor: Actor): Promise<Doc> {
    const first = await kit.load(TB.service, id, {}, actor.staff ? 'area' : 'party');
    await kit.lock(trx, 'time_bank_services', first.id);
    return strapi.db
      .query(TB.service)
      .findOne({ where: { id: first.id }, populate: SERVICE_POPULATE });
  }

  function mustBe(actor: Actor, service: Doc, side: 'volunteer' | 'recipient'): void {
    if (actor.staff) return;
    const party = service[side] as Doc | null;
    if (!actor.member || party?.id !== actor.member.id)
      refuse(
        strapi,
        'service',
        'not_party',
        side === 'volunteer'
          ? 'only the volunteer of this service may do this'
          : 'only the person served may do this',
        side === 'volunteer' ? '只有该服务的志愿者可以操作' : '只有被服务人可以操作',
      );
  }

  function step(state: ServiceState, action: ServiceAction): ServiceState {
    try {
      return nextState(state, action);
    } catch (error) {
      throw fromDomain(strapi, error);
    }
  }

  async function save(before: Doc, data: Record<string, unknown>): Promise<Doc> {
    await kit.update(TB.service, before.id, data);
    const after = await strapi.db
      .query(TB.service)
      .findOne({ where: { id: before.id }, populate: SERVICE_POPULATE });
    await kit.record(TB.service, 'update', before, after);
    return after;
  }

  const exchange = {
    /** Posts a need or an offer: staff for an elder (`member`), or a member for themselves. */
    async post(input: Record<string, unknown>, actor: Actor): Promise<Doc> {
      // The domain names the category by its code; the API's field is `category`.
      const issues = requestIssues(
        { ...input, categoryCode: input.category, volunteersNeeded: input.volunteersNeeded ?? 1 },
        new Date(),
      ).map((i) =>
        i.path === 'categoryCode'
          ? issue('category', i.code, 'choose the service category', '请选择服务类别')
          : i,
      );
      if (issues.length) throw invalid(strapi, issues);
      const cat = await category(input.category);
      if (
        input.awardDocumentId !== undefined &&
        input.awardDocumentId !== null &&
        (typeof input.awardDocumentId !== 'string' || !/^[a-z0-9]{24}$/.test(input.awardDocumentId))
      )
        refuse(
          strapi,
          'awardDocumentId',
          'invalid_value',
          'not a project’s id',
          '不是有效的项目编号',
        );
      let member: Doc | null = actor.member;
      if (actor.staff && input.member !== undefined && input.member !== null)
        member = await kit.load(TB.member, input.member, { area: true });
      if (!member)
        refuse(
          strapi,
          'member',
          actor.staff ? 'required' : 'not_member',
          actor.staff ? 'say who the request is for' : 'join the time bank first',
          actor.staff ? '请选择服务对象' : '请先加入时间银行',
        );
      if (member.status !== 'active')
        refuse(strapi, 'member', 'not_member', 'has left the time bank', '已退出时间银行');
      let areaId = (member.area as Doc | null)?.id ?? null;
      let areaPath = (member.areaPath as string) ?? null;
      if (input.area) {
        const area = await strapi.db
          .query('plugin::cms.area')
          .findOne({ where: { documentId: input.area }, select: ['id', 'path'] });
        if (!area) refuse(strapi, 'area', 'not_found', 'no such community', '没有这个社区');
        areaId = area.id;
        areaPath = area.path;
      }
      const relations: Record<string, number> = {};
      for (const [field, uid] of [
        ['microGrid', 'plugin::cms.grid'],
        ['compound', 'plugin::cms.compound'],
      ] as const) {
        if (!input[field]) {
          if (
            field === 'microGrid' &&
            (member.microGrid as Doc | null | undefined)?.id === undefined
          ) {
            const withGrid = await strapi.db
              .query(TB.member)
              .findOne({ where: { id: member.id }, populate: { microGrid: { select: ['id'] } } });
            if (withGrid?.microGrid) relations.microGrid = (withGrid.microGrid as Doc).id;
          }
          continue;
        }
        const row = await strapi.db
          .query(uid)
          .findOne({ where: { documentId: input[field] }, select: ['id'] });
        if (!row) refuse(strapi, field, 'not_found', 'not found', '未找到');
        relations[field] = row.id;
      }
      return strapi.db.transaction(async () => {
        const row = await kit.create(TB.request, {
          side: input.side === 'offer' ? 'offer' : 'need',
          title: String(input.title).trim(),
          description: text(input.description, 1000),
          category: cat.id,
          member: member.id,
          onBehalf: actor.staff && actor.member?.id !== member.id,
          postedBy: kit.actorName(),
          area: areaId,
          areaPath,
          ...relations,
          address: text(input.address, 200),
          windowStart: input.windowStart,
          windowEnd: input.windowEnd,
          estimatedMinutes: input.estimatedMinutes,
          volunteersNeeded: input.volunteersNeeded ?? 1,
          taken: 0,
          status: 'open',
          awardDocumentId: text(input.awardDocumentId, 40),
        });
        await kit.record(TB.request, 'create', null, row);
        return strapi.db.query(TB.request).findOne({
          where: { id: row.id },
          populate: { category: true, member: { populate: { area: true } } },
        });
      });
    },

    /**
     * Volunteers for a request, best first: category fit, closeness in the hierarchy, the
     * window, their open commitments and past confirmations (domain/matching.ts ranks).
     * Candidates are the active people and teams of the request's subdistrict.
     */
    async candidates(requestId: string, limit = 20): Promise<CandidateView[]> {
      const req = await kit.load(TB.request, requestId, {
        category: true,
        microGrid: { populate: { parent: true } },
        member: true,
      });
      const within = pathAt(req.areaPath as string, 2) ?? (req.areaPath as string);
      // The request's own community first, then the rest of its subdistrict: at most CANDIDATE_POOL
      // are weighed, the nearest ones, however many volunteers the subdistrict holds.
      const base = {
        kind: { $in: ['person', 'team'] },
        status: 'active',
        ...(req.member ? { id: { $ne: (req.member as Doc).id } } : {}),
      };
      const fields = [
        'id',
        'documentId',
        'kind',
        'name',
        'passbookNo',
        'status',
        'areaPath',
        'categories',
        'availableFrom',
        'availableTo',
      ];
      const nearby = { microGrid: { select: ['id'], populate: { parent: { select: ['id'] } } } };
      const rows: Doc[] = await strapi.db.query(TB.member).findMany({
        where: { ...base, areaPath: req.areaPath as string },
        select: fields,
        populate: nearby,
        limit: CANDIDATE_POOL,
      });
      if (rows.length < CANDIDATE_POOL && within !== req.areaPath)
        rows.push(
          ...(await strapi.db.query(TB.member).findMany({
            where: {
              ...base,
              $and: [
                { areaPath: { $startsWith: within } },
                { areaPath: { $ne: req.areaPath as string } },
              ],
            },
            select: fields,
            populate: nearby,
            limit: CANDIDATE_POOL - rows.length,
          })),
        );
      const ids = rows.map((r) => r.id);
      // Open commitments and past confirmations, counted by the database per volunteer.
      const counts: { member_id: unknown; state: string; c: unknown }[] = ids.length
        ? await strapi.db
            .connection('time_bank_services as s')
            .join('time_bank_services_volunteer_lnk as l', 'l.service_id', 's.id')
            .whereIn('l.member_id', ids)
            .whereIn('s.state', [...OPEN_STATES, 'confirmed'])
            .groupBy('l.member_id', 's.state')
            .select('l.member_id', 's.state')
            .count({ c: '*' })
        : [];
      const open = new Map<number, number>();
      const done = new Map<number, number>();
      for (const row of counts) {
        const map = row.state === 'confirmed' ? done : open;
        const member = Number(row.member_id);
        map.set(member, (map.get(member) ?? 0) + Number(row.c));
      }
      // Availability and what one offers come from the member's profile and their open offers.
      const offers: Doc[] = ids.length
        ? await strapi.db.query(TB.request).findMany({
            where: {
              side: 'offer',
              status: 'open',
              member: { id: { $in: ids } },
              windowEnd: { $gt: new Date() },
            },
            select: ['id', 'windowStart', 'windowEnd'],
            populate: { member: { select: ['id'] }, category: { select: ['code'] } },
          })
        : [];
      const reqStart = new Date(req.windowStart as string).getTime();
      const reqEnd = new Date(req.windowEnd as string).getTime();
      const offerOf = new Map<number, Doc>();
      const offered = new Map<number, string[]>();
      for (const o of offers) {
        const m = (o.member as Doc | null)?.id;
        if (m === undefined) continue;
        const code = (o.category as Doc | null)?.code as string | undefined;
        if (code) offered.set(m, [...(offered.get(m) ?? []), code]);
        const overlaps =
          new Date(o.windowStart as string).getTime() < reqEnd &&
          new Date(o.windowEnd as string).getTime() > reqStart;
        if (!offerOf.has(m) || overlaps) offerOf.set(m, o);
      }
      const grid = (m: Doc | null | undefined) => (m?.parent as Doc | null)?.id ?? null;
      const reqMicro = req.microGrid as Doc | null;
      const candidates: Candidate[] = rows.map((m) => ({
        memberId: m.documentId as string,
        categoryCodes: [
          ...(Array.isArray(m.categories) ? (m.categories as string[]) : []),
          ...(offered.get(m.id) ?? []),
        ],
        placePath: (m.areaPath as string) ?? '',
        microGridId: (m.microGrid as Doc | null)?.id ? String((m.microGrid as Doc).id) : null,
        gridId: grid(m.microGrid as Doc) ? String(grid(m.microGrid as Doc)) : null,
        availableFrom: iso(offerOf.get(m.id)?.windowStart ?? m.availableFrom),
        availableTo: iso(offerOf.get(m.id)?.windowEnd ?? m.availableTo),
        openCommitments: open.get(m.id) ?? 0,
        confirmedServices: done.get(m.id) ?? 0,
      }));
      const ranked = rankCandidates(
        {
          categoryCode: (req.category as Doc | null)?.code as string,
          placePath: (req.areaPath as string) ?? '',
          microGridId: reqMicro ? String(reqMicro.id) : null,
          gridId: grid(reqMicro) ? String(grid(reqMicro)) : null,
          windowStart: iso(req.windowStart) as string,
          windowEnd: iso(req.windowEnd) as string,
        },
        candidates,
        limit,
      );
      // Only the ranked few are shown: their communities' names are read for them alone.
      const shownIds = new Set(ranked.map((r) => r.memberId));
      const withArea: Doc[] = shownIds.size
        ? await strapi.db.query(TB.member).findMany({
            where: { documentId: { $in: [...shownIds] } },
            populate: { area: { select: ['documentId', 'name'] } },
          })
        : [];
      const byDoc = new Map(withArea.map((m) => [m.documentId as string, m]));
      return ranked.map((r) => ({
        member: memberView(byDoc.get(r.memberId)) as CandidateView['member'],
        score: r.score,
        reasons: r.reasons,
        openCommitments: r.openCommitments,
        confirmedServices: r.confirmedServices,
      }));
    },

    /**
     * A volunteer takes a place: staff name the volunteer, a volunteer takes it for themselves.
     * The place is taken by one conditional UPDATE (taken < needed, still open), so two
     * volunteers racing for the last place cannot both get it, on either database.
     */
    async accept(requestId: string, input: Record<string, unknown>, actor: Actor): Promise<Doc> {
      const req = await kit.load(
        TB.request,
        requestId,
        { member: true, category: true },
        actor.staff ? 'area' : 'party',
      );
      let volunteer = actor.member;
      if (actor.staff && input.volunteer)
        volunteer = await kit.load(TB.member, input.volunteer, {}, 'party');
      if (!volunteer)
        refuse(strapi, 'volunteer', 'required', 'choose the volunteer', '请选择志愿者');
      if (volunteer.status !== 'active' || !['person', 'team'].includes(volunteer.kind as string))
        refuse(strapi, 'volunteer', 'not_member', 'not an active volunteer', '不是在册的志愿者');
      if ((req.member as Doc | null)?.id === volunteer.id)
        refuse(
          strapi,
          'volunteer',
          'same_member',
          'one does not serve one’s own request',
          '不能接自己发布的需求',
        );
      if (req.side !== 'need')
        refuse(
          strapi,
          'request',
          'invalid_value',
          'an offer is not taken; post a need',
          '这是服务供给，不能接单',
        );
      const early = acceptIssue(
        {
          status: req.status === 'full' ? 'open' : (req.status as string),
          volunteersNeeded: n(req.volunteersNeeded),
          taken: n(req.taken),
          windowEnd: iso(req.windowEnd) as string,
        },
        new Date(),
      );
      if (early) throw invalid(strapi, [early]);
      const { version } = await policies().inForce(time().todayInChina());
      return strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
        const already = await strapi.db.query(TB.service).findOne({
          where: {
            request: { id: req.id },
            volunteer: { id: volunteer.id },
            state: { $ne: 'cancelled' },
          },
          select: ['id'],
        });
        if (already)
          refuse(strapi, 'volunteer', 'duplicate', 'already serving this request', '已接过该需求');
        const taken = await trx('time_bank_requests')
          .where({ id: req.id, status: 'open' })
          .andWhere('taken', '<', trx.ref('volunteers_needed'))
          .increment('taken', 1);
        if (Number(taken) !== 1) {
          const now: Doc = await strapi.db.query(TB.request).findOne({ where: { id: req.id } });
          const why =
            acceptIssue(
              {
                status: now.status === 'full' ? 'open' : (now.status as string),
                volunteersNeeded: n(now.volunteersNeeded),
                taken: n(now.taken),
                windowEnd: iso(now.windowEnd) as string,
              },
              new Date(),
            ) ?? issue('request', 'request_full', 'every place has been taken', '名额已满');
          throw invalid(strapi, [why]);
        }
        await trx('time_bank_requests')
          .where({ id: req.id })
          .andWhere('taken', '>=', trx.ref('volunteers_needed'))
          .update({ status: 'full' });
        const temporary = `S${randomBytes(8).toString('hex')}`;
        const created = await kit.create(TB.service, {
          number: temporary,
          request: req.id,
          volunteer: volunteer.id,
          recipient: (req.member as Doc | null)?.id ?? null,
          category: (req.category as Doc | null)?.id ?? null,
          state: 'accepted',
          hourType: 'credit',
          policyVersion: version,
          acceptedAt: new Date(),
          areaPath: req.areaPath,
          awardDocumentId: req.awardDocumentId ?? null,
        });
        const number = `FW${String(time().chinaYear(new Date()))}-${String(created.id).padStart(6, '0')}`;
        await kit.update(TB.service, created.id, { number });
        const after = await strapi.db
          .query(TB.service)
          .findOne({ where: { id: created.id }, populate: SERVICE_POPULATE });
        await kit.record(TB.service, 'create', null, after);
        return after;
      });
    },

    async cancelRequest(requestId: string, reason: unknown, actor: Actor): Promise<Doc> {
      const req = await kit.load(
        TB.request,
        requestId,
        { member: true },
        actor.staff ? 'area' : 'party',
      );
      if (!actor.staff && (req.member as Doc | null)?.id !== actor.member?.id)
        refuse(
          strapi,
          'request',
          'not_party',
          'only who posted it may cancel it',
          '只有发布人可以取消',
        );
      if (!['open', 'full'].includes(req.status as string))
        refuse(strapi, 'status', 'invalid_transition', 'is no longer open', '需求已结束');
      const why = text(reason, 500);
      if (!why) refuse(strapi, 'reason', 'required', 'say why it is cancelled', '请填写取消原因');
      return strapi.db.transaction(async () => {
        const live = await strapi.db.query(TB.service).count({
          where: {
            request: { id: req.id },
            state: { $in: ['checked_in', 'checked_out', 'disputed'] },
          },
        });
        if (live)
          refuse(
            strapi,
            'request',
            'invalid_transition',
            'a volunteer has already served it: confirm or cancel the service first',
            '已有志愿者开始服务，请先确认或取消该服务',
          );
        const after = await kit.update(TB.request, req.id, { status: 'cancelled' });
        // A relation in updateMany's where is not supported by the query engine: ids first.
        const accepted: Doc[] = await strapi.db.query(TB.service).findMany({
          where: { request: { id: req.id }, state: 'accepted' },
          select: ['id'],
        });
        if (accepted.length)
          await strapi.db.query(TB.service).updateMany({
            where: { id: { $in: accepted.map((a) => a.id) } },
            data: { state: 'cancelled', cancelReason: why },
          });
        await kit.record(TB.request, 'update', req, after);
        return after;
      });
    },

    async checkIn(id: string, actor: Actor): Promise<Doc> {
      return strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
        const s = await loadService(trx, id, actor);
        mustBe(actor, s, 'volunteer');
        const state = step(s.state as ServiceState, 'check_in');
        const now = new Date();
        const req = s.request as Doc | null;
        const outside = checkInIssue(
          { windowStart: req?.windowStart, windowEnd: req?.windowEnd },
          now.getTime(),
        );
        if (outside) throw invalid(strapi, [outside]);
        return save(s, { state, checkedInAt: now });
      });
    },

    /** Checks out: the duration is the checked time, counted in the policy's steps within its bounds. */
    async checkOut(id: string, actor: Actor): Promise<Doc> {
      return strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
        const s = await loadService(trx, id, actor);
        mustBe(actor, s, 'volunteer');
        const state = step(s.state as ServiceState, 'check_out');
        const policy = await policies().version(n(s.policyVersion));
        const out = new Date();
        try {
          const raw = checkedMinutes(s.checkedInAt as string, out);
          const counted = countedMinutes(raw, policy, 'duration');
          return await save(s, {
            state,
            checkedOutAt: out,
            rawMinutes: raw,
            countedMinutes: counted,
            hourType: 'credit',
          });
        } catch (error) {
          throw fromDomain(strapi, error);
        }
      });
    },

    /** Staff record a duration kept offline (honour hours): the service waits for confirmation. */
    async record(id: string, input: Record<string, unknown>, actor: Actor): Promise<Doc> {
      if (!actor.staff)
        refuse(
          strapi,
          'service',
          'not_party',
          'staff record offline hours',
          '线下时长由工作人员登记',
        );
      const minutes = wholeMinutes(input.minutes);
      return strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
        const s = await loadService(trx, id, actor);
        if (!['accepted', 'checked_in'].includes(s.state as string))
          refuse(
            strapi,
            'state',
            'invalid_transition',
            'the service is already checked out or closed',
            '该服务已签退或已结束',
          );
        const policy = await policies().version(n(s.policyVersion));
        if (minutes === null)
          refuse(
            strapi,
            'minutes',
            'invalid_duration',
            'a whole number of minutes',
            '请填写整数分钟',
          );
        try {
          const counted = countedMinutes(minutes, policy, 'minutes');
          return await save(s, {
            state: 'checked_out',
            checkedOutAt: new Date(),
            rawMinutes: minutes,
            countedMinutes: counted,
            hourType: 'honour',
          });
        } catch (error) {
          throw fromDomain(strapi, error);
        }
      });
    },

    /**
     * The person served confirms (or staff on their behalf, recorded so) and the minutes are
     * paid in the same transaction. A second confirmation pays nothing: the row is locked, its
     * state is confirmed, and the transfer's idempotency key is the service's.
     */
    async confirm(id: string, input: Record<string, unknown>, actor: Actor): Promise<Doc> {
      return strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
        const s = await loadService(trx, id, actor);
        const recipient = s.recipient as Doc | null;
        const onBehalf = actor.staff && (!actor.member || actor.member.id !== recipient?.id);
        if (!actor.staff) mustBe(actor, s, 'recipient');
        if (s.state === 'confirmed')
          refuse(
            strapi,
            'service',
            'already_confirmed',
            'already confirmed and paid',
            '该服务已确认并记入时长',
          );
        const state = step(s.state as ServiceState, 'confirm');
        return pay(s, state, n(s.countedMinutes), {
          confirmedAt: new Date(),
          confirmedBy: kit.actorName(),
          confirmedOnBehalf: onBehalf,
          ...(onBehalf && text(input.note, 500) ? { resolution: text(input.note, 500) } : {}),
        });
      });
    },

    async dispute(id: string, reason: unknown, actor: Actor): Promise<Doc> {
      const why = text(reason, 500);
      if (!why)
        refuse(
          strapi,
          'reason',
          'required',
          'say what is wrong with the service or its time',
          '请说明对服务或时长的异议',
        );
      return strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
        const s = await loadService(trx, id, actor);
        mustBe(actor, s, 'recipient');
        const state = step(s.state as ServiceState, 'dispute');
        return save(s, { state, disputeReason: why });
      });
    },

    /** Staff settle a dispute with the minutes they find right (0 pays nothing). */
    async resolve(id: string, input: Record<string, unknown>, actor: Actor): Promise<Doc> {
      if (!actor.staff)
        refuse(strapi, 'service', 'not_party', 'staff resolve disputes', '异议由工作人员处理');
      const resolution = text(input.resolution, 500);
      const minutes = wholeMinutes(input.minutes);
      const problems = [];
      if (!resolution)
        problems.push(issue('resolution', 'required', 'say how it was settled', '请填写处理结果'));
      if (minutes === null || minutes < 0)
        problems.push(
          issue(
            'minutes',
            'invalid_duration',
            'a whole number of minutes, 0 or more',
            '应为不小于 0 的整数分钟',
          ),
        );
      if (problems.length) throw invalid(strapi, problems);
      return strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
        const s = await loadService(trx, id, actor);
        const state = step(s.state as ServiceState, 'resolve');
        const policy = await policies().version(n(s.policyVersion));
        let counted = 0;
        if ((minutes as number) > 0) {
          try {
            counted = countedMinutes(minutes as number, policy, 'minutes');
          } catch (error) {
            throw fromDomain(strapi, error);
          }
        }
        return pay(s, state, counted, {
          resolution,
          resolvedBy: kit.actorName(),
          confirmedAt: new Date(),
          confirmedBy: kit.actorName(),
          confirmedOnBehalf: true,
        });
      });
    },

    async cancel(id: string, reason: unknown, actor: Actor): Promise<Doc> {
      const why = text(reason, 500);
      if (!why) refuse(strapi, 'reason', 'required', 'say why it is cancelled', '请填写取消原因');
      return strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
        const s = await loadService(trx, id, actor);
        if (!actor.staff) {
          const mine = [(s.volunteer as Doc | null)?.id, (s.recipient as Doc | null)?.id];
          if (!actor.member || !mine.includes(actor.member.id))
            refuse(strapi, 'service', 'not_party', 'not your service', '不是您的服务');
        }
        const state = step(s.state as ServiceState, 'cancel');
        const after = await save(s, { state, cancelReason: why });
        const req = s.request as Doc | null;
        if (req)
          await trx('time_bank_requests')
            .where({ id: req.id })
            .andWhere('taken', '>', 0)
            .update({
              taken: trx.raw('taken - 1'),
              status: trx.raw(`CASE WHEN status = 'full' THEN 'open' ELSE status END`),
            });
        return after;
      });
    },

    /** Open needs near a member: their micro-grid first, then grid, community, subdistrict. */
    async nearby(member: Doc): Promise<RequestView[]> {
      const withGrid: Doc = await strapi.db.query(TB.member).findOne({
        where: { id: member.id },
        populate: { microGrid: { populate: { parent: { select: ['id'] } } } },
      });
      const within = pathAt(member.areaPath as string, 2) ?? (member.areaPath as string) ?? '/';
      const rows: Doc[] = await strapi.db.query(TB.request).findMany({
        where: {
          side: 'need',
          status: 'open',
          windowEnd: { $gt: new Date() },
          areaPath: { $startsWith: within },
          member: { id: { $ne: member.id } },
        },
        populate: {
          category: true,
          member: { populate: { area: true } },
          microGrid: { populate: { parent: { select: ['id'] } } },
        },
        orderBy: { windowStart: 'asc' },
        limit: 200,
      });
      const micro = (withGrid?.microGrid as Doc | null)?.id;
      const grid = ((withGrid?.microGrid as Doc | null)?.parent as Doc | null)?.id;
      const nearness = (r: Doc): RequestView['nearness'] => {
        const rm = r.microGrid as Doc | null;
        if (micro && rm?.id === micro) return 'micro-grid';
        if (grid && (rm?.parent as Doc | null)?.id === grid) return 'grid';
        if (r.areaPath && r.areaPath === member.areaPath) return 'community';
        return 'subdistrict';
      };
      const order = ['micro-grid', 'grid', 'community', 'subdistrict', 'district'];
      return rows
        .map((r) => ({ ...requestView(r), nearness: nearness(r) }))
        .sort((a, b) => order.indexOf(a.nearness as string) - order.indexOf(b.nearness as string))
        .slice(0, 50);
    },

    async mine(member: Doc): Promise<ServiceView[]> {
      const rows: Doc[] = await strapi.db.query(TB.service).findMany({
        where: { $or: [{ volunteer: { id: member.id } }, { recipient: { id: member.id } }] },
        populate: SERVICE_POPULATE,
        orderBy: { acceptedAt: 'desc' },
        limit: 100,
      });
      return rows.map((s) => serviceView(s, member));
    },

    serviceView,
    requestView,
  };

  /** Confirms and pays a locked service: the counted minutes at its policy version's rate. */
  async function pay(
    s: Doc,
    state: ServiceState,
    counted: number,
    data: Record<string, unknown>,
  ): Promise<Doc> {
    const policy = await policies().version(n(s.policyVersion));
    const cat = s.category as Doc | null;
    const credited =
      counted > 0 ? creditedMinutes(counted, (cat?.code as string) ?? null, policy) : 0;
    const volunteer = s.volunteer as Doc;
    let payer = s.recipient as Doc | null;
    const poolPays = (policy.poolPaysCategories ?? []).includes((cat?.code as string) ?? '');
    if (poolPays || !payer) {
      payer = await hours().poolFor(s.areaPath as string);
      if (!payer)
        refuse(
          strapi,
          'payer',
          'not_found',
          'no community pool pays for this service',
          '没有为该服务付时的社区时间池',
        );
    }
    let toPool = 0;
    if (credited > 0) {
      const result = await hours().earnAll(
        [
          {
            payer,
            earner: volunteer,
            minutes: credited,
            key: `service:${s.documentId}`,
            code: 'service',
            reference: `time-bank.service:${s.documentId}`,
            day: time().todayInChina(),
          },
        ],
        policy,
      );
      toPool = result.toPool[0] ?? 0;
    }
    const after = await save(s, {
      ...data,
      state,
      countedMinutes: counted,
      creditedMinutes: credited,
      toPoolMinutes: toPool,
      payer: payer.id,
    });
    const req = s.request as Doc | null;
    if (req) {
      const waiting = await strapi.db.query(TB.service).count({
        where: { request: { id: req.id }, state: { $in: OPEN_STATES } },
      });
      const fresh: Doc = await strapi.db.query(TB.request).findOne({ where: { id: req.id } });
      if (!waiting && fresh.status === 'full')
        await kit.update(TB.request, req.id, { status: 'done' });
    }
    return after;
  }

  return exchange;
};
