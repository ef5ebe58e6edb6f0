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
 * The consultation REST API, /api/consultation/… (request and answer shapes in
 * shared/contracts/consultation.ts). The content types have no core routes and no GraphQL:
 * every read is scoped here, every change keeps the topic's record.
 */
export default {
  'content-api': {
    type: 'content-api',
    get routes() {
      routes ??= [
        get('/topics', 'topics.list'),
        post('/topics', 'topics.create'),
        get('/topics/:id', 'topics.show'),
        post('/topics/:id/support', 'topics.support'),
        post('/topics/:id/comments', 'topics.comment'),
        post('/topics/:id/screen', 'topics.screen'),
        post('/topics/:id/rate', 'topics.rate'),
        post('/topics/:id/close', 'topics.close'),
        get('/ranking', 'topics.ranking'),
        post('/ranking', 'topics.rank'),
        post('/ranking/close', 'topics.closeRanking'),
        get('/ranking/entries', 'topics.rankEntries'),
        post('/ranking/withdraw', 'topics.withdrawRanking'),
        get('/meetings', 'meetings.list'),
        post('/meetings', 'meetings.create'),
        get('/meetings/:id', 'meetings.show'),
        put('/meetings/:id', 'meetings.update'),
        post('/meetings/:id/decisions', 'meetings.decide'),
        post('/decisions/:id/implement', 'decisions.implement'),
        post('/decisions/:id/tasks/:index/done', 'decisions.taskDone'),
        post('/decisions/:id/complete', 'decisions.complete'),
        get('/rules', 'votes.rules'),
        post('/rules', 'votes.saveRule'),
        get('/votes', 'votes.list'),
        post('/votes', 'votes.create'),
        get('/votes/mine', 'votes.mine'),
        get('/votes/:id', 'votes.show'),
        post('/votes/:id/open', 'votes.open'),
        post('/votes/:id/codes', 'votes.codes'),
        get('/votes/:id/electors', 'votes.electors'),
        post('/votes/:id/ballot', 'votes.cast'),
        post('/votes/:id/paper', 'votes.paper'),
        post('/votes/:id/close', 'votes.close'),
        get('/votes/:id/recount', 'votes.recount'),
        post('/ballot-code', 'votes.castByCode'),
        get('/procedure', 'procedures.mine'),
        get('/procedures/:area', 'procedures.show'),
        put('/procedures/:area', 'procedures.save'),
        get('/reports/solved', 'reports.solved'),
        get('/mine', 'topics.mine'),
        // The consultation index (协商指数).
        get('/index/indicators', 'scores.indicators'),
        post('/index/indicators', 'scores.createIndicator'),
        put('/index/indicators/:key', 'scores.updateIndicator'),
        get('/index/scores', 'scores.scores'),
        get('/index/ranking', 'scores.ranking'),
        get('/index/drill', 'scores.drill'),
        post('/index/entries', 'scores.enter'),
        get('/index/export', 'scores.export'),
      ];
      return routes;
    },
  },
};
