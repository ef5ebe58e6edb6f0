import type { Knex } from 'knex';
import { ASSESSMENT_INTERVAL_DAYS, addDays } from './domain/incubation-records';

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
  // A record with no `since` is due: '' sorts first. (`IS NULL OR` would have the database
  // compute `since` twice.) An applied one is never due: NULL.
  const assessed = `stage IN ('assessing', 'incubating')`;
  const collated = dialect === 'postgres' ? 'since COLLATE "C"' : 'since';
  // Each row's `since` once (a derived table), then the sums.
  const perRow = knex(table)
    .whereIn('id', ids)
    .select(
      'stage',
      knex.raw(`CASE WHEN ${assessed} THEN COALESCE(${since(dialect)}, '') END AS since`),
      knex.raw(
        `CASE WHEN stage = 'incubating' AND ${overdueMilestone(dialect)} THEN 1 ELSE 0 END AS overdue`,
        [today],
      ),
    )
    .as('queued');
  const [row] = await knex
    .from(perRow)
    .select(
      knex.raw(`COALESCE(SUM(CASE WHEN stage = 'applied' THEN 1 ELSE 0 END), 0) AS applied`),
      knex.raw(`COALESCE(SUM(CASE WHEN stage = 'assessing' THEN 1 ELSE 0 END), 0) AS assessing`),
      knex.raw(`COALESCE(SUM(CASE WHEN ${collated} <= ? THEN 1 ELSE 0 END), 0) AS due`, [dueBy]),
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
