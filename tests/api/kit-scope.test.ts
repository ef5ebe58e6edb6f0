// The kit's scope and personal-data rules across plugins: no personal data through relation
// filters (the people list included, REST and GraphQL), no connecting records outside one's
// scope, grants records scoped by their fund's area and masked on REST, their audit entries filed
// under that area, and filter and write values of the wrong type refused with a 400.
import type { Core } from '@strapi/strapi';
import type { Response } from 'supertest';
import {
  bootStrapi,
  dbQuery,
  documents,
  gql,
  http,
  staffUser,
  twoCommunities,
  unique,
  type AreaRow,
  type ValidationIssue,
} from '../helpers/strapi';

describe('the kit: scope and personal data everywhere', () => {
  let strapi: Core.Strapi;
  let a: AreaRow;
  let b: AreaRow;
  let workerA: string;
  let staffA: string;
  let outsider: { documentId: string };
  let insider: { documentId: string };
  let gridA: { documentId: string; households: number };
  let microFundA: { documentId: string; code: string };
  let donation: { documentId: string };

  const auth = (jwt: string) => ({ Authorization: `Bearer ${jwt}` });
  const paths = (res: Response) =>
    (res.body?.error?.details?.errors ?? []).map((e: ValidationIssue) => e.path.join('.'));

  beforeAll(async () => {
    strapi = await bootStrapi();
    [a, b] = await twoCommunities(strapi);
    workerA = await staffUser(strapi, 'community-worker', a.documentId);
    staffA = await staffUser(strapi, 'foundation-staff', a.documentId);
    // Made by the system (no request: unscoped), one person in each community.
    outsider = await documents(strapi, 'plugin::cms.person').create({
      data: {
        name: '外人',
        phone: '13911112222',
        idNumber: '11010519491231002X',
        community: b.documentId,
      },
    });
    insider = await documents(strapi, 'plugin::cms.person').create({
      data: { name: '内人', phone: '13933334444', community: a.documentId },
    });
    gridA = await dbQuery(strapi, 'plugin::cms.grid').findOne({
      where: { areaPath: { $startsWith: a.path } },
      select: ['documentId', 'households'],
    });
    microFundA = await dbQuery(strapi, 'plugin::grants.fund').findOne({
      where: { kind: 'community', areaPath: a.path },
    });
    donation = await documents(strapi, 'plugin::grants.donation').create({
      data: {
        donorKind: 'person',
        donorPerson: outsider.documentId,
        amount: '10000',
        channel: 'bank_transfer',
        donatedOn: '2026-11-01',
        fund: microFundA.documentId,
        restricted: true,
      },
    });
    // The first file of a run seeds the demo district, which takes longer on a busy machine.
  }, 180_000);
  afterAll(async () => {
    await strapi.destroy();
  });

  it.each([
    ['idNumber', 'filters[compound][grid][members][idNumber][$startsWith]'],
    ['phone', 'filters[compound][grid][members][phone][$startsWith]'],
    ['phone', 'filters[$or][0][compound][grid][members][phone][$eq]'],
  ])('refuses %s through a relation on the people list itself (%s)', async (_field, key) => {
    const res = await http(strapi)
      .get('/api/cms/people')
      .query({ [key]: '1' })
      .set(auth(workerA));
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].messageZh).toMatch(/个人信息/);
  });

  it('still lets a worker find their own residents by phone', async () => {
    const res = await http(strapi)
      .get('/api/cms/people')
      .query({ 'filters[phone][$eq]': '13933334444' })
      .set(auth(workerA));
    expect(res.status).toBe(200);
    expect(res.body.data.map((p: { documentId: string }) => p.documentId)).toEqual([
      insider.documentId,
    ]);
  });

  it('refuses the same through GraphQL, at the top and on a relation’s own list', async () => {
    const top = await gql(
      strapi,
      `{ cmsPeople(filters: { compound: { grid: { members: { idNumber: { startsWith: "1" } } } } }) { name } }`,
      {},
      workerA,
    );
    expect(top.body.errors?.[0]?.message).toMatch(/personal data/);
    const nested = await gql(
      strapi,
      `{ cmsGrids { name members(filters: { phone: { startsWith: "139" } }) { name } } }`,
      {},
      workerA,
    );
    expect(nested.body.errors?.[0]?.message).toMatch(/personal data/);
    const sorted = await gql(
      strapi,
      `{ cmsGrids { members(sort: "idNumber:asc") { name } } }`,
      {},
      workerA,
    );
    expect(sorted.body.errors?.[0]?.message).toMatch(/personal data/);
  });

  it('refuses connecting a person outside one’s scope to one’s own grid, and allows one inside', async () => {
    const out = await http(strapi)
      .put(`/api/cms/grids/${gridA.documentId}`)
      .set(auth(workerA))
      .send({ data: { members: { connect: [outsider.documentId] } } });
    expect(out.status).toBe(400);
    expect(paths(out)).toEqual(['members']);
    const members = await dbQuery(strapi, 'plugin::cms.grid').findOne({
      where: { documentId: gridA.documentId },
      populate: { members: true },
    });
    expect(members.members.map((m: { documentId: string }) => m.documentId)).not.toContain(
      outsider.documentId,
    );

    const set = await http(strapi)
      .put(`/api/cms/grids/${gridA.documentId}`)
      .set(auth(workerA))
      .send({ data: { members: [outsider.documentId] } });
    expect(set.status).toBe(400);

    const inside = await http(strapi)
      .put(`/api/cms/grids/${gridA.documentId}`)
      .set(auth(workerA))
      .send({ data: { members: { connect: [insider.documentId] } } });
    expect(inside.status).toBe(200);
  });

  it('masks a donor outside the staff member’s scope on REST, and refuses filtering on their phone', async () => {
    const one = await http(strapi)
      .get(`/api/grants/donations/${donation.documentId}`)
      .query({ populate: 'donorPerson' })
      .set(auth(staffA));
    expect(one.status).toBe(200);
    expect(one.body.data.donorPerson.phone).toBe('139****2222');
    expect(one.body.data.donorPerson.idNumber).not.toContain('19491231');
    const filtered = await http(strapi)
      .get('/api/grants/donations')
      .query({ 'filters[donorPerson][phone][$startsWith]': '139' })
      .set(auth(staffA));
    expect(filtered.status).toBe(400);
    expect(paths(filtered)[0]).toBe('filters.donorPerson.phone');
  });

  it('scopes funds, donations, rounds and the summary by the fund’s area', async () => {
    const funds = await http(strapi)
      .get('/api/grants/funds')
      .query({ 'pagination[pageSize]': 100 })
      .set(auth(staffA));
    expect(funds.status).toBe(200);
    // Its own community's micro-fund, and only funds placed in its community (other files add
    // theirs there too, in whatever order jest runs them).
    const inA = (f: { areaPath: string }) => f.areaPath.startsWith(a.path);
    expect(funds.body.data.map((f: { code: string }) => f.code)).toContain(microFundA.code);
    for (const f of funds.body.data) expect(inA(f)).toBe(true);

    const general = await dbQuery(strapi, 'plugin::grants.fund').findOne({
      where: { code: 'GENERAL' },
    });
    const hidden = await http(strapi)
      .get(`/api/grants/funds/${general.documentId}`)
      .set(auth(staffA));
    expect(hidden.status).toBe(404);
    const balance = await http(strapi)
      .get(`/api/grants/funds/${general.documentId}/balance`)
      .set(auth(staffA));
    expect(balance.status).toBe(404);

    const donations = await http(strapi)
      .get('/api/grants/donations')
      .query({ 'pagination[pageSize]': 100, populate: 'fund' })
      .set(auth(staffA));
    expect(donations.status).toBe(200);
    expect(donations.body.meta.pagination.total).toBeGreaterThan(0);
    for (const d of donations.body.data) expect(inA(d.fund)).toBe(true);

    const rounds = await http(strapi)
      .get('/api/grants/rounds')
      .query({ populate: 'fund' })
      .set(auth(staffA));
    expect(rounds.status).toBe(200);
    const all = await dbQuery(strapi, 'plugin::grants.round').count({});
    expect(rounds.body.data.length).toBeLessThan(all);
    for (const r of rounds.body.data) expect(inA(r.fund)).toBe(true);

    const mine = await http(strapi).get('/api/grants/summary').set(auth(staffA));
    const district = await http(strapi)
      .get('/api/grants/summary')
      .set(auth(await staffUser(strapi, 'foundation-staff', await rootArea())));
    expect(mine.body.data.funds).toBe(funds.body.data.length);
    expect(district.body.data.funds).toBeGreaterThan(1);
    expect(mine.body.data.raised).toBeLessThan(district.body.data.raised);
  });

  it('refuses writing to a fund outside one’s scope as not found, and files fund records under their area', async () => {
    const general = await dbQuery(strapi, 'plugin::grants.fund').findOne({
      where: { code: 'GENERAL' },
    });
    const res = await http(strapi)
      .put(`/api/grants/funds/${general.documentId}`)
      .set(auth(staffA))
      .send({ data: { purpose: 'x' } });
    expect(res.status).toBe(404);

    const created = await http(strapi)
      .post('/api/grants/funds')
      .set(auth(staffA))
      .send({ data: { name: unique('基金'), code: unique('F-').toUpperCase(), kind: 'general' } });
    expect(created.status).toBe(201);
    expect(created.body.data.areaPath).toBe(a.path);

    const entries = await dbQuery(strapi, 'plugin::cms.audit-entry').findMany({
      where: { contentType: 'plugin::grants.donation', recordId: donation.documentId },
    });
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) expect(e.areaPath).toBe(a.path);
    const audit = await http(strapi)
      .get('/api/cms/audit-entries')
      .query({ 'filters[recordId][$eq]': donation.documentId })
      .set(auth(staffA));
    expect(audit.status).toBe(200);
    expect(audit.body.data.length).toBeGreaterThan(0);
  });

  it.each([
    ['/api/cms/people', { 'filters[id][$in]': 'x' }, 'filters.id.$in.0'],
    ['/api/grants/donations', { 'filters[amount][$gt]': 'abc' }, 'filters.amount.$gt'],
    ['/api/cms/people', { 'filters[name][$eq]': '\u0000' }, 'filters.name.$eq'],
    ['/api/cms/grids', { 'filters[households][$lt]': '2147483648' }, 'filters.households.$lt'],
    ['/api/cms/people', { 'pagination[start]': '1e20' }, 'pagination.start'],
    ['/api/cms/people', { 'filters[createdAt][$lt]': 'notadate' }, 'filters.createdAt.$lt'],
  ])('answers %s %j with a 400 naming the field', async (url, query, path) => {
    const res = await http(strapi).get(url).query(query).set(auth(staffA));
    expect(res.status).toBe(400);
    expect(paths(res)).toContain(path);
    expect(res.body.error.details.errors[0].messageZh).toBeTruthy();
  });

  it('refuses integers beyond their column on a write, and writes nothing', async () => {
    const res = await http(strapi)
      .put(`/api/cms/grids/${gridA.documentId}`)
      .set(auth(workerA))
      .send({ data: { households: 2147483648 } });
    expect(res.status).toBe(400);
    expect(paths(res)).toEqual(['households']);
    const after = await dbQuery(strapi, 'plugin::cms.grid').findOne({
      where: { documentId: gridA.documentId },
      select: ['households'],
    });
    expect(after.households).toBe(gridA.households);
  });

  async function rootArea(): Promise<string> {
    const root = await dbQuery(strapi, 'plugin::cms.area').findOne({
      where: { level: 'district' },
      select: ['documentId'],
    });
    return root.documentId;
  }
});
