// Two server processes sweeping the same deadlines at once (`scripts/sweep.js`, a whole Strapi
// each, on the test's database): every case due soon is marked once, and every person told once.
import { spawn } from 'child_process';
import path from 'path';
import type { Core } from '@strapi/strapi';
import { bootStrapi, dbQuery, http } from '../helpers/strapi';
import { CASES_API, caseCommunity, caseUser } from '../helpers/cases';

const root = path.resolve(__dirname, '..', '..');

/** Runs one sweep in its own process; resolves with what it printed. */
function sweepProcess(at: Date): Promise<{ dueSoon: number; overdue: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(root, 'scripts', 'sweep.js'), '--at', at.toISOString()],
      {
        cwd: root,
        env: { ...process.env, NODE_ENV: 'test' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (err += String(d)));
    child.on('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{'))
        reject(new Error(`sweep exited ${code}: ${err.slice(-2000)}`));
      else resolve(JSON.parse(line));
    });
  });
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
    const [a, b] = await Promise.all([sweepProcess(at), sweepProcess(at)]);
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
