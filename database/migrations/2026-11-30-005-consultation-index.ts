import type { Knex } from 'knex';
import { ensureCheck } from '../migrate';

/**
 * What the database keeps true for the consultation index: one indicator per key (the seed on
 * boot and an administrator adding one at the same moment cannot both write it), one manual
 * value per indicator, community and year (two assessors entering at once: the second insert
 * fails and is answered as a conflict), no negative value or weight; and the indexes the
 * year's computation reads by.
 */
export const repeatable = true;

export async function up(knex: Knex, client: 'sqlite' | 'postgres'): Promise<void> {
  const index = (name: string, table: string, columns: string, unique = false) =>
    knex.raw(
      `CREATE ${unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ${name} ON ${table} (${columns})`,
    );
  await index('consultation_index_indicators_key', 'consultation_index_indicators', 'key', true);
  await index(
    'consultation_index_entries_one',
    'consultation_index_entries',
    'indicator_key, area_path, year',
    true,
  );
  await index(
    'consultation_index_entries_by_year',
    'consultation_index_entries',
    'year, area_path',
  );
  // The index reads a year of meetings, decisions, votes and comments by time across the scope.
  await index('consultation_meetings_by_held', 'consultation_meetings', 'held_at, area_path');
  await index('consultation_votes_by_closed', 'consultation_votes', 'closed_at, area_path');
  await index('consultation_comments_by_at', 'consultation_comments', 'at, area_path');
  await index('consultation_supports_by_at', 'consultation_supports', 'at, area_path');
  await index('consultation_topics_by_created', 'consultation_topics', 'created_at, area_path');

  const check = (table: string, name: string, expression: string) =>
    ensureCheck(knex, client, table, name, expression);
  await check('consultation_index_entries', 'consultation_index_entries_value', '{value} >= 0');
  await check(
    'consultation_index_indicators',
    'consultation_index_indicators_weight',
    '{weight} BETWEEN 0 AND 100 AND {target} > 0',
  );
}
