import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import {
  communityPath,
  DEFAULT_PROCEDURE,
  OPEN_STAGES,
  TOPIC_KINDS,
  type ProcedureConfig,
  type Stage,
} from '../domain/procedure';
import type { RankEntry, TopicRow } from '../shared/contracts/consultation';
import { CONSULTATION, DOCUMENT_ID_PATTERN } from '../uids';
import { cmsService, getService } from '../utils';
import { consultationKit, type ConsultationKit, type Who } from './kit';

type Row = Record<string, unknown>;

const TITLE_MAX = 120;
const MOBILE = /^1[3-9]\d{9}$/;

const str = (v: unknown): string | null =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : null;

/**
 * Topics (议题) through the procedure: raised by residents (QR or phone), grid workers and
 * staff; placed in the hierarchy so the kit scopes them; supported and commented on by the
 * residents of their community; screened (accepted, merged, declined with a reason) and ranked;
 * every step appended to the topic's record with who and when.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const kit: ConsultationKit = consultationKit(strapi);
  const topics = () => strapi.db.query(CONSULTATION.topic);
  const knex = () => strapi.db.connection;
  const now = () => getService(strapi, 'clock').now();
  const chinaYear = (d: Date) => cmsService(strapi, 'chinaTime').chinaYear(d);

  async function nextNumber(trx: Knex.Transaction, kind: string, prefix: string, at: Date) {
    const year = chinaYear(at);
    const bump = () => trx('consultation_counters').where({ kind, year }).increment('last', 1);
    if (!(await bump())) {
      try {
        await trx('consultation_counters').insert({ kind, year, last: 0 });
      } catch {
        // another transaction created it first: the increment below waits for it
      }
      await bump();
    }
    const row = (await trx('consultation_counters').where({ kind, year }).first('last')) as {
      last: number;
    };
    return `${prefix}-${year}-${String(Number(row.last)).padStart(5, '0')}`;
  }

  async function appendStep(
    topic: Pick<TopicRow, 'id' | 'areaPath'>,
    who: Who,
    step: {
      action: string;
      from?: Stage | null;
      to?: Stage | null;
      note?: string | null;
      data?: Row;
    },
  ): Promise<void> {
    await strapi.db.query(CONSULTATION.topicStep).create({
      data: {
        documentId: kit.newDocumentId(),
        topicId: topic.id,
        at: now(),
        action: step.action,
        fromStage: step.from ?? null,
        toStage: step.to ?? null,
        actorUser: who.userId,
        actorName: who.name || null,
        note: step.note ?? null,
        data: step.data ?? null,
        areaPath: topic.areaPath,
      },
    });
  }

  async function load(id: unknown): Promise<TopicRow> {
    if (typeof id !== 'string' || !DOCUMENT_ID_PATTERN.test(id)) return kit.notFound();
    const row = (await topics().findOne({ where: { documentId: id } })) as TopicRow | null;
    if (!row) return kit.notFound();
    return row;
  }

  /** Staff covering the topic's place, or the system. */
  async function staffFor(topic: Pick<TopicRow, 'areaPath'>): Promise<Who> {
    const who = await kit.who();
    if (!kit.covers(who, topic.areaPath))
      kit.forbidden('This topic is outside your area (此议题不在您的辖区内)');
    return who;
  }

  /** A signed-in resident of the topic's community (or staff covering it). */
  async function residentOf(topic: Pick<TopicRow, 'areaPath'>): Promise<Who> {
    const who = await kit.who();
    if (kit.covers(who, topic.areaPath)) return who;
    const person = await kit.personOf(who.userId);
    const home = communityPath(person?.areaPath);
    if (!person || !home || home !== communityPath(topic.areaPath))
      kit.forbidden(
        'Only residents of this community take part (仅本社区居民可以参与；请先在社区登记住户信息)',
      );
    return { ...who, name: person.name };
  }

  /** Moves a topic on, at the revision and stage the caller saw (two moves at once: one wins). */
  async function move(
    topic: TopicRow,
    to: Stage,
    who: Who,
    step: { action: string; note?: string | null; data?: Row },
    extra: Row = {},
  ): Promise<TopicRow> {
    const at = now();
    const changed = await knex()('consultation_topics')
      .where({ id: topic.id, revision: topic.revision, stage: topic.stage })
      .update({
        stage: to,
        revision: topic.revision + 1,
        stage_at: at,
        updated_at: at,
        ...Object.fromEntries(
          Object.entries(extra).map(([k, v]) => [
            k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
            v,
          ]),
        ),
      });
    if (!changed)
      kit.refuse(
        'stage',
        'stale_state',
        'someone else moved this topic on; reload it',
        '议题已被他人处理，请刷新后再试',
      );
    await appendStep(topic, who, { ...step, from: topic.stage, to });
    const after = (await topics().findOne({ where: { id: topic.id } })) as TopicRow;
    await kit.record(CONSULTATION.topic, 'update', topic, after, step.action);
    return after;
  }

  async function procedureFor(path: string | null): Promise<ProcedureConfig> {
    return getService(strapi, 'procedures').configFor(path);
  }

  interface Ranker {
    /** the resident ranking, or the staff member who entered a representative's ranking */
    userId: number | null;
    representative: { id: number; documentId: string; name: string } | null;
  }

  /**
   * Who a ranking belongs to. Where residents rank: the signed-in resident of the community
   * (staff who live there too rank as residents). Where representatives rank: staff covering
   * the community name the representative, a person of the community.
   */
  async function rankerOf(
    topic: TopicRow,
    community: string,
    representative: unknown,
  ): Promise<Ranker> {
    const who = await kit.who();
    const procedure = await procedureFor(topic.areaPath);
    const named = representative !== undefined && representative !== null && representative !== '';
    if (procedure.rankers === 'representatives' || named) {
      if (!kit.covers(who, topic.areaPath))
        kit.forbidden(
          'In this community representatives rank topics, entered by staff (本社区由居民代表排序，由工作人员录入)',
        );
      if (procedure.rankers !== 'representatives')
        kit.refuse(
          'representative',
          'invalid_value',
          'in this community residents rank for themselves',
          '本社区由居民本人排序，无需录入代表排序',
        );
      if (!named)
        kit.refuse(
          'representative',
          'required',
          'choose the representative whose ranking this is',
          '请选择居民代表',
        );
      const person = await personIn(representative, community, 'representative');
      return {
        userId: who.userId,
        representative: { id: person.id, documentId: person.documentId, name: person.name },
      };
    }
    if (!who.userId) return kit.forbidden('Sign in first (请先登录)');
    const person = await kit.personOf(who.userId);
    if (!person || communityPath(person.areaPath) !== community)
      kit.forbidden(
        'Only residents of this community rank its topics (仅本社区居民可以排序；请先在社区登记住户信息)',
      );
    return { userId: who.userId, representative: null };
  }

  /** A person of the community, named by documentId in `field` (else 400 on that field). */
  async function personIn(
    documentId: unknown,
    community: string,
    field: string,
  ): Promise<{ id: number; documentId: string; name: string }> {
    const person =
      typeof documentId === 'string' && DOCUMENT_ID_PATTERN.test(documentId)
        ? ((await strapi.db.query('plugin::cms.person').findOne({
            where: { documentId },
            select: ['id', 'documentId', 'name', 'areaPath'],
          })) as { id: number; documentId: string; name: string; areaPath: string | null } | null)
        : null;
    if (!person || communityPath(person.areaPath) !== community)
      return kit.refuse(
        field,
        'invalid_value',
        'choose a resident of this community',
        '请选择本社区的居民',
      );
    return person;
  }

  /** The marks of one ranker: a resident's own, or one representative's. */
  function rankerMarks(trx: Knex.Transaction, ranker: Ranker) {
    const marks = trx('consultation_rank_marks');
    return ranker.representative
      ? marks.where({ representative_id: ranker.representative.id })
      : marks.where({ user_id: ranker.userId }).whereNull('representative_id');
  }

  /** Each topic's points and rankers, summed again from its marks. */
  async function sumRanking(trx: Knex.Transaction, topicIds: number[]): Promise<void> {
    for (const id of topicIds) {
      const sum = (await trx('consultation_rank_marks')
        .where({ topic_id: id })
        .sum({ score: 'points' })
        .count({ voters: '*' })
        .first()) as { score: number | string | null; voters: number | string };
      await trx('consultation_topics')
        .where({ id })
        .update({ rank_score: Number(sum.score ?? 0), rank_voters: Number(sum.voters) });
    }
  }

  /** Where a topic is: a compound (and building, unit) or an area, as the kit's area reference. */
  async function placeOf(body: Row): Promise<{
    path: string;
    name: string | null;
    communityId: number | null;
    compoundId: number | null;
  }> {
    if (typeof body.compound === 'string' && DOCUMENT_ID_PATTERN.test(body.compound)) {
      const compound = (await strapi.db.query('plugin::cms.compound').findOne({
        where: { documentId: body.compound },
        select: ['id', 'name', 'areaPath'],
        populate: { community: { select: ['id'] } },
      })) as { id: number; name: string; areaPath: string; community?: { id: number } } | null;
      if (!compound?.areaPath)
        kit.refuse('compound', 'invalid_value', 'no such compound', '没有此小区');
      return {
        path: compound.areaPath,
        name: compound.name,
        communityId: compound.community?.id ?? null,
        compoundId: compound.id,
      };
    }
    const ref =
      typeof body.area === 'string' ? await cmsService(strapi, 'kit').area(body.area) : null;
    if (!ref) return kit.refuse('area', 'required', 'choose a community', '请选择社区');
    const area = (await strapi.db
      .query('plugin::cms.area')
      .findOne({ where: { id: ref.id }, select: ['id', 'name', 'level'] })) as {
      id: number;
      name: string;
      level: string;
    };
    if (!communityPath(ref.path))
      kit.refuse('area', 'invalid_value', 'choose a community, not a street', '请选择社区（村）');
    return { path: ref.path, name: area.name, communityId: area.id, compoundId: null };
  }

  return {
    load,
    appendStep,
    staffFor,
    residentOf,
    move,
    nextNumber,

    /**
     * A new topic, from the QR form (source resident, anyone), a signed-in resident's phone,
     * a grid worker or staff (in their area). Starts collecting opinions.
     */
    async raise(
      body: Row,
      options: {
        source: 'resident' | 'grid' | 'staff';
        who?: Who;
        receiptCode?: string;
        submissionId?: number;
        raisedByUserId?: number | null;
      },
    ): Promise<TopicRow> {
      const who = options.who ?? (await kit.who());
      const title = str(body.title);
      const issues = [];
      if (!title)
        issues.push(kit.issue('title', 'required', 'give the topic a title', '请填写议题标题'));
      else if ([...title].length > TITLE_MAX)
        issues.push(
          kit.issue(
            'title',
            'invalid_value',
            `at most ${TITLE_MAX} characters`,
            `不超过 ${TITLE_MAX} 字`,
          ),
        );
      const text = typeof body.body === 'string' ? body.body.trim() : '';
      if ([...text].length > 5000)
        issues.push(
          kit.issue('body', 'invalid_value', 'at most 5,000 characters', '不超过 5000 字'),
        );
      const kind = body.kind ?? 'other';
      if (typeof kind !== 'string' || !(TOPIC_KINDS as readonly string[]).includes(kind))
        issues.push(kit.issue('kind', 'invalid_value', 'no such kind of topic', '没有此议题类别'));
      const phone = str(body.phone);
      if (phone && !MOBILE.test(phone))
        issues.push(kit.issue('phone', 'invalid_value', 'not a mobile number', '手机号格式不正确'));
      const building = str(body.building);
      const unitNo = str(body.unitNo);
      for (const [key, value] of [
        ['building', building],
        ['unitNo', unitNo],
      ] as const)
        if (value && value.length > 20)
          issues.push(kit.issue(key, 'invalid_value', 'at most 20 characters', '不超过 20 字'));
      if (issues.length) throw kit.invalid(issues);
      const place = await placeOf(body);
      if (options.source !== 'resident' && !kit.covers(who, place.path))
        kit.refuse(
          'area',
          'invalid_value',
          'choose a place in your area',
          '请选择您所辖范围内的地点',
        );
      const at = now();
      const created = await strapi.db.transaction(async ({ trx }) => {
        const number = await nextNumber(trx, 'topic', 'YT', at);
        const row = (await topics().create({
          data: {
            documentId: kit.newDocumentId(),
            number,
            title,
            body: text || null,
            kind,
            source: options.source,
            stage: 'collecting',
            areaPath: place.path,
            areaName: place.name,
            communityId: place.communityId,
            compoundId: place.compoundId,
            building,
            unitNo,
            raisedByUserId: options.raisedByUserId ?? (who.global ? null : who.userId),
            // a signed-in resident's own name (staff read it; other residents never do)
            raisedByName: str(body.name) ?? (who.global ? null : who.name || null),
            raisedByPhone: phone,
            receiptCode: options.receiptCode ?? null,
            submissionId: options.submissionId ?? null,
            supportCount: 0,
            commentCount: 0,
            revision: 0,
            stageAt: at,
            createdAt: at,
            updatedAt: at,
            solved: false,
          },
        })) as TopicRow;
        return row;
      });
      await appendStep(created, who, {
        action: 'raise',
        to: 'collecting',
        data: { source: options.source },
      });
      await kit.record(CONSULTATION.topic, 'create', null, created);
      return created;
    },

    /**
     * Topics for staff (their area) or for a signed-in resident (their community's, without
     * who raised them): filtered by stage, kind, community or words; newest first.
     */
    async list(query: Row): Promise<Row> {
      const who = await kit.who();
      const page = Math.max(1, Math.min(10_000, Number(query.page) || 1));
      const pageSize = Math.max(1, Math.min(100, Number(query.pageSize) || 25));
      const where: Row = {};
      let staff = true;
      if (!who.global) {
        if (who.staff && who.scopePath !== null) where.areaPath = { $startsWith: who.scopePath };
        else {
          staff = false;
          const home = communityPath((await kit.personOf(who.userId))?.areaPath);
          if (!home) return { data: [], meta: { pagination: { page, pageSize, total: 0 } } };
          where.areaPath = { $startsWith: home };
          where.stage = { $notIn: ['merged'] };
        }
      }
      if (typeof query.area === 'string') {
        const ref = await cmsService(strapi, 'kit').area(query.area);
        if (!ref) return kit.refuse('area', 'invalid_value', 'no such place', '没有此地点');
        where.$and = [{ areaPath: { $startsWith: ref.path } }];
      }
      if (typeof query.stage === 'string' && query.stage !== '') {
        const stages = query.stage.split(',');
        where.stage = { $in: stages };
      }
      if (typeof query.kind === 'string' && (TOPIC_KINDS as readonly string[]).includes(query.kind))
        where.kind = query.kind;
      const q = str(query.q);
      if (q) where.$or = [{ title: { $containsi: q } }, { number: { $eqi: q } }];
      const orderBy =
        query.sort === 'support'
          ? [{ supportCount: 'desc' as const }, { id: 'desc' as const }]
          : [{ id: 'desc' as const }];
      const [rows, total] = await Promise.all([
        topics().findMany({ where, orderBy, offset: (page - 1) * pageSize, limit: pageSize }),
        topics().count({ where }),
      ]);
      return {
        data: (rows as TopicRow[]).map((r) => (staff ? r : forResidents(r))),
        meta: { pagination: { page, pageSize, total } },
      };
    },

    /**
     * One topic with its record (steps), opinions, decisions and votes: staff covering it
     * read everything; a resident of its community reads it without who raised it, with
     * whether they support it; anyone with the receipt code reads its progress only.
     */
    async show(id: unknown): Promise<Row> {
      const topic = await load(id);
      const who = await kit.who();
      const staff = kit.covers(who, topic.areaPath);
      if (!staff) await residentOf(topic);
      const [steps, comments, decisions, votes, supported] = await Promise.all([
        strapi.db.query(CONSULTATION.topicStep).findMany({
          where: { topicId: topic.id },
          orderBy: { id: 'asc' },
          select: ['action', 'fromStage', 'toStage', 'at', 'actorName', 'note', 'data'],
        }),
        strapi.db.query(CONSULTATION.comment).findMany({
          where: { topicId: topic.id },
          orderBy: { id: 'desc' },
          limit: 200,
          select: ['documentId', 'authorName', 'body', 'rating', 'at', 'userId'],
        }),
        strapi.db
          .query(CONSULTATION.decision)
          .findMany({ where: { topicId: topic.id }, orderBy: { id: 'asc' } }),
        strapi.db.query(CONSULTATION.vote).findMany({
          where: { topicId: topic.id },
          orderBy: { id: 'asc' },
          select: [
            'documentId',
            'number',
            'title',
            'status',
            'closesAt',
            'passed',
            'electorateKind',
            'ruleKey',
          ],
        }),
        who.userId
          ? knex()('consultation_supports')
              .where({ topic_id: topic.id, user_id: who.userId })
              .first('id')
          : Promise.resolve(undefined),
      ]);
      const masks = cmsService(strapi, 'kit').masks;
      const procedure = await procedureFor(topic.areaPath);
      const merged = topic.mergedIntoId
        ? ((await topics().findOne({
            where: { id: topic.mergedIntoId },
            select: ['documentId', 'number', 'title'],
          })) as Row | null)
        : null;
      return {
        ...(staff ? topic : forResidents(topic)),
        steps: steps.map((s: Row) =>
          staff ? s : { ...s, actorName: s.actorName ? masks.name(String(s.actorName)) : null },
        ),
        comments: (comments as Row[]).map((c) => ({
          ...c,
          authorName: c.authorName && !staff ? masks.name(String(c.authorName)) : c.authorName,
          mine: who.userId !== null && c.userId === who.userId,
          userId: undefined,
        })),
        decisions,
        votes,
        supported: Boolean(supported),
        mergedInto: merged,
        procedure,
        staff,
      };
    },

    /** The topics a signed-in resident raised (QR or phone). */
    async mine(): Promise<TopicRow[]> {
      const who = await kit.who();
      if (!who.userId) return [];
      return (
        (await topics().findMany({
          where: { raisedByUserId: who.userId },
          orderBy: { id: 'desc' },
          limit: 50,
        })) as TopicRow[]
      ).map(forResidents);
    },

    /** A resident supports a topic (附议): once. */
    async support(id: unknown): Promise<TopicRow> {
      const topic = await load(id);
      const who = await residentOf(topic);
      if (!who.userId) return kit.forbidden('Sign in first (请先登录)');
      if (!OPEN_STAGES.includes(topic.stage))
        kit.refuse('topic', 'invalid_stage', 'no longer open for support', '该议题已不再征求附议');
      try {
        await strapi.db.transaction(async ({ trx }) => {
          await trx('consultation_supports').insert({
            document_id: kit.newDocumentId(),
            topic_id: topic.id,
            user_id: who.userId,
            at: now(),
            area_path: topic.areaPath,
            created_at: now(),
            updated_at: now(),
          });
          await trx('consultation_topics').where({ id: topic.id }).increment('support_count', 1);
        });
      } catch (error) {
        const again = await knex()('consultation_supports')
          .where({ topic_id: topic.id, user_id: who.userId })
          .first('id');
        if (again)
          kit.refuse('topic', 'already_voted', 'you already support this topic', '您已附议此议题');
        throw error;
      }
      return load(topic.documentId);
    },

    /** An opinion on a topic (征求意见), by a resident of its community or staff. */
    async comment(id: unknown, body: Row): Promise<Row> {
      const topic = await load(id);
      const who = await residentOf(topic);
      const text = str(body.body);
      if (!text) kit.refuse('body', 'required', 'write your opinion', '请填写意见');
      if ([...text].length > 2000)
        kit.refuse('body', 'invalid_value', 'at most 2,000 characters', '不超过 2000 字');
      if (['closed', 'declined', 'merged'].includes(topic.stage))
        kit.refuse('topic', 'invalid_stage', 'this topic is closed', '该议题已结束');
      const row = (await strapi.db.query(CONSULTATION.comment).create({
        data: {
          documentId: kit.newDocumentId(),
          topicId: topic.id,
          userId: who.userId,
          authorName: who.name || null,
          body: text,
          at: now(),
          areaPath: topic.areaPath,
        },
      })) as Row;
      await knex()('consultation_topics').where({ id: topic.id }).increment('comment_count', 1);
      return row;
    },

    /**
     * Screening (协商筛选): the council accepts a topic (it goes to ranking, or straight to
     * deliberation where the community does not rank), merges it into another, or declines it
     * with a reason the resident reads.
     */
    async screen(id: unknown, body: Row): Promise<TopicRow> {
      const topic = await load(id);
      const who = await staffFor(topic);
      if (topic.stage !== 'collecting' && topic.stage !== 'screening')
        kit.refuse('topic', 'invalid_stage', 'screened already', '该议题已筛选');
      const decision = body.decision;
      const reason = str(body.reason);
      if (decision === 'accept') {
        const procedure = await procedureFor(topic.areaPath);
        if (topic.supportCount < procedure.minSupport)
          kit.refuse(
            'decision',
            'invalid_value',
            `the community asks for ${procedure.minSupport} supports first (${topic.supportCount} so far)`,
            `本社区要求至少 ${procedure.minSupport} 人附议（目前 ${topic.supportCount} 人）`,
          );
        return move(topic, procedure.rank ? 'ranking' : 'deliberating', who, {
          action: 'accept',
          note: reason,
        });
      }
      if (decision === 'decline') {
        if (!reason)
          kit.refuse('reason', 'required', 'say why it is declined', '请说明不予采纳的理由');
        if ([...reason].length > 1000)
          kit.refuse('reason', 'invalid_value', 'at most 1,000 characters', '不超过 1000 字');
        return move(
          topic,
          'declined',
          who,
          { action: 'decline', note: reason },
          {
            declineReason: reason,
          },
        );
      }
      if (decision === 'merge') {
        const into = await load(body.into).catch(() =>
          kit.refuse('into', 'invalid_value', 'no such topic', '没有此议题'),
        );
        if (into.id === topic.id || communityPath(into.areaPath) !== communityPath(topic.areaPath))
          kit.refuse(
            'into',
            'invalid_value',
            'merge into another topic of the same community',
            '只能合并到本社区的其他议题',
          );
        if (['closed', 'declined', 'merged'].includes(into.stage))
          kit.refuse('into', 'invalid_stage', 'that topic is closed', '目标议题已结束');
        const merged = await move(
          topic,
          'merged',
          who,
          { action: 'merge', note: reason, data: { into: into.number } },
          { mergedIntoId: into.id },
        );
        // Supporters of the duplicate support the topic it joins (each once).
        await strapi.db.transaction(async ({ trx }) => {
          const movable = (await trx('consultation_supports')
            .where({ topic_id: topic.id })
            .whereNotIn(
              'user_id',
              trx('consultation_supports').where({ topic_id: into.id }).select('user_id'),
            )
            .select('user_id')) as { user_id: number }[];
          for (const chunk of chunks(movable, 200))
            await trx('consultation_supports').insert(
              chunk.map((s) => ({
                document_id: kit.newDocumentId(),
                topic_id: into.id,
                user_id: s.user_id,
                at: now(),
                area_path: into.areaPath,
                created_at: now(),
                updated_at: now(),
              })),
            );
          await trx('consultation_topics')
            .where({ id: into.id })
            .increment('support_count', movable.length);
        });
        await appendStep(into, who, {
          action: 'merged_in',
          note: reason,
          data: { from: topic.number },
        });
        return merged;
      }
      return kit.refuse(
        'decision',
        'invalid_value',
        'accept, decline or merge',
        '请选择采纳、合并或不予采纳',
      );
    },

    /**
     * One ranking of the community's accepted topics (协商排序): the first gets as many points
     * as there are topics ranked, the last one point (a Borda count). Where the community's
     * residents rank, a resident ranks for themself on the phone; where its representatives
     * rank, staff enter each representative's ranking (`representative`, a person of the
     * community). Ranking again replaces the ranker's earlier ranking of those topics.
     */
    async rank(body: Row): Promise<{ ranked: number }> {
      const ids = body.order;
      if (!Array.isArray(ids) || ids.length === 0 || ids.length > 50)
        kit.refuse('order', 'required', 'rank one to fifty topics', '请为 1 至 50 个议题排序');
      if (new Set(ids).size !== ids.length)
        kit.refuse('order', 'invalid_value', 'each topic once', '每个议题只能排一次');
      const rows: TopicRow[] = [];
      for (const id of ids) rows.push(await load(id));
      const community = communityPath(rows[0]?.areaPath) as string;
      if (rows.some((r) => r.stage !== 'ranking' || communityPath(r.areaPath) !== community))
        kit.refuse(
          'order',
          'invalid_stage',
          'only the topics of one community now being ranked',
          '只能为同一社区正在排序的议题排序',
        );
      const first = rows[0] as TopicRow;
      const ranker = await rankerOf(first, community, body.representative);
      const at = now();
      await strapi.db.transaction(async ({ trx }) => {
        await rankerMarks(trx, ranker)
          .whereIn(
            'topic_id',
            rows.map((r) => r.id),
          )
          .delete();
        await trx('consultation_rank_marks').insert(
          rows.map((r, index) => ({
            document_id: kit.newDocumentId(),
            topic_id: r.id,
            user_id: ranker.userId,
            representative_id: ranker.representative?.id ?? null,
            points: rows.length - index,
            position: index + 1,
            at,
            area_path: r.areaPath,
            created_at: at,
            updated_at: at,
          })),
        );
        await sumRanking(
          trx,
          rows.map((r) => r.id),
        );
      });
      if (ranker.representative)
        await kit.record(CONSULTATION.rankMark, 'create', null, {
          documentId: ranker.representative.documentId,
          representative: ranker.representative.name,
          order: rows.map((r) => r.number),
        });
      return { ranked: rows.length };
    },

    /** The representatives' rankings staff have entered for a community's topics being ranked. */
    async rankEntries(area: unknown): Promise<RankEntry[]> {
      const ranked = await this.ranking(area);
      const first = ranked[0];
      if (!first) return [];
      await staffFor(first);
      const marks = (await knex()('consultation_rank_marks')
        .whereIn(
          'topic_id',
          ranked.map((t) => t.id),
        )
        .whereNotNull('representative_id')
        .orderBy([{ column: 'representative_id' }, { column: 'position' }])
        .select('representative_id', 'topic_id', 'at')) as {
        representative_id: number;
        topic_id: number;
        at: string | Date;
      }[];
      // The representatives through the cms model, not its table.
      const people = (await strapi.db.query('plugin::cms.person').findMany({
        where: { id: { $in: [...new Set(marks.map((m) => Number(m.representative_id)))] } },
        select: ['id', 'documentId', 'name'],
      })) as { id: number; documentId: string; name: string }[];
      const personById = new Map(people.map((p) => [p.id, p]));
      const byId = new Map(ranked.map((t) => [t.id, t]));
      const entries = new Map<string, RankEntry>();
      for (const m of marks) {
        const person = personById.get(Number(m.representative_id));
        if (!person) continue;
        const entry = entries.get(person.documentId) ?? {
          representative: { documentId: person.documentId, name: person.name },
          at: new Date(m.at).toISOString(),
          order: [],
        };
        const topic = byId.get(Number(m.topic_id));
        if (topic) entry.order.push({ documentId: topic.documentId, number: topic.number });
        entries.set(person.documentId, entry);
      }
      return [...entries.values()];
    },

    /** Withdraws a representative's ranking entered by mistake; the points are summed again. */
    async withdrawRanking(body: Row): Promise<{ withdrawn: number }> {
      const ranked = await this.ranking(body.area);
      const first = ranked[0];
      if (!first)
        return kit.refuse(
          'area',
          'invalid_stage',
          'no topic is being ranked here',
          '该社区没有正在排序的议题',
        );
      const ranker = await rankerOf(
        first,
        communityPath(first.areaPath) as string,
        body.representative ?? null,
      );
      if (!ranker.representative)
        return kit.refuse(
          'representative',
          'required',
          'choose the representative whose ranking to withdraw',
          '请选择要撤回其排序的居民代表',
        );
      const ids = ranked.map((t) => t.id);
      let withdrawn = 0;
      await strapi.db.transaction(async ({ trx }) => {
        withdrawn = Number(await rankerMarks(trx, ranker).whereIn('topic_id', ids).delete());
        await sumRanking(trx, ids);
      });
      if (withdrawn === 0)
        kit.refuse(
          'representative',
          'invalid_value',
          'this representative has no ranking entered here',
          '该居民代表尚未录入排序',
        );
      await kit.record(
        CONSULTATION.rankMark,
        'delete',
        {
          documentId: ranker.representative.documentId,
          representative: ranker.representative.name,
        },
        null,
      );
      return { withdrawn };
    },

    /** The community's topics being ranked, best first, with their points. */
    async ranking(area: unknown): Promise<TopicRow[]> {
      const ref = typeof area === 'string' ? await cmsService(strapi, 'kit').area(area) : null;
      // A resident without an area named ranks in their own community.
      const community =
        communityPath(ref?.path) ??
        (area === undefined || area === ''
          ? communityPath((await kit.personOf((await kit.who()).userId))?.areaPath)
          : null);
      if (!community) return kit.refuse('area', 'required', 'choose a community', '请选择社区');
      return (await topics().findMany({
        where: { stage: 'ranking', areaPath: { $startsWith: community } },
        orderBy: [{ rankScore: 'desc' }, { supportCount: 'desc' }, { id: 'asc' }],
        limit: 100,
      })) as TopicRow[];
    },

    /**
     * Closes a community's ranking: the order is fixed (rankPosition) and every ranked topic
     * goes on to deliberation, best first.
     */
    async closeRanking(area: unknown): Promise<TopicRow[]> {
      const ranked = await this.ranking(area);
      if (ranked.length === 0)
        kit.refuse(
          'area',
          'invalid_stage',
          'no topic is being ranked here',
          '该社区没有正在排序的议题',
        );
      const moved: TopicRow[] = [];
      for (const [index, topic] of ranked.entries()) {
        const who = await staffFor(topic);
        moved.push(
          await move(
            topic,
            'deliberating',
            who,
            {
              action: 'rank',
              data: {
                position: index + 1,
                points: topic.rankScore ?? 0,
                voters: topic.rankVoters ?? 0,
              },
            },
            { rankPosition: index + 1 },
          ),
        );
      }
      return moved;
    },

    /**
     * A resident's rating of how the topic was handled (评议), 1–5, once: on the phone by the
     * resident, or from a paper evaluation form entered by staff of the topic's area, who name
     * the resident (`resident`, a person of the community). Either way it is the person's one
     * rating (a partial unique index on topic and person).
     */
    async rate(id: unknown, body: Row): Promise<TopicRow> {
      const topic = await load(id);
      const community = communityPath(topic.areaPath) as string;
      const who = await kit.who();
      const named = body.resident !== undefined && body.resident !== null && body.resident !== '';
      let rater: { id: number; name: string };
      if (named) {
        if (!kit.covers(who, topic.areaPath))
          kit.forbidden('This topic is outside your area (此议题不在您的辖区内)');
        rater = await personIn(body.resident, community, 'resident');
      } else {
        const person = await kit.personOf(who.userId);
        if (person && communityPath(person.areaPath) === community) rater = person;
        else if (kit.covers(who, topic.areaPath))
          return kit.refuse(
            'resident',
            'required',
            'name the resident whose evaluation form this is',
            '请选择填写评议表的居民',
          );
        else
          return kit.forbidden(
            'Only residents of this community take part (仅本社区居民可以参与；请先在社区登记住户信息)',
          );
      }
      if (topic.stage !== 'evaluating')
        kit.refuse('topic', 'invalid_stage', 'not being evaluated', '该议题当前不在评议阶段');
      const rating = body.rating;
      if (typeof rating !== 'number' || !Number.isInteger(rating) || rating < 1 || rating > 5)
        kit.refuse('rating', 'invalid_value', 'a whole number from 1 to 5', '请打 1 至 5 分');
      const text = str(body.body);
      if (text && [...text].length > 2000)
        kit.refuse('body', 'invalid_value', 'at most 2,000 characters', '不超过 2000 字');
      try {
        await strapi.db.transaction(async ({ trx }) => {
          await trx('consultation_comments').insert({
            document_id: kit.newDocumentId(),
            topic_id: topic.id,
            user_id: who.userId,
            person_id: rater.id,
            author_name: rater.name || null,
            body: text ?? '',
            rating,
            at: now(),
            area_path: topic.areaPath,
            created_at: now(),
            updated_at: now(),
          });
          await trx('consultation_topics')
            .where({ id: topic.id })
            .update({
              rating_sum: trx.raw('COALESCE(rating_sum, 0) + ?', [rating]),
              rating_count: trx.raw('COALESCE(rating_count, 0) + 1'),
            });
        });
      } catch (error) {
        const again = await knex()('consultation_comments')
          .where({ topic_id: topic.id, person_id: rater.id })
          .whereNotNull('rating')
          .first('id');
        if (again)
          kit.refuse(
            named ? 'resident' : 'rating',
            'already_voted',
            named ? 'this resident has rated it already' : 'you rated this already',
            named ? '该居民已评价过' : '您已评价过',
          );
        throw error;
      }
      return load(topic.documentId);
    },

    /** Staff close an evaluated topic (办结). */
    async close(id: unknown, body: Row): Promise<TopicRow> {
      const topic = await load(id);
      const who = await staffFor(topic);
      if (topic.stage !== 'evaluating')
        kit.refuse(
          'topic',
          'invalid_stage',
          'only an evaluated topic is closed',
          '只有评议中的议题可以办结',
        );
      return move(topic, 'closed', who, { action: 'close', note: str(body.note) });
    },
  };
};

/** What residents read of a topic: not who raised it (the reporter is personal). */
function forResidents(row: TopicRow): TopicRow {
  return { ...row, raisedByName: null, raisedByPhone: null, raisedByUserId: null };
}

function chunks<T>(rows: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

export { DEFAULT_PROCEDURE };
