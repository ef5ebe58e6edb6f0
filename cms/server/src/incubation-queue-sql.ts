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
  // A string element's value is not JSON text: the object test comes first, in its own CASE.
  return `(SELECT MAX(CASE WHEN a.type = 'object' THEN
      CASE WHEN json_type(a.value, '$.date') = 'text' THEN json_extract(a.value, '$.date') END END)
    FROM json_each(${array(d, 'assessments')}) a)`;
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
  const field = (name: string) => `json_type(m.value, '$.${name}')`;
  const value = (name: string) => `json_extract(m.value, '$.${name}')`;
  return `EXISTS (SELECT 1 FROM json_each(${array(d, 'milestones')}) m
    WHERE CASE WHEN m.type = 'object' THEN
      (${field('done')} IS NULL OR ${field('done')} IN ('null', 'false')
        OR (${field('done')} IN ('integer', 'real') AND ${value('done')} = 0)
        OR (${field('done')} = 'text' AND ${value('done')} = ''))
      AND (${field('status')} IS NOT 'text' OR ${value('status')} NOT IN ('achieved', 'missed'))
      AND ${field('date')} = 'text' AND ${value('date')} < ?
    ELSE 0 END)`;
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
  const sinceCollated = dialect === 'postgres' ? `${since(dialect)} COLLATE "C"` : since(dialect);
  const [row] = await knex(table)
    .whereIn('id', ids)
    .select(
      knex.raw(
        `COALESCE(SUM(CASE WHEN stage IN ('assessing', 'incubating')
          AND (${since(dialect)} IS NULL OR ${sinceCollated} <= ?) THEN 1 ELSE 0 END), 0) AS due`,
        [dueBy],
      ),
      knex.raw(
        `COALESCE(SUM(CASE WHEN stage = 'incubating' AND ${overdueMilestone(dialect)}
          THEN 1 ELSE 0 END), 0) AS overdue`,
        [today],
      ),
    );
  const r = row as { due: unknown; overdue: unknown } | undefined;
  return { due: Number(r?.due ?? 0), overdue: Number(r?.overdue ?? 0) };
}
