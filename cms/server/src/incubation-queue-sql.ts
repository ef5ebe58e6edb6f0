import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { ASSESSMENT_INTERVAL_DAYS, addDays } from './domain/incubation-records';
import type kitFactory from './services/kit';
import type viewerFactory from './services/viewer';
import { CMS } from './uids';

/**
 * The dashboard's incubation figures counted by the database (issue 15: at a city's scale
 * reading every assessed incubation's JSON into Node cost more than the page), the same rules as
 * the domain's functions, which the board and the incubation page use row by row:
 *
 * - due for assessment (`dueForAssessment`): `since` = the latest assessment's date (a string
 *   `date` in `assessments`), else the date the current stage was entered, else the application's;
 *   due when there is none, or when `since` + 182 days ≤ today — that is, `since` ≤ today − 182
 *   days (calendar arithmetic is one-to-one on days, so the two tests agree);
 * - an overdue milestone (`hasOverdueMilestone`): an incubating record with a milestone that is
 *   not done (JavaScript's falsy: absent, null, false, 0, ""), whose status is neither `achieved`
 *   nor `missed`, and whose string `date` is before today.
 *
 * Dates compare as strings, byte by byte (`COLLATE "C"` on PostgreSQL), as they do in JavaScript.
 * JSON that is not what the forms write (not an array, an element not an object) counts as the
 * functions count it: as nothing. tests/api/incubation-assessments.test.ts holds the figures to
 * the board's and to milestones and assessments written for each rule. Bindings are positional:
 * knex's named ones would read PostgreSQL's casts.
 */

type Dialect = 'sqlite' | 'postgres';

/**
 * A subquery of the ids of the incubations `where` selects (database query syntax, relations
 * included) within the current viewer's area: the kit's scope filter made SQL by Strapi's own
 * query builder, so that what follows is counted by the database over every row in reach (a
 * city's tens of thousands), none read into Node. Wrapped: a knex query is a thenable, which an
 * async function would run and answer with its rows.
 */
export async function incubationIdsInScope(
  strapi: Core.Strapi,
  where: Record<string, unknown>,
): Promise<{ ids: Knex.QueryBuilder; knex: Knex; dialect: Dialect; table: string }> {
  const kit = strapi.plugin('cms').service('kit') as ReturnType<typeof kitFactory>;
  const viewers = strapi.plugin('cms').service('viewer') as ReturnType<typeof viewerFactory>;
  const inScope = kit.scopeFilter(CMS.incubation, await viewers.current());
  const ids = strapi.db.entityManager
    .createQueryBuilder(CMS.incubation)
    .init({ where: inScope ? { $and: [inScope, where] } : where, select: ['id'] })
    .getKnexQuery();
  return {
    ids,
    knex: strapi.db.connection as unknown as Knex,
    dialect: strapi.db.dialect.client === 'postgres' ? 'postgres' : 'sqlite',
    table: strapi.db.metadata.get(CMS.incubation).tableName,
  };
}

/** The JSON array in `column`, or NULL (no rows) when it is anything else. */
const array = (d: Dialect, column: string) =>
  d === 'postgres'
    ? `CASE WHEN jsonb_typeof(${column}) = 'array' THEN ${column} END`
    : `CASE WHEN json_valid(${column}) THEN CASE WHEN json_type(${column}) = 'array' THEN ${column} END END`;

function lastAssessedOn(d: Dialect): string {
  if (d === 'postgres')
    return `(SELECT MAX(a->>'date' COLLATE "C") FROM jsonb_array_elements(${array(d, 'assessments')}) a
      WHERE jsonb_typeof(a->'date') = 'string')`;
  // A string element's value is not JSON text: only objects' fields are read (`->>` gives a
  // JSON string as text, a number as a number).
  return `(SELECT MAX(CASE WHEN typeof(d) = 'text' THEN d END) FROM (
      SELECT CASE WHEN a.type = 'object' THEN a.value ->> '$.date' END AS d
      FROM json_each(${array(d, 'assessments')}) a))`;
}

function since(d: Dialect): string {
  const text = (column: string) => (d === 'postgres' ? `CAST(${column} AS text)` : column);
  return `COALESCE(${lastAssessedOn(d)},
    CASE WHEN stage = 'incubating' THEN ${text('incubating_on')} ELSE ${text('assessing_on')} END,
    ${text('applied_on')})`;
}

function overdueMilestone(d: Dialect): string {
  if (d === 'postgres')
    return `EXISTS (SELECT 1 FROM jsonb_array_elements(${array(d, 'milestones')}) m
      WHERE jsonb_typeof(m) = 'object'
        AND COALESCE(m->'done', CAST('null' AS jsonb))
          IN (CAST('null' AS jsonb), CAST('false' AS jsonb), CAST('0' AS jsonb), CAST('""' AS jsonb))
        AND (jsonb_typeof(m->'status') IS DISTINCT FROM 'string' OR m->>'status' NOT IN ('achieved', 'missed'))
        AND jsonb_typeof(m->'date') = 'string' AND (m->>'date') COLLATE "C" < ?)`;
  // Each field read once per element; `->>` gives true/false as 1/0 and null as NULL, so
  // JavaScript's falsy `done` is NULL, 0 or ''.
  const read = (name: string) =>
    `CASE WHEN m.type = 'object' THEN m.value ->> '$.${name}' END AS ${name}`;
  return `EXISTS (SELECT 1 FROM (
      SELECT ${read('done')}, ${read('status')}, ${read('date')}
      FROM json_each(${array(d, 'milestones')}) m WHERE m.type = 'object')
    WHERE COALESCE(done, 0) IN (0, '') AND COALESCE(status, '') NOT IN ('achieved', 'missed')
      AND typeof(date) = 'text' AND date < ?)`;
}

export interface IncubationQueueFigures {
  applied: number;
  assessing: number;
  due: number;
  overdue: number;
}

/**
 * Of the incubations `ids` selects (applied, assessing or incubating, in the viewer's scope):
 * how many applied, how many being assessed, how many assessed ones are due for assessment on
 * `today`, and how many incubating ones have a milestone overdue — one statement.
 */
export async function incubationQueueFigures(
  knex: Knex,
  dialect: Dialect,
  table: string,
  ids: Knex.QueryBuilder,
  today: string,
): Promise<IncubationQueueFigures> {
  const dueBy = addDays(today, -ASSESSMENT_INTERVAL_DAYS);
  const [row] = await knex
    .from(perRow(knex, dialect, table, ids, today).as('queued'))
    .select(
      knex.raw(`COALESCE(SUM(CASE WHEN stage = 'applied' THEN 1 ELSE 0 END), 0) AS applied`),
      knex.raw(`COALESCE(SUM(CASE WHEN stage = 'assessing' THEN 1 ELSE 0 END), 0) AS assessing`),
      knex.raw(`COALESCE(SUM(CASE WHEN ${isDue(dialect)} THEN 1 ELSE 0 END), 0) AS due`, [dueBy]),
      knex.raw('COALESCE(SUM(overdue), 0) AS overdue'),
    );
  const r = (row ?? {}) as Record<keyof IncubationQueueFigures, unknown>;
  return {
    applied: Number(r.applied ?? 0),
    assessing: Number(r.assessing ?? 0),
    due: Number(r.due ?? 0),
    overdue: Number(r.overdue ?? 0),
  };
}

/**
 * Each incubation `ids` selects with what the rules need of it, `since` and `overdue` computed
 * once (a derived table): its id, documentId, stage and last update, the date its assessment
 * interval runs from ('' when none: due; NULL when not assessed: never due) and whether a
 * milestone is overdue (1 or 0).
 */
function perRow(
  knex: Knex,
  dialect: Dialect,
  table: string,
  ids: Knex.QueryBuilder,
  today: string,
) {
  // A record with no `since` is due: '' sorts first. (`IS NULL OR` would have the database
  // compute `since` twice.) An applied one is never due: NULL.
  const assessed = `stage IN ('assessing', 'incubating')`;
  return knex(table)
    .whereIn('id', ids)
    .select(
      'id',
      'document_id',
      'stage',
      'updated_at',
      knex.raw(`CASE WHEN ${assessed} THEN COALESCE(${since(dialect)}, '') END AS since`),
      knex.raw(
        `CASE WHEN stage = 'incubating' AND ${overdueMilestone(dialect)} THEN 1 ELSE 0 END AS overdue`,
        [today],
      ),
    );
}

/** Over `perRow`: whether the row is due for assessment, given `since` ≤ the bound (bound `?`). */
const isDue = (dialect: Dialect) =>
  `${dialect === 'postgres' ? 'since COLLATE "C"' : 'since'} <= ?`;

export interface BoardColumnFigures {
  /** The rows that pass the column's filters (`due`, `overdue` when asked). */
  total: number;
  /** Of the column's rows, how many are due for assessment, and how many have a milestone overdue. */
  due: number;
  overdue: number;
  /** The page's documentIds, newest change first (then the highest id), as the board lists. */
  page: string[];
}

/**
 * One column of the incubation board over the rows `ids` selects (one stage, the viewer's scope
 * and the board's search): its counts in one statement and its page in another, kept to those
 * due for assessment and/or with a milestone overdue when `only` asks — by the same rules as the
 * dashboard's figures, so that the two agree at any size (the board read every row's JSON into
 * Node before: 33 ms for a city's incubating column).
 */
export async function incubationBoardColumn(
  knex: Knex,
  dialect: Dialect,
  table: string,
  ids: Knex.QueryBuilder,
  today: string,
  only: { due?: boolean; overdue?: boolean },
  page: { offset: number; limit: number },
): Promise<BoardColumnFigures> {
  const dueBy = addDays(today, -ASSESSMENT_INTERVAL_DAYS);
  const kept = [
    ...(only.due ? [{ sql: isDue(dialect), bindings: [dueBy] }] : []),
    ...(only.overdue ? [{ sql: 'overdue = 1', bindings: [] }] : []),
  ];
  const keptSql = kept.length ? kept.map((k) => `(${k.sql})`).join(' AND ') : '1 = 1';
  const keptBindings = kept.flatMap((k) => k.bindings);
  // One pass over the column's JSON: each row marked kept and due, the sums over the whole
  // column alongside every row (window sums, computed before the page is cut), the kept rows
  // first so that the page is cut from them. The rows' figures are a MATERIALIZED table: the
  // planner would otherwise fold the derived table into the query above and compute `since`
  // (the JSON read) once for each place that names it.
  const marked = knex
    .from('queued')
    .select(
      'document_id',
      'updated_at',
      'id',
      'overdue',
      knex.raw(`CASE WHEN ${keptSql} THEN 1 ELSE 0 END AS kept`, keptBindings),
      knex.raw(`CASE WHEN ${isDue(dialect)} THEN 1 ELSE 0 END AS is_due`, [dueBy]),
    )
    .as('marked');
  const rows: Record<'document_id' | 'kept' | 'total' | 'due' | 'overdue', unknown>[] = await knex
    .withMaterialized('queued', perRow(knex, dialect, table, ids, today))
    .from(marked)
    .select(
      'document_id',
      'kept',
      knex.raw('SUM(kept) OVER () AS total'),
      knex.raw('SUM(is_due) OVER () AS due'),
      knex.raw('SUM(overdue) OVER () AS overdue'),
    )
    .orderBy([
      { column: 'kept', order: 'desc' },
      { column: 'updated_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .offset(page.offset)
    .limit(page.limit);
  // A page past the column's end has no row to carry the sums: count them alone then.
  const c =
    rows[0] ??
    ((
      await knex
        .from(perRow(knex, dialect, table, ids, today).as('queued'))
        .select(
          knex.raw(
            `COALESCE(SUM(CASE WHEN ${keptSql} THEN 1 ELSE 0 END), 0) AS total`,
            keptBindings,
          ),
          knex.raw(`COALESCE(SUM(CASE WHEN ${isDue(dialect)} THEN 1 ELSE 0 END), 0) AS due`, [
            dueBy,
          ]),
          knex.raw('COALESCE(SUM(overdue), 0) AS overdue'),
        )
    )[0] as Record<'total' | 'due' | 'overdue', unknown> | undefined) ??
    {};
  return {
    total: Number(c.total ?? 0),
    due: Number(c.due ?? 0),
    overdue: Number(c.overdue ?? 0),
    page: rows.filter((r) => Number(r.kept) === 1).map((r) => String(r.document_id)),
  };
}
