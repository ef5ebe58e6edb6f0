import { createHash } from 'crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { errors } from '@strapi/utils';
import { DomainError, issue, type DomainIssue } from '../domain/errors';
import {
  dataIssues,
  filterIssues,
  paginationIssues,
  sortIssues,
  type GuardContext,
  type ModelShape,
} from '../domain/query-guard';
import { maskAnswersByKind } from '../domain/audit-labels';
import { MASKS } from '../domain/mask';
import {
  fileLinkValid,
  signFileLink,
  signFileLinksIn,
  type FileLinkQuery,
} from '../domain/file-links';
import { newDocumentId } from './document-id';
import { covers, type Viewer } from '../domain/scope';

type Row = Record<string, unknown>;
type AreaRef = { id: number; documentId: string; path: string };

/**
 * How a content type's records belong to an area:
 * - `path`: a column holding an area path (`areaPath`), or a dotted relation path ending in one
 *   (`fund.areaPath`: a donation belongs where its fund belongs);
 * - `foundationWide`: every staff user sees them; the reason is required, so the choice is visible.
 */
export type ScopeRule =
  | {
      path: string;
      /** Roles to whom records with no area belong (a form's submissions that name no place). */
      unplacedFor?: readonly string[];
    }
  | { foundationWide: string };

export interface Declaration {
  scope: ScopeRule;
  /** Residents, volunteers and the public may read every record (areas, organisations). */
  publicRead?: boolean;
  /**
   * Personal fields and how each is masked. Shown whole only to viewers whose scope covers the
   * record; never filtered or sorted on through a relation by anyone but global viewers.
   */
  personal?: Record<string, (value: string) => string>;
  /**
   * Personal fields masked even for viewers whose scope owns the record (an ID number): shown
   * whole only through the audited reveal (the audit service's `reveal`), and to global viewers.
   */
  revealOnly?: readonly string[];
}

const declarations = new Map<string, Declaration>();
const AREA = 'plugin::cms.area';

/**
 * The kit every plugin uses for scope and personal data. A plugin declares, in its `register`,
 * how each of its content types belongs to an area and which fields are personal; the cms
 * document middleware then applies the declaration to every read, count, filter, sort, populate
 * and relation connect — REST, GraphQL and other plugins' calls alike — and the audit log files
 * each change under the record's area.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const viewers = () => strapi.plugin('cms').service('viewer') as { current(): Promise<Viewer> };

  const personalOf = (uid: string): readonly string[] =>
    Object.keys(declarations.get(uid)?.personal ?? {});

  // Strapi types its query engine and models per known UID; the kit serves every plugin's.
  const query = (uid: string) => strapi.db.query(uid as Parameters<typeof strapi.db.query>[0]);
  const modelOf = (uid: string) =>
    strapi.getModel(uid as Parameters<typeof strapi.getModel>[0]) as unknown as
      | ModelShape
      | undefined;
  const step = (value: unknown, key: string): unknown =>
    value && typeof value === 'object' ? (value as Row)[key] : undefined;

  const guardContext = (viewer: Viewer): GuardContext => ({
    model: modelOf,
    personal: personalOf,
    personalAnywhere: viewer.kind === 'global',
  });

  /** `fund.areaPath` → `{ fund: { areaPath: condition } }`. */
  const nest = (path: string, condition: unknown): Row =>
    path
      .split('.')
      .reverse()
      .reduce<unknown>((inner, key) => ({ [key]: inner }), condition) as Row;

  const scopePath = (uid: string): string | null => {
    const scope = declarations.get(uid)?.scope;
    return scope && 'path' in scope ? scope.path : null;
  };

  function scopeFilter(uid: string, viewer: Viewer): Row | null {
    const declaration = declarations.get(uid);
    if (!declaration || viewer.kind === 'global') return null;
    if (viewer.kind === 'public') return declaration.publicRead ? null : { id: { $null: true } };
    const scope = declaration.scope;
    if ('foundationWide' in scope) return null;
    if (!viewer.scopePath) return { id: { $null: true } };
    const within = nest(scope.path, { $startsWith: viewer.scopePath });
    return scope.unplacedFor?.includes(viewer.role)
      ? { $or: [within, nest(scope.path, { $null: true })] }
      : within;
  }

  /** The area path a record belongs to, following the declared relation path if need be. */
  async function pathOf(uid: string, row: Row | null): Promise<string | null> {
    const path = scopePath(uid);
    if (!path || !row) return null;
    const steps = path.split('.');
    const given = steps.reduce<unknown>(step, row);
    if (typeof given === 'string') return given;
    if (row.id === undefined && row.documentId === undefined) return null;
    const column = steps.pop() as string;
    const populate = steps.reduceRight<Row | undefined>(
      (inner, key) => ({ [key]: inner ? { populate: inner } : { select: [column] } }),
      undefined,
    );
    const loaded: unknown = await query(uid).findOne({
      where: row.id !== undefined ? { id: row.id } : { documentId: row.documentId },
      select: steps.length ? ['id'] : ['id', column],
      ...(populate ? { populate } : {}),
    });
    const found = [...steps, column].reduce<unknown>(step, loaded);
    return typeof found === 'string' ? found : null;
  }

  async function mayReach(uid: string, row: Row, viewer: Viewer): Promise<boolean> {
    const declaration = declarations.get(uid);
    if (!declaration || viewer.kind === 'global') return true;
    if (viewer.kind === 'public') return Boolean(declaration.publicRead);
    const scope = declaration.scope;
    if ('foundationWide' in scope) return true;
    const path = await pathOf(uid, row);
    if (path === null && scope.unplacedFor?.includes(viewer.role)) return Boolean(viewer.scopePath);
    return covers(viewer, path);
  }

  /** Masks personal fields of every record in a result (at any depth) the viewer may not see. */
  function mask(uid: string, result: unknown, viewer: Viewer): unknown {
    if (viewer.kind === 'global') return result;
    const walk = (model: string, value: unknown, depth: number): unknown => {
      if (value === null || typeof value !== 'object' || depth > 8) return value;
      if (Array.isArray(value)) return value.map((item) => walk(model, item, depth));
      const schema = modelOf(model);
      const record = value as Row;
      let out = record;
      const declaration = declarations.get(model);
      if (declaration?.personal) {
        const path = scopePath(model);
        const own = path && !path.includes('.') ? record[path] : null;
        const shown = typeof own === 'string' && covers(viewer, own);
        for (const [field, maskValue] of Object.entries(declaration.personal)) {
          if (shown && !declaration.revealOnly?.includes(field)) continue;
          const v = record[field];
          if (typeof v === 'string' && v !== '') {
            if (out === record) out = { ...record };
            out[field] = maskValue(v);
          }
        }
      }
      if (!schema) return out;
      for (const [name, attribute] of Object.entries(schema.attributes)) {
        if (attribute.type !== 'relation' || !attribute.target) continue;
        const child = out[name];
        if (!child || typeof child !== 'object') continue;
        const masked = walk(attribute.target, child, depth + 1);
        if (masked !== child) {
          if (out === record) out = { ...record };
          out[name] = masked;
        }
      }
      return out;
    };
    return walk(uid, result, 0);
  }

  const refuse = (issues: DomainIssue[]) => {
    if (issues.length) throw new DomainError(issues.slice(0, 20));
  };

  /** The documentIds and ids a relation input connects or sets (not those it disconnects). */
  function namedTargets(value: unknown): { documentIds: string[]; ids: number[]; bad: boolean } {
    const documentIds: string[] = [];
    const ids: number[] = [];
    let bad = false;
    const add = (v: unknown) => {
      if (typeof v === 'string') {
        if (/^\d+$/.test(v)) ids.push(Number(v));
        else documentIds.push(v);
      } else if (typeof v === 'number') ids.push(v);
      else if (v && typeof v === 'object') {
        const o = v as Row;
        if (typeof o.documentId === 'string') documentIds.push(o.documentId);
        else if (o.id !== undefined) add(o.id);
        else bad = true;
      } else if (v !== null && v !== undefined) bad = true;
    };
    if (Array.isArray(value)) value.forEach(add);
    else if (
      value &&
      typeof value === 'object' &&
      ('connect' in value || 'set' in value || 'disconnect' in value)
    ) {
      for (const key of ['connect', 'set'] as const) {
        const list = (value as Row)[key];
        if (list === undefined) continue;
        (Array.isArray(list) ? list : [list]).forEach(add);
      }
    } else add(value);
    return { documentIds, ids, bad };
  }

  /**
   * A relation may only be pointed at records the viewer may reach: a community worker cannot
   * attach someone else's resident to their own grid by naming a documentId found elsewhere.
   */
  async function connectIssues(uid: string, data: Row, viewer: Viewer): Promise<DomainIssue[]> {
    if (viewer.kind !== 'scoped') return [];
    const model = modelOf(uid);
    if (!model) return [];
    const issues: DomainIssue[] = [];
    for (const [field, attribute] of Object.entries(model.attributes)) {
      if (attribute.type !== 'relation' || !attribute.target || !(field in data)) continue;
      const filter = scopeFilter(attribute.target, viewer);
      if (!filter) continue;
      const { documentIds, ids, bad } = namedTargets(data[field]);
      if (bad) {
        issues.push(
          issue('invalid_value', field, `${field}: not a relation`, `${field}：关联格式不正确`),
        );
        continue;
      }
      const wanted = new Set([...documentIds, ...ids.map(String)]);
      if (wanted.size === 0) continue;
      if (ids.some((id) => !Number.isSafeInteger(id) || id < 1 || id > 2147483647)) {
        issues.push(outOfReach(field));
        continue;
      }
      const or: Row[] = [];
      if (documentIds.length) or.push({ documentId: { $in: documentIds } });
      if (ids.length) or.push({ id: { $in: ids } });
      const found: Row[] = await query(attribute.target).findMany({
        where: { $and: [{ $or: or }, filter] },
        select: ['id', 'documentId'],
      });
      const reached = new Set(found.flatMap((r) => [r.documentId, String(r.id)]));
      if ([...wanted].some((w) => !reached.has(w))) issues.push(outOfReach(field));
    }
    return issues;
  }

  const outOfReach = (field: string) =>
    issue(
      'out_of_scope',
      field,
      // The same words as for a record that does not exist: the two are indistinguishable.
      `${field}: no such record`,
      `${field}：记录不存在`,
    );

  let fileLinkSecret: string | null = null;
  /** The key file links are signed with: derived from the app's keys, the same in every process. */
  const secretOfLinks = (): string => {
    if (fileLinkSecret === null) {
      const keys = strapi.config.get('server.app.keys', []) as string[];
      fileLinkSecret = createHash('sha256')
        .update(`linli file links\n${keys.join('\n')}`)
        .digest('base64url');
    }
    return fileLinkSecret;
  };
  const fileLink = (url: string): string =>
    signFileLink(url, secretOfLinks(), Math.floor(Date.now() / 1000));

  return {
    /**
     * A stored upload's address (`/uploads/<name>`) as a link that serves the file for a while
     * (domain/file-links.ts): uploads are served only through such links, so a plugin hands one
     * out wherever it shows a file to someone who may read the record it belongs to.
     */
    fileLink,
    /** `value` (a record, a list, a JSON timeline) with every upload's address in it signed. */
    fileLinksIn: <T>(value: T): T => signFileLinksIn(value, fileLink) as T,
    /** Whether a request for `path` with this query carries a valid, unexpired link (the `private-uploads` middleware). */
    fileLinkServes: (path: string, query: FileLinkQuery): boolean =>
      fileLinkValid(path, query, secretOfLinks(), Math.floor(Date.now() / 1000)),
    /** Declares how `uid`'s records are scoped and which of their fields are personal. */
    declare(uid: string, declaration: Declaration): void {
      declarations.set(uid, declaration);
    },

    declaration: (uid: string): Declaration | undefined => declarations.get(uid),

    /** Content types that declare personal fields, with the fields. */
    personalTypes(): [string, readonly string[]][] {
      return [...declarations.keys()]
        .filter((uid) => personalOf(uid).length)
        .map((uid) => [uid, personalOf(uid)]);
    },

    scopeFilter,
    pathOf,

    /** An area by documentId, with its path (null when there is none). */
    async area(documentId: string): Promise<AreaRef | null> {
      if (typeof documentId !== 'string') return null;
      return (await query(AREA).findOne({
        where: { documentId },
        select: ['id', 'documentId', 'path'],
      })) as AreaRef | null;
    },

    /**
     * The area a new record belongs to when its client names none: the viewer's own scope; for
     * the system (seed, API tokens), the root of the tree when there is exactly one.
     */
    async homeArea(): Promise<AreaRef | null> {
      const viewer = await viewers().current();
      const select = ['id', 'documentId', 'path'];
      if (viewer.kind === 'public') return null;
      if (viewer.kind === 'scoped')
        return viewer.scopePath
          ? ((await query(AREA).findOne({ where: { path: viewer.scopePath }, select })) as AreaRef)
          : null;
      const roots = (await query(AREA).findMany({
        where: { parent: { id: { $null: true } } },
        select,
        limit: 2,
      })) as AreaRef[];
      return roots.length === 1 ? (roots[0] as AreaRef) : null;
    },
    mayReach,
    mask,
    /** How to mask a phone, an ID number or a name, for a plugin declaring its own personal fields. */
    masks: MASKS,
    /** A documentId for a row a plugin writes below the Document Service (its hot paths). */
    newDocumentId,
    /**
     * Locks a row until the transaction ends, for a plugin's read-check-write under races:
     * `SELECT … FOR UPDATE` on PostgreSQL; SQLite has one writer, which serialises already.
     */
    async lockRow(trx: Knex.Transaction, table: string, id: number): Promise<void> {
      if (strapi.db.dialect.client === 'postgres')
        await trx.raw('SELECT id FROM ?? WHERE id = ? FOR UPDATE', [table, id]);
    },
    /**
     * A form's answers with their phone- and ID-number-kind fields (and anything shaped like
     * one) masked, for readers outside the person's care (reviewers): JSON answers carry no
     * declaration the document middleware could mask by.
     */
    maskAnswers: (answers: unknown, fields: readonly { key: string; kind: string }[]) =>
      maskAnswersByKind(answers, fields),

    /** Throws "not found" when the current viewer may not reach the record (scoped staff only). */
    async assertReach(uid: string, row: Row): Promise<void> {
      const viewer = await viewers().current();
      if (viewer.kind === 'scoped' && !(await mayReach(uid, row, viewer)))
        throw new errors.NotFoundError('Not Found');
    },

    /**
     * A read's parameters checked (filters and sort: types, null characters, personal data
     * through relations; pagination) and narrowed to the viewer's scope.
     */
    guardRead(uid: string, params: Row, viewer: Viewer, relationDepth = 0): void {
      const ctx = guardContext(viewer);
      refuse([
        ...filterIssues(uid, params.filters, ctx, 'filters', relationDepth),
        ...sortIssues(uid, params.sort, ctx, 'sort'),
        ...(relationDepth > 0 ? personalSortIssues(uid, params.sort, ctx) : []),
        ...paginationIssues(params),
      ]);
    },

    /** Narrows a read's filters to the viewer's scope (in place). */
    narrow(uid: string, params: Row, viewer: Viewer): void {
      const filter = scopeFilter(uid, viewer);
      if (filter) params.filters = params.filters ? { $and: [params.filters, filter] } : filter;
    },

    /** A write's data checked (integers within their column, no null characters, relations in reach). */
    async guardWrite(uid: string, data: unknown, viewer: Viewer): Promise<void> {
      const ctx = guardContext(viewer);
      const issues = dataIssues(uid, data, ctx);
      refuse(issues);
      if (data && typeof data === 'object') refuse(await connectIssues(uid, data as Row, viewer));
    },
  };
};

/** A sort on a relation's own personal fields (a nested list sorted by phone) is through a relation. */
function personalSortIssues(uid: string, sort: unknown, ctx: GuardContext): DomainIssue[] {
  if (ctx.personalAnywhere || sort === undefined || sort === null) return [];
  const personal = ctx.personal(uid);
  const named = (text: string) => personal.includes(text.split(':')[0]!.trim());
  const hit =
    (typeof sort === 'string' && sort.split(',').some(named)) ||
    (Array.isArray(sort) && sort.some((s) => typeof s === 'string' && named(s))) ||
    (sort !== null &&
      typeof sort === 'object' &&
      !Array.isArray(sort) &&
      Object.keys(sort).some((k) => personal.includes(k)));
  return hit
    ? [
        issue(
          'invalid_value',
          'sort',
          'sort: personal data (phone, ID number) cannot be queried through a related record',
          'sort：不能通过关联记录查询个人信息（手机号、身份证号）',
        ),
      ]
    : [];
}
