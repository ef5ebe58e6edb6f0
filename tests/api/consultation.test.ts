// Consultation (社区协商) over HTTP: a resident raises a lift-installation topic; neighbours
// support and comment; the community worker screens it, residents rank, a meeting decides to
// put it to the building's owners under the Civil Code's ordinary double majority; owners vote
// on their phones, with one-time ballot codes and on paper; the vote passes by count but fails
// by area; a second meeting decides without a vote; the decision is publicised, implemented
// through a case and completed; residents rate it. Every refusal is a 4xx naming the field;
// two ballots from one household at once: exactly one counts.
import type { Core } from '@strapi/strapi';
import {
  bootStrapi,
  dbQuery,
  http,
  newUser,
  unique,
  type ValidationIssue,
} from '../helpers/strapi';
import { caseCommunity } from '../helpers/cases';
import { compoundWithHouseholds, newDocumentId, residentWithPhone } from '../helpers/consultation';

const API = '/api/consultation';
// A real PNG (1×1): the upload check sniffs the content against the type.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);
type Body = {
  data?: Record<string, unknown> & { documentId?: string };
  error?: { status?: number; message?: string; details?: { errors?: ValidationIssue[] } };
};
type Res = { status: number; body: Body };

function expectStatus(res: Res, status: number): void {
  if (res.status !== status)
    throw new Error(
      `expected ${status}, got ${res.status}: ${JSON.stringify(res.body).slice(0, 600)}`,
    );
}
const paths = (res: Res) => (res.body.error?.details?.errors ?? []).map((e) => e.path.join('.'));

let strapi: Core.Strapi;
let worker: string;
let staff: string;
let compound: string;
let communityDoc: string;
const owners: { jwt: string; userId: number; phone: string }[] = [];
let outsider: string;
const PHONES = [
  '13900000101',
  '13900000102',
  '13900000103',
  '13900000104',
  '13900000105',
  '13900000106',
];

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

beforeAll(async () => {
  strapi = await bootStrapi();
  const { community } = await caseCommunity(strapi, 3);
  communityDoc = community.documentId;
  worker = (await newUser(strapi, 'community-worker', { scope: community.documentId })).jwt;
  const district = (await dbQuery(strapi, 'plugin::cms.area').findOne({
    where: { level: 'district' },
    select: ['documentId'],
  })) as { documentId: string };
  staff = (await newUser(strapi, 'foundation-staff', { scope: district.documentId })).jwt;
  // Building 1: four 60 m² flats and two 200 m² flats, one owner each (the household's head);
  // the first household has a second member.
  compound = await compoundWithHouseholds(strapi, {
    community,
    jwt: worker,
    name: unique('协商测试小区'),
    phones: PHONES,
    building: '1',
    firstRoom: 101,
    area: (i) => (i < 4 ? '60.00' : '200.00'),
    members: (i) => (i === 0 ? '家属甲:13900000199' : ''),
  });
  for (const phone of [...PHONES, '13900000199']) {
    const user = await residentWithPhone(strapi, phone);
    owners.push({ jwt: user.jwt, userId: user.id, phone });
  }
  // A resident of another community.
  const { community: other } = await caseCommunity(strapi, 9);
  const otherPerson = (await dbQuery(strapi, 'plugin::cms.person').create({
    data: { name: '外社区居民', community: other.id, areaPath: other.path, isResident: true },
  })) as { id: number };
  const o = await newUser(strapi, 'resident');
  await dbQuery(strapi, 'plugin::users-permissions.user').update({
    where: { id: o.id },
    data: { person: otherPerson.id },
  });
  outsider = o.jwt;
}, 300_000);

afterAll(async () => {
  await strapi?.destroy();
});

describe('vote rules', () => {
  it('refuses thresholds above 100 % and a quorum of zero, naming the field in both languages', async () => {
    const above = (await as(staff).post('/rules', {
      key: unique('r')
        .toLowerCase()
        .replace(/[^a-z0-9]/g, ''),
      nameZh: '自定义',
      nameEn: 'Custom',
      rule: { quorum: { count: { num: 1, den: 2 } }, approval: { count: { num: 5, den: 4 } } },
    })) as Res;
    expectStatus(above, 400);
    expect(paths(above)).toContain('rule.approval.count');
    expect(JSON.stringify(above.body)).toMatch(/100%/);
    const zero = (await as(staff).post('/rules', {
      key: 'zero-quorum',
      nameZh: '零',
      nameEn: 'Zero',
      rule: { quorum: { count: { num: 0, den: 1 } }, approval: { count: { num: 1, den: 2 } } },
    })) as Res;
    expectStatus(zero, 400);
    expect(paths(zero)).toEqual(['rule.quorum']);
    const rules = (await as(worker).get('/rules')) as Res;
    expectStatus(rules, 200);
    expect((rules.body.data as unknown as { key: string }[]).map((r) => r.key)).toEqual(
      expect.arrayContaining([
        'simple-majority',
        'residents-75',
        'civil-code-ordinary',
        'civil-code-major',
      ]),
    );
  });

  it('lets district staff add their own rule, not a community worker', async () => {
    const body = {
      key: 'two-thirds-households',
      nameZh: '三分之二住户同意',
      nameEn: 'Two thirds of households',
      rule: {
        quorum: { count: { num: 2, den: 3 } },
        approval: { base: 'electorate', count: { num: 2, den: 3 } },
      },
    };
    expectStatus((await as(worker).post('/rules', body)) as Res, 403);
    expectStatus((await as(staff).post('/rules', body)) as Res, 201);
  });
});

describe('a lift-installation topic from raising to evaluation', () => {
  let topic: string;
  let decisionVote: string;

  it('a resident raises it; neighbours support once and comment; an outsider cannot', async () => {
    const raised = (await as(owners[0]!.jwt).post('/topics', {
      title: '1栋加装电梯',
      body: '老人上下楼困难，希望加装电梯',
      kind: 'lift',
      area: communityDoc,
    })) as Res;
    expectStatus(raised, 201);
    topic = raised.body.data!.documentId as string;
    expect(raised.body.data).toMatchObject({
      stage: 'collecting',
      source: 'resident',
      kind: 'lift',
    });
    expectStatus((await as(owners[1]!.jwt).post(`/topics/${topic}/support`)) as Res, 200);
    const again = (await as(owners[1]!.jwt).post(`/topics/${topic}/support`)) as Res;
    expectStatus(again, 400);
    expectStatus((await as(owners[2]!.jwt).post(`/topics/${topic}/support`)) as Res, 200);
    expectStatus(
      (await as(owners[2]!.jwt).post(`/topics/${topic}/comments`, {
        body: '支持，费用分摊需讨论',
      })) as Res,
      201,
    );
    expectStatus((await as(outsider).post(`/topics/${topic}/support`)) as Res, 403);
    const shown = (await as(owners[3]!.jwt).get(`/topics/${topic}`)) as Res;
    expectStatus(shown, 200);
    expect(shown.body.data).toMatchObject({ supportCount: 2, commentCount: 1, raisedByName: null });
  });

  it('is screened, ranked and closes its ranking', async () => {
    expectStatus(
      (await as(worker).post(`/topics/${topic}/screen`, { decision: 'decline' })) as Res,
      400,
    );
    const accepted = (await as(worker).post(`/topics/${topic}/screen`, {
      decision: 'accept',
    })) as Res;
    expectStatus(accepted, 200);
    expect(accepted.body.data).toMatchObject({ stage: 'ranking' });
    expectStatus((await as(owners[0]!.jwt).post('/ranking', { order: [topic] })) as Res, 200);
    expectStatus((await as(owners[1]!.jwt).post('/ranking', { order: [topic] })) as Res, 200);
    expectStatus(
      (await as(owners[1]!.jwt).post('/ranking', { order: [topic, topic] })) as Res,
      400,
    );
    const closed = (await as(worker).post('/ranking/close', { area: communityDoc })) as Res;
    expectStatus(closed, 200);
    const after = (await as(worker).get(`/topics/${topic}`)) as Res;
    expect(after.body.data).toMatchObject({ stage: 'deliberating', rankPosition: 1, rankScore: 2 });
  });

  it('a meeting dated before the topic is refused; a meeting puts it to the owners', async () => {
    const early = (await as(worker).post('/meetings', {
      kind: 'compound_hall',
      title: '1栋加装电梯议事会',
      heldAt: '2020-01-01T10:00:00+08:00',
      area: communityDoc,
      topics: [topic],
    })) as Res;
    expectStatus(early, 400);
    expect(paths(early)).toEqual(['heldAt']);
    const meeting = (await as(worker).post('/meetings', {
      kind: 'compound_hall',
      title: '1栋加装电梯议事会',
      heldAt: new Date().toISOString(),
      place: '小区议事厅',
      area: communityDoc,
      topics: [topic],
      attendees: [
        { role: 'party_members', count: 3 },
        { role: 'owners_committee', count: 2 },
        { role: 'property_company', count: 1 },
      ],
      minutes: '讨论加装电梯方案及费用分摊',
    })) as Res;
    expectStatus(meeting, 201);
    // a vote the meeting cannot hold is refused before anything is written
    const refused = (await as(worker).post(`/meetings/${meeting.body.data!.documentId}/decisions`, {
      topic,
      text: '提交 1 栋业主表决',
      vote: { electorate: 'owners', rule: 'no-such-rule', compound, closesAt: 'soon' },
    })) as Res;
    expectStatus(refused, 400);
    expect(paths(refused)).toEqual(['closesAt']);
    const untouched = (await as(worker).get(`/topics/${topic}`)) as Res;
    expect(untouched.body.data).toMatchObject({ stage: 'deliberating', decisions: [] });
    const decided = (await as(worker).post(`/meetings/${meeting.body.data!.documentId}/decisions`, {
      topic,
      text: '提交 1 栋业主表决',
      vote: {
        electorate: 'owners',
        rule: 'civil-code-ordinary',
        compound,
        building: '1',
        closesAt: new Date(Date.now() + 7 * 86400_000).toISOString(),
      },
    })) as Res;
    expectStatus(decided, 201);
    const shown = (await as(worker).get(`/topics/${topic}`)) as Res;
    expect(shown.body.data).toMatchObject({ stage: 'voting' });
    decisionVote = (
      (shown.body.data!.votes as { documentId: string }[])[0] as { documentId: string }
    ).documentId;
  });

  it('owners vote: on the phone once, with a code once, on paper; outsiders and closed votes refused', async () => {
    expectStatus(
      (await as(owners[0]!.jwt).post(`/votes/${decisionVote}/ballot`, { choice: 'yes' })) as Res,
      400,
    );
    const opened = (await as(worker).post(`/votes/${decisionVote}/open`)) as Res;
    expectStatus(opened, 200);
    expect(opened.body.data).toMatchObject({ status: 'open', electorCount: 6, electorArea: 64000 });
    // owners 1–2 on their phones (yes); owner 1 again: the rule lets nobody change
    expectStatus(
      (await as(owners[0]!.jwt).post(`/votes/${decisionVote}/ballot`, { choice: 'yes' })) as Res,
      200,
    );
    expectStatus(
      (await as(owners[0]!.jwt).post(`/votes/${decisionVote}/ballot`, { choice: 'no' })) as Res,
      400,
    );
    expectStatus(
      (await as(owners[1]!.jwt).post(`/votes/${decisionVote}/ballot`, { choice: 'yes' })) as Res,
      200,
    );
    // a family member is no owner
    const member = (await as(owners[6]!.jwt).post(`/votes/${decisionVote}/ballot`, {
      choice: 'yes',
    })) as Res;
    expectStatus(member, 400);
    expect(paths(member)).toEqual(['electorate']);
    expectStatus(
      (await as(owners[0]!.jwt).post(`/votes/${decisionVote}/ballot`, { choice: 'maybe' })) as Res,
      400,
    );
    // codes for those who have not voted
    const codes = (await as(worker).post(`/votes/${decisionVote}/codes`)) as Res;
    expectStatus(codes, 200);
    const list = codes.body.data as unknown as { label: string; code: string; electorId: string }[];
    expect(list).toHaveLength(4);
    const [c3, c4, c5, c6] = list;
    expectStatus(
      (await as(null).post('/ballot-code', { code: c3!.code, choice: 'yes' })) as Res,
      201,
    );
    const twice = (await as(null).post('/ballot-code', { code: c3!.code, choice: 'no' })) as Res;
    expectStatus(twice, 400);
    expect(paths(twice)).toEqual(['code']);
    expectStatus(
      (await as(null).post('/ballot-code', { code: 'AAAAA-AAAAA', choice: 'yes' })) as Res,
      400,
    );
    expectStatus(
      (await as(null).post('/ballot-code', { code: c4!.code.toLowerCase(), choice: 'yes' })) as Res,
      201,
    );
    // the two large flats on paper, one by proxy: both no
    const paper = (await as(worker).post(`/votes/${decisionVote}/paper`, {
      elector: c5!.electorId,
      choice: 'no',
      proxyName: '业主之子',
    })) as Res;
    expectStatus(paper, 201);
    // the other with the scan of the signed paper ballot (multipart: the fields as `data`)
    const scanned = (await http(strapi)
      .post(`${API}/votes/${decisionVote}/paper`)
      .set('Authorization', `Bearer ${worker}`)
      .field('data', JSON.stringify({ elector: c6!.electorId, choice: 'no' }))
      .attach('scan', PNG, { filename: 'ballot.png', contentType: 'image/png' })) as Res;
    expectStatus(scanned, 201);
    const withScan = (await dbQuery(strapi, 'plugin::consultation.ballot').findOne({
      where: { channel: 'paper', proxyName: null },
      orderBy: { id: 'desc' },
      populate: { scan: { select: ['id', 'mime'] } },
    })) as { scan: { mime: string }[] };
    expect(withScan.scan.map((f) => f.mime)).toEqual(['image/png']);
    // the code of a paper voter no longer counts
    expectStatus(
      (await as(null).post('/ballot-code', { code: c5!.code, choice: 'yes' })) as Res,
      400,
    );
    const live = (await as(worker).get(`/votes/${decisionVote}`)) as Res;
    expect(live.body.data).toMatchObject({ turnout: { count: 6, area: 64000 }, interim: null });
  });

  it('the close computes the result: passes by count, fails by area; a recount reproduces it', async () => {
    const closed = (await as(worker).post(`/votes/${decisionVote}/close`)) as Res;
    expectStatus(closed, 200);
    expect(closed.body.data).toMatchObject({
      status: 'closed',
      passed: false,
      result: {
        participating: { count: 6, area: 64000 },
        yes: { count: 4, area: 24000 },
        quorum: { met: true },
        approval: { count: true, area: false, met: false },
      },
    });
    const recount = (await as(worker).get(`/votes/${decisionVote}/recount`)) as Res;
    expect(recount.body.data).toMatchObject({ matches: true });
    const late = (await as(owners[2]!.jwt).post(`/votes/${decisionVote}/ballot`, {
      choice: 'yes',
    })) as Res;
    expectStatus(late, 400);
    expect(paths(late)).toEqual(['vote']);
    const shown = (await as(worker).get(`/topics/${topic}`)) as Res;
    expect(shown.body.data).toMatchObject({ stage: 'deliberating' });
  });

  it('a second meeting decides without a vote: publicised, implemented by a case, completed, rated', async () => {
    const meeting = (await as(worker).post('/meetings', {
      kind: 'open_air',
      title: '坝坝会：电梯费用分摊再协商',
      heldAt: new Date().toISOString(),
      area: communityDoc,
      topics: [topic],
    })) as Res;
    expectStatus(meeting, 201);
    const decided = (await as(worker).post(`/meetings/${meeting.body.data!.documentId}/decisions`, {
      topic,
      text: '按面积分摊，政府补贴后实施',
    })) as Res;
    expectStatus(decided, 201);
    expect(decided.body.data).toMatchObject({ status: 'publicising' });
    const decision = decided.body.data!.documentId as string;
    const early = (await as(worker).post(`/decisions/${decision}/implement`, {
      kind: 'case',
    })) as Res;
    expectStatus(early, 400);
    expect(paths(early)).toEqual(['earlyReason']);
    const implemented = (await as(worker).post(`/decisions/${decision}/implement`, {
      kind: 'case',
      earlyReason: '公示期间无异议，施工窗口临近',
    })) as Res;
    expectStatus(implemented, 200);
    expect((implemented.body.data!.followUp as { caseNumber: string }).caseNumber).toMatch(/^JM-/);
    const done = (await as(worker).post(`/decisions/${decision}/complete`, {
      fundsSpent: 35000000,
    })) as Res;
    expectStatus(done, 200);
    expectStatus(
      (await as(owners[3]!.jwt).post(`/topics/${topic}/rate`, { rating: 5 })) as Res,
      200,
    );
    expectStatus(
      (await as(owners[3]!.jwt).post(`/topics/${topic}/rate`, { rating: 4 })) as Res,
      400,
    );
    expectStatus(
      (await as(owners[4]!.jwt).post(`/topics/${topic}/rate`, { rating: 9 })) as Res,
      400,
    );
    // A paper evaluation form, entered by staff for the resident who filled it in: that
    // resident's one rating (the phone then refuses theirs), never the staff member's own.
    const personOf = async (phone: string) =>
      (
        (await dbQuery(strapi, 'plugin::cms.person').findOne({
          where: { phone },
          select: ['documentId'],
        })) as { documentId: string }
      ).documentId;
    const unnamed = (await as(worker).post(`/topics/${topic}/rate`, { rating: 4 })) as Res;
    expectStatus(unnamed, 400);
    expect(paths(unnamed)).toEqual(['resident']);
    expectStatus(
      (await as(worker).post(`/topics/${topic}/rate`, {
        rating: 4,
        resident: await personOf(PHONES[5]!),
        body: '纸质评议表：电梯运行良好',
      })) as Res,
      200,
    );
    expectStatus(
      (await as(owners[5]!.jwt).post(`/topics/${topic}/rate`, { rating: 2 })) as Res,
      400,
    );
    const twice = (await as(worker).post(`/topics/${topic}/rate`, {
      rating: 3,
      resident: await personOf(PHONES[3]!),
    })) as Res;
    expectStatus(twice, 400);
    expect(paths(twice)).toEqual(['resident']);
    const rated = ((await as(worker).get(`/topics/${topic}`)) as Res).body.data!;
    expect(rated).toMatchObject({ ratingCount: 2, ratingSum: 9 });
    expectStatus((await as(worker).post(`/topics/${topic}/close`)) as Res, 200);
    const steps = ((await as(worker).get(`/topics/${topic}`)) as Res).body.data!.steps as {
      action: string;
    }[];
    expect(steps.map((s) => s.action)).toEqual([
      'raise',
      'accept',
      'rank',
      'decide',
      'vote_failed',
      'decide',
      'publicise',
      'implement',
      'complete',
      'close',
    ]);
    const report = (await as(worker).get('/reports/solved')) as Res;
    expectStatus(report, 200);
    const lift = (report.body.data!.byKind as { kind: string; solved: number }[]).find(
      (k) => k.kind === 'lift',
    );
    expect(lift!.solved).toBeGreaterThanOrEqual(1);
  });
});

describe('races and bad input', () => {
  it('two ballots from one household at the same moment: exactly one counts', async () => {
    const made = (await as(worker).post('/votes', {
      title: '1栋楼道照明改造',
      electorate: 'households',
      rule: 'simple-majority-strict',
      compound,
      building: '1',
      closesAt: new Date(Date.now() + 86400_000).toISOString(),
    })) as Res;
    // no such rule: refused naming it
    expectStatus(made, 400);
    expect(paths(made)).toEqual(['rule']);
    const vote = (await as(worker).post('/votes', {
      title: '1栋楼道照明改造',
      electorate: 'households',
      rule: 'two-thirds-households',
      compound,
      building: '1',
      closesAt: new Date(Date.now() + 86400_000).toISOString(),
    })) as Res;
    expectStatus(vote, 201);
    const id = vote.body.data!.documentId as string;
    expectStatus((await as(worker).post(`/votes/${id}/open`)) as Res, 200);
    // owner 1 and their family member belong to the same household
    const both = (await Promise.all([
      as(owners[0]!.jwt).post(`/votes/${id}/ballot`, { choice: 'yes' }),
      as(owners[6]!.jwt).post(`/votes/${id}/ballot`, { choice: 'no' }),
    ])) as Res[];
    expect(both.map((r) => r.status).sort()).toEqual([200, 400]);
    const count = await strapi.db
      .connection('consultation_ballots')
      .join('consultation_votes', 'consultation_votes.id', 'consultation_ballots.vote_id')
      .where('consultation_votes.document_id', id)
      .count({ n: '*' })
      .first();
    expect(Number((count as { n: number | string }).n)).toBe(1);
  });

  it('the database refuses a second ballot for one elector whatever the code does', async () => {
    const ballot = (await strapi.db.connection('consultation_ballots').first()) as Record<
      string,
      unknown
    >;
    let refused = false;
    try {
      await strapi.db.connection('consultation_ballots').insert({
        ...ballot,
        id: undefined,
        document_id: 'zzzzzzzzzzzzzzzzzzzzzzzz',
      });
    } catch {
      refused = true;
    }
    expect(refused).toBe(true);
  });

  it('a rule weighing area is refused for residents; malformed bodies are 4xx, never 500', async () => {
    const residents = (await as(worker).post('/votes', {
      title: '测试',
      electorate: 'residents',
      rule: 'civil-code-major',
      compound,
      closesAt: new Date(Date.now() + 86400_000).toISOString(),
    })) as Res;
    expectStatus(residents, 400);
    expect(paths(residents)).toEqual(['rule']);
    const bodies: unknown[] = [
      null,
      [],
      'x',
      { title: 1 },
      { title: 'x'.repeat(500), kind: 'zzz' },
      { order: 'x' },
      { choice: [] },
      { code: 12 },
      { heldAt: 'yesterday', kind: 'council', title: 'x', area: communityDoc },
      { attendees: [{ role: 'king', count: -1 }] },
    ];
    for (const path of ['/topics', '/ranking', '/meetings', '/votes', '/ballot-code', '/rules'])
      for (const b of bodies) {
        const res = (await as(worker).post(path, b)) as Res;
        expect([400, 403, 404, 409]).toContain(res.status);
      }
    for (const path of ['/topics/nope', '/votes/nope', '/meetings/nope', '/votes/nope/electors'])
      expect((await as(worker).get(path)).status).toBe(404);
    const procedure = (await as(worker).put(`/procedures/${communityDoc}`, {
      publicDays: 1,
      rank: 'yes',
    })) as Res;
    expectStatus(procedure, 400);
    expect(paths(procedure).sort()).toEqual(['publicDays', 'rank']);
  });
});

describe('where representatives rank', () => {
  let area: string;
  let rep: string;
  const reps: string[] = [];
  const topics: string[] = [];
  let stranger: string;

  beforeAll(async () => {
    const { community } = await caseCommunity(strapi, 12);
    area = community.documentId;
    rep = (await newUser(strapi, 'community-worker', { scope: area })).jwt;
    expectStatus(
      (await as(rep).put(`/procedures/${area}`, { rankers: 'representatives' })) as Res,
      200,
    );
    for (const name of ['代表甲', '代表乙']) {
      const person = (await dbQuery(strapi, 'plugin::cms.person').create({
        data: {
          documentId: newDocumentId('p'),
          name,
          community: community.id,
          areaPath: community.path,
          isResident: true,
        },
      })) as { documentId: string };
      reps.push(person.documentId);
    }
    stranger = (
      (await dbQuery(strapi, 'plugin::cms.person').findOne({
        where: { areaPath: { $notContains: community.path }, isResident: true },
        select: ['documentId'],
      })) as { documentId: string }
    ).documentId;
    // An earlier run on the same database file left topics being ranked here: close them.
    const left = (await as(rep).get(`/ranking?area=${area}`)) as Res;
    if ((left.body.data as unknown as unknown[]).length)
      expectStatus((await as(rep).post('/ranking/close', { area })) as Res, 200);
    for (const title of ['停车位规划', '楼道照明']) {
      const raised = (await as(rep).post('/topics', { title, kind: 'parking', area })) as Res;
      expectStatus(raised, 201);
      const id = raised.body.data!.documentId as string;
      expectStatus(
        (await as(rep).post(`/topics/${id}/screen`, { decision: 'accept' })) as Res,
        200,
      );
      topics.push(id);
    }
  });

  it('staff enter each representative’s ranking; residents and strangers are refused', async () => {
    // A resident of this community has no ranking of their own here, and the phone knows why.
    const resident = await newUser(strapi, 'resident');
    const person = (await dbQuery(strapi, 'plugin::cms.person').findOne({
      where: { documentId: reps[0] },
      select: ['id'],
    })) as { id: number };
    await dbQuery(strapi, 'plugin::users-permissions.user').update({
      where: { id: resident.id },
      data: { person: person.id },
    });
    const procedure = (await as(resident.jwt).get('/procedure')) as Res;
    expectStatus(procedure, 200);
    expect(procedure.body.data).toMatchObject({ rankers: 'representatives' });
    expect(((await as(owners[0]!.jwt).get('/procedure')) as Res).body.data).toMatchObject({
      rankers: 'residents',
    });
    expectStatus((await as(resident.jwt).post('/ranking', { order: topics })) as Res, 403);
    expectStatus((await as(owners[0]!.jwt).post('/ranking', { order: topics })) as Res, 403);
    const unnamed = (await as(rep).post('/ranking', { order: topics })) as Res;
    expectStatus(unnamed, 400);
    expect(paths(unnamed)).toEqual(['representative']);
    const outside = (await as(rep).post('/ranking', {
      order: topics,
      representative: stranger,
    })) as Res;
    expectStatus(outside, 400);
    expect(paths(outside)).toEqual(['representative']);
    expect(JSON.stringify(outside.body)).toMatch(/本社区/);
    // Staff of another community may not enter them.
    expectStatus(
      (await as(worker).post('/ranking', { order: topics, representative: reps[0] })) as Res,
      403,
    );
    expectStatus(
      (await as(rep).post('/ranking', { order: topics, representative: reps[0] })) as Res,
      200,
    );
    expectStatus(
      (await as(rep).post('/ranking', {
        order: [topics[1], topics[0]],
        representative: reps[1],
      })) as Res,
      200,
    );
    // Entered again for the same representative: replaced, not added.
    expectStatus(
      (await as(rep).post('/ranking', {
        order: [topics[1], topics[0]],
        representative: reps[0],
      })) as Res,
      200,
    );
    const ranking = (await as(rep).get(`/ranking?area=${area}`)) as Res;
    const rows = ranking.body.data as unknown as {
      documentId: string;
      rankScore: number;
      rankVoters: number;
    }[];
    expect(rows.map((r) => [r.documentId, r.rankScore, r.rankVoters])).toEqual([
      [topics[1], 4, 2],
      [topics[0], 2, 2],
    ]);
    const entries = (await as(rep).get(`/ranking/entries?area=${area}`)) as Res;
    expectStatus(entries, 200);
    const list = entries.body.data as unknown as {
      representative: { documentId: string; name: string };
      order: { documentId: string }[];
    }[];
    expect(list.map((e) => e.representative.name).sort()).toEqual(['代表乙', '代表甲']);
    expect(list.every((e) => e.order[0]!.documentId === topics[1])).toBe(true);
  });

  it('a ranking entered by mistake is withdrawn and the points summed again', async () => {
    expectStatus(
      (await as(owners[0]!.jwt).post('/ranking/withdraw', {
        area,
        representative: reps[1],
      })) as Res,
      403,
    );
    expectStatus(
      (await as(rep).post('/ranking/withdraw', { area, representative: reps[1] })) as Res,
      200,
    );
    const again = (await as(rep).post('/ranking/withdraw', {
      area,
      representative: reps[1],
    })) as Res;
    expectStatus(again, 400);
    expect(paths(again)).toEqual(['representative']);
    const ranking = (await as(rep).get(`/ranking?area=${area}`)) as Res;
    expect(
      (ranking.body.data as unknown as { rankScore: number; rankVoters: number }[]).map((r) => [
        r.rankScore,
        r.rankVoters,
      ]),
    ).toEqual([
      [2, 1],
      [1, 1],
    ]);
    const audit = await dbQuery(strapi, 'plugin::cms.audit-entry').findMany({
      where: { contentType: 'plugin::consultation.rank-mark', recordId: reps[1] },
      select: ['action'],
    });
    expect((audit as { action: string }[]).map((a) => a.action).sort()).toEqual([
      'create',
      'delete',
    ]);
  });

  it('where residents rank, staff cannot enter a representative’s ranking', async () => {
    const { community } = await caseCommunity(strapi, 13);
    const w = (await newUser(strapi, 'community-worker', { scope: community.documentId })).jwt;
    const raised = (await as(w).post('/topics', {
      title: '垃圾分类点位',
      kind: 'environment',
      area: community.documentId,
    })) as Res;
    expectStatus(raised, 201);
    const id = raised.body.data!.documentId as string;
    expectStatus((await as(w).post(`/topics/${id}/screen`, { decision: 'accept' })) as Res, 200);
    const person = (await dbQuery(strapi, 'plugin::cms.person').findOne({
      where: { areaPath: { $startsWith: community.path } },
      select: ['documentId'],
    })) as { documentId: string };
    const refused = (await as(w).post('/ranking', {
      order: [id],
      representative: person.documentId,
    })) as Res;
    expectStatus(refused, 400);
    expect(paths(refused)).toEqual(['representative']);
    // Staff who do not live there have no ranking of their own either.
    expectStatus((await as(w).post('/ranking', { order: [id] })) as Res, 403);
  });
});
