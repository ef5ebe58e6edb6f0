import type { Knex } from 'knex';
import { ensureCheck } from '../migrate';

/**
 * The forms tables' real constraints:
 * - one slug per form, one number per version of a form, one receipt code per submission
 *   (UNIQUE indexes; Strapi's `"unique": true` alone lets concurrent writes duplicate);
 * - a published version never changes (no UPDATE), and is deleted only with a form that never
 *   had submissions; a form with submissions cannot be deleted;
 * - a submission's answers, form and version never change (staff change its status only);
 * - the rate-limit counters' table (not a content type: one upsert per attempt).
 */
export const repeatable = true;

export async function up(knex: Knex, client: 'sqlite' | 'postgres'): Promise<void> {
  const unique: [string, string[]][] = [
    ['forms_forms', ['slug']],
    ['forms_form_versions', ['form_key', 'number']],
    ['forms_submissions', ['receipt_code']],
  ];
  for (const [table, columns] of unique) {
    await knex.raw(
      `CREATE UNIQUE INDEX IF NOT EXISTS ?? ON ?? (${columns.map(() => '??').join(', ')})`,
      [`${table}_${columns.join('_')}_unique`, table, ...columns],
    );
  }
  const pathOps = client === 'postgres' ? ' text_pattern_ops' : '';
  await knex.raw(
    `CREATE INDEX IF NOT EXISTS forms_submissions_form_version ON forms_submissions (form_key, version_number)`,
  );
  await knex.raw(
    `CREATE INDEX IF NOT EXISTS forms_submissions_area_path_prefix ON forms_submissions (area_path${pathOps})`,
  );

  await ensureCheck(
    knex,
    client,
    'forms_form_versions',
    'forms_form_versions_number_positive',
    '{number} >= 1',
  );
  await ensureCheck(
    knex,
    client,
    'forms_forms',
    'forms_forms_live_version_positive',
    '{live_version} >= 1',
  );
  await ensureCheck(
    knex,
    client,
    'forms_submissions',
    'forms_submissions_status_known',
    `{status} IN ('received', 'in-progress', 'accepted', 'rejected', 'closed')`,
  );

  if (!(await knex.schema.hasTable('forms_rate_limits'))) {
    await knex.schema.createTable('forms_rate_limits', (t) => {
      t.string('bucket_key', 200).primary();
      t.bigInteger('window_start').notNullable().index();
      t.integer('hits').notNullable();
    });
  }

  if (client === 'postgres') {
    // One function per table: PL/pgSQL resolves OLD's fields when it plans each statement, so
    // one shared function would fail on the columns the other tables lack.
    const guards: [string, string, string][] = [
      [
        'forms_form_versions',
        'UPDATE OR DELETE',
        `IF TG_OP = 'UPDATE' THEN
           RAISE EXCEPTION 'forms_form_versions: a published version never changes' USING ERRCODE = 'insufficient_privilege';
         END IF;
         IF EXISTS (SELECT 1 FROM forms_submissions s WHERE s.form_key = OLD.form_key AND s.version_number = OLD.number) THEN
           RAISE EXCEPTION 'forms_form_versions: a version with submissions cannot be deleted' USING ERRCODE = 'insufficient_privilege';
         END IF;
         RETURN OLD;`,
      ],
      [
        'forms_forms',
        'DELETE',
        `IF EXISTS (SELECT 1 FROM forms_submissions s WHERE s.form_key = OLD.document_id) THEN
           RAISE EXCEPTION 'forms_forms: a form with submissions cannot be deleted' USING ERRCODE = 'insufficient_privilege';
         END IF;
         RETURN OLD;`,
      ],
      [
        'forms_submissions',
        'UPDATE OR DELETE',
        `IF TG_OP = 'DELETE' THEN
           RAISE EXCEPTION 'forms_submissions: submissions are kept' USING ERRCODE = 'insufficient_privilege';
         END IF;
         IF OLD.data::text IS DISTINCT FROM NEW.data::text OR OLD.form_key IS DISTINCT FROM NEW.form_key
            OR OLD.version_number IS DISTINCT FROM NEW.version_number OR OLD.receipt_code IS DISTINCT FROM NEW.receipt_code THEN
           RAISE EXCEPTION 'forms_submissions: answers never change' USING ERRCODE = 'insufficient_privilege';
         END IF;
         RETURN NEW;`,
      ],
    ];
    for (const [table, events, body] of guards) {
      await knex.raw(
        `CREATE OR REPLACE FUNCTION ${table}_guard_fn() RETURNS trigger AS $$ BEGIN ${body} END; $$ LANGUAGE plpgsql`,
      );
      const name = `${table}_guard`;
      const exists = await knex.raw('SELECT 1 FROM pg_trigger WHERE tgname = ?', [name]);
      if (exists.rows.length === 0) {
        await knex.raw(
          `CREATE TRIGGER ?? BEFORE ${events} ON ?? FOR EACH ROW EXECUTE FUNCTION ${table}_guard_fn()`,
          [name, table],
        );
      }
    }
    return;
  }
  const triggers: [string, string][] = [
    [
      'forms_form_versions_no_update',
      `BEFORE UPDATE ON forms_form_versions BEGIN SELECT RAISE(ABORT, 'forms_form_versions: a published version never changes'); END`,
    ],
    [
      'forms_form_versions_keep_answered',
      `BEFORE DELETE ON forms_form_versions WHEN EXISTS (SELECT 1 FROM forms_submissions s WHERE s.form_key = OLD.form_key AND s.version_number = OLD.number)
       BEGIN SELECT RAISE(ABORT, 'forms_form_versions: a version with submissions cannot be deleted'); END`,
    ],
    [
      'forms_forms_keep_answered',
      `BEFORE DELETE ON forms_forms WHEN EXISTS (SELECT 1 FROM forms_submissions s WHERE s.form_key = OLD.document_id)
       BEGIN SELECT RAISE(ABORT, 'forms_forms: a form with submissions cannot be deleted'); END`,
    ],
    [
      'forms_submissions_no_delete',
      `BEFORE DELETE ON forms_submissions BEGIN SELECT RAISE(ABORT, 'forms_submissions: submissions are kept'); END`,
    ],
    [
      'forms_submissions_answers_fixed',
      `BEFORE UPDATE ON forms_submissions WHEN OLD.data IS NOT NEW.data OR OLD.form_key IS NOT NEW.form_key
         OR OLD.version_number IS NOT NEW.version_number OR OLD.receipt_code IS NOT NEW.receipt_code
       BEGIN SELECT RAISE(ABORT, 'forms_submissions: answers never change'); END`,
    ],
  ];
  for (const [name, body] of triggers)
    await knex.raw(`CREATE TRIGGER IF NOT EXISTS ${name} ${body}`);
}
