// The incubation board (paging, search, hub and area filters, hub names out of scope), moves that
// end an incubation (a reason, recorded), hatching only after a passed assessment (a setting that
// staff can switch), and assessments and milestones recorded through their actions.
import type { Core } from '@strapi/strapi';
import { addDays, todayInChina } from '../../cms/server/src/domain/china-time';
import { ASSESSMENT_INTERVAL_DAYS } from '../../cms/server/src/domain/incubation-records';
import {
  bootStrapi,
  dbQuery,
  gql,
  http,
  login,
  staffUser,
  twoCommunities,
  unique,
  type AreaRow,
  type ValidationIssue,
} from '../helpers/strapi';

interface Card {
  documentId: string;
  stage: string;
  organisation: { documentId: string; name: string } | null;
  hub: { documentId: string; name: string } | null;
  closedReason: string | null;
  due: boolean;
}
interface Row {
  id: number;
  documentId: string;
  name: string;
  kind: string;
  areaPath: string;
}

describe('the incubation board and its rules', () => {
  let strapi: Core.Strapi;
  let incubator: string;
  let staff: string;
  let reviewer: string;
  let community: AreaRow;
  let districtHub: Row;

  const as = (jwt: string) => ({ Authorization: `Bearer ${jwt}` });
  const board = (jwt: string, query: Record<string, string | number>) =>
    http(strapi).get('/api/cms/incubation-board').query(query).set(as(jwt));
  const move = (id: string, body: Record<string, unknown>, jwt = incubator) =>
    http(strapi).post(`/api/cms/incubations/${id}/move`).set(as(jwt)).send(body);
  const assess = (id: string, body: Record<string, unknown>, index?: number) =>
    http(strapi)
      .post(`/api/cms/incubations/${id}/assessments${index === undefined ? '' : `/${index}`}`)
      .set(as(incubator))
      .send(body);
  const setRule = (on: boolean, jwt = staff) =>
    http(strapi)
      .put('/api/cms/incubation-settings')
      .set(as(jwt))
      .send({ assessmentBeforeHatching: on });
  const stored = (documentId: string) =>
    dbQuery(strapi, 'plugin::cms.incubation').findOne({ where: { documentId } });
  const passed = {
    date: '2026-03-01',
    assessor: '王评估',
    governance: 80,
    finance: 75,
    services: 85,
    volunteers: 70,
    result: 'passed',
    note: '出壳评估',
  };

  /** A new organisation in `community`, incubated by `hub`, moved on to `stage`. */
  const incubation = async (stage: 'applied' | 'incubating', hub = districtHub) => {
    const org = await http(strapi)
      .post('/api/cms/organisations')
      .set(as(incubator))
      .send({
        data: {
          name: unique('看板社'),
          kind: 'social_organisation',
          registration: 'filed',
          area: community.documentId,
        },
      });
    expect(org.status).toBe(201);
    const created = await http(strapi)
      .post('/api/cms/incubations')
      .set(as(incubator))
      .send({ data: { organisation: org.body.data.documentId, hub: hub.documentId } });
    expect(created.status).toBe(201);
    const id: string = created.body.data.documentId;
    if (stage === 'incubating') {
      expect((await move(id, { stage: 'assessing' })).status).toBe(200);
      expect((await move(id, { stage: 'incubating' })).status).toBe(200);
    }
    return { id, name: org.body.data.name as string };
  };

  beforeAll(async () => {
    strapi = await bootStrapi();
    incubator = await login(strapi, 'incubator');
    staff = await login(strapi, 'foundation-staff');
    reviewer = await login(strapi, 'reviewer');
    [community] = await twoCommunities(strapi);
    const hubs: Row[] = await dbQuery(strapi, 'plugin::cms.organisation').findMany({
      where: { kind: 'hub' },
      select: ['id', 'documentId', 'name', 'kind', 'areaPath'],
    });
    // The district's own hub sits above every community: outside a community worker's scope.
    districtHub = hubs.reduce((a, b) => (a.areaPath.length <= b.areaPath.length ? a : b));
  });
  afterAll(async () => {
    await setRule(true);
    await strapi.destroy();
  });

  it('pages a column to its end, with the column’s total', async () => {
    const first = await board(incubator, { stage: 'hatched', pageSize: 20 });
    expect(first.status).toBe(200);
    const total: number = first.body.data.total;
    expect(total).toBeGreaterThanOrEqual(80);
    expect(total).toBe(
      await dbQuery(strapi, 'plugin::cms.incubation').count({ where: { stage: 'hatched' } }),
    );
    expect(first.body.data.cards).toHaveLength(20);
    const seen = new Set<string>();
    for (let page = 1; page <= Math.ceil(total / 20); page += 1) {
      const res = await board(incubator, { stage: 'hatched', pageSize: 20, page });
      for (const card of res.body.data.cards as Card[]) {
        expect(card.stage).toBe('hatched');
        seen.add(card.documentId);
      }
    }
    expect(seen.size).toBe(total);
  });

  it('pages an assessed column to its end and past it, its counts the same on every page', async () => {
    // The database cuts these pages (incubation-queue-sql.ts), the due ones first when asked.
    for (const due of ['false', 'true']) {
      const first = (await board(incubator, { stage: 'incubating', pageSize: 20, due })).body.data;
      expect(first.total).toBeGreaterThan(20);
      const seen = new Set<string>();
      const pages = Math.ceil(first.total / 20);
      for (let page = 1; page <= pages + 1; page += 1) {
        const res = (await board(incubator, { stage: 'incubating', pageSize: 20, page, due })).body
          .data;
        expect([page, res.total, res.due, res.overdue]).toEqual([
          page,
          first.total,
          first.due,
          first.overdue,
        ]);
        if (page > pages) expect(res.cards).toEqual([]);
        for (const card of res.cards as (Card & { due: boolean })[]) {
          expect(card.stage).toBe('incubating');
          if (due === 'true') expect(card.due).toBe(true);
          seen.add(card.documentId);
        }
      }
      expect(seen.size).toBe(first.total);
    }
  });

  it('searches by organisation name and filters by hub and by area subtree', async () => {
    const all = await board(incubator, { stage: 'incubating', pageSize: 100 });
    const sample = (all.body.data.cards as Card[])[0] as Card;
    const word = (sample.organisation?.name ?? '').slice(-3);
    const searched = await board(incubator, { stage: 'incubating', q: word, pageSize: 100 });
    const named = (all.body.data.cards as Card[]).filter((c) =>
      c.organisation?.name.includes(word),
    );
    expect(searched.body.data.total).toBe(named.length);
    expect(searched.body.data.cards.map((c: Card) => c.documentId).sort()).toEqual(
      named.map((c) => c.documentId).sort(),
    );

    const hubId = sample.hub?.documentId as string;
    const byHub = await board(incubator, { stage: 'incubating', hub: hubId, pageSize: 100 });
    const ofHub = (all.body.data.cards as Card[]).filter((c) => c.hub?.documentId === hubId);
    expect(byHub.body.data.total).toBe(ofHub.length);
    expect(byHub.body.data.cards.every((c: Card) => c.hub?.documentId === hubId)).toBe(true);

    const subdistrictPath = community.path.split('/').slice(0, -2).join('/') + '/';
    const subdistrict = await dbQuery(strapi, 'plugin::cms.area').findOne({
      where: { path: subdistrictPath },
    });
    const inArea = await board(incubator, {
      stage: 'hatched',
      area: subdistrict.documentId,
      pageSize: 100,
    });
    expect(inArea.status).toBe(200);
    expect(inArea.body.data.total).toBe(
      await dbQuery(strapi, 'plugin::cms.incubation').count({
        where: { stage: 'hatched', areaPath: { $startsWith: subdistrictPath } },
      }),
    );
    expect(inArea.body.data.total).toBeLessThan(
      (await board(incubator, { stage: 'hatched' })).body.data.total,
    );
  });

  it('refuses a malformed board query with 400 naming the field', async () => {
    const bad = await board(incubator, { stage: 'sleeping' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['stage']);
    expect(bad.body.error.details.errors[0].messageZh).toMatch(/stage/);
    const big = await board(incubator, { stage: 'hatched', pageSize: 1000 });
    expect(big.status).toBe(400);
    expect(big.body.error.details.errors[0].path).toEqual(['pageSize']);
  });

  it('shows a community worker the name of a hub outside their area', async () => {
    const { id } = await incubation('applied');
    const worker = await staffUser(strapi, 'community-worker', community.documentId);
    expect(districtHub.areaPath.length).toBeLessThan(community.path.length);
    const res = await board(worker, { stage: 'applied', pageSize: 100 });
    expect(res.status).toBe(200);
    const card = (res.body.data.cards as Card[]).find((c) => c.documentId === id);
    expect(card?.hub).toEqual({ documentId: districtHub.documentId, name: districtHub.name });
    // The hub itself stays out of reach: its own record is not the worker's to open.
    const own = await http(strapi)
      .get(`/api/cms/organisations/${districtHub.documentId}`)
      .set(as(worker));
    expect(own.status).toBe(404);
    // GraphQL's list, which the console's incubation list reads, names the hub too.
    const list = await gql(
      strapi,
      `query($id: ID!) { cmsIncubation(documentId: $id) { hub { documentId name } } }`,
      { id },
      worker,
    );
    expect(list.body.data.cmsIncubation.hub.name).toBe(districtHub.name);
  });

  it('ends an incubation only with a reason, and records the reason', async () => {
    const { id } = await incubation('applied');
    const bare = await move(id, { stage: 'withdrawn' });
    expect(bare.status).toBe(400);
    expect(bare.body.error.details.errors[0]).toMatchObject({
      path: ['reason'],
      code: 'reason_required',
    });
    expect(bare.body.error.details.errors[0].messageZh).toMatch(/必须填写原因/);
    const blank = await move(id, { stage: 'rejected', reason: '   ' });
    expect(blank.status).toBe(400);
    // Through the core routes too: the reason is then the record's closedReason.
    const put = await http(strapi)
      .put(`/api/cms/incubations/${id}`)
      .set(as(incubator))
      .send({ data: { stage: 'rejected' } });
    expect(put.status).toBe(400);
    expect(put.body.error.details.errors[0].path).toEqual(['closedReason']);
    expect((await stored(id)).stage).toBe('applied');

    const done = await move(id, { stage: 'withdrawn', reason: '负责人离开本地，主动退出' });
    expect(done.status).toBe(200);
    const row = await stored(id);
    expect(row).toMatchObject({
      stage: 'withdrawn',
      closedReason: '负责人离开本地，主动退出',
      closedOn: todayInChina(),
    });
    const audit = await dbQuery(strapi, 'plugin::cms.audit-entry').findMany({
      where: { recordId: id, action: 'update' },
      orderBy: { id: 'desc' },
      limit: 1,
    });
    expect(audit[0].after).toMatchObject({
      stage: 'withdrawn',
      closedReason: '负责人离开本地，主动退出',
    });
    expect(audit[0].fields).toEqual(expect.arrayContaining(['stage', 'closedReason']));
  });

  it('refuses hatching before a passed assessment, and allows it after', async () => {
    await setRule(true);
    const { id } = await incubation('incubating');
    const refused = await move(id, { stage: 'hatched' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/requires a passed assessment/);
    expect(refused.body.error.details.errors[0]).toMatchObject({
      path: ['stage'],
      code: 'assessment_required',
    });
    expect(refused.body.error.details.errors[0].messageZh).toMatch(/出壳前须有一次“通过”的评估/);
    const graph = await gql(
      strapi,
      `mutation($id: ID!) { updateCmsIncubation(documentId: $id, data: { stage: hatched }) { stage } }`,
      { id },
      incubator,
    );
    expect(graph.body.errors[0].message).toMatch(/requires a passed assessment/);

    expect((await assess(id, { ...passed, result: 'failed' })).status).toBe(200);
    expect((await move(id, { stage: 'hatched' })).status).toBe(400);
    expect((await stored(id)).stage).toBe('incubating');

    expect((await assess(id, passed)).status).toBe(200);
    const hatched = await move(id, { stage: 'hatched' });
    expect(hatched.status).toBe(200);
    expect(await stored(id)).toMatchObject({ stage: 'hatched', hatchedOn: todayInChina() });
  });

  it('lets foundation staff switch the rule off, and no one else', async () => {
    expect((await setRule(false, incubator)).status).toBe(403);
    const read = await http(strapi).get('/api/cms/incubation-settings').set(as(incubator));
    expect(read.body.data).toEqual({ assessmentBeforeHatching: true });
    const bad = await http(strapi)
      .put('/api/cms/incubation-settings')
      .set(as(staff))
      .send({ assessmentBeforeHatching: 'no' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['assessmentBeforeHatching']);

    const { id } = await incubation('incubating');
    const off = await setRule(false);
    expect(off.status).toBe(200);
    expect(off.body.data).toEqual({ assessmentBeforeHatching: false });
    try {
      expect((await move(id, { stage: 'hatched' })).status).toBe(200);
    } finally {
      expect((await setRule(true)).status).toBe(200);
    }
    const { id: next } = await incubation('incubating');
    expect((await move(next, { stage: 'hatched' })).status).toBe(400);
  });

  it('records and corrects assessments field by field, changing nothing when refused', async () => {
    const { id } = await incubation('incubating');
    const today = todayInChina();
    const dueIds = async () =>
      (
        (await board(incubator, { stage: 'incubating', due: 'true', pageSize: 100 })).body.data
          .cards as Card[]
      ).map((c) => c.documentId);
    // It entered 孵化中 today: not due until the interval has passed since then.
    expect(await dueIds()).not.toContain(id);
    // Started (applied, assessed, entered 孵化中) an interval ago: due now.
    const started = addDays(today, -ASSESSMENT_INTERVAL_DAYS);
    await dbQuery(strapi, 'plugin::cms.incubation').updateMany({
      where: { documentId: id },
      data: { appliedOn: started, assessingOn: started, incubatingOn: started },
    });
    const before = await board(incubator, { stage: 'incubating', due: 'true', pageSize: 100 });
    expect(before.body.data.cards.map((c: Card) => c.documentId)).toContain(id);
    expect(before.body.data.due).toBe(before.body.data.total);

    const wrong = await assess(id, { ...passed, governance: 120, assessor: '' });
    expect(wrong.status).toBe(400);
    const issues = wrong.body.error.details.errors as ValidationIssue[];
    expect(issues.map((i) => i.path.join('.')).sort()).toEqual(['assessor', 'governance']);
    expect(issues.find((i) => i.path[0] === 'governance')?.messageZh).toBe(
      'governance：不能大于 100',
    );
    // An assessment dated after today would satisfy the hatching rule in advance: refused.
    for (const date of ['2030-01-01', addDays(today, 1)]) {
      const future = await assess(id, { ...passed, date });
      expect(future.status).toBe(400);
      expect(future.body.error.details.errors).toEqual([
        expect.objectContaining({
          path: ['date'],
          message: 'date: an assessment cannot be dated after today',
          messageZh: 'date：评估日期不能晚于今天',
        }),
      ]);
    }
    // Nor through the record itself (REST or GraphQL write the same JSON).
    const direct = await http(strapi)
      .put(`/api/cms/incubations/${id}`)
      .set(as(incubator))
      .send({ data: { assessments: [{ ...passed, date: '2030-01-01' }] } });
    expect(direct.status).toBe(400);
    expect(direct.body.error.details.errors).toEqual([
      expect.objectContaining({
        path: ['assessments', '0', 'date'],
        messageZh: 'assessments.0.date：评估日期不能晚于今天',
      }),
    ]);
    expect((await stored(id)).assessments ?? []).toEqual([]);
    expect((await move(id, { stage: 'hatched' })).status).toBe(400);

    expect((await assess(id, { ...passed, date: today })).status).toBe(200);
    const fixed = await assess(id, { ...passed, date: today, governance: 90 }, 0);
    expect(fixed.status).toBe(200);
    expect(fixed.body.data.assessments).toEqual([{ ...passed, date: today, governance: 90 }]);
    expect((await assess(id, { ...passed, date: addDays(today, 1) }, 0)).status).toBe(400);
    expect((await assess(id, passed, 5)).status).toBe(404);
    expect(await dueIds()).not.toContain(id);
  });

  it('records milestones with their planned and achieved dates, achieved dates only when achieved', async () => {
    const { id } = await incubation('incubating');
    const today = todayInChina();
    expect((await stored(id)).appliedOn).toBe(today);
    const url = `/api/cms/incubations/${id}/milestones`;
    const send = (body: Record<string, unknown>, index?: number) =>
      http(strapi)
        .post(index === undefined ? url : `${url}/${index}`)
        .set(as(incubator))
        .send(body);
    const planned = { date: '2027-06-30', title: '完成民非登记', status: 'planned' };
    expect((await send(planned)).status).toBe(200);
    const refusals: [Record<string, unknown>, string][] = [
      [{ ...planned, status: 'achieved' }, '已达成的里程碑须填写达成日期'],
      [{ ...planned, achievedOn: today }, '只有已达成的里程碑才有达成日期'],
      [{ ...planned, status: 'missed', achievedOn: today }, '只有已达成的里程碑才有达成日期'],
      [{ ...planned, status: 'achieved', achievedOn: addDays(today, 1) }, '达成日期不能晚于今天'],
      [
        { ...planned, status: 'achieved', achievedOn: addDays(today, -1) },
        `达成日期不能早于申请孵化日期（${today}）`,
      ],
    ];
    for (const [body, zh] of refusals) {
      const res = await send(body, 0);
      expect(res.status).toBe(400);
      expect(res.body.error.details.errors).toHaveLength(1);
      expect(res.body.error.details.errors[0].path).toEqual(['achievedOn']);
      expect(res.body.error.details.errors[0].messageZh).toBe(`achievedOn：${zh}`);
      expect(res.body.error.details.errors[0].message).toMatch(/^achievedOn: /);
    }
    expect((await stored(id)).milestones).toEqual([planned]);
    const achieved = await send({ ...planned, status: 'achieved', achievedOn: today }, 0);
    expect(achieved.status).toBe(200);
    expect((await stored(id)).milestones).toEqual([
      { ...planned, status: 'achieved', achievedOn: today },
    ]);
  });

  it('counts overdue milestones and assessments due on the dashboard by the board’s rules, whatever the JSON holds', async () => {
    // The dashboard counts these in SQL (cms/server/src/incubation-queue-sql.ts); the board and
    // the incubation page decide them row by row in JavaScript. Each case below is written
    // straight into one incubating record (what the forms would refuse included) and the
    // dashboard's figure must move by what the rule says — and equal the board's 待评估 and
    // 里程碑逾期; the board's filter (the same SQL) must hold this record exactly when the rule
    // says, and so must the mark on its card (the domain's function in JavaScript).
    const today = todayInChina();
    const yesterday = addDays(today, -1);
    const longAgo = addDays(today, -ASSESSMENT_INTERVAL_DAYS - 1);
    const { id } = await incubation('incubating');
    const queue = async () => {
      const res = await http(strapi).get('/api/cms/dashboard/queue').set(as(incubator));
      expect(res.status).toBe(200);
      return res.body.data as { milestonesOverdue: number; incubationsDueForAssessment: number };
    };
    const boardDue = async () =>
      ((await board(incubator, { stage: 'assessing' })).body.data.due as number) +
      ((await board(incubator, { stage: 'incubating' })).body.data.due as number);
    // The record was written last, so its card leads the column (newest change first).
    const card = async () => {
      const first = (await board(incubator, { stage: 'incubating' })).body.data.cards[0];
      expect(first.documentId).toBe(id);
      return first as { due: boolean; overdue: boolean };
    };
    const boardOverdue = async () => {
      const all = (await board(incubator, { stage: 'incubating' })).body.data;
      const only = (
        await board(incubator, { stage: 'incubating', overdue: 'true', pageSize: '100' })
      ).body.data;
      expect(only.total).toBe(all.overdue);
      expect(only.cards.every((c: { overdue: boolean }) => c.overdue)).toBe(true);
      return {
        count: all.overdue as number,
        holds: only.cards.some((c: { documentId: string }) => c.documentId === id),
      };
    };
    const write = (data: Record<string, unknown>) =>
      dbQuery(strapi, 'plugin::cms.incubation').update({ where: { documentId: id }, data });
    await write({ milestones: [], assessments: [], incubatingOn: today });
    const base = await queue();
    expect(base.incubationsDueForAssessment).toBe(await boardDue());

    const milestone = (m: unknown) => ({ title: '里程碑', ...(m as object) });
    const milestoneCases: [string, unknown, number][] = [
      ['planned, not done, dated yesterday', [milestone({ date: yesterday })], 1],
      ['done', [milestone({ date: yesterday, done: true })], 0],
      ['marked not done', [milestone({ date: yesterday, done: false })], 1],
      ['achieved', [milestone({ date: yesterday, status: 'achieved' })], 0],
      ['missed', [milestone({ date: yesterday, status: 'missed' })], 0],
      ['status planned', [milestone({ date: yesterday, status: 'planned' })], 1],
      ['dated today', [milestone({ date: today })], 0],
      ['one of two overdue', [milestone({ date: today }), milestone({ date: yesterday })], 1],
      ['not objects, then done: 0', ['x', 5, null, [], milestone({ date: yesterday, done: 0 })], 1],
      ['done: "yes" (truthy)', [milestone({ date: yesterday, done: 'yes' })], 0],
      ['done: "" (falsy)', [milestone({ date: yesterday, done: '' })], 1],
      ['a date that is a number', [milestone({ date: 20200101 })], 0],
      ['status a number', [milestone({ date: yesterday, status: 3 })], 1],
      ['not an array', { date: yesterday }, 0],
    ];
    for (const [what, milestones, more] of milestoneCases) {
      await write({ milestones });
      const overdue = (await queue()).milestonesOverdue;
      expect([what, overdue]).toEqual([what, base.milestonesOverdue + more]);
      expect([what, await boardOverdue()]).toEqual([what, { count: overdue, holds: more === 1 }]);
      expect([what, (await card()).overdue]).toEqual([what, more === 1]);
    }
    await write({ milestones: [] });
    // A column that is not incubating has no milestone overdue, whatever it holds.
    const applied = (await board(incubator, { stage: 'applied', overdue: 'true' })).body.data;
    expect([applied.total, applied.cards]).toEqual([0, []]);

    const assessmentCases: [string, Record<string, unknown>, number][] = [
      ['entered today, never assessed', { assessments: [], incubatingOn: today }, 0],
      ['entered long ago, never assessed', { assessments: [], incubatingOn: longAgo }, 1],
      ['assessed long ago', { assessments: [{ date: longAgo }], incubatingOn: today }, 1],
      ['assessed today', { assessments: [{ date: today }], incubatingOn: longAgo }, 0],
      ['the latest counts', { assessments: [{ date: today }, { date: longAgo }] }, 0],
      ['dates not strings', { assessments: ['x', { date: 5 }], incubatingOn: longAgo }, 1],
      ['not an array', { assessments: { date: today }, incubatingOn: today }, 0],
      ['no date at all', { assessments: [], incubatingOn: null, appliedOn: null }, 1],
    ];
    for (const [what, data, more] of assessmentCases) {
      await write(data);
      const figures = await queue();
      expect([what, figures.incubationsDueForAssessment]).toEqual([
        what,
        base.incubationsDueForAssessment + more,
      ]);
      expect([what, figures.incubationsDueForAssessment]).toEqual([what, await boardDue()]);
      expect([what, (await card()).due]).toEqual([what, more === 1]);
      const dueOnly = (
        await board(incubator, { stage: 'incubating', due: 'true', pageSize: '100' })
      ).body.data;
      expect(dueOnly.cards.every((c: { due: boolean }) => c.due)).toBe(true);
    }
  });

  it('lets a reviewer read the board but not move a card', async () => {
    const { id } = await incubation('applied');
    expect((await board(reviewer, { stage: 'applied' })).status).toBe(200);
    expect((await move(id, { stage: 'assessing' }, reviewer)).status).toBe(403);
    expect((await stored(id)).stage).toBe('applied');
  });
});
