'use strict';
// What an authenticated request costs over the bare server (issue 15): `/_health` (no user, no
// database) against `GET /api/cms/me` and a scoped list of 25, signed in as a community worker
// and as district staff, over kept-alive connections, one client then 16 — printed as the extra
// milliseconds over `/_health` at p50. Run by `npm run bench`, or alone
// (`node scripts/bench-requests.js`; `node --cpu-prof scripts/bench-requests.js sqlite` leaves a
// profile of the whole run in the working directory).
const http = require('http');
const os = require('os');
const bench = require('./bench-lib');
const { boot, timed, concurrent, request } = bench;

const N = Number(process.env.REQUESTS_BENCH_N || 2000);

async function measure(label) {
  const app = await boot();
  const rows = [];
  try {
    const port = app.server.httpServer.address().port;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
    const area = await app.db.query('plugin::cms.area').create({
      data: {
        name: '基准社区',
        code: `B${Date.now().toString(36)}`.slice(0, 20),
        level: 'community',
        path: `/bench-${Date.now().toString(36)}/`,
      },
    });
    const userFor = async (type, scope) => {
      const role = await app.db
        .query('plugin::users-permissions.role')
        .findOne({ where: { type } });
      const username = `bench-${type}-${Date.now().toString(36)}`;
      const user = await app
        .plugin('users-permissions')
        .service('user')
        .add({
          username,
          email: `${username}@bench.local`,
          password: 'Bench-password-2026',
          provider: 'local',
          confirmed: true,
          blocked: false,
          role: role.id,
          scope,
        });
      return app.plugin('users-permissions').service('jwt').issue({ id: user.id });
    };
    const worker = await userFor('community-worker', area.id);
    const staff = await userFor('foundation-staff', null);
    const get = (url, token) => async () => {
      const { status } = await request(port, 'GET', url, null, { token, agent });
      if (status >= 300) throw new Error(`GET ${url}: ${status}`);
    };
    const ms = (r) =>
      `p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms  ${r.perSecond.toFixed(0)}/s`;
    // Warm up every route first (compiled plans, caches, JIT).
    for (const fn of [
      get('/_health'),
      get('/api/cms/me', worker),
      get('/api/cms/people?pagination[pageSize]=25', worker),
    ])
      await timed(200, fn);

    const health = await timed(N, get('/_health'));
    rows.push(['/_health, 1 client', ms(health)]);
    const over = (r) => `  +${(r.p50 - health.p50).toFixed(2)} ms over /_health at p50`;
    const me = await timed(N, get('/api/cms/me', worker));
    rows.push(['/api/cms/me, community worker, 1 client', ms(me) + over(me)]);
    const meStaff = await timed(N, get('/api/cms/me', staff));
    rows.push(['/api/cms/me, district staff, 1 client', ms(meStaff) + over(meStaff)]);
    const people = await timed(N / 2, get('/api/cms/people?pagination[pageSize]=25', worker));
    rows.push(['people list (25), community worker, 1 client', ms(people) + over(people)]);
    const health16 = await concurrent(N, 16, async () => {
      await get('/_health')();
      return 200;
    });
    rows.push(['/_health, 16 clients', ms(health16)]);
    const me16 = await concurrent(N, 16, async () => {
      await get('/api/cms/me', worker)();
      return 200;
    });
    rows.push(['/api/cms/me, community worker, 16 clients', ms(me16)]);
    agent.destroy();
    const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
    rows.push(['resident memory after the run (this process)', mb(process.memoryUsage().rss)]);
  } finally {
    await app.destroy();
  }
  console.log(`\nRequests bench — ${label} (${os.cpus().length} cores)`);
  for (const [name, value] of rows) console.log(`  ${name.padEnd(52)} ${value}`);
}

bench.onEachDatabase({ script: __filename, name: 'requests', measure }).catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
