// GraphQL limits as pure checks: page sizes as Strapi serves them, the cost of nested lists,
// document shapes refused before validation, and every console query fitting the budget.
import fs from 'fs';
import path from 'path';
import { buildClientSchema, parse, type DocumentNode, type IntrospectionQuery } from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import {
  buildQueryFactory,
  type IntrospectionResults,
} from '../../admin-ui/src/dataProvider/buildQuery';
import { RESOURCES } from '../../admin-ui/src/dataProvider/resources';
import {
  checkShape,
  pageSizeOf,
  paginationEstimator,
  rootFields,
  type GraphqlLimits,
} from '../../src/graphql/limits';

const limits: GraphqlLimits = {
  maxCost: 50000,
  maxAliases: 100,
  maxFields: 1000,
  maxOperations: 5,
  maxFragments: 20,
  defaultLimit: 25,
  maxLimit: 100,
};

const recorded = JSON.parse(
  fs.readFileSync(
    path.join(__dirname, '..', '..', 'admin-ui', 'src', 'dataProvider', 'introspection.json'),
    'utf8',
  ),
) as IntrospectionQuery;
const schema = buildClientSchema(recorded);
const cost = (query: DocumentNode | string, variables: Record<string, unknown> = {}) =>
  getComplexity({
    schema,
    query: typeof query === 'string' ? parse(query) : query,
    variables,
    estimators: [paginationEstimator(limits)],
  });

describe('page sizes', () => {
  it.each([
    [undefined, 25],
    [{}, 25],
    [{ pageSize: 10 }, 10],
    [{ limit: 40 }, 40],
    [{ pageSize: 1000 }, 100],
    [{ limit: -1 }, 100],
    [{ pageSize: 0 }, 100],
    [{ pageSize: 'x' }, 100],
  ])('%j counts as %i rows', (pagination, rows) => {
    expect(pageSizeOf(pagination, limits)).toBe(rows);
  });
});

describe('cost', () => {
  it('is 1 per field, a paginated field times its page size, nested lists multiplied', () => {
    expect(cost('{ cmsArea(documentId: "x") { name code } }')).toBe(3);
    expect(cost('{ cmsAreas(pagination: { pageSize: 10 }) { name code } }')).toBe(30);
    expect(cost('{ cmsAreas { name } }')).toBe(50);
    // 100 × (1 + 1 + 25 × (1 + 1)) = 5,200 per alias: the 1,000-alias request cost 5.2 million.
    expect(cost('{ cmsAreas(pagination: { pageSize: 100 }) { name children { name } } }')).toBe(
      5200,
    );
    expect(
      cost('query($p: PaginationArg) { cmsAreas(pagination: $p) { name } }', {
        p: { pageSize: 7 },
      }),
    ).toBe(14);
  });

  it('lets every console query through at 100 rows a page', () => {
    const types = recorded.__schema.types.filter(
      (t) => !t.name.startsWith('__'),
    ) as unknown as IntrospectionResults['types'];
    const fieldsOf = (name: string) =>
      (types.find((t) => t.name === name)?.fields ?? []) as IntrospectionResults['queries'];
    const buildQuery = buildQueryFactory({
      types,
      queries: [...fieldsOf('Query'), ...fieldsOf('Mutation')],
    });
    const costs: Record<string, number> = {};
    for (const resource of Object.keys(RESOURCES)) {
      const list = buildQuery('GET_LIST', resource, {
        pagination: { page: 1, perPage: 100 },
        sort: { field: 'id', order: 'ASC' },
        filter: {},
      });
      costs[resource] = cost(list.query as DocumentNode, list.variables);
    }
    const over = Object.entries(costs).filter(([, c]) => c > limits.maxCost);
    expect(over).toEqual([]);
  });
});

describe('document shape', () => {
  const refusedCode = (query: string) => checkShape(parse(query), limits)?.extensions.code ?? null;
  const aliases = (n: number) =>
    `{ ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(' ')} }`;

  it('counts aliases, fields, operations and fragments', () => {
    expect(refusedCode(aliases(100))).toBeNull();
    expect(refusedCode(aliases(101))).toBe('GRAPHQL_TOO_MANY_ALIASES');
    expect(refusedCode(`{ ${'__typename '.repeat(1001)} }`)).toBe('GRAPHQL_TOO_MANY_FIELDS');
    expect(
      refusedCode(Array.from({ length: 6 }, (_, i) => `query q${i} { __typename }`).join(' ')),
    ).toBe('GRAPHQL_TOO_MANY_OPERATIONS');
    expect(
      refusedCode(
        `{ __typename } ${Array.from({ length: 21 }, (_, i) => `fragment f${i} on Query { __typename }`).join(' ')}`,
      ),
    ).toBe('GRAPHQL_TOO_MANY_FRAGMENTS');
  });

  it.each([
    '{ ...A } fragment A on Query { ...A }',
    '{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }',
    'fragment A on Query { ...B } fragment B on Query { ... on Query { ...A } }',
    '{ cmsAreas { ...Missing } }',
    '{ ...A } fragment A on Query { ...Missing }',
  ])('refuses %s as a validation error', (query) => {
    const error = checkShape(parse(query), limits);
    expect(error?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(error?.extensions.http).toEqual({ status: 400 });
    expect(error?.extensions.messageZh).toMatch(/片段/);
  });

  it('accepts shared fragments that are not cycles', () => {
    expect(
      checkShape(
        parse(
          '{ cmsAreas { ...A ...B } } fragment A on CmsArea { ...C } fragment B on CmsArea { ...C } fragment C on CmsArea { name }',
        ),
        limits,
      ),
    ).toBeNull();
  });
});

describe('root fields', () => {
  it('sees through fragments and inline fragments', () => {
    const document = parse(
      '{ __typename ... on Query { cmsAreas { name } } ...F } fragment F on Query { cmsGrids { name } }',
    );
    const operation = document.definitions[0] as Parameters<typeof rootFields>[1];
    expect(rootFields(document, operation).sort()).toEqual(['__typename', 'cmsAreas', 'cmsGrids']);
  });
});
