import { parse, type DocumentNode, type GraphQLError } from 'graphql';
import type { Core } from '@strapi/strapi';
import { checkShape, graphqlLimitsFromEnv } from '../graphql/limits';

/** The part of Koa's context the guard uses. */
interface GuardContext {
  path: string;
  method: string;
  query: Record<string, unknown>;
  req: AsyncIterable<Buffer>;
  request: { body?: unknown; rawBody?: string };
  status: number;
  body: unknown;
  is(type: string): string | false | null;
  get(header: string): string;
}

interface Refusal {
  message: string;
  extensions: Record<string, unknown>;
}

/** koa-bodyparser's default, which the graphql route used to parse its JSON with. */
const MAX_BODY_BYTES = 1024 * 1024;

const answer = (ctx: GuardContext, status: number, error: GraphQLError | Refusal) => {
  // `http` tells Apollo the status; it is not part of the answer.
  const extensions = { ...(error.extensions ?? {}) };
  delete extensions.http;
  ctx.status = status;
  ctx.body = { errors: [{ message: error.message, extensions }] };
};

/**
 * Refuses GraphQL documents of the wrong shape (too many operations, fragments, aliases or
 * fields; fragment cycles; unknown fragments) before Apollo Server sees them. It cannot be an
 * Apollo plugin or validation rule: Apollo answers an error thrown before validation with a 500,
 * and the graphql plugin installs graphql-depth-limit as the first validation rule, which recurses
 * forever on a fragment cycle, while graphql's own rules are quadratic in repeated fields.
 *
 * strapi::body skips the GraphQL endpoint (the route parses its own body), so the guard reads the
 * JSON body itself and leaves it on `ctx.request.body`, where the route's body parser takes it as
 * already parsed. Other POST bodies are refused: Apollo Server is spoken to in JSON only.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const endpoint = String(strapi.config.get('plugin::graphql.endpoint', '/graphql'));
  const limits = graphqlLimitsFromEnv();

  return async (ctx: GuardContext, next: () => Promise<void>) => {
    if (ctx.path !== endpoint || (ctx.method !== 'POST' && ctx.method !== 'GET')) return next();

    let query: unknown = ctx.method === 'GET' ? ctx.query.query : undefined;
    if (ctx.method === 'POST') {
      if (!ctx.is('application/json')) {
        return answer(ctx, 415, {
          message: 'Send GraphQL requests as application/json',
          extensions: { code: 'BAD_REQUEST', messageZh: 'GraphQL 请求须以 application/json 发送' },
        });
      }
      // input-guard (before this) has normally read and parsed the JSON already.
      if (ctx.request.body !== undefined) {
        query = (ctx.request.body as { query?: unknown } | null)?.query;
        return shapeChecked(query);
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of ctx.req) {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
          return answer(ctx, 413, {
            message: 'The request body is too large',
            extensions: { code: 'BAD_REQUEST', messageZh: '请求内容过大' },
          });
        }
        chunks.push(chunk);
      }
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = raw === '' ? {} : JSON.parse(raw);
      } catch {
        return answer(ctx, 400, {
          message: 'The request body is not valid JSON',
          extensions: { code: 'BAD_REQUEST', messageZh: '请求内容不是有效的 JSON' },
        });
      }
      ctx.request.body = body;
      ctx.request.rawBody = raw;
      query = (body as { query?: unknown } | null)?.query;
    }
    return shapeChecked(query);

    async function shapeChecked(query: unknown): Promise<void> {
      if (typeof query !== 'string') return next();

      let document: DocumentNode;
      try {
        document = parse(query);
      } catch {
        return next(); // Apollo answers a syntax error itself (400, naming the place).
      }
      const refused = checkShape(document, limits);
      if (refused) {
        const status = (refused.extensions.http as { status?: number } | undefined)?.status ?? 400;
        return answer(ctx, status, refused);
      }
      return next();
    }
  };
};
