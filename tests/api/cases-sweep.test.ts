// Two server processes sweeping the same deadlines at once (`scripts/sweep.js`, a whole Strapi
// each, on the test's database): every case due soon is marked once, and every person told once.
import { spawn } from 'child_process';
import path from 'path';
import type { Core } from '@strapi/strapi';
import { bootStrapi, dbQuery, http } from '../helpers/strapi';
import { CASES_API, caseCommunity, caseUser } from '../helpers/cases';

const root = path.resolve(__dirname, '..', '..');

interface SweepProcess {
  /** resolves once the process has booted and waits to be told */
  ready: Promise<void>;
  /** tells it to sweep; resolves with what it printed */
  sweep(): Promise<{ dueSoon: number; overdue: number }>;
}

/** A whole Strapi in its own process, booted and waiting to sweep at `at`. */
function sweepProcess(at: Date): SweepProcess {
  const child = spawn(
    process.execPath,
    [path.join(root, 'scripts', 'sweep.js'), '--at', at.toISOString(), '--when-told'],
    { cwd: root, env: { ...process.env, NODE_ENV: 'test' }, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => (err += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += String(d);
      if (out.includes('ready\n')) resolve();
    });
    void exited.then((code) => reject(new Error(`sweep exited ${code}: ${err.slice(-2000)}`)));
  });
  return {
    ready,
    async sweep() {
      child.stdin.write('go\n');
      const code = await exited;
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{'))
        throw new Error(`sweep exited ${code}: ${err.slice(-2000)}`);
      return JSON.parse(line);
    },
  };
}

describe('the sweep in two processes', () => {
  let strapi: Core.Strapi;

  beforeAll(async () => {
    strapi = await bootStrapi();
  });
  afterAll(async () => {
    (strapi?.plugin('cases').service('clock') as { set(at: Date | null): void }).set(null);
    await strapi?.destroy();
  });

  it('marks each case once and tells each person once', async () => {
    const { community } = await caseCommunity(strapi, 2);
    const worker = await caseUser(strapi, 'community-worker', community.documentId);
    const clock = strapi.plugin('cases').service('clock') as { set(at: Date | null): void };
    // Monday 3 June 2030, 10:00 China: signing is due by 12:00, due soon from 11:36.
    clock.set(new Date('2030-06-03T02:00:00Z'));
    const ids: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      const res = await http(strapi)
        .post(`${CASES_API}/cases`)
        .set({ Authorization: `Bearer ${worker.jwt}` })
        .send({
          type: 'resident-request',
          channel: 'proactive',
          title: `巡查发现：第${i + 1}处占道堆物`,
          category: 'environment',
          area: community.documentId,
        });
      expect(res.status).toBe(201);
      ids.push(
        (
          await dbQuery(strapi, 'plugin::cases.case').findOne({
            where: { documentId: res.body.data.documentId },
            select: ['id'],
          })
        ).id,
      );
    }
    clock.set(null);
    const at = new Date('2030-06-03T03:40:00Z');
    // Booted one after the other, then told to sweep at the same moment.
    const first = sweepProcess(at);
    await first.ready;
    const second = sweepProcess(at);
    await second.ready;
    const [a, b] = await Promise.all([first.sweep(), second.sweep()]);
    expect(a.dueSoon + b.dueSoon).toBeGreaterThanOrEqual(ids.length);
    const rows = await dbQuery(strapi, 'plugin::cases.case').findMany({
      where: { id: { $in: ids } },
      select: ['id', 'slaStatus'],
    });
    expect(rows.map((r: { slaStatus: string }) => r.slaStatus)).toEqual(ids.map(() => 'due_soon'));
    const notes = await dbQuery(strapi, 'plugin::cases.notification').findMany({
      where: { caseId: { $in: ids }, kind: 'due_soon' },
      select: ['caseId', 'userId'],
    });
    const pairs = notes.map((n: { caseId: number; userId: number }) => `${n.caseId}:${n.userId}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    expect(notes.filter((n: { userId: number }) => n.userId === worker.id)).toHaveLength(
      ids.length,
    );
  }, 240_000);
});
