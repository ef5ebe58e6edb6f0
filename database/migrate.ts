import fs from 'fs';
import path from 'path';
import type { Knex } from 'knex';

/**
 * Linli's migrations: the SQL that schema.json cannot say (UNIQUE indexes, CHECK constraints,
 * triggers). Strapi runs its own user migrations *before* it creates the tables from the
 * schemas, so on a fresh database a constraint on a cms table would have nothing to attach to.
 * These therefore run right *after* Strapi's schema sync (the app registers `run` on the
 * `strapi::content-types.afterSync` hook), in file-name order, each in its own transaction.
 *
 * A migration exports `up(knex, client)`. One that exports `repeatable = true` is idempotent
 * and runs on every boot: SQLite loses a table's triggers when Strapi rebuilds the table to
 * alter a column, and re-applying is the only way to be sure they hold.
 */
export interface Migration {
  up(knex: Knex, client: 'sqlite' | 'postgres'): Promise<void>;
  repeatable?: boolean;
}

const TABLE = 'linli_migrations';

export async function runMigrations(
  knex: Knex,
  client: 'sqlite' | 'postgres',
  dir = path.join(__dirname, 'migrations'),
): Promise<string[]> {
  if (!(await knex.schema.hasTable(TABLE))) {
    await knex.schema.createTable(TABLE, (t) => {
      t.string('name', 200).primary();
      t.timestamp('applied_at').notNullable();
    });
  }
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .sort();
  const applied = new Set((await knex(TABLE).select('name')).map((r: { name: string }) => r.name));
  const ran: string[] = [];
  for (const file of files) {
    const name = file.replace(/\.js$/, '');
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- migrations are discovered at run time
    const migration = require(path.join(dir, file)) as Migration;
    if (applied.has(name) && !migration.repeatable) continue;
    await knex.transaction(async (trx) => {
      await migration.up(trx, client);
      await trx(TABLE).where({ name }).delete();
      await trx(TABLE).insert({ name, applied_at: new Date() });
    });
    ran.push(name);
  }
  return ran;
}

/**
 * A CHECK that holds on both databases: a real constraint on PostgreSQL, triggers on SQLite
 * (which cannot add a constraint to an existing table). NULL passes, as in SQL's CHECK.
 * Columns in `expression` are written `{column}`.
 */
export async function ensureCheck(
  knex: Knex,
  client: 'sqlite' | 'postgres',
  table: string,
  name: string,
  expression: string,
): Promise<void> {
  if (client === 'postgres') {
    const exists = await knex.raw('SELECT 1 FROM pg_constraint WHERE conname = ?', [name]);
    if (exists.rows.length === 0) {
      const sql = expression.replace(/\{(\w+)\}/g, '"$1"');
      await knex.raw(`ALTER TABLE ?? ADD CONSTRAINT ?? CHECK (${sql})`, [table, name]);
    }
    return;
  }
  for (const event of ['INSERT', 'UPDATE']) {
    await knex.raw(
      `CREATE TRIGGER IF NOT EXISTS ${name}_${event.toLowerCase()} BEFORE ${event} ON ${table} ` +
        `WHEN NOT (${expression.replace(/\{(\w+)\}/g, 'NEW."$1"')}) ` +
        `BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: ${name}'); END`,
    );
  }
}

/** Forbids UPDATE and DELETE on an append-only table. */
export async function ensureAppendOnly(
  knex: Knex,
  client: 'sqlite' | 'postgres',
  table: string,
): Promise<void> {
  if (client === 'postgres') {
    await knex.raw(`
      CREATE OR REPLACE FUNCTION linli_refuse_change() RETURNS trigger AS $$
      BEGIN
        RAISE EXCEPTION 'append-only table %: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END;
      $$ LANGUAGE plpgsql`);
    const name = `${table}_append_only`;
    const exists = await knex.raw('SELECT 1 FROM pg_trigger WHERE tgname = ?', [name]);
    if (exists.rows.length === 0) {
      await knex.raw(
        `CREATE TRIGGER ?? BEFORE UPDATE OR DELETE ON ?? FOR EACH ROW EXECUTE FUNCTION linli_refuse_change()`,
        [name, table],
      );
    }
    return;
  }
  for (const event of ['UPDATE', 'DELETE']) {
    await knex.raw(
      `CREATE TRIGGER IF NOT EXISTS ${table}_no_${event.toLowerCase()} BEFORE ${event} ON ${table} ` +
        `BEGIN SELECT RAISE(ABORT, 'append-only table ${table}: ${event} refused'); END`,
    );
  }
}
