import { ApolloClient, createHttpLink, InMemoryCache } from '@apollo/client';
import { setContext } from '@apollo/client/link/context';
import { getIntrospectionQuery, type IntrospectionQuery } from 'graphql';
import buildGraphQLProvider, { introspectSchema, type Options } from 'ra-data-graphql';
import { HttpError, type DataProvider } from 'react-admin';
import { getToken, readableType } from '../authProvider';
import { buildQueryFactory, type IntrospectionResults } from './buildQuery';
import { readInPages, type ListParams } from './pages';
import { RESOURCES } from './resources';
import { withoutFieldKey } from '../rest';

/**
 * Strapi answers a token it no longer accepts (expired, revoked) with HTTP 401 and a body
 * Apollo would read as an empty result; turn it into an error carrying the status, which
 * react-admin's checkError answers by going back to the login page.
 */
const fetchRefusingUnauthorized: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  if (response.status === 401) {
    throw Object.assign(new Error('ra.notification.logged_out'), { statusCode: 401, status: 401 });
  }
  return response;
};

const httpLink = createHttpLink({ uri: '/graphql', fetch: fetchRefusingUnauthorized });
const authLink = setContext((_, { headers }) => {
  const token = getToken();
  return { headers: { ...headers, ...(token ? { Authorization: `Bearer ${token}` } : {}) } };
});

export const client = new ApolloClient({
  link: authLink.concat(httpLink),
  cache: new InMemoryCache({ addTypename: false }),
});

const TYPES = Object.values(RESOURCES).map((r) => r.type);

/** A GraphQL error as Strapi sends it: ValidationError's details carry each field's messages. */
interface GraphQLErrorShape {
  message: string;
  extensions?: {
    code?: string;
    error?: {
      name?: string;
      details?: {
        errors?: { path: string[]; message: string; messageZh?: string }[];
        messageZh?: string;
      };
    };
  };
}

/**
 * What a failed call may carry: Apollo's error (ra-data-graphql hands it on as is, or wrapped in
 * `body`), the 401 thrown by fetchRefusingUnauthorized, or any other Error.
 */
interface CallError {
  message?: string;
  status?: number;
  graphQLErrors?: readonly GraphQLErrorShape[];
  body?: {
    graphQLErrors?: readonly GraphQLErrorShape[];
    networkError?: { statusCode?: number } | null;
    status?: number;
  };
}

/**
 * A GraphQL error as react-admin shows it: the server's message in the user's language
 * (Strapi's ValidationError carries each field's Chinese message as `messageZh`), and the
 * HTTP status react-admin expects (401 logs out, 403 and 404 do not).
 */
export function toReactAdminError(thrown: unknown): HttpError {
  // Every property is read optionally: whatever was thrown, the shape below is only a hope.
  const error = thrown as CallError | null | undefined;
  const graphQLError = error?.body?.graphQLErrors?.[0] ?? error?.graphQLErrors?.[0];
  const networkStatus =
    error?.body?.networkError?.statusCode ?? error?.body?.status ?? error?.status;
  if (!graphQLError)
    return new HttpError(error?.message ?? 'ra.notification.http_error', networkStatus ?? 500);
  const code = graphQLError.extensions?.code;
  const details = graphQLError.extensions?.error?.details;
  const fieldErrors = details?.errors;
  const zh = (localStorage.getItem('RaStore.locale') ?? '"zh-CN"').includes('zh');
  // A person reads the message, never the internal key the server puts before it ("id: id：…").
  const inLanguage = (d: { message: string; messageZh?: string; path?: string[] }) =>
    withoutFieldKey(zh && d.messageZh ? d.messageZh : d.message, d.path);
  const status =
    code === 'FORBIDDEN' || /Forbidden/.test(graphQLError.message)
      ? 403
      : code === 'STRAPI_NOT_FOUND_ERROR'
        ? 404
        : code === 'UNAUTHENTICATED'
          ? 401
          : 400;
  // Strapi's own refusals arrive in English only ("Forbidden access", "Not Found"): they become
  // the console's messages (keys react-admin translates). A field's error goes under its field
  // (`errors`), named there by its label, so the toast carries the messages alone.
  const message = fieldErrors?.length
    ? fieldErrors.map(inLanguage).join('；')
    : details?.messageZh
      ? inLanguage({ message: graphQLError.message, messageZh: details.messageZh })
      : status === 403
        ? 'linli.error.forbidden'
        : status === 404
          ? 'linli.error.not_found'
          : zh
            ? 'linli.roles.error.failed'
            : graphQLError.message;
  // A relation is edited through its `<field>.documentId` input (a ReferenceInput): the error
  // goes under both names, so it lands on the input whichever way the form names it.
  const errors = Object.fromEntries(
    (fieldErrors ?? []).flatMap((d) => [
      [d.path[0], inLanguage(d)],
      [`${d.path[0]}.documentId`, inLanguage(d)],
    ]),
  );
  return new HttpError(message, status, { errors });
}

/**
 * The schema, fetched without Apollo (its cache normalises introspection's nested, id-less
 * objects and hands back a schema with types missing) and without the user's token: the schema
 * is public, and ra-data-graphql keeps the first result for good, so an expired token must not
 * be able to spoil it. In production the server answers no introspection: the schema recorded
 * beside this file (`npm run record-introspection`) stands in, loaded only then.
 */
async function resolveIntrospection(apollo: typeof client, options: Record<string, unknown>) {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ query: getIntrospectionQuery() }),
  });
  const { data } = (await response.json().catch(() => ({}))) as { data?: IntrospectionQuery };
  const schema =
    data?.__schema ??
    ((await import('./introspection.json')).default as unknown as IntrospectionQuery).__schema;
  return introspectSchema(apollo, { ...options, schema } as never);
}

/**
 * ra-data-graphql reads `resolveIntrospection` from its options (its defaultOptions carry one)
 * but its Options type leaves it out, and types buildQuery against its own introspection shape
 * where ours reads the few fields it needs (buildQuery.ts IntrospectionResults).
 */
const graphQLProvider = buildGraphQLProvider({
  client,
  resolveIntrospection,
  buildQuery: (introspection: IntrospectionResults) =>
    buildQueryFactory(introspection, readableType),
  // Our buildQuery names the operations itself; introspection only supplies the schema.
  // (the exclusion keeps ra-data-graphql from guessing names for every other type).
  introspection: {
    include: TYPES,
    exclude: (type: { name: string }) => !TYPES.includes(type.name),
  },
} as unknown as Options);

/**
 * Reads of a resource the role may not read at all, answered here without asking: a screen may
 * still reference one (an award's application, for an incubator), and Strapi would refuse the
 * whole request. References then show nothing, as for a record outside the role's scope.
 */
const UNREADABLE_ANSWERS: Record<string, () => unknown> = {
  getList: () => ({ data: [], total: 0 }),
  getManyReference: () => ({ data: [], total: 0 }),
  getMany: () => ({ data: [] }),
  getOne: () => Promise.reject(Object.assign(new Error('linli.error.not_found'), { status: 404 })),
};

/** Every call's errors come back as react-admin errors carrying the server's message. */
export const dataProvider: DataProvider = new Proxy(graphQLProvider, {
  get(target, name: string) {
    const method: unknown = Reflect.get(target, name);
    if (typeof method !== 'function') return method;
    const unreadable = UNREADABLE_ANSWERS[name];
    if (unreadable) {
      const call = (resource: string, ...rest: unknown[]) => {
        const type = RESOURCES[resource]?.type;
        if (type && !readableType(type)) return Promise.resolve(unreadable());
        return name === 'getList'
          ? readInPages(rest[0] as ListParams, (params) => method.call(target, resource, params))
          : method.call(target, resource, ...rest);
      };
      return (resource: string, ...rest: unknown[]) =>
        Promise.resolve(call(resource, ...rest)).catch((error: unknown) => {
          throw toReactAdminError(error);
        });
    }
    const call: (...args: unknown[]) => unknown =
      name === 'getList'
        ? (...args) =>
            readInPages(args[1] as ListParams, (params) => method.call(target, args[0], params))
        : (...args) => method.apply(target, args);
    return (...args: unknown[]) =>
      Promise.resolve(call(...args)).catch((error: unknown) => {
        throw toReactAdminError(error);
      });
  },
});
