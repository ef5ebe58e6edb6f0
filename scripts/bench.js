'use strict';
// `npm run bench`: prints the figures a newcomer feels — first start (migrate + seed) and later
// starts to a healthy server, idle memory, seed time, and list latency for a scoped user — on a
// throw-away SQLite file. `-- --city` also seeds a whole city (4,351 communities) and times it.
// Figures only: nothing here passes or fails.
const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');
const { spawn } = require('child_process');
const zlib = require('zlib');
const { setInterval, clearInterval } = require('timers');
const {
  root,
  ensureSecrets,
  buildServerIfStale,
  buildAdminIfMissing,
  buildConsoleIfStale,
} = require('./lib');

const city = process.argv.includes('--city');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function request(port, method, url, body, token) {
  return new Promise((resolve, reject) => {
    const data = body ? JSON.stringify(body) : undefined;
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: url,
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode, text }));
      },
    );
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}

/** Servers this bench started: stopped when it ends, also when a figure fails half-way. */
const servers = new Set();

async function startServer(env, port) {
  const started = Date.now();
  const child = spawn(process.execPath, [path.join(root, 'scripts', 'start.js')], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), NODE_ENV: 'development' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  servers.add(child);
  let log = '';
  child.stdout.on('data', (c) => (log += c));
  child.stderr.on('data', (c) => (log += c));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${log}`);
    const res = await request(port, 'GET', '/_health').catch(() => null);
    if (res && res.status === 204) break;
    if (Date.now() - started > 300000) throw new Error(`server not healthy after 300 s:\n${log}`);
    await sleep(100);
  }
  return { child, ms: Date.now() - started, log: () => log };
}

const rssMb = (pid) => {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
};

async function stop(child) {
  child.kill('SIGTERM');
  for (let i = 0; i < 100 && child.exitCode === null; i += 1) await sleep(100);
  if (child.exitCode === null) child.kill('SIGKILL');
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function timeRequests(port, url, token, n = 50) {
  const times = [];
  for (let i = 0; i < n; i += 1) {
    const t = process.hrtime.bigint();
    const res = await request(port, 'GET', url, null, token);
    if (res.status !== 200) throw new Error(`${url}: ${res.status} ${res.text.slice(0, 200)}`);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return `p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms`;
}

/** Public submissions over HTTP (validated, stored, receipt issued), and the export of a form. */
/** Twenty communities, for the residents' submissions the bench sends. */
async function communities(port) {
  const url = '/api/cms/areas?filters[level][$eq]=community&pagination[pageSize]=20';
  return JSON.parse((await request(port, 'GET', url)).text).data;
}

async function formFigures(port, staff) {
  const out = [];
  const areas = await communities(port);
  const times = [];
  for (let i = 0; i < 100; i += 1) {
    const body = {
      data: {
        category: 'facilities',
        area: areas[i % areas.length].documentId,
        details: '楼道灯坏了，晚上看不见路',
        name: '王芳',
        phone: `1380000${String(1000 + i)}`,
      },
    };
    const t = process.hrtime.bigint();
    const res = await request(port, 'POST', '/api/forms/resident-request/submissions', body);
    if (res.status !== 201) throw new Error(`submission: ${res.status} ${res.text.slice(0, 300)}`);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  out.push([
    'POST a valid public submission (100, sequential)',
    `p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms`,
  ]);
  const forms = JSON.parse(
    (
      await request(
        port,
        'GET',
        '/api/forms/forms?filters[slug][$eq]=resident-request',
        null,
        staff,
      )
    ).text,
  ).data;
  const t = Date.now();
  const csv = await request(
    port,
    'GET',
    `/api/forms/forms/${forms[0].documentId}/export?format=xlsx`,
    null,
    staff,
  );
  if (csv.status !== 200) throw new Error(`export: ${csv.status}`);
  out.push(['export a form’s submissions as XLSX (demo + 100 rows)', `${Date.now() - t} ms`]);
  return out;
}

/** The console's compressed JavaScript, and navigation → rendered dashboard in Chromium. */
async function consoleFigures(port, token) {
  const out = [];
  const assets = path.join(root, 'public', 'console', 'assets');
  const files = fs.readdirSync(assets).filter((f) => f.endsWith('.js'));
  const gz = (f) => zlib.gzipSync(fs.readFileSync(path.join(assets, f))).length;
  const total = files.reduce((n, f) => n + gz(f), 0);
  const html = fs.readFileSync(path.join(root, 'public', 'console', 'index.html'), 'utf8');
  const initial = files.filter((f) => html.includes(f)).reduce((n, f) => n + gz(f), 0);
  out.push([
    'console JavaScript, gzip: all chunks',
    `${(total / 1024).toFixed(0)} KB in ${files.length} files`,
  ]);
  out.push([
    'console JavaScript, gzip: loaded by the login page',
    `${(initial / 1024).toFixed(0)} KB`,
  ]);
  const formHtml = fs.readFileSync(path.join(root, 'public', 'console', 'form.html'), 'utf8');
  const formPage = files.filter((f) => formHtml.includes(f)).reduce((n, f) => n + gz(f), 0);
  out.push(['public form page (/f/<slug>) JavaScript, gzip', `${(formPage / 1024).toFixed(0)} KB`]);
  const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!fs.existsSync(chromiumPath))
    return [...out, ['navigation → dashboard', 'not measured: no Chromium']];
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  try {
    const me = JSON.parse((await request(port, 'GET', '/api/cms/me', null, token)).text).data;
    const identity = JSON.stringify({
      id: me.id,
      fullName: me.username,
      role: me.role,
      scope: me.scope,
    });
    const times = [];
    for (let i = 0; i < 5; i += 1) {
      const context = await browser.newContext();
      await context.addInitScript(
        // Runs in the page, where localStorage exists: a signed-in session, as after a login.
        ([jwt, who]) => {
          /* eslint-disable no-undef */
          localStorage.setItem('linli.jwt', jwt);
          localStorage.setItem('linli.identity', who);
          /* eslint-enable no-undef */
        },
        [token, identity],
      );
      const page = await context.newPage();
      const t = Date.now();
      await page.goto(`http://127.0.0.1:${port}/console/`);
      await page.getByTestId('figure-micro').getByText('10,161').waitFor({ timeout: 60000 });
      times.push(Date.now() - t);
      await context.close();
    }
    out.push([
      'navigation → rendered dashboard (district staff, 5 runs)',
      `median ${percentile(times, 50)} ms, first ${times[0]} ms`,
    ]);
  } finally {
    await browser.close();
  }
  return out;
}

/**
 * Memory under load and over time (issue 15): 16 clients, each in a loop of what a console does
 * (who am I, a list of people, a page of grids as district staff) and a resident's submission
 * every tenth turn, for BENCH_SOAK_SECONDS (600 by default: ten minutes), the server's resident
 * memory read from /proc every five seconds. Growth is the last minute's median against the
 * second minute's (the first is warm-up: JIT, caches, the connection pool filling).
 */
async function memoryFigures(port, pid, worker, staff) {
  const seconds = Math.max(30, Number(process.env.BENCH_SOAK_SECONDS || 600));
  const areas = await communities(port);
  const idle = rssMb(pid);
  const samples = [];
  const sampler = setInterval(() => {
    try {
      samples.push({ at: Date.now(), mb: rssMb(pid) });
    } catch {
      /* the server has gone: the counts below say so */
    }
  }, 5000);
  const start = Date.now();
  const end = start + seconds * 1000;
  let done = 0;
  let failed = 0;
  const client = async (c) => {
    for (let turn = 0; Date.now() < end; turn += 1) {
      const step =
        turn % 10 === 9
          ? request(port, 'POST', '/api/forms/resident-request/submissions', {
              data: {
                category: 'facilities',
                area: areas[(c + turn) % areas.length].documentId,
                details: '楼道灯坏了，晚上看不见路',
                name: '王芳',
                phone: `139${String(c).padStart(2, '0')}${String(turn % 1000000).padStart(6, '0')}`,
              },
            })
          : turn % 3 === 0
            ? request(port, 'GET', '/api/cms/me', null, worker)
            : turn % 3 === 1
              ? request(port, 'GET', '/api/cms/people?pagination[pageSize]=25', null, worker)
              : request(
                  port,
                  'GET',
                  `/api/cms/grids?filters[level][$eq]=micro&pagination[pageSize]=25&pagination[page]=${1 + (turn % 400)}`,
                  null,
                  staff,
                );
      const res = await step.catch(() => ({ status: 0 }));
      if (res.status >= 200 && res.status < 300) done += 1;
      else failed += 1;
    }
  };
  await Promise.all(Array.from({ length: 16 }, (_, c) => client(c)));
  clearInterval(sampler);
  const median = (from, to) => {
    const inside = samples.filter((x) => x.at - start >= from * 1000 && x.at - start < to * 1000);
    return inside.length
      ? percentile(
          inside.map((x) => x.mb),
          50,
        )
      : NaN;
  };
  const peak = Math.max(...samples.map((x) => x.mb));
  const second = median(60, 120);
  const last = median(seconds - 60, seconds + 1);
  await sleep(3000);
  return [
    ['resident memory, idle (before the load)', `${idle.toFixed(0)} MB`],
    [
      `resident memory, 16 clients for ${Math.round(seconds / 60)} min`,
      `peak ${peak.toFixed(0)} MB; ${done} requests (${(done / seconds).toFixed(0)}/s), ${failed} failed`,
    ],
    [
      'resident memory growth over the soak',
      seconds >= 180
        ? `${(last - second).toFixed(0)} MB (minute 2: ${second.toFixed(0)} MB, last minute: ${last.toFixed(0)} MB)`
        : 'not measured: BENCH_SOAK_SECONDS under 180',
    ],
    ['resident memory, idle after the load', `${rssMb(pid).toFixed(0)} MB`],
  ];
}

async function main() {
  ensureSecrets();
  buildServerIfStale();
  const adminStart = Date.now();
  buildConsoleIfStale();
  if (buildAdminIfMissing())
    console.log(`admin panel build: ${((Date.now() - adminStart) / 1000).toFixed(1)} s`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-bench-'));
  const env = {
    DATABASE_URL: '',
    DATABASE_FILENAME: path.join(tmp, 'bench.db'),
    LINLI_SEED: 'demo',
    // The bench submits from one address far more often than a person would.
    LINLI_FORMS_RATE_MAX: '100000',
  };
  const port = 20000 + Math.floor(Math.random() * 10000);
  const figures = [];
  try {
    const first = await startServer(env, port);
    const seedLine = /Seeded the demo district in (\d+) ms: ([^.]*)/.exec(first.log());
    figures.push(['first start (migrate + seed) to healthy', `${(first.ms / 1000).toFixed(1)} s`]);
    if (seedLine)
      figures.push([
        'seed of the demo district',
        `${(Number(seedLine[1]) / 1000).toFixed(1)} s (${seedLine[2]})`,
      ]);
    const formsLine = /Seeded the demo forms with (\d+) submissions in (\d+) ms/.exec(first.log());
    if (formsLine)
      figures.push([
        'seed of the demo forms (4 forms, published)',
        `${(Number(formsLine[2]) / 1000).toFixed(1)} s with ${formsLine[1]} submissions`,
      ]);
    const timeBankLine = /Seeded the demo time bank with (\d+) members in (\d+) ms/.exec(
      first.log(),
    );
    const timeBankParts = /Time bank demo: ([^\n]*)/.exec(first.log());
    if (timeBankLine)
      figures.push([
        'seed of the demo time bank (427 teams, a year of services)',
        `${(Number(timeBankLine[2]) / 1000).toFixed(1)} s with ${timeBankLine[1]} members` +
          (timeBankParts ? `\n${' '.repeat(61)}${timeBankParts[1]}` : ''),
      ]);
    await stop(first.child);

    const later = await startServer(env, port);
    figures.push(['later start to healthy', `${(later.ms / 1000).toFixed(1)} s`]);
    const login = await request(port, 'POST', '/api/auth/local', {
      identifier: 'community-worker',
      password: 'Linli-demo-2026',
    });
    const token = JSON.parse(login.text).jwt;
    const staff = JSON.parse(
      (
        await request(port, 'POST', '/api/auth/local', {
          identifier: 'foundation-staff',
          password: 'Linli-demo-2026',
        })
      ).text,
    ).jwt;
    figures.push([
      'REST people list, community worker (25/page)',
      await timeRequests(port, '/api/cms/people?pagination[pageSize]=25', token),
    ]);
    figures.push([
      'REST micro-grids list, district staff (25/page of 10,161)',
      await timeRequests(
        port,
        '/api/cms/grids?filters[level][$eq]=micro&pagination[pageSize]=25&pagination[page]=200',
        staff,
      ),
    ]);
    figures.push(...(await formFigures(port, staff)));
    figures.push(...(await consoleFigures(port, staff)));
    figures.push(...(await memoryFigures(port, later.child.pid, token, staff)));
    await stop(later.child);
  } finally {
    for (const child of servers) if (child.exitCode === null) child.kill('SIGKILL');
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  console.log(
    '\nLinli bench (SQLite, this machine: %d cores, %s GB)',
    os.cpus().length,
    (os.totalmem() / 2 ** 30).toFixed(0),
  );
  for (const [name, value] of figures) console.log(`  ${name.padEnd(58)} ${value}`);
  // The ledger's own benchmark: SQLite, and PostgreSQL when DATABASE_URL names a server.
  require('child_process').spawnSync(
    process.execPath,
    [path.join(root, 'scripts', 'bench-ledger.js')],
    { stdio: 'inherit', cwd: root },
  );
  // The time bank's: activities, confirmations, passbook pages at millions of entries, matching.
  require('child_process').spawnSync(
    process.execPath,
    [path.join(root, 'scripts', 'bench-time-bank.js')],
    { stdio: 'inherit', cwd: root },
  );
  // The cases': the queue at a million cases, the sweep over 100,000 deadlines, intake.
  require('child_process').spawnSync(
    process.execPath,
    [path.join(root, 'scripts', 'bench-cases.js')],
    { stdio: 'inherit', cwd: root },
  );
  // City-wide lists and dashboards (`--city`): a seeded city, timed as its city-wide staff.
  if (city)
    require('child_process').spawnSync(
      process.execPath,
      [path.join(root, 'scripts', 'bench-city.js')],
      { stdio: 'inherit', cwd: root },
    );
  // Consultation's: a vote of 20,000 households by ballot code, its close and recount, the index.
  require('child_process').spawnSync(
    process.execPath,
    [path.join(root, 'scripts', 'bench-consultation.js')],
    { stdio: 'inherit', cwd: root },
  );
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
