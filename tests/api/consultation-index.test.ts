// The consultation index (协商指数) over HTTP: the 22 indicators seeded and edited only by district
// staff; a resident's topic run through ranking, a teahouse meeting, a household vote,
// implementation on time with funds and ratings moves the computed figures; manual values are
// refused without evidence or below zero and accepted with it; a worker of another community is
// refused; the ranking is by total; the drill-down lists the records; the workbook reads back.
import type { Core } from '@strapi/strapi';
import type { Response } from 'superagent';
import { readXlsx } from '../helpers/sheets';
import {
  bootStrapi,
  dbQuery,
  http,
  newUser,
  unique,
  type ValidationIssue,
} from '../helpers/strapi';
import { caseCommunity } from '../helpers/cases';
import { compoundWithHouseholds, residentWithPhone } from '../helpers/consultation';

const API = '/api/consultation';
type Body = {
  data?: Record<string, unknown> & { documentId?: string };
  meta?: { total?: number; page?: number; pageSize?: number };
  error?: { status?: number; message?: string; details?: { errors?: ValidationIssue[] } };
};
type Res = { status: number; body: Body };
type Scored = {
  key: string;
  value: number;
  score: number;
  numerator: number | null;
  denominator: number | null;
  entered: boolean;
  evidence: string | null;
  evidenceFiles: unknown[];
};
type CommunityScores = { area: string; total: number; indicators: Scored[] };

function expectStatus(res: Res, status: number): void {
  if (res.status !== status)
    throw new Error(
      `expected ${status}, got ${res.status}: ${JSON.stringify(res.body).slice(0, 600)}`,
    );
}
const paths = (res: Res) => (res.body.error?.details?.errors ?? []).map((e) => e.path.join('.'));

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);
const binary = (res: Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

let strapi: Core.Strapi;
let worker: string;
let otherWorker: string;
let staff: string;
let compound: string;
let communityA: string;
let communityB: string;
const residents: string[] = [];
// China's year now (the index's years are China's).
const YEAR = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
const chinaToday = (days = 0) =>
  new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);

const as = (jwt: string | null) => ({
  get: (path: string) => {
    const r = http(strapi).get(`${API}${path}`);
    return jwt ? r.set('Authorization', `Bearer ${jwt}`) : r;
  },
  post: (path: string, body: unknown = {}) => {
    const r = http(strapi)
      .post(`${API}${path}`)
      .send(body as object);
    return jwt ? r.set('Authorization', `Bearer ${jwt}`) : r;
  },
  put: (path: string, body: unknown = {}) => {
    const r = http(strapi)
      .put(`${API}${path}`)
      .send(body as object);
    return jwt ? r.set('Authorization', `Bearer ${jwt}`) : r;
  },
});

async function scoresOf(area: string): Promise<Map<string, Scored>> {
  const res = (await as(worker).get(`/index/scores?year=${YEAR}&area=${area}`)) as Res;
  expectStatus(res, 200);
  const list = (res.body.data as unknown as { communities: CommunityScores[] }).communities;
  expect(list).toHaveLength(1);
  return new Map(list[0]!.indicators.map((i) => [i.key, i]));
}

beforeAll(async () => {
  strapi = await bootStrapi();
  const { community } = await caseCommunity(strapi, 31);
  const { community: other } = await caseCommunity(strapi, 32);
  communityA = community.documentId;
  communityB = other.documentId;
  worker = (await newUser(strapi, 'community-worker', { scope: community.documentId })).jwt;
  otherWorker = (await newUser(strapi, 'community-worker', { scope: other.documentId })).jwt;
  const district = (await dbQuery(strapi, 'plugin::cms.area').findOne({
    where: { level: 'district' },
    select: ['documentId'],
  })) as { documentId: string };
  staff = (await newUser(strapi, 'foundation-staff', { scope: district.documentId })).jwt;
  const phones = ['13900000301', '13900000302', '13900000303'];
  compound = await compoundWithHouseholds(strapi, {
    community,
    jwt: worker,
    name: unique('指数测试小区'),
    phones,
    building: '2',
    firstRoom: 201,
    area: () => '80.00',
    label: '住户',
  });
  for (const phone of phones) residents.push((await residentWithPhone(strapi, phone)).jwt);
}, 300_000);

afterAll(async () => {
  await strapi?.destroy();
});

describe('indicators', () => {
  it('are seeded: 22 in the 7 categories, weights adding up to 100', async () => {
    const res = (await as(worker).get('/index/indicators')) as Res;
    expectStatus(res, 200);
    const list = res.body.data as unknown as {
      key: string;
      category: string;
      weight: number;
      method: string;
      active: boolean;
    }[];
    expect(list).toHaveLength(22);
    expect(new Set(list.map((i) => i.category)).size).toBe(7);
    expect(list.reduce((s, i) => s + i.weight, 0)).toBe(100);
    expect(list.filter((i) => i.method === 'manual')).toHaveLength(4);
  });

  it('district staff edit weights and targets, not a formula; a community worker edits nothing', async () => {
    expectStatus(
      (await as(worker).put('/index/indicators/satisfaction', { target: 800 })) as Res,
      403,
    );
    const formula = (await as(staff).put('/index/indicators/satisfaction', {
      formulaKey: 'funds-spent',
    })) as Res;
    expectStatus(formula, 400);
    expect(paths(formula)).toEqual(['formulaKey']);
    const weight = (await as(staff).put('/index/indicators/satisfaction', { weight: 101 })) as Res;
    expectStatus(weight, 400);
    expect(paths(weight)).toEqual(['weight']);
    expect(JSON.stringify(weight.body)).toMatch(/0–100/);
    const ok = (await as(staff).put('/index/indicators/satisfaction', {
      target: 800,
      nameEn: 'Residents’ satisfaction',
    })) as Res;
    expectStatus(ok, 200);
    expect(ok.body.data).toMatchObject({ target: 800, nameEn: 'Residents’ satisfaction' });
    expectStatus(
      (await as(staff).put('/index/indicators/satisfaction', { target: 900 })) as Res,
      200,
    );
    expectStatus((await as(staff).put('/index/indicators/no-such', { target: 1 })) as Res, 404);
  });

  it('district staff add a manual indicator (weight 0 keeps the 100); formulas cannot be added', async () => {
    const formula = (await as(staff).post('/index/indicators', {
      key: 'my-formula',
      category: 'results',
      method: 'formula',
      formulaKey: 'satisfaction',
      nameZh: '公式',
      nameEn: 'Formula',
      weight: 0,
      target: 1,
    })) as Res;
    expectStatus(formula, 400);
    expect(paths(formula)).toEqual(expect.arrayContaining(['method', 'formulaKey']));
    const made = (await as(staff).post('/index/indicators', {
      key: 'volunteer-teams',
      category: 'support',
      nameZh: '志愿服务队数',
      nameEn: 'Volunteer teams',
      weight: 0,
      target: 3,
    })) as Res;
    expectStatus(made, 201);
    expect(made.body.data).toMatchObject({ method: 'manual', evidenceRequired: true });
    const twice = (await as(staff).post('/index/indicators', {
      key: 'volunteer-teams',
      category: 'support',
      nameZh: '志愿服务队数',
      nameEn: 'Volunteer teams',
      weight: 0,
      target: 3,
    })) as Res;
    expectStatus(twice, 409);
    expectStatus(
      (await as(worker).post('/index/indicators', {
        key: 'mine',
        category: 'support',
        nameZh: 'x',
        nameEn: 'x',
        weight: 0,
        target: 1,
      })) as Res,
      403,
    );
  });
});

describe('figures computed from the records', () => {
  let before: Map<string, Scored>;
  let topic: string;
  let declined: string;
  let voteNumber: string;

  it('a community’s figures for the year, each with its inputs', async () => {
    before = await scoresOf(communityA);
    expect(before.size).toBe(23);
    const share = before.get('resident-topic-share')!;
    expect(share).toMatchObject({ entered: true });
    expect(typeof share.numerator).toBe('number');
    expect(before.get('venues-available')).toMatchObject({ entered: false, score: 0, value: 0 });
  });

  it('a resident’s topic runs through ranking, a teahouse meeting and a household vote', async () => {
    const raised = (await as(residents[0]!).post('/topics', {
      title: '2栋门前停车难',
      body: '晚上车位不够',
      kind: 'parking',
      area: communityA,
    })) as Res;
    expectStatus(raised, 201);
    topic = raised.body.data!.documentId as string;
    const other = (await as(worker).post('/topics', {
      title: '广场舞噪音',
      kind: 'environment',
      area: communityA,
    })) as Res;
    expectStatus(other, 201);
    declined = other.body.data!.documentId as string;
    expectStatus((await as(residents[1]!).post(`/topics/${topic}/support`)) as Res, 200);
    expectStatus(
      (await as(residents[2]!).post(`/topics/${topic}/comments`, { body: '建议错峰停车' })) as Res,
      201,
    );
    expectStatus(
      (await as(worker).post(`/topics/${declined}/screen`, {
        decision: 'decline',
        reason: '已由城管处理',
      })) as Res,
      200,
    );
    expectStatus(
      (await as(worker).post(`/topics/${topic}/screen`, { decision: 'accept' })) as Res,
      200,
    );
    expectStatus((await as(residents[0]!).post('/ranking', { order: [topic] })) as Res, 200);
    expectStatus((await as(worker).post('/ranking/close', { area: communityA })) as Res, 200);
    const meeting = (await as(worker).post('/meetings', {
      kind: 'teahouse',
      title: '幺店子茶话会：停车',
      heldAt: new Date().toISOString(),
      place: unique('社区茶馆'),
      area: communityA,
      topics: [topic],
      attendees: [
        { role: 'party_members', count: 2 },
        { role: 'residents', count: 6 },
        { role: 'property_company', count: 1 },
      ],
    })) as Res;
    expectStatus(meeting, 201);
    const decided = (await as(worker).post(`/meetings/${meeting.body.data!.documentId}/decisions`, {
      topic,
      text: '划定夜间临时停车位，交住户表决',
      vote: {
        electorate: 'households',
        rule: 'simple-majority',
        compound,
        building: '2',
        closesAt: new Date(Date.now() + 7 * 86400_000).toISOString(),
      },
    })) as Res;
    expectStatus(decided, 201);
    const shown = (await as(worker).get(`/topics/${topic}`)) as Res;
    const vote = (shown.body.data!.votes as { documentId: string; number: string }[])[0]!;
    voteNumber = vote.number;
    expectStatus((await as(worker).post(`/votes/${vote.documentId}/open`)) as Res, 200);
    for (const r of residents.slice(0, 2))
      expectStatus(
        (await as(r).post(`/votes/${vote.documentId}/ballot`, { choice: 'yes' })) as Res,
        200,
      );
    const closed = (await as(worker).post(`/votes/${vote.documentId}/close`)) as Res;
    expectStatus(closed, 200);
    expect(closed.body.data).toMatchObject({ passed: true });
  });

  it('is implemented before its due date with funds, and rated', async () => {
    const decision = (await strapi.db
      .connection('consultation_decisions as d')
      .join('consultation_topics as t', 't.id', 'd.topic_id')
      .where('t.document_id', topic)
      .orderBy('d.id', 'desc')
      .first('d.document_id as id', 'd.status')) as { id: string; status: string };
    const implemented = (await as(worker).post(`/decisions/${decision.id}/implement`, {
      kind: 'tasks',
      earlyReason: '公示期间无异议',
      dueOn: chinaToday(10),
      tasks: [{ title: '施划车位', dueOn: chinaToday(5) }],
    })) as Res;
    expectStatus(implemented, 200);
    expectStatus((await as(worker).post(`/decisions/${decision.id}/tasks/0/done`)) as Res, 200);
    expectStatus(
      (await as(worker).post(`/decisions/${decision.id}/complete`, {
        fundsSpent: 1_234_500,
      })) as Res,
      200,
    );
    expectStatus(
      (await as(residents[0]!).post(`/topics/${topic}/rate`, { rating: 5 })) as Res,
      200,
    );
    expectStatus(
      (await as(residents[1]!).post(`/topics/${topic}/rate`, { rating: 3 })) as Res,
      200,
    );
  });

  it('moves the computed figures by exactly what happened', async () => {
    const after = await scoresOf(communityA);
    const moved = (key: string) => {
      const a = after.get(key)!;
      const b = before.get(key)!;
      return [(a.numerator ?? 0) - (b.numerator ?? 0), (a.denominator ?? 0) - (b.denominator ?? 0)];
    };
    expect(moved('resident-topic-share')).toEqual([1, 2]);
    expect(moved('topics-accepted-share')).toEqual([1, 2]);
    expect(moved('ranked-topics-share')).toEqual([1, 1]);
    expect(moved('vote-turnout')).toEqual([2, 3]);
    expect(moved('implemented-on-time-share')).toEqual([1, 1]);
    expect(moved('problems-solved')[0]).toBe(1);
    expect(moved('satisfaction')).toEqual([1, 2]);
    expect(moved('funds-spent')[0]).toBe(1_234_500);
    expect(moved('meeting-places-used')[0]).toBe(1);
    expect(moved('decisions-publicised-share')).toEqual([1, 1]);
    // one support, one comment, two ratings (ratings are comments too)
    expect(moved('opinions-per-1000-households')[0]).toBe(4);
    expect(after.get('consultations-per-1000-households')!.numerator).toBe(
      before.get('consultations-per-1000-households')!.numerator! + 1,
    );
    expect(after.get('meeting-form-variety')!.value).toBeGreaterThanOrEqual(1);
    expect(after.get('attendee-role-variety')!.value).toBeGreaterThanOrEqual(3);
    // scores: exact hundredths, never above the weight
    for (const s of after.values()) expect(Number.isSafeInteger(s.score)).toBe(true);
    const turnout = after.get('vote-turnout')!;
    expect(turnout.score).toBe(Math.floor((Math.min(turnout.value, 750) * 5 * 100) / 750));
  });

  it('drills down to the records behind a figure, a page at a time', async () => {
    const votes = (await as(worker).get(
      `/index/drill?year=${YEAR}&area=${communityA}&indicator=vote-turnout`,
    )) as Res;
    expectStatus(votes, 200);
    expect(votes.body.data as unknown as { number: string }[]).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ number: voteNumber, participating: 2, electors: 3 }),
      ]),
    );
    const due = (await as(worker).get(
      `/index/drill?year=${YEAR}&area=${communityA}&indicator=implemented-on-time-share`,
    )) as Res;
    expectStatus(due, 200);
    expect(due.body.data as unknown as unknown[]).toEqual(
      expect.arrayContaining([expect.objectContaining({ onTime: true, fundsSpent: 1_234_500 })]),
    );
    const page = (await as(worker).get(
      `/index/drill?year=${YEAR}&area=${communityA}&indicator=resident-topic-share&pageSize=1`,
    )) as Res;
    expectStatus(page, 200);
    expect(page.body.data as unknown as unknown[]).toHaveLength(1);
    expect(page.body.meta!.total).toBeGreaterThanOrEqual(2);
    const opinions = (await as(worker).get(
      `/index/drill?year=${YEAR}&area=${communityA}&indicator=opinions-per-1000-households&pageSize=100`,
    )) as Res;
    expectStatus(opinions, 200);
    const kinds = (opinions.body.data as unknown as { kind: string }[]).map((r) => r.kind);
    expect(kinds).toEqual(expect.arrayContaining(['support', 'comment']));
    const unknown = (await as(worker).get(
      `/index/drill?year=${YEAR}&area=${communityA}&indicator=nope`,
    )) as Res;
    expectStatus(unknown, 400);
    expect(paths(unknown)).toEqual(['indicator']);
  });
});

describe('manual values', () => {
  it('are refused without evidence, below zero, for a computed indicator, naming the field', async () => {
    const bare = (await as(worker).post('/index/entries', {
      indicator: 'venues-available',
      area: communityA,
      year: YEAR,
      value: 3,
    })) as Res;
    expectStatus(bare, 400);
    expect(paths(bare)).toEqual(['evidence']);
    expect(JSON.stringify(bare.body)).toMatch(/佐证/);
    const negative = (await as(worker).post('/index/entries', {
      indicator: 'venues-available',
      area: communityA,
      year: YEAR,
      value: -1,
      evidence: '议事厅照片',
    })) as Res;
    expectStatus(negative, 400);
    expect(paths(negative)).toEqual(['value']);
    const computed = (await as(worker).post('/index/entries', {
      indicator: 'satisfaction',
      area: communityA,
      year: YEAR,
      value: 900,
      evidence: 'x',
    })) as Res;
    expectStatus(computed, 400);
    expect(paths(computed)).toEqual(['indicator']);
    const future = (await as(worker).post('/index/entries', {
      indicator: 'venues-available',
      area: communityA,
      year: YEAR + 1,
      value: 1,
      evidence: 'x',
    })) as Res;
    expectStatus(future, 400);
    expect(paths(future)).toEqual(['year']);
  });

  it('a worker of another community is refused', async () => {
    const res = (await as(otherWorker).post('/index/entries', {
      indicator: 'venues-available',
      area: communityA,
      year: YEAR,
      value: 3,
      evidence: '议事厅照片',
    })) as Res;
    expectStatus(res, 403);
    expectStatus(
      (await as(otherWorker).get(`/index/scores?year=${YEAR}&area=${communityA}`)) as Res,
      403,
    );
    expectStatus(
      (await as(otherWorker).get(
        `/index/drill?year=${YEAR}&area=${communityA}&indicator=vote-turnout`,
      )) as Res,
      403,
    );
    expectStatus((await as(residents[0]!).get(`/index/ranking?year=${YEAR}`)) as Res, 403);
  });

  it('are entered with evidence text or files, and score', async () => {
    const text = (await as(worker).post('/index/entries', {
      indicator: 'venues-available',
      area: communityA,
      year: YEAR,
      value: 3,
      evidence: '社区议事厅、院落议事坝、茶馆各一处',
    })) as Res;
    expectStatus(text, 201);
    expect(text.body.data).toMatchObject({ value: 3, score: 500 });
    const withFile = await http(strapi)
      .post(`${API}/index/entries`)
      .set('Authorization', `Bearer ${worker}`)
      .field(
        'data',
        JSON.stringify({ indicator: 'rules-published', area: communityA, year: YEAR, value: 1 }),
      )
      .attach('evidence', PNG, { filename: 'rules.png', contentType: 'image/png' });
    expectStatus(withFile as Res, 201);
    const after = await scoresOf(communityA);
    expect(after.get('venues-available')).toMatchObject({
      entered: true,
      value: 3,
      score: 500,
      evidence: '社区议事厅、院落议事坝、茶馆各一处',
    });
    expect(after.get('rules-published')).toMatchObject({ entered: true, value: 1, score: 300 });
    expect(after.get('rules-published')!.evidenceFiles).toHaveLength(1);
    // entered again: replaced, not duplicated
    expectStatus(
      (await as(worker).post('/index/entries', {
        indicator: 'venues-available',
        area: communityA,
        year: YEAR,
        value: 2,
        evidence: '院落议事坝改作他用',
      })) as Res,
      201,
    );
    const rows = await strapi.db
      .connection('consultation_index_entries')
      .where({ indicator_key: 'venues-available', year: YEAR })
      .count({ n: '*' })
      .first();
    expect(Number((rows as { n: number | string }).n)).toBe(1);
    const drill = (await as(worker).get(
      `/index/drill?year=${YEAR}&area=${communityA}&indicator=venues-available`,
    )) as Res & { body: { source?: string } };
    expectStatus(drill, 200);
    expect(drill.body.source).toBe('entry');
    expect(drill.body.data).toEqual([
      expect.objectContaining({ kind: 'entry', value: 2, evidence: '院落议事坝改作他用' }),
    ]);
  });
});

describe('ranking and export', () => {
  it('ranks the district’s communities by total, each total the sum of its scores', async () => {
    const res = (await as(staff).get(`/index/ranking?year=${YEAR}`)) as Res;
    expectStatus(res, 200);
    const data = res.body.data as unknown as {
      weightTotal: number;
      communities: {
        rank: number;
        area: string;
        total: number;
        categories: Record<string, number>;
      }[];
    };
    expect(data.weightTotal).toBe(100);
    const totals = data.communities.map((c) => c.total);
    expect(totals).toEqual([...totals].sort((x, y) => y - x));
    const a = data.communities.find((c) => c.area === communityA)!;
    expect(data.communities.some((c) => c.area === communityB)).toBe(true);
    expect(data.communities.map((c) => c.rank)).toEqual(data.communities.map((_, i) => i + 1));
    expect(a.total).toBeGreaterThan(0);
    const own = await scoresOf(communityA);
    expect(a.total).toBe([...own.values()].reduce((s, i) => s + i.score, 0));
    expect(Object.values(a.categories).reduce((s, x) => s + x, 0)).toBe(a.total);
    // a worker's ranking holds their community only
    const mine = (await as(worker).get(`/index/ranking?year=${YEAR}`)) as Res;
    expectStatus(mine, 200);
    expect(
      (mine.body.data as unknown as { communities: { area: string }[] }).communities.map(
        (c) => c.area,
      ),
    ).toEqual([communityA]);
  });

  it('refuses a bad year naming it, never a 500', async () => {
    for (const year of ['1999', 'abc', String(YEAR + 1), ''])
      for (const path of ['/index/ranking', '/index/scores', '/index/export']) {
        const res = (await as(staff).get(`${path}?year=${year}`)) as Res;
        expectStatus(res, 400);
        expect(paths(res)).toEqual(['year']);
      }
  });

  it('exports the ranking and one sheet per category as xlsx', async () => {
    const res = await http(strapi)
      .get(`${API}/index/export?year=${YEAR}&format=xlsx`)
      .set('Authorization', `Bearer ${staff}`)
      .buffer(true)
      .parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    const book = await readXlsx(bytes);
    expect(book.worksheets).toHaveLength(8);
    const ranking = book.worksheets[0]!;
    expect(String(ranking.getRow(1).getCell(2).value)).toBe('社区');
    expect(ranking.rowCount).toBeGreaterThan(2);
    expect(book.worksheets.map((w) => w.name)).toEqual(
      expect.arrayContaining(['协商主体', '协商成效', '协商保障']),
    );
  });
});
