import { factories } from '@strapi/strapi';
import { CMS } from '../uids';

/** Core REST routes for every cms content type, mounted under /api/cms/<plural>. */
const ROUTED = [CMS.area, CMS.grid, CMS.compound, CMS.person, CMS.organisation, CMS.incubation];

let routes: unknown[] | undefined;

export default {
  type: 'content-api',
  // A getter, because Strapi's core router reads the content type, which exists only after the
  // plugin has registered; memoised, because Strapi writes each route's permission scope
  // (config.auth.scope) into these objects and reads them again later — fresh objects on every
  // read would leave the routes without a scope, open to any signed-in user.
  get routes() {
    routes ??= [
      /** GET /api/cms/me — the signed-in user's name, role and scope */
      { method: 'GET', path: '/me', handler: 'me.show', config: {} },
      /** GET /api/cms/incubation-board — one page of a board column, with its total */
      { method: 'GET', path: '/incubation-board', handler: 'incubation.board', config: {} },
      /** GET/PUT /api/cms/incubation-settings — e.g. an assessment required before hatching */
      { method: 'GET', path: '/incubation-settings', handler: 'incubation.settings', config: {} },
      {
        method: 'PUT',
        path: '/incubation-settings',
        handler: 'incubation.updateSettings',
        config: {},
      },
      /** POST /api/cms/incubations/:id/move — a stage move; ending one needs a reason */
      { method: 'POST', path: '/incubations/:id/move', handler: 'incubation.move', config: {} },
      ...['/incubations/:id/assessments', '/incubations/:id/assessments/:index'].map((path) => ({
        method: 'POST',
        path,
        handler: 'incubation.recordAssessment',
        config: {},
      })),
      ...['/incubations/:id/milestones', '/incubations/:id/milestones/:index'].map((path) => ({
        method: 'POST',
        path,
        handler: 'incubation.recordMilestone',
        config: {},
      })),
      /** GET /api/cms/dashboard/{queue,trends} — incubation counts and trends, in scope */
      { method: 'GET', path: '/dashboard/queue', handler: 'dashboard.queue', config: {} },
      { method: 'GET', path: '/dashboard/trends', handler: 'dashboard.trends', config: {} },
      // Before the core routes, so `/audit-entries/types` is not read as a document id.
      /** GET /api/cms/audit-entries/types — the record types the viewer may filter the log by */
      { method: 'GET', path: '/audit-entries/types', handler: 'audit-entry.types', config: {} },
      /** POST /api/cms/people/:id/reveal-id-number — a person's whole ID number, audited */
      {
        method: 'POST',
        path: '/people/:id/reveal-id-number',
        handler: 'person.revealIdNumber',
        config: {},
      },
      /** Property units and households of a compound (rooms, owners, household; import). */
      { method: 'GET', path: '/property-units', handler: 'properties.list', config: {} },
      { method: 'POST', path: '/property-units', handler: 'properties.create', config: {} },
      { method: 'PUT', path: '/property-units/:id', handler: 'properties.update', config: {} },
      { method: 'DELETE', path: '/property-units/:id', handler: 'properties.delete', config: {} },
      {
        method: 'GET',
        path: '/property-imports/template',
        handler: 'properties.template',
        config: {},
      },
      {
        method: 'POST',
        path: '/property-imports/preview',
        handler: 'properties.importPreview',
        config: {},
      },
      {
        method: 'POST',
        path: '/property-imports/commit',
        handler: 'properties.importCommit',
        config: {},
      },
      ...ROUTED.flatMap((uid) => factories.createCoreRouter(uid as never).routes as unknown[]),
      // The audit log is read-only: no create, update or delete route exists for it.
      ...(factories.createCoreRouter(CMS.auditEntry as never, { only: ['find', 'findOne'] })
        .routes as unknown[]),
    ];
    return routes;
  },
};
