import type { Knex } from 'knex';
import { ensureCheck } from '../migrate';

/**
 * A city above its districts (issue 15: city-wide staff, whose scope is the city's area): the
 * check on `cms_areas.level` that 2026-11-21-001 made is made again with `city` among the levels.
 * Run once; an area of another level is refused as before.
 */
const NAME = 'cms_areas_level_valid';
const LEVELS = ['city', 'district', 'subdistrict', 'town', 'community', 'village'];

export async function up(knex: Knex, client: 'sqlite' | 'postgres'): Promise<void> {
  if (client === 'postgres') {
    await knex.raw(`ALTER TABLE cms_areas DROP CONSTRAINT IF EXISTS ${NAME}`);
  } else {
    await knex.raw(`DROP TRIGGER IF EXISTS ${NAME}_insert`);
    await knex.raw(`DROP TRIGGER IF EXISTS ${NAME}_update`);
  }
  const list = LEVELS.map((v) => `'${v}'`).join(', ');
  await ensureCheck(knex, client, 'cms_areas', NAME, `{level} IN (${list})`);
}
