import { factories } from '@strapi/strapi';
import { FORMS } from '../uids';

let routes: unknown[] | undefined;

export default {
  type: 'content-api',
  // A memoised getter, as in the cms plugin: Strapi writes each route's permission scope into
  // these objects after reading them.
  get routes() {
    routes ??= [
      // Public (every role and the public hold these permissions; each form's own access rule
      // is applied per form).
      { method: 'GET', path: '/public/:slug', handler: 'public-form.show', config: {} },
      { method: 'POST', path: '/:slug/submissions', handler: 'public-form.submit', config: {} },
      { method: 'POST', path: '/:slug/files', handler: 'public-form.upload', config: {} },
      { method: 'GET', path: '/receipts/:code', handler: 'public-form.receipt', config: {} },
      {
        method: 'POST',
        path: '/receipts/:code/files',
        handler: 'public-form.receiptFile',
        config: {},
      },
      { method: 'GET', path: '/:slug/qr.:format', handler: 'public-form.qr', config: {} },
      // Every signed-in role: their own page (forms open to them, their submissions).
      { method: 'GET', path: '/mine', handler: 'mine.show', config: {} },
      // Staff.
      { method: 'GET', path: '/dashboard/queue', handler: 'dashboard.queue', config: {} },
      { method: 'POST', path: '/forms/:id/publish', handler: 'staff.publish', config: {} },
      { method: 'GET', path: '/forms/:id/versions-summary', handler: 'staff.versions', config: {} },
      { method: 'GET', path: '/forms/:id/export', handler: 'staff.export', config: {} },
      ...(factories.createCoreRouter(FORMS.form as never).routes as unknown[]),
      ...(factories.createCoreRouter(FORMS.version as never, { only: ['find', 'findOne'] })
        .routes as unknown[]),
      ...(factories.createCoreRouter(FORMS.submission as never, {
        only: ['find', 'findOne', 'update'],
      }).routes as unknown[]),
    ];
    return routes;
  },
};
