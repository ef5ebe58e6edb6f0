// Cases over HTTP: a resident's QR request becomes a case the rules dispatch to the community; the
// community signs for it, whistles a department in, the department reports and acts, the
// community rates it, replies to the resident; the resident reads the reply, rates and reopens;
// the department's rating reaches the yearly report. Bad input is a 4xx naming the field, in
// both languages, writing nothing; of two racing transitions exactly one wins.
import type { Core } from '@strapi/strapi';
import { bootStrapi, dbQuery, http, type ValidationIssue } from '../helpers/strapi';
import { CASES_API, caseCommunity, caseUser, department } from '../helpers/cases';

interface CaseDetailBody {
  documentId: string;
  number: string;
  receiptCode: string;
  state: string;
  stateKind: string;
  slaStatus: string;
  dueAt: string | null;
  stateDueAt: string | null;
  assigneeName: string | null;
  reporterPhone: string | null;
  actions: { key: string }[];
  operations: string[];
  timeline: { action: string; note: string | null; actorName: string | null }[];
  whistles: {
    documentId: string;
    departmentName: string;
    state: string;
    mayReport: boolean;
    mayAct: boolean;
    mayRate: boolean;
    points: number;
  }[];
}

describe('cases', () => {
  let strapi: Core.Strapi;
  let community: { documentId: string; path: string; name: string };
  let worker: { jwt: string; id: number };
  let centre: { jwt: string; id: number };
  let dept: { jwt: string; id: number };
  let otherDept: { jwt: string; id: number };
  let housing: { id: number; documentId: string; name: string };

  const as = (jwt: string) => ({ Authorization: `Bearer ${jwt}` });
  const post = (jwt: string | null, path: string, body: object = {}) => {
    const req = http(strapi).post(`${CASES_API}${path}`);
    if (jwt) req.set(as(jwt));
    return req.send(body);
  };
  const get = (jwt: string | null, path: string) => {
    const req = http(strapi).get(`${CASES_API}${path}`);
    if (jwt) req.set(as(jwt));
    return req;
  };
  const issuesOf = (res: { body: { error?: { details?: { errors?: ValidationIssue[] } } } }) =>
    res.body.error?.details?.errors ?? [];
  const clock = () =>
    strapi.plugin('cases').service('clock') as { set(at: Date | null): void; now(): Date };
  const sweep = () =>
    strapi.plugin('cases').service('sweep') as {
      runOnce(now?: Date): Promise<{ dueSoon: number; overdue: number }>;
    };
  const stepsOf = (caseId: number) =>
    dbQuery(strapi, 'plugin::cases.case-step').count({ where: { caseId } });

  /** A resident's request through the public QR form, as a phone submits it. */
  async function qrRequest(details: string, category = 'environment') {
    const res = await http(strapi)
      .post('/api/forms/resident-request/submissions')
      .send({
        data: {
          category,
          area: community.documentId,
          address: '3栋2单元',
          details,
          name: '王芳',
          phone: '13800138000',
        },
      });
    expect(res.status).toBe(201);
    return res.body.data.receiptCode as string;
  }

  const caseByReceipt = async (code: string) =>
    (await dbQuery(strapi, 'plugin::cases.case').findOne({ where: { receiptCode: code } })) as {
      id: number;
      documentId: string;
    };

  beforeAll(async () => {
    strapi = await bootStrapi();
    const places = await caseCommunity(strapi);
    community = places.community;
    worker = await caseUser(strapi, 'community-worker', community.documentId);
    centre = await caseUser(strapi, 'community-worker', places.subdistrict.documentId);
    housing = await department(strapi, '住建局');
    const urban = await department(strapi, '城管局');
    const district = await dbQuery(strapi, 'plugin::cms.area').findOne({
      where: { level: 'district' },
      select: ['documentId'],
    });
    dept = await caseUser(strapi, 'department', district.documentId, housing.id);
    otherDept = await caseUser(strapi, 'department', district.documentId, urban.id);
  });
  afterAll(async () => {
    clock().set(null);
    await strapi?.destroy();
  });

  it('publishes the preset types at first boot', async () => {
    const res = await get(worker.jwt, '/types');
    expect(res.status).toBe(200);
    const keys = (res.body.data as { key: string; currentVersion: number }[]).map((t) => t.key);
    expect(keys).toEqual(expect.arrayContaining(['resident-request', 'whistle']));
  });

  it('runs a QR request through dispatch, the whistle, the reply, the rating and the report', async () => {
    const code = await qrRequest('楼道垃圾堆了一周没人清运');
    const row = await caseByReceipt(code);
    expect(row).toBeTruthy();

    // The rules dispatched it to the community, whose worker finds it in their queue.
    const queue = await get(worker.jwt, '/queue?view=mine');
    expect(queue.status).toBe(200);
    expect((queue.body.data as { documentId: string }[]).map((c) => c.documentId)).toContain(
      row.documentId,
    );
    const shown = await get(worker.jwt, `/cases/${row.documentId}`);
    expect(shown.status).toBe(200);
    let c = shown.body.data as CaseDetailBody;
    expect(c.number).toMatch(/^JM-\d{4}-\d{6}$/);
    expect(c.state).toBe('dispatched');
    expect(c.assigneeName).toBe(community.name);
    expect(c.stateDueAt).not.toBeNull();
    expect(c.dueAt).not.toBeNull();
    expect(c.reporterPhone).toBe('13800138000');
    expect(c.actions.map((a) => a.key)).toEqual(expect.arrayContaining(['sign', 'return']));
    expect(c.timeline.map((s) => s.action)).toEqual(['intake', 'auto_dispatch']);

    // Signing twice: the second finds the case moved on.
    const signed = await post(worker.jwt, `/cases/${row.documentId}/transition`, {
      transition: 'sign',
      expectedState: 'dispatched',
    });
    expect(signed.status).toBe(200);
    const again = await post(worker.jwt, `/cases/${row.documentId}/transition`, {
      transition: 'sign',
      expectedState: 'dispatched',
    });
    expect(again.status).toBe(409);
    expect(issuesOf(again)[0]).toMatchObject({ path: ['expectedState'] });

    // The community whistles the housing department in.
    const whistled = await post(worker.jwt, `/cases/${row.documentId}/whistle`, {
      departments: [housing.documentId],
      category: 'livelihood',
      item: 'pipe_leak',
      note: '楼道漏水需住建部门协调',
    });
    expect(whistled.status).toBe(200);
    c = whistled.body.data as CaseDetailBody;
    expect(c.whistles).toHaveLength(1);
    const whistle = c.whistles[0] as CaseDetailBody['whistles'][number];

    // The department sees the case (the reporter masked), another department does not.
    const deptView = await get(dept.jwt, `/cases/${row.documentId}`);
    expect(deptView.status).toBe(200);
    expect((deptView.body.data as CaseDetailBody).reporterPhone).toBe('138****8000');
    expect((deptView.body.data as CaseDetailBody).whistles[0]?.mayReport).toBe(true);
    expect((await get(otherDept.jwt, `/cases/${row.documentId}`)).status).toBe(404);
    const deptQueue = await get(dept.jwt, '/queue?view=whistled');
    expect((deptQueue.body.data as { documentId: string }[]).map((x) => x.documentId)).toContain(
      row.documentId,
    );

    // Rating before the department acted is refused; report, act, then rate.
    expect(
      (await post(worker.jwt, `/whistles/${whistle.documentId}/rate`, { rating: 5 })).status,
    ).toBe(409);
    expect((await post(otherDept.jwt, `/whistles/${whistle.documentId}/report`)).status).toBe(404);
    expect(
      (await post(dept.jwt, `/whistles/${whistle.documentId}/report`, { note: '已到场' })).status,
    ).toBe(200);
    const acted = await post(dept.jwt, `/whistles/${whistle.documentId}/act`, {
      note: '已更换水管',
    });
    expect(acted.status).toBe(200);
    const rated = await post(worker.jwt, `/whistles/${whistle.documentId}/rate`, {
      rating: 4,
      note: '及时',
    });
    expect(rated.status).toBe(200);
    expect((rated.body.data as CaseDetailBody).whistles[0]).toMatchObject({
      state: 'rated',
      points: 6,
    });

    // The reply reaches the resident's receipt page.
    const noNote = await post(worker.jwt, `/cases/${row.documentId}/transition`, {
      transition: 'reply',
      expectedState: 'handling',
    });
    expect(noNote.status).toBe(400);
    expect(issuesOf(noNote)[0]).toMatchObject({ path: ['note'] });
    expect(noNote.body.error.details.errors[0].messageZh).toMatch(/[\u4e00-\u9fa5]/);
    const replied = await post(worker.jwt, `/cases/${row.documentId}/transition`, {
      transition: 'reply',
      expectedState: 'handling',
      note: '已协调住建局更换水管，垃圾已清运',
    });
    expect(replied.status).toBe(200);
    const receipt = await get(null, `/receipt/${code}`);
    expect(receipt.status).toBe(200);
    expect(receipt.body.data).toMatchObject({
      reply: '已协调住建局更换水管，垃圾已清运',
      stateKind: 'resolved',
      mayRate: true,
    });

    // Dissatisfied, the resident rates 2 and has it reopened.
    expect((await post(null, `/receipt/${code}/rate`, { satisfaction: 9 })).status).toBe(400);
    const rate = await post(null, `/receipt/${code}/rate`, { satisfaction: 2, note: '水管还在漏' });
    expect(rate.status).toBe(200);
    expect(rate.body.data).toMatchObject({ satisfaction: 2, mayRate: false, mayReopen: true });
    expect((await post(null, `/receipt/${code}/rate`, { satisfaction: 5 })).status).toBe(409);
    const reopened = await post(null, `/receipt/${code}/reopen`, { reason: '水管还在漏' });
    expect(reopened.status).toBe(200);
    expect(reopened.body.data.stateKind).toBe('open');

    // The department's rating is in the yearly report, with the case.
    const report = await get(centre.jwt, '/reports/departments');
    expect(report.status).toBe(200);
    const line = (report.body.data as { departmentId: number; cases: { number: string }[] }[]).find(
      (d) => d.departmentId === housing.id,
    );
    expect(line?.cases.map((x) => x.number)).toContain(c.number);
    expect(report.body.weightPermille).toBe(333);

    // The dashboard counts it, within the street office's reach.
    const dashboard = await get(centre.jwt, '/reports/dashboard');
    expect(dashboard.status).toBe(200);
    expect(dashboard.body.data.received).toBeGreaterThanOrEqual(1);
    expect(dashboard.body.data.satisfaction.rated).toBeGreaterThanOrEqual(0);
    expect(dashboard.body.data.weekly).toHaveLength(12);
  });

  it('refuses what the workflow does not allow, naming the field, writing nothing', async () => {
    const code = await qrRequest('小区门口路灯不亮了');
    const row = await caseByReceipt(code);
    const before = await stepsOf(row.id);
    // A grid worker handles the community's cases but may not take the centre's step.
    const grid = await caseUser(strapi, 'grid-worker', community.documentId);
    const notTheirs = await post(grid.jwt, `/cases/${row.documentId}/transition`, {
      transition: 'transfer',
      expectedState: 'dispatched',
      note: '转',
      target: { kind: 'organisation', id: housing.documentId },
    });
    expect(notTheirs.status).toBe(403);
    expect(issuesOf(notTheirs)[0]).toMatchObject({ path: ['transition'] });
    const unknown = await post(worker.jwt, `/cases/${row.documentId}/transition`, {
      transition: 'fly_away',
      expectedState: 'dispatched',
    });
    expect(unknown.status).toBe(400);
    expect(issuesOf(unknown)[0]).toMatchObject({ path: ['transition'] });
    const stale = await post(worker.jwt, `/cases/${row.documentId}/transition`, {
      transition: 'sign',
      expectedState: 'new',
    });
    expect(stale.status).toBe(409);
    const badFile = await post(worker.jwt, `/cases/${row.documentId}/comment`, {
      note: '现场照片',
      attachments: [999999999],
    });
    expect(badFile.status).toBe(400);
    expect(issuesOf(badFile)[0]).toMatchObject({ path: ['attachments'] });
    const noType = await post(worker.jwt, '/cases', {
      type: 'nope',
      title: 'x',
      area: community.documentId,
    });
    expect(noType.status).toBe(400);
    expect(issuesOf(noType)[0]).toMatchObject({ path: ['type'] });
    expect(await stepsOf(row.id)).toBe(before);
  });

  it('lets exactly one of two racing dispatches win', async () => {
    const created = await post(centre.jwt, '/cases', {
      type: 'resident-request',
      channel: 'phone',
      title: '电话反映：小区门口积水',
      area: community.documentId,
      reporterName: '李强',
      reporterPhone: '13900001111',
    });
    expect(created.status).toBe(201);
    const id = created.body.data.documentId as string;
    expect(created.body.data.state).toBe('new');
    const dispatch = (target: object) =>
      post(centre.jwt, `/cases/${id}/transition`, {
        transition: 'dispatch',
        expectedState: 'new',
        target,
        fields: { category: 'facilities' },
      });
    const results = await Promise.all([
      dispatch({ kind: 'community', id: community.documentId }),
      dispatch({ kind: 'organisation', id: housing.documentId }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const row = await dbQuery(strapi, 'plugin::cases.case').findOne({ where: { documentId: id } });
    expect(
      await dbQuery(strapi, 'plugin::cases.case-step').count({
        where: { caseId: row.id, action: 'dispatch' },
      }),
    ).toBe(1);
  });

  it('raises due soon and overdue by the working-day clock, once, and escalates', async () => {
    const code = await qrRequest('小区消防通道被占');
    const row = await caseByReceipt(code);
    const stored = await dbQuery(strapi, 'plugin::cases.case').findOne({ where: { id: row.id } });
    const due = new Date(stored.stateDueAt);
    const warn = new Date(stored.stateWarnAt);
    expect(warn.getTime()).toBeLessThan(due.getTime());
    // Two sweeps at once at the warning time: one marks it, the other finds nothing to do.
    const [a, b] = await Promise.all([
      sweep().runOnce(new Date(warn.getTime() + 1000)),
      sweep().runOnce(new Date(warn.getTime() + 1000)),
    ]);
    const after = await dbQuery(strapi, 'plugin::cases.case').findOne({ where: { id: row.id } });
    expect(after.slaStatus).toBe('due_soon');
    expect(a.dueSoon + b.dueSoon).toBeGreaterThanOrEqual(1);
    const inboxBefore = await get(worker.jwt, '/inbox?unread=true');
    const dueSoonMessages = (
      inboxBefore.body.data as { kind: string; caseDocumentId: string }[]
    ).filter((n) => n.kind === 'due_soon' && n.caseDocumentId === row.documentId);
    expect(dueSoonMessages).toHaveLength(1);
    await sweep().runOnce(new Date(due.getTime() + 1000));
    await sweep().runOnce(new Date(due.getTime() + 2000));
    const late = await dbQuery(strapi, 'plugin::cases.case').findOne({ where: { id: row.id } });
    expect(late.slaStatus).toBe('overdue');
    expect(
      await dbQuery(strapi, 'plugin::cases.case-step').count({
        where: { caseId: row.id, action: 'overdue' },
      }),
    ).toBe(1);
    const escalated = await get(centre.jwt, '/inbox');
    expect(
      (escalated.body.data as { kind: string; caseDocumentId: string }[]).some(
        (n) => n.kind === 'escalated' && n.caseDocumentId === row.documentId,
      ),
    ).toBe(true);
    expect(escalated.body.meta.unread).toBeGreaterThanOrEqual(1);
    const overdueQueue = await get(worker.jwt, '/queue?view=overdue');
    expect(overdueQueue.body.counts.overdue).toBeGreaterThanOrEqual(1);
  });

  it('keeps the timeline append-only in the database itself', async () => {
    const code = await qrRequest('单元门禁坏了一周');
    const row = await caseByReceipt(code);
    const step = await dbQuery(strapi, 'plugin::cases.case-step').findOne({
      where: { caseId: row.id },
    });
    expect(step?.id).toBeGreaterThan(0);
    // Each refusal caught and named, then the row read back unchanged: the database, not the
    // code, kept it.
    const refusal = async (attempt: () => Promise<unknown>) => {
      try {
        await attempt();
        return 'not refused';
      } catch (error) {
        return String(error);
      }
    };
    const steps = () => strapi.db.connection('case_steps').where({ id: step.id });
    expect(await refusal(() => steps().update({ note: 'rewritten' }))).toMatch(/append-only/);
    expect(await refusal(() => steps().del())).toMatch(/append-only/);
    const kept = await steps().first();
    expect(kept).toMatchObject({ id: step.id, note: null });
  });
});
