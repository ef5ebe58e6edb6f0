import type { Knex } from 'knex';

/**
 * The sign-in attempts table (src/accounts/login-limit.ts): one row per account key (a hash of
 * the identifier, never the identifier itself) and fixed window, bumped with one upsert per
 * attempt, so that every Strapi process on the database counts the same attempts.
 */
export const repeatable = true;

export async function up(knex: Knex): Promise<void> {
  if (await knex.schema.hasTable('linli_login_attempts')) return;
  await knex.schema.createTable('linli_login_attempts', (t) => {
    t.string('bucket_key', 200).primary();
    t.bigInteger('window_start').notNullable().index();
    t.integer('hits').notNullable();
  });
}
