// The kit's query guard: filter, sort, pagination and write values checked against the model,
// personal data refused through relations at any depth but allowed on a list's own fields.
import {
  dataIssues,
  filterIssues,
  paginationIssues,
  sortIssues,
  type GuardContext,
  type ModelShape,
} from '../../cms/server/src/domain/query-guard';

const MODELS: Record<string, ModelShape> = {
  person: {
    attributes: {
      name: { type: 'string' },
      phone: { type: 'string' },
      idNumber: { type: 'string' },
      birthDate: { type: 'date' },
      compound: { type: 'relation', relation: 'manyToOne', target: 'compound' },
    },
  },
  compound: {
    attributes: {
      households: { type: 'integer' },
      grid: { type: 'relation', relation: 'manyToOne', target: 'grid' },
    },
  },
  grid: {
    attributes: {
      members: { type: 'relation', relation: 'manyToMany', target: 'person' },
      createdAt: { type: 'datetime' },
    },
  },
  donation: {
    attributes: {
      amount: { type: 'biginteger' },
      received: { type: 'boolean' },
      extra: { type: 'json' },
    },
  },
};

const ctx = (personalAnywhere = false): GuardContext => ({
  model: (uid) => MODELS[uid],
  personal: (uid) => (uid === 'person' ? ['phone', 'idNumber'] : []),
  personalAnywhere,
});
const paths = (issues: { path: string }[]) => issues.map((i) => i.path);

describe('filters', () => {
  it.each([
    [
      { compound: { grid: { members: { idNumber: { $startsWith: '110' } } } } },
      'filters.compound.grid.members.idNumber',
    ],
    [
      { $or: [{ compound: { grid: { members: { phone: '1' } } } }] },
      'filters.$or.0.compound.grid.members.phone',
    ],
    [
      { $not: { compound: { grid: { members: { phone: { $eq: '1' } } } } } },
      'filters.$not.compound.grid.members.phone',
    ],
  ])('refuses personal data through relations, even on the people list: %j', (filters, path) => {
    expect(paths(filterIssues('person', filters, ctx()))).toEqual([path]);
  });

  it('allows a list’s own personal fields (the list is scoped) and everything to global viewers', () => {
    expect(filterIssues('person', { phone: { $eq: '139' } }, ctx())).toEqual([]);
    expect(
      filterIssues('person', { compound: { grid: { members: { phone: '1' } } } }, ctx(true)),
    ).toEqual([]);
  });

  it.each([
    [{ id: { $in: ['x'] } }, 'filters.id.$in.0'],
    [{ id: { $in: 'x' } }, 'filters.id.$in.0'],
    [{ amount: { $gt: 'abc' } }, 'filters.amount.$gt'],
    [{ amount: { $gt: '99999999999999999999' } }, 'filters.amount.$gt'],
    [{ name: { $eq: 'a\u0000b' } }, 'filters.name.$eq'],
    [{ compound: { households: { $lt: 2147483648 } } }, 'filters.compound.households.$lt'],
    [{ birthDate: { $lt: 'notadate' } }, 'filters.birthDate.$lt'],
    [{ received: { $eq: 'maybe' } }, 'filters.received.$eq'],
    [{ name: { $nosuch: 'x' } }, 'filters.name.$nosuch'],
    [{ name: { $between: ['a'] } }, 'filters.name.$between'],
    [{ compound: { households: { $contains: '3' } } }, 'filters.compound.households.$contains'],
    [{ name: { $eq: { nested: 1 } } }, 'filters.name.$eq'],
    [{ $or: 'x' }, 'filters.$or'],
    [{ $not: 'x' }, 'filters.$not'],
  ])('refuses a value of the wrong kind: %j', (filters, path) => {
    expect(
      paths(
        filterIssues('person', filters, ctx()).concat(filterIssues('donation', filters, ctx())),
      ),
    ).toContain(path);
  });

  it.each([
    [{ id: { $in: ['1', 2] } }],
    [{ amount: { $gte: '9007199254740993' } }],
    [{ birthDate: { $between: ['2000-01-01', '2001-01-01'] } }],
    [{ compound: { $null: true } }],
    [{ name: { $containsi: '张' }, received: 'true' }],
    [{ extra: { $eq: { anything: 'goes' } } }],
  ])('accepts well-formed filters: %j', (filters) => {
    expect(filterIssues('person', filters, ctx())).toEqual([]);
    expect(filterIssues('donation', filters, ctx())).toEqual([]);
  });

  it('refuses filters nested past a sane depth', () => {
    let deep: Record<string, unknown> = { name: 'x' };
    for (let i = 0; i < 20; i++) deep = { $and: [deep] };
    expect(filterIssues('person', deep, ctx())[0]?.messageZh).toMatch(/嵌套过深/);
  });
});

describe('sort', () => {
  it.each([
    ['compound.grid.members.phone:asc'],
    [['name:asc', 'compound.grid.members.idNumber']],
    [{ compound: { grid: { members: { phone: 'asc' } } } }],
  ])('refuses personal data through relations: %j', (sort) => {
    expect(paths(sortIssues('person', sort, ctx()))).toEqual(['sort']);
  });
  it('allows the list’s own fields', () => {
    expect(sortIssues('person', 'phone:asc,name', ctx())).toEqual([]);
  });
});

describe('pagination and data', () => {
  it.each([
    [{ pagination: { start: '1e20' } }, 'pagination.start'],
    [{ pagination: { page: -1 } }, 'pagination.page'],
    [{ pagination: { pageSize: 'abc' } }, 'pagination.pageSize'],
    [{ start: 1.5 }, 'start'],
  ])('refuses %j', (params, path) => {
    expect(paths(paginationIssues(params))).toEqual([path]);
  });
  it('accepts ordinary pages', () => {
    expect(paginationIssues({ pagination: { page: '2', pageSize: 25 }, limit: -1 })).toEqual([]);
  });
  it.each([
    [{ households: 2147483648 }, 'households'],
    [{ households: 1.5 }, 'households'],
    [{ name: 'a\u0000' }, 'name'],
  ])('refuses write data %j', (data, path) => {
    expect(
      paths(dataIssues('compound', data, ctx()).concat(dataIssues('person', data, ctx()))),
    ).toEqual([path]);
  });
  it('refuses a null character anywhere in JSON, and amounts beyond bigint', () => {
    expect(paths(dataIssues('donation', { extra: { a: ['x\u0000'] } }, ctx()))).toEqual(['extra']);
    expect(paths(dataIssues('donation', { amount: '99999999999999999999' }, ctx()))).toEqual([
      'amount',
    ]);
    expect(dataIssues('donation', { amount: '9007199254740993' }, ctx())).toEqual([]);
  });
});
