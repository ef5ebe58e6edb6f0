import type { Knex } from 'knex';
import { ensureAppendOnly, ensureCheck } from '../migrate';

/**
 * The cms tables' real constraints. Strapi's `"unique": true` is checked by the application
 * only (concurrent creates duplicate), and its enumerations and `min` exist only in the
 * application: the database must refuse these too.
 */
export const repeatable = true;

export async function up(knex: Knex, client: 'sqlite' | 'postgres'): Promise<void> {
  const unique: [string, string][] = [
    ['cms_areas', 'code'],
    ['cms_grids', 'code'],
    ['cms_organisations', 'credit_code'],
  ];
  for (const [table, column] of unique) {
    await knex.raw(`CREATE UNIQUE INDEX IF NOT EXISTS ?? ON ?? (??)`, [
      `${table}_${column}_unique`,
      table,
      column,
    ]);
  }

  // Subtree queries are prefix matches on the materialised paths.
  const pathOps = client === 'postgres' ? ' text_pattern_ops' : '';
  const paths: [string, string][] = [
    ['cms_areas', 'path'],
    ['cms_grids', 'area_path'],
    ['cms_compounds', 'area_path'],
    ['cms_people', 'area_path'],
    ['cms_organisations', 'area_path'],
    ['cms_incubations', 'area_path'],
  ];
  for (const [table, column] of paths) {
    await knex.raw(`CREATE INDEX IF NOT EXISTS ?? ON ?? (??${pathOps})`, [
      `${table}_${column}_prefix`,
      table,
      column,
    ]);
  }

  const nonNegative: [string, string][] = [
    ['cms_areas', 'households'],
    ['cms_areas', 'population'],
    ['cms_grids', 'households'],
    ['cms_compounds', 'households'],
    ['cms_compounds', 'buildings'],
    ['cms_organisations', 'members'],
  ];
  for (const [table, column] of nonNegative) {
    await ensureCheck(knex, client, table, `${table}_${column}_non_negative`, `{${column}} >= 0`);
  }

  const enums: [string, string, string[]][] = [
    // `city` joined the levels later (2026-12-01-002, which makes this check again).
    ['cms_areas', 'level', ['district', 'subdistrict', 'town', 'community', 'village']],
    ['cms_grids', 'level', ['grid', 'micro']],
    [
      'cms_incubations',
      'stage',
      ['applied', 'assessing', 'incubating', 'hatched', 'withdrawn', 'rejected'],
    ],
  ];
  for (const [table, column, values] of enums) {
    const list = values.map((v) => `'${v}'`).join(', ');
    await ensureCheck(knex, client, table, `${table}_${column}_valid`, `{${column}} IN (${list})`);
  }

  await ensureAppendOnly(knex, client, 'cms_audit_entries');
}
