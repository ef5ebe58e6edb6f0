'use strict';
// The ledger under kill -9 (issue 15: "the kill -9 loop still loses and doubles nothing"):
// 24 clients send opposite transfers between two hot accounts over HTTP while the server is
// killed with SIGKILL at a random moment, eight times, and started again; then every key ever
// sent is sent once more (a client retrying what it never heard back about). Afterwards each key
// must be one transfer — the account's version equals the number of keys, its balance what
// those transfers make — and the reconciliation must hold.
//
//   node scripts/kill-loop.js                        on a scratch SQLite file
//   node scripts/kill-loop.js postgres <url>         on that PostgreSQL database
const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');
const { spawn } = require('child_process');
const { root, ensureSecrets, buildServerIfStale } = require('./lib');
const { boot, request } = require('./bench-lib');

const PORT = Number(process.env.KILL_LOOP_PORT || 1351);
const ROUNDS = Number(process.env.KILL_LOOP_ROUNDS || 8);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function start() {
  const child = spawn(process.execPath, [path.join(root, 'scripts', 'start.js')], {
    cwd: root,
    env: { ...process.env, LINLI_SEED: 'none', PORT: String(PORT), NODE_ENV: 'development' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr.on('data', (c) => (log += c));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${log.slice(-2000)}`);
    const res = await request(PORT, 'GET', '/_health').catch(() => null);
    if (res && res.status === 204) return child;
    await sleep(100);
  }
}

async function main() {
  ensureSecrets();
  buildServerIfStale();
  let scratch = null;
  if (process.argv[2] === 'postgres') process.env.DATABASE_URL = process.argv[3];
  else {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-kill-loop-'));
    Object.assign(process.env, { DATABASE_URL: '', DATABASE_FILENAME: path.join(scratch, 'k.db') });
  }
  // The token and the two accounts, made in-process before the server runs on its own.
  const app = await boot();
  const run = Date.now().toString(36);
  const token = (
    await app
      .service('admin::api-token')
      .create({ name: `kill-loop-${run}`, type: 'full-access', lifespan: null })
  ).accessKey;
  const [a, b] = [`kill:${run}:a`, `kill:${run}:b`];
  for (const code of [a, b])
    await app
      .plugin('ledger')
      .service('ledger')
      .openAccount({ code, unit: 'fen', minBalance: null });
  await app.destroy();

  const body = (i) => ({
    key: `kill:${run}:${i}`,
    debit: i % 2 ? a : b,
    credit: i % 2 ? b : a,
    amount: 1,
  });
  const sent = new Set();
  const answered = {};
  let next = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    const child = await start();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
    let alive = true;
    setTimeout(
      () => {
        alive = false;
        child.kill('SIGKILL');
      },
      300 + Math.random() * 1500,
    );
    await Promise.all(
      Array.from({ length: 24 }, async () => {
        while (alive) {
          const i = next++;
          sent.add(i);
          const res = await request(PORT, 'POST', '/api/ledger/transfers', body(i), {
            token,
            agent,
          }).catch(() => ({ status: 'no answer' }));
          answered[res.status] = (answered[res.status] ?? 0) + 1;
        }
      }),
    );
    agent.destroy();
    while (child.exitCode === null && child.signalCode === null) await sleep(50);
  }

  const child = await start();
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  const keys = [...sent];
  const refused = [];
  await Promise.all(
    Array.from({ length: 16 }, async (_, c) => {
      for (let j = c; j < keys.length; j += 16) {
        const res = await request(PORT, 'POST', '/api/ledger/transfers', body(keys[j]), {
          token,
          agent,
        });
        if (res.status !== 201 && res.status !== 200)
          refused.push(`${keys[j]}: ${res.status} ${res.text}`);
      }
    }),
  );
  const account = JSON.parse(
    (
      await request(PORT, 'GET', `/api/ledger/accounts/${encodeURIComponent(a)}`, null, {
        token,
        agent,
      })
    ).text,
  );
  const reconciliation = JSON.parse(
    (await request(PORT, 'GET', '/api/ledger/reconciliation', null, { token, agent })).text,
  );
  agent.destroy();
  child.kill('SIGTERM');
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });

  const odd = keys.filter((i) => i % 2).length;
  const expected = keys.length - 2 * odd; // a is credited by even keys, debited by odd ones
  const balance = account.data ?? account;
  const report = reconciliation.data ?? reconciliation;
  const holds =
    refused.length === 0 &&
    balance.version === keys.length &&
    Number(balance.posted) === expected &&
    report.ok;
  console.log(
    `\nkill -9 loop — ${process.argv[2] === 'postgres' ? 'PostgreSQL' : 'SQLite'}, ${ROUNDS} kills`,
  );
  console.log(
    `  keys sent                       ${keys.length} (answers before the kills: ${JSON.stringify(answered)})`,
  );
  console.log(
    `  sent again after the last kill  ${keys.length - refused.length} answered 200/201, ${refused.length} refused`,
  );
  console.log(
    `  account a                       version ${balance.version} (one per key: ${keys.length}), balance ${balance.posted} (expected ${expected})`,
  );
  console.log(
    `  reconciliation                  ${report.ok ? 'every invariant holds' : JSON.stringify(report.breaches).slice(0, 300)}`,
  );
  console.log(`  ${holds ? 'nothing lost, nothing doubled' : 'FAILED'}`);
  if (refused.length) console.log(refused.slice(0, 5).join('\n'));
  process.exitCode = holds ? 0 : 1;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
