// People, grids and compounds: community workers of two communities, each scoped to their own;
// phone and ID numbers masked outside one's scope on REST and GraphQL; the rules of grids,
// micro-grids and compounds.
import type { Core } from '@strapi/strapi';
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

describe('people, grids and compounds', () => {
  let strapi: Core.Strapi;
  let a: AreaRow;
  let b: AreaRow;
  let workerA: string;
  let workerB: string;
  let personA: { documentId: string };
  let district: AreaRow;

  const auth = (jwt: string) => ({ Authorization: `Bearer ${jwt}` });

  beforeAll(async () => {
    strapi = await bootStrapi();
    [a, b] = await twoCommunities(strapi);
    district = await dbQuery(strapi, 'plugin::cms.area').findOne({ where: { level: 'district' } });
    workerA = await staffUser(strapi, 'community-worker', a.documentId);
    workerB = await staffUser(strapi, 'community-worker', b.documentId);
    const res = await http(strapi)
      .post('/api/cms/people')
      .set(auth(workerA))
      .send({
        data: {
          name: '张三',
          phone: '138 1234 5678',
          idNumber: '11010519491231002x',
          community: a.documentId,
          isVolunteer: true,
        },
      });
    expect(res.status).toBe(201);
    personA = res.body.data;
  });
  afterAll(async () => {
    await strapi.destroy();
  });

  it('normalises personal data; the worker whose scope covers it reads the phone whole, the ID number masked until revealed', async () => {
    expect(personA).toMatchObject({
      phone: '13812345678',
      idNumber: '110***********002X',
      areaPath: a.path,
    });
    const stored = await dbQuery(strapi, 'plugin::cms.person').findOne({
      where: { documentId: personA.documentId },
      select: ['idNumber'],
    });
    expect(stored.idNumber).toBe('11010519491231002X');
  });

  it('lists only the worker’s own community, on REST and GraphQL', async () => {
    const rest = await http(strapi)
      .get('/api/cms/people')
      .query({ 'pagination[pageSize]': 100 })
      .set(auth(workerB));
    expect(rest.status).toBe(200);
    expect(rest.body.data.length).toBeGreaterThan(0);
    expect(rest.body.data.every((p: { areaPath: string }) => p.areaPath === b.path)).toBe(true);
    const graph = await gql(
      strapi,
      `{ cmsPeople_connection(pagination: { pageSize: 100 }) { nodes { areaPath } pageInfo { total } } }`,
      {},
      workerB,
    );
    expect(
      graph.body.data.cmsPeople_connection.nodes.every(
        (p: { areaPath: string }) => p.areaPath === b.path,
      ),
    ).toBe(true);
    expect(graph.body.data.cmsPeople_connection.pageInfo.total).toBe(
      rest.body.meta.pagination.total,
    );
  });

  it('answers another community’s person as if it did not exist, on REST and GraphQL', async () => {
    const id = personA.documentId;
    expect((await http(strapi).get(`/api/cms/people/${id}`).set(auth(workerB))).status).toBe(404);
    expect(
      (
        await http(strapi)
          .put(`/api/cms/people/${id}`)
          .set(auth(workerB))
          .send({ data: { name: 'x' } })
      ).status,
    ).toBe(404);
    expect((await http(strapi).delete(`/api/cms/people/${id}`).set(auth(workerB))).status).toBe(
      404,
    );
    const read = await gql(
      strapi,
      `query($id: ID!) { cmsPerson(documentId: $id) { name } }`,
      { id },
      workerB,
    );
    expect(read.body.data.cmsPerson).toBeNull();
    const update = await gql(
      strapi,
      `mutation($id: ID!) { updateCmsPerson(documentId: $id, data: { name: "x" }) { name } }`,
      { id },
      workerB,
    );
    expect(update.body.errors[0].extensions.code).toBe('STRAPI_NOT_FOUND_ERROR');
    const filtered = await http(strapi)
      .get('/api/cms/people')
      .query({ 'filters[phone][$eq]': '13812345678' })
      .set(auth(workerB));
    expect(filtered.body.data).toEqual([]);
    expect(
      (await dbQuery(strapi, 'plugin::cms.person').findOne({ where: { documentId: id } })).name,
    ).toBe('张三');
  });

  it('refuses creating a person in a community outside the worker’s scope', async () => {
    const res = await http(strapi)
      .post('/api/cms/people')
      .set(auth(workerB))
      .send({ data: { name: '越权', community: a.documentId } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0]).toMatchObject({ path: ['community'] });
  });

  it.each([
    [{ phone: '12345' }, 'phone', /mobile/],
    [{ idNumber: '110105194912310021' }, 'idNumber', /check digit/],
    [{ community: null }, 'community', /required/],
    [{ community: 'zzzzzzzzzzzzzzzzzzzzzzzz' }, 'community', /^community: no such record$/],
  ])('refuses %j with a 400 naming %s', async (extra, field, message) => {
    const res = await http(strapi)
      .post('/api/cms/people')
      .set(auth(workerA))
      .send({ data: { name: '错误', community: a.documentId, ...extra } });
    expect(res.status).toBe(400);
    const issues = res.body.error.details.errors.filter(
      (e: ValidationIssue) => e.path[0] === field,
    );
    expect(issues).toHaveLength(1);
    expect(issues[0].message).toMatch(message);
  });

  it('masks phone and ID numbers of a person outside the viewer’s scope, reached through a relation', async () => {
    // An organisation in community B whose contact person lives in community A.
    const org = await documents(strapi, 'plugin::cms.organisation').create({
      data: {
        name: unique('跨社区组织'),
        kind: 'social_organisation',
        registration: 'none',
        area: b.documentId,
        contactPerson: personA.documentId,
      },
    });
    const rest = await http(strapi)
      .get(`/api/cms/organisations/${org.documentId}`)
      .query({ populate: 'contactPerson' })
      .set(auth(workerB));
    expect(rest.status).toBe(200);
    expect(rest.body.data.contactPerson).toMatchObject({
      name: '张三',
      phone: '138****5678',
      idNumber: '110***********002X',
    });
    const graph = await gql(
      strapi,
      `query($id: ID!) { cmsOrganisation(documentId: $id) { contactPerson { name phone idNumber } } }`,
      { id: org.documentId },
      workerB,
    );
    expect(graph.body.data.cmsOrganisation.contactPerson).toEqual({
      name: '张三',
      phone: '138****5678',
      idNumber: '110***********002X',
    });
    // A foundation staff member scoped to the whole district sees them unmasked, same relation.
    const districtStaff = await staffUser(strapi, 'foundation-staff', district.documentId);
    const covered = await http(strapi)
      .get(`/api/cms/organisations/${org.documentId}`)
      .query({ populate: 'contactPerson' })
      .set(auth(districtStaff));
    expect(covered.body.data.contactPerson.phone).toBe('13812345678');
  });

  it('never writes personal data to the audit log', async () => {
    const entries = await dbQuery(strapi, 'plugin::cms.audit-entry').findMany({
      where: { recordId: personA.documentId },
    });
    expect(entries[0].after.phone).toBe('138****5678');
    expect(JSON.stringify(entries)).not.toContain('13812345678');
  });

  it('creates grids and micro-grids with their rules', async () => {
    const post = (data: Record<string, unknown>) =>
      http(strapi).post('/api/cms/grids').set(auth(workerA)).send({ data });
    const grid = await post({
      name: '测试网格',
      code: unique('G'),
      level: 'grid',
      community: a.documentId,
      households: 420,
      worker: personA.documentId,
    });
    expect(grid.status).toBe(201);
    const micro = await post({
      name: '测试微网格',
      code: unique('M'),
      level: 'micro',
      community: a.documentId,
      parent: grid.body.data.documentId,
      households: 50,
      members: [personA.documentId],
    });
    expect(micro.status).toBe(201);
    const orphan = await post({
      name: 'x',
      code: unique('M'),
      level: 'micro',
      community: a.documentId,
    });
    expect(orphan.status).toBe(400);
    expect(orphan.body.error.details.errors[0]).toMatchObject({
      path: ['parent'],
      code: 'micro_grid_parent',
    });
    const negative = await post({
      name: 'x',
      code: unique('G'),
      level: 'grid',
      community: a.documentId,
      households: -5,
    });
    expect(negative.status).toBe(400);
    expect(negative.body.error.details.errors[0].path).toEqual(['households']);
    // Staff scoped to the district may reach the district itself, but a grid belongs to a community.
    const districtWorker = await staffUser(strapi, 'community-worker', district.documentId);
    const notGrassroots = await http(strapi)
      .post('/api/cms/grids')
      .set(auth(districtWorker))
      .send({
        data: { name: 'x', code: unique('G'), level: 'grid', community: district.documentId },
      });
    expect(notGrassroots.status).toBe(400);
    expect(notGrassroots.body.error.details.errors[0]).toMatchObject({
      path: ['community'],
      code: 'area_level',
    });
    const listed = await http(strapi)
      .get('/api/cms/grids')
      .query({
        'filters[level][$eq]': 'micro',
        'filters[parent][documentId][$eq]': grid.body.data.documentId,
        populate: 'members',
      })
      .set(auth(workerA));
    expect(listed.body.data).toHaveLength(1);
    expect(listed.body.data[0].members[0].documentId).toBe(personA.documentId);
    const del = await http(strapi)
      .delete(`/api/cms/grids/${grid.body.data.documentId}`)
      .set(auth(workerA));
    expect(del.status).toBe(400);
  });

  it('creates compounds of the seven types and refuses a grid from another community', async () => {
    const gridB = await dbQuery(strapi, 'plugin::cms.grid').findOne({
      where: { areaPath: b.path, level: 'grid' },
    });
    const ok = await http(strapi)
      .post('/api/cms/compounds')
      .set(auth(workerA))
      .send({
        data: {
          name: unique('信托小区'),
          type: 'old',
          propertyManagement: 'trust',
          community: a.documentId,
          households: 300,
          buildings: 6,
        },
      });
    expect(ok.status).toBe(201);
    const wrongGrid = await documents(strapi, 'plugin::cms.compound')
      .create({
        data: { name: 'x', type: 'old', community: a.documentId, grid: gridB.documentId },
      })
      .catch((e: { details: { errors: ValidationIssue[] } }) => e);
    expect(wrongGrid.details.errors[0]).toMatchObject({
      path: ['grid'],
      code: 'compound_community_mismatch',
    });
    const badType = await http(strapi)
      .post('/api/cms/compounds')
      .set(auth(workerA))
      .send({ data: { name: 'x', type: 'castle', community: a.documentId } });
    expect(badType.status).toBe(400);
    expect(badType.body.error.details.errors[0].path).toEqual(['type']);
  });

  it('does not let a community worker create organisations', async () => {
    const res = await http(strapi)
      .post('/api/cms/organisations')
      .set(auth(workerA))
      .send({ data: { name: 'x', kind: 'hub', area: a.documentId } });
    expect(res.status).toBe(403);
  });

  it('answers a deep page in name order, either way, with the same rows as the offset would', async () => {
    // cms/server/src/deep-pages.ts: on PostgreSQL a page from the 1,000th row on is read from
    // its first row (found in the index) instead of past an offset. Names repeat in the demo,
    // so the id decides between equals, on the page's edges too.
    const staff = await staffUser(strapi, 'foundation-staff', district.documentId);
    for (const [uid, route, column, filters, direction] of [
      ['plugin::cms.person', 'people', 'name', {}, 'asc'],
      ['plugin::cms.person', 'people', 'name', {}, 'desc'],
      ['plugin::cms.grid', 'grids', 'code', { level: 'micro' }, 'asc'],
      ['plugin::cms.grid', 'grids', 'code', { level: 'micro' }, 'desc'],
    ] as const) {
      const where = { areaPath: { $startsWith: district.path }, ...filters };
      const total = await dbQuery(strapi, uid).count({ where });
      expect(total).toBeGreaterThan(1100);
      // A deep page whose first row shares its name with the row before it, so that the id
      // must decide where the page starts (the pages 41 and 45 may not have one). Grid codes are
      // unique: only names tie.
      const ordered = (await dbQuery(strapi, uid).findMany({
        where,
        select: ['id', column],
        orderBy: [{ [column]: direction }, { id: 'asc' }],
      })) as Record<string, unknown>[];
      const tiedStart = ordered.findIndex(
        (row, i) => i >= 1000 && i % 25 === 0 && row[column] === ordered[i - 1]![column],
      );
      const pages = [41, 45, Math.ceil(total / 25)];
      if (column === 'name') {
        expect(tiedStart).toBeGreaterThan(0);
        pages.push(tiedStart / 25 + 1);
      }
      for (const page of pages) {
        const res = await http(strapi)
          .get(`/api/cms/${route}`)
          .query({
            sort: `${column}:${direction}`,
            'pagination[page]': page,
            'pagination[pageSize]': 25,
            ...(filters && 'level' in filters ? { 'filters[level][$eq]': 'micro' } : {}),
          })
          .set(auth(staff));
        expect(res.status).toBe(200);
        const expected = await dbQuery(strapi, uid).findMany({
          where,
          select: ['documentId'],
          // Strapi adds the id, ascending, as the tie-break whichever way the list runs.
          orderBy: [{ [column]: direction }, { id: 'asc' }],
          offset: (page - 1) * 25,
          limit: 25,
        });
        expect(res.body.data.map((r: { documentId: string }) => r.documentId)).toEqual(
          expected.map((r: { documentId: string }) => r.documentId),
        );
        expect(res.body.meta.pagination).toMatchObject({ page, pageSize: 25, total });
      }
    }
  });
});

describe('personal data cannot be probed through relations', () => {
  let strapi: Core.Strapi;
  let worker: string;

  beforeAll(async () => {
    strapi = await bootStrapi();
    const [a] = await twoCommunities(strapi);
    worker = await staffUser(strapi, 'community-worker', a.documentId);
  });
  afterAll(async () => {
    await strapi.destroy();
  });

  it('refuses filtering or sorting on a related person’s phone or ID number', async () => {
    const filter = await http(strapi)
      .get('/api/cms/grids')
      .query({ 'filters[worker][phone][$eq]': '13812345678' })
      .set('Authorization', `Bearer ${worker}`);
    expect(filter.status).toBe(400);
    // The error names the field it concerns, down the relation.
    expect(filter.body.error.details.errors[0].path).toEqual(['filters', 'worker', 'phone']);
    const sort = await http(strapi)
      .get('/api/cms/grids')
      .query({ sort: 'worker.idNumber:asc' })
      .set('Authorization', `Bearer ${worker}`);
    expect(sort.status).toBe(400);
    const graph = await gql(
      strapi,
      `{ cmsGrids { members(filters: { phone: { eq: "13812345678" } }) { name } } }`,
      {},
      worker,
    );
    expect(graph.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const ownPeople = await http(strapi)
      .get('/api/cms/people')
      .query({ 'filters[phone][$startsWith]': '13' })
      .set('Authorization', `Bearer ${worker}`);
    expect(ownPeople.status).toBe(200);
  });
});
