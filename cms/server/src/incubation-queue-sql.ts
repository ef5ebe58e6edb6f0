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
 * - due for assessment (`dueForAssessment`): `since` = the latest assessment's date (the column
 *   `last_assessed_on`), else the date the current stage was entered, else the application's;
 *   due when there is none, or when `since` + 182 days ≤ today — that is, `since` ≤ today − 182
 *   days (calendar arithmetic is one-to-one on days, so the two tests agree);
 * - an overdue milestone (`hasOverdueMilestone`): an incubating record whose earliest milestone
 *   not yet reached (the column `next_milestone_on`) is dated before today.
 *
 * The two columns are kept from the JSON on every write by the domain's own functions
 * (incubation-derived.ts): reading the JSON here cost 8 ms for a city's incubating column on
 * SQLite. Dates compare as strings, byte by byte (`COLLATE "C"` on PostgreSQL), as they do in
 * JavaScript against an ISO date. tests/api/incubation-assessments.test.ts holds the figures to
 * the board's and to milestones and assessments written for each rule, whatever the JSON holds.
 * Bindings are positional: knex's named ones would read PostgreSQL's casts.
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

function since(d: Dialect): string {
  const text = (column: string) => (d === 'postgres' ? `CAST(${column} AS text)` : column);
  return `COALESCE(last_assessed_on,
    CASE WHEN stage = 'incubating' THEN ${text('incubating_on')} ELSE ${text('assessing_on')} END,
    ${text('applied_on')})`;
}

/** Bound `?`: today. */
const overdueMilestone = (d: Dialect) =>
  `next_milestone_on${d === 'postgres' ? ' COLLATE "C"' : ''} < ?`;

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
  /**
   * The page's documentIds, newest change first (then the highest id), as the board lists; null
   * when nothing is filtered out, the page then being the column's first rows in that order.
   */
  page: string[] | null;
}

/**
 * One column of the incubation board over the rows `ids` selects (one stage, the viewer's scope
 * and the board's search): its counts in one statement and its page in another, kept to those
 * due for assessment and/or with a milestone overdue when `only` asks — by the same rules as the
 * dashboard's figures, so that the two agree at any size (the board read every row's JSON into
 * Node before: 33 ms for a city's incubating column; the database read it, 8 ms, until the
 * dates it needs were kept in columns).
 */
export async function incubationBoardColumn(
  knex: Knex,
  dialect: Dialect,
  table: string,
  ids: Knex.QueryBuilder,
  today: string,
  stage: string,
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
  // Two statements, each one pass: the column's sums, then the page of the kept rows. (One
  // statement with window sums beside every row cost 3.5 ms for a city's incubating column on
  // SQLite, sorting and keeping every row for the window; the two together, 2.6 ms.) Now that the dates
  // are columns, a derived table costs nothing to compute twice.
  const [sums] = (await knex
    .from(perRow(knex, dialect, table, ids, today).as('queued'))
    .select(
      knex.raw(`COALESCE(SUM(CASE WHEN ${keptSql} THEN 1 ELSE 0 END), 0) AS total`, keptBindings),
      knex.raw(`COALESCE(SUM(CASE WHEN ${isDue(dialect)} THEN 1 ELSE 0 END), 0) AS due`, [dueBy]),
      knex.raw('COALESCE(SUM(overdue), 0) AS overdue'),
    )) as Record<'total' | 'due' | 'overdue', unknown>[];
  const c = sums ?? {};
  const figures = {
    total: Number(c.total ?? 0),
    due: Number(c.due ?? 0),
    overdue: Number(c.overdue ?? 0),
  };
  // Unfiltered, the page is the column's own order, which the caller reads off the board's index.
  if (!kept.length) return { ...figures, page: null };
  // Filtered, the same conditions on the table itself with the column's stage named, so that
  // the database can walk the board's index (stage, updated_at, id) newest first and stop at the
  // page's end (PostgreSQL sorted the whole column otherwise: 5 ms for a city's 2,508).
  const where = [
    ...(only.due
      ? [
          {
            sql: `COALESCE(${since(dialect)}, '')${dialect === 'postgres' ? ' COLLATE "C"' : ''} <= ?`,
            bindings: [dueBy],
          },
        ]
      : []),
    ...(only.overdue
      ? [{ sql: `stage = 'incubating' AND ${overdueMilestone(dialect)}`, bindings: [today] }]
      : []),
  ];
  const rows: { document_id: unknown }[] = await knex(table)
    .where('stage', stage)
    .whereIn('id', ids)
    .whereRaw(
      where.map((w) => `(${w.sql})`).join(' AND '),
      where.flatMap((w) => w.bindings),
    )
    .select('document_id')
    .orderBy([
      { column: 'updated_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .offset(page.offset)
    .limit(page.limit);
  return { ...figures, page: rows.map((r) => String(r.document_id)) };
}
