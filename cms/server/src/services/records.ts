import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import {
  AREA_LEVELS,
  areaHierarchyIssues,
  areaPath,
  isGrassroots,
  type AreaLevel,
} from '../domain/area-hierarchy';
import { creditCodeProblem } from '../domain/credit-code';
import { DomainError, issue, type DomainIssue } from '../domain/errors';
import { isMainlandMobile, isValidIdNumber } from '../domain/id-number';
import {
  assessmentIssues,
  assessmentsSchema,
  milestonesSchema,
  moveIssues,
} from '../domain/incubation-records';
import { maskIdNumber } from '../domain/mask';
import {
  INCUBATION_STAGES,
  enterStage,
  stageDateIssues,
  transitionIssues,
  type IncubationStage,
  type StageDates,
} from '../domain/incubation-stages';
import { readToOne, type RelationRef } from '../domain/relation-input';
import { covers, type Viewer } from '../domain/scope';
import { CMS, SCOPED_PATH_FIELD } from '../uids';
import { todayInChina } from '../domain/china-time';
import { dbQuery, modelOf } from '../utils';
import type incubationsFactory from './incubations';

type Row = Record<string, unknown>;

/** A related record as REF_FIELDS reads it (and as `load` populates each relation). */
interface Ref {
  id: number;
  documentId: string;
  [field: string]: unknown;
}
interface AreaRef extends Ref {
  level: AreaLevel;
  path: string;
}
interface PlacedRef extends Ref {
  level?: string;
  kind?: string | null;
  areaPath: string | null;
}

/** A stored record as `load` returns it: the columns these rules read, relations as refs. */
export interface Stored extends Ref {
  path?: string;
  areaPath?: string | null;
  level?: string;
  code?: string;
  kind?: string | null;
  creditCode?: string | null;
  registration?: string;
  stage?: IncubationStage;
  idNumber?: string | null;
}

/** Columns read from a related record to check a write (level, path, kind …). */
const REF_FIELDS: Record<string, string[]> = {
  [CMS.area]: ['id', 'documentId', 'name', 'code', 'level', 'kind', 'path'],
  [CMS.grid]: ['id', 'documentId', 'name', 'code', 'level', 'areaPath'],
  [CMS.compound]: ['id', 'documentId', 'name', 'areaPath'],
  [CMS.person]: ['id', 'documentId', 'name', 'areaPath'],
  [CMS.organisation]: ['id', 'documentId', 'name', 'kind', 'areaPath'],
};

/** Inverse sides that are not part of a record's own state (and may be large). */
const SKIPPED_RELATIONS = new Set(['children', 'microGrids']);

// A stage entered between 00:00 and 08:00 in China is dated that China day, not the UTC one.
const today = (): string => todayInChina();

/** An enumeration read by the rules below, checked before Strapi's own validation would. */
function assertOneOf(field: string, value: unknown, allowed: readonly string[], labelZh: string) {
  if (typeof value === 'string' && allowed.includes(value)) return;
  throw new DomainError([
    issue(
      'invalid_value',
      field,
      `${field} must be one of ${allowed.join(', ')}`,
      `${labelZh}必须是 ${allowed.join('、')} 之一`,
    ),
  ]);
}

const notFound = (field: string): DomainIssue =>
  issue('parent_not_found', field, `${field}: no such record`, `${field}：记录不存在`);

/**
 * The rules a cms record must satisfy before it is written, and the fields derived from its
 * relations (an area's path, every other record's areaPath). Called by the document middleware
 * inside the write's transaction, before Strapi writes anything.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const query = (uid: string) => dbQuery(strapi, uid);

  function relationPopulate(uid: string): Row {
    const populate: Row = {};
    const model = modelOf(strapi, uid);
    for (const [name, attribute] of Object.entries(model.attributes)) {
      if (attribute.type !== 'relation' || SKIPPED_RELATIONS.has(name)) continue;
      // A morph relation names no target: `undefined` finds no entry, as any unknown one.
      const { target } = attribute as { target: string };
      populate[name] = { select: REF_FIELDS[target] ?? ['id', 'documentId'] };
    }
    return populate;
  }

  async function loadRef(uid: string, ref: RelationRef): Promise<Ref | null> {
    const where = 'id' in ref ? { id: ref.id } : { documentId: ref.documentId };
    return query(uid).findOne({ where, select: REF_FIELDS[uid] ?? ['id', 'documentId'] });
  }

  /**
   * Resolves the to-one relation `field` as it will be after the write: changed by `data`, or
   * as `current` has it. Adds an issue when it names a record that does not exist or that the
   * viewer cannot reach (the two are indistinguishable on purpose).
   */
  async function resolveToOne<T extends Ref = PlacedRef>(
    field: string,
    target: string,
    data: Row,
    current: Stored | null,
    viewer: Viewer,
    issues: DomainIssue[],
  ): Promise<T | null> {
    const change = readToOne(data[field]);
    if ('invalid' in change) {
      issues.push(
        issue('invalid_value', field, `${field}: not a relation`, `${field}：关联格式不正确`),
      );
      return null;
    }
    if (!change.changed) return (current?.[field] as T | null | undefined) ?? null;
    if (change.target === null) return null;
    const row = await loadRef(target, change.target);
    const pathField = SCOPED_PATH_FIELD[target];
    if (
      !row ||
      (viewer.kind === 'scoped' && pathField && !covers(viewer, row[pathField] as string | null))
    ) {
      issues.push(notFound(field));
      return null;
    }
    return row as T;
  }

  function requireGrassroots(
    field: string,
    area: AreaRef | null,
    issues: DomainIssue[],
    required = true,
  ) {
    if (!area) {
      // Already reported when the relation named a record that does not exist.
      const reported = issues.some((i) => i.path === field);
      if (required && !reported) {
        issues.push(issue('parent_required', field, `${field} is required`, `${field}为必填项`));
      }
      return;
    }
    if (!isGrassroots(area.level)) {
      issues.push(
        issue(
          'area_level',
          field,
          `${field} must be a community or village, not a ${area.level}`,
          `${field}必须是社区或村，不能是${area.level}`,
        ),
      );
    }
  }

  /** Refuses server-computed fields from API clients; others (admin panel) get them recomputed. */
  function computedFieldIssues(fields: string[], data: Row, viewer: Viewer): DomainIssue[] {
    if (viewer.kind === 'global') return [];
    return fields
      .filter((f) => f in data)
      .map((f) =>
        issue('computed_field', f, `${f} is computed by the server`, `${f}由系统计算，不能填写`),
      );
  }

  type Prepared = { data: Row; after?: { oldPath: string; newPath: string } };

  const preparers: Record<
    string,
    (a: string, d: Row, c: Stored | null, v: Viewer) => Promise<Prepared>
  > = {
    async [CMS.area](action, data, current, viewer) {
      const issues = computedFieldIssues(['path'], data, viewer);
      const level = (data.level ?? current?.level) as AreaLevel;
      // These rules run before Strapi's own attribute validation, so check what they read.
      assertOneOf('level', level, AREA_LEVELS, '区域级别');
      const code = (data.code ?? current?.code) as string;
      const kind = ('kind' in data ? data.kind : current?.kind) as string | null | undefined;
      const parent = await resolveToOne<AreaRef>('parent', CMS.area, data, current, viewer, issues);
      const parentChanged = readToOne(data.parent);
      issues.push(
        ...areaHierarchyIssues({
          level,
          kind,
          parent: parent ? { level: parent.level, path: parent.path } : null,
          currentPath:
            action === 'update' && 'changed' in parentChanged && parentChanged.changed
              ? current?.path
              : null,
        }),
      );
      if (issues.length) throw new DomainError(issues);
      const path = areaPath(parent?.path, code);
      const out: Prepared = { data: { ...data, path } };
      if (action === 'update' && current?.path && current.path !== path) {
        out.after = { oldPath: current.path, newPath: path };
      }
      return out;
    },

    async [CMS.grid](_action, data, current, viewer) {
      const issues = computedFieldIssues(['areaPath'], data, viewer);
      const level = data.level ?? current?.level;
      const community = await resolveToOne<AreaRef>(
        'community',
        CMS.area,
        data,
        current,
        viewer,
        issues,
      );
      requireGrassroots('community', community, issues);
      const parent = await resolveToOne('parent', CMS.grid, data, current, viewer, issues);
      if (level === 'micro') {
        if (!parent || parent.level !== 'grid') {
          issues.push(
            issue(
              'micro_grid_parent',
              'parent',
              'a micro-grid belongs to a grid',
              '微网格必须属于一个一般网格',
            ),
          );
        } else if (community && parent.areaPath !== community.path) {
          issues.push(
            issue(
              'grid_community_mismatch',
              'parent',
              'the parent grid is in another community',
              '上级网格属于其他社区',
            ),
          );
        }
      } else if (parent) {
        issues.push(
          issue(
            'micro_grid_parent',
            'parent',
            'only a micro-grid has a parent grid',
            '只有微网格可以有上级网格',
          ),
        );
      }
      if (issues.length) throw new DomainError(issues);
      return { data: { ...data, areaPath: community?.path ?? null } };
    },

    async [CMS.compound](_action, data, current, viewer) {
      const issues = computedFieldIssues(['areaPath'], data, viewer);
      const community = await resolveToOne<AreaRef>(
        'community',
        CMS.area,
        data,
        current,
        viewer,
        issues,
      );
      requireGrassroots('community', community, issues);
      const grid = await resolveToOne('grid', CMS.grid, data, current, viewer, issues);
      if (grid && community && grid.areaPath !== community.path) {
        issues.push(
          issue(
            'compound_community_mismatch',
            'grid',
            'the grid is in another community',
            '所选网格属于其他社区',
          ),
        );
      }
      if (issues.length) throw new DomainError(issues);
      return { data: { ...data, areaPath: community?.path ?? null } };
    },

    async [CMS.person](_action, data, current, viewer) {
      const issues = computedFieldIssues(['areaPath'], data, viewer);
      const community = await resolveToOne<AreaRef>(
        'community',
        CMS.area,
        data,
        current,
        viewer,
        issues,
      );
      requireGrassroots('community', community, issues);
      const compound = await resolveToOne('compound', CMS.compound, data, current, viewer, issues);
      if (compound && community && compound.areaPath !== community.path) {
        issues.push(
          issue(
            'compound_community_mismatch',
            'compound',
            'the compound is in another community',
            '所选小区属于其他社区',
          ),
        );
      }
      const out: Row = { ...data, areaPath: community?.path ?? null };
      if (typeof data.phone === 'string' && data.phone !== '') {
        const phone = data.phone.replace(/[\s-]/g, '');
        out.phone = phone;
        if (!isMainlandMobile(phone)) {
          issues.push(
            issue(
              'phone_invalid',
              'phone',
              'phone must be an 11-digit mainland mobile number',
              '手机号须为11位大陆手机号码',
            ),
          );
        }
      }
      // The ID number is shown masked: the masked value sent back unchanged keeps the stored one.
      if (
        typeof data.idNumber === 'string' &&
        typeof current?.idNumber === 'string' &&
        data.idNumber === maskIdNumber(current.idNumber)
      ) {
        delete out.idNumber;
      } else if (typeof data.idNumber === 'string' && data.idNumber !== '') {
        const idNumber = data.idNumber.trim().toUpperCase();
        out.idNumber = idNumber;
        if (!isValidIdNumber(idNumber)) {
          issues.push(
            issue(
              'id_number_invalid',
              'idNumber',
              'idNumber is not a valid 18-digit resident ID number (check digit)',
              '身份证号码无效（须为18位且校验码正确）',
            ),
          );
        }
      }
      if (issues.length) throw new DomainError(issues);
      return { data: out };
    },

    async [CMS.organisation](_action, data, current, viewer) {
      const issues = computedFieldIssues(['areaPath'], data, viewer);
      const area = await resolveToOne<AreaRef>('area', CMS.area, data, current, viewer, issues);
      if (!area && !issues.some((i) => i.path === 'area')) {
        issues.push(issue('parent_required', 'area', 'area is required', '所属区域为必填项'));
      }
      const out: Row = { ...data, areaPath: area?.path ?? null };
      if (typeof data.creditCode === 'string') {
        out.creditCode = data.creditCode.trim().toUpperCase() || null;
      }
      const creditCode = 'creditCode' in out ? out.creditCode : current?.creditCode;
      const registration = data.registration ?? current?.registration ?? 'none';
      if (creditCode) {
        const problem = creditCodeProblem(creditCode as string);
        if (problem) {
          const why = {
            length: ['must be 18 characters', '须为18位'],
            character: [
              'contains a character not allowed (I, O, Z, S, V or lower case)',
              '含有不允许的字符（I、O、Z、S、V 或小写）',
            ],
            check: ['fails the GB 32100-2015 check character', '校验码不符合 GB 32100-2015'],
          }[problem];
          issues.push(
            issue(
              'credit_code_invalid',
              'creditCode',
              `creditCode ${why[0]}`,
              `统一社会信用代码${why[1]}`,
            ),
          );
        }
      } else if (registration === 'registered') {
        issues.push(
          issue(
            'credit_code_required',
            'creditCode',
            'a registered organisation needs its unified social credit code',
            '已登记的组织必须填写统一社会信用代码',
          ),
        );
      }
      if (issues.length) throw new DomainError(issues);
      return { data: out };
    },

    async [CMS.incubation](action, data, current, viewer) {
      // lastAssessedOn and nextMilestoneOn follow the JSON (incubation-derived.ts).
      const issues = computedFieldIssues(
        ['areaPath', 'lastAssessedOn', 'nextMilestoneOn'],
        data,
        viewer,
      );
      const organisation = await resolveToOne(
        'organisation',
        CMS.organisation,
        data,
        current,
        viewer,
        issues,
      );
      if (!organisation && !issues.some((i) => i.path === 'organisation')) {
        issues.push(
          issue('parent_required', 'organisation', 'organisation is required', '孵化对象为必填项'),
        );
      }
      const hubIssues: DomainIssue[] = [];
      // The hub may sit outside the viewer's scope (a district hub incubating a community group).
      const hub = await resolveToOne(
        'hub',
        CMS.organisation,
        data,
        current,
        { kind: 'global' },
        hubIssues,
      );
      issues.push(...hubIssues);
      if (!hub && hubIssues.length === 0) {
        issues.push(issue('hub_required', 'hub', 'hub is required', '孵化平台为必填项'));
      } else if (hub && hub.kind !== 'hub') {
        issues.push(
          issue(
            'hub_required',
            'hub',
            'hub must be an organisation of kind hub',
            '孵化平台必须是枢纽型社会组织',
          ),
        );
      } else if (hub && organisation && hub.id === organisation.id) {
        issues.push(
          issue('hub_is_self', 'hub', 'an organisation cannot incubate itself', '组织不能孵化自身'),
        );
      }
      const from = action === 'create' ? null : (current?.stage as IncubationStage);
      const to = (data.stage ?? current?.stage ?? 'applied') as IncubationStage;
      assertOneOf('stage', to, INCUBATION_STAGES, '孵化阶段');
      issues.push(...transitionIssues(from, to));
      // Ending an incubation needs a reason and hatching a passed assessment (when the setting
      // says so) on every path — REST, GraphQL, the board's move action, other plugins.
      const incubations = strapi.plugin('cms').service('incubations') as ReturnType<
        typeof incubationsFactory
      >;
      const settings = await incubations.settings();
      issues.push(
        ...moveIssues(
          from,
          to,
          {
            reason: data.closedReason,
            assessments: data.assessments ?? current?.assessments,
            assessmentRequired: settings.assessmentBeforeHatching,
          },
          'closedReason',
        ),
      );
      const out: Row = { ...data, areaPath: organisation?.areaPath ?? null };
      const dates: StageDates = {};
      for (const f of [
        'appliedOn',
        'assessingOn',
        'incubatingOn',
        'hatchedOn',
        'closedOn',
      ] as const) {
        dates[f] = (f in data ? data[f] : (current?.[f] ?? null)) as string | null;
      }
      if (from !== to) Object.assign(out, enterStage(dates, to, today()));
      for (const f of Object.keys(dates) as (keyof StageDates)[])
        if (f in out) dates[f] = out[f] as string | null;
      issues.push(...stageDateIssues(dates));
      for (const [field, schema] of [
        ['assessments', assessmentsSchema],
        ['milestones', milestonesSchema],
      ] as const) {
        if (data[field] === undefined || data[field] === null) continue;
        const parsed = schema.safeParse(data[field]);
        if (!parsed.success) {
          for (const zi of parsed.error.issues.slice(0, 5)) {
            const path = [field, ...zi.path].join('.');
            issues.push(
              issue(
                'invalid_value',
                path,
                `${path}: ${zi.message}`,
                `${path}：格式不正确（${zi.message}）`,
              ),
            );
          }
        }
      }
      // An assessment dated after today would satisfy the hatching rule in advance, whichever
      // path writes it (the assessments action checks the same). Dates already stored pass, so
      // older records stay editable.
      if (Array.isArray(data.assessments)) {
        const stored = new Set(
          (Array.isArray(current?.assessments)
            ? (current.assessments as { date?: unknown }[])
            : []
          ).map((a) => a?.date),
        );
        (data.assessments as { date?: unknown }[]).forEach((a, i) => {
          if (!a || typeof a !== 'object' || stored.has(a.date)) return;
          for (const found of assessmentIssues(a, today())) {
            const path = `assessments.${i}.date`;
            issues.push(
              issue(
                found.code,
                path,
                found.message.replace(/^date/, path),
                found.messageZh.replace(/^date/, path),
              ),
            );
          }
        });
      }
      if (issues.length) throw new DomainError(issues);
      return { data: out };
    },
  };

  return {
    relationPopulate,

    /** The record as stored, with its relations as { id, documentId, … }; null when absent. */
    async load(uid: string, documentId: string): Promise<Stored | null> {
      return query(uid).findOne({ where: { documentId }, populate: relationPopulate(uid) });
    },

    /** Validates a create or update and returns the data to write (with derived fields). */
    async prepare(
      uid: string,
      action: 'create' | 'update',
      data: Row,
      current: Stored | null,
      viewer: Viewer,
    ): Promise<Prepared> {
      if (
        data !== undefined &&
        (data === null || typeof data !== 'object' || Array.isArray(data))
      ) {
        throw new DomainError([
          issue('invalid_value', 'data', 'data must be an object of fields', 'data 必须是字段对象'),
        ]);
      }
      const preparer = preparers[uid];
      return preparer ? preparer(action, data ?? {}, current, viewer) : { data };
    },

    /** Refuses deleting records that others still hang from. */
    async assertDeletable(uid: string, current: Stored): Promise<void> {
      const issues: DomainIssue[] = [];
      if (uid === CMS.area) {
        const below = await query(CMS.area).count({
          where: { path: { $startsWith: current.path }, id: { $ne: current.id } },
        });
        let attached = 0;
        for (const other of [CMS.grid, CMS.compound, CMS.person, CMS.organisation]) {
          attached += await query(other).count({
            where: { areaPath: { $startsWith: current.path } },
          });
        }
        if (below + attached > 0) {
          issues.push(
            issue(
              'invalid_value',
              'id',
              `the area still has ${below} areas and ${attached} records under it`,
              `该区域下仍有 ${below} 个区域和 ${attached} 条记录，不能删除`,
            ),
          );
        }
      }
      if (uid === CMS.organisation) {
        const n = await query(CMS.incubation).count({
          where: { $or: [{ organisation: { id: current.id } }, { hub: { id: current.id } }] },
        });
        if (n > 0) {
          issues.push(
            issue(
              'invalid_value',
              'id',
              `the organisation has ${n} incubations`,
              `该组织仍有 ${n} 条孵化记录，不能删除`,
            ),
          );
        }
      }
      if (uid === CMS.grid) {
        const n = await query(CMS.grid).count({ where: { parent: { id: current.id } } });
        if (n > 0) {
          issues.push(
            issue(
              'invalid_value',
              'id',
              `the grid has ${n} micro-grids`,
              `该网格下仍有 ${n} 个微网格，不能删除`,
            ),
          );
        }
      }
      if (issues.length) throw new DomainError(issues);
    },

    /**
     * After an area's path changed (moved or recoded): rewrite the paths of everything under it.
     * Plain SQL, one statement per table, inside the caller's transaction.
     */
    async rebaseSubtree(trx: Knex.Transaction, oldPath: string, newPath: string): Promise<void> {
      const knex = strapi.db.connection;
      const tables: [string, string][] = [
        [CMS.area, 'path'],
        [CMS.grid, 'areaPath'],
        [CMS.compound, 'areaPath'],
        [CMS.person, 'areaPath'],
        [CMS.organisation, 'areaPath'],
        [CMS.incubation, 'areaPath'],
      ];
      for (const [uid, field] of tables) {
        const meta = strapi.db.metadata.get(uid);
        const column: string =
          (meta.attributes[field] as { columnName?: string }).columnName ?? field;
        // substr() rather than LIKE: codes may contain '_', which LIKE reads as a wildcard.
        await knex(meta.tableName)
          .transacting(trx)
          .whereRaw('substr(??, 1, ?) = ?', [column, oldPath.length, oldPath])
          .update({
            [column]: knex.raw('CAST(? AS TEXT) || substr(??, CAST(? AS INTEGER))', [
              newPath,
              column,
              oldPath.length + 1,
            ]),
          });
      }
    },

    /** After an organisation moved to another area: its incubations follow it. */
    async followOrganisation(
      organisationId: number,
      areaPathValue: string | null | undefined,
    ): Promise<void> {
      // The query engine's updateMany takes no relation in its where: find the rows first.
      const rows: Row[] = await query(CMS.incubation).findMany({
        where: { organisation: { id: organisationId } },
        select: ['id'],
      });
      if (rows.length === 0) return;
      await query(CMS.incubation).updateMany({
        where: { id: { $in: rows.map((r) => r.id) } },
        data: { areaPath: areaPathValue },
      });
    },
  };
};
