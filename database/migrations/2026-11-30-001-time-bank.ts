import type { Knex } from 'knex';
import { ensureCheck } from '../migrate';

/**
 * What the database itself refuses in the time bank, whatever code runs: stock below zero, more
 * volunteers than a request needs, a negative or empty lot, a second member with one passbook
 * number or account, two services or redemptions with one number, two activities with one
 * check-in code, two policy versions with one number.
 */
export const repeatable = true;

export async function up(knex: Knex, client: 'sqlite' | 'postgres'): Promise<void> {
  const unique = (table: string, column: string) =>
    knex.raw(`CREATE UNIQUE INDEX IF NOT EXISTS ${table}_${column}_unique ON ${table} (${column})`);
  await unique('time_bank_members', 'passbook_no');
  await unique('time_bank_members', 'account_code');
  await unique('time_bank_services', 'number');
  await unique('time_bank_redemptions', 'number');
  await unique('time_bank_activities', 'checkin_code');
  await unique('time_bank_policy_versions', 'version');
  await unique('time_bank_categories', 'code');
  // Lists the console and the phone pages filter by place.
  await knex.raw(
    'CREATE INDEX IF NOT EXISTS time_bank_requests_open ON time_bank_requests (status, area_path)',
  );
  await knex.raw(
    'CREATE INDEX IF NOT EXISTS time_bank_members_area ON time_bank_members (area_path, status)',
  );

  const check = (table: string, name: string, expression: string) =>
    ensureCheck(knex, client, table, name, expression);
  await check(
    'time_bank_catalogue_items',
    'time_bank_items_stock',
    '{stock} >= 0 AND {price_minutes} > 0',
  );
  await check(
    'time_bank_requests',
    'time_bank_requests_taken',
    '{taken} >= 0 AND {taken} <= {volunteers_needed} AND {volunteers_needed} > 0',
  );
  await check(
    'time_bank_lots',
    'time_bank_lots_remaining',
    '{remaining} >= 0 AND {remaining} <= {minutes}',
  );
  await check(
    'time_bank_services',
    'time_bank_services_minutes',
    '({credited_minutes} IS NULL OR {credited_minutes} >= 0) AND ({counted_minutes} IS NULL OR {counted_minutes} >= 0)',
  );
  await check(
    'time_bank_redemptions',
    'time_bank_redemptions_positive',
    '{minutes} > 0 AND {quantity} > 0',
  );
  await check('time_bank_gifts', 'time_bank_gifts_positive', '{minutes} > 0');
}
