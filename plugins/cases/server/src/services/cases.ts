import { randomInt } from 'crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { addWorkingMinutes, workingMinutesBetween, workingMinutesPerDay } from '../domain/calendar';
import { chooseDispatch } from '../domain/dispatch';
import { caseNumber, receiptCode } from '../domain/numbers';
import { enterState, extend, slaStatusAt, type Deadlines } from '../domain/sla';
import type {
  CaseTypeDefinition,
  CategoryNode,
  Localised,
  StateKind,
  WorkflowState,
} from '../domain/types';
import {
  legalTransitions,
  mayTake,
  planTransition,
  type CaseFacts,
  type Who,
} from '../domain/workflow';
import type {
  Attachment,
  CaseDetail,
  CaseSummary,
  DispatchTarget,
  QueueView,
  TimelineStep,
} from '../shared/contracts/cases';
import { CASES } from '../uids';
import { cmsService, getService } from '../utils';
import { casesKit } from './kit';

type Row = Record<string, unknown>;

/** A case as stored (the columns this service reads). */
export interface CaseRow {
  id: number;
  documentId: string;
  number: string;
  receiptCode: string;
  typeKey: string;
  typeVersion: number;
  title: string;
  description: string | null;
  category: string | null;
  item: string | null;
  channel: string;
  state: string;
  stateKind: StateKind;
  areaPath: string | null;
  areaName: string | null;
  address: string | null;
  reporterName: string | null;
  reporterPhone: string | null;
  reporterUserId: number | null;
  submissionId: string | null;
  assigneeKind: 'community' | 'organisation' | 'person' | null;
  assigneeUnitId: number | null;
  assigneeUserId: number | null;
  assigneeAreaPath: string | null;
  assigneeName: string | null;
  dispatchedAt: Date | string | null;
  signedAt: Date | string | null;
  stateEnteredAt: Date | string | null;
  stateDueAt: Date | string | null;
  stateWarnAt: Date | string | null;
  dueAt: Date | string | null;
  warnAt: Date | string | null;
  remainingMinutes: number | null;
  slaStatus: string;
  overdueAt: Date | string | null;
  escalatedAt: Date | string | null;
  pressCount: number | null;
  extension: CaseDetail['extension'];
  whistled: boolean | null;
  reply: string | null;
  repliedAt: Date | string | null;
  resolvedAt: Date | string | null;
  closedAt: Date | string | null;
  satisfaction: number | null;
  satisfactionNote: string | null;
  ratedAt: Date | string | null;
  ratedBy: 'reporter' | 'callback' | null;
  reopenCount: number | null;
  mergedIntoId: number | null;
  parentId: number | null;
  revision: number;
  createdAt: Date | string;
}

export type Actor = Who & { name: string | null; global: boolean };

const TITLE_MAX = 200;
/** A queue tab's count stops here ("1000+"). */
const COUNT_CAP = 1000;
/** The current view's total stops here: 400 pages of 25, more than anyone pages through. */
const TOTAL_CAP = 10_000;
const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}$/;
const ATTACHMENT_CAPTION = (userId: number | null) => `cases:${userId ?? 'system'}:`;

const iso = (d: Date | string | null | undefined): string | null =>
  d ? new Date(d).toISOString() : null;
const date = (d: Date | string | null | undefined): Date | null => (d ? new Date(d) : null);

/** Every category and item of a tree, by key, with the category an item sits under. */
export function categoryIndex(nodes: CategoryNode[]) {
  const byKey = new Map<string, { node: CategoryNode; parent: CategoryNode | null }>();
  const walk = (list: CategoryNode[], parent: CategoryNode | null) => {
    for (const node of list) {
      byKey.set(node.key, { node, parent });
      if (node.children) walk(node.children, node);
    }
  };
  walk(nodes, null);
  return byKey;
}

const STEP_LABELS: Record<string, Localised> = {
  intake: { zh: '受理', en: 'Received' },
  dispatch: { zh: '派单', en: 'Dispatched' },
  auto_dispatch: { zh: '按规则派单', en: 'Dispatched by rule' },
  sign: { zh: '签收', en: 'Signed for' },
  return: { zh: '退单', en: 'Sent back' },
  transfer: { zh: '转办', en: 'Transferred' },
  reply: { zh: '答复', en: 'Replied' },
  close: { zh: '办结', en: 'Closed' },
  reopen: { zh: '重新办理', en: 'Reopened' },
  transition: { zh: '流转', en: 'Moved on' },
  press: { zh: '督办', en: 'Pressed' },
  extension_requested: { zh: '申请延期', en: 'Extension requested' },
  extension_granted: { zh: '同意延期', en: 'Extension granted' },
  extension_refused: { zh: '不同意延期', en: 'Extension refused' },
  merge: { zh: '合并', en: 'Merged' },
  split: { zh: '拆分', en: 'Split' },
  comment: { zh: '备注', en: 'Note' },
  callback: { zh: '回访', en: 'Call-back' },
  rated: { zh: '评价', en: 'Rated' },
  whistle: { zh: '吹哨', en: 'Whistle blown' },
  whistle_report: { zh: '部门报到', en: 'Department reported' },
  whistle_act: { zh: '部门反馈', en: 'Department acted' },
  whistle_rate: { zh: '评价部门', en: 'Department rated' },
  due_soon: { zh: '即将超时', en: 'Due soon' },
  overdue: { zh: '已超时', en: 'Overdue' },
  escalated: { zh: '超时上报', en: 'Escalated' },
};
export const stepLabel = (action: string): Localised =>
  STEP_LABELS[action] ?? { zh: action, en: action };

/** What a resident may read of a step on their receipt page (internal notes stay inside). */
export const PUBLIC_STEPS = new Set([
  'intake',
  'dispatch',
  'auto_dispatch',
  'sign',
  'reply',
  'close',
  'reopen',
  'rated',
  'merge',
]);

/**
 * Cases: intake from every channel, the workflow engine (only the transitions the type's
 * version allows, to whoever it allows), the operations around it (press, extension, merge,
 * split, call-back, notes), the timeline every step appends to, and the queues. Every change is
 * one transaction that re-reads the case under its lock and moves it only from the state the
 * caller saw: of two racing changes exactly one wins, the other gets a 409.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const kit = casesKit(strapi);
  const cases = () => strapi.db.query(CASES.case);
  const steps = () => strapi.db.query(CASES.caseStep);
  const types = () => getService(strapi, 'types');
  const calendar = () => getService(strapi, 'calendar');
  const inbox = () => getService(strapi, 'inbox');
  const clock = () => getService(strapi, 'clock');

  // ---------------------------------------------------------------- reading

  function facts(row: CaseRow): CaseFacts {
    return {
      state: row.state,
      areaPath: row.areaPath,
      assigneeUserId: row.assigneeUserId,
      assigneeUnitId: row.assigneeUnitId,
      assigneeAreaPath: row.assigneeAreaPath,
    };
  }

  const covers = (who: Actor, path: string | null) =>
    who.global || (!!who.scopePath && !!path && path.startsWith(who.scopePath));

  /** Whether the person may see the case: its area in their scope, or their unit called to it. */
  async function maySee(row: CaseRow, who: Actor): Promise<boolean> {
    if (who.global) return true;
    if (who.role === 'department') {
      if (who.unitId && row.assigneeUnitId === who.unitId) return true;
      if (!who.unitId) return false;
      return !!(await strapi.db
        .query(CASES.whistle)
        .findOne({ where: { caseId: row.id, departmentId: who.unitId }, select: ['id'] }));
    }
    if (covers(who, row.areaPath)) return true;
    return !!who.userId && (row.assigneeUserId === who.userId || row.reporterUserId === who.userId);
  }

  async function load(documentId: unknown, who: Actor): Promise<CaseRow> {
    if (typeof documentId !== 'string' || !/^[a-z0-9]{24}$/.test(documentId)) kit.notFound();
    const row = (await cases().findOne({ where: { documentId } })) as CaseRow | null;
    if (!row || !(await maySee(row, who))) kit.notFound();
    return row as CaseRow;
  }

  async function definitionOf(row: Pick<CaseRow, 'typeKey' | 'typeVersion'>) {
    return types().definitionOf(row.typeKey, row.typeVersion);
  }

  const stateOf = (def: CaseTypeDefinition, key: string): WorkflowState =>
    def.workflow.states.find((s) => s.key === key) ?? {
      key,
      label: { zh: key, en: key },
      kind: 'open',
    };

  async function typeNames(): Promise<Map<string, Localised>> {
    const list = await types().list();
    return new Map(list.map((t) => [t.key, { zh: t.name, en: t.nameEn ?? t.name }]));
  }

  /**
   * Masks the reporter for viewers outside the case's area, and for a department's staff
   * (called to act on the problem, not to contact the resident: the community does that).
   */
  function reporter(row: CaseRow, who: Actor) {
    const open = who.global || (who.role !== 'department' && covers(who, row.areaPath));
    const { masks } = cmsService(strapi, 'kit');
    return {
      reporterName: row.reporterName
        ? open
          ? row.reporterName
          : masks.name(row.reporterName)
        : null,
      reporterPhone: row.reporterPhone
        ? open
          ? row.reporterPhone
          : masks.phone(row.reporterPhone)
        : null,
    };
  }

  function summarise(row: CaseRow, def: CaseTypeDefinition, typeName: Localised): CaseSummary {
    const index = categoryIndex(def.categories);
    const state = stateOf(def, row.state);
    return {
      documentId: row.documentId,
      number: row.number,
      typeKey: row.typeKey,
      typeName,
      title: row.title,
      category: row.category,
      categoryLabel: row.category ? (index.get(row.category)?.node.label ?? null) : null,
      item: row.item,
      itemLabel: row.item ? (index.get(row.item)?.node.label ?? null) : null,
      channel: row.channel,
      state: row.state,
      stateLabel: state.label,
      stateKind: row.stateKind,
      areaName: row.areaName,
      areaPath: row.areaPath,
      assigneeName: row.assigneeName,
      slaStatus: row.slaStatus as CaseSummary['slaStatus'],
      dueAt: iso(row.dueAt),
      stateDueAt: iso(row.stateDueAt),
      whistled: !!row.whistled,
      satisfaction: row.satisfaction,
      createdAt: iso(row.createdAt) as string,
    };
  }

  async function summaries(rows: CaseRow[]): Promise<CaseSummary[]> {
    const names = await typeNames();
    const out: CaseSummary[] = [];
    for (const row of rows) {
      const def = await definitionOf(row);
      out.push(summarise(row, def, names.get(row.typeKey) ?? { zh: row.typeKey, en: row.typeKey }));
    }
    return out;
  }

  async function attachmentsOf(related: string, ids: number[]): Promise<Map<number, Attachment[]>> {
    const out = new Map<number, Attachment[]>();
    if (!ids.length) return out;
    const links = (await strapi.db
      .connection('files_related_mph')
      .whereIn('related_id', ids)
      .andWhere({ related_type: related, field: 'attachments' })
      .join('files', 'files.id', 'files_related_mph.file_id')
      .select(
        'files_related_mph.related_id as related',
        'files.id as id',
        'files.name as name',
        'files.mime as mime',
        'files.size as size',
        'files.url as url',
      )) as {
      related: number;
      id: number;
      name: string;
      mime: string;
      size: number;
      url: string;
    }[];
    for (const l of links) {
      const list = out.get(Number(l.related)) ?? [];
      list.push({
        id: l.id,
        name: l.name,
        mime: l.mime,
        size: Math.round(Number(l.size) * 1024),
        url: cmsService(strapi, 'kit').fileLink(l.url),
      });
      out.set(Number(l.related), list);
    }
    return out;
  }

  async function timeline(row: CaseRow): Promise<TimelineStep[]> {
    const list = (await steps().findMany({
      where: { caseId: row.id },
      orderBy: { id: 'asc' },
    })) as (Row & { id: number })[];
    const files = await attachmentsOf(
      CASES.caseStep,
      list.map((s) => s.id),
    );
    return list.map((s) => ({
      id: s.id,
      at: iso(s.at as string) as string,
      action: s.action as string,
      label: (s.data as { label?: Localised } | null)?.label ?? stepLabel(s.action as string),
      fromState: (s.fromState as string) ?? null,
      toState: (s.toState as string) ?? null,
      actorName: (s.actorName as string) ?? null,
      note: (s.note as string) ?? null,
      data: (s.data as Record<string, unknown>) ?? null,
      attachments: files.get(s.id) ?? [],
    }));
  }

  async function detail(row: CaseRow, who: Actor): Promise<CaseDetail> {
    const def = await definitionOf(row);
    const names = await typeNames();
    const base = summarise(
      row,
      def,
      names.get(row.typeKey) ?? { zh: row.typeKey, en: row.typeKey },
    );
    const related = async (id: number | null) => {
      if (!id) return null;
      const r = (await cases().findOne({ where: { id }, select: ['documentId', 'number'] })) as {
        documentId: string;
        number: string;
      } | null;
      return r;
    };
    const children = (await cases().findMany({
      where: { parentId: row.id },
      select: ['documentId', 'number'],
    })) as { documentId: string; number: string }[];
    const files = await attachmentsOf(CASES.case, [row.id]);
    const open = row.stateKind === 'open' || row.stateKind === 'waiting';
    const centre = who.global || (isCentreRole(who.role) && covers(who, row.areaPath));
    const assignee = isAssignee(row, who);
    const operations: CaseDetail['operations'] = [];
    if (open && centre && (who.global || isSupervisor(row, who) || covers(who, row.areaPath)))
      operations.push('press');
    if (open && assignee && row.extension?.state !== 'requested' && row.dueAt)
      operations.push('extend');
    if (row.extension?.state === 'requested' && isSupervisor(row, who))
      operations.push('decide_extension');
    if (open && centre) operations.push('merge', 'split');
    operations.push('comment');
    if ((row.stateKind === 'resolved' || row.stateKind === 'closed') && centre)
      operations.push('callback');
    // The community whistles (its workers, or the centre above): not a grid worker, not a department.
    if (open && def.whistle && (centre || (assignee && who.role === 'community-worker')))
      operations.push('whistle');
    return {
      ...base,
      description: row.description,
      address: row.address,
      ...reporter(row, who),
      receiptCode: row.receiptCode,
      typeVersion: row.typeVersion,
      signedAt: iso(row.signedAt),
      reply: row.reply,
      repliedAt: iso(row.repliedAt),
      closedAt: iso(row.closedAt),
      satisfactionNote: row.satisfactionNote,
      ratedBy: row.ratedBy,
      reopenCount: row.reopenCount ?? 0,
      pressCount: row.pressCount ?? 0,
      extension: row.extension ?? null,
      mergedInto: await related(row.mergedIntoId),
      parent: await related(row.parentId),
      children,
      attachments: files.get(row.id) ?? [],
      timeline: await timeline(row),
      whistles: await getService(strapi, 'whistles').ofCase(row, who),
      actions: legalTransitions(def, facts(row), who).map((t) => ({
        key: t.key,
        label: t.label,
        effect: t.effect,
        requires: t.requires,
        to: t.to,
      })),
      operations,
      categories: def.categories,
      whistleCategories: def.whistle ? (def.whistle.categories ?? def.categories) : null,
    };
  }

  const isCentreRole = (role: string) =>
    role === 'community-worker' || role === 'foundation-staff' || role === 'system';

  function isSupervisor(row: CaseRow, who: Actor): boolean {
    return (
      who.global ||
      (isCentreRole(who.role) &&
        !!who.scopePath &&
        !!row.areaPath &&
        row.areaPath.startsWith(who.scopePath) &&
        row.areaPath !== who.scopePath)
    );
  }

  function isAssignee(row: CaseRow, who: Actor): boolean {
    if (who.userId && row.assigneeUserId === who.userId) return true;
    if (who.unitId && row.assigneeUnitId === who.unitId) return true;
    return (
      row.assigneeKind === 'community' &&
      !!who.scopePath &&
      !!row.assigneeAreaPath &&
      (who.role === 'community-worker' || who.role === 'grid-worker') &&
      row.assigneeAreaPath.startsWith(who.scopePath)
    );
  }

  // ---------------------------------------------------------------- writing

  interface StepInput {
    action: string;
    fromState?: string | null;
    toState?: string | null;
    note?: string | null;
    data?: Record<string, unknown> | null;
    attachments?: number[];
  }

  async function appendStep(
    row: Pick<CaseRow, 'id' | 'areaPath'>,
    who: Actor,
    step: StepInput,
    at: Date,
  ) {
    await steps().create({
      data: {
        documentId: kit.newDocumentId(),
        caseId: row.id,
        at,
        action: step.action,
        fromState: step.fromState ?? null,
        toState: step.toState ?? null,
        actorName: who.name ?? (who.global ? '系统' : null),
        actorUser: who.userId,
        note: step.note ?? null,
        data: step.data ?? null,
        areaPath: row.areaPath,
        ...(step.attachments?.length ? { attachments: step.attachments } : {}),
      },
    });
  }

  /**
   * Updates the case only if it is still at the revision read under the lock: on PostgreSQL the
   * row lock already serialises, on SQLite the single writer does; the revision makes the rule
   * visible and holds if either is ever bypassed.
   */
  async function write(row: CaseRow, data: Row): Promise<CaseRow> {
    const updated = await cases().updateMany({
      where: { id: row.id, revision: row.revision },
      data: { ...data, revision: row.revision + 1 },
    });
    if (!updated.count)
      kit.refuse(
        'expectedState',
        'stale_state',
        'the case has moved on; reload it',
        '事项状态已变化，请刷新',
      );
    return (await cases().findOne({ where: { id: row.id } })) as CaseRow;
  }

  /** Runs `work` on the case, fresh and locked, inside one transaction. */
  async function withCase<T>(
    documentId: unknown,
    who: Actor,
    work: (row: CaseRow, trx: Knex.Transaction) => Promise<T>,
  ): Promise<T> {
    const seen = await load(documentId, who);
    return strapi.db.transaction(async ({ trx }) => {
      await kit.lock(trx, 'cases', seen.id);
      const row = (await cases().findOne({ where: { id: seen.id } })) as CaseRow;
      return work(row, trx);
    });
  }

  function text(body: Row, field: string, max: number, required: boolean, label: Localised) {
    const v = body[field];
    if (v === undefined || v === null || v === '') {
      if (required) kit.refuse(field, 'required', `${label.en} is required`, `请填写${label.zh}`);
      return null;
    }
    if (typeof v !== 'string' || v.length > max || v.includes('\u0000'))
      kit.refuse(
        field,
        'invalid_value',
        `${label.en}: at most ${max} characters`,
        `${label.zh}不能超过 ${max} 个字`,
      );
    return (v as string).trim();
  }

  /** Files the person uploaded for cases (POST /attachments), by id; refuses anyone else's. */
  async function ownFiles(ids: unknown, who: Actor, path = 'attachments'): Promise<number[]> {
    if (ids === undefined || ids === null) return [];
    if (
      !Array.isArray(ids) ||
      ids.length > 9 ||
      ids.some((i) => !Number.isSafeInteger(i) || i <= 0)
    )
      kit.refuse(
        path,
        'invalid_attachment',
        'must be up to 9 uploaded files',
        '附件应为不超过 9 个已上传文件',
      );
    const unique = [...new Set(ids as number[])];
    if (!unique.length) return [];
    const rows = (await strapi.db.query('plugin::upload.file').findMany({
      where: {
        id: { $in: unique },
        ...(who.global ? {} : { caption: { $startsWith: ATTACHMENT_CAPTION(who.userId) } }),
      },
      select: ['id'],
    })) as { id: number }[];
    if (rows.length !== unique.length)
      kit.refuse(path, 'invalid_attachment', 'no such uploaded file', '附件不存在或不是您上传的');
    return unique;
  }

  interface ResolvedTarget {
    assigneeKind: 'community' | 'organisation' | 'person';
    assigneeUnitId: number | null;
    assigneeUserId: number | null;
    assigneeAreaPath: string | null;
    assigneeName: string;
  }

  /** Whom a case may be dispatched to: a community (in reach), an organisation, a staff user. */
  async function resolveTarget(target: unknown, row: CaseRow, who: Actor): Promise<ResolvedTarget> {
    const t = target as DispatchTarget | undefined;
    const bad = () =>
      kit.refuse(
        'target',
        'invalid_value',
        'choose whom to send the case to',
        '请选择办理单位或人员',
      );
    if (!t || typeof t !== 'object') return bad();
    if (t.kind === 'community') {
      const area = await cmsService(strapi, 'kit').area(String(t.id));
      if (
        !area ||
        (!who.global && !(row.areaPath ?? '').startsWith(area.path) && !covers(who, area.path))
      )
        return bad();
      const named = (await strapi.db
        .query('plugin::cms.area')
        .findOne({ where: { id: area.id }, select: ['name'] })) as { name: string } | null;
      return {
        assigneeKind: 'community',
        assigneeUnitId: null,
        assigneeUserId: null,
        assigneeAreaPath: area.path,
        assigneeName: named?.name ?? area.path,
      };
    }
    if (t.kind === 'organisation') {
      if (typeof t.id !== 'string' || !/^[a-z0-9]{24}$/.test(t.id)) return bad();
      const org = (await strapi.db
        .query('plugin::cms.organisation')
        .findOne({ where: { documentId: t.id }, select: ['id', 'name', 'kind'] })) as {
        id: number;
        name: string;
        kind: string;
      } | null;
      if (!org) return bad();
      return {
        assigneeKind: 'organisation',
        assigneeUnitId: org.id,
        assigneeUserId: null,
        assigneeAreaPath: null,
        assigneeName: org.name,
      };
    }
    if (t.kind === 'person') {
      const id = Number(t.id);
      if (!Number.isSafeInteger(id) || id <= 0) return bad();
      const user = (await strapi.db.query('plugin::users-permissions.user').findOne({
        where: { id, blocked: false },
        select: ['id', 'username'],
        populate: { role: { select: ['type'] }, scope: { select: ['path'] } },
      })) as {
        id: number;
        username: string;
        role?: { type: string };
        scope?: { path: string };
      } | null;
      const staff = ['community-worker', 'grid-worker', 'department', 'foundation-staff'];
      if (!user || !staff.includes(user.role?.type ?? '')) return bad();
      return {
        assigneeKind: 'person',
        assigneeUnitId: null,
        assigneeUserId: user.id,
        assigneeAreaPath: null,
        assigneeName: user.username,
      };
    }
    return bad();
  }

  /** The deadlines and the SLA status after entering `to`. */
  async function slaAfter(
    def: CaseTypeDefinition,
    row: CaseRow | null,
    to: WorkflowState,
    now: Date,
    restart: boolean,
  ) {
    const cal = await calendar().current();
    const previous: Deadlines & { kind: StateKind | null } = {
      kind: row?.stateKind ?? null,
      dueAt: date(row?.dueAt),
      warnAt: date(row?.warnAt),
      remainingMinutes: row?.remainingMinutes ?? null,
      stateDueAt: null,
      stateWarnAt: null,
    };
    const d = enterState(def, cal, now, previous, to, restart);
    const everOverdue = !restart && !!row?.overdueAt;
    const status = slaStatusAt(now, to.kind, d, everOverdue);
    return {
      dueAt: d.dueAt,
      warnAt: d.warnAt,
      remainingMinutes: d.remainingMinutes,
      stateDueAt: d.stateDueAt,
      stateWarnAt: d.stateWarnAt,
      slaStatus: status,
      stateEnteredAt: now,
      ...(restart ? { overdueAt: null, escalatedAt: null } : {}),
    };
  }

  /** Who must hear that a case is theirs now. */
  async function notifyAssignee(
    row: CaseRow,
    kind: 'assigned' | 'pressed' | 'reopened',
    title: string,
  ) {
    await inbox().toAssignee(row, kind, title);
  }

  /**
   * Takes one workflow transition: checked by the type's version (who may take it, from which
   * state, what it requires), its effect applied, the deadlines moved, a step appended, the
   * people concerned told. `who` is the person acting (or the rules, as the system).
   */
  async function applyTransition(
    row: CaseRow,
    def: CaseTypeDefinition,
    who: Actor,
    body: Row,
    now: Date,
    system = false,
  ): Promise<CaseRow> {
    const note = text(body, 'note', 2000, false, { zh: '说明', en: 'Note' });
    const attachments = await ownFiles(body.attachments, who);
    const fields = body.fields && typeof body.fields === 'object' ? (body.fields as Row) : {};
    const edits: Row = {};
    const index = categoryIndex(def.categories);
    for (const [key, value] of Object.entries(fields)) {
      if (key === 'category' || key === 'item') {
        if (typeof value !== 'string' || !index.has(value))
          kit.refuse(`fields.${key}`, 'invalid_value', 'no such category', '没有此类别');
        edits[key] = value;
      } else if (key === 'address' || key === 'title') {
        edits[key] = text(fields, key, key === 'title' ? TITLE_MAX : 200, false, {
          zh: key === 'title' ? '标题' : '地址',
          en: key,
        });
      } else
        kit.refuse(
          `fields.${key}`,
          'invalid_value',
          'this field cannot be set here',
          '此处不能填写该项',
        );
    }
    const current = { ...row, ...edits } as CaseRow;
    const plan = planTransition(def, facts(current), String(body.transition ?? ''), who, {
      note: note ?? undefined,
      attachments: attachments.length,
      fields: current as unknown as Record<string, unknown>,
      expectedState:
        typeof body.expectedState === 'string'
          ? body.expectedState
          : system
            ? undefined
            : row.state,
    });
    if (!plan.ok) throw kit.invalid(plan.issues);
    const { transition, to, effect } = plan;
    const data: Row = { ...edits, state: to.key, stateKind: to.kind };
    let action = effect ?? 'transition';
    if (effect === 'dispatch' || effect === 'transfer') {
      Object.assign(data, await resolveTarget(body.target, row, who), {
        dispatchedAt: now,
        signedAt: null,
      });
      if (system) action = 'auto_dispatch';
    } else if (effect === 'sign') {
      if (row.signedAt)
        kit.refuse(
          'transition',
          'already_signed',
          'the case has been signed for already',
          '该事项已签收',
        );
      data.signedAt = now;
      if (!row.assigneeUserId && who.userId && row.assigneeKind !== 'person')
        data.assigneeUserId = who.userId;
    } else if (effect === 'return') {
      Object.assign(data, {
        assigneeKind: null,
        assigneeUnitId: null,
        assigneeUserId: null,
        assigneeAreaPath: null,
        assigneeName: null,
        signedAt: null,
      });
    } else if (effect === 'reply') {
      if (!note)
        kit.refuse('note', 'note_required', 'write the reply to the resident', '请填写答复内容');
      data.reply = note;
      data.repliedAt = now;
    } else if (effect === 'reopen') {
      data.reopenCount = (row.reopenCount ?? 0) + 1;
      data.closedAt = null;
      data.resolvedAt = null;
      data.satisfaction = null;
      data.ratedAt = null;
      data.ratedBy = null;
    }
    if (to.kind === 'resolved' && !row.resolvedAt) data.resolvedAt = now;
    if (to.kind === 'closed') data.closedAt = now;
    Object.assign(data, await slaAfter(def, row, to, now, effect === 'reopen'));
    const after = await write(row, data);
    await appendStep(
      after,
      who,
      {
        action,
        fromState: row.state,
        toState: to.key,
        note,
        data: {
          transition: transition.key,
          label: transition.label,
          ...(data.assigneeName && (effect === 'dispatch' || effect === 'transfer')
            ? { assignee: data.assigneeName }
            : {}),
        },
        attachments,
      },
      now,
    );
    if (effect === 'dispatch' || effect === 'transfer')
      await notifyAssignee(after, 'assigned', `新派事项 ${after.number}：${after.title}`);
    if (effect === 'return')
      await inbox().toCentre(after, 'returned', `事项被退回 ${after.number}：${note ?? ''}`);
    if (effect === 'reply')
      await inbox().toReporter(after, 'reply', `您反映的事项已答复 ${after.number}`);
    if (effect === 'reopen')
      await notifyAssignee(after, 'reopened', `事项重新办理 ${after.number}`);
    return after;
  }

  /** The next case number of a type in a year, from a counter row locked for the transaction. */
  async function nextNumber(trx: Knex.Transaction, typeKey: string, prefix: string, year: number) {
    const updated = await trx('cases_counters')
      .where({ type_key: typeKey, year })
      .increment('last', 1);
    if (!updated) {
      try {
        await trx('cases_counters').insert({ type_key: typeKey, year, last: 0 });
      } catch {
        // another transaction created it first: the increment below waits for it
      }
      await trx('cases_counters').where({ type_key: typeKey, year }).increment('last', 1);
    }
    const row = (await trx('cases_counters').where({ type_key: typeKey, year }).first('last')) as {
      last: number;
    };
    return caseNumber(prefix, year, Number(row.last));
  }

  const chinaYear = (d: Date) => cmsService(strapi, 'chinaTime').chinaYear(d);

  // ---------------------------------------------------------------- the API

  return {
    load,
    detail,
    summaries,
    definitionOf,
    maySee,
    isAssignee,
    isSupervisor,
    covers,
    appendStep,
    write,
    withCase,
    ownFiles,
    attachmentCaption: ATTACHMENT_CAPTION,

    /**
     * A new case from any channel: checked against the type's published version (category and
     * item in its tree, a place in reach), numbered per type and year, placed in the hierarchy,
     * started in the initial state with its clocks, then dispatched by the first rule that
     * matches — all in one transaction.
     */
    async intake(
      body: Row,
      options: {
        channel: 'qr' | 'phone' | 'grid' | 'proactive' | 'split';
        who?: Actor;
        receiptCode?: string;
        submissionId?: string;
        reporterUserId?: number | null;
        parentId?: number | null;
        attachments?: number[];
      },
    ): Promise<CaseRow> {
      const who = options.who ?? (await kit.who());
      const { type, version, definition: def } = await types().published(body.type);
      const title = text(body, 'title', TITLE_MAX, true, { zh: '标题', en: 'Title' }) as string;
      const description = text(body, 'description', 5000, false, { zh: '描述', en: 'Description' });
      const address = text(body, 'address', 200, false, { zh: '地址', en: 'Address' });
      const reporterName = text(body, 'reporterName', 50, false, {
        zh: '反映人姓名',
        en: 'Reporter’s name',
      });
      const reporterPhone = text(body, 'reporterPhone', 20, false, { zh: '联系电话', en: 'Phone' });
      if (reporterPhone && !MOBILE.test(reporterPhone) && !LANDLINE.test(reporterPhone))
        kit.refuse('reporterPhone', 'invalid_value', 'not a phone number', '电话号码格式不正确');
      const index = categoryIndex(def.categories);
      let category =
        body.category === undefined || body.category === null || body.category === ''
          ? null
          : body.category;
      let item =
        body.item === undefined || body.item === null || body.item === '' ? null : body.item;
      if (
        category !== null &&
        (typeof category !== 'string' || !index.has(category) || index.get(category)?.parent)
      )
        kit.refuse('category', 'invalid_value', 'no such category', '没有此类别');
      if (item !== null) {
        const found = typeof item === 'string' ? index.get(item) : undefined;
        if (!found || !found.parent || (category && found.parent.key !== category))
          kit.refuse('item', 'invalid_value', 'no such item in the category', '该类别下没有此事项');
        category = category ?? found?.parent?.key ?? null;
      }
      item = item as string | null;
      const areaRef =
        typeof body.area === 'string' ? await cmsService(strapi, 'kit').area(body.area) : null;
      if (
        !areaRef ||
        (!who.global &&
          who.role !== 'system' &&
          options.channel !== 'qr' &&
          !covers(who, areaRef.path))
      )
        kit.refuse(
          'area',
          'invalid_value',
          'choose a place in your area',
          '请选择您所辖范围内的地点',
        );
      const area = areaRef as { id: number; documentId: string; path: string };
      const areaRow = (await strapi.db
        .query('plugin::cms.area')
        .findOne({ where: { id: area.id }, select: ['name'] })) as { name: string };
      const attachments = options.attachments ?? (await ownFiles(body.attachments, who));
      const now = clock().now();
      const initial = stateOf(def, def.workflow.initial);
      const sla = await slaAfter(def, null, initial, now, true);
      const created = await strapi.db.transaction(async ({ trx }) => {
        const number = await nextNumber(trx, type.key, type.numberPrefix, chinaYear(now));
        const row = (await cases().create({
          data: {
            documentId: kit.newDocumentId(),
            number,
            receiptCode: options.receiptCode ?? receiptCode(randomInt),
            typeKey: type.key,
            typeVersion: version,
            title,
            description,
            category,
            item,
            channel: options.channel,
            state: initial.key,
            stateKind: initial.kind,
            area: area.id,
            areaPath: area.path,
            areaName: areaRow?.name ?? null,
            address,
            reporterName,
            reporterPhone,
            reporterUserId: options.reporterUserId ?? null,
            submissionId: options.submissionId ?? null,
            parentId: options.parentId ?? null,
            revision: 0,
            // the clock's time, not the database's: the demo seed files cases on past days
            createdAt: now,
            updatedAt: now,
            pressCount: 0,
            reopenCount: 0,
            whistled: false,
            ...sla,
            ...(attachments.length ? { attachments } : {}),
          },
        })) as CaseRow;
        await appendStep(
          row,
          who,
          {
            action: 'intake',
            toState: initial.key,
            data: { channel: options.channel },
            attachments: [],
          },
          now,
        );
        const rule = chooseDispatch(def, {
          category: category as string | null,
          item: item as string | null,
          areaPath: area.path,
        });
        if (!rule) {
          await inbox().toCentre(row, 'assigned', `新事项待派单 ${row.number}：${row.title}`);
          return row;
        }
        const target: DispatchTarget =
          rule.to.kind === 'community'
            ? { kind: 'community', id: area.documentId }
            : rule.to.kind === 'organisation'
              ? { kind: 'organisation', id: rule.to.organisation }
              : { kind: 'person', id: rule.to.user };
        const transition =
          rule.transition ??
          def.workflow.transitions.find(
            (t) => t.effect === 'dispatch' && t.from.includes(initial.key),
          )?.key;
        if (!transition) return row;
        const system: Actor = {
          userId: null,
          role: 'system',
          unitId: null,
          scopePath: '',
          isReporter: false,
          name: '派单规则',
          global: true,
        };
        // A rule that cannot apply (its transition needs a category the request lacks) leaves
        // the case to the centre rather than refusing the resident: the checks run before any
        // write, so nothing of the attempt remains.
        try {
          return await applyTransition(row, def, system, { transition, target }, now, true);
        } catch (error) {
          strapi.log.debug(`Cases: rule dispatch of ${row.number} skipped (${String(error)})`);
          await inbox().toCentre(row, 'assigned', `新事项待派单 ${row.number}：${row.title}`);
          return row;
        }
      });
      return created;
    },

    async show(documentId: unknown): Promise<CaseDetail> {
      const who = await kit.who();
      return detail(await load(documentId, who), who);
    },

    /** POST /cases/:id/transition. */
    async transition(documentId: unknown, body: Row): Promise<CaseDetail> {
      const who = await kit.who();
      if (typeof body.expectedState !== 'string' || !body.expectedState)
        kit.refuse(
          'expectedState',
          'required',
          'say which state you saw the case in',
          '请刷新后重试（缺少当前状态）',
        );
      const after = await withCase(documentId, who, async (row) => {
        const def = await definitionOf(row);
        return applyTransition(row, def, who, body, clock().now());
      });
      return detail(after, who);
    },

    /** 督办: a supervisor (or the centre) presses the unit handling an open case. */
    async press(documentId: unknown, body: Row): Promise<CaseDetail> {
      const who = await kit.who();
      const note = text(body, 'note', 500, true, { zh: '督办意见', en: 'Note' });
      const after = await withCase(documentId, who, async (row) => {
        if (!(who.global || (isCentreRole(who.role) && covers(who, row.areaPath))))
          kit.refuse(
            'note',
            'not_allowed',
            'only the centre or a supervisor may press a case',
            '仅派单中心或上级可以督办',
          );
        if (row.stateKind !== 'open' && row.stateKind !== 'waiting')
          kit.refuse('note', 'invalid_transition', 'the case is no longer open', '该事项已办结');
        const now = clock().now();
        const next = await write(row, { pressCount: (row.pressCount ?? 0) + 1, pressedAt: now });
        await appendStep(next, who, { action: 'press', note }, now);
        await notifyAssignee(next, 'pressed', `督办 ${next.number}：${note}`);
        return next;
      });
      return detail(after, who);
    },

    /** 延期申请: the assignee asks for more working days, with a reason. */
    async requestExtension(documentId: unknown, body: Row): Promise<CaseDetail> {
      const who = await kit.who();
      const days = Number(body.workingDays);
      if (!Number.isSafeInteger(days) || days < 1 || days > 30)
        kit.refuse(
          'workingDays',
          'invalid_value',
          'between 1 and 30 working days',
          '延期应为 1–30 个工作日',
        );
      const reason = text(body, 'reason', 500, true, { zh: '延期理由', en: 'Reason' }) as string;
      const after = await withCase(documentId, who, async (row) => {
        if (!isAssignee(row, who) && !who.global)
          kit.refuse(
            'workingDays',
            'not_allowed',
            'only the unit handling the case may ask',
            '仅承办单位可以申请延期',
          );
        if (row.stateKind !== 'open' && row.stateKind !== 'waiting')
          kit.refuse(
            'workingDays',
            'invalid_transition',
            'the case is no longer open',
            '该事项已办结',
          );
        if (row.extension?.state === 'requested')
          kit.refuse(
            'workingDays',
            'invalid_transition',
            'an extension is already waiting for a decision',
            '已有延期申请待审批',
          );
        const now = clock().now();
        const next = await write(row, {
          extension: { state: 'requested', workingDays: days, reason },
        });
        await appendStep(
          next,
          who,
          { action: 'extension_requested', note: reason, data: { workingDays: days } },
          now,
        );
        await inbox().toCentre(next, 'extension', `延期申请 ${next.number}：${days} 个工作日`);
        return next;
      });
      return detail(after, who);
    },

    /** The centre grants (the deadline moves by the working days) or refuses an extension. */
    async decideExtension(documentId: unknown, body: Row): Promise<CaseDetail> {
      const who = await kit.who();
      if (typeof body.grant !== 'boolean')
        kit.refuse('grant', 'required', 'grant or refuse', '请选择同意或不同意');
      const note = text(body, 'note', 500, false, { zh: '意见', en: 'Note' });
      const after = await withCase(documentId, who, async (row) => {
        // Not the community that asked: the street office (or the district) above it decides.
        if (!isSupervisor(row, who))
          kit.refuse(
            'grant',
            'not_allowed',
            'only the office above the community may decide',
            '仅上级（街道或区）可以审批延期',
          );
        const ext = row.extension;
        if (!ext || ext.state !== 'requested')
          kit.refuse(
            'grant',
            'invalid_transition',
            'no extension waits for a decision',
            '没有待审批的延期申请',
          );
        const now = clock().now();
        const data: Row = {
          extension: {
            ...ext,
            state: body.grant ? 'granted' : 'refused',
            ...(note ? { decidedNote: note } : {}),
          },
        };
        if (body.grant && row.dueAt) {
          const cal = await calendar().current();
          const def = await definitionOf(row);
          const days = (ext as { workingDays: number }).workingDays;
          const perDay = workingMinutesPerDay(cal, chinaYear(now));
          const dueAt = extend(cal, new Date(row.dueAt), days, perDay);
          // Warned again at the type's share of the time left from now to the new deadline.
          const left = workingMinutesBetween(cal, now, dueAt);
          const warnAt = addWorkingMinutes(
            cal,
            now,
            Math.floor((left * (def.warnPercent ?? 80)) / 100),
          );
          data.dueAt = dueAt;
          data.warnAt = warnAt;
          data.slaStatus = slaStatusAt(
            now,
            row.stateKind,
            { dueAt, warnAt, stateDueAt: date(row.stateDueAt), stateWarnAt: date(row.stateWarnAt) },
            false,
          );
        }
        const next = await write(row, data);
        await appendStep(
          next,
          who,
          { action: body.grant ? 'extension_granted' : 'extension_refused', note },
          now,
        );
        await inbox().toAssignee(
          next,
          'extension',
          `延期申请${body.grant ? '已同意' : '未同意'} ${next.number}`,
        );
        return next;
      });
      return detail(after, who);
    },

    /** Merges a duplicate into another case of the same type: the duplicate closes, pointing to it. */
    async merge(documentId: unknown, body: Row): Promise<CaseDetail> {
      const who = await kit.who();
      const note = text(body, 'note', 500, false, { zh: '说明', en: 'Note' });
      const into = await load(body.into, who).catch(() =>
        kit.refuse('into', 'invalid_value', 'no such case', '没有此事项'),
      );
      const after = await withCase(documentId, who, async (row) => {
        if (!(who.global || (isCentreRole(who.role) && covers(who, row.areaPath))))
          kit.refuse(
            'into',
            'not_allowed',
            'only the centre may merge cases',
            '仅派单中心可以合并事项',
          );
        if (into.id === row.id || into.typeKey !== row.typeKey || into.mergedIntoId)
          kit.refuse(
            'into',
            'invalid_value',
            'choose another open case of the same type',
            '请选择同类的另一件事项',
          );
        if (row.stateKind === 'closed')
          kit.refuse('into', 'invalid_transition', 'the case is closed already', '该事项已办结');
        const def = await definitionOf(row);
        const closed = def.workflow.states.find((s) => s.kind === 'closed') as WorkflowState;
        const now = clock().now();
        const next = await write(row, {
          mergedIntoId: into.id,
          state: closed.key,
          stateKind: 'closed',
          closedAt: now,
          ...(await slaAfter(def, row, closed, now, false)),
        });
        await appendStep(
          next,
          who,
          {
            action: 'merge',
            fromState: row.state,
            toState: closed.key,
            note,
            data: { into: into.number },
          },
          now,
        );
        await appendStep(into, who, { action: 'merge', note, data: { from: row.number } }, now);
        return next;
      });
      return detail(after, who);
    },

    /** Splits a case into parts, each a new case of the same type starting afresh. */
    async split(documentId: unknown, body: Row): Promise<CaseDetail> {
      const who = await kit.who();
      const parts = body.parts;
      if (!Array.isArray(parts) || parts.length < 1 || parts.length > 10)
        kit.refuse('parts', 'invalid_value', 'between 1 and 10 parts', '拆分应为 1–10 件');
      const row = await load(documentId, who);
      if (!(who.global || (isCentreRole(who.role) && covers(who, row.areaPath))))
        kit.refuse(
          'parts',
          'not_allowed',
          'only the centre may split cases',
          '仅派单中心可以拆分事项',
        );
      if (row.stateKind === 'closed')
        kit.refuse('parts', 'invalid_transition', 'the case is closed already', '该事项已办结');
      const area = (await strapi.db
        .query(CASES.case)
        .findOne({ where: { id: row.id }, populate: { area: { select: ['documentId'] } } })) as {
        area?: { documentId: string };
      };
      const numbers: string[] = [];
      for (const [i, part] of (parts as Row[]).entries()) {
        const p = part && typeof part === 'object' ? part : {};
        try {
          const child = await this.intake(
            {
              type: row.typeKey,
              title: p.title,
              description: p.description ?? row.description,
              category: p.category ?? (p.item ? undefined : row.category),
              item: p.item ?? null,
              area: area.area?.documentId,
              address: row.address,
              reporterName: row.reporterName,
              reporterPhone: row.reporterPhone,
            },
            { channel: 'split', who, parentId: row.id, reporterUserId: row.reporterUserId },
          );
          numbers.push(child.number);
        } catch (error) {
          const e = error as { details?: { errors?: { path?: string[] }[] } };
          for (const item of e.details?.errors ?? [])
            item.path = ['parts', String(i), ...(item.path ?? [])];
          throw error;
        }
      }
      const note = text(body, 'note', 500, false, { zh: '说明', en: 'Note' });
      await appendStep(row, who, { action: 'split', note, data: { into: numbers } }, clock().now());
      return detail((await cases().findOne({ where: { id: row.id } })) as CaseRow, who);
    },

    /** A note (and photos) on the timeline, by anyone who may see the case. */
    async comment(documentId: unknown, body: Row): Promise<CaseDetail> {
      const who = await kit.who();
      const note = text(body, 'note', 2000, true, { zh: '备注', en: 'Note' });
      const row = await load(documentId, who);
      const attachments = await ownFiles(body.attachments, who);
      await appendStep(row, who, { action: 'comment', note, attachments }, clock().now());
      return detail(row, who);
    },

    /** 回访: staff record the resident's satisfaction after calling them back. */
    async callback(documentId: unknown, body: Row, as?: Actor): Promise<CaseDetail> {
      // `as`: the staff member who called, for server-side work (the seed); requests pass none.
      const who = as ?? (await kit.who());
      const satisfaction = Number(body.satisfaction);
      if (!Number.isSafeInteger(satisfaction) || satisfaction < 1 || satisfaction > 5)
        kit.refuse('satisfaction', 'invalid_rating', 'between 1 and 5', '满意度应为 1–5');
      const note = text(body, 'note', 500, false, { zh: '回访记录', en: 'Note' });
      const after = await withCase(documentId, who, async (row) => {
        if (!(who.global || (isCentreRole(who.role) && covers(who, row.areaPath))))
          kit.refuse(
            'satisfaction',
            'not_allowed',
            'only the centre may record a call-back',
            '仅派单中心可以登记回访',
          );
        if (row.stateKind !== 'resolved' && row.stateKind !== 'closed')
          kit.refuse(
            'satisfaction',
            'invalid_transition',
            'the case is not resolved yet',
            '事项尚未办结，不能回访',
          );
        const now = clock().now();
        const next = await write(row, {
          satisfaction,
          satisfactionNote: note,
          ratedAt: now,
          ratedBy: 'callback',
        });
        await appendStep(next, who, { action: 'callback', note, data: { satisfaction } }, now);
        return next;
      });
      return detail(after, who);
    },

    /** The queues: by view, narrowed to the person's reach, with every view's count. */
    async queue(query: Row) {
      const who = await kit.who();
      const views: QueueView[] = [
        'mine',
        'unit',
        'unassigned',
        'due_soon',
        'overdue',
        'whistled',
        'all',
        'closed',
      ];
      const view = (
        typeof query.view === 'string' && views.includes(query.view as QueueView)
          ? query.view
          : 'mine'
      ) as QueueView;
      const page = Math.max(1, Math.min(10_000, Number(query.page) || 1));
      const pageSize = Math.max(1, Math.min(100, Number(query.pageSize) || 25));
      const reach = await this.reachFilter(who);
      const filters: Row[] = [reach];
      if (typeof query.type === 'string' && query.type) filters.push({ typeKey: query.type });
      if (typeof query.state === 'string' && query.state) filters.push({ state: query.state });
      if (typeof query.q === 'string' && query.q.trim())
        filters.push({
          $or: [
            { number: { $containsi: query.q.trim() } },
            { title: { $containsi: query.q.trim() } },
          ],
        });
      const where = (v: QueueView) => ({ $and: [...filters, this.viewFilter(v, who)] });
      const rows = (await cases().findMany({
        where: where(view),
        orderBy: view === 'closed' ? { id: 'desc' } : [{ dueAt: 'asc' }, { id: 'asc' }],
        limit: pageSize,
        offset: (page - 1) * pageSize,
      })) as CaseRow[];
      // Counted up to a cap, never in full: a street office's 'all' at a city's scale is
      // hundreds of thousands of rows, and a tab only needs to say "1000+" (measured at a million
      // cases: eight full counts took 1.6–3.5 s, eight capped ones a few milliseconds). The
      // current view is counted further, far enough for every page the list can show.
      const capped = async (v: QueueView, cap: number) =>
        ((await cases().findMany({ where: where(v), select: ['id'], limit: cap })) as unknown[])
          .length;
      const counts = {} as Record<QueueView, number>;
      for (const v of views) counts[v] = v === view ? 0 : await capped(v, COUNT_CAP);
      const total = await capped(view, TOTAL_CAP);
      counts[view] = Math.min(total, COUNT_CAP);
      return {
        data: await summaries(rows),
        meta: { page, pageSize, total, totalCapped: total >= TOTAL_CAP },
        counts,
        countCap: COUNT_CAP,
      };
    },

    /** What a person may see at all, as a where clause on cases. */
    async reachFilter(who: Actor): Promise<Row> {
      if (who.global) return {};
      if (who.role === 'department') {
        if (!who.unitId) return { id: { $null: true } };
        const whistled = (await strapi.db
          .connection('case_whistles')
          .where({ department_id: who.unitId })
          .pluck('case_id')) as number[];
        return {
          $or: [
            { assigneeUnitId: who.unitId },
            ...(whistled.length ? [{ id: { $in: whistled } }] : []),
          ],
        };
      }
      if (!who.scopePath)
        return who.userId
          ? { $or: [{ assigneeUserId: who.userId }, { reporterUserId: who.userId }] }
          : { id: { $null: true } };
      return { areaPath: { $startsWith: who.scopePath } };
    },

    viewFilter(view: QueueView, who: Actor): Row {
      const active = { stateKind: { $in: ['open', 'waiting'] } };
      switch (view) {
        case 'mine':
          return {
            ...active,
            $or: [
              ...(who.userId ? [{ assigneeUserId: who.userId }] : [{ id: { $null: true } }]),
              ...(who.scopePath && (who.role === 'community-worker' || who.role === 'grid-worker')
                ? [{ assigneeKind: 'community', assigneeAreaPath: who.scopePath }]
                : []),
            ],
          };
        case 'unit':
          return who.unitId
            ? { ...active, assigneeUnitId: who.unitId }
            : who.scopePath
              ? {
                  ...active,
                  assigneeKind: 'community',
                  assigneeAreaPath: { $startsWith: who.scopePath },
                }
              : { id: { $null: true } };
        case 'unassigned':
          return { stateKind: 'open', assigneeKind: { $null: true } };
        case 'due_soon':
          return { ...active, slaStatus: 'due_soon' };
        case 'overdue':
          return { ...active, slaStatus: 'overdue' };
        case 'whistled':
          return { ...active, whistled: true };
        case 'closed':
          return { stateKind: { $in: ['resolved', 'closed'] } };
        default:
          return {};
      }
    },

    /** The grid worker's own: called in by them or assigned to them, newest first. */
    async mine() {
      const who = await kit.who();
      if (!who.userId) return [];
      const rows = (await cases().findMany({
        where: { $or: [{ reporterUserId: who.userId }, { assigneeUserId: who.userId }] },
        orderBy: { id: 'desc' },
        limit: 100,
      })) as CaseRow[];
      return summaries(rows);
    },

    /** Whom the person may dispatch to: communities in reach, departments and social organisations, staff. */
    async targets() {
      const who = await kit.who();
      const scope = who.global ? '' : (who.scopePath ?? '\u0000');
      const communities = (await strapi.db.query('plugin::cms.area').findMany({
        where: { level: { $in: ['community', 'village'] }, path: { $startsWith: scope } },
        select: ['documentId', 'name', 'path'],
        orderBy: { path: 'asc' },
        limit: 500,
      })) as { documentId: string; name: string; path: string }[];
      const organisations = (await strapi.db.query('plugin::cms.organisation').findMany({
        where: { kind: { $in: ['department', 'social_organisation', 'partner_unit'] } },
        select: ['documentId', 'name', 'kind'],
        orderBy: [{ kind: 'asc' }, { name: 'asc' }],
        limit: 500,
      })) as { documentId: string; name: string; kind: string }[];
      const people = (await strapi.db.query('plugin::users-permissions.user').findMany({
        where: {
          blocked: false,
          role: { type: { $in: ['community-worker', 'grid-worker', 'department'] } },
          ...(who.global ? {} : { scope: { path: { $startsWith: scope } } }),
        },
        select: ['id', 'username'],
        populate: { role: { select: ['type'] } },
        limit: 200,
      })) as { id: number; username: string; role?: { type: string } }[];
      return {
        communities: communities.map((c) => ({ id: c.documentId, name: c.name })),
        organisations: organisations.map((o) => ({ id: o.documentId, name: o.name, kind: o.kind })),
        people: people.map((p) => ({ id: p.id, name: p.username, role: p.role?.type ?? null })),
      };
    },

    /** Used by the receipt and whistle services: apply a transition as the given person. */
    applyTransition,
    stateOf,
    mayTake,
  };
};
