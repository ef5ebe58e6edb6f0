// Organisations on REST and GraphQL: create, read, list, update, delete; credit-code and enum
// validation that writes nothing; unknown fields; scope; the audit trail of each change.
import type { Core } from '@strapi/strapi';
import { creditCodeCheckCharacter } from '../../cms/server/src/domain/credit-code';
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

let serial = 100000;
/** A fresh valid credit code (the check character computed, the body unique per call). */
const validCode = (): string => {
  const body = `52510114${String(serial++).padStart(6, '0')}${Date.now().toString().slice(-3)}`;
  return body + creditCodeCheckCharacter(body);
};

describe('organisations', () => {
  let strapi: Core.Strapi;
  let incubator: string;
  let community: AreaRow;
  let otherCommunity: AreaRow;

  const count = () => dbQuery(strapi, 'plugin::cms.organisation').count();
  const post = (jwt: string, data: Record<string, unknown>) =>
    http(strapi)
      .post('/api/cms/organisations')
      .set('Authorization', `Bearer ${jwt}`)
      .send({ data });

  beforeAll(async () => {
    strapi = await bootStrapi();
    incubator = await login(strapi, 'incubator');
    [community, otherCommunity] = await twoCommunities(strapi);
  });
  afterAll(async () => {
    await strapi.destroy();
  });

  it('is created, read, listed, updated and deleted on REST, with an audit entry for each change', async () => {
    const code = validCode();
    const created = await post(incubator, {
      name: unique('邻里互助会'),
      creditCode: code,
      kind: 'social_organisation',
      registration: 'registered',
      legalForm: 'association',
      serviceCategory: 'elder_care',
      area: community.documentId,
      members: 12,
    });
    expect(created.status).toBe(201);
    const id = created.body.data.documentId;
    expect(created.body.data).toMatchObject({ creditCode: code, areaPath: community.path });

    const read = await http(strapi)
      .get(`/api/cms/organisations/${id}`)
      .query({ populate: 'area' })
      .set('Authorization', `Bearer ${incubator}`);
    expect(read.status).toBe(200);
    expect(read.body.data.area.documentId).toBe(community.documentId);

    const listed = await http(strapi)
      .get('/api/cms/organisations')
      .query({ 'filters[creditCode][$eq]': code })
      .set('Authorization', `Bearer ${incubator}`);
    expect(listed.body.data.map((o: { documentId: string }) => o.documentId)).toEqual([id]);

    const updated = await http(strapi)
      .put(`/api/cms/organisations/${id}`)
      .set('Authorization', `Bearer ${incubator}`)
      .send({ data: { members: 20 } });
    expect(updated.status).toBe(200);
    expect(updated.body.data.members).toBe(20);

    const deleted = await http(strapi)
      .delete(`/api/cms/organisations/${id}`)
      .set('Authorization', `Bearer ${incubator}`);
    expect(deleted.status).toBe(204);
    expect(
      (
        await http(strapi)
          .get(`/api/cms/organisations/${id}`)
          .set('Authorization', `Bearer ${incubator}`)
      ).status,
    ).toBe(404);

    const audit = await dbQuery(strapi, 'plugin::cms.audit-entry').findMany({
      where: { recordId: id },
      orderBy: { id: 'asc' },
    });
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['create', 'update', 'delete']);
    expect(audit[1]).toMatchObject({
      actorType: 'user',
      actorName: 'incubator',
      fields: ['members'],
    });
    expect(audit[1].before.members).toBe(12);
    expect(audit[1].after.members).toBe(20);
  });

  it.each([
    [
      'a bad check character',
      { creditCode: '91350100M000100Y44' },
      'creditCode',
      /check character/,
    ],
    ['a wrong length', { creditCode: '9135' }, 'creditCode', /18 characters/],
    [
      'a registered organisation without a code',
      { registration: 'registered', creditCode: null },
      'creditCode',
      /needs/,
    ],
    ['an area that does not exist', { area: 'zzzzzzzzzzzzzzzzzzzzzzzz' }, 'area', /no such record/],
  ])(
    'refuses %s with a 400 naming the field, writing nothing',
    async (_label, extra, field, message) => {
      const before = await count();
      const res = await post(incubator, {
        name: unique('x'),
        kind: 'social_organisation',
        registration: 'filed',
        area: community.documentId,
        ...extra,
      });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        data: null,
        error: { status: 400, name: 'ValidationError' },
      });
      const issue = res.body.error.details.errors.find((e: ValidationIssue) => e.path[0] === field);
      expect(issue.message).toMatch(message);
      expect(issue.messageZh).toMatch(/[\u4e00-\u9fff]/);
      expect(await count()).toBe(before);
    },
  );

  it('refuses a wrong enum, an unknown field and a negative member count', async () => {
    const before = await count();
    const wrongEnum = await post(incubator, {
      name: 'x',
      kind: 'club',
      area: community.documentId,
    });
    expect(wrongEnum.status).toBe(400);
    expect(wrongEnum.body.error.details.errors[0].path).toEqual(['kind']);
    const unknown = await post(incubator, {
      name: 'x',
      kind: 'hub',
      area: community.documentId,
      colour: 'red',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/colour/);
    const negative = await post(incubator, {
      name: 'x',
      kind: 'hub',
      area: community.documentId,
      members: -3,
    });
    expect(negative.status).toBe(400);
    expect(negative.body.error.details.errors[0].path).toEqual(['members']);
    expect(await count()).toBe(before);
  });

  it('refuses a credit code another organisation already has', async () => {
    const code = validCode();
    expect(
      (
        await post(incubator, {
          name: unique('a'),
          kind: 'hub',
          registration: 'registered',
          creditCode: code,
          area: community.documentId,
        })
      ).status,
    ).toBe(201);
    const dup = await post(incubator, {
      name: unique('b'),
      kind: 'hub',
      registration: 'registered',
      creditCode: code,
      area: community.documentId,
    });
    expect(dup.status).toBe(400);
    expect(JSON.stringify(dup.body.error)).toMatch(/creditCode/);
  });

  it('refuses a code from the client for the computed areaPath', async () => {
    const res = await post(incubator, {
      name: 'x',
      kind: 'hub',
      area: community.documentId,
      areaPath: '/',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0]).toMatchObject({
      path: ['areaPath'],
      code: 'computed_field',
    });
  });

  it('is created on GraphQL, and a bad credit code there is a BAD_USER_INPUT error naming the field', async () => {
    const bad = await gql(
      strapi,
      `mutation($data: CmsOrganisationInput!) { createCmsOrganisation(data: $data) { documentId } }`,
      {
        data: {
          name: 'x',
          kind: 'social_organisation',
          registration: 'registered',
          creditCode: '91350100M000100Y44',
          area: community.documentId,
        },
      },
      incubator,
    );
    expect(bad.body.data?.createCmsOrganisation ?? null).toBeNull();
    expect(bad.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(bad.body.errors[0].extensions.error.details.errors[0].path).toEqual(['creditCode']);

    const good = await gql(
      strapi,
      `mutation($data: CmsOrganisationInput!) { createCmsOrganisation(data: $data) { documentId name kind area { name } } }`,
      {
        data: {
          name: unique('图形'),
          kind: 'social_enterprise',
          registration: 'none',
          area: community.documentId,
        },
      },
      incubator,
    );
    expect(good.body.errors).toBeUndefined();
    expect(good.body.data.createCmsOrganisation.area.name).toBe(community.name);

    const unknownField = await gql(
      strapi,
      `mutation { createCmsOrganisation(data: { name: "x", colour: "red" }) { documentId } }`,
      {},
      incubator,
    );
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.errors[0].message).toMatch(/colour/);
  });

  it('lists on GraphQL with filters and pagination', async () => {
    const res = await gql(
      strapi,
      `{ cmsOrganisations_connection(filters: { kind: { eq: "partner_unit" } }, pagination: { page: 2, pageSize: 10 }, sort: ["name:asc"]) {
          nodes { name kind } pageInfo { total page pageSize } } }`,
      {},
      incubator,
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.cmsOrganisations_connection.pageInfo).toEqual({
      total: 633,
      page: 2,
      pageSize: 10,
    });
    expect(res.body.data.cmsOrganisations_connection.nodes).toHaveLength(10);
  });

  it('keeps an incubator scoped to one community away from another community’s organisations', async () => {
    const scoped = await staffUser(strapi, 'incubator', community.documentId);
    const foreign = await dbQuery(strapi, 'plugin::cms.organisation').findOne({
      where: { areaPath: otherCommunity.path },
    });
    const read = await http(strapi)
      .get(`/api/cms/organisations/${foreign.documentId}`)
      .set('Authorization', `Bearer ${scoped}`);
    expect(read.status).toBe(404);
    const update = await http(strapi)
      .put(`/api/cms/organisations/${foreign.documentId}`)
      .set('Authorization', `Bearer ${scoped}`)
      .send({ data: { members: 1 } });
    expect(update.status).toBe(404);
    const del = await http(strapi)
      .delete(`/api/cms/organisations/${foreign.documentId}`)
      .set('Authorization', `Bearer ${scoped}`);
    expect(del.status).toBe(404);
    const moveAway = await post(scoped, {
      name: 'x',
      kind: 'hub',
      area: otherCommunity.documentId,
    });
    expect(moveAway.status).toBe(400);
    expect(moveAway.body.error.details.errors[0].path).toEqual(['area']);
    const viaGraphql = await gql(
      strapi,
      `query($id: ID!) { cmsOrganisation(documentId: $id) { name } }`,
      { id: foreign.documentId },
      scoped,
    );
    expect(viaGraphql.body.data.cmsOrganisation).toBeNull();
    const list = await http(strapi)
      .get('/api/cms/organisations')
      .query({ 'pagination[pageSize]': 100 })
      .set('Authorization', `Bearer ${scoped}`);
    expect(
      list.body.data.every((o: { areaPath: string }) => o.areaPath.startsWith(community.path)),
    ).toBe(true);
    expect(list.body.meta.pagination.total).toBeGreaterThan(0);
  });

  it('refuses deleting an organisation that has incubations', async () => {
    const hub = await dbQuery(strapi, 'plugin::cms.organisation').findOne({
      where: { kind: 'hub', name: { $contains: '孵化中心' } },
    });
    const res = await http(strapi)
      .delete(`/api/cms/organisations/${hub.documentId}`)
      .set('Authorization', `Bearer ${incubator}`);
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].messageZh).toMatch(/孵化记录/);
  });
});
