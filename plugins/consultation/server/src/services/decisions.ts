import type { Core } from '@strapi/strapi';
import {
  ATTENDEE_ROLES,
  communityPath,
  MEETING_KINDS,
  TOPIC_KIND_LABELS,
  type AttendeeRole,
} from '../domain/procedure';
import { CONSULTATION, DOCUMENT_ID_PATTERN } from '../uids';
import { casesService, cmsService, getService } from '../utils';
import { consultationKit, type ConsultationKit, type Who } from './kit';
import type { TopicRow, VoteRow } from '../shared/contracts/consultation';

type Row = Record<string, unknown>;

export interface MeetingRow {
  id: number;
  documentId: string;
  kind: string;
  title: string;
  heldAt: string;
  place: string | null;
  areaPath: string;
  areaName: string | null;
  communityId: number | null;
  attendees: { role: AttendeeRole; count: number; names?: string }[] | null;
  minutes: string | null;
  topicIds: number[] | null;
  status: 'planned' | 'held';
}

export interface Task {
  title: string;
  dueOn: string | null;
  doneAt: string | null;
}

export interface DecisionRow {
  id: number;
  documentId: string;
  topicId: number;
  meetingId: number;
  text: string | null;
  needsVote: boolean;
  status: 'adopted' | 'voting' | 'rejected' | 'publicising' | 'implementing' | 'done';
  publicFrom: string | null;
  publicUntil: string | null;
  followUp: {
    kind: 'tasks' | 'case' | 'grant';
    tasks?: Task[];
    caseNumber?: string;
    caseId?: string;
    note?: string;
    early?: string;
  } | null;
  dueOn: string | null;
  implementedAt: string | null;
  areaPath: string;
  fundsSpent: string | number | null;
}

const DAY = 24 * 3600 * 1000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const str = (v: unknown): string | null =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : null;

/**
 * Meetings (居民议事会, 小区议事厅, 坝坝会, 幺店子茶话会, online) with attendees by role, minutes
 * and decisions; a decision is put to a vote or publicised (公示, the community's N days), then
 * implemented (follow-up tasks, a case handed to the cases plugin, or a micro-venture
 * application suggested) and completed — the topic solved, residents asked to rate it.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const kit: ConsultationKit = consultationKit(strapi);
  const meetings = () => strapi.db.query(CONSULTATION.meeting);
  const decisions = () => strapi.db.query(CONSULTATION.decision);
  const now = () => getService(strapi, 'clock').now();
  const topicsService = () => getService(strapi, 'topics');
  const chinaDate = (d: Date) => cmsService(strapi, 'chinaTime').chinaDate(d);

  async function loadMeeting(id: unknown): Promise<MeetingRow> {
    if (typeof id !== 'string' || !DOCUMENT_ID_PATTERN.test(id)) return kit.notFound();
    const row = (await meetings().findOne({ where: { documentId: id } })) as MeetingRow | null;
    if (!row) return kit.notFound();
    return row;
  }
  async function loadDecision(id: unknown): Promise<DecisionRow> {
    if (typeof id !== 'string' || !DOCUMENT_ID_PATTERN.test(id)) return kit.notFound();
    const row = (await decisions().findOne({ where: { documentId: id } })) as DecisionRow | null;
    if (!row) return kit.notFound();
    return row;
  }
  async function staffFor(row: { areaPath: string }): Promise<Who> {
    const who = await kit.who();
    if (!kit.covers(who, row.areaPath)) kit.forbidden('This is outside your area (不在您的辖区内)');
    return who;
  }

  /** The meeting's fields checked whole: every problem at once. */
  async function meetingFields(body: Row, partial: boolean) {
    const issues = [];
    const out: Row = {};
    if (!partial || body.kind !== undefined) {
      if (
        typeof body.kind !== 'string' ||
        !(MEETING_KINDS as readonly string[]).includes(body.kind)
      )
        issues.push(kit.issue('kind', 'required', 'choose the kind of meeting', '请选择会议形式'));
      else out.kind = body.kind;
    }
    if (!partial || body.title !== undefined) {
      const title = str(body.title);
      if (!title || [...title].length > 120)
        issues.push(
          kit.issue(
            'title',
            'required',
            'a title of at most 120 characters',
            '请填写会议名称（不超过 120 字）',
          ),
        );
      else out.title = title;
    }
    if (!partial || body.heldAt !== undefined) {
      const heldAt = typeof body.heldAt === 'string' ? new Date(body.heldAt) : null;
      if (!heldAt || Number.isNaN(heldAt.getTime()))
        issues.push(
          kit.issue('heldAt', 'invalid_date', 'give the date and time', '请填写会议时间'),
        );
      else out.heldAt = heldAt;
    }
    if (body.place !== undefined) {
      const place = str(body.place);
      if (place && [...place].length > 200)
        issues.push(kit.issue('place', 'invalid_value', 'at most 200 characters', '不超过 200 字'));
      out.place = place;
    }
    if (body.minutes !== undefined) {
      const minutes = typeof body.minutes === 'string' ? body.minutes : '';
      if ([...minutes].length > 20000)
        issues.push(
          kit.issue('minutes', 'invalid_value', 'at most 20,000 characters', '不超过 20000 字'),
        );
      out.minutes = minutes || null;
    }
    if (body.attendees !== undefined) {
      const list = Array.isArray(body.attendees) ? body.attendees : null;
      if (!list)
        issues.push(
          kit.issue('attendees', 'invalid_value', 'a list of roles and counts', '须为参会人员列表'),
        );
      else {
        const clean: Row[] = [];
        list.forEach((a, i) => {
          const item = (a && typeof a === 'object' ? a : {}) as Row;
          if (
            typeof item.role !== 'string' ||
            !(ATTENDEE_ROLES as readonly string[]).includes(item.role)
          )
            issues.push(
              kit.issue(`attendees[${i}].role`, 'invalid_value', 'no such role', '没有此参会身份'),
            );
          else if (
            typeof item.count !== 'number' ||
            !Number.isInteger(item.count) ||
            item.count < 0 ||
            item.count > 100000
          )
            issues.push(
              kit.issue(
                `attendees[${i}].count`,
                'invalid_value',
                'a whole number of people',
                '请填写人数',
              ),
            );
          else
            clean.push({
              role: item.role,
              count: item.count,
              ...(str(item.names) ? { names: (str(item.names) as string).slice(0, 500) } : {}),
            });
        });
        out.attendees = clean;
      }
    }
    if (body.status !== undefined) {
      if (body.status !== 'planned' && body.status !== 'held')
        issues.push(kit.issue('status', 'invalid_value', 'planned or held', '须为计划中或已召开'));
      else out.status = body.status;
    }
    return { issues, out };
  }

  /** Topics of a meeting: deliberating ones of its community, none raised after it was held. */
  async function meetingTopics(ids: unknown, path: string, heldAt: Date) {
    if (ids === undefined) return null;
    if (!Array.isArray(ids) || ids.length > 30)
      kit.refuse('topics', 'invalid_value', 'a list of at most 30 topics', '最多 30 个议题');
    const rows: TopicRow[] = [];
    for (const [i, id] of ids.entries()) {
      const topic = await topicsService()
        .load(id)
        .catch(() => kit.refuse(`topics[${i}]`, 'invalid_value', 'no such topic', '没有此议题'));
      if (communityPath(topic.areaPath) !== communityPath(path))
        kit.refuse(
          `topics[${i}]`,
          'invalid_value',
          'a topic of another community',
          '不是本社区的议题',
        );
      if (new Date(topic.createdAt) > heldAt)
        kit.refuse(
          'heldAt',
          'invalid_date',
          `the meeting is dated before topic ${topic.number} was raised`,
          `会议时间早于议题 ${topic.number} 的提出时间`,
        );
      rows.push(topic);
    }
    return rows;
  }

  async function publicise(decision: DecisionRow, topic: TopicRow, who: Who): Promise<void> {
    const procedure = await getService(strapi, 'procedures').configFor(topic.areaPath);
    const from = now();
    const until = new Date(from.getTime() + procedure.publicDays * DAY);
    await decisions().update({
      where: { id: decision.id },
      data: { status: 'publicising', publicFrom: chinaDate(from), publicUntil: chinaDate(until) },
    });
    await topicsService().move(
      topic,
      'publicising',
      who,
      { action: 'publicise', data: { until: chinaDate(until), days: procedure.publicDays } },
      { publicUntil: chinaDate(until) },
    );
  }

  return {
    loadMeeting,
    loadDecision,

    async create(body: Row): Promise<MeetingRow> {
      const who = await kit.who();
      const { issues, out } = await meetingFields(body, false);
      if (issues.length) throw kit.invalid(issues);
      const ref =
        typeof body.area === 'string' ? await cmsService(strapi, 'kit').area(body.area) : null;
      const community = communityPath(ref?.path);
      if (!ref || !community)
        return kit.refuse('area', 'required', 'choose a community', '请选择社区');
      if (!kit.covers(who, ref.path))
        kit.refuse(
          'area',
          'invalid_value',
          'choose a community in your area',
          '请选择您所辖范围内的社区',
        );
      const topics = await meetingTopics(body.topics, ref.path, out.heldAt as Date);
      const area = (await strapi.db
        .query('plugin::cms.area')
        .findOne({ where: { id: ref.id }, select: ['name'] })) as { name: string } | null;
      const row = (await meetings().create({
        data: {
          documentId: kit.newDocumentId(),
          ...out,
          status: out.status ?? 'planned',
          areaPath: ref.path,
          areaName: area?.name ?? null,
          communityId: ref.id,
          topicIds: (topics ?? []).map((t) => t.id),
          createdByUserId: who.userId,
        },
      })) as MeetingRow;
      await kit.record(CONSULTATION.meeting, 'create', null, row);
      return row;
    },

    async update(id: unknown, body: Row): Promise<MeetingRow> {
      const meeting = await loadMeeting(id);
      await staffFor(meeting);
      const { issues, out } = await meetingFields(body, true);
      if (issues.length) throw kit.invalid(issues);
      const heldAt = (out.heldAt as Date | undefined) ?? new Date(meeting.heldAt);
      const topics = await meetingTopics(body.topics, meeting.areaPath, heldAt);
      if (!topics && out.heldAt)
        await meetingTopics(
          await Promise.all(
            (meeting.topicIds ?? []).map(async (tid) => {
              const t = (await strapi.db
                .query(CONSULTATION.topic)
                .findOne({ where: { id: tid }, select: ['documentId'] })) as { documentId: string };
              return t.documentId;
            }),
          ),
          meeting.areaPath,
          heldAt,
        );
      const after = (await meetings().update({
        where: { id: meeting.id },
        data: { ...out, ...(topics ? { topicIds: topics.map((t) => t.id) } : {}) },
      })) as MeetingRow;
      await kit.record(CONSULTATION.meeting, 'update', meeting, after);
      return after;
    },

    /**
     * What the meeting decided on one of its topics: adopted (put to a vote, or publicised
     * straight away) or rejected (the topic is declined with the meeting's reason).
     */
    async decide(id: unknown, body: Row): Promise<DecisionRow> {
      const meeting = await loadMeeting(id);
      const who = await staffFor(meeting);
      const topic = await topicsService()
        .load(body.topic)
        .catch(() =>
          kit.refuse(
            'topic',
            'required',
            'choose one of the meeting’s topics',
            '请选择本次会议的议题',
          ),
        );
      if (!(meeting.topicIds ?? []).includes(topic.id))
        kit.refuse(
          'topic',
          'invalid_value',
          'not on this meeting’s agenda',
          '该议题不在本次会议议程中',
        );
      if (topic.stage !== 'deliberating')
        kit.refuse(
          'topic',
          'invalid_stage',
          'the topic is not being deliberated',
          '该议题不在会议协商阶段',
        );
      const text = str(body.text);
      if (!text) kit.refuse('text', 'required', 'write down what was decided', '请填写协商决定');
      if ([...text].length > 5000)
        kit.refuse('text', 'invalid_value', 'at most 5,000 characters', '不超过 5000 字');
      const outcome = body.outcome ?? 'adopt';
      if (outcome !== 'adopt' && outcome !== 'reject')
        kit.refuse('outcome', 'invalid_value', 'adopt or reject', '请选择通过或不通过');
      const needsVote = outcome === 'adopt' && body.vote !== undefined && body.vote !== null;
      // The vote is checked before anything is written: a refused vote leaves no decision.
      const voteBody = needsVote
        ? { ...(body.vote as Row), title: (body.vote as Row).title ?? topic.title }
        : null;
      const prepared = voteBody ? await getService(strapi, 'votes').prepare(voteBody) : null;
      if (meeting.status !== 'held')
        await meetings().update({ where: { id: meeting.id }, data: { status: 'held' } });
      const decision = (await decisions().create({
        data: {
          documentId: kit.newDocumentId(),
          topicId: topic.id,
          meetingId: meeting.id,
          text,
          needsVote,
          status: outcome === 'reject' ? 'rejected' : needsVote ? 'voting' : 'adopted',
          areaPath: topic.areaPath,
        },
      })) as DecisionRow;
      await kit.record(CONSULTATION.decision, 'create', null, decision);
      if (outcome === 'reject') {
        await topicsService().move(
          topic,
          'declined',
          who,
          { action: 'decide', note: text, data: { meeting: meeting.title, outcome } },
          { declineReason: text },
        );
        return decision;
      }
      if (needsVote) {
        const vote = await getService(strapi, 'votes').create(voteBody as Row, {
          decisionId: decision.id,
          topicId: topic.id,
          prepared: prepared as Row,
        });
        await topicsService().move(topic, 'voting', who, {
          action: 'decide',
          note: text,
          data: { meeting: meeting.title, vote: vote.number },
        });
        return (await decisions().findOne({ where: { id: decision.id } })) as DecisionRow;
      }
      await topicsService().appendStep(topic, who, {
        action: 'decide',
        note: text,
        data: { meeting: meeting.title },
      });
      await publicise(decision, topic, who);
      return (await decisions().findOne({ where: { id: decision.id } })) as DecisionRow;
    },

    /** The vote on a decision closed: passed → publicised; failed → back to deliberation. */
    async voteClosed(vote: VoteRow, who: Who): Promise<void> {
      const decision = (await decisions().findOne({
        where: { id: vote.decisionId },
      })) as DecisionRow | null;
      if (!decision || decision.status !== 'voting') return;
      const topic = (await strapi.db
        .query(CONSULTATION.topic)
        .findOne({ where: { id: decision.topicId } })) as TopicRow;
      const data = {
        vote: vote.number,
        turnout: vote.result?.participating,
        yes: vote.result?.yes,
        passed: vote.passed,
      };
      if (vote.passed) {
        await topicsService().appendStep(topic, who, { action: 'vote_passed', data });
        await publicise(decision, topic, who);
      } else {
        await decisions().update({ where: { id: decision.id }, data: { status: 'rejected' } });
        await topicsService().move(topic, 'deliberating', who, { action: 'vote_failed', data });
      }
    },

    /**
     * Implementation begins once the publicity period has run (or earlier with a reason, kept
     * on the record): follow-up tasks with due dates, a case handed to the cases plugin, or a
     * micro-venture application suggested to the community's organisations.
     */
    async implement(id: unknown, body: Row): Promise<DecisionRow> {
      const decision = await loadDecision(id);
      const who = await staffFor(decision);
      if (decision.status !== 'publicising')
        kit.refuse(
          'decision',
          'invalid_stage',
          'only a publicised decision is implemented',
          '只有公示中的决定可以实施',
        );
      const today = chinaDate(now());
      const early = str(body.earlyReason);
      if (decision.publicUntil && today < decision.publicUntil && !early)
        kit.refuse(
          'earlyReason',
          'required',
          `publicity runs until ${decision.publicUntil}: give a reason to start earlier`,
          `公示期至 ${decision.publicUntil}，提前实施须说明理由`,
        );
      const dueOn = str(body.dueOn);
      if (dueOn && (!DATE.test(dueOn) || Number.isNaN(Date.parse(dueOn))))
        kit.refuse('dueOn', 'invalid_date', 'a date (YYYY-MM-DD)', '请填写日期');
      if (dueOn && dueOn < today)
        kit.refuse('dueOn', 'invalid_date', 'cannot be in the past', '不能早于今天');
      const kind = body.kind;
      const topic = (await strapi.db
        .query(CONSULTATION.topic)
        .findOne({ where: { id: decision.topicId } })) as TopicRow;
      let followUp: DecisionRow['followUp'];
      if (kind === 'tasks') {
        const list = Array.isArray(body.tasks) ? body.tasks : [];
        if (list.length === 0 || list.length > 30)
          kit.refuse('tasks', 'required', 'one to thirty tasks', '请填写 1 至 30 项任务');
        const tasks: Task[] = list.map((t, i) => {
          const item = (t && typeof t === 'object' ? t : {}) as Row;
          const title = str(item.title);
          if (!title || [...title].length > 200)
            kit.refuse(`tasks[${i}].title`, 'required', 'say what is to be done', '请填写任务内容');
          const due = str(item.dueOn);
          if (due && (!DATE.test(due) || Number.isNaN(Date.parse(due))))
            kit.refuse(`tasks[${i}].dueOn`, 'invalid_date', 'a date (YYYY-MM-DD)', '请填写日期');
          return { title, dueOn: due, doneAt: null };
        });
        followUp = { kind: 'tasks', tasks };
      } else if (kind === 'case') {
        const cases = casesService(strapi);
        if (!cases)
          return kit.refuse(
            'kind',
            'invalid_value',
            'cases are not running here',
            '未启用事项办理',
          );
        const created = await cases.intake(
          {
            type: str(body.caseType) ?? 'resident-request',
            title: `【协商决定】${topic.title}`.slice(0, 60),
            description: `${decision.text ?? ''}\n（议题 ${topic.number}）`,
            category: str(body.category) ?? undefined,
            area: await areaDocumentOf(topic.areaPath),
          },
          { channel: 'proactive' },
        );
        followUp = { kind: 'case', caseNumber: created.number, caseId: created.documentId };
      } else if (kind === 'grant') {
        const note = str(body.note);
        if (!note)
          kit.refuse(
            'note',
            'required',
            'say what the application should cover',
            '请说明建议申报的项目内容',
          );
        followUp = { kind: 'grant', note: (note as string).slice(0, 2000) };
      } else
        return kit.refuse(
          'kind',
          'required',
          'tasks, a case or a micro-venture application',
          '请选择任务、转办事项或建议申报微创投',
        );
      if (early && followUp) followUp.early = early.slice(0, 1000);
      const after = (await decisions().update({
        where: { id: decision.id },
        data: { status: 'implementing', followUp, dueOn },
      })) as DecisionRow;
      await topicsService().move(topic, 'implementing', who, {
        action: 'implement',
        note: early,
        data: { kind, ...(followUp?.caseNumber ? { case: followUp.caseNumber } : {}), dueOn },
      });
      await kit.record(CONSULTATION.decision, 'update', decision, after, 'implement');
      return after;
    },

    async taskDone(id: unknown, index: unknown): Promise<DecisionRow> {
      const decision = await loadDecision(id);
      await staffFor(decision);
      const i = Number(index);
      const tasks = decision.followUp?.tasks ?? [];
      if (!Number.isInteger(i) || i < 0 || i >= tasks.length) return kit.notFound();
      const next = tasks.map((t, j) =>
        j === i ? { ...t, doneAt: t.doneAt ?? now().toISOString() } : t,
      );
      return (await decisions().update({
        where: { id: decision.id },
        data: { followUp: { ...decision.followUp, tasks: next } },
      })) as DecisionRow;
    },

    /** Implemented: the topic is solved and residents are asked to rate it. */
    async complete(id: unknown, body: Row): Promise<DecisionRow> {
      const decision = await loadDecision(id);
      const who = await staffFor(decision);
      if (decision.status !== 'implementing')
        kit.refuse(
          'decision',
          'invalid_stage',
          'only a decision being implemented is completed',
          '只有实施中的决定可以完成',
        );
      const open = (decision.followUp?.tasks ?? []).filter((t) => !t.doneAt);
      if (open.length)
        kit.refuse(
          'tasks',
          'invalid_stage',
          `${open.length} task(s) not done yet`,
          `还有 ${open.length} 项任务未完成`,
        );
      const funds = body.fundsSpent;
      if (
        funds !== undefined &&
        funds !== null &&
        (typeof funds !== 'number' || !Number.isSafeInteger(funds) || funds < 0)
      )
        kit.refuse(
          'fundsSpent',
          'invalid_value',
          'whole fen, not negative',
          '请填写金额（分，非负整数）',
        );
      const at = now();
      const after = (await decisions().update({
        where: { id: decision.id },
        data: {
          status: 'done',
          implementedAt: at,
          fundsSpent: typeof funds === 'number' ? funds : null,
        },
      })) as DecisionRow;
      const topic = (await strapi.db
        .query(CONSULTATION.topic)
        .findOne({ where: { id: decision.topicId } })) as TopicRow;
      await topicsService().move(
        topic,
        'evaluating',
        who,
        { action: 'complete', note: str(body.note) },
        { solved: true, solvedAt: at },
      );
      await kit.record(CONSULTATION.decision, 'update', decision, after, 'complete');
      return after;
    },

    async list(query: Row): Promise<Row> {
      const who = await kit.who();
      if (!who.global && (!who.staff || who.scopePath === null))
        return kit.forbidden('Staff only (仅限工作人员)');
      const page = Math.max(1, Math.min(10_000, Number(query.page) || 1));
      const pageSize = Math.max(1, Math.min(100, Number(query.pageSize) || 25));
      const where: Row = who.global ? {} : { areaPath: { $startsWith: who.scopePath } };
      if (
        typeof query.kind === 'string' &&
        (MEETING_KINDS as readonly string[]).includes(query.kind)
      )
        where.kind = query.kind;
      const [data, total] = await Promise.all([
        meetings().findMany({
          where,
          orderBy: [{ heldAt: 'desc' }, { id: 'desc' }],
          offset: (page - 1) * pageSize,
          limit: pageSize,
        }),
        meetings().count({ where }),
      ]);
      return { data, meta: { pagination: { page, pageSize, total } } };
    },

    async show(id: unknown): Promise<Row> {
      const meeting = await loadMeeting(id);
      await staffFor(meeting);
      const topics = (meeting.topicIds ?? []).length
        ? ((await strapi.db.query(CONSULTATION.topic).findMany({
            where: { id: { $in: meeting.topicIds } },
            select: ['id', 'documentId', 'number', 'title', 'stage', 'kind'],
          })) as Row[])
        : [];
      const made = (await decisions().findMany({
        where: { meetingId: meeting.id },
        orderBy: { id: 'asc' },
      })) as DecisionRow[];
      return { ...meeting, topics, decisions: made };
    },

    kindLabel: (kind: keyof typeof TOPIC_KIND_LABELS) => TOPIC_KIND_LABELS[kind],
  };

  async function areaDocumentOf(path: string): Promise<string | undefined> {
    const area = (await strapi.db
      .query('plugin::cms.area')
      .findOne({ where: { path: communityPath(path) ?? path }, select: ['documentId'] })) as {
      documentId: string;
    } | null;
    return area?.documentId;
  }
};
