import type { Knex } from 'knex';
import { ensureAppendOnly, ensureCheck } from '../migrate';

/**
 * What the database itself keeps true for cases, whatever code runs: one case per number and per
 * receipt code, one published version per type and number, one calendar row per year, a timeline
 * nobody can edit or delete, ratings between 1 and 5; the counters cases are numbered from; and
 * the indexes the queues and the sweep read by (at a million cases, each queue is an index range).
 */
export const repeatable = true;

export async function up(knex: Knex, client: 'sqlite' | 'postgres'): Promise<void> {
  const index = (name: string, table: string, columns: string, unique = false) =>
    knex.raw(
      `CREATE ${unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ${name} ON ${table} (${columns})`,
    );
  await index('cases_number_unique', 'cases', 'number', true);
  await index('cases_receipt_code_unique', 'cases', 'receipt_code', true);
  await index('case_types_key_unique', 'case_types', 'key', true);
  await index('case_type_versions_unique', 'case_type_versions', 'type_key, version', true);
  await index('case_calendar_years_year_unique', 'case_calendar_years', 'year', true);
  // The queues: mine, my unit's, a community's, by SLA status; the sweep's deadlines.
  await index('cases_by_user', 'cases', 'assignee_user_id, state_kind, id');
  await index('cases_by_unit', 'cases', 'assignee_unit_id, state_kind, id');
  await index('cases_by_area', 'cases', 'area_path, state_kind, id');
  await index('cases_by_sla', 'cases', 'sla_status, area_path');
  await index('cases_warn_at', 'cases', 'warn_at');
  await index('cases_due_at', 'cases', 'due_at');
  await index('cases_state_warn_at', 'cases', 'state_warn_at');
  await index('cases_state_due_at', 'cases', 'state_due_at');
  await index('cases_reporter', 'cases', 'reporter_user_id');
  await index('cases_created', 'cases', 'created_at');
  await index('cases_sweep_mark', 'cases', 'sweep_mark');
  // The queues list active cases by due time: closed ones keep their due_at, so an index over
  // every case made PostgreSQL walk 745,508 closed rows before the first open one (4.8 s at a
  // million cases; 14 ms with this one).
  await knex.raw(
    "CREATE INDEX IF NOT EXISTS cases_active_due ON cases (due_at, id) WHERE state_kind IN ('open', 'waiting')",
  );
  // A case's parts (split) and the duplicates merged into it, read on its screen.
  await index('cases_parent', 'cases', 'parent_id');
  await index('case_steps_by_case', 'case_steps', 'case_id, id');
  await index('case_whistles_by_case', 'case_whistles', 'case_id');
  await index('case_whistles_by_department', 'case_whistles', 'department_id, called_at');
  await index('case_whistles_report_due', 'case_whistles', 'state, report_due_at');
  await index('case_whistles_sweep_mark', 'case_whistles', 'sweep_mark');
  await index('case_notifications_inbox', 'case_notifications', 'user_id, read_at, id');
  await index('case_notifications_dedupe', 'case_notifications', 'dedupe_key', true);

  await knex.raw(
    `CREATE TABLE IF NOT EXISTS cases_counters (
       type_key varchar(40) NOT NULL,
       year integer NOT NULL,
       last integer NOT NULL DEFAULT 0,
       PRIMARY KEY (type_key, year))`,
  );

  await ensureAppendOnly(knex, client, 'case_steps');
  const check = (table: string, name: string, expression: string) =>
    ensureCheck(knex, client, table, name, expression);
  await check('cases', 'cases_satisfaction', '{satisfaction} BETWEEN 1 AND 5');
  await check('case_whistles', 'case_whistles_rating', '{rating} BETWEEN 1 AND 5');
  await check('cases', 'cases_counts', '{reopen_count} >= 0 AND {press_count} >= 0');
}
