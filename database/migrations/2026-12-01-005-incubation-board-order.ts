import type { Knex } from 'knex';

/**
 * The incubation board's order (issue 15: city-wide staff): a column is one stage, newest change
 * first (`updated_at DESC, id DESC`), within the viewer's area. With this index a column's page
 * of 20 is read off the index backwards instead of sorting the stage's rows in scope (a city's
 * 5,215 hatched: 5 ms to sort), and the column's count reads the index alone (stage and path
 * both in it) instead of the table.
 */
export const repeatable = true;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    'CREATE INDEX IF NOT EXISTS cms_incubations_board_order ON cms_incubations (stage, updated_at, id, area_path)',
  );
}
