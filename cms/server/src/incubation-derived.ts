import type { Core } from '@strapi/strapi';
import { incubationDerived } from './domain/incubation-records';
import { CMS } from './uids';

type Data = Record<string, unknown>;

/**
 * Keeps an incubation's `lastAssessedOn` and `nextMilestoneOn` beside its assessments and
 * milestones (JSON) on every write through the query engine — the Document Service's included,
 * and a plugin's or a test's straight to the database — so that the board and the dashboard
 * filter and count by two plain columns instead of reading every record's JSON (issue 15: 8 ms
 * a request for a city's incubating column on SQLite). Nothing else may write them: a value sent
 * for them is dropped here (and refused with 400 by the cms document middleware first).
 * The seed computes them itself (it inserts rows below the query engine), and the migration
 * 2026-12-02-001 filled them for records written before.
 */
export function keepIncubationColumns(strapi: Core.Strapi): void {
  const derive = (data: unknown) => {
    if (!data || typeof data !== 'object') return;
    const row = data as Data;
    delete row.lastAssessedOn;
    delete row.nextMilestoneOn;
    Object.assign(row, incubationDerived(row));
  };
  const each = (event: { params: { data?: unknown } }) => {
    const { data } = event.params;
    if (Array.isArray(data)) data.forEach(derive);
    else derive(data);
  };
  strapi.db.lifecycles.subscribe({
    models: [CMS.incubation],
    beforeCreate: each,
    beforeCreateMany: each,
    beforeUpdate: each,
    beforeUpdateMany: each,
  });
}
