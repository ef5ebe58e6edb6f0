'use strict';
// One pass of the cases sweep, outside the server (`npm run sweep`, or `node scripts/sweep.js
// --at 2026-12-01T09:00:00+08:00`): marks due-soon and overdue cases, escalates, runs the other
// plugins' timers the app registers, mails pending messages, and prints what it did as JSON.
// Safe beside running servers: every step takes each row once, whichever process sweeps
// (plugins/cases/server/src/services/sweep.ts). Used by the two-process test.
const { root, distDir, buildServerIfStale, ensureSecrets } = require('./lib');

async function main() {
  const i = process.argv.indexOf('--at');
  const at = i > 0 ? new Date(process.argv[i + 1]) : new Date();
  if (Number.isNaN(at.getTime())) throw new Error(`--at: not a time: ${process.argv[i + 1]}`);
  ensureSecrets(() => undefined);
  buildServerIfStale();
  process.env.LINLI_SEED = 'none';
  const { createStrapi } = require('@strapi/strapi');
  const app = createStrapi({ appDir: root, distDir, autoReload: false, serveAdminPanel: false });
  app.log.level = 'error';
  await app.load();
  try {
    // --when-told: boot, say "ready", and sweep only when a line arrives on stdin — so a test
    // can boot two processes one after the other (two boots migrating one SQLite file at once
    // lock each other out) and then have them sweep at the same moment.
    if (process.argv.includes('--when-told')) {
      process.stdout.write('ready\n');
      await new Promise((resolve) => process.stdin.once('data', resolve));
    }
    const result = await app.plugin('cases').service('sweep').runOnce(at);
    process.stdout.write(`${JSON.stringify({ at: at.toISOString(), ...result })}\n`);
  } finally {
    await app.destroy();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
