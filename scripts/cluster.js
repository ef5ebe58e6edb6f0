'use strict';
// `npm run start:cluster`: several Strapi processes on one port and one PostgreSQL database, the
// production start behind a reverse proxy. LINLI_PROCESSES sets how many (the number of cores by
// default); LINLI_ADMIN_PANEL=off leaves Strapi's admin panel out.
//
// Node's own cluster module rather than a process manager (PM2 and the like): nothing to install
// or configure, the primary is a few lines, the workers share the listening socket (the primary
// hands connections round-robin on Linux), and a worker that dies is replaced. Under systemd or
// a container, that supervisor restarts the primary.
//
// The processes share nothing in memory that must agree: rate limits, receipt counters and the
// sweep's marks live in the database; who a user is (cms's auth cache) is dropped in every
// process on any change through PostgreSQL's NOTIFY. The first worker starts alone — it
// migrates and, outside production on an empty database, seeds — and the others once it listens.
const cluster = require('cluster');
const os = require('os');

// LINLI_ADMIN_PANEL=off: processes without Strapi's admin panel (API and console only).
const adminPanel = process.env.LINLI_ADMIN_PANEL !== 'off';

if (cluster.isPrimary) {
  const {
    ensureSecrets,
    buildServerIfStale,
    buildAdminIfMissing,
    buildConsoleIfStale,
  } = require('./lib');
  const wanted = Math.max(
    1,
    Number(process.env.LINLI_PROCESSES) || (os.availableParallelism?.() ?? os.cpus().length),
  );
  // SQLite takes one writing process: two processes' transactions on one file refuse each other
  // (SQLITE_BUSY), which a person would meet as failed saves. Several processes need PostgreSQL.
  if (wanted > 1 && !String(process.env.DATABASE_URL ?? '').startsWith('postgres')) {
    console.error(
      'Linli: several processes need PostgreSQL (DATABASE_URL=postgres://…); SQLite takes one ' +
        'writing process — run LINLI_PROCESSES=1, or npm start.',
    );
    process.exit(1);
  }
  ensureSecrets();
  // LINLI_BUILD=off: run what is built (a deployment builds first; the two-process test runs
  // on the build the test run made).
  if (process.env.LINLI_BUILD !== 'off') {
    buildServerIfStale();
    if (adminPanel) buildAdminIfMissing();
    buildConsoleIfStale();
  }
  let stopping = false;
  const startedAt = new Map();
  const fork = () => {
    const worker = cluster.fork();
    startedAt.set(worker.id, Date.now());
    return worker;
  };
  fork().once('listening', () => {
    for (let i = 1; i < wanted; i += 1) fork();
    console.log(`Linli: ${wanted} processes on one port (primary ${process.pid})`);
  });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    // A worker that dies at once would die again at once: wait a little before the next.
    const lived = Date.now() - (startedAt.get(worker.id) ?? 0);
    console.error(
      `Linli: process ${worker.process.pid} ended (${signal ?? code}); starting another`,
    );
    setTimeout(fork, lived < 10_000 ? 5_000 : 0);
  });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
      setTimeout(() => process.exit(0), 15_000).unref();
      cluster.on('exit', () => {
        if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      });
    });
  }
} else {
  const { root, distDir } = require('./lib');
  const { createStrapi } = require('@strapi/strapi');
  const app = createStrapi({ appDir: root, distDir, serveAdminPanel: adminPanel });
  app.start().catch((error) => {
    console.error(error);
    process.exit(1);
  });
  process.on('SIGTERM', () => {
    app.destroy().finally(() => process.exit(0));
  });
  process.on('SIGINT', () => {
    app.destroy().finally(() => process.exit(0));
  });
}
