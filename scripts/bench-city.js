'use strict';
// City-wide lists and dashboards (issue 15): a city of Xindu-shaped districts (`planCity`, 4,351
// communities and villages by default: 361,275 people, 270,732 grids), timed as the city's staff
// account (`city-staff`: foundation staff with no area scope), 25 rows a page, over kept-alive
// HTTP: the lists the console opens first, a deep page, the dashboard's requests; each figure's
// SQL with the database's plan for it (EXPLAIN), so a slow one says why. The floor is measured in
// the same run, the same way: `/_health` (no work at all) and `/api/cms/me` (who is asking, the
// cost every authenticated request pays), so a slow machine's share of a figure shows.
//
//   node scripts/bench-city.js                      seeds a scratch SQLite city, then measures
//   BENCH_CITY_DB=/tmp/city.db node scripts/…       reuses (or seeds once) that file
//   BENCH_CITY_COMMUNITIES=8000 node scripts/…      a bigger city (about a million people)
//   node scripts/bench-city.js postgres <url>       on a PostgreSQL database (seeded if empty)
const fs = require('fs');
const os = require('os');
const { performance } = require('perf_hooks');
const path = require('path');
const http = require('http');
const { distDir, ensureSecrets, buildServerIfStale } = require('./lib');
const { boot, timed, request } = require('./bench-lib');

const N = Number(process.env.CITY_BENCH_N || 200);
const COMMUNITIES = Number(process.env.BENCH_CITY_COMMUNITIES || 4351);

/** The requests timed: what the console asks for when city staff open each screen. */
const PAGES = [
  ['people, page 1 by name', '/api/cms/people?sort=name:asc&pagination[pageSize]=25'],
  [
    'people, page 1,000 by name (offset 24,975)',
    '/api/cms/people?sort=name:asc&pagination[pageSize]=25&pagination[page]=1000',
  ],
  [
    'people of one community, page 1 by name',
    '/api/cms/people?filters[areaPath][$startsWith]=/510100/510200/510200001/510200001001/&sort=name:asc&pagination[pageSize]=25',
  ],
  [
    'people, page 1,000 by name descending',
    '/api/cms/people?sort=name:desc&pagination[pageSize]=25&pagination[page]=1000',
  ],
  ['grids, page 1 by code', '/api/cms/grids?sort=code:asc&pagination[pageSize]=25'],
  [
    'micro-grids, page 2,000 by code',
    '/api/cms/grids?filters[level][$eq]=micro&sort=code:asc&pagination[pageSize]=25&pagination[page]=2000',
  ],
  ['organisations, page 1 by name', '/api/cms/organisations?sort=name:asc&pagination[pageSize]=25'],
  [
    'areas, communities, page 1',
    '/api/cms/areas?filters[level][$eq]=community&pagination[pageSize]=25',
  ],
  ['incubation board: incubating, first 20', '/api/cms/incubation-board?stage=incubating'],
  [
    'incubation board: due for assessment, first 20',
    '/api/cms/incubation-board?stage=incubating&due=true',
  ],
  ['dashboard: cms work queue', '/api/cms/dashboard/queue'],
  ['dashboard: cms trends', '/api/cms/dashboard/trends'],
  ['dashboard: grants work queue', '/api/grants/dashboard/queue'],
  ['dashboard: forms work queue', '/api/forms/dashboard/queue'],
];

/** The GraphQL list the console sends for people (its data provider's shape). */
const GRAPHQL_PEOPLE = {
  query: `query ($pagination: PaginationArg, $sort: [String]) {
    data: cmsPeople_connection(pagination: $pagination, sort: $sort) {
      nodes { documentId name phone idNumber isVolunteer isResident areaPath community { documentId name } } pageInfo { total } } }`,
  variables: { pagination: { page: 1, pageSize: 25 }, sort: ['name:asc'] },
};

async function ensureCity(app) {
  const { seedDemo, planCity } = require(path.join(distDir, 'database', 'seed'));
  // Seeded already: no plan (a million people's plan is 1.5 GB of heap, which would stay behind
  // as garbage in the server measured, its young-generation collections slowed by it).
  const staff = await app.db
    .query('plugin::users-permissions.user')
    .findOne({ where: { username: 'city-staff' }, select: ['id'] });
  if (staff) return null;
  const started = Date.now();
  const result = await seedDemo(app, planCity(COMMUNITIES));
  if (!result.seeded) return null;
  // Statistics for the planner, as after a real import; on PostgreSQL also the visibility map
  // autovacuum keeps in production (a deep page's first row is found by an index-only scan,
  // which reads the table for every row until the table has been vacuumed).
  await app.db.connection.raw(app.db.dialect.client === 'postgres' ? 'VACUUM ANALYZE' : 'ANALYZE');
  return `${((Date.now() - started) / 1000).toFixed(0)} s: ${Object.entries(result.counts)
    .map(([k, v]) => `${v} ${k.split('.').pop()}`)
    .join(', ')}`;
}

/** Every SQL statement one request sends, with the database's plan for each. */
async function plansOf(app, send) {
  const knex = app.db.connection;
  const sent = [];
  const byUid = new Map();
  // Each statement's own time (from knex's query event to its response), beside its plan.
  const onQuery = (q) => {
    const entry = { sql: q.sql, bindings: q.bindings ?? [], started: performance.now(), ms: null };
    sent.push(entry);
    if (q.__knexQueryUid) byUid.set(q.__knexQueryUid, entry);
  };
  const onResponse = (_response, q) => {
    const entry = byUid.get(q.__knexQueryUid);
    if (entry) entry.ms = performance.now() - entry.started;
  };
  knex.on('query', onQuery);
  knex.on('query-response', onResponse);
  try {
    await send();
  } finally {
    knex.removeListener('query', onQuery);
    knex.removeListener('query-response', onResponse);
  }
  const postgres = app.db.dialect.client === 'postgres';
  const out = [];
  for (const { sql, bindings, ms } of sent) {
    if (!/^\s*(select|with)\b/i.test(sql)) continue;
    const took = ms === null ? '' : ` (${ms.toFixed(1)} ms)`;
    // knex reports PostgreSQL's statements with its own placeholders ($1, $2…); knex.raw binds `?`.
    const text = postgres ? sql.replace(/\$\d+/g, '?') : sql;
    const explain = postgres ? `EXPLAIN ${text}` : `EXPLAIN QUERY PLAN ${text}`;
    const result = await knex.raw(explain, bindings).catch((e) => ({ error: e.message }));
    if (result.error) {
      out.push(
        `      ${sql.replace(/\s+/g, ' ').slice(0, 160)}${took}\n        (no plan: ${result.error})`,
      );
      continue;
    }
    const rows = Array.isArray(result) ? result : (result.rows ?? []);
    const plan = rows.map((r) => r['QUERY PLAN'] ?? r.detail ?? JSON.stringify(r));
    out.push(
      `      ${sql.replace(/\s+/g, ' ').slice(0, 160)}${took}\n${plan.map((p) => `        ${p}`).join('\n')}`,
    );
  }
  return out.join('\n');
}

const SEEDED = 'linli-city-seeded:';

/**
 * `--seed-only`: seeds the city if it is not yet, and says what it wrote (or null) on a line of
 * its own for the measuring process.
 */
async function seedOnly() {
  const app = await boot();
  try {
    console.log(`${SEEDED}${JSON.stringify(await ensureCity(app))}`);
  } finally {
    await app.destroy();
  }
}

/**
 * The city seeded by a process of its own: the server measured then starts as a deployed one
 * does, without the plan's 1.5 GB (a million people) left behind in its heap as garbage, which
 * slowed every young-generation collection, and so every p99, of the process that seeded.
 */
function seedInChildProcess() {
  const { spawnSync } = require('child_process');
  const child = spawnSync(
    process.execPath,
    [__filename, ...process.argv.slice(2).filter((a) => a !== '--seed-only'), '--seed-only'],
    {
      env: { ...process.env, BENCH_CITY_DB: process.env.DATABASE_FILENAME ?? '' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 << 20,
    },
  );
  const line = (child.stdout ?? '').split('\n').find((l) => l.startsWith(SEEDED));
  if (child.status !== 0 || !line)
    throw new Error(`seeding the city failed (exit ${child.status}):\n${child.stdout}`);
  return JSON.parse(line.slice(SEEDED.length));
}

async function measure(label) {
  const seeded = seedInChildProcess();
  const app = await boot();
  const rows = [];
  const notes = [];
  try {
    if (seeded) rows.push(['city seed (planCity, then (VACUUM) ANALYZE)', seeded]);
    const user = await app.db
      .query('plugin::users-permissions.user')
      .findOne({ where: { username: 'city-staff' } });
    if (!user) throw new Error('No city-staff account: seed the city with this version');
    const token = app.plugin('users-permissions').service('jwt').issue({ id: user.id });
    const port = app.server.httpServer.address().port;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const people = await app.db.query('plugin::cms.person').count();
    rows.push(['people in the city', people.toLocaleString('en')]);
    const get = (url) => async () => {
      const { status, text } = await request(port, 'GET', url, null, { token, agent });
      if (status !== 200) throw new Error(`GET ${url}: ${status} ${text.slice(0, 200)}`);
    };
    const post = (url, body) => async () => {
      const { status, text } = await request(port, 'POST', url, body, { token, agent });
      if (status !== 200 || text.includes('"errors"'))
        throw new Error(`POST ${url}: ${status} ${text.slice(0, 200)}`);
    };
    // The floor: the same client, agent and token, a request that does nothing, then one that
    // only asks who is asking.
    const floor = [
      [
        'floor: GET /_health',
        async () => {
          const { status } = await request(port, 'GET', '/_health', null, { agent });
          if (status !== 204) throw new Error(`GET /_health: ${status}`);
        },
      ],
      ['floor: GET /api/cms/me (authenticated, no list)', get('/api/cms/me')],
    ];
    for (const [name, fn] of floor) {
      for (let i = 0; i < 20; i += 1) await fn();
      const r = await timed(N, fn);
      rows.push([name, `p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms`]);
    }
    const cases = [
      ...PAGES.map(([name, url]) => [name, get(url)]),
      ['GraphQL people page 1 (the console’s list)', post('/graphql', GRAPHQL_PEOPLE)],
      // Where the console's list spends its time: Strapi's GraphQL resolves each row's relation
      // on its own (25 rows, 75 queries).
      [
        'GraphQL people page 1 without the community relation',
        post('/graphql', {
          ...GRAPHQL_PEOPLE,
          query: GRAPHQL_PEOPLE.query.replace(' community { documentId name }', ''),
        }),
      ],
    ];
    // CITY_BENCH_ONLY=board times only the requests whose names contain it (to profile one).
    const only = process.env.CITY_BENCH_ONLY;
    for (const [name, fn] of cases) {
      if (only && !name.includes(only)) continue;
      for (let i = 0; i < 5; i += 1) await fn();
      const r = await timed(N, fn);
      const over = r.p99 > 25 ? '  (over 25 ms)' : '';
      rows.push([name, `p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms${over}`]);
      notes.push(`    ${name}\n${await plansOf(app, fn)}`);
    }
    agent.destroy();
  } finally {
    await app.destroy();
  }
  console.log(`\nCity bench — ${label} (${os.cpus().length} cores), as city-staff, ${N} each`);
  for (const [name, value] of rows) console.log(`  ${name.padEnd(52)} ${value}`);
  if (process.env.CITY_BENCH_PLANS !== 'off') {
    console.log('\n  Plans (each request’s SELECTs):');
    console.log(notes.join('\n'));
  }
}

async function main() {
  ensureSecrets();
  buildServerIfStale();
  const run = process.argv.includes('--seed-only') ? seedOnly : measure;
  if (process.argv[2] === 'postgres') {
    process.env.DATABASE_URL = process.argv[3];
    return run('PostgreSQL');
  }
  const keep = process.env.BENCH_CITY_DB;
  const tmp = keep ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'linli-city-bench-'));
  Object.assign(process.env, {
    DATABASE_URL: '',
    DATABASE_FILENAME: keep || path.join(tmp, 'city.db'),
  });
  try {
    await run('SQLite');
  } finally {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
