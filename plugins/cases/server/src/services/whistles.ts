import type { Core } from '@strapi/strapi';
import { deadline } from '../domain/calendar';
import { whistlePoints } from '../domain/ratings';
import type { CaseDetail, WhistleRow } from '../shared/contracts/cases';
import { CASES } from '../uids';
import { getService } from '../utils';
import type { Actor, CaseRow } from './cases';
import { categoryIndex } from './cases';
import { casesKit } from './kit';

type Row = Record<string, unknown>;

interface WhistleRecord {
  id: number;
  documentId: string;
  caseId: number;
  caseNumber: string;
  departmentId: number;
  departmentName: string;
  category: string | null;
  item: string | null;
  state: WhistleRow['state'];
  calledAt: string;
  reportDueAt: string | null;
  reportedAt: string | null;
  actDueAt: string | null;
  actedAt: string | null;
  lateReport: boolean;
  overdueAt: string | null;
  action: string | null;
  rating: number | null;
  ratingNote: string | null;
  points: number;
  areaPath: string | null;
}

const iso = (d: string | Date | null) => (d ? new Date(d).toISOString() : null);

/**
 * The whistle (吹哨报到): a community escalates a case it cannot solve to one or more
 * departments, naming the category and item; each department must report (报到) within the
 * type's limit and then act; the community rates each response (1–5) and points follow the
 * type's scheme. Every step is appended to the case's timeline.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const kit = casesKit(strapi);
  const whistles = () => strapi.db.query(CASES.whistle);
  const cases = () => getService(strapi, 'cases');
  const inbox = () => getService(strapi, 'inbox');
  const clock = () => getService(strapi, 'clock');

  function view(w: WhistleRecord, who: Actor, c: Pick<CaseRow, 'areaPath'>): WhistleRow {
    const department = who.global || (!!who.unitId && who.unitId === w.departmentId);
    const community =
      who.global ||
      ((who.role === 'community-worker' || who.role === 'foundation-staff') &&
        !!who.scopePath &&
        !!c.areaPath &&
        c.areaPath.startsWith(who.scopePath));
    return {
      documentId: w.documentId,
      departmentId: w.departmentId,
      departmentName: w.departmentName,
      category: w.category,
      item: w.item,
      state: w.state,
      calledAt: iso(w.calledAt) as string,
      reportDueAt: iso(w.reportDueAt),
      reportedAt: iso(w.reportedAt),
      actDueAt: iso(w.actDueAt),
      actedAt: iso(w.actedAt),
      lateReport: !!w.lateReport,
      action: w.action,
      rating: w.rating,
      ratingNote: w.ratingNote,
      points: w.points ?? 0,
      mayReport: department && w.state === 'called',
      mayAct: department && w.state === 'reported',
      mayRate: community && w.state === 'acted',
    };
  }

  async function loadWhistle(documentId: unknown): Promise<WhistleRecord> {
    if (typeof documentId !== 'string' || !/^[a-z0-9]{24}$/.test(documentId)) kit.notFound();
    const w = (await whistles().findOne({ where: { documentId } })) as WhistleRecord | null;
    if (!w) kit.notFound();
    return w as WhistleRecord;
  }

  async function caseOf(w: WhistleRecord, who: Actor): Promise<CaseRow> {
    const row = (await strapi.db
      .query(CASES.case)
      .findOne({ where: { id: w.caseId } })) as CaseRow | null;
    if (!row || !(await cases().maySee(row, who))) kit.notFound();
    return row as CaseRow;
  }

  // Each method acts as the viewer of the request; `as` names another person for server-side
  // work with no request behind it (the demo seed acts as the community and the department).
  return {
    async ofCase(row: CaseRow, who: Actor): Promise<WhistleRow[]> {
      const list = (await whistles().findMany({
        where: { caseId: row.id },
        orderBy: { id: 'asc' },
      })) as WhistleRecord[];
      return list.map((w) => view(w, who, row));
    },

    /** POST /cases/:id/whistle: the community calls departments to its case. */
    async whistle(documentId: unknown, body: Row, as?: Actor): Promise<CaseDetail> {
      const who = as ?? (await kit.who());
      const departments = body.departments;
      if (
        !Array.isArray(departments) ||
        departments.length < 1 ||
        departments.length > 10 ||
        departments.some((d) => typeof d !== 'string' || !/^[a-z0-9]{24}$/.test(d))
      )
        kit.refuse(
          'departments',
          'required',
          'choose one to ten departments',
          '请选择 1–10 个部门',
        );
      const note = typeof body.note === 'string' ? body.note.trim().slice(0, 2000) : '';
      if (!note)
        kit.refuse(
          'note',
          'note_required',
          'say what the departments must do',
          '请说明需要部门协同解决的问题',
        );
      const orgs = (await strapi.db.query('plugin::cms.organisation').findMany({
        where: { documentId: { $in: departments as string[] }, kind: 'department' },
        select: ['id', 'name'],
      })) as { id: number; name: string }[];
      if (orgs.length !== new Set(departments as string[]).size)
        kit.refuse(
          'departments',
          'invalid_value',
          'only departments may be whistled',
          '只能向职能部门吹哨',
        );
      const seen = await cases().load(documentId, who);
      const def = await cases().definitionOf(seen);
      if (!def.whistle)
        kit.refuse(
          'departments',
          'invalid_transition',
          'this type of case is not whistled',
          '此类事项不适用吹哨报到',
        );
      const rules = def.whistle as NonNullable<typeof def.whistle>;
      const index = categoryIndex(rules.categories ?? def.categories);
      const category = body.category;
      const item = body.item ?? null;
      if (typeof category !== 'string' || !index.has(category) || index.get(category)?.parent)
        kit.refuse('category', 'required', 'choose the category', '请选择类别');
      if (item !== null && (typeof item !== 'string' || index.get(item)?.parent?.key !== category))
        kit.refuse('item', 'invalid_value', 'no such item in the category', '该类别下没有此事项');
      const after = await cases().withCase(documentId, who, async (row) => {
        const community =
          who.global ||
          ((who.role === 'community-worker' || who.role === 'foundation-staff') &&
            cases().covers(who, row.areaPath)) ||
          (cases().isAssignee(row, who) && who.role === 'community-worker');
        if (!community)
          kit.refuse(
            'departments',
            'not_allowed',
            'only the community handling the case may whistle',
            '仅承办社区可以吹哨',
          );
        if (row.stateKind !== 'open' && row.stateKind !== 'waiting')
          kit.refuse(
            'departments',
            'invalid_transition',
            'the case is no longer open',
            '该事项已办结',
          );
        const taken = (await whistles().findMany({
          where: {
            caseId: row.id,
            departmentId: { $in: orgs.map((o) => o.id) },
            state: { $ne: 'withdrawn' },
          },
          select: ['departmentName', 'state'],
        })) as { departmentName: string; state: string }[];
        const open = taken.filter((t) => t.state !== 'rated');
        if (open.length)
          kit.refuse(
            'departments',
            'invalid_value',
            `${open[0]?.departmentName} is already called to this case`,
            `已向${open[0]?.departmentName}吹哨`,
          );
        const now = clock().now();
        const cal = await getService(strapi, 'calendar').current();
        const due = deadline(cal, now, rules.reportMinutes, 100).dueAt;
        for (const org of orgs) {
          await whistles().create({
            data: {
              documentId: kit.newDocumentId(),
              caseId: row.id,
              caseNumber: row.number,
              departmentId: org.id,
              departmentName: org.name,
              category,
              item,
              state: 'called',
              calledAt: now,
              reportDueAt: due,
              points: 0,
              areaPath: row.areaPath,
            },
          });
          await inbox().toUnit(org.id, 'whistle', row, `社区吹哨 ${row.number}：${row.title}`);
        }
        const next = await cases().write(row, { whistled: true });
        await cases().appendStep(
          next,
          who,
          {
            action: 'whistle',
            note,
            data: {
              departments: orgs.map((o) => o.name),
              category: index.get(category as string)?.node.label ?? null,
              item: item ? (index.get(item as string)?.node.label ?? null) : null,
            },
          },
          now,
        );
        return next;
      });
      return cases().detail(after, who);
    },

    /** 报到: the department reports within the limit (late is recorded, not refused). */
    async report(documentId: unknown, body: Row, as?: Actor): Promise<CaseDetail> {
      const who = as ?? (await kit.who());
      const w = await loadWhistle(documentId);
      const row = await caseOf(w, who);
      if (!who.global && who.unitId !== w.departmentId)
        kit.refuse(
          'whistle',
          'not_allowed',
          'only the department called may report',
          '仅被吹哨部门可以报到',
        );
      const note = typeof body.note === 'string' ? body.note.trim().slice(0, 2000) : null;
      const now = clock().now();
      const late = !!w.reportDueAt && new Date(w.reportDueAt).getTime() < now.getTime();
      const cal = await getService(strapi, 'calendar').current();
      const def = await cases().definitionOf(row);
      const actDue = def.whistle ? deadline(cal, now, def.whistle.actMinutes, 100).dueAt : null;
      const moved = await whistles().updateMany({
        where: { id: w.id, state: 'called' },
        data: { state: 'reported', reportedAt: now, lateReport: late, actDueAt: actDue },
      });
      if (!moved.count)
        kit.refuse(
          'whistle',
          'already_signed',
          'the department has reported already',
          '该部门已报到',
        );
      await cases().appendStep(
        row,
        who,
        { action: 'whistle_report', note, data: { department: w.departmentName, late } },
        now,
      );
      await inbox().toAssignee(row, 'whistle', `${w.departmentName}已报到 ${row.number}`);
      return cases().detail(row, who);
    },

    /** The department says what it did (with photos of the fix). */
    async act(documentId: unknown, body: Row, as?: Actor): Promise<CaseDetail> {
      const who = as ?? (await kit.who());
      const w = await loadWhistle(documentId);
      const row = await caseOf(w, who);
      if (!who.global && who.unitId !== w.departmentId)
        kit.refuse(
          'whistle',
          'not_allowed',
          'only the department called may act',
          '仅被吹哨部门可以反馈',
        );
      const note = typeof body.note === 'string' ? body.note.trim().slice(0, 2000) : '';
      if (!note) kit.refuse('note', 'note_required', 'say what was done', '请填写办理情况');
      const attachments = await cases().ownFiles(body.attachments, who);
      const now = clock().now();
      const moved = await whistles().updateMany({
        where: { id: w.id, state: 'reported' },
        data: { state: 'acted', actedAt: now, action: note },
      });
      if (!moved.count)
        kit.refuse(
          'whistle',
          'invalid_transition',
          'report first, then say what was done',
          '请先报到，再反馈办理情况',
        );
      await cases().appendStep(
        row,
        who,
        { action: 'whistle_act', note, data: { department: w.departmentName }, attachments },
        now,
      );
      await inbox().toAssignee(row, 'whistle', `${w.departmentName}已反馈 ${row.number}`);
      return cases().detail(row, who);
    },

    /** The community rates the department's response (1–5); points follow the type's scheme. */
    async rate(documentId: unknown, body: Row, as?: Actor): Promise<CaseDetail> {
      const who = as ?? (await kit.who());
      const w = await loadWhistle(documentId);
      const row = await caseOf(w, who);
      const community =
        who.global ||
        ((who.role === 'community-worker' || who.role === 'foundation-staff') &&
          cases().covers(who, row.areaPath));
      if (!community)
        kit.refuse(
          'rating',
          'not_allowed',
          'only the community may rate the department',
          '仅社区可以评价部门',
        );
      const rating = Number(body.rating);
      if (!Number.isSafeInteger(rating) || rating < 1 || rating > 5)
        kit.refuse('rating', 'invalid_rating', 'between 1 and 5', '评分应为 1–5');
      const note = typeof body.note === 'string' ? body.note.trim().slice(0, 500) : null;
      const def = await cases().definitionOf(row);
      const points = def.whistle
        ? whistlePoints(def.whistle, {
            reportedAt: w.reportedAt ? new Date(w.reportedAt) : null,
            reportDueAt: new Date(w.reportDueAt ?? w.calledAt),
            rating,
          })
        : 0;
      const now = clock().now();
      const moved = await whistles().updateMany({
        where: { id: w.id, state: 'acted' },
        data: { state: 'rated', rating, ratingNote: note, ratedAt: now, points },
      });
      if (!moved.count)
        kit.refuse(
          'rating',
          'already_rated',
          'rated already, or the department has not acted yet',
          '已评价，或部门尚未反馈',
        );
      await cases().appendStep(
        row,
        who,
        { action: 'whistle_rate', note, data: { department: w.departmentName, rating, points } },
        now,
      );
      await inbox().toUnit(w.departmentId, 'rated', row, `社区评价 ${row.number}：${rating} 星`);
      return cases().detail(row, who);
    },
  };
};
