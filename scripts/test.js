'use strict';
// `npm test`: the unit tests, then the API tests on a fresh SQLite file, then — when
// DATABASE_URL names a PostgreSQL server — the same API tests on a fresh database created
// there and dropped afterwards. Extra arguments go to jest (e.g. `npm test -- tests/api/areas`).
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { root, buildServerIfStale, buildConsoleIfStale } = require('./lib');

const jestBin = path.join(root, 'node_modules', 'jest', 'bin', 'jest.js');
const extra = process.argv.slice(2);

const counts = { passed: 0, failed: 0, skipped: 0 };

/** Runs jest and adds its test counts (from its JSON report) to the totals. */
function jest(args, env) {
  const report = path.join(os.tmpdir(), `linli-jest-${process.pid}-${Date.now()}.json`);
  const result = spawnSync(
    process.execPath,
    [jestBin, ...args, '--json', `--outputFile=${report}`, ...extra],
    { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } },
  );
  if (fs.existsSync(report)) {
    const json = JSON.parse(fs.readFileSync(report, 'utf8'));
    counts.passed += json.numPassedTests;
    counts.failed += json.numFailedTests;
    counts.skipped += json.numPendingTests + json.numTodoTests;
    fs.rmSync(report, { force: true });
  } else {
    counts.failed += 1;
  }
  return result.status === 0;
}

async function withPostgresDatabase(url, fn) {
  const { Client } = require('pg');
  const name = `linli_test_${Date.now()}_${process.pid}`;
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
  };
  const databaseUrl = process.env.DATABASE_URL;

  console.log('\n=== unit tests ===');
  results.push(['unit', jest(['--selectProjects', 'unit', 'console'], base)]);

  console.log(`\n=== API tests on SQLite (${sqliteFile}) ===`);
  results.push([
    'api sqlite',
    jest(['--selectProjects', 'api', '--runInBand'], {
      ...base,
      DATABASE_URL: '',
      DATABASE_FILENAME: sqliteFile,
    }),
  ]);

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

  if (databaseUrl && databaseUrl.startsWith('postgres')) {
    await withPostgresDatabase(databaseUrl, async (url) => {
      console.log(`\n=== API tests on PostgreSQL (${new URL(url).pathname.slice(1)}) ===`);
      results.push([
        'api postgres',
        jest(['--selectProjects', 'api', '--runInBand'], { ...base, DATABASE_URL: url }),
      ]);
    });
  } else {
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
