'use strict';
// The cases benchmark (run by `npm run bench`, or alone: `node scripts/bench-cases.js`): the
// queue (GET /api/cases/queue) at a million cases, over HTTP and in-process, for a community
// worker's `mine` and a street office's `overdue`; one sweep over 100,000 open deadlines, first
// as they come due soon, then as they pass; intake over HTTP (phone, dispatched by rule),
// sequential and with 8 clients. Each figure is printed beside a floor measured in the same run
// (the bare SQL the work cannot avoid) and their ratio. On a scratch SQLite file, and on a
// scratch PostgreSQL database when DATABASE_URL is set. Figures only: nothing passes or fails.
//
// The million rows are written with bulk SQL (INSERT … SELECT over a generated series) in the
// demo district's 184 communities and villages, with the columns the plugin itself writes for
// each state of the resident-request preset (a closed case keeps its due_at, a waiting one keeps
// remaining minutes instead, …). Sizes: CASES_BENCH_ROWS (1,000,000); CASES_BENCH_SWEEP (100,000
// come due soon) and CASES_BENCH_SWEEP_OVERDUE (10,000 of them then pass their due time);
// CASES_BENCH_QUEUE_RUNS (10 per figure); CASES_BENCH_INTAKES (100 sequential; the 8 clients
// send twice as many). With the defaults a database takes 15–25 minutes on the shared 2-core
// machine, most of it the sweep of 100,000 (5–11 minutes): CASES_BENCH_SWEEP=20000 for a
// quicker look.
const os = require('os');
const path = require('path');
const { distDir } = require('./lib');
const bench = require('./bench-lib');
const { timed, concurrent, call } = bench;

const ROWS = Number(process.env.CASES_BENCH_ROWS || 1_000_000);
const SWEEP = Number(process.env.CASES_BENCH_SWEEP || 100_000);
const SWEEP_OVERDUE = Math.min(SWEEP, Number(process.env.CASES_BENCH_SWEEP_OVERDUE || 10_000));
const QUEUE_RUNS = Number(process.env.CASES_BENCH_QUEUE_RUNS || 10);
const INTAKES = Number(process.env.CASES_BENCH_INTAKES || 100);
const CLIENTS = 8;
const MINUTE = 60_000;
const DAY = 86_400_000;

// The bench drives the sweep with its own times; the app's minute timer would take the same rows
// at once (as a second process does), and split the work and the counts between the two.
const boot = () => bench.boot((app) => app.cron.remove('cases-sweep'));

/** SQL that differs between the two databases: a series of integers, padding, a timestamp. */
function dialect(pg) {
  return {
    series: (from, to) =>
      pg
        ? `generate_series(${from}::bigint, ${to}::bigint) AS s(g)`
        : `(WITH RECURSIVE s(g) AS (SELECT ${from} UNION ALL SELECT g + 1 FROM s WHERE g < ${to}) SELECT g FROM s) AS s`,
    pad: (expr, width) =>
      pg ? `lpad((${expr})::text, ${width}, '0')` : `printf('%0${width}d', ${expr})`,
    // Strapi keeps datetimes as epoch milliseconds on SQLite, as timestamptz on PostgreSQL.
    at: (ms) => (pg ? `to_timestamp((${ms}) / 1000.0)` : `(${ms})`),
    bool: (v) => (pg ? (v ? 'true' : 'false') : v ? '1' : '0'),
  };
}

/**
 * Writes `count` cases numbered from `first` with bulk SQL. `shape` is SQL over the derived
 * columns `g` (the row's number), `r` (0..999, the state's draw), `q` (0..999, a second draw)
 * and the area `a` (id, path, name, parent path): it returns each column's expression.
 */
async function bulkCases(knex, pg, first, count, shape) {
  const d = dialect(pg);
  const step = pg ? 250_000 : 100_000;
  for (let from = first; from < first + count; from += step) {
    const to = Math.min(first + count - 1, from + step - 1);
    const cols = shape(d);
    const names = Object.keys(cols);
    await knex.raw(
      `INSERT INTO cases (${names.join(', ')})
       SELECT ${names.map((n) => cols[n]).join(', ')}
       FROM (SELECT g, (g * 48271) % 1000 AS r, (g * 16807) % 1000 AS q,
                    CASE WHEN g % 10 = 0 THEN 0 ELSE g % (SELECT COUNT(*) FROM bench_case_areas) END AS ai
             FROM ${d.series(from, to)}) AS x
       JOIN bench_case_areas a ON a.i = x.ai`,
    );
  }
}

async function measure(label) {
  const app = await boot();
  const pg = app.db.dialect.client === 'postgres';
  const knex = app.db.connection;
  const rows = [];
  const line = (name, value, ratio) => {
    rows.push([name, value + (ratio ? `  (${ratio.toFixed(1)}× the floor)` : '')]);
    if (process.env.CASES_BENCH_VERBOSE) console.error(`${name}: ${value}`);
  };
  const ms = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
  const lat = (r) => `p50 ${ms(r.p50)} ms  p99 ${ms(r.p99)} ms`;
  const cases = app.plugin('cases').service('cases');
  const sweep = app.plugin('cases').service('sweep');
  const port = app.server.httpServer.address().port;
  try {
    // The demo district's places and organisations (the seed's district only: no forms, funds
    // or time bank), and a worker for every community and village and a street office for every
    // subdistrict and town, as a district has (the sweep tells them).
    const t0 = Date.now();
    const { seedDemo } = require(path.join(distDir, 'database', 'seed'));
    await seedDemo(app);
    const seedMs = Date.now() - t0;
    const grassroots = await knex('cms_areas')
      .whereIn('level', ['community', 'village'])
      .orderBy('code')
      .select('id', 'path', 'name', 'document_id');
    const roles = new Map(
      (await knex('up_roles').select('id', 'type')).map((r) => [r.type, Number(r.id)]),
    );
    const users = app.db.query('plugin::users-permissions.user');
    const addUser = async (username, role, scopeId) => {
      const u = await users.create({
        data: {
          username,
          email: `${username}@bench.local`,
          // Nobody here signs in (JWTs are issued directly): no password hash to spend time on.
          password: '!bench-no-login',
          provider: 'local',
          confirmed: true,
          blocked: false,
          role: roles.get(role),
          scope: scopeId,
        },
      });
      return {
        id: Number(u.id),
        jwt: app.plugin('users-permissions').service('jwt').issue({ id: u.id }),
      };
    };
    const workers = [];
    for (const [i, a] of grassroots.entries())
      workers.push(await addUser(`bench-worker-${i}`, 'community-worker', a.id));
    const parentPath = (p) => p.split('/').slice(0, 3).join('/') + '/';
    const parents = await knex('cms_areas')
      .whereIn('path', [...new Set(grassroots.map((a) => parentPath(a.path)))])
      .select('id', 'path');
    const offices = new Map();
    for (const [i, p] of parents.entries())
      offices.set(p.path, await addUser(`bench-office-${i}`, 'community-worker', p.id));
    const departments = (
      await knex('cms_organisations').where('kind', 'department').select('id', 'name').limit(5)
    ).map((d) => ({ id: Number(d.id), name: d.name }));
    // A few people cases are assigned to by name: the first community's worker (the bench's
    // "mine"), and four grid workers elsewhere.
    const gridWorkers = [];
    for (let i = 0; i < 4; i += 1)
      gridWorkers.push(await addUser(`bench-grid-${i}`, 'grid-worker', grassroots[1 + i * 37].id));
    const setupMs = Date.now() - t0;

    // ------------------------------------------------------------------ a million cases
    await knex.schema.dropTableIfExists('bench_case_areas');
    await knex.schema.createTable('bench_case_areas', (t) => {
      t.integer('i').primary();
      t.integer('id');
      t.string('path');
      t.string('name');
      t.string('parent');
      t.integer('person');
    });
    await knex('bench_case_areas').insert(
      grassroots.map((a, i) => ({
        i,
        id: a.id,
        path: a.path,
        name: a.name,
        parent: parentPath(a.path),
        person: i === 0 ? workers[0].id : gridWorkers[i % 4].id,
      })),
    );
    const now = Date.now();
    const T = now - (now % MINUTE);
    // The states of resident requests a district keeps (per mille): most closed; a quarter
    // active, of which about one in eight overdue (3% of all).
    const kind = `CASE WHEN r < 20 THEN 'new' WHEN r < 70 THEN 'dispatched' WHEN r < 200 THEN 'handling'
                       WHEN r < 250 THEN 'waiting_info' WHEN r < 330 THEN 'replied' ELSE 'closed' END`;
    const shape = (d) => {
      const active = 'r < 250';
      const open = 'r < 200';
      // Open cases: 12% overdue, 8% due soon, the rest on time (deadlines ahead of the sweep).
      const sla = `CASE WHEN r >= 250 THEN (CASE WHEN q < 60 THEN 'missed' ELSE 'met' END)
                        WHEN r >= 200 THEN 'paused'
                        WHEN q < 120 THEN 'overdue' WHEN q < 200 THEN 'due_soon' ELSE 'on_time' END`;
      const created = `${T} - ((g * 7919) % 730) * ${DAY} - (g % 1440) * ${MINUTE}`;
      const due = `CASE WHEN r >= 250 THEN ${created} + 7 * ${DAY}
                        WHEN r >= 200 THEN NULL
                        WHEN q < 120 THEN ${T} - (1 + q % 30) * ${DAY}
                        WHEN q < 200 THEN ${T} + (1 + q % 8) * 3600000
                        ELSE ${T} + (2 + q % 28) * ${DAY} END`;
      const warn = `CASE WHEN r >= 200 THEN NULL
                         WHEN q < 120 THEN ${T} - (2 + q % 30) * ${DAY}
                         WHEN q < 200 THEN ${T} - 3600000
                         ELSE ${T} + (1 + q % 28) * ${DAY} END`;
      // 'new' unassigned; then 75% the community, 20% a person, 5% a department.
      const assignee = `CASE WHEN r < 20 THEN NULL WHEN q % 20 < 15 THEN 'community' WHEN q % 20 < 19 THEN 'person' ELSE 'organisation' END`;
      const dept = (f) =>
        `CASE ${departments.map((dp, i) => `WHEN g % ${departments.length} = ${i} THEN ${f(dp)}`).join(' ')} END`;
      return {
        document_id: `'bc' || ${d.pad('g', 22)}`,
        number: `'JM-B-' || ${d.pad('g', 8)}`,
        receipt_code: `'RB' || ${d.pad('g', 9)}`,
        type_key: `'resident-request'`,
        type_version: '1',
        title: `'基准事项 ' || g`,
        category: `CASE WHEN q % 3 = 0 THEN 'environment' WHEN q % 3 = 1 THEN 'facilities' ELSE 'care' END`,
        channel: `CASE WHEN g % 4 = 0 THEN 'phone' WHEN g % 4 = 1 THEN 'grid' ELSE 'qr' END`,
        state: kind,
        state_kind: `CASE WHEN ${open} THEN 'open' WHEN ${active} THEN 'waiting' WHEN r < 330 THEN 'resolved' ELSE 'closed' END`,
        area_path: 'a.path',
        area_name: 'a.name',
        reporter_name: `'居民' || (g % 1000)`,
        reporter_phone: `'138' || ${d.pad('g % 100000000', 8)}`,
        assignee_kind: assignee,
        assignee_user_id: `CASE WHEN r >= 20 AND q % 20 >= 15 AND q % 20 < 19 THEN a.person END`,
        assignee_area_path: `CASE WHEN r >= 20 AND q % 20 < 15 THEN a.path END`,
        assignee_unit_id: `CASE WHEN r >= 20 AND q % 20 = 19 THEN ${dept((dp) => dp.id)} END`,
        assignee_name: `CASE WHEN r < 20 THEN NULL WHEN q % 20 < 15 THEN a.name WHEN q % 20 < 19 THEN '基准办理人' ELSE '基准部门' END`,
        dispatched_at: `CASE WHEN r >= 20 THEN ${d.at(`${created} + 600000`)} END`,
        signed_at: `CASE WHEN r >= 70 THEN ${d.at(`${created} + 3600000`)} END`,
        state_entered_at: d.at(`${created} + 3600000`),
        state_due_at: `CASE WHEN r >= 20 AND r < 70 AND q >= 120 THEN ${d.at(`${T} + (1 + q % 20) * 3600000`)} END`,
        state_warn_at: `CASE WHEN r >= 20 AND r < 70 AND q >= 120 THEN ${d.at(`${T} + (q % 20) * 3600000 + 1800000`)} END`,
        due_at: `CASE WHEN (${due}) IS NULL THEN NULL ELSE ${d.at(due)} END`,
        warn_at: `CASE WHEN (${warn}) IS NULL THEN NULL ELSE ${d.at(warn)} END`,
        remaining_minutes: `CASE WHEN r >= 200 AND r < 250 THEN 600 + q END`,
        sla_status: sla,
        overdue_at: `CASE WHEN (${open} AND q < 120) OR (r >= 250 AND q < 60) THEN ${d.at(`${created} + 8 * ${DAY}`)} END`,
        escalated_at: `CASE WHEN (${open} AND q < 120) OR (r >= 250 AND q < 60) THEN ${d.at(`${created} + 8 * ${DAY}`)} END`,
        press_count: '0',
        whistled: `CASE WHEN g % 50 = 0 THEN ${d.bool(true)} ELSE ${d.bool(false)} END`,
        reply: `CASE WHEN r >= 250 THEN '已处理' END`,
        replied_at: `CASE WHEN r >= 250 THEN ${d.at(`${created} + 3 * ${DAY}`)} END`,
        resolved_at: `CASE WHEN r >= 250 THEN ${d.at(`${created} + 3 * ${DAY}`)} END`,
        closed_at: `CASE WHEN r >= 330 THEN ${d.at(`${created} + 5 * ${DAY}`)} END`,
        satisfaction: `CASE WHEN r >= 330 AND q % 3 = 0 THEN 1 + q % 5 END`,
        reopen_count: '0',
        revision: '3',
        created_at: d.at(created),
        updated_at: d.at(created),
        published_at: d.at(created),
      };
    };
    const insertStarted = Date.now();
    await bulkCases(knex, pg, 1, ROWS, shape);
    await knex.raw(pg ? 'ANALYZE cases' : 'ANALYZE');
    const insertMs = Date.now() - insertStarted;
    line(
      `setup: ${ROWS.toLocaleString('en')} cases written with bulk SQL (16 indexes), then ANALYZE`,
      `${(insertMs / 1000).toFixed(0)} s`,
    );

    // ------------------------------------------------------------------ the queue
    const worker = { ...workers[0], path: grassroots[0].path };
    const office = {
      ...offices.get(parentPath(grassroots[0].path)),
      path: parentPath(grassroots[0].path),
    };
    const active = ['open', 'waiting'];
    const floorQueries = {
      mine: (q) =>
        q
          .where('area_path', 'like', `${worker.path}%`)
          .whereIn('state_kind', active)
          .where((w) =>
            w
              .where('assignee_user_id', worker.id)
              .orWhere((c) =>
                c.where('assignee_kind', 'community').where('assignee_area_path', worker.path),
              ),
          ),
      overdue: (q) =>
        q
          .where('area_path', 'like', `${office.path}%`)
          .whereIn('state_kind', active)
          .where('sla_status', 'overdue'),
    };
    const viewers = { mine: worker, overdue: office };
    const who = {
      mine: `community worker, ${grassroots[0].name}`,
      overdue: 'street office (a subdistrict)',
    };
    const inProcess = (viewer, view) =>
      app.requestContext.run(
        {
          state: {
            auth: { strategy: { name: 'users-permissions' } },
            user: { id: viewer.id, username: `bench-${viewer.id}` },
          },
        },
        () => cases.queue({ view }),
      );
    // What one queue() call runs, statement by statement (timed from knex's events).
    const statements = async (fn) => {
      const started = new Map();
      const list = [];
      const onQuery = (q) =>
        started.set(q.__knexQueryUid, { sql: q.sql, t: process.hrtime.bigint() });
      const onResponse = (_r, q) => {
        const s = started.get(q.__knexQueryUid);
        if (s) list.push({ sql: s.sql, ms: Number(process.hrtime.bigint() - s.t) / 1e6 });
      };
      knex.on('query', onQuery);
      knex.on('query-response', onResponse);
      try {
        await fn();
      } finally {
        knex.removeListener('query', onQuery);
        knex.removeListener('query-response', onResponse);
      }
      return list;
    };
    for (const view of ['mine', 'overdue']) {
      const viewer = viewers[view];
      const first = JSON.parse(
        await call(port, 'GET', `/api/cases/queue?view=${view}`, null, viewer.jwt),
      );
      const floorPage = await timed(QUEUE_RUNS, () =>
        floorQueries[view](knex('cases').select('*'))
          .orderBy([{ column: 'due_at' }, { column: 'id' }])
          .limit(25),
      );
      const floorCount = await timed(QUEUE_RUNS, () =>
        floorQueries[view](knex('cases')).count({ n: '*' }),
      );
      const floor = { p50: floorPage.p50 + floorCount.p50, p99: floorPage.p99 + floorCount.p99 };
      line(
        `floor: ${view} page of 25 + its COUNT, bare SQL (${first.meta.total.toLocaleString('en')} in the view)`,
        `p50 ${ms(floor.p50)} ms  p99 ${ms(floor.p99)} ms  (page ${ms(floorPage.p50)} + count ${ms(floorCount.p50)})`,
      );
      const overHttp = await timed(QUEUE_RUNS, () =>
        call(port, 'GET', `/api/cases/queue?view=${view}`, null, viewer.jwt),
      );
      line(
        `GET /queue?view=${view}, over HTTP — ${who[view]}`,
        lat(overHttp),
        overHttp.p50 / floor.p50,
      );
      const direct = await timed(QUEUE_RUNS, () => inProcess(viewer, view));
      line(`queue({ view: '${view}' }), in-process`, lat(direct), direct.p50 / floor.p50);
      const list = await statements(() => inProcess(viewer, view));
      const counts = list.filter((s) => /count\(/i.test(s.sql));
      const countMs = counts.reduce((n, s) => n + s.ms, 0);
      const slowest = counts.reduce((a, b) => (b.ms > a.ms ? b : a), { ms: 0, sql: '' });
      line(
        `  where queue() spends it (one call, ${list.length} statements)`,
        `${counts.length} counts ${ms(countMs)} ms of ${ms(list.reduce((n, s) => n + s.ms, 0))} ms in SQL; slowest count ${ms(slowest.ms)} ms`,
      );
      if (process.env.CASES_BENCH_VERBOSE)
        for (const s of list) console.error(`  ${ms(s.ms).padStart(7)} ms  ${s.sql.slice(0, 220)}`);
    }

    // A sketch of the cheaper counts (not the plugin's code): the 8 views' counts in one grouped
    // pass over the viewer's reach, and the page's own count capped at 1,000.
    // A partial index over the active cases in due order (a sketch, not the plugin's migration):
    // the page's ORDER BY due_at walks only open and waiting cases, instead of every case's due_at
    // from the oldest closed one (PostgreSQL's plan for the mine page). Dropped again after.
    const minePage = () =>
      floorQueries
        .mine(knex('cases').select('*'))
        .orderBy([{ column: 'due_at' }, { column: 'id' }])
        .limit(25);
    await knex.raw(
      `CREATE INDEX bench_cases_active_due ON cases (due_at, id) WHERE state_kind IN ('open', 'waiting')`,
    );
    await knex.raw(pg ? 'ANALYZE cases' : 'ANALYZE');
    const pageIndexed = await timed(QUEUE_RUNS, minePage);
    line('  sketch: the mine page with a partial index on active cases’ due_at', lat(pageIndexed));
    await knex.raw('DROP INDEX bench_cases_active_due');

    // The reach as an index range: Strapi's $startsWith is `LIKE 'p%' ESCAPE '\\'`, which SQLite's
    // case-insensitive LIKE never answers from an index (nor PostgreSQL's, outside the C
    // collation); `area_path >= p AND area_path < p′` (p′: p with its last character the next
    // one) reads only the scope's slice of cases_by_area, on both.
    const upper = (p) => p.slice(0, -1) + String.fromCharCode(p.charCodeAt(p.length - 1) + 1);
    const reach = (q, viewer, asRange) =>
      asRange
        ? q.where('area_path', '>=', viewer.path).where('area_path', '<', upper(viewer.path))
        : q.where('area_path', 'like', `${viewer.path}%`);
    const counts8 = (viewer, asRange = false) =>
      reach(knex('cases'), viewer, asRange).select(
        knex.raw(
          `SUM(CASE WHEN state_kind IN ('open','waiting') AND (assignee_user_id = ? OR (assignee_kind = 'community' AND assignee_area_path = ?)) THEN 1 ELSE 0 END) AS mine,
             SUM(CASE WHEN state_kind IN ('open','waiting') AND assignee_kind = 'community' AND assignee_area_path LIKE ? THEN 1 ELSE 0 END) AS unit,
             SUM(CASE WHEN state_kind = 'open' AND assignee_kind IS NULL THEN 1 ELSE 0 END) AS unassigned,
             SUM(CASE WHEN state_kind IN ('open','waiting') AND sla_status = 'due_soon' THEN 1 ELSE 0 END) AS due_soon,
             SUM(CASE WHEN state_kind IN ('open','waiting') AND sla_status = 'overdue' THEN 1 ELSE 0 END) AS overdue,
             SUM(CASE WHEN state_kind IN ('open','waiting') AND whistled = ? THEN 1 ELSE 0 END) AS whistled,
             COUNT(*) AS "all",
             SUM(CASE WHEN state_kind IN ('resolved','closed') THEN 1 ELSE 0 END) AS closed`,
          [viewer.id, viewer.path, `${viewer.path}%`, pg ? true : 1],
        ),
      );
    const oneGrouped = await timed(Math.min(QUEUE_RUNS, 10), () => counts8(office));
    line('  sketch: the 8 counts as one grouped query (street office)', lat(oneGrouped));
    const groupedRange = await timed(Math.min(QUEUE_RUNS, 10), () => counts8(office, true));
    line('  sketch: … with the reach as an index range', lat(groupedRange));
    const mineRange = await timed(QUEUE_RUNS, () =>
      reach(knex('cases'), worker, true)
        .whereIn('state_kind', active)
        .where((w) =>
          w
            .where('assignee_user_id', worker.id)
            .orWhere((c) =>
              c.where('assignee_kind', 'community').where('assignee_area_path', worker.path),
            ),
        )
        .count({ n: '*' }),
    );
    line('  sketch: the mine count with the reach as an index range', lat(mineRange));
    const capped = await timed(QUEUE_RUNS, () =>
      knex
        .count({ n: '*' })
        .from(floorQueries.overdue(knex('cases').select('id')).limit(1000).as('c')),
    );
    line('  sketch: the overdue page’s own count, capped at 1,000', lat(capped));

    // ------------------------------------------------------------------ the sweep
    // SWEEP open cases across the district whose warning time has come: one runOnce at
    // `warnNow` finds them all due soon. Then the first SWEEP_OVERDUE of them pass their due
    // time: one runOnce at `dueNow` finds those overdue (a timeline step, the assignee and the
    // supervisors told). Nothing of the million is due at either time (its open deadlines lie
    // ahead, or are marked already). The overdue pass costs more per case and runs on fewer: at
    // ~300 cases/s (SQLite, measured), 100,000 overdue would take the run past its budget.
    const dueNow = new Date(T - 10 * MINUTE);
    const warnNow = new Date(T - 60 * MINUTE);
    const sweepFirst = 10_000_000 + 1;
    const lastOverdue = sweepFirst + SWEEP_OVERDUE - 1;
    await bulkCases(knex, pg, sweepFirst, SWEEP, (dd) => {
      const base = shape(dd);
      const created = `${T} - 6 * ${DAY}`;
      return {
        ...base,
        state: `CASE WHEN q % 2 = 0 THEN 'dispatched' ELSE 'handling' END`,
        state_kind: `'open'`,
        assignee_kind: `CASE WHEN q % 20 < 16 THEN 'community' ELSE 'person' END`,
        assignee_user_id: `CASE WHEN q % 20 >= 16 THEN a.person END`,
        assignee_area_path: `CASE WHEN q % 20 < 16 THEN a.path END`,
        assignee_unit_id: 'NULL',
        assignee_name: `CASE WHEN q % 20 < 16 THEN a.name ELSE '基准办理人' END`,
        dispatched_at: dd.at(created),
        signed_at: 'NULL',
        state_due_at: 'NULL',
        state_warn_at: 'NULL',
        warn_at: dd.at(`${warnNow.getTime()} - (g % 30) * ${MINUTE}`),
        due_at: dd.at(
          `CASE WHEN g <= ${lastOverdue} THEN ${dueNow.getTime()} - (g % 30) * ${MINUTE} ELSE ${T} + 2 * ${DAY} END`,
        ),
        remaining_minutes: 'NULL',
        sla_status: `'on_time'`,
        overdue_at: 'NULL',
        escalated_at: 'NULL',
        reply: 'NULL',
        replied_at: 'NULL',
        resolved_at: 'NULL',
        closed_at: 'NULL',
        satisfaction: 'NULL',
        created_at: dd.at(created),
        updated_at: dd.at(created),
        published_at: dd.at(created),
      };
    });
    await knex.raw(pg ? 'ANALYZE cases' : 'ANALYZE');
    const sweepIds = (
      await knex('cases')
        .where('number', '>=', `JM-B-${String(sweepFirst).padStart(8, '0')}`)
        .orderBy('id')
        .select('id')
    ).map((r) => Number(r.id));
    // The floor: the bare writes of each pass, one UPDATE … WHERE id IN (500 ids) per batch
    // (each its own transaction) over the same rows, which are then put back, untimed.
    const floorPass = async (ids, data) => {
      const t = Date.now();
      for (let i = 0; i < ids.length; i += 500)
        await knex('cases')
          .whereIn('id', ids.slice(i, i + 500))
          .update(data);
      return Date.now() - t;
    };
    const overdueIds = sweepIds.slice(0, SWEEP_OVERDUE);
    const floorWarn = await floorPass(sweepIds, { sla_status: 'due_soon', sweep_mark: 'floor-1' });
    const floorDue = await floorPass(overdueIds, {
      sla_status: 'overdue',
      sweep_mark: 'floor-2',
      overdue_at: pg ? dueNow : dueNow.getTime(),
      escalated_at: pg ? dueNow : dueNow.getTime(),
    });
    await floorPass(sweepIds, {
      sla_status: 'on_time',
      sweep_mark: null,
      overdue_at: null,
      escalated_at: null,
    });
    const rate = (n, msTaken) => `${Math.round(n / (msTaken / 1000)).toLocaleString('en')}/s`;
    line(
      `floor: UPDATE … WHERE id IN (500), ${SWEEP.toLocaleString('en')} rows`,
      `${(floorWarn / 1000).toFixed(1)} s, ${rate(SWEEP, floorWarn)}`,
    );
    const notesBefore = Number((await knex('case_notifications').count({ n: '*' }))[0].n);
    let t = Date.now();
    const warned = await sweep.runOnce(warnNow);
    const warnMs = Date.now() - t;
    const notesWarn = Number((await knex('case_notifications').count({ n: '*' }))[0].n);
    line(
      `sweep.runOnce: ${warned.dueSoon.toLocaleString('en')} open cases come due soon`,
      `${(warnMs / 1000).toFixed(1)} s, ${rate(warned.dueSoon, warnMs)}, ${(notesWarn - notesBefore).toLocaleString('en')} notifications`,
      warnMs / floorWarn,
    );
    line(
      `floor: UPDATE … WHERE id IN (500), ${SWEEP_OVERDUE.toLocaleString('en')} rows`,
      `${(floorDue / 1000).toFixed(1)} s, ${rate(SWEEP_OVERDUE, floorDue)}`,
    );
    const stepsBefore = Number((await knex('case_steps').count({ n: '*' }))[0].n);
    t = Date.now();
    const passed = await sweep.runOnce(dueNow);
    const dueMs = Date.now() - t;
    const notes = Number((await knex('case_notifications').count({ n: '*' }))[0].n) - notesWarn;
    const steps = Number((await knex('case_steps').count({ n: '*' }))[0].n) - stepsBefore;
    line(
      `sweep.runOnce: ${passed.overdue.toLocaleString('en')} of them overdue (step, escalation)`,
      `${(dueMs / 1000).toFixed(1)} s, ${rate(passed.overdue, dueMs)}, ${notes.toLocaleString('en')} notifications, ${steps.toLocaleString('en')} steps`,
      dueMs / floorDue,
    );
    t = Date.now();
    const idle = await sweep.runOnce(dueNow);
    line(
      `sweep.runOnce with nothing due (${(ROWS + SWEEP).toLocaleString('en')} cases)`,
      `${Date.now() - t} ms (found ${idle.dueSoon + idle.overdue})`,
    );

    // ------------------------------------------------------------------ intake
    const health = await timed(INTAKES, () => call(port, 'GET', '/_health'));
    line('floor: GET /_health over HTTP', lat(health));
    let serial = 0;
    const bareInsert = await timed(INTAKES, () => {
      serial += 1;
      return knex('cases').insert({
        document_id: `bf${String(serial).padStart(22, '0')}`,
        number: `JM-F-${serial}`,
        receipt_code: `RF${serial}`,
        type_key: 'resident-request',
        type_version: 1,
        title: '电话反映：楼道垃圾',
        channel: 'phone',
        state: 'new',
        state_kind: 'open',
        area_path: worker.path,
        sla_status: 'on_time',
        created_at: new Date(),
        updated_at: new Date(),
      });
    });
    line('floor: one bare INSERT of a case row (knex)', lat(bareInsert));
    const body = (i) => ({
      type: 'resident-request',
      channel: 'phone',
      category: 'environment',
      title: `电话反映：楼道垃圾堆积 ${i}`,
      description: '三单元楼道垃圾一周无人清运',
      area: grassroots[0].document_id,
      address: '3栋2单元',
      reporterName: '王芳',
      reporterPhone: '13800138000',
    });
    let lastCase = null;
    const intakeOnce = async (i) => {
      const res = JSON.parse(await call(port, 'POST', '/api/cases/cases', body(i), worker.jwt));
      if (res.data.state !== 'dispatched') throw new Error(`intake: state ${res.data.state}`);
      lastCase = res.data;
    };
    const sequential = await timed(INTAKES, intakeOnce);
    const perSec = (r) => `${r.perSecond.toFixed(0)}/s  ${lat(r)}`;
    line(
      `POST /cases (phone, dispatched by rule), sequential (${INTAKES})`,
      perSec(sequential),
      sequential.p50 / health.p50,
    );
    const parallel = await concurrent(INTAKES * 2, CLIENTS, (i) => intakeOnce(INTAKES + i));
    line(
      `POST /cases, ${CLIENTS} clients (${(INTAKES * 2).toLocaleString('en')})`,
      perSec(parallel),
      parallel.p50 / health.p50,
    );
    // What every answer with a case's detail reads (intake's, a transition's, GET /cases/:id):
    // its children by parent_id, a column without an index.
    const shown = await timed(QUEUE_RUNS, () =>
      call(port, 'GET', `/api/cases/cases/${lastCase.documentId}`, null, worker.jwt),
    );
    line('GET /cases/:id (the detail intake answers with)', lat(shown));
    const [{ id: lastId }] = await knex('cases')
      .where('document_id', lastCase.documentId)
      .select('id');
    const children = await timed(QUEUE_RUNS, () =>
      knex('cases').where('parent_id', lastId).select('document_id', 'number'),
    );
    line('  of which its children: WHERE parent_id = ? (no index)', lat(children));
    line(
      'setup: the demo district, 193 staff, and the sweep’s cases',
      `district ${(seedMs / 1000).toFixed(1)} s, all setup before the bulk ${(setupMs / 1000).toFixed(1)} s`,
    );
  } finally {
    await app.destroy();
    console.log(`\nCases bench — ${label} (${os.cpus().length} cores)`);
    for (const [name, value] of rows) console.log(`  ${name.padEnd(72)} ${value}`);
  }
}

bench.onEachDatabase({ script: __filename, name: 'cases', measure }).catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
