// Areas: read by staff on REST and GraphQL within scope, written only in the admin panel,
// hierarchy rules, materialised paths kept right when an area moves.
import type { Core } from '@strapi/strapi';
import {
  adminLogin,
  bootStrapi,
  dbQuery,
  documents,
  gql,
  http,
  login,
  staffUser,
  unique,
  type AreaRow,
  type ValidationIssue,
} from '../helpers/strapi';

const CM = '/content-manager/collection-types/plugin::cms.area';

describe('areas', () => {
  let strapi: Core.Strapi;
  let admin: string;
  let staff: string;
  let district: AreaRow;

  beforeAll(async () => {
    strapi = await bootStrapi();
    admin = await adminLogin(strapi);
    staff = await login(strapi, 'foundation-staff');
    district = await dbQuery(strapi, 'plugin::cms.area').findOne({ where: { level: 'district' } });
  });
  afterAll(async () => {
    await strapi.destroy();
  });

  const adminCreate = (data: Record<string, unknown>) =>
    http(strapi).post(CM).set('Authorization', `Bearer ${admin}`).send(data);

  it('lists with filters, sorting and pagination on REST', async () => {
    const res = await http(strapi)
      .get('/api/cms/areas')
      .query({ 'filters[level][$eq]': 'town', sort: 'code:asc', 'pagination[pageSize]': 1 })
      .set('Authorization', `Bearer ${staff}`);
    expect(res.status).toBe(200);
    expect(res.body.meta.pagination).toMatchObject({
      page: 1,
      pageSize: 1,
      total: 2,
      pageCount: 2,
    });
    expect(res.body.data[0]).toMatchObject({ level: 'town', name: '清流镇' });
  });

  it('lists on GraphQL with the connection and its total', async () => {
    const res = await gql(
      strapi,
      `query($level: String) { cmsAreas_connection(filters: { level: { eq: $level } }, pagination: { pageSize: 5 }) {
         nodes { documentId name level parent { name } } pageInfo { total pageSize } } }`,
      { level: 'village' },
      staff,
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.cmsAreas_connection.pageInfo).toEqual({ total: 79, pageSize: 5 });
    expect(res.body.data.cmsAreas_connection.nodes[0].parent.name).toMatch(/街道|镇/);
  });

  it('is public to read, but no content-API role may write it', async () => {
    const anonymous = await http(strapi)
      .get('/api/cms/areas')
      .query({ 'filters[code][$eq]': district.code });
    expect(anonymous.status).toBe(200);
    const res = await http(strapi)
      .post('/api/cms/areas')
      .set('Authorization', `Bearer ${staff}`)
      .send({ data: { name: 'x', code: unique('x'), level: 'district' } });
    expect(res.status).toBe(403);
    const mutation = await gql(
      strapi,
      `mutation { createCmsArea(data: { name: "x", code: "x1", level: district }) { documentId } }`,
      {},
      staff,
    );
    expect(mutation.body.errors[0].message).toBe('Forbidden access');
  });

  it('is created in the admin panel with its path computed', async () => {
    const code = unique('SD');
    const res = await adminCreate({
      name: '测试街道',
      code,
      level: 'subdistrict',
      parent: { connect: [{ id: district.id }] },
    });
    expect(res.status).toBe(201);
    expect(res.body.data.path).toBe(`${district.path}${code}/`);
  });

  it('puts a district under a city (a city-wide deployment), the path beneath the city’s', async () => {
    const cityCode = unique('C');
    const city = await adminCreate({ name: '测试市', code: cityCode, level: 'city' });
    expect(city.status).toBe(201);
    expect(city.body.data.path).toBe(`/${cityCode}/`);
    const districtCode = unique('D');
    const under = await adminCreate({
      name: '测试区',
      code: districtCode,
      level: 'district',
      parent: { connect: [{ id: city.body.data.id }] },
    });
    expect(under.status).toBe(201);
    expect(under.body.data.path).toBe(`/${cityCode}/${districtCode}/`);
    // A city stands at the top; a district under a district is refused as before.
    for (const [level, parent] of [
      ['city', district.id],
      ['district', district.id],
    ] as const) {
      const refused = await adminCreate({
        name: '错误',
        code: unique('E'),
        level,
        parent: { connect: [{ id: parent }] },
      });
      expect(refused.status).toBe(400);
      expect(refused.body.error.details.errors[0]).toMatchObject({
        path: ['parent'],
        code: 'invalid_parent_level',
      });
    }
  });

  it.each([
    [{ level: 'community' }, 'parent', 'invalid_parent_level'],
    [{ level: 'town', kind: 'urban' }, 'kind', 'kind_not_allowed'],
  ])('refuses %j under a district, naming %s', async (extra, field, code) => {
    const before = await dbQuery(strapi, 'plugin::cms.area').count();
    const res = await adminCreate({
      name: '错误',
      code: unique('E'),
      parent: { connect: [{ id: district.id }] },
      ...extra,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ValidationError');
    const issue = res.body.error.details.errors.find((e: ValidationIssue) => e.path[0] === field);
    expect(issue).toMatchObject({ code });
    expect(issue.messageZh).toBeTruthy();
    expect(await dbQuery(strapi, 'plugin::cms.area').count()).toBe(before);
  });

  it('refuses a wrong enum and a negative household count, naming the field', async () => {
    const wrongEnum = await adminCreate({ name: 'x', code: unique('E'), level: 'province' });
    expect(wrongEnum.status).toBe(400);
    expect(JSON.stringify(wrongEnum.body.error)).toMatch(/level/);
    const negative = await adminCreate({
      name: 'x',
      code: unique('E'),
      level: 'district',
      households: -1,
    });
    expect(negative.status).toBe(400);
    expect(negative.body.error.details.errors[0].path).toEqual(['households']);
  });

  it('refuses a duplicate code', async () => {
    const res = await adminCreate({ name: 'dup', code: district.code, level: 'district' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error)).toMatch(/code/);
  });

  it('moves a community and everything under it to another subdistrict', async () => {
    const [a, b] = [
      await adminCreate({
        name: '甲街道',
        code: unique('A'),
        level: 'subdistrict',
        parent: { connect: [{ id: district.id }] },
      }),
      await adminCreate({
        name: '乙街道',
        code: unique('B'),
        level: 'subdistrict',
        parent: { connect: [{ id: district.id }] },
      }),
    ];
    const community = await adminCreate({
      name: '移动社区',
      code: unique('C'),
      level: 'community',
      kind: 'urban',
      parent: { connect: [{ id: a.body.data.id }] },
    });
    expect(community.status).toBe(201);
    // A person in the community: their areaPath must follow the move.
    const person = await documents(strapi, 'plugin::cms.person').create({
      data: { name: '随迁居民', community: community.body.data.documentId },
    });
    const moved = await http(strapi)
      .put(`${CM}/${community.body.data.documentId}`)
      .set('Authorization', `Bearer ${admin}`)
      .send({
        parent: { connect: [{ id: b.body.data.id }], disconnect: [{ id: a.body.data.id }] },
      });
    expect(moved.status).toBe(200);
    const newPath = `${b.body.data.path}${community.body.data.code}/`;
    expect(moved.body.data.path).toBe(newPath);
    const reloaded = await dbQuery(strapi, 'plugin::cms.person').findOne({
      where: { documentId: person.documentId },
    });
    expect(reloaded.areaPath).toBe(newPath);
  });

  it('refuses deleting an area that still has areas under it', async () => {
    const res = await http(strapi)
      .delete(`${CM}/${district.documentId}`)
      .set('Authorization', `Bearer ${admin}`);
    expect(res.status).toBe(400);
    expect(await dbQuery(strapi, 'plugin::cms.area').count({ where: { id: district.id } })).toBe(1);
  });

  it('shows a community worker only their own subtree', async () => {
    const community = await dbQuery(strapi, 'plugin::cms.area').findOne({
      where: { level: 'village' },
    });
    const jwt = await staffUser(strapi, 'community-worker', community.documentId);
    const res = await http(strapi).get('/api/cms/areas').set('Authorization', `Bearer ${jwt}`);
    expect(res.body.data.map((a: { code: string }) => a.code)).toEqual([community.code]);
    const other = await http(strapi)
      .get(`/api/cms/areas/${district.documentId}`)
      .set('Authorization', `Bearer ${jwt}`);
    expect(other.status).toBe(404);
  });

  it('answers a malformed id with 400', async () => {
    const res = await http(strapi)
      .get('/api/cms/areas/not-an-id')
      .set('Authorization', `Bearer ${staff}`);
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0]).toMatchObject({ path: ['id'], code: 'malformed_id' });
  });
});

describe('the signed-in user', () => {
  let strapi: Core.Strapi;
  beforeAll(async () => {
    strapi = await bootStrapi();
  });
  afterAll(async () => {
    await strapi.destroy();
  });

  it('is described with role and scope at /api/cms/me, and only when signed in', async () => {
    const jwt = await login(strapi, 'community-worker');
    const res = await http(strapi).get('/api/cms/me').set('Authorization', `Bearer ${jwt}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      username: 'community-worker',
      role: { type: 'community-worker' },
      scope: { level: 'community' },
    });
    expect((await http(strapi).get('/api/cms/me')).status).toBe(403);
  });
});

describe('static files', () => {
  let strapi: Core.Strapi;
  beforeAll(async () => {
    strapi = await bootStrapi();
  });
  afterAll(async () => {
    await strapi.destroy();
  });

  it('serves the favicon (its absence once answered 500)', async () => {
    const res = await http(strapi).get('/favicon.ico');
    expect(res.status).toBe(200);
  });
});
