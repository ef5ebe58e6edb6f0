import type { Knex } from 'knex';
import { incubationDerived } from '../../cms/server/src/domain/incubation-records';

/**
 * Fills `last_assessed_on` and `next_milestone_on` (issue 15) for the incubations written before
 * the columns were kept (cms/server/src/incubation-derived.ts keeps them on every later write):
 * each record's JSON read once, by the same functions, in chunks of 500 ids.
 */
const CHUNK = 500;

/** SQLite answers a JSON column as its text; PostgreSQL's driver has parsed it already. */
const json = (client: 'sqlite' | 'postgres', value: unknown): unknown => {
  if (client === 'postgres' || typeof value !== 'string') return value ?? null;
  try {
    return JSON.parse(value);
  } catch {
    return null;
  }
};

export async function up(knex: Knex, client: 'sqlite' | 'postgres'): Promise<void> {
  let after = 0;
  for (;;) {
    const rows: { id: number; assessments: unknown; milestones: unknown }[] = await knex(
      'cms_incubations',
    )
      .where('id', '>', after)
      .orderBy('id')
      .limit(CHUNK)
      .select('id', 'assessments', 'milestones');
    if (!rows.length) return;
    for (const row of rows) {
      const kept = incubationDerived({
        assessments: json(client, row.assessments),
        milestones: json(client, row.milestones),
      });
      if (kept.lastAssessedOn !== null || kept.nextMilestoneOn !== null)
        await knex('cms_incubations').where('id', row.id).update({
          last_assessed_on: kept.lastAssessedOn,
          next_milestone_on: kept.nextMilestoneOn,
        });
    }
    after = rows[rows.length - 1]!.id;
  }
}
