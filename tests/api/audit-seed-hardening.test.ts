// The audit log is append-only on every path; the database refuses what must never happen;
// seeding twice changes nothing and reproduces the district's figures; GraphQL limits hold.
import type { Core } from '@strapi/strapi';
import { seedDemo } from '../../database/seed';
import {
  adminLogin,
  bootStrapi,
  dbQuery,
  documents,
  failureOf,
  gql,
  http,
  login,
  staffUser,
  twoCommunities,
} from '../helpers/strapi';

/** An audit entry, as the tests read it back. */
interface AuditEntry {
  id: number;
  documentId: string;
  recordId: string;
  areaPath: string;
}

/** A demo account with its role and scope populated. */
interface DemoUser {
  username: string;
  role: { type: string };
  scope: { level: string };
}

describe('audit log, constraints, seed and GraphQL limits', () => {
  let strapi: Core.Strapi;
  let admin: string;
  let staff: string;
  let entry: AuditEntry;

  beforeAll(async () => {
    strapi = await bootStrapi();
    admin = await adminLogin(strapi);
    staff = await login(strapi, 'foundation-staff');
    const [area] = await twoCommunities(strapi);
    await documents(strapi, 'plugin::cms.person').create({
      data: { name: '审计对象', community: area.documentId },
    });
    entry = await dbQuery(strapi, 'plugin::cms.audit-entry').findOne({ orderBy: { id: 'desc' } });
  });
  afterAll(async () => {
    await strapi.destroy();
  });

  describe('the audit log', () => {
    it('records system changes with no user', () => {
      expect(entry).toMatchObject({
        action: 'create',
        contentType: 'plugin::cms.person',
        actorType: 'system',
      });
    });

    it('can be read and filtered by administrators in the admin panel', async () => {
      const res = await http(strapi)
        .get('/content-manager/collection-types/plugin::cms.audit-entry')
        .query({ 'filters[$and][0][recordId][$eq]': entry.recordId })
        .set('Authorization', `Bearer ${admin}`);
      expect(res.status).toBe(200);
      expect(res.body.results.map((r: { documentId: string }) => r.documentId)).toEqual([
        entry.documentId,
      ]);
    });

    it('cannot be changed or deleted in the admin panel', async () => {
      const url = `/content-manager/collection-types/plugin::cms.audit-entry/${entry.documentId}`;
      const put = await http(strapi)
        .put(url)
        .set('Authorization', `Bearer ${admin}`)
        .send({ actorName: 'forged' });
      expect(put.status).toBe(403);
      const del = await http(strapi).delete(url).set('Authorization', `Bearer ${admin}`);
      expect(del.status).toBe(403);
      const create = await http(strapi)
        .post('/content-manager/collection-types/plugin::cms.audit-entry')
        .set('Authorization', `Bearer ${admin}`)
        .send({
          action: 'create',
          contentType: 'x',
          recordId: 'x',
          actorType: 'system',
          occurredAt: new Date().toISOString(),
        });
      expect(create.status).toBe(403);
    });

    it('has no write routes or mutations, and staff read only their scope’s history', async () => {
      const write = await http(strapi)
        .put(`/api/cms/audit-entries/${entry.documentId}`)
        .set('Authorization', `Bearer ${staff}`)
        .send({ data: { actorName: 'forged' } });
      expect(write.status).toBe(405);
      const rest = await http(strapi)
        .get('/api/cms/audit-entries')
        .query({ 'filters[recordId][$eq]': entry.recordId })
        .set('Authorization', `Bearer ${staff}`);
      expect(rest.body.data.map((e: { documentId: string }) => e.documentId)).toEqual([
        entry.documentId,
      ]);
      const mutation = await gql(
        strapi,
        `mutation { deleteCmsAuditEntry(documentId: "x") { documentId } }`,
        {},
        staff,
      );
      expect(mutation.status).toBe(400);

      // The entry is for a person in the first community: district staff and that community's
      // worker see it; a worker of another community does not; a reviewer may not read it at all.
      expect(entry.areaPath).toMatch(/^\/510114\//);
      const query = `query($id: String) { cmsAuditEntries(filters: { recordId: { eq: $id } }) { documentId areaPath } }`;
      const district = await gql(strapi, query, { id: entry.recordId }, staff);
      expect(
        district.body.data.cmsAuditEntries.map((e: { documentId: string }) => e.documentId),
      ).toEqual([entry.documentId]);
      const [first, other] = await twoCommunities(strapi);
      expect(entry.areaPath).toBe(first.path);
      const ownWorker = await staffUser(strapi, 'community-worker', first.documentId);
      const otherWorker = await staffUser(strapi, 'community-worker', other.documentId);
      expect(
        (await gql(strapi, query, { id: entry.recordId }, ownWorker)).body.data.cmsAuditEntries,
      ).toHaveLength(1);
      expect(
        (await gql(strapi, query, { id: entry.recordId }, otherWorker)).body.data.cmsAuditEntries,
      ).toHaveLength(0);
      const reviewer = await login(strapi, 'reviewer');
      expect(
        (await gql(strapi, query, { id: entry.recordId }, reviewer)).body.errors[0].message,
      ).toBe('Forbidden access');
    });

    it('is refused UPDATE and DELETE by the database itself', async () => {
      const knex = strapi.db.connection;
      expect(
        await failureOf(
          knex('cms_audit_entries').where({ id: entry.id }).update({ actor_name: 'forged' }),
        ),
      ).toMatch(/append-only/);
      expect(await failureOf(knex('cms_audit_entries').where({ id: entry.id }).delete())).toMatch(
        /append-only/,
      );
      expect(
        (await knex('cms_audit_entries').where({ id: entry.id }).first()).actor_name,
      ).toBeNull();
    });
  });

  describe('database constraints', () => {
    it('refuses a negative household count and an unknown level written below the application', async () => {
      const knex = strapi.db.connection;
      const area = await knex('cms_areas').first();
      expect(
        await failureOf(knex('cms_areas').where({ id: area.id }).update({ households: -1 })),
      ).toMatch(/CHECK|check constraint/i);
      expect(
        await failureOf(knex('cms_areas').where({ id: area.id }).update({ level: 'province' })),
      ).toMatch(/CHECK|check constraint/i);
    });

    it('refuses a duplicate area code written below the application', async () => {
      const knex = strapi.db.connection;
      const area = await knex('cms_areas').first();
      expect(
        await failureOf(
          knex('cms_areas').insert({
            document_id: 'dupdupdupdupdupdupdupdup',
            name: 'dup',
            code: area.code,
            level: 'district',
          }),
        ),
      ).toMatch(/unique/i);
    });
  });

  describe('the demo district', () => {
    const count = (uid: string, where: Record<string, unknown> = {}) =>
      dbQuery(strapi, uid).count({ where });

    it('reproduces Xindu’s figures', async () => {
      expect(
        await count('plugin::cms.area', { level: 'subdistrict', code: { $startsWith: '510114' } }),
      ).toBe(7);
      expect(
        await count('plugin::cms.area', { level: 'town', code: { $startsWith: '510114' } }),
      ).toBe(2);
      expect(
        await count('plugin::cms.area', { level: 'community', code: { $startsWith: '510114' } }),
      ).toBeGreaterThanOrEqual(105);
      expect(await count('plugin::cms.area', { level: 'village' })).toBe(79);
      expect(
        await count('plugin::cms.grid', { level: 'micro', code: { $startsWith: '510114' } }),
      ).toBe(10161);
      expect(
        await count('plugin::cms.person', {
          isMicroGridMember: true,
          areaPath: { $startsWith: '/510114/' },
        }),
      ).toBeGreaterThanOrEqual(12518);
      for (const type of [
        'commercial',
        'work_unit',
        'old',
        'affordable',
        'self_built_resettlement',
        'relocation_resettlement',
        'rural_cluster',
      ]) {
        expect(await count('plugin::cms.compound', { type })).toBeGreaterThan(0);
      }
      for (const stage of [
        'applied',
        'assessing',
        'incubating',
        'hatched',
        'withdrawn',
        'rejected',
      ]) {
        expect(await count('plugin::cms.incubation', { stage })).toBeGreaterThan(0);
      }
    });

    it('changes nothing when seeded again', async () => {
      const tables = [
        'plugin::cms.area',
        'plugin::cms.grid',
        'plugin::cms.person',
        'plugin::cms.organisation',
        'plugin::cms.incubation',
        'plugin::users-permissions.user',
      ];
      const before = await Promise.all(tables.map((t) => count(t)));
      const result = await seedDemo(strapi);
      expect(result.seeded).toBe(false);
      expect(await Promise.all(tables.map((t) => count(t)))).toEqual(before);
    });

    it('has one demo account per role, scoped, and the admin-panel account', async () => {
      const users = await dbQuery(strapi, 'plugin::users-permissions.user').findMany({
        where: {
          username: {
            $in: [
              'foundation-staff',
              'incubator',
              'community-worker',
              'reviewer',
              'volunteer',
              'resident',
            ],
          },
        },
        populate: { role: true, scope: true },
      });
      expect(users.map((u: DemoUser) => [u.username, u.role.type]).sort()).toEqual(
        [
          'community-worker',
          'foundation-staff',
          'incubator',
          'resident',
          'reviewer',
          'volunteer',
        ].map((r) => [r, r]),
      );
      expect(users.find((u: DemoUser) => u.username === 'community-worker').scope.level).toBe(
        'community',
      );
      expect(users.find((u: DemoUser) => u.username === 'foundation-staff').scope.level).toBe(
        'district',
      );
      expect(
        await dbQuery(strapi, 'admin::user').count({ where: { email: 'admin@linli.local' } }),
      ).toBe(1);
    });
  });

  describe('GraphQL limits', () => {
    it('refuses a query deeper than the depth limit', async () => {
      const res = await gql(
        strapi,
        `{ cmsAreas { parent { parent { parent { parent { parent { parent { parent { name } } } } } } } } }`,
        {},
        staff,
      );
      expect(res.status).toBe(400);
      expect(res.body.errors[0].message).toMatch(/exceeds maximum operation depth/);
    });

    it('caps the page size at 100', async () => {
      const res = await gql(
        strapi,
        `{ cmsGrids(pagination: { pageSize: 1000 }) { documentId } }`,
        {},
        staff,
      );
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.cmsGrids).toHaveLength(100);
      const defaulted = await gql(strapi, `{ cmsGrids { documentId } }`, {}, staff);
      expect(defaulted.body.data.cmsGrids).toHaveLength(25);
    });
  });
});
