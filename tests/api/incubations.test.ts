// Incubations: only legal stage moves, dates in order, hubs that are hubs, assessments checked,
// on REST and GraphQL, each move in the audit log.
import type { Core } from '@strapi/strapi';
import { todayInChina } from '../../cms/server/src/domain/china-time';
import {
  bootStrapi,
  dbQuery,
  gql,
  http,
  login,
  twoCommunities,
  unique,
  type AreaRow,
  type ValidationIssue,
} from '../helpers/strapi';

describe('incubations', () => {
  let strapi: Core.Strapi;
  let incubator: string;
  let hub: { documentId: string };
  let community: AreaRow;

  const auth = () => ({ Authorization: `Bearer ${incubator}` });
  const newOrganisation = async () =>
    (
      await http(strapi)
        .post('/api/cms/organisations')
        .set(auth())
        .send({
          data: {
            name: unique('新芽社'),
            kind: 'social_organisation',
            registration: 'filed',
            area: community.documentId,
          },
        })
    ).body.data;
  const create = (data: Record<string, unknown>) =>
    http(strapi).post('/api/cms/incubations').set(auth()).send({ data });
  const move = (id: string, data: Record<string, unknown>) =>
    http(strapi).put(`/api/cms/incubations/${id}`).set(auth()).send({ data });

  beforeAll(async () => {
    strapi = await bootStrapi();
    incubator = await login(strapi, 'incubator');
    [community] = await twoCommunities(strapi);
    hub = await dbQuery(strapi, 'plugin::cms.organisation').findOne({ where: { kind: 'hub' } });
  });
  afterAll(async () => {
    await strapi.destroy();
  });

  it('walks applied → assessing → incubating → hatched, dating each stage', async () => {
    const org = await newOrganisation();
    const created = await create({
      organisation: org.documentId,
      hub: hub.documentId,
      appliedOn: '2026-01-05',
    });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({
      stage: 'applied',
      appliedOn: '2026-01-05',
      areaPath: community.path,
    });
    const id = created.body.data.documentId;
    expect(
      (await move(id, { stage: 'assessing', assessingOn: '2026-01-20' })).body.data.assessingOn,
    ).toBe('2026-01-20');
    const incubating = await move(id, {
      stage: 'incubating',
      assessments: [
        {
          date: '2026-02-01',
          assessor: '李评估',
          governance: 70,
          finance: 65,
          services: 80,
          volunteers: 75,
          result: 'passed',
          note: '入壳评估',
        },
      ],
      milestones: [{ date: '2026-02-01', title: '入壳', done: true }],
    });
    expect(incubating.status).toBe(200);
    expect(incubating.body.data.incubatingOn).toBe(todayInChina());
    const hatched = await move(id, { stage: 'hatched' });
    expect(hatched.body.data.stage).toBe('hatched');
    const again = await move(id, { stage: 'incubating' });
    expect(again.status).toBe(400);
    expect(again.body.error.details.errors[0]).toMatchObject({
      path: ['stage'],
      code: 'illegal_stage_transition',
    });
    const audit = await dbQuery(strapi, 'plugin::cms.audit-entry').findMany({
      where: { recordId: id },
      orderBy: { id: 'asc' },
    });
    expect(audit.map((a: { after: { stage?: string } | null }) => a.after?.stage)).toEqual([
      'applied',
      'assessing',
      'incubating',
      'hatched',
    ]);
  });

  it('refuses skipping stages and starting anywhere but applied, on REST and GraphQL', async () => {
    const org = await newOrganisation();
    const late = await create({
      organisation: org.documentId,
      hub: hub.documentId,
      stage: 'incubating',
    });
    expect(late.status).toBe(400);
    expect(late.body.error.details.errors[0].code).toBe('initial_stage');
    const created = await create({ organisation: org.documentId, hub: hub.documentId });
    const id = created.body.data.documentId;
    const skip = await move(id, { stage: 'hatched' });
    expect(skip.status).toBe(400);
    expect(skip.body.error.details.errors[0].messageZh).toMatch(/不能从“已申请”变更为“已出壳”/);
    const graph = await gql(
      strapi,
      `mutation($id: ID!) { updateCmsIncubation(documentId: $id, data: { stage: hatched }) { stage } }`,
      { id },
      incubator,
    );
    expect(graph.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(graph.body.errors[0].message).toMatch(/cannot move from applied to hatched/);
    const stored = await dbQuery(strapi, 'plugin::cms.incubation').findOne({
      where: { documentId: id },
    });
    expect(stored.stage).toBe('applied');
  });

  it('refuses dates out of order', async () => {
    const org = await newOrganisation();
    const created = await create({
      organisation: org.documentId,
      hub: hub.documentId,
      appliedOn: '2026-03-01',
    });
    const res = await move(created.body.data.documentId, {
      stage: 'assessing',
      assessingOn: '2026-02-01',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0]).toMatchObject({
      path: ['assessingOn'],
      code: 'dates_out_of_order',
    });
  });

  it('requires the hub to be a hub and not the organisation itself', async () => {
    const org = await newOrganisation();
    const notHub = await create({ organisation: org.documentId, hub: org.documentId });
    expect(notHub.status).toBe(400);
    expect(notHub.body.error.details.errors[0].path).toEqual(['hub']);
    const noOrg = await create({ hub: hub.documentId });
    expect(noOrg.status).toBe(400);
    expect(noOrg.body.error.details.errors[0].path).toEqual(['organisation']);
  });

  it('checks assessments field by field', async () => {
    const org = await newOrganisation();
    const res = await create({
      organisation: org.documentId,
      hub: hub.documentId,
      assessments: [
        { date: '2026-02-30x', governance: 150, finance: 1, services: 1, volunteers: 1 },
      ],
    });
    expect(res.status).toBe(400);
    const paths = res.body.error.details.errors.map((e: ValidationIssue) => e.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining(['assessments.0.date', 'assessments.0.governance']),
    );
  });

  it('keeps the dates the board counts by, never shows them, and refuses them from the client', async () => {
    const org = await newOrganisation();
    const created = await create({
      organisation: org.documentId,
      hub: hub.documentId,
      appliedOn: '2026-01-05',
      milestones: [
        { title: '完成备案', date: '2026-03-01', status: 'achieved', achievedOn: '2026-02-20' },
        { title: '首次服务', date: '2026-04-01' },
      ],
    });
    expect(created.status).toBe(201);
    expect(created.body.data).not.toHaveProperty('nextMilestoneOn');
    expect(created.body.data).not.toHaveProperty('lastAssessedOn');
    const id = created.body.data.documentId;
    const kept = () =>
      dbQuery(strapi, 'plugin::cms.incubation').findOne({
        where: { documentId: id },
        select: ['lastAssessedOn', 'nextMilestoneOn'],
      });
    expect(await kept()).toMatchObject({ lastAssessedOn: null, nextMilestoneOn: '2026-04-01' });

    const refused = await move(id, { lastAssessedOn: '2099-01-01', nextMilestoneOn: null });
    expect(refused.status).toBe(400);
    expect(
      refused.body.error.details.errors.map((e: ValidationIssue) => [e.path.join('.'), e.code]),
    ).toEqual([
      ['lastAssessedOn', 'computed_field'],
      ['nextMilestoneOn', 'computed_field'],
    ]);
    expect(await kept()).toMatchObject({ lastAssessedOn: null, nextMilestoneOn: '2026-04-01' });

    const moved = await move(id, {
      stage: 'assessing',
      assessingOn: '2026-01-20',
      assessments: [
        { date: '2026-02-01', governance: 80, finance: 70, services: 90, volunteers: 60 },
      ],
      milestones: [{ title: '首次服务', date: '2026-04-01', done: true }],
    });
    expect(moved.status).toBe(200);
    expect(await kept()).toMatchObject({ lastAssessedOn: '2026-02-01', nextMilestoneOn: null });
  });

  it('follows its organisation when the organisation moves to another area', async () => {
    const org = await newOrganisation();
    const created = await create({ organisation: org.documentId, hub: hub.documentId });
    const [, other] = await twoCommunities(strapi);
    const moved = await http(strapi)
      .put(`/api/cms/organisations/${org.documentId}`)
      .set(auth())
      .send({ data: { area: other.documentId } });
    expect(moved.status).toBe(200);
    const incubation = await dbQuery(strapi, 'plugin::cms.incubation').findOne({
      where: { documentId: created.body.data.documentId },
    });
    expect(incubation.areaPath).toBe(other.path);
  });

  it('shows the seeded pipeline at every stage', async () => {
    const res = await gql(
      strapi,
      `{ cmsIncubations_connection(filters: { stage: { eq: "hatched" } }) { pageInfo { total } } }`,
      {},
      incubator,
    );
    expect(res.body.data.cmsIncubations_connection.pageInfo.total).toBeGreaterThanOrEqual(80);
  });
});
