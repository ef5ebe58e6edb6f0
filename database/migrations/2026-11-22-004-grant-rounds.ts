import type { Knex } from 'knex';
import { ensureCheck } from '../migrate';

/**
 * What the database itself refuses in grant rounds, whatever code runs: a round awarding more
 * than its budget, a project cap above the budget, two awards for one application, a reviewer
 * assigned twice to one application, a tranche numbered twice — and an award paying, reserving
 * or returning more than it holds.
 */
export const repeatable = true;

export async function up(knex: Knex, client: 'sqlite' | 'postgres'): Promise<void> {
  const unique = (table: string, column: string) =>
    knex.raw(`CREATE UNIQUE INDEX IF NOT EXISTS ${table}_${column}_unique ON ${table} (${column})`);
  await unique('grants_awards', 'application_key');
  await unique('grants_reviews', 'assignment_key');
  await unique('grants_disbursements', 'tranche_key');

  const check = (table: string, name: string, expression: string) =>
    ensureCheck(knex, client, table, name, expression);
  await check('grants_rounds', 'grants_rounds_budget_positive', '{budget} > 0 AND {cap} > 0');
  await check('grants_rounds', 'grants_rounds_cap_within_budget', '{cap} <= {budget}');
  await check(
    'grants_rounds',
    'grants_rounds_awarded_within_budget',
    '{awarded} IS NULL OR ({awarded} >= 0 AND {awarded} <= {budget})',
  );
  await check(
    'grants_rounds',
    'grants_rounds_status_known',
    `{status} IN ('draft', 'open', 'reviewing', 'awarding', 'closed')`,
  );
  await check('grants_applications', 'grants_applications_requested_positive', '{requested} > 0');
  await check(
    'grants_awards',
    'grants_awards_within_amount',
    '{amount} > 0 AND {paid} >= 0 AND {returned} >= 0 AND {paid} <= {approved} AND {approved} + {returned} <= {amount}',
  );
  await check('grants_disbursements', 'grants_disbursements_amount_positive', '{amount} > 0');
  await check(
    'grants_disbursements',
    'grants_disbursements_status_known',
    `{status} IN ('scheduled', 'approved', 'paid', 'cancelled')`,
  );
  await check(
    'grants_disbursements',
    'grants_disbursements_paid_posted',
    `{status} <> 'paid' OR {paid_transfer_id} IS NOT NULL`,
  );
  await check(
    'grants_reviews',
    'grants_reviews_scored',
    `{status} <> 'submitted' OR ({weighted_score} IS NOT NULL AND {recommendation} IS NOT NULL)`,
  );
}
