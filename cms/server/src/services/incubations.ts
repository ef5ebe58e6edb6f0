import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { z } from 'zod';
import { todayInChina } from '../domain/china-time';
import { assertNoIssues, DomainError, issue, type DomainIssue } from '../domain/errors';
import {
  ASSESSED_STAGES,
  assessmentIssues,
  dueForAssessment,
  hasOverdueMilestone,
  hasPassedAssessment,
  lastAssessedOn,
  milestoneIssues,
  milestoneSchema,
  moveIssues,
  newAssessmentSchema,
  type Assessment,
  type Milestone,
} from '../domain/incubation-records';
import type { IncubationStage } from '../domain/incubation-stages';
import { incubationBoardColumn, incubationIdsInScope } from '../incubation-queue-sql';
import { CMS } from '../uids';
import type kitFactory from './kit';

type Row = Record<string, unknown>;

/** The incubation rules an administrator may change without code or a restart. */
export interface IncubationSettings {
  /** Hatching (出壳) is refused until the incubation has a passed assessment. */
  assessmentBeforeHatching: boolean;
}

const DEFAULT_SETTINGS: IncubationSettings = { assessmentBeforeHatching: true };

/** One page of a board column, as GET /api/cms/incubation-board answers it. */
export interface BoardQuery {
  stage: IncubationStage;
  q?: string;
  hub?: string;
  area?: string;
  due?: boolean;
  /** Only incubating organisations with a milestone past its date (`hasOverdueMilestone`). */
  overdue?: boolean;
  page: number;
  pageSize: number;
}

export interface BoardCard {
  documentId: string;
  stage: IncubationStage;
  organisation: { documentId: string; name: string } | null;
  /** The hub's name is shown even when the hub lies outside the viewer's scope (see `board`). */
  hub: { documentId: string; name: string } | null;
  appliedOn: string | null;
  hatchedOn: string | null;
  closedOn: string | null;
  closedReason: string | null;
  lastAssessedOn: string | null;
  due: boolean;
  /** A milestone is past its planned date and not reached (incubating only). */
  overdue: boolean;
  /** It has a passed assessment, so it may hatch even where one is required. */
  passed: boolean;
}

/**
 * A column's page: its cards, how many match in all, how many of those are due for assessment
 * and how many have an overdue milestone.
 */
export interface BoardPage {
  cards: BoardCard[];
  total: number;
  due: number;
  overdue: number;
  page: number;
  pageSize: number;
}

interface IncubationRow {
  documentId: string;
  stage: IncubationStage;
  organisation?: { documentId: string; name: string } | null;
  hub?: { documentId: string; name: string } | null;
  appliedOn?: string | null;
  assessingOn?: string | null;
  incubatingOn?: string | null;
  hatchedOn?: string | null;
  closedOn?: string | null;
  closedReason?: string | null;
  assessments?: unknown;
  milestones?: unknown;
}

/** The dates `dueForAssessment` counts from when an incubation has no assessment yet. */
const STAGE_DATES = ['appliedOn', 'assessingOn', 'incubatingOn'] as const;

/** zod's issues on one submitted item, named by the item's own fields (`governance`, `date`). */
function itemIssues(error: z.ZodError): DomainIssue[] {
  return error.issues.slice(0, 10).map((zi) => {
    const path = zi.path.join('.') || 'data';
    const bound =
      (zi as { maximum?: unknown; minimum?: unknown }).maximum ??
      (zi as { minimum?: unknown }).minimum;
    const [en, zh] =
      zi.code === 'too_big'
        ? [`must be at most ${String(bound)}`, `不能大于 ${String(bound)}`]
        : zi.code === 'too_small'
          ? typeof bound === 'number' && bound <= 1 && zi.message.includes('character')
            ? ['is required', '为必填项']
            : [`must be at least ${String(bound)}`, `不能小于 ${String(bound)}`]
          : zi.code === 'invalid_type' && zi.message.includes('undefined')
            ? ['is required', '为必填项']
            : zi.code === 'invalid_format'
              ? ['must be a date (YYYY-MM-DD)', '须为日期（年-月-日）']
              : zi.code === 'invalid_value'
                ? ['is not one of the allowed values', '不是可选的值']
                : [zi.message, '格式不正确'];
    return issue('invalid_value', path, `${path}: ${en}`, `${path}：${zh}`);
  });
}

/**
 * The incubation board, its moves, and the assessments and milestones of one incubation. Every
 * read and write goes through the Document Service, so the kit scopes it and the cms document
 * middleware validates (records.ts) and audits it; this service adds no rule of its own beyond
 * naming the request's fields.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  // A plugin store row, read on every check: several processes share it, and a change made by an
  // administrator applies at once, with no restart and no cache to invalidate.
  const store = () => strapi.store({ type: 'plugin', name: 'cms', key: 'incubation-settings' });
  const kit = () => strapi.plugin('cms').service('kit') as ReturnType<typeof kitFactory>;
  const documents = () =>
    strapi.documents(CMS.incubation as Parameters<typeof strapi.documents>[0]) as unknown as {
      findMany(params: Row): Promise<IncubationRow[]>;
      findOne(params: Row): Promise<IncubationRow | null>;
      count(params: Row): Promise<number>;
      update(params: Row): Promise<IncubationRow>;
    };

  async function settings(): Promise<IncubationSettings> {
    const saved = ((await store().get()) ?? {}) as Partial<IncubationSettings>;
    return { ...DEFAULT_SETTINGS, ...saved };
  }

  /** The incubation as the viewer may reach it, or 404 (the same for absent and out of scope). */
  async function reachable(documentId: string): Promise<IncubationRow> {
    const found = await documents().findOne({
      documentId,
      fields: ['documentId', 'stage', 'assessments', 'milestones', 'appliedOn'],
    });
    if (!found) throw new errors.NotFoundError('Not Found');
    return found;
  }

  async function filtersOf(query: BoardQuery): Promise<Row> {
    const and: Row[] = [{ stage: { $eq: query.stage } }];
    if (query.q) and.push({ organisation: { name: { $containsi: query.q } } });
    if (query.hub) and.push({ hub: { documentId: { $eq: query.hub } } });
    if (query.area) {
      const area = await kit().area(query.area);
      // An unknown area matches nothing rather than everything.
      and.push(area ? { areaPath: { $startsWith: area.path } } : { id: { $null: true } });
    }
    return { $and: and };
  }

  return {
    settings,

    async updateSettings(patch: Partial<IncubationSettings>): Promise<IncubationSettings> {
      const next = { ...(await settings()), ...patch };
      await store().set({ value: next });
      return next;
    },

    /**
     * One page of one column, with the column's total, how many in it wait for an assessment
     * and how many have a milestone overdue; `due` and `overdue` keep only those (no card of a
     * column that is not assessed, which can be neither). The hub is populated below the
     * Document Service's scope: organisations are public records (the kit declares them
     * `publicRead`), so a community worker sees the name of a district hub incubating an
     * organisation of theirs — only its id and name are read.
     */
    async board(query: BoardQuery): Promise<BoardPage> {
      const filters = await filtersOf(query);
      const sort = ['updatedAt:desc', 'id:desc'];
      const today = todayInChina();
      let total: number;
      let due = 0;
      let overdue = 0;
      let pageFilters: Row = filters;
      let start = (query.page - 1) * query.pageSize;
      if (ASSESSED_STAGES.includes(query.stage)) {
        // Whether an incubation is due, or has a milestone overdue, depends on its assessments'
        // and milestones' dates (JSON): the database decides, by the dashboard's rules
        // (incubation-queue-sql.ts), over the column in the viewer's scope, and answers the
        // counts and the page's ids; the cards below are marked by the domain's functions.
        const { ids, knex, dialect, table } = await incubationIdsInScope(strapi, filters);
        const column = await incubationBoardColumn(
          knex,
          dialect,
          table,
          ids,
          today,
          query.stage,
          { due: query.due, overdue: query.overdue },
          { offset: start, limit: query.pageSize },
        );
        ({ total, due, overdue } = column);
        if (column.page) {
          pageFilters = { documentId: { $in: column.page } };
          start = 0;
        }
      } else if (query.due || query.overdue) {
        return {
          cards: [],
          total: 0,
          due: 0,
          overdue: 0,
          page: query.page,
          pageSize: query.pageSize,
        };
      } else {
        total = await documents().count({ filters });
      }
      const rows = await documents().findMany({
        filters: pageFilters,
        fields: [
          'documentId',
          'stage',
          ...STAGE_DATES,
          'hatchedOn',
          'closedOn',
          'closedReason',
          'assessments',
          'milestones',
        ],
        populate: {
          organisation: { fields: ['documentId', 'name'] },
          hub: { fields: ['documentId', 'name'] },
        },
        sort,
        start,
        limit: query.pageSize,
      });
      return {
        cards: rows.map((r) => ({
          documentId: r.documentId,
          stage: r.stage,
          organisation: r.organisation
            ? { documentId: r.organisation.documentId, name: r.organisation.name }
            : null,
          hub: r.hub ? { documentId: r.hub.documentId, name: r.hub.name } : null,
          appliedOn: r.appliedOn ?? null,
          hatchedOn: r.hatchedOn ?? null,
          closedOn: r.closedOn ?? null,
          closedReason: r.closedReason ?? null,
          lastAssessedOn: lastAssessedOn(r.assessments),
          due: dueForAssessment(r, today),
          overdue: hasOverdueMilestone(r, today),
          passed: hasPassedAssessment(r.assessments),
        })),
        total,
        due,
        overdue,
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    /**
     * Moves an incubation to another stage. The reason an ending move needs is checked here
     * first, so the refusal names the request's `reason`; the document middleware checks the
     * transition, the assessment rule and the dates again, and audits the change with the reason.
     */
    async move(
      documentId: string,
      stage: IncubationStage,
      reason?: string,
    ): Promise<IncubationRow> {
      const current = await reachable(documentId);
      const issues = moveIssues(
        current.stage,
        stage,
        { reason, assessments: current.assessments, assessmentRequired: false },
        'reason',
      );
      if (issues.length) throw new DomainError(issues);
      return documents().update({
        documentId,
        data: { stage, ...(reason ? { closedReason: reason } : {}) },
        fields: ['documentId', 'stage', 'closedReason', 'hatchedOn', 'closedOn'],
      });
    },

    /** Records a new assessment, or corrects the one at `index`. */
    async recordAssessment(documentId: string, input: unknown, index?: number) {
      const parsed = newAssessmentSchema.safeParse(input);
      if (!parsed.success) throw new DomainError(itemIssues(parsed.error));
      assertNoIssues(assessmentIssues(parsed.data, todayInChina()));
      const current = await reachable(documentId);
      const list = Array.isArray(current.assessments)
        ? [...(current.assessments as Assessment[])]
        : [];
      if (index !== undefined) {
        if (index >= list.length) throw new errors.NotFoundError('No such assessment');
        list[index] = parsed.data;
      } else list.push(parsed.data);
      return documents().update({
        documentId,
        data: { assessments: list },
        fields: ['documentId', 'assessments'],
      });
    },

    /** Records a new milestone, or updates the one at `index` (achieved, missed …). */
    async recordMilestone(documentId: string, input: unknown, index?: number) {
      const parsed = milestoneSchema.safeParse(input);
      if (!parsed.success) throw new DomainError(itemIssues(parsed.error));
      const milestone: Milestone = parsed.data;
      const current = await reachable(documentId);
      assertNoIssues(milestoneIssues(milestone, todayInChina(), current.appliedOn));
      const list = Array.isArray(current.milestones)
        ? [...(current.milestones as Milestone[])]
        : [];
      if (index !== undefined) {
        if (index >= list.length) throw new errors.NotFoundError('No such milestone');
        list[index] = milestone;
      } else list.push(milestone);
      return documents().update({
        documentId,
        data: { milestones: list },
        fields: ['documentId', 'milestones'],
      });
    },
  };
};
