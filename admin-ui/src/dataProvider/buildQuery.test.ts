// The console's query builder: every query it writes validates against the recorded schema,
// and its variables say what Strapi 5 expects (documentId, connections, filters, input fields).
import fs from 'fs';
import path from 'path';
import { buildClientSchema, parse, print, validate, type IntrospectionQuery } from 'graphql';
import { AREA_SUBTREE, buildQueryFactory, type IntrospectionResults } from './buildQuery';
import { RESOURCES } from './resources';

const recorded = JSON.parse(
  fs.readFileSync(path.join(__dirname, 'introspection.json'), 'utf8'),
) as IntrospectionQuery;
const schema = buildClientSchema(recorded);

/** What ra-data-graphql's introspection hands to buildQuery: the types and root fields. */
const types = recorded.__schema.types.filter(
  (t) => !t.name.startsWith('__'),
) as unknown as IntrospectionResults['types'];
const rootFields = (name: string) =>
  (types.find((t) => t.name === name)?.fields ?? []) as IntrospectionResults['queries'];
const introspection: IntrospectionResults = {
  types,
  queries: [...rootFields('Query'), ...rootFields('Mutation')],
};
const buildQuery = buildQueryFactory(introspection);

const valid = (built: { query: Parameters<typeof print>[0] }) => {
  const errors = validate(schema, built.query as never);
  expect(errors.map((e) => e.message)).toEqual([]);
};

const FETCHES = [
  'GET_LIST',
  'GET_ONE',
  'GET_MANY',
  'GET_MANY_REFERENCE',
  'CREATE',
  'UPDATE',
  'DELETE',
  'DELETE_MANY',
  'UPDATE_MANY',
];
const params: Record<string, Record<string, unknown>> = {
  GET_LIST: {
    pagination: { page: 2, perPage: 10 },
    sort: { field: 'id', order: 'DESC' },
    filter: {},
  },
  GET_ONE: { id: 'abc' },
  GET_MANY: { ids: ['a', 'b'] },
  GET_MANY_REFERENCE: {
    target: 'documentId',
    id: 'x',
    pagination: { page: 1, perPage: 5 },
    sort: { field: 'id', order: 'ASC' },
    filter: {},
  },
  CREATE: { data: {} },
  UPDATE: { id: 'abc', data: {}, previousData: {} },
  DELETE: { id: 'abc' },
  DELETE_MANY: { ids: ['a', 'b', 'c'] },
  UPDATE_MANY: { ids: ['a', 'b'], data: {} },
};

const WRITES = ['CREATE', 'UPDATE', 'DELETE', 'DELETE_MANY', 'UPDATE_MANY'];
const cases = Object.entries(RESOURCES).flatMap(([resource, spec]) =>
  FETCHES.map(
    (fetchType) =>
      [
        resource,
        fetchType,
        WRITES.includes(fetchType) &&
          (!!spec.readOnly ||
            (!!spec.operations &&
              !spec.operations.some((op) => fetchType.toLowerCase().startsWith(op)))),
      ] as const,
  ),
);

it.each(cases)(
  '%s %s validates against the schema (or is refused: %s)',
  (resource, fetchType, refused) => {
    const build = () => buildQuery(fetchType, resource, params[fetchType] as never);
    if (refused) expect(build).toThrow(/read-only|does not offer/);
    else valid(build());
  },
);

describe('lists', () => {
  it('use the connection with page, pageSize and sort, and read total', () => {
    const built = buildQuery('GET_LIST', 'cms-organisations', {
      pagination: { page: 3, perPage: 25 },
      sort: { field: 'name', order: 'DESC' },
      filter: {},
    });
    expect(print(built.query)).toMatch(
      /cmsOrganisations_connection\(\s*filters: \$filters\s+pagination: \$pagination\s+sort: \$sort\s*\)/,
    );
    expect(print(built.query)).toMatch(/pageInfo \{\s+total/);
    expect(built.variables).toEqual({
      filters: {},
      pagination: { page: 3, pageSize: 25 },
      sort: ['name:desc'],
    });
    const parsed = built.parseResponse({
      data: { data: { nodes: [{ documentId: 'd1', name: 'x' }], pageInfo: { total: 41 } } },
    });
    expect(parsed).toEqual({ data: [{ documentId: 'd1', id: 'd1', name: 'x' }], total: 41 });
  });

  it('cap the page size at the server maximum and sort by documentId for id', () => {
    const built = buildQuery('GET_LIST', 'cms-people', {
      pagination: { page: 1, perPage: 1000 },
      sort: { field: 'id', order: 'ASC' },
      filter: {},
    });
    expect(built.variables).toMatchObject({
      pagination: { page: 1, pageSize: 100 },
      sort: ['documentId:asc'],
    });
  });

  it('turn react-admin filters into Strapi filters', () => {
    const built = buildQuery('GET_LIST', 'cms-organisations', {
      pagination: { page: 1, perPage: 10 },
      sort: { field: 'name', order: 'ASC' },
      filter: {
        q: '互助',
        kind: 'hub',
        members_gte: 10,
        members_lte: 50,
        area: 'doc1',
        registration: ['filed', 'none'],
        unknownUiState: true,
      },
    });
    expect(built.variables.filters).toEqual({
      and: [
        { or: [{ name: { containsi: '互助' } }, { creditCode: { containsi: '互助' } }] },
        { kind: { eq: 'hub' } },
        { members: { gte: 10 } },
        { members: { lte: 50 } },
        { area: { documentId: { eq: 'doc1' } } },
        { registration: { in: ['filed', 'none'] } },
      ],
    });
  });

  it('turn custom-field filters into customFields conditions the schema accepts', () => {
    const built = buildQuery('GET_LIST', 'cms-organisations', {
      pagination: { page: 1, perPage: 10 },
      sort: { field: 'name', order: 'ASC' },
      filter: { cf_gte_beneficiaries: 100, cf_eq_focus: 'elderly', cf_containsi_motto: '邻' },
    });
    expect(built.variables.filters).toEqual({
      and: [
        { customFields: { gte: { beneficiaries: 100 } } },
        { customFields: { eq: { focus: 'elderly' } } },
        { customFields: { containsi: { motto: '邻' } } },
      ],
    });
  });

  it('filter enumerations with dashes by their stored values, not GraphQL’s names', () => {
    const built = buildQuery('GET_LIST', 'forms-forms', {
      pagination: { page: 1, perPage: 10 },
      sort: { field: 'name', order: 'ASC' },
      filter: { purpose: 'custom_fields', appliesTo: 'organisation' },
    });
    expect(built.variables.filters).toEqual({
      and: [{ purpose: { eq: 'custom-fields' } }, { appliesTo: { eq: 'organisation' } }],
    });
  });

  it('select relations as documentId and a label, never the connections', () => {
    const text = print(buildQuery('GET_ONE', 'cms-grids', { id: 'x' }).query);
    expect(text).toMatch(/community \{\s+documentId\s+name\s+\}/);
    expect(text).toMatch(/members \{\s+documentId\s+name\s+\}/);
    expect(text).not.toMatch(/_connection/);
  });

  it('get many by documentId and many references by the target relation', () => {
    expect(buildQuery('GET_MANY', 'cms-areas', { ids: ['a', 'b'] }).variables.filters).toEqual({
      documentId: { in: ['a', 'b'] },
    });
    const ref = buildQuery('GET_MANY_REFERENCE', 'cms-areas', {
      target: 'parent',
      id: 'p1',
      pagination: { page: 1, perPage: 25 },
      sort: { field: 'name', order: 'ASC' },
      filter: {},
    });
    expect(ref.variables.filters).toEqual({ parent: { documentId: { eq: 'p1' } } });
  });
});

it('answers a record the server does not return as not found', () => {
  const built = buildQuery('GET_ONE', 'cms-people', { id: 'x' });
  expect(() => built.parseResponse({ data: { data: null } })).toThrow('linli.error.not_found');
});

describe('mutations', () => {
  it('send only the fields the input type accepts, relations as document ids', () => {
    const built = buildQuery('CREATE', 'cms-organisations', {
      data: {
        name: '新组织',
        kind: 'hub',
        area: { documentId: 'a1', name: '某社区' },
        contactPerson: 'p1',
        id: 'ignored',
        createdAt: 'x',
        areaPath: '/510114/',
      },
    });
    expect(built.variables.data).toEqual({
      name: '新组织',
      kind: 'hub',
      area: 'a1',
      contactPerson: 'p1',
    });
  });

  it('send to-many relations as lists of document ids', () => {
    const built = buildQuery('CREATE', 'cms-grids', {
      data: { name: 'g', members: [{ documentId: 'p1' }, 'p2'] },
    });
    expect(built.variables.data).toEqual({ name: 'g', members: ['p1', 'p2'] });
  });

  it('update only what changed', () => {
    const built = buildQuery('UPDATE', 'cms-organisations', {
      id: 'o1',
      data: { name: 'new', kind: 'hub', members: 5 },
      previousData: { name: 'old', kind: 'hub', members: 5 },
    });
    expect(built.variables).toEqual({ id: 'o1', data: { name: 'new' } });
  });

  it('delete many in one request of aliased mutations', () => {
    const built = buildQuery('DELETE_MANY', 'cms-people', { ids: ['a', 'b'] });
    expect(print(built.query)).toMatch(
      /m0: deleteCmsPerson\(documentId: \$id0\)[\s\S]*m1: deleteCmsPerson\(documentId: \$id1\)/,
    );
    expect(built.variables).toEqual({ id0: 'a', id1: 'b' });
    expect(built.parseResponse({ data: { m0: { documentId: 'a' }, m1: null } })).toEqual({
      data: ['a'],
    });
  });
});

describe('what the role may read', () => {
  const listOf = (readable: (type: string) => boolean, resource: string) =>
    print(
      buildQueryFactory(introspection, readable)('GET_LIST', resource, {
        pagination: { page: 1, perPage: 5 },
        sort: {},
        filter: {},
      }).query,
    );

  it('leave out relations to types the role may not read, and keep the rest', () => {
    const reviewer = new Set(['CmsArea', 'CmsOrganisation', 'CmsIncubation']);
    const query = listOf((t) => reviewer.has(t), 'cms-organisations');
    expect(query).not.toMatch(/contactPerson/);
    expect(query).toMatch(/area \{\s+documentId\s+name/);
    expect(query).toMatch(/\bname\b/);
    valid({ query: parse(query) });
  });

  it('ask for every relation when nothing says otherwise', () => {
    expect(listOf(() => true, 'cms-organisations')).toMatch(/contactPerson \{/);
  });
});

describe('the subtree filter', () => {
  const filterOf = (resource: string, value: string) =>
    buildQuery('GET_LIST', resource, {
      pagination: { page: 1, perPage: 5 },
      sort: {},
      filter: { [AREA_SUBTREE]: value },
    }).variables.filters;

  it.each([
    ['cms-areas', { path: { startsWith: '/1/2/' } }],
    ['cms-people', { areaPath: { startsWith: '/1/2/' } }],
    ['grants-donations', { fund: { area: { path: { startsWith: '/1/2/' } } } }],
    ['grants-disbursements', { award: { fund: { area: { path: { startsWith: '/1/2/' } } } } }],
  ])('%s: a prefix of its area path', (resource, expected) => {
    expect(filterOf(resource, '/1/2/')).toEqual(expected);
  });

  it('is dropped on a resource without an area', () => {
    expect(filterOf('forms-forms', '/1/2/')).toEqual({});
  });
});
