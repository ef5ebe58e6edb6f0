let routes: unknown[] | undefined;

const route = (method: 'GET' | 'POST' | 'PUT', path: string, handler: string) => ({
  method,
  path,
  handler,
  config: {},
});
const get = (path: string, handler: string) => route('GET', path, handler);
const post = (path: string, handler: string) => route('POST', path, handler);
const put = (path: string, handler: string) => route('PUT', path, handler);

/**
 * The cases REST API, /api/cases/… (request and answer shapes in shared/contracts/cases.ts).
 * Cases are read and changed only through these actions, which scope them (a department sees
 * what is assigned or whistled to it) and keep the timeline; the content types have no core
 * routes and no GraphQL.
 */
export default {
  'content-api': {
    type: 'content-api',
    get routes() {
      routes ??= [
        get('/types', 'types.list'),
        post('/types', 'types.create'),
        get('/types/:key', 'types.show'),
        put('/types/:key', 'types.update'),
        post('/types/:key/check', 'types.check'),
        post('/types/:key/publish', 'types.publish'),
        get('/calendar', 'calendar.list'),
        put('/calendar/:year', 'calendar.save'),
        get('/queue', 'queue.list'),
        get('/mine', 'queue.mine'),
        post('/cases', 'cases.create'),
        get('/cases/:id', 'cases.show'),
        post('/cases/:id/transition', 'cases.transition'),
        post('/cases/:id/press', 'cases.press'),
        post('/cases/:id/extension', 'cases.extension'),
        post('/cases/:id/extension/decide', 'cases.decideExtension'),
        post('/cases/:id/merge', 'cases.merge'),
        post('/cases/:id/split', 'cases.split'),
        post('/cases/:id/comment', 'cases.comment'),
        post('/cases/:id/callback', 'cases.callback'),
        post('/cases/:id/whistle', 'cases.whistle'),
        post('/whistles/:id/report', 'whistles.report'),
        post('/whistles/:id/act', 'whistles.act'),
        post('/whistles/:id/rate', 'whistles.rate'),
        post('/attachments', 'attachments.upload'),
        get('/targets', 'targets.list'),
        get('/reports/departments', 'reports.departments'),
        get('/reports/dashboard', 'reports.dashboard'),
        get('/inbox', 'inbox.list'),
        post('/inbox/read-all', 'inbox.readAll'),
        post('/inbox/:id/read', 'inbox.read'),
        get('/receipt/:code', 'receipts.show'),
        post('/receipt/:code/rate', 'receipts.rate'),
        post('/receipt/:code/reopen', 'receipts.reopen'),
      ];
      return routes;
    },
  },
};
