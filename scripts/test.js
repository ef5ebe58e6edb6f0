'use strict';
// `npm test`: the unit tests, then the API tests on a fresh SQLite file and — when
// DATABASE_URL names a PostgreSQL server — the same API tests on a fresh database created there
// and dropped afterwards (the two at once: each is one Node process, mostly on one core, and the
// machine has two), then the console's end-to-end tests in Chromium, alone, as they wait on
// what the screen shows. LINLI_TEST_SERIAL=1 runs everything one after the other. Extra
// arguments go to jest (e.g. `npm test -- tests/api/areas`).
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn, spawnSync } = require('child_process');
const { root, buildServerIfStale, buildConsoleIfStale } = require('./lib');
const { withScratchDatabase } = require('./bench-lib');

const jestBin = path.join(root, 'node_modules', 'jest', 'bin', 'jest.js');
const extra = process.argv.slice(2);

const counts = { passed: 0, failed: 0, skipped: 0 };

let reports = 0;
const reportFile = () =>
  path.join(os.tmpdir(), `linli-jest-${process.pid}-${Date.now()}-${++reports}.json`);

/** Adds a jest run's test counts (from its JSON report) to the totals. */
function count(report) {
  if (fs.existsSync(report)) {
    const json = JSON.parse(fs.readFileSync(report, 'utf8'));
    counts.passed += json.numPassedTests;
    counts.failed += json.numFailedTests;
    counts.skipped += json.numPendingTests + json.numTodoTests;
    fs.rmSync(report, { force: true });
  } else {
    counts.failed += 1;
  }
}

/** Runs jest, its output on this terminal. */
function jest(args, env) {
  const report = reportFile();
  const result = spawnSync(
    process.execPath,
    [jestBin, ...args, '--json', `--outputFile=${report}`, ...extra],
    { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } },
  );
  count(report);
  return result.status === 0;
}

/**
 * Runs jest beside another run: its output goes to a file, printed whole under `title` when it
 * ends, so two runs' lines do not interleave.
 */
function jestBeside(title, args, env) {
  const report = reportFile();
  const log = `${report}.log`;
  const out = fs.openSync(log, 'w');
  const child = spawn(
    process.execPath,
    [jestBin, ...args, '--json', `--outputFile=${report}`, ...extra],
    { cwd: root, stdio: ['ignore', out, out], env: { ...process.env, ...env } },
  );
  const started = Date.now();
  return new Promise((resolve) => {
    child.on('close', (status) => {
      fs.closeSync(out);
      console.log(`\n=== ${title} (${Math.round((Date.now() - started) / 1000)} s) ===`);
      process.stdout.write(fs.readFileSync(log, 'utf8'));
      fs.rmSync(log, { force: true });
      count(report);
      resolve(status === 0);
    });
  });
}

async function main() {
  buildServerIfStale();
  const results = [];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-test-'));
  const sqliteFile = path.join(tmp, 'test.db');
  // The time bank's district demo is seeded by its own test only (database/seed/time-bank.ts);
  // the cases' small demo is what tests/api/cases-demo.test.ts reads (database/seed/cases.ts);
  // consultation's small year (60 topics) what tests/api/consultation-demo.test.ts reads.
  const base = {
    NODE_ENV: 'test',
    LINLI_SEED: 'demo',
    LINLI_SEED_TIMEBANK: 'small',
    LINLI_SEED_CASES: 'small',
    LINLI_SEED_CONSULTATION: 'small',
    // users-permissions' sign-ins per address and minute (ten by default), counted in the
    // database: every test signs in from 127.0.0.1, many files a minute on one database.
    LINLI_AUTH_RATE_MAX: '1000',
  };
  const databaseUrl = process.env.DATABASE_URL;

  console.log('\n=== unit tests ===');
  results.push(['unit', jest(['--selectProjects', 'unit', 'console'], base)]);

  const api = ['--selectProjects', 'api', '--runInBand'];
  const sqliteEnv = { ...base, DATABASE_URL: '', DATABASE_FILENAME: sqliteFile };
  const postgres = databaseUrl && databaseUrl.startsWith('postgres');
  if (postgres && !process.env.LINLI_TEST_SERIAL) {
    // Built first: tests/api/accounts-hardening.test.ts writes a stand-in console page where
    // none is built and removes it after, which the other run would see come and go.
    buildConsoleIfStale();
    console.log(
      '\n=== API tests on SQLite and on PostgreSQL, at once (each printed when done) ===',
    );
    await withScratchDatabase(databaseUrl, 'linli_test', async (url) => {
      const [sqliteOk, postgresOk] = await Promise.all([
        jestBeside(`API tests on SQLite (${sqliteFile})`, api, sqliteEnv),
        jestBeside(`API tests on PostgreSQL (${new URL(url).pathname.slice(1)})`, api, {
          ...base,
          DATABASE_URL: url,
        }),
      ]);
      results.push(['api sqlite', sqliteOk], ['api postgres', postgresOk]);
    });
  } else {
    console.log(`\n=== API tests on SQLite (${sqliteFile}) ===`);
    results.push(['api sqlite', jest(api, sqliteEnv)]);
  }

  // The console in headless Chromium (Debian's package; .ci/run installs it). Without it the
  // run says so; LINLI_E2E=required (as in CI) makes that a failure.
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (fs.existsSync(chromium)) {
    buildConsoleIfStale();
    const e2eFile = path.join(tmp, 'e2e.db');
    console.log(`\n=== end-to-end tests in Chromium (${e2eFile}) ===`);
    results.push([
      'e2e',
      jest(['--selectProjects', 'e2e', '--runInBand'], {
        ...base,
        DATABASE_URL: '',
        DATABASE_FILENAME: e2eFile,
      }),
    ]);
  } else if (process.env.LINLI_E2E === 'required') {
    console.log(`\nChromium not found at ${chromium}: the end-to-end tests cannot run.`);
    results.push(['e2e', false]);
  } else {
    console.log(
      `\n(Chromium not found at ${chromium}: end-to-end tests not run; apt-get install chromium)`,
    );
  }
  fs.rmSync(tmp, { recursive: true, force: true });

  if (postgres && process.env.LINLI_TEST_SERIAL) {
    await withScratchDatabase(databaseUrl, 'linli_test', async (url) => {
      console.log(`\n=== API tests on PostgreSQL (${new URL(url).pathname.slice(1)}) ===`);
      results.push(['api postgres', jest(api, { ...base, DATABASE_URL: url })]);
    });
  } else if (!postgres) {
    console.log(
      '\n(DATABASE_URL not set: PostgreSQL run skipped; set it to postgres://… to run there too)',
    );
  }

  console.log('\n=== summary ===');
  for (const [name, ok] of results) console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}`);
  const failedRuns = results.filter(([, ok]) => !ok).length;
  console.log(`tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  process.exitCode = failedRuns || counts.failed ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
