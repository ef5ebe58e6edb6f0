'use strict';
// The ledger benchmark (run by `npm run bench`, or alone: `node scripts/bench-ledger.js`):
// transfers per second and p50/p99 latency for the bare SQL one transfer needs (the floor), the
// ledger service in-process and the HTTP API — single transfers and batches of 100, between hot
// accounts (always the same two) and cold ones (spread over 1,000) — on SQLite, and on
// PostgreSQL when DATABASE_URL is set; with the ratios to the floor, measured in the same run.
const os = require('os');
const bench = require('./bench-lib');
const { boot, timed, call, percentile } = bench;

const post = (port, url, body, token) => call(port, 'POST', url, body, token);

const SINGLES = Number(process.env.LEDGER_BENCH_N || 800);
const BATCHES = 10;
const BATCH = 100;

async function measure(label) {
  const app = await boot();
  const rows = [];
  const add = (name, r, floor) =>
    rows.push([
      name,
      `${r.perSecond.toFixed(0).padStart(6)} transfers/s  p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms` +
        (floor ? `  (${(floor.perSecond / r.perSecond).toFixed(1)}× the floor's time)` : ''),
    ]);
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

    // The floor: the statements one transfer needs, through knex, nothing else.
    const floor = async (i, isHot, tag) => {
      const [d, c] = pair(i, isHot).map((code) => ids.get(code));
      await knex.transaction(async (trx) => {
        const q = trx('ledger_accounts').whereIn('id', [d, c]).orderBy('id');
        const accounts = pg ? await q.forNoKeyUpdate() : await q;
        await trx('ledger_transfers').where('idempotency_key', `${tag}${i}`).first('id');
        const [row] = await trx('ledger_transfers')
          .insert({
            idempotency_key: `${tag}${i}`,
            kind: 'posted',
            debit_account_id: d,
            credit_account_id: c,
            amount: 1,
            unit: 'fen',
            created_at: new Date(),
          })
          .returning('id');
        const id = typeof row === 'object' ? row.id : row;
        const byId = new Map(accounts.map((a) => [Number(a.id), a]));
        const da = byId.get(d);
        const ca = byId.get(c);
        await trx('ledger_entries').insert([
          {
            transfer_id: id,
            account_id: d,
            amount: -1,
            balance_after: Number(da.credits_posted) - Number(da.debits_posted) - 1,
            account_version: Number(da.version) + 1,
            created_at: new Date(),
          },
          {
            transfer_id: id,
            account_id: c,
            amount: 1,
            balance_after: Number(ca.credits_posted) + 1 - Number(ca.debits_posted),
            account_version: Number(ca.version) + 1,
            created_at: new Date(),
          },
        ]);
        await trx('ledger_accounts')
          .where('id', d)
          .update({
            debits_posted: Number(da.debits_posted) + 1,
            version: Number(da.version) + 1,
          });
        await trx('ledger_accounts')
          .where('id', c)
          .update({
            credits_posted: Number(ca.credits_posted) + 1,
            version: Number(ca.version) + 1,
          });
      });
    };
    // The floor writes what the engine writes (entries, versions, totals), so the books stay
    // right and the reconciliation at the end covers both.
    const floorHot = await timed(SINGLES, (i) => floor(i, true, `fh:${run}:`));
    add('bare SQL, single, hot accounts', floorHot);
    const floorCold = await timed(SINGLES, (i) => floor(i, false, `fc:${run}:`));
    add('bare SQL, single, cold accounts', floorCold);

    const svc = (isHot, tag) => (i) => {
      const [debit, credit] = pair(i, isHot);
      return ledger.transfer({ key: `${tag}${i}`, debit, credit, amount: 1 });
    };
    add('service in-process, single, hot', await timed(SINGLES, svc(true, `sh:${run}:`)), floorHot);
    add(
      'service in-process, single, cold',
      await timed(SINGLES, svc(false, `sc:${run}:`)),
      floorCold,
    );
    const batch = (isHot, tag) => (b) =>
      ledger.transferAll(
        Array.from({ length: BATCH }, (_, j) => {
          const [debit, credit] = pair(b * BATCH + j, isHot);
          return { key: `${tag}${b}:${j}`, debit, credit, amount: 1 };
        }),
      );
    const perTransfer = (r) => ({ perSecond: r.perSecond * BATCH, p50: r.p50, p99: r.p99 });
    add(
      `service in-process, batches of ${BATCH} (latency per batch), hot`,
      perTransfer(await timed(BATCHES, batch(true, `bh:${run}:`))),
      floorHot,
    );
    add(
      `service in-process, batches of ${BATCH} (latency per batch), cold`,
      perTransfer(await timed(BATCHES, batch(false, `bc:${run}:`))),
      floorCold,
    );

    const token = (
      await app
        .service('admin::api-token')
        .create({ name: `bench-${run}`, type: 'full-access', lifespan: null })
    ).accessKey;
    const port = app.server.httpServer.address().port;
    const httpOne = (isHot, tag) => (i) => {
      const [debit, credit] = pair(i, isHot);
      return post(
        port,
        '/api/ledger/transfers',
        { key: `${tag}${i}`, debit, credit, amount: 1 },
        token,
      );
    };
    add('HTTP API, single, hot', await timed(SINGLES / 2, httpOne(true, `hh:${run}:`)), floorHot);
    add(
      'HTTP API, single, cold',
      await timed(SINGLES / 2, httpOne(false, `hc:${run}:`)),
      floorCold,
    );
    const httpBatch = (b) =>
      post(
        port,
        '/api/ledger/transfers',
        {
          transfers: Array.from({ length: BATCH }, (_, j) => {
            const [debit, credit] = pair(b * BATCH + j, false);
            return { key: `hb:${run}:${b}:${j}`, debit, credit, amount: 1 };
          }),
        },
        token,
      );
    add(
      `HTTP API, batches of ${BATCH} (latency per batch), cold`,
      perTransfer(await timed(BATCHES, httpBatch)),
      floorCold,
    );

    // Sixteen clients at once on the two hot accounts, in both directions.
    const started = Date.now();
    const per = SINGLES / 16;
    const latencies = [];
    await Promise.all(
      Array.from({ length: 16 }, async (_, c) => {
        for (let i = 0; i < per; i += 1) {
          const t = process.hrtime.bigint();
          const [debit, credit] = pair(c + i, true);
          await ledger.transfer({ key: `cc:${run}:${c}:${i}`, debit, credit, amount: 1 });
          latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
        }
      }),
    );
    add(
      'service in-process, 16 concurrent clients, hot',
      {
        perSecond: (per * 16) / ((Date.now() - started) / 1000),
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
      },
      floorHot,
    );
    const report = await ledger.reconcile();
    rows.push([
      'reconciliation after the run',
      report.ok
        ? `every invariant holds (${report.checked.transfers} transfers)`
        : `${report.breaches.length} breaches: ${JSON.stringify(report.breaches.slice(0, 3))}`,
    ]);
  } finally {
    await app.destroy();
  }
  console.log(`\nLedger bench — ${label} (${os.cpus().length} cores)`);
  for (const [name, value] of rows) console.log(`  ${name.padEnd(62)} ${value}`);
}

bench.onEachDatabase({ script: __filename, name: 'ledger', measure }).catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
