// Each role's console reads: GET /api/cms/me says what the role may do per GraphQL type, the
// console's own queries built from it run without GraphQL errors for every role, the subtree
// filter narrows lists to an area's subtree, and GET /api/forms/mine shows a person their own.
import { getIntrospectionQuery, print, type IntrospectionQuery } from 'graphql';
import type { Core } from '@strapi/strapi';
import {
  AREA_SUBTREE,
  buildQueryFactory,
  type IntrospectionResults,
} from '../../admin-ui/src/dataProvider/buildQuery';
import { RESOURCES } from '../../admin-ui/src/dataProvider/resources';
import type { MeCapabilities } from '../../cms/server/src/shared/contracts/me';
import { bootStrapi, dbQuery, gql, http, login, unique } from '../helpers/strapi';

const STAFF_ROLES = ['foundation-staff', 'incubator', 'community-worker', 'reviewer'] as const;

describe('roles in the console', () => {
  let strapi: Core.Strapi;
  let introspection: IntrospectionResults;
  const jwts = new Map<string, string>();
  const cans = new Map<string, MeCapabilities>();

  beforeAll(async () => {
    strapi = await bootStrapi();
    const res = await gql(strapi, getIntrospectionQuery());
    const schema = (res.body.data as IntrospectionQuery).__schema;
    const types = schema.types.filter(
      (t) => !t.name.startsWith('__'),
    ) as unknown as IntrospectionResults['types'];
    const root = (name: string) =>
      (types.find((t) => t.name === name)?.fields ?? []) as IntrospectionResults['queries'];
    introspection = { types, queries: [...root('Query'), ...root('Mutation')] };
    for (const role of [...STAFF_ROLES, 'volunteer', 'resident']) {
      const jwt = await login(strapi, role);
      jwts.set(role, jwt);
      const me = await http(strapi).get('/api/cms/me').set('Authorization', `Bearer ${jwt}`);
      expect(me.status).toBe(200);
      cans.set(role, me.body.data.can);
    }
  });
  afterAll(async () => {
    await strapi?.destroy();
  });

  describe('GET /api/cms/me', () => {
    it('reports each role’s actions by GraphQL type, as its permissions hold them', () => {
      const reviewer = cans.get('reviewer') as MeCapabilities;
      expect(reviewer.CmsOrganisation).toEqual(['find', 'findOne']);
      expect(reviewer.GrantsRound).toEqual(['find', 'findOne']);
      expect(reviewer.CmsPerson).toBeUndefined();
      expect(reviewer.GrantsFund).toBeUndefined();
      expect(reviewer['plugin::grants.grant-actions']).toContain('myReviews');

      const worker = cans.get('community-worker') as MeCapabilities;
      // …and the audited reveal of a person's whole ID number.
      expect(worker.CmsPerson).toEqual([
        'create',
        'delete',
        'find',
        'findOne',
        'revealIdNumber',
        'update',
      ]);
      expect(worker.CmsOrganisation).toEqual(['find', 'findOne']);
      expect(worker.GrantsDonation).toBeUndefined();

      expect(cans.get('foundation-staff')?.GrantsDonation).toContain('create');
      expect(cans.get('incubator')?.GrantsApplication).toBeUndefined();
      expect(cans.get('resident')?.GrantsRound).toBeUndefined();
      expect(cans.get('resident')?.['plugin::forms.mine']).toEqual(['show']);
    });

    it('refuses without a sign-in, and reads nothing else', async () => {
      const res = await http(strapi).get('/api/cms/me');
      expect(res.status).toBe(403);
      expect(res.body.data).toBeNull();
    });
  });

  describe('the console’s queries for each role', () => {
    const run = async (role: string, query: ReturnType<ReturnType<typeof buildQueryFactory>>) =>
      gql(strapi, print(query.query), query.variables, jwts.get(role));

    it.each(STAFF_ROLES)(
      '%s: every list and record it may read answers without a GraphQL error',
      async (role) => {
        const can = cans.get(role) as MeCapabilities;
        const build = buildQueryFactory(introspection, (type) => !!can[type]?.includes('find'));
        const readable = Object.entries(RESOURCES).filter(([, s]) => can[s.type]?.includes('find'));
        expect(readable.length).toBeGreaterThan(1);
        for (const [resource] of readable) {
          const list = await run(
            role,
            build('GET_LIST', resource, {
              pagination: { page: 1, perPage: 5 },
              sort: { field: 'id', order: 'ASC' },
              filter: {},
            }),
          );
          expect([resource, list.status, list.body.errors]).toEqual([resource, 200, undefined]);
          const first = list.body.data.data.nodes[0] as { documentId: string } | undefined;
          if (!first) continue;
          const one = await run(role, build('GET_ONE', resource, { id: first.documentId }));
          expect([resource, one.status, one.body.errors]).toEqual([resource, 200, undefined]);
        }
      },
    );

    it('asking for every relation, as the console did, fails for a reviewer (the test can fail)', async () => {
      const build = buildQueryFactory(introspection);
      const list = await run(
        'reviewer',
        build('GET_LIST', 'cms-organisations', {
          pagination: { page: 1, perPage: 5 },
          sort: { field: 'id', order: 'ASC' },
          filter: {},
        }),
      );
      expect(JSON.stringify(list.body.errors)).toMatch(/Forbidden/);
    });
  });

  describe('the subtree filter', () => {
    const listAs = async (resource: string, filter: Record<string, unknown>) => {
      const can = cans.get('foundation-staff') as MeCapabilities;
      const built = buildQueryFactory(introspection, (t) => !!can[t]?.includes('find'))(
        'GET_LIST',
        resource,
        { pagination: { page: 1, perPage: 100 }, sort: { field: 'id', order: 'ASC' }, filter },
      );
      const res = await gql(
        strapi,
        print(built.query),
        built.variables,
        jwts.get('foundation-staff'),
      );
      expect([resource, res.body.errors]).toEqual([resource, undefined]);
      return res.body.data.data as {
        nodes: { areaPath?: string; path?: string }[];
        pageInfo: { total: number };
      };
    };

    it('keeps only what lies under the chosen subdistrict', async () => {
      const subdistricts: { path: string }[] = await dbQuery(strapi, 'plugin::cms.area').findMany({
        where: { level: { $in: ['subdistrict', 'town'] } },
        select: ['path'],
        orderBy: { path: 'asc' },
      });
      const chosen = subdistricts[0]?.path as string;
      expect(chosen).toMatch(/^\/.+\/$/);
      for (const resource of ['cms-areas', 'cms-grids', 'cms-compounds', 'cms-people']) {
        const all = await listAs(resource, {});
        const under = await listAs(resource, { [AREA_SUBTREE]: chosen });
        expect(under.pageInfo.total).toBeGreaterThan(0);
        expect(under.pageInfo.total).toBeLessThan(all.pageInfo.total);
        for (const node of under.nodes)
          expect(node.areaPath ?? node.path).toMatch(new RegExp(`^${chosen}`));
      }
    });

    it.each(Object.entries(RESOURCES).filter(([, s]) => s.areaPath))(
      '%s: the server accepts the filter, and an area that does not exist keeps nothing',
      async (resource) => {
        const nowhere = await listAs(resource, { [AREA_SUBTREE]: '/no-such-area/' });
        expect(nowhere.pageInfo.total).toBe(0);
      },
    );
  });

  describe('GET /api/forms/mine', () => {
    it('shows a resident their own submissions only, and the open forms', async () => {
      const resident = await dbQuery(strapi, 'plugin::users-permissions.user').findOne({
        where: { username: 'resident' },
      });
      const form = await dbQuery(strapi, 'plugin::forms.form').findOne({
        where: { liveVersion: { $notNull: true }, archived: false, access: 'anyone' },
      });
      expect(form).toBeTruthy();
      const mine = unique('R').slice(-11).toUpperCase();
      const theirs = unique('T').slice(-11).toUpperCase();
      for (const [receiptCode, submitterId] of [
        [mine, resident.id],
        [theirs, resident.id + 100000],
      ] as const) {
        await dbQuery(strapi, 'plugin::forms.submission').create({
          data: {
            form: form.id,
            formKey: form.documentId,
            versionNumber: form.liveVersion,
            data: {},
            receiptCode,
            status: 'in-progress',
            submitterId,
          },
        });
      }
      const res = await http(strapi)
        .get('/api/forms/mine')
        .set('Authorization', `Bearer ${jwts.get('resident')}`);
      expect(res.status).toBe(200);
      const codes = (res.body.data.submissions as { receiptCode: string }[]).map(
        (s) => s.receiptCode,
      );
      expect(codes).toContain(mine);
      expect(codes).not.toContain(theirs);
      expect(
        res.body.data.submissions.find((s: { receiptCode: string }) => s.receiptCode === mine),
      ).toMatchObject({ status: 'in-progress', form: { slug: form.slug } });
      const slugs = (res.body.data.forms as { slug: string }[]).map((f) => f.slug);
      expect(slugs).toContain(form.slug);
    });

    it('is refused to the public', async () => {
      const res = await http(strapi).get('/api/forms/mine');
      expect(res.status).toBe(403);
      expect(res.body.data).toBeNull();
      expect(res.body.error.name).toBe('ForbiddenError');
    });
  });
});
