import type { Knex } from 'knex';

/**
 * The orders the console's longest lists open in (issue 15: city-wide staff): people and
 * organisations by name, grids by code (Strapi adds the id as the tie-break). With them a page of
 * 25 for a viewer whose scope covers most rows is read off the index in order (a city's 361,275
 * people: 0.1 ms against 37 ms sorting them all), while a narrow scope still reads its few rows by
 * the path's index and sorts them — the planner chooses (plans in `node scripts/bench-city.js`).
 *
 * Each index also carries the columns the lists filter on (the scope's path; a grid's level), so
 * that on SQLite a deep page skips the rows before it in the index alone, reading no row it does
 * not answer: people's page 1,000 by name (offset 24,975) went from 36 ms to 1.3 ms, offset
 * 250,000 from 343 ms to 15 ms. (PostgreSQL reads each skipped row from the table all the same.)
 * The first version of this migration made the same indexes without those columns.
 */
export const repeatable = true;

const LIST_ORDERS: [table: string, columns: string][] = [
  ['cms_people', 'name, id, area_path'],
  ['cms_organisations', 'name, id, area_path'],
  ['cms_grids', 'code, id, level, area_path'],
];

export async function up(knex: Knex): Promise<void> {
  for (const [table, columns] of LIST_ORDERS) {
    await knex.raw(`DROP INDEX IF EXISTS ${table}_name_order`);
    await knex.raw(`CREATE INDEX IF NOT EXISTS ${table}_list_order ON ${table} (${columns})`);
  }
}
