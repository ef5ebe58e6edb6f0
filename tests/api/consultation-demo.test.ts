// The demo's year of consultation, as district staff read it: 170+ problems solved through
// consultation (the reference district's figure; the tests seed the small year of 60 topics,
// LINLI_SEED_CONSULTATION=small, where half or more are solved), topics at every stage, meetings of every
// kind, votes under every preset rule — one passing by count and failing by area — each
// result reproduced by a recount, one vote open now; residents' evaluations, representatives'
// rankings; the QR form that raises a topic.
import type { Core } from '@strapi/strapi';
import { bootStrapi, dbQuery, http, newUser } from '../helpers/strapi';

const API = '/api/consultation';
let strapi: Core.Strapi;
let staff: string;

beforeAll(async () => {
  strapi = await bootStrapi();
  const district = (await dbQuery(strapi, 'plugin::cms.area').findOne({
    where: { level: 'district' },
    select: ['documentId'],
  })) as { documentId: string };
  staff = (await newUser(strapi, 'foundation-staff', { scope: district.documentId })).jwt;
}, 600_000);

afterAll(async () => {
  await strapi?.destroy();
});

const get = (path: string) =>
  http(strapi).get(`${API}${path}`).set('Authorization', `Bearer ${staff}`);

it('reproduces "170+" problems solved through consultation, by kind and by community', async () => {
  const res = await get('/reports/solved');
  expect(res.status).toBe(200);
  const data = res.body.data as {
    total: number;
    byKind: { kind: string; solved: number }[];
    byCommunity: { total: number }[];
  };
  const small = process.env.LINLI_SEED_CONSULTATION === 'small';
  expect(data.total).toBeGreaterThanOrEqual(small ? 30 : 170);
  expect(data.byKind.find((k) => k.kind === 'parking')!.solved).toBeGreaterThan(0);
  expect(data.byKind.find((k) => k.kind === 'lift')!.solved).toBeGreaterThan(0);
  expect(data.byCommunity.reduce((s, c) => s + c.total, 0)).toBe(data.total);
});

it('has topics at every stage and meetings of every kind', async () => {
  for (const stage of [
    'collecting',
    'ranking',
    'deliberating',
    'publicising',
    'implementing',
    'evaluating',
    'closed',
    'declined',
  ]) {
    const res = await get(`/topics?stage=${stage}&pageSize=1`);
    expect(res.status).toBe(200);
    expect([stage, res.body.meta.pagination.total > 0]).toEqual([stage, true]);
  }
  for (const kind of ['council', 'compound_hall', 'open_air', 'teahouse', 'online']) {
    const res = await get(`/meetings?kind=${kind}&pageSize=1`);
    expect([kind, res.body.meta.pagination.total > 0]).toEqual([kind, true]);
  }
});

it('holds votes under every preset rule; one passes by count and fails by area; recounts agree', async () => {
  const res = await get('/votes?status=closed&pageSize=100');
  expect(res.status).toBe(200);
  const votes = res.body.data as {
    documentId: string;
    ruleKey: string;
    passed: boolean;
    result: { approval: { count?: boolean; area?: boolean } };
  }[];
  expect(new Set(votes.map((v) => v.ruleKey))).toEqual(
    new Set(['simple-majority', 'residents-75', 'civil-code-ordinary', 'civil-code-major']),
  );
  expect(
    votes.some(
      (v) => !v.passed && v.result.approval.count === true && v.result.approval.area === false,
    ),
  ).toBe(true);
  for (const v of votes) {
    const recount = await get(`/votes/${v.documentId}/recount`);
    expect(recount.body.data.matches).toBe(true);
  }
});

it('has a vote open now, residents’ evaluations and representatives’ rankings', async () => {
  const open = await get('/votes?status=open&pageSize=10');
  const seeded = (open.body.data as { documentId: string; title: string }[]).find(
    (v) => v.title === '续聘物业服务企业',
  );
  expect(seeded).toBeDefined();
  const detail = await get(`/votes/${seeded!.documentId}`);
  expect(detail.body.data.turnout.count).toBeGreaterThan(0);
  expect(detail.body.data.turnout.count).toBeLessThan(detail.body.data.electorCount);
  const ratings = await dbQuery(strapi, 'plugin::consultation.comment').count({
    where: { rating: { $notNull: true }, personId: { $notNull: true } },
  });
  expect(ratings).toBeGreaterThan(0);
  const marks = await dbQuery(strapi, 'plugin::consultation.rank-mark').count({
    where: { representativeId: { $notNull: true } },
  });
  expect(marks).toBeGreaterThan(0);
});

it('publishes the QR form that raises a topic', async () => {
  const res = await http(strapi).get('/api/forms/public/consultation-request');
  expect([200]).toContain(res.status);
});
