import { parse, type DocumentNode } from 'graphql';
import { RESOURCES } from './resources';

/**
 * ra-data-graphql's query builder for Strapi 5's GraphQL schema. Pure: it reads the schema's
 * introspection and writes queries, so it is unit-tested against a recorded introspection.
 *
 * - `documentId` is react-admin's `id`;
 * - lists use `<plural>_connection { nodes pageInfo { total } }` with `{ page, pageSize }` and
 *   `["field:asc"]` sorts;
 * - react-admin filters become Strapi filters: `q` searches the resource's text fields,
 *   `field_gte` / `field_lte` are ranges, arrays are `in`, references match by `documentId`;
 * - relations are sent as document ids, and only fields the input type accepts are sent;
 * - updateMany / deleteMany are one request of aliased mutations (Strapi has no bulk mutations).
 */

/* Minimal shapes of GraphQL introspection, as ra-data-graphql hands it over. */
export interface TypeRef {
  kind: string;
  name: string | null;
  ofType?: TypeRef | null;
}
export interface Field {
  name: string;
  type: TypeRef;
  args?: { name: string; type: TypeRef }[];
}
export interface IntrospectedType {
  kind: string;
  name: string;
  fields?: Field[] | null;
  inputFields?: Field[] | null;
}
export interface IntrospectionResults {
  types: IntrospectedType[];
  queries: Field[];
}

export interface BuiltQuery {
  query: DocumentNode;
  variables: Record<string, unknown>;
  parseResponse: (response: { data: Record<string, unknown> }) => unknown;
}

type Params = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- react-admin's params

const MAX_PAGE = 100;
/** Fields the server computes and refuses from clients (materialised area paths). */
const COMPUTED = new Set(['path', 'areaPath']);

const named = (ref: TypeRef): TypeRef => (ref.ofType ? named(ref.ofType) : ref);
const isList = (ref: TypeRef): boolean =>
  ref.kind === 'LIST' || (ref.kind === 'NON_NULL' && !!ref.ofType && isList(ref.ofType));
const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

/** The query and mutation names Strapi gives a type. */
export function operationNames(type: string, introspection: IntrospectionResults) {
  const one = lowerFirst(type);
  const connection = introspection.queries.find(
    (q) =>
      q.name.endsWith('_connection') && named(q.type).name === `${type}EntityResponseCollection`,
  );
  const list = connection ? connection.name.replace(/_connection$/, '') : `${one}s`;
  return {
    list,
    connection: `${list}_connection`,
    one,
    create: `create${type}`,
    update: `update${type}`,
    delete: `delete${type}`,
  };
}

/**
 * Whether the signed-in role may read a GraphQL object type (its `find` permission). Strapi's
 * GraphQL refuses the whole query ("Forbidden access") when one nested relation's type is not
 * readable, so such relations are left out of every selection. Absent: everything is asked for.
 */
export type ReadableType = (type: string) => boolean;

/** The nested `{ a: { b: { c: leaf } } }` that a dotted path `a.b.c` names in Strapi's filters. */
const nest = (path: string, leaf: unknown): Record<string, unknown> =>
  path.split('.').reduceRight<unknown>((inner, key) => ({ [key]: inner }), leaf) as Record<
    string,
    unknown
  >;

/** The react-admin filter key of the subtree filter (AreaSubtreeFilter): an area's path. */
export const AREA_SUBTREE = 'areaSubtree';

export function buildQueryFactory(
  introspection: IntrospectionResults,
  readable: ReadableType = () => true,
) {
  const typeByName = new Map(introspection.types.map((t) => [t.name, t]));
  // Content types are the object types with a documentId; components have none and need no
  // permission of their own.
  const isContentType = (name: string) =>
    typeByName.get(name)?.fields?.some((f) => f.name === 'documentId') ?? false;

  const spec = (resource: string) => {
    const s = RESOURCES[resource];
    if (!s) throw new Error(`Unknown resource ${resource}`);
    const type = typeByName.get(s.type);
    if (!type) throw new Error(`The schema has no type ${s.type}`);
    return { ...s, object: type, names: operationNames(s.type, introspection) };
  };

  /** Scalars and enums as they are; relations as { documentId <label> }; connections skipped. */
  function selection(type: IntrospectedType): string {
    const parts: string[] = [];
    for (const field of type.fields ?? []) {
      const target = named(field.type);
      if (field.name.endsWith('_connection')) continue;
      if (target.kind === 'SCALAR' || target.kind === 'ENUM') {
        parts.push(field.name);
      } else if (target.kind === 'OBJECT' && target.name) {
        if (isContentType(target.name) && !readable(target.name)) continue;
        const related = typeByName.get(target.name);
        const labelField = ['name', 'title', 'code', 'stage'].find((f) =>
          related?.fields?.some((x) => x.name === f),
        );
        parts.push(`${field.name} { documentId${labelField ? ` ${labelField}` : ''} }`);
      }
    }
    return parts.join(' ');
  }

  const withId = (node: Record<string, unknown> | null) =>
    node ? { ...node, id: node.documentId } : node;

  /** react-admin's filter object → Strapi's filters input. */
  function filters(resource: string, raFilter: Params = {}): Record<string, unknown> {
    const { object, search, dashedEnums, areaPath } = spec(resource);
    const fieldOf = (name: string) => object.fields?.find((f) => f.name === name);
    const and: Record<string, unknown>[] = [];
    for (const [key, given] of Object.entries(raFilter)) {
      if (given === undefined || given === '' || given === null) continue;
      // Filters compare stored strings: `case_intake` as GraphQL names it is `case-intake` there.
      const dashed = (v: unknown) => (typeof v === 'string' ? v.replace(/_/g, '-') : v);
      const value = dashedEnums?.includes(key)
        ? Array.isArray(given)
          ? given.map(dashed)
          : dashed(given)
        : given;
      if (key === AREA_SUBTREE) {
        // Paths end with their separator (`/1/4/`), so a prefix never matches a sibling `/1/40/`.
        if (areaPath) and.push(nest(areaPath, { startsWith: String(value) }));
        continue;
      }
      if (key === 'q') {
        if (search.length)
          and.push({ or: search.map((f) => ({ [f]: { containsi: String(value) } })) });
        continue;
      }
      // Custom fields: cf_<op>_<key> → customFields: { <op>: { <key>: value } } (the server
      // rewrites it into something the database can answer).
      const custom = /^cf_(eq|gte|lte|containsi)_([a-z][a-zA-Z0-9_]*)$/.exec(key);
      if (custom) {
        and.push({ customFields: { [custom[1] as string]: { [custom[2] as string]: value } } });
        continue;
      }
      const range = /^(.*)_(gte|lte|gt|lt)$/.exec(key);
      const name = range ? (range[1] as string) : key === 'id' ? 'documentId' : key;
      const field = fieldOf(name);
      if (!field) continue; // Not a field of this type: react-admin-only state; never sent.
      const target = named(field.type);
      if (range) {
        and.push({ [name]: { [range[2] as string]: value } });
      } else if (target.kind === 'OBJECT') {
        const ids = Array.isArray(value) ? value : [value];
        and.push({ [name]: { documentId: ids.length > 1 ? { in: ids } : { eq: ids[0] } } });
      } else if (Array.isArray(value)) {
        and.push({ [name]: { in: value } });
      } else if (
        target.kind === 'SCALAR' &&
        target.name === 'String' &&
        name !== 'documentId' &&
        typeof value === 'string'
      ) {
        and.push({ [name]: { containsi: value } });
      } else {
        and.push({ [name]: { eq: value } });
      }
    }
    if (and.length === 0) return {};
    return and.length === 1 ? (and[0] as Record<string, unknown>) : { and };
  }

  /** Only what the input type accepts; relations as document ids. */
  function inputData(resource: string, data: Params): Record<string, unknown> {
    const { type } = spec(resource);
    const input = typeByName.get(`${type}Input`);
    const accepted = new Map((input?.inputFields ?? []).map((f) => [f.name, f]));
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(data)) {
      const field = accepted.get(key);
      if (!field || key === 'documentId' || COMPUTED.has(key)) continue;
      const objectField = spec(resource).object.fields?.find((f) => f.name === key);
      const relation = objectField && named(objectField.type).kind === 'OBJECT';
      if (relation) {
        const toId = (v: unknown) =>
          v && typeof v === 'object'
            ? ((v as { documentId?: string; id?: string }).documentId ?? (v as { id?: string }).id)
            : v;
        out[key] = isList(field.type)
          ? Array.isArray(value)
            ? value.map(toId)
            : []
          : (toId(value) ?? null);
      } else {
        out[key] = value === '' && named(field.type).name !== 'String' ? null : value;
      }
    }
    return out;
  }

  const listQuery = (resource: string) => {
    const { names, type, object } = spec(resource);
    return parse(`query ($filters: ${type}FiltersInput, $pagination: PaginationArg, $sort: [String]) {
      data: ${names.connection}(filters: $filters, pagination: $pagination, sort: $sort) {
        nodes { ${selection(object)} } pageInfo { total } } }`);
  };

  type Connection = { nodes: Record<string, unknown>[]; pageInfo: { total: number } };
  const parseList = (response: { data: Record<string, unknown> }) => ({
    data: (response.data.data as Connection).nodes.map(withId),
    total: (response.data.data as Connection).pageInfo.total,
  });

  const READS = ['GET_LIST', 'GET_ONE', 'GET_MANY', 'GET_MANY_REFERENCE'];
  const OPERATION_OF: Record<string, 'create' | 'update' | 'delete'> = {
    CREATE: 'create',
    UPDATE: 'update',
    UPDATE_MANY: 'update',
    DELETE: 'delete',
    DELETE_MANY: 'delete',
  };

  return (fetchType: string, resource: string, params: Params): BuiltQuery => {
    const { names, type, object, readOnly, operations } = spec(resource);
    if (readOnly && !READS.includes(fetchType)) throw new Error(`${resource} is read-only`);
    const operation = OPERATION_OF[fetchType];
    if (operation && operations && !operations.includes(operation)) {
      throw new Error(`${resource} does not offer ${operation}`);
    }
    switch (fetchType) {
      case 'GET_LIST':
      case 'GET_MANY_REFERENCE': {
        const { page = 1, perPage = 25 } = params.pagination ?? {};
        const { field, order } = params.sort ?? {};
        const raFilter = { ...(params.filter ?? {}) };
        if (fetchType === 'GET_MANY_REFERENCE') raFilter[params.target] = params.id;
        const sortField = field === 'id' ? 'documentId' : field;
        return {
          query: listQuery(resource),
          variables: {
            filters: filters(resource, raFilter),
            pagination: { page, pageSize: Math.min(perPage, MAX_PAGE) },
            sort:
              sortField && object.fields?.some((f) => f.name === sortField)
                ? [`${sortField}:${String(order ?? 'ASC').toLowerCase()}`]
                : [],
          },
          parseResponse: parseList,
        };
      }
      case 'GET_MANY':
        return {
          query: listQuery(resource),
          variables: {
            filters: { documentId: { in: params.ids } },
            pagination: { page: 1, pageSize: Math.min(params.ids.length || 1, MAX_PAGE) },
            sort: [],
          },
          parseResponse: parseList,
        };
      case 'GET_ONE':
        return {
          query: parse(
            `query ($id: ID!) { data: ${names.one}(documentId: $id) { ${selection(object)} } }`,
          ),
          variables: { id: params.id },
          parseResponse: (response) => {
            // Strapi answers a record outside the viewer's scope (or gone) with null.
            if (!response.data.data) {
              throw Object.assign(new Error('linli.error.not_found'), { status: 404 });
            }
            return { data: withId(response.data.data as Record<string, unknown>) };
          },
        };
      case 'CREATE':
        return {
          query: parse(
            `mutation ($data: ${type}Input!) { data: ${names.create}(data: $data) { ${selection(object)} } }`,
          ),
          variables: { data: inputData(resource, params.data) },
          parseResponse: (response) => ({
            data: withId(response.data.data as Record<string, unknown>),
          }),
        };
      case 'UPDATE':
        return {
          query: parse(
            `mutation ($id: ID!, $data: ${type}Input!) { data: ${names.update}(documentId: $id, data: $data) { ${selection(object)} } }`,
          ),
          variables: {
            id: params.id,
            data: inputData(resource, changed(params.data, params.previousData)),
          },
          parseResponse: (response) => ({
            data: withId(response.data.data as Record<string, unknown>),
          }),
        };
      case 'DELETE':
        return {
          query: parse(
            `mutation ($id: ID!) { data: ${names.delete}(documentId: $id) { documentId } }`,
          ),
          variables: { id: params.id },
          parseResponse: (response) => ({
            data: withId(response.data.data as Record<string, unknown>),
          }),
        };
      case 'DELETE_MANY':
      case 'UPDATE_MANY': {
        const ids: string[] = params.ids ?? [];
        const declarations = ids
          .map((_, i) => `$id${i}: ID!`)
          .concat(fetchType === 'UPDATE_MANY' ? [`$data: ${type}Input!`] : []);
        const aliases = ids.map((_, i) =>
          fetchType === 'DELETE_MANY'
            ? `m${i}: ${names.delete}(documentId: $id${i}) { documentId }`
            : `m${i}: ${names.update}(documentId: $id${i}, data: $data) { documentId }`,
        );
        const variables: Record<string, unknown> = Object.fromEntries(
          ids.map((id, i) => [`id${i}`, id]),
        );
        if (fetchType === 'UPDATE_MANY') variables.data = inputData(resource, params.data);
        return {
          query: parse(`mutation (${declarations.join(', ')}) { ${aliases.join(' ')} }`),
          variables,
          parseResponse: (response) => ({
            data: ids.filter((_, i) => (response.data[`m${i}`] as unknown) != null),
          }),
        };
      }
      default:
        throw new Error(`Unsupported fetch type ${fetchType}`);
    }
  };
}

/** The fields that differ from the record as loaded: an update sends only what was changed. */
function changed(data: Params, previous?: Params): Params {
  if (!previous) return data;
  return Object.fromEntries(
    Object.entries(data).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(previous[k])),
  );
}

export default buildQueryFactory;
