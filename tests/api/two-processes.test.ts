// Two server processes on one PostgreSQL database, as production runs them (`scripts/cluster.js`,
// Node's cluster module, one port): sign-in limits (per account, per address) counted across both, one gap-free receipt
// sequence under receipts sent to both at once, and who a user is dropped in both when it
// changes (PostgreSQL's NOTIFY). On SQLite, which takes one writing process, the cluster refuses
// to start more than one.
import { spawn, type ChildProcess } from 'child_process';
import http from 'http';
import path from 'path';
import type { Core } from '@strapi/strapi';
import {
  bootStrapi,
  dbQuery,
  DEMO_PASSWORD,
  login,
  newUser,
  twoCommunities,
  unique,
} from '../helpers/strapi';

const root = path.resolve(__dirname, '..', '..');
const postgres = (process.env.DATABASE_URL ?? '').startsWith('postgres');
const PORT = 21000 + Math.floor(Math.random() * 8000);

interface Answer {
  status: number;
  process: string;
  body: { data?: Record<string, unknown>; error?: { message?: string } };
}

/**
 * One request to the cluster, with which process answered, on a connection of its own: the
 * cluster hands out connections, not requests, so a kept-alive one would stay with one process.
 */
function call(method: string, url: string, jwt?: string, body?: unknown): Promise<Answer> {
  const data = body === undefined ? '' : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: PORT,
        path: url,
        method,
        agent: false,
        timeout: 30_000,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(data),
          ...(jwt ? { Authorization: `Bearer ${jwt}` } : {}),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += String(c)));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            process: String(res.headers['x-linli-process'] ?? ''),
            body: text ? JSON.parse(text) : {},
          }),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${url}: no answer in 30 s`)));
    req.on('error', reject);
    req.end(data);
  });
}

/** Asks until `done` holds for an answer from each of the two processes (at most `ms`). */
async function fromBoth(
  ask: () => Promise<Answer>,
  done: (a: Answer) => boolean,
  ms: number,
): Promise<Set<string>> {
  const seen = new Set<string>();
  const until = Date.now() + ms;
  while (seen.size < 2) {
    const answer = await ask();
    if (done(answer)) seen.add(answer.process);
    if (Date.now() > until) break;
    await new Promise((r) => setTimeout(r, done(answer) ? 5 : 100));
  }
  return seen;
}

/** On SQLite the cluster refuses to start a second process (each run tests its own database). */
function severalProcessesOnSqlite(): void {
  describe('several processes on SQLite', () => {
    it('are refused: SQLite takes one writing process', async () => {
      const child = spawn(process.execPath, [path.join(root, 'scripts', 'cluster.js')], {
        cwd: root,
        env: { ...process.env, LINLI_PROCESSES: '2', LINLI_BUILD: 'off', PORT: String(PORT) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let err = '';
      child.stderr?.on('data', (d) => (err += String(d)));
      const code = await new Promise((resolve) => child.once('exit', resolve));
      expect(code).toBe(1);
      expect(err).toMatch(/several processes need PostgreSQL/);
    });
  });
}

function twoProcessesOnPostgres(): void {
  describe('two processes on one PostgreSQL database', () => {
    let strapi: Core.Strapi;
    let cluster: ChildProcess;
    let log = '';

    // This process migrates and seeds; the cluster's two then start on the same database.
    beforeAll(async () => {
      strapi = await bootStrapi();
    });
    beforeAll(async () => {
      cluster = spawn(process.execPath, [path.join(root, 'scripts', 'cluster.js')], {
        cwd: root,
        env: {
          ...process.env,
          NODE_ENV: 'test',
          LINLI_SEED: 'none',
          PORT: String(PORT),
          HOST: '127.0.0.1',
          LINLI_PROCESSES: '2',
          LINLI_PROCESS_HEADER: '1',
          LINLI_ADMIN_PANEL: 'off',
          LINLI_BUILD: 'off',
          LINLI_LOGIN_MAX_FAILURES: '3',
          // users-permissions' limit per address and route, counted in the database.
          LINLI_AUTH_RATE_MAX: '5',
          // Entries live ten minutes here: only the notification can drop them in time.
          LINLI_AUTH_CACHE_SECONDS: '600',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      cluster.stdout?.on('data', (d) => (log += String(d)));
      cluster.stderr?.on('data', (d) => (log += String(d)));
      const health = () =>
        call('GET', '/_health').catch(() => ({ status: 0, process: '', body: {} }) as Answer);
      const both = await fromBoth(health, (a) => a.status === 204 && a.process !== '', 240_000);
      if (both.size < 2) throw new Error(`the cluster did not start two processes:\n${log}`);
    }, 300_000);

    afterAll(async () => {
      if (cluster && cluster.exitCode === null) {
        const ended = new Promise((resolve) => cluster.once('exit', resolve));
        cluster.kill('SIGTERM');
        await ended;
      }
      await strapi?.destroy();
    });

    it('counts failed sign-ins of one account across both processes', async () => {
      const { username } = await newUser(strapi, 'resident');
      const answered = new Set<string>();
      for (let i = 0; i < 3; i += 1) {
        const wrong = await call('POST', '/api/auth/local', undefined, {
          identifier: username,
          password: 'not-the-password',
        });
        expect(wrong.status).toBe(400);
        answered.add(wrong.process);
      }
      // Whichever process answers now, the account is locked: the count is in the database.
      const right = await call('POST', '/api/auth/local', undefined, {
        identifier: username,
        password: DEMO_PASSWORD,
      });
      expect(right.status).toBe(429);
      expect(answered.size + (answered.has(right.process) ? 0 : 1)).toBeGreaterThanOrEqual(2);
    });

    it('counts sign-ins from one address across both processes', async () => {
      // A window of the limit's own (a minute) with time left in it; earlier sign-ins from this
      // address are forgotten so that the count starts here.
      const intoMinute = Date.now() % 60_000;
      if (intoMinute > 30_000) await new Promise((r) => setTimeout(r, 60_500 - intoMinute));
      await strapi.db
        .connection('linli_login_attempts')
        .where('bucket_key', 'like', 'address:%')
        .delete();
      const answered = new Set<string>();
      // Five attempts, each for an account of its own (so that no account's limit is reached).
      for (let i = 0; i < 5; i += 1) {
        const wrong = await call('POST', '/api/auth/local', undefined, {
          identifier: unique('nobody-'),
          password: 'not-the-password',
        });
        expect(wrong.status).toBe(400);
        answered.add(wrong.process);
      }
      const sixth = await call('POST', '/api/auth/local', undefined, {
        identifier: unique('nobody-'),
        password: 'not-the-password',
      });
      expect(sixth.status).toBe(429);
      // Both processes took part: each counting alone would have let ten through.
      expect(answered.size + (answered.has(sixth.process) ? 0 : 1)).toBeGreaterThanOrEqual(2);
      // The rest of this file signs in again.
      await strapi.db
        .connection('linli_login_attempts')
        .where('bucket_key', 'like', 'address:%')
        .delete();
    });

    it('gives receipts sent to both processes at once one sequence, without a gap', async () => {
      const staff = await login(strapi, 'foundation-staff');
      const fund = await call('POST', '/api/grants/funds', staff, {
        data: { name: '两进程基金', code: unique('TP-').toUpperCase(), kind: 'general' },
      });
      expect(fund.status).toBe(201);
      const pledged: string[] = [];
      for (let i = 0; i < 12; i += 1) {
        const d = await call('POST', '/api/grants/donations', staff, {
          data: {
            donorKind: 'anonymous',
            amount: 10_000 + i,
            channel: 'cash',
            donatedOn: '2026-11-20',
            fund: fund.body.data?.documentId,
            restricted: false,
          },
        });
        expect(d.status).toBe(201);
        pledged.push(String(d.body.data?.documentId));
      }
      const received = await Promise.all(
        pledged.map((id) => call('POST', `/api/grants/donations/${id}/receive`, staff, {})),
      );
      expect(received.map((r) => r.status)).toEqual(pledged.map(() => 200));
      expect(new Set(received.map((r) => r.process)).size).toBe(2);
      const numbers = received
        .map((r) => Number(String(r.body.data?.receiptNo).slice(5)))
        .sort((a, b) => a - b);
      expect(numbers).toEqual(numbers.map((_, i) => (numbers[0] as number) + i));
    });

    it('drops who a user is in both processes when their scope changes', async () => {
      const [first, second] = await twoCommunities(strapi);
      const { jwt, id } = await newUser(strapi, 'community-worker', { scope: first.documentId });
      const me = () => call('GET', '/api/cms/me', jwt);
      const scopeIs = (area: { documentId: string }) => (a: Answer) =>
        a.status === 200 &&
        (a.body.data?.scope as { documentId?: string } | null)?.documentId === area.documentId;
      expect((await fromBoth(me, scopeIs(first), 10_000)).size).toBe(2);
      // The change is made by a third process (this one): neither server made it itself.
      await dbQuery(strapi, 'plugin::users-permissions.user').update({
        where: { id },
        data: { scope: second.id },
      });
      // On PostgreSQL entries live 600 s here: only the notification can drop them this soon.
      expect((await fromBoth(me, scopeIs(second), 5_000)).size).toBe(2);
    });
  });
}

if (postgres) twoProcessesOnPostgres();
else severalProcessesOnSqlite();
