import type { Knex } from 'knex';

/**
 * The orders the console's longest lists open in (issue 15: city-wide staff): people and
 * organisations by name (Strapi adds the id as the tie-break). With them a page of 25 for a
 * viewer whose scope covers most rows is read off the index in order (a city's 361,275 people:
 * 0.1 ms against 37 ms sorting them all), while a narrow scope still reads its few rows by the
 * path's index and sorts them — the planner chooses (plans in `node scripts/bench-city.js`).
 */
export const repeatable = true;

export async function up(knex: Knex): Promise<void> {
  for (const table of ['cms_people', 'cms_organisations']) {
    await knex.raw(`CREATE INDEX IF NOT EXISTS ${table}_name_order ON ${table} (name, id)`);
  }
}
