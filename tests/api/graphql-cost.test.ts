// GraphQL refuses, before executing anything, what would keep the server busy: too costly
// (fields × page sizes), too many aliases, operations or fragments, fragment cycles; the
// public gets only the account mutations; production has no introspection nor stack traces.
import type { Core } from '@strapi/strapi';
import pluginsConfig from '../../config/plugins';
import type { Response } from 'supertest';
import { bootStrapi, gql, http, login } from '../helpers/strapi';

type ConfigEnv = Parameters<typeof pluginsConfig>[0]['env'];

describe('GraphQL cost and shape limits', () => {
  let strapi: Core.Strapi;
  let staff: string;
  let areaQueries = 0;
  const countAreaQueries = (q: { sql?: string }) => {
    if (typeof q.sql === 'string' && q.sql.includes('cms_areas')) areaQueries += 1;
  };

  /** Runs a request and tells how many SQL statements touched cms_areas meanwhile. */
  async function measured<T>(fn: () => Promise<T>): Promise<[T, number]> {
    areaQueries = 0;
    const result = await fn();
    return [result, areaQueries];
  }

  const aliases = (n: number, field: string) =>
    `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

  const expectRefusal = (res: Response, status: number, code: string) => {
    expect(res.status).toBe(status);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors).toHaveLength(1);
    const [error] = res.body.errors;
    expect(error.extensions.code).toBe(code);
    expect(typeof error.message).toBe('string');
    expect(error.extensions.messageZh).toMatch(/[\u4e00-\u9fff]/);
    return error;
  };

  beforeAll(async () => {
    strapi = await bootStrapi();
    staff = await login(strapi, 'foundation-staff');
    strapi.db.connection.on('query', countAreaQueries);
  });
  afterAll(async () => {
    strapi.db.connection.removeListener('query', countAreaQueries);
    await strapi.destroy();
  });

  it('refuses the 1,000-alias request before touching the database', async () => {
    const query = aliases(
      1000,
      'cmsAreas(pagination: { pageSize: 100 }) { name children { name } }',
    );
    const [anonymous, touched] = await measured(() => gql(strapi, query));
    expect(anonymous.status).toBe(400);
    expect(touched).toBe(0);
    const [signedIn, touchedSignedIn] = await measured(() => gql(strapi, query, {}, staff));
    const error = expectRefusal(signedIn, 400, 'GRAPHQL_TOO_MANY_ALIASES');
    expect(error.message).toMatch(/1000 aliases.*at most 100/);
    expect(touchedSignedIn).toBe(0);
  });

  it('counts fields × page size, nested lists multiplied, and refuses over the budget', async () => {
    // 100 × (1 + 100 × (1 + 100 × 1)): about a million, far past the budget.
    const costly = `{ cmsAreas(pagination: { pageSize: 100 }) { name
        children(pagination: { pageSize: 100 }) { name children(pagination: { pageSize: 100 }) { name } } } }`;
    const [res, touched] = await measured(() => gql(strapi, costly, {}, staff));
    const error = expectRefusal(res, 400, 'GRAPHQL_QUERY_TOO_COSTLY');
    expect(error.message).toMatch(/costs \d+; at most \d+/);
    expect(error.extensions.cost).toBeGreaterThan(error.extensions.maximumCost);
    expect(touched).toBe(0);

    // Page sizes come from variables and from `limit` too; an oversized page counts as 100.
    const viaVariables = await gql(
      strapi,
      `query($p: PaginationArg) { cmsAreas(pagination: $p) { name children(pagination: $p) {
         name children(pagination: $p) { name } } } }`,
      { p: { limit: 5000 } },
      staff,
    );
    expectRefusal(viaVariables, 400, 'GRAPHQL_QUERY_TOO_COSTLY');

    // Twenty list fields of 100 rows are within it, as is what the console asks for.
    const fine = await gql(
      strapi,
      `{ cmsAreas_connection(pagination: { pageSize: 100 }) {
          nodes { documentId name code level kind households population path parent { documentId name }
                  children { documentId name } }
          pageInfo { total } } }`,
      {},
      staff,
    );
    expect(fine.body.errors).toBeUndefined();
    expect(fine.body.data.cmsAreas_connection.nodes).toHaveLength(100);
  });

  it('caps operations and fragments per document', async () => {
    const operations = Array.from({ length: 6 }, (_, i) => `query q${i} { __typename }`).join(' ');
    const many = await gqlNamed(operations, 'q0');
    expectRefusal(many, 400, 'GRAPHQL_TOO_MANY_OPERATIONS');

    const fragments = Array.from(
      { length: 21 },
      (_, i) => `fragment f${i} on CmsArea { name }`,
    ).join(' ');
    const spreads = Array.from({ length: 21 }, (_, i) => `...f${i}`).join(' ');
    const tooMany = await gql(
      strapi,
      `{ cmsAreas(pagination: { pageSize: 1 }) { ${spreads} } } ${fragments}`,
      {},
      staff,
    );
    expectRefusal(tooMany, 400, 'GRAPHQL_TOO_MANY_FRAGMENTS');
  });

  async function gqlNamed(query: string, operationName: string) {
    return http(strapi)
      .post('/graphql')
      .set('Authorization', `Bearer ${staff}`)
      .send({ query, operationName });
  }

  it('answers a fragment cycle and an unknown fragment as validation errors, not 500', async () => {
    const cycle = await gql(
      strapi,
      `{ cmsAreas { ...A } } fragment A on CmsArea { parent { ...B } } fragment B on CmsArea { parent { ...A } }`,
      {},
      staff,
    );
    expect(cycle.status).toBe(400);
    expect(cycle.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(cycle.body.errors[0].message).toMatch(/cycle|circular|itself/i);
    expect(cycle.body.errors[0].extensions.messageZh).toMatch(/循环/);

    const selfSpread = await gql(strapi, `{ ...Q } fragment Q on Query { ...Q }`, {}, staff);
    expect(selfSpread.status).toBe(400);

    const unknown = await gql(strapi, `{ cmsAreas { ...Missing } }`, {}, staff);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('keeps the depth limit', async () => {
    const res = await gql(
      strapi,
      `{ cmsAreas { parent { parent { parent { parent { parent { parent { parent { name } } } } } } } } }`,
      {},
      staff,
    );
    expect(res.status).toBe(400);
  });

  it('gives the public only the account mutations (and the schema outside production)', async () => {
    const [areas, touched] = await measured(() => gql(strapi, `{ cmsAreas { name } }`));
    const error = expectRefusal(areas, 401, 'UNAUTHENTICATED');
    expect(error.message).toMatch(/cmsAreas/);
    expect(touched).toBe(0);
    const hidden = await gql(strapi, `{ ... on Query { cmsOrganisations { name } } }`);
    expectRefusal(hidden, 401, 'UNAUTHENTICATED');

    const typename = await gql(strapi, `{ __typename }`);
    expect(typename.body).toEqual({ data: { __typename: 'Query' } });
    const schema = await gql(strapi, `{ __schema { queryType { name } } }`);
    expect(schema.body.data.__schema.queryType.name).toBe('Query');
    const loginAttempt = await gql(
      strapi,
      `mutation { login(input: { identifier: "nobody-here", password: "x" }) { jwt } }`,
    );
    expect(loginAttempt.body.errors[0].message).toBe('Invalid identifier or password');

    // A signed-in user asking the same is answered.
    const ok = await gql(strapi, `{ cmsAreas(pagination: { pageSize: 1 }) { name } }`, {}, staff);
    expect(ok.body.data.cmsAreas).toHaveLength(1);
  });

  it('turns introspection and stack traces off in production', () => {
    // Enough of Strapi's `env` for the keys the GraphQL config reads (undefined where it falls back).
    const env = Object.assign(
      (key: string, fallback?: string) => {
        if (key === 'NODE_ENV') return 'production';
        return process.env[key] ?? fallback;
      },
      { bool: (_: string, fallback?: boolean) => fallback, int: (_: string, f?: number) => f },
    );
    const production = pluginsConfig({ env: env as ConfigEnv }).graphql.config;
    expect(production.apolloServer.introspection).toBe(false);
    expect(production.apolloServer.includeStacktraceInErrorResponses).toBe(false);
    expect(production.landingPage).toBe(false);
    const development = pluginsConfig({
      env: Object.assign(
        (key: string, fallback?: string) => (key === 'NODE_ENV' ? 'development' : fallback),
        env,
      ) as ConfigEnv,
    }).graphql.config;
    expect(development.apolloServer.introspection).toBe(true);
  });
});
