'use strict';
// What every bench script shares: timing loops and percentiles, HTTP calls to the booted app,
// booting Strapi in the bench's process, and running the bench once on a scratch SQLite file
// and once on a scratch PostgreSQL database, each in its own process (one Strapi per process).
const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');
const { root, distDir, buildServerIfStale, ensureSecrets } = require('./lib');

/** The value below which p % of the values lie (nearest rank). */
function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const since = (t) => Number(process.hrtime.bigint() - t) / 1e6;

function summary(n, times, started) {
  const seconds = since(started) / 1e3;
  return {
    n,
    seconds,
    perSecond: n / seconds,
    p50: percentile(times, 50),
    p99: percentile(times, 99),
  };
}

/** fn(0) … fn(n − 1) one after the other: the rate and each call's p50 and p99 in ms. */
async function timed(n, fn) {
  const times = [];
  const started = process.hrtime.bigint();
  for (let i = 0; i < n; i += 1) {
    const t = process.hrtime.bigint();
    await fn(i);
    times.push(since(t));
  }
  return summary(n, times, started);
}

/**
 * fn(0) … fn(n − 1) by `clients` callers at once: the rate, p50 and p99, and how many calls
 * answered each value fn resolved to (e.g. HTTP statuses).
 */
async function concurrent(n, clients, fn) {
  const times = [];
  const outcomes = new Map();
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = next++; i < n; i = next++) {
        const t = process.hrtime.bigint();
        const outcome = await fn(i);
        times.push(since(t));
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      }
    }),
  );
  return { ...summary(n, times, started), outcomes };
}

/**
 * fn(0) … fn(n − 1) started on a fixed schedule, `perSecond` of them a second, whatever the
 * earlier ones are doing (an open loop, as independent clients arrive): each call's time counts
 * from when it was due to start, so a backlog shows in the latency instead of slowing the load.
 */
async function paced(n, perSecond, fn) {
  const times = [];
  const started = process.hrtime.bigint();
  const startMs = Number(started) / 1e6;
  await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const due = startMs + (i * 1000) / perSecond;
      const wait = due - Number(process.hrtime.bigint()) / 1e6;
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      await fn(i);
      times.push(Number(process.hrtime.bigint()) / 1e6 - due);
    }),
  );
  return summary(n, times, started);
}

/**
 * One JSON request to the app: its status and text. By default a fresh connection each time (a
 * kept-alive socket left idle between a bench's phases is closed by the server, and reusing it
 * resets); a bench driving many calls in a row passes its own keep-alive agent.
 */
function request(port, method, url, body, { token, agent = false } = {}) {
  const data = body ? JSON.stringify(body) : '';
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: url,
        method,
        agent,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(data),
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode, text }));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

/**
 * A bare Node HTTP server on a free port: each request's JSON body goes to `handle`, whose
 * result is answered as `{ data }` with 201 — no framework, no authentication, nothing else. The
 * ledger bench measures HTTP's own cost with it. Resolves to `{ port, close() }`.
 */
async function bareJsonServer(handle) {
  const server = http.createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (text += chunk));
    req.on('end', async () => {
      try {
        const out = JSON.stringify({ data: await handle(JSON.parse(text)) });
        res.writeHead(201, {
          'Content-Type': 'application/json; charset=utf-8',
          'Content-Length': Buffer.byteLength(out),
        });
        res.end(out);
      } catch (error) {
        res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end(String(error.message));
      }
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    close: () =>
      new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections();
      }),
  };
}

/** A request that must succeed: its text, or an error naming the call and the answer. */
async function call(port, method, url, body, token) {
  const { status, text } = await request(port, method, url, body, { token });
  if (status >= 300) throw new Error(`${method} ${url}: ${status} ${text.slice(0, 300)}`);
  return text;
}

/**
 * Strapi booted in this process on the database process.env names, without the demo data,
 * listening on a free port. `prepare(app)` runs after load and before the server mounts (to
 * take a timer off, lift a limit).
 */
async function boot(prepare) {
  process.env.LINLI_SEED = 'none';
  const { createStrapi } = require('@strapi/strapi');
  const app = createStrapi({ appDir: root, distDir, autoReload: false, serveAdminPanel: false });
  app.log.level = 'warn';
  await app.load();
  if (prepare) await prepare(app);
  await app.server.mount();
  await new Promise((resolve) => app.server.httpServer.listen(0, '127.0.0.1', resolve));
  return app;
}

/** A database created on the PostgreSQL server at `url` for fn, dropped after. */
async function withScratchDatabase(url, prefix, fn) {
  const { Client } = require('pg');
  const name = `${prefix}_${Date.now()}_${process.pid}`;
  const admin = new Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    const target = new URL(url);
    target.pathname = `/${name}`;
    return await fn(target.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

/**
 * A bench script's main: `node <script>` runs `measure` on a scratch SQLite file, then on a
 * scratch PostgreSQL database when LINLI_BENCH_DATABASE_URL or DATABASE_URL names a server,
 * each in a process of its own; `node <script> sqlite` or `… postgres <url>` runs one.
 */
async function onEachDatabase({ script, name, measure, headline }) {
  ensureSecrets();
  buildServerIfStale();
  const which = process.argv[2];
  if (which === 'sqlite') {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `linli-${name}-bench-`));
    Object.assign(process.env, {
      DATABASE_URL: '',
      DATABASE_FILENAME: path.join(tmp, `${name}.db`),
    });
    try {
      await measure('SQLite');
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
    return;
  }
  if (which === 'postgres') {
    process.env.DATABASE_URL = process.argv[3];
    await measure('PostgreSQL');
    return;
  }
  if (headline) console.log(headline);
  const { spawnSync } = require('child_process');
  const self = (args) =>
    spawnSync(process.execPath, [script, ...args], { stdio: 'inherit', cwd: root });
  self(['sqlite']);
  const url = process.env.LINLI_BENCH_DATABASE_URL || process.env.DATABASE_URL;
  if (!url || !url.startsWith('postgres')) {
    console.log(`\n(DATABASE_URL not set: the PostgreSQL ${name} bench was not run)`);
    return;
  }
  await withScratchDatabase(url, `linli_${name.replace(/\W/g, '_')}_bench`, async (target) => {
    self(['postgres', target]);
  });
}

module.exports = {
  percentile,
  timed,
  concurrent,
  paced,
  request,
  bareJsonServer,
  call,
  boot,
  withScratchDatabase,
  onEachDatabase,
};
