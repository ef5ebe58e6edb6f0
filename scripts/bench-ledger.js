'use strict';
// The ledger benchmark (run by `npm run bench`, or alone: `node scripts/bench-ledger.js`):
// transfers per second and p50/p99 latency for the ledger service in-process and the HTTP API —
// single transfers, 16 clients at once, batches of 100, between hot accounts (always the same
// two, both ways) and cold ones (spread over 1,000) — each printed as a ratio to a floor measured
// in the same run. On PostgreSQL the floor is what the database does for one transfer in one
// round trip (scripts/bench-floor.js: a PL/pgSQL function through `pg`, 1 and 16 connections);
// on SQLite it is the statements one transfer needs, prepared, in one BEGIN IMMEDIATE. HTTP
// figures are also given as a ratio to the in-process ones, and HTTP's own share is measured
// apart: the floor's function, and the ledger service, each behind a bare Node HTTP server (no
// Strapi, no authentication). Every HTTP client runs in a process of its own
// (scripts/bench-http-client.js), as a real client or the floor's connections do.
const http = require('http');
const os = require('os');
const bench = require('./bench-lib');
const { openTransferFloor } = require('./bench-floor');
const { boot, timed, concurrent, bareJsonServer } = bench;
const { inChildProcess } = require('./bench-http-client');

const SINGLES = Number(process.env.LEDGER_BENCH_N || 800);
const BATCHES = 10;
const BATCH = 100;

/**
 * `scripts/cluster.js` as production runs it (NODE_ENV=production, one process per core, no admin
 * panel) on `url`, on a free port; resolves once every process answers.
 */
async function startCluster(url) {
  const { spawn } = require('child_process');
  const path = require('path');
  const processes = os.availableParallelism?.() ?? os.cpus().length;
  const port = 30000 + Math.floor(Math.random() * 10000);
  const child = spawn(process.execPath, [path.join(__dirname, 'cluster.js')], {
    cwd: path.join(__dirname, '..'),
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: url,
      PORT: String(port),
      HOST: '127.0.0.1',
      LINLI_PROCESSES: String(processes),
      LINLI_PROCESS_HEADER: '1',
      LINLI_ADMIN_PANEL: 'off',
      LINLI_BUILD: 'off',
      LINLI_SEED: 'none',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (d) => (log += String(d)));
  child.stderr.on('data', (d) => (log += String(d)));
  const answered = new Set();
  const deadline = Date.now() + 240_000;
  while (answered.size < processes) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`the cluster did not start ${processes} processes:\n${log}`);
    const which = await new Promise((resolve) => {
      const req = http.get({ host: '127.0.0.1', port, path: '/_health', agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode === 204 ? res.headers['x-linli-process'] : null);
      });
      req.on('error', () => resolve(null));
    });
    if (which) answered.add(which);
    else await new Promise((r) => setTimeout(r, 500));
  }
  const stop = async () => {
    if (child.exitCode !== null) return;
    const ended = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await ended;
  };
  return { port, processes, stop };
}

const rate = (r) =>
  `${r.perSecond.toFixed(0).padStart(6)} transfers/s  p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms`;
const ratio = (r, base, what) => `${(r.perSecond / base.perSecond).toFixed(2)}× ${what}`;

/** The floor's prepared statements on a better-sqlite3 connection, made once. */
const floorPrepared = new WeakMap();
function floorStatements(conn) {
  if (!floorPrepared.has(conn))
    floorPrepared.set(conn, {
      account: conn.prepare(
        'SELECT credits_posted, debits_posted, version FROM ledger_accounts WHERE id = ?',
      ),
      transfer: conn.prepare(
        `INSERT INTO ledger_transfers (idempotency_key, kind, debit_account_id, credit_account_id,
          amount, unit, created_at) VALUES (?, 'posted', ?, ?, 1, 'fen', ?)`,
      ),
      entry: conn.prepare(
        `INSERT INTO ledger_entries (transfer_id, account_id, amount, balance_after,
          account_version, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      debit: conn.prepare(
        'UPDATE ledger_accounts SET debits_posted = debits_posted + 1, version = version + 1 WHERE id = ?',
      ),
      credit: conn.prepare(
        'UPDATE ledger_accounts SET credits_posted = credits_posted + 1, version = version + 1 WHERE id = ?',
      ),
    });
  return floorPrepared.get(conn);
}

async function measure(label) {
  const app = await boot();
  const rows = [];
  const add = (name, r, ...ratios) => rows.push([name, [rate(r), ...ratios].join('  ')]);
  // On PostgreSQL the floor stays installed through the run: it is also paced at the API's rate.
  let floorOnDb = null;
  try {
    const ledger = app.plugin('ledger').service('ledger');
    const knex = app.db.connection;
    const pg = app.db.dialect.client === 'postgres';
    const run = `${Date.now().toString(36)}`;
    await ledger.openAccount({ code: `src:${run}`, unit: 'fen', minBalance: null });
    const cold = [];
    for (let i = 0; i < 1000; i += 1) cold.push(`cold:${run}:${i}`);
    for (let i = 0; i < cold.length; i += 100) {
      await knex('ledger_accounts').insert(
        cold
          .slice(i, i + 100)
          .map((code) => ({ code, unit: 'fen', min_balance: null, created_at: new Date() })),
      );
    }
    const hot = [`hot:${run}:a`, `hot:${run}:b`];
    for (const code of hot) await ledger.openAccount({ code, unit: 'fen', minBalance: null });
    const ids = new Map(
      (
        await knex('ledger_accounts')
          .whereIn('code', [...hot, ...cold])
          .select('id', 'code')
      ).map((r) => [r.code, Number(r.id)]),
    );
    const pair = (i, isHot) =>
      isHot
        ? i % 2
          ? [hot[0], hot[1]]
          : [hot[1], hot[0]]
        : [cold[(i * 7) % 1000], cold[(i * 7 + 1) % 1000]];

    // SQLite's floor: the statements one transfer needs, prepared, in one BEGIN IMMEDIATE on the
    // app's own connection (better-sqlite3, taken from knex's pool of one), nothing else.
    const floor = async (i, isHot, tag) => {
      const [d, c] = pair(i, isHot).map((code) => ids.get(code));
      const conn = await knex.client.acquireConnection();
      try {
        const s = floorStatements(conn);
        conn
          .transaction(() => {
            const at = Date.now();
            const da = s.account.get(d);
            const ca = s.account.get(c);
            const id = s.transfer.run(`${tag}${i}`, d, c, at).lastInsertRowid;
            s.entry.run(id, d, -1, da.credits_posted - da.debits_posted - 1, da.version + 1, at);
            s.entry.run(id, c, 1, ca.credits_posted + 1 - ca.debits_posted, ca.version + 1, at);
            s.debit.run(d);
            s.credit.run(c);
          })
          .immediate();
      } finally {
        await knex.client.releaseConnection(conn);
      }
    };
    const port = app.server.httpServer.address().port;
    const inProcess = 'in-process';
    const floorName = 'the floor';
    // Every HTTP figure comes from clients in a process of their own (scripts/bench-http-client.js),
    // as the floor's come from the database's own connections: clients sharing the server's one
    // JavaScript thread would take their CPU from it.
    const hotPairs = [pair(0, true), pair(1, true)];
    const coldPairs = Array.from({ length: 1000 }, (_, i) => pair(i, false));
    const WARM = 100;
    const clients = (target, path, token) => {
      const job = (pairs, tag, how) =>
        inChildProcess({ ...target, path, token, n: SINGLES, warm: WARM, tag, pairs, ...how });
      return {
        single: (pairs, tag) => job(pairs, tag, { mode: 'timed' }),
        sixteen: (pairs, tag) => job(pairs, tag, { mode: 'concurrent', clients: 16 }),
        batches: (pairs, tag) =>
          job(pairs, tag, { mode: 'timed', n: BATCHES, batch: BATCH, warm: 1 }),
        paced: (perSecond, pairs, tag) =>
          job(pairs, tag, { mode: 'paced', n: Math.round(perSecond * 5), perSecond }),
      };
    };

    // The floor writes what the engine writes (entries, versions, totals), so the books stay
    // right and the reconciliation at the end covers both.
    let floorOne;
    let floorSixteen;
    let floorBatch;
    if (pg) {
      floorOnDb = await openTransferFloor(process.env.DATABASE_URL);
      const floors = await floorOnDb.measure({
        n: SINGLES * 2,
        overHttp: async (floorPort, floorPairs) => {
          const onFloor = clients({ port: floorPort }, '/');
          return {
            one: await onFloor.single(floorPairs, `fh1:${run}:`),
            sixteen: await onFloor.sixteen(floorPairs, `fh16:${run}:`),
          };
        },
      });
      floorOne = floors.one;
      floorSixteen = floors.sixteen;
      floorBatch = floors.batch;
      add('floor: one-round-trip SQL function, 1 connection', floorOne);
      add('floor: the same, 16 connections', floorSixteen);
      add(`floor: the same, ${BATCH} calls a statement`, floorBatch);
      // HTTP's own share: the function behind a bare Node HTTP server, clients as the API's.
      add(
        'floor behind a bare Node HTTP server, 1 client',
        floors.http.one,
        ratio(floors.http.one, floorOne, floorName),
      );
      add(
        'floor behind a bare Node HTTP server, 16 clients',
        floors.http.sixteen,
        ratio(floors.http.sixteen, floorSixteen, floorName),
      );
    } else {
      floorOne = await timed(SINGLES, (i) => floor(i, true, `fh:${run}:`));
      add('floor: the statements prepared, one BEGIN IMMEDIATE, single, hot', floorOne);
      floorSixteen = floorOne;
      floorBatch = floorOne;
    }

    const svc = (isHot, tag) => (i) => {
      const [debit, credit] = pair(i, isHot);
      return ledger.transfer({ key: `${tag}${i}`, debit, credit, amount: 1 });
    };
    const inHot = await timed(SINGLES, svc(true, `sh:${run}:`));
    add('service in-process, single, hot', inHot, ratio(inHot, floorOne, floorName));
    const inCold = await timed(SINGLES, svc(false, `sc:${run}:`));
    add('service in-process, single, cold', inCold, ratio(inCold, floorOne, floorName));
    const batch = (isHot, tag) => (b) =>
      ledger.transferAll(
        Array.from({ length: BATCH }, (_, j) => {
          const [debit, credit] = pair(b * BATCH + j, isHot);
          return { key: `${tag}${b}:${j}`, debit, credit, amount: 1 };
        }),
      );
    const perTransfer = (r) => ({ perSecond: r.perSecond * BATCH, p50: r.p50, p99: r.p99 });
    const inBatchHot = perTransfer(await timed(BATCHES, batch(true, `bh:${run}:`)));
    add(
      `service in-process, batches of ${BATCH} (latency per batch), hot`,
      inBatchHot,
      ratio(inBatchHot, floorBatch, floorName),
    );
    const inBatchCold = perTransfer(await timed(BATCHES, batch(false, `bc:${run}:`)));
    add(
      `service in-process, batches of ${BATCH} (latency per batch), cold`,
      inBatchCold,
      ratio(inBatchCold, floorBatch, floorName),
    );
    // The second half: a reservation posted, and a posted transfer reversed (on PostgreSQL each
    // one round trip, `ledger_settle`), timed apart from making what they settle.
    const reserved = [];
    for (let i = 0; i < SINGLES; i += 1) {
      const [debit, credit] = pair(i, false);
      reserved.push(await ledger.reserve({ key: `rv:${run}:${i}`, debit, credit, amount: 2 }));
    }
    const inPost = await timed(SINGLES, (i) =>
      ledger.postPending(`rp:${run}:${i}`, reserved[i].id, 1),
    );
    add('service in-process, post a reservation, cold', inPost, ratio(inPost, floorOne, floorName));
    const posted = [];
    for (let i = 0; i < SINGLES; i += 1) {
      const [debit, credit] = pair(i, false);
      posted.push(await ledger.transfer({ key: `ro:${run}:${i}`, debit, credit, amount: 1 }));
    }
    const inReverse = await timed(SINGLES, (i) => ledger.reverse(`rr:${run}:${i}`, posted[i].id));
    add(
      'service in-process, reverse a transfer, cold',
      inReverse,
      ratio(inReverse, floorOne, floorName),
    );
    // Sixteen clients at once on the two hot accounts, in both directions.
    const inSixteen = await concurrent(SINGLES, 16, async (i) => {
      const [debit, credit] = pair(i, true);
      await ledger.transfer({ key: `cc:${run}:${i}`, debit, credit, amount: 1 });
      return 'ok';
    });
    add(
      'service in-process, 16 concurrent clients, hot',
      inSixteen,
      ratio(inSixteen, floorSixteen, floorName),
    );

    // What HTTP costs before Strapi: the same service behind a bare Node HTTP server (no
    // authentication, no middleware, nothing but JSON in and out).
    const bare = await bareJsonServer((body) => ledger.transfer(body));
    let bareHot;
    let bareSixteen;
    try {
      const bareClients = clients({ port: bare.port }, '/');
      bareHot = await bareClients.single(hotPairs, `bh1:${run}:`);
      add(
        'ledger service behind a bare Node HTTP server, single, hot',
        bareHot,
        ratio(bareHot, floorOne, floorName),
        ratio(bareHot, inHot, inProcess),
      );
      bareSixteen = await bareClients.sixteen(hotPairs, `bh16:${run}:`);
      add(
        'ledger service behind a bare Node HTTP server, 16 clients, hot',
        bareSixteen,
        ratio(bareSixteen, floorSixteen, floorName),
        ratio(bareSixteen, inSixteen, inProcess),
      );
    } finally {
      await bare.close();
    }

    const token = (
      await app
        .service('admin::api-token')
        .create({ name: `bench-${run}`, type: 'full-access', lifespan: null })
    ).accessKey;
    const api = clients({ port }, '/api/ledger/transfers', token);
    const bareName = 'bare server';
    const httpHot = await api.single(hotPairs, `hh:${run}:`);
    add(
      'HTTP API, single, hot',
      httpHot,
      ratio(httpHot, floorOne, floorName),
      ratio(httpHot, inHot, inProcess),
      ratio(httpHot, bareHot, bareName),
    );
    const httpCold = await api.single(coldPairs, `hc:${run}:`);
    add(
      'HTTP API, single, cold',
      httpCold,
      ratio(httpCold, floorOne, floorName),
      ratio(httpCold, inCold, inProcess),
    );
    const httpBatched = perTransfer(await api.batches(coldPairs, `hb:${run}:`));
    add(
      `HTTP API, batches of ${BATCH} (latency per batch), cold`,
      httpBatched,
      ratio(httpBatched, floorBatch, floorName),
      ratio(httpBatched, inBatchCold, inProcess),
    );
    const httpSixteen = await api.sixteen(hotPairs, `h16:${run}:`);
    add(
      'HTTP API, 16 concurrent clients, hot',
      httpSixteen,
      ratio(httpSixteen, floorSixteen, floorName),
      ratio(httpSixteen, inSixteen, inProcess),
      ratio(httpSixteen, bareSixteen, bareName),
    );
    // At half that peak, paced (issue 15: p99 within 20 ms there): what clients see when the
    // server is busy but not saturated, each call timed from when it was due.
    const halfRate = httpSixteen.perSecond / 2;
    const httpHalf = await api.paced(halfRate, hotPairs, `hp:${run}:`);
    add(`HTTP API, paced at half the 16-client rate (${halfRate.toFixed(0)}/s), hot`, httpHalf);
    // The database's own share of that p99: the floor's function paced at the same rate. On two
    // hot rows a momentary queue can turn into a convoy of row-lock waits in PostgreSQL itself
    // (pg_stat_activity shows Lock:transactionid and Lock:tuple), so the same rate is also
    // paced over cold accounts, where no two calls wait for each other's rows.
    if (floorOnDb)
      add(
        `floor paced at the same rate (${halfRate.toFixed(0)}/s), 16 connections, hot`,
        await floorOnDb.paced(halfRate),
      );
    const httpHalfCold = await api.paced(halfRate, coldPairs, `hpc:${run}:`);
    add(`HTTP API, paced at the same rate (${halfRate.toFixed(0)}/s), cold`, httpHalfCold);
    if (floorOnDb)
      add(
        `floor paced at the same rate (${halfRate.toFixed(0)}/s), 16 connections, cold`,
        await floorOnDb.paced(halfRate, { hot: false }),
      );
    // Issue 15's "several processes": the documented production start (`npm run start:cluster`,
    // one process per core) on the same database, the same 16 clients.
    if (pg) {
      const cluster = await startCluster(process.env.DATABASE_URL);
      try {
        const onCluster = clients({ port: cluster.port }, '/api/ledger/transfers', token);
        // Each process warms its own code (the clients' warm-up alone reaches one or two).
        await onCluster.sixteen(hotPairs, `cw:${run}:`);
        const clusterSixteen = await onCluster.sixteen(hotPairs, `c16:${run}:`);
        add(
          `HTTP API, ${cluster.processes} processes (npm run start:cluster), 16 clients, hot`,
          clusterSixteen,
          ratio(clusterSixteen, floorSixteen, floorName),
          ratio(clusterSixteen, httpSixteen, 'one process'),
        );
        const clusterHalfRate = clusterSixteen.perSecond / 2;
        const clusterHalf = await onCluster.paced(clusterHalfRate, hotPairs, `cp:${run}:`);
        add(
          `HTTP API, ${cluster.processes} processes, paced at half that (${clusterHalfRate.toFixed(0)}/s), hot`,
          clusterHalf,
        );
        add(
          `floor paced at the same rate (${clusterHalfRate.toFixed(0)}/s), 16 connections, hot`,
          await floorOnDb.paced(clusterHalfRate),
        );
      } finally {
        await cluster.stop();
      }
    }
    const report = await ledger.reconcile();
    rows.push([
      'reconciliation after the run',
      report.ok
        ? `every invariant holds (${report.checked.transfers} transfers)`
        : `${report.breaches.length} breaches: ${JSON.stringify(report.breaches.slice(0, 3))}`,
    ]);
  } finally {
    await floorOnDb?.close();
    await app.destroy();
  }
  console.log(`\nLedger bench — ${label} (${os.cpus().length} cores)`);
  for (const [name, value] of rows) console.log(`  ${name.padEnd(62)} ${value}`);
}

bench.onEachDatabase({ script: __filename, name: 'ledger', measure }).catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
