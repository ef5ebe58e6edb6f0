import type { Knex } from 'knex';
import { ensureCheck } from '../migrate';

/**
 * The grants tables' real constraints: unique fund codes and receipt numbers, positive amounts,
 * known statuses — and the receipt counters, one row per year, taken in the receiving
 * transaction so receipt numbers have no gaps.
 */
export const repeatable = true;

export async function up(knex: Knex, client: 'sqlite' | 'postgres'): Promise<void> {
  await knex.raw(
    'CREATE UNIQUE INDEX IF NOT EXISTS grants_funds_code_unique ON grants_funds (code)',
  );
  await knex.raw(
    'CREATE UNIQUE INDEX IF NOT EXISTS grants_donations_receipt_no_unique ON grants_donations (receipt_no)',
  );
  await ensureCheck(
    knex,
    client,
    'grants_donations',
    'grants_donations_amount_positive',
    '{amount} > 0',
  );
  await ensureCheck(
    knex,
    client,
    'grants_donations',
    'grants_donations_status_known',
    `{status} IN ('pledged', 'received', 'refunded')`,
  );
  await ensureCheck(
    knex,
    client,
    'grants_donations',
    'grants_donations_received_numbered',
    `({status} = 'pledged') OR ({receipt_no} IS NOT NULL AND {transfer_id} IS NOT NULL)`,
  );
  if (!(await knex.schema.hasTable('grants_receipt_counters'))) {
    await knex.schema.createTable('grants_receipt_counters', (t) => {
      t.integer('year').primary();
      t.integer('last').notNullable();
    });
  }
}
