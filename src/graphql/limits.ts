import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  visit,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';

export interface GraphqlLimits {
  /** Most a query may cost: 1 per field, a paginated field's cost times its page size. */
  maxCost: number;
  maxAliases: number;
  /** Field selections in the whole document (graphql's own validation is quadratic in them). */
  maxFields: number;
  maxOperations: number;
  maxFragments: number;
  /** Strapi's page sizes: what a list field without `pagination` returns, and the most it may. */
  defaultLimit: number;
  maxLimit: number;
}

const envInt = (key: string, fallback: number): number => {
  const n = Number.parseInt(process.env[key] ?? '', 10);
  return Number.isFinite(n) && n > 0 ? n : fallback;
};

/** Strapi's page sizes for GraphQL (config/plugins.ts): explicit, the plugin's are unbounded. */
export const PAGE_LIMITS = { defaultLimit: 25, maxLimit: 100 } as const;

/** The limits, from the environment (README, "GraphQL limits"). */
export function graphqlLimitsFromEnv(): GraphqlLimits {
  return {
    maxCost: envInt('LINLI_GRAPHQL_MAX_COST', 50000),
    maxAliases: envInt('LINLI_GRAPHQL_MAX_ALIASES', 100),
    maxFields: envInt('LINLI_GRAPHQL_MAX_FIELDS', 1000),
    maxOperations: envInt('LINLI_GRAPHQL_MAX_OPERATIONS', 5),
    maxFragments: envInt('LINLI_GRAPHQL_MAX_FRAGMENTS', 20),
    ...PAGE_LIMITS,
  };
}

/**
 * What a request without a token or a signed-in user may ask on GraphQL: the account mutations
 * and the schema (introspection itself is off in production). Public pages read over REST.
 */
export const PUBLIC_ROOT_FIELDS: Record<string, readonly string[]> = {
  query: ['__typename', '__schema', '__type'],
  mutation: [
    '__typename',
    'login',
    'register',
    'forgotPassword',
    'resetPassword',
    'emailConfirmation',
  ],
};

/** A refusal in GraphQL's error shape, with an extensions code, Chinese and an HTTP status. */
export function refusal(
  code: string,
  message: string,
  messageZh: string,
  status = 400,
  extra: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code, messageZh, ...extra, http: { status } },
  });
}

/**
 * The page size a `pagination` argument asks for, as Strapi will serve it: `pageSize` or
 * `limit`, the default when absent, and the maximum when larger (or -1, Strapi's "all").
 */
export function pageSizeOf(pagination: unknown, limits: GraphqlLimits): number {
  const p = (pagination ?? {}) as { pageSize?: unknown; limit?: unknown };
  const asked = p.pageSize ?? p.limit;
  if (asked === undefined || asked === null) return limits.defaultLimit;
  const n = Number(asked);
  if (!Number.isFinite(n) || n <= 0 || n > limits.maxLimit) return limits.maxLimit;
  return Math.ceil(n);
}

/** A field costs 1 plus its selections; a paginated one, that times the rows it may return. */
export function paginationEstimator(limits: GraphqlLimits): ComplexityEstimator {
  return ({ field, args, childComplexity }) => {
    const own = 1 + childComplexity;
    const paginated = field.args?.some((arg) => arg.name === 'pagination');
    return paginated ? own * pageSizeOf(args.pagination, limits) : own;
  };
}

/**
 * Checks that need no schema and must come before graphql's validation, which is quadratic in
 * repeated fields and whose depth rule (graphql-depth-limit, installed by Strapi) recurses
 * forever on a fragment cycle: counts of operations, fragments, aliases and fields; fragment
 * spreads that name no fragment or lead back to themselves. Applied by the graphql-guard
 * middleware (src/middlewares/graphql-guard.ts).
 */
export function checkShape(document: DocumentNode, limits: GraphqlLimits): GraphQLError | null {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const fragments = document.definitions.filter(
    (d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION,
  );
  if (operations.length > limits.maxOperations) {
    return refusal(
      'GRAPHQL_TOO_MANY_OPERATIONS',
      `The document has ${operations.length} operations; at most ${limits.maxOperations} are allowed`,
      `请求包含 ${operations.length} 个操作，最多允许 ${limits.maxOperations} 个`,
    );
  }
  if (fragments.length > limits.maxFragments) {
    return refusal(
      'GRAPHQL_TOO_MANY_FRAGMENTS',
      `The document has ${fragments.length} fragments; at most ${limits.maxFragments} are allowed`,
      `请求包含 ${fragments.length} 个片段，最多允许 ${limits.maxFragments} 个`,
    );
  }
  let aliases = 0;
  let fields = 0;
  visit(document, {
    Field(node) {
      fields += 1;
      if (node.alias) aliases += 1;
    },
  });
  if (aliases > limits.maxAliases) {
    return refusal(
      'GRAPHQL_TOO_MANY_ALIASES',
      `The document has ${aliases} aliases; at most ${limits.maxAliases} are allowed`,
      `请求包含 ${aliases} 个别名，最多允许 ${limits.maxAliases} 个`,
    );
  }
  if (fields > limits.maxFields) {
    return refusal(
      'GRAPHQL_TOO_MANY_FIELDS',
      `The document selects ${fields} fields; at most ${limits.maxFields} are allowed`,
      `请求选择了 ${fields} 个字段，最多允许 ${limits.maxFields} 个`,
    );
  }

  const byName = new Map(fragments.map((f) => [f.name.value, f]));
  const spreadsOf = (set: SelectionSetNode | undefined): string[] => {
    const names: string[] = [];
    if (!set) return names;
    visit(set, {
      FragmentSpread(node) {
        names.push(node.name.value);
      },
    });
    return names;
  };
  for (const name of spreadsOf({
    kind: Kind.SELECTION_SET,
    selections: (operations as OperationDefinitionNode[]).flatMap((o) => o.selectionSet.selections),
  })) {
    if (!byName.has(name)) return unknownFragment(name);
  }
  // Depth-first over fragment spreads; a fragment met again on the current path is a cycle.
  const done = new Set<string>();
  const walk = (name: string, path: string[]): GraphQLError | null => {
    if (path.includes(name)) {
      const via = path.slice(path.indexOf(name) + 1);
      return refusal(
        'GRAPHQL_VALIDATION_FAILED',
        `Cannot spread fragment "${name}" within itself${via.length ? ` via ${via.map((v) => `"${v}"`).join(', ')}` : ''}`,
        `片段 "${name}" 循环引用了自身`,
      );
    }
    if (done.has(name)) return null;
    const fragment = byName.get(name);
    if (!fragment) return unknownFragment(name);
    for (const next of spreadsOf(fragment.selectionSet)) {
      const found = walk(next, [...path, name]);
      if (found) return found;
    }
    done.add(name);
    return null;
  };
  for (const fragment of fragments) {
    const found = walk(fragment.name.value, []);
    if (found) return found;
  }
  return null;
}

function unknownFragment(name: string): GraphQLError {
  return refusal(
    'GRAPHQL_VALIDATION_FAILED',
    `Unknown fragment "${name}"`,
    `未定义的片段 "${name}"`,
  );
}

/** The root fields an operation selects, through fragments and inline fragments. */
export function rootFields(document: DocumentNode, operation: OperationDefinitionNode): string[] {
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((f) => [f.name.value, f]),
  );
  const names = new Set<string>();
  const seen = new Set<string>();
  const collect = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) names.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) collect(fragment.selectionSet);
      }
    }
  };
  collect(operation.selectionSet);
  return [...names];
}

/** The parts of Apollo Server 4's request context the plugin reads. */
interface RequestContext {
  schema: GraphQLSchema;
  document?: DocumentNode;
  operation?: OperationDefinitionNode;
  request: { variables?: Record<string, unknown>; operationName?: string };
  contextValue: { state?: { auth?: { credentials?: unknown } } };
}

/**
 * An Apollo Server plugin (passed through the graphql plugin's `apolloServer.plugins`) that
 * refuses, once the operation is validated and before anything is executed, the public's queries
 * beyond {@link PUBLIC_ROOT_FIELDS} and operations costing more than `maxCost` (with the page
 * sizes the variables ask for). Apollo answers an error thrown here with its own status.
 */
export function graphqlLimitsPlugin(limits: GraphqlLimits) {
  const estimators = [paginationEstimator(limits)];
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(rc: RequestContext) {
          const { document, operation } = rc;
          if (!document || !operation) return;
          // users-permissions authenticates the public too, with no credentials: a signed-in
          // user, an API token or an administrator always has some.
          if (rc.contextValue?.state?.auth?.credentials == null) {
            const allowed = PUBLIC_ROOT_FIELDS[operation.operation] ?? [];
            const refused = rootFields(document, operation).filter((f) => !allowed.includes(f));
            if (refused.length > 0) {
              throw refusal(
                'UNAUTHENTICATED',
                `Sign in to query ${refused.join(', ')}`,
                `请先登录后再查询 ${refused.join('、')}`,
                401,
              );
            }
          }
          let cost: number;
          try {
            cost = getComplexity({
              schema: rc.schema,
              query: document,
              variables: rc.request.variables ?? {},
              operationName: operation.name?.value,
              estimators,
            });
          } catch {
            // Variables that do not fit the operation: execution refuses them (400) before any
            // resolver runs, with graphql's own message naming the variable.
            return;
          }
          if (cost > limits.maxCost) {
            throw refusal(
              'GRAPHQL_QUERY_TOO_COSTLY',
              `The query costs ${cost}; at most ${limits.maxCost} is allowed (each field counts 1, a list field times its page size): ask for fewer rows or fields`,
              `查询成本为 ${cost}，最多允许 ${limits.maxCost}（每个字段计 1，列表字段乘以每页条数）：请减少条数或字段`,
              400,
              { cost, maximumCost: limits.maxCost },
            );
          }
        },
      };
    },
  };
}
