import path from 'path';
import { GraphQLObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { getOr } from 'lodash/fp';

/**
 * Strapi's GraphQL wraps the resolver of every field of every type (@strapi/plugin-graphql
 * 5.54.0, services/content-api/wrap-resolvers.js) in an async function that authorizes, builds a
 * policy context with lodash, runs the field's middlewares and policies, then calls the field's
 * own resolver — for a person's `name` as for the root query. For a field of a row type with
 * nothing configured (no `auth`, no `policies`, no `middlewares` in the extension's
 * resolversConfig) the wrapper authorizes nothing (only Query, Mutation and Subscription fields,
 * or fields with an `auth` config, are verified), runs no middleware and no policy, and answers
 * what the field's own resolver answers. A page of 25 people with their community resolves about
 * 250 such fields: about a sixth of the console's GraphQL people list at city scale went to the
 * wrapper (issue 15's profile; p50 21–24 → 18–20 ms at a million people on SQLite).
 *
 * So the schema is wrapped as Strapi wraps it, and then each such field gets its own resolver
 * back — the one it had before wrapping (masking of personal fields is such a resolver and stays),
 * or Strapi's default, the parent's property of the field's name. Root fields, and every field
 * with any configuration, keep Strapi's wrapper untouched. tests/api/graphql-crud.test.ts checks
 * which fields are unwrapped; people-and-places.test.ts and kit-scope.test.ts hold the masking,
 * scopes and relation filters these resolvers still apply.
 */

type WrapOptions = {
  schema: GraphQLSchema;
  extension?: { resolversConfig?: Record<string, unknown> };
};
type WrapModule = { wrapResolvers(options: WrapOptions): GraphQLSchema };

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);
const CONFIGURED = ['auth', 'policies', 'middlewares'];

/**
 * Marks the resolvers given back, so a test can tell them from Strapi's wrappers (a symbol from
 * the global registry: the test loads this file apart from the server's build).
 */
export const PLAIN = Symbol.for('linli.plainField');

const objectTypes = (schema: GraphQLSchema) =>
  Object.entries(schema.getTypeMap()).filter(
    ([name, type]) => type instanceof GraphQLObjectType && !name.startsWith('__'),
  ) as [string, GraphQLObjectType][];

/** Whether Strapi's wrapper does anything for the field: read as Strapi reads it (lodash's path). */
const hasConfig = (resolversConfig: Record<string, unknown>, key: string): boolean => {
  const config: unknown = getOr({}, key, resolversConfig);
  return (
    typeof config === 'object' &&
    config !== null &&
    CONFIGURED.some((name) => (config as Record<string, unknown>)[name] !== undefined)
  );
};

function plain(resolve: GraphQLFieldResolver<unknown, unknown> | undefined, field: string) {
  const own: GraphQLFieldResolver<unknown, unknown> =
    resolve ??
    ((parent) => (parent == null ? undefined : (parent as Record<string, unknown>)[field]));
  // A wrapper of our own, so the mark never lands on a resolver shared with another field.
  const given: GraphQLFieldResolver<unknown, unknown> = (parent, args, context, info) =>
    own(parent, args, context, info);
  (given as unknown as Record<symbol, boolean>)[PLAIN] = true;
  return given;
}

/** Puts the unwrapping around Strapi's wrapResolvers; call before the GraphQL plugin builds. */
export function keepPlainFieldsUnwrapped(): void {
  const server = path.dirname(require.resolve('@strapi/plugin-graphql/strapi-server'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const wrapModule = require(
    path.join(server, 'services/content-api/wrap-resolvers.js'),
  ) as WrapModule;
  const wrapResolvers = wrapModule.wrapResolvers;
  if ((wrapResolvers as unknown as Record<symbol, boolean>)[PLAIN]) return;
  const unwrapping = (options: WrapOptions): GraphQLSchema => {
    const own = new Map<string, GraphQLFieldResolver<unknown, unknown> | undefined>();
    for (const [typeName, type] of objectTypes(options.schema))
      for (const [fieldName, field] of Object.entries(type.getFields()))
        own.set(`${typeName}.${fieldName}`, field.resolve);
    const schema = wrapResolvers(options);
    const config = options.extension?.resolversConfig ?? {};
    for (const [typeName, type] of objectTypes(schema)) {
      if (ROOT_TYPES.has(typeName)) continue;
      for (const [fieldName, field] of Object.entries(type.getFields())) {
        const key = `${typeName}.${fieldName}`;
        if (fieldName.startsWith('__') || hasConfig(config, key) || !own.has(key)) continue;
        field.resolve = plain(own.get(key), fieldName);
      }
    }
    return schema;
  };
  (unwrapping as unknown as Record<symbol, boolean>)[PLAIN] = true;
  wrapModule.wrapResolvers = unwrapping;
}
