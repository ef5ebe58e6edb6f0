import type { Knex } from 'knex';
import { ASSESSMENT_INTERVAL_DAYS, addDays } from './domain/incubation-records';

/**
 * The dashboard's two incubation figures counted by the database (issue 15: at a city's scale
 * reading every assessed incubation's JSON into Node cost more than the page), the same rules as
 * the domain's functions, which the board and the incubation page use row by row:
 *
 * - due for assessment (`dueForAssessment`): `since` = the latest assessment's date (a string
 *   `date` in `assessments`), else the date the current stage was entered, else the application's;
 *   due when there is none, or when `since` + 182 days ≤ today — that is, `since` ≤ today − 182
 *   days (calendar arithmetic is one-to-one on days, so the two tests agree);
 * - an overdue milestone (dashboard.ts until now): an incubating record with a milestone that is
 *   not done (JavaScript's falsy: absent, null, false, 0, ""), whose status is neither `achieved`
 *   nor `missed`, and whose string `date` is before today.
 *
 * Dates compare as strings, byte by byte (`COLLATE "C"` on PostgreSQL), as they do in JavaScript.
 * JSON that is not what the forms write (not an array, an element not an object) counts as the
 * functions count it: as nothing. tests/api/work-queue.test.ts holds the figures to the board's
 * and to milestones written for each rule. Bindings are positional: knex's named ones would
 * read PostgreSQL's casts.
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

/**
 * How many of the incubations `ids` selects (assessing or incubating, in the viewer's scope) are
 * due for assessment on `today`, and how many incubating ones have a milestone overdue.
 */
export async function assessedFigures(
  knex: Knex,
  dialect: Dialect,
  table: string,
  ids: Knex.QueryBuilder,
  today: string,
): Promise<{ due: number; overdue: number }> {
  const dueBy = addDays(today, -ASSESSMENT_INTERVAL_DAYS);
  // No `since` is due: '' sorts first. (One reading of `since`: an `IS NULL OR` would make the
  // database compute it twice.)
  const collated =
    dialect === 'postgres' ? `COALESCE(since, '') COLLATE "C"` : `COALESCE(since, '')`;
  // Each row's `since` once (a derived table), then the two sums.
  const perRow = knex(table)
    .whereIn('id', ids)
    .select(
      knex.raw(`${since(dialect)} AS since`),
      knex.raw(
        `CASE WHEN stage = 'incubating' AND ${overdueMilestone(dialect)} THEN 1 ELSE 0 END AS overdue`,
        [today],
      ),
    )
    .as('assessed');
  const [row] = await knex
    .from(perRow)
    .select(
      knex.raw(`COALESCE(SUM(CASE WHEN ${collated} <= ? THEN 1 ELSE 0 END), 0) AS due`, [dueBy]),
      knex.raw('COALESCE(SUM(overdue), 0) AS overdue'),
    );
  const r = row as { due: unknown; overdue: unknown } | undefined;
  return { due: Number(r?.due ?? 0), overdue: Number(r?.overdue ?? 0) };
}
