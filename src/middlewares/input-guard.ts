import type { IncomingMessage } from 'http';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import {
  BODY_PARSED,
  MAX_GRAPHQL_BODY_BYTES,
  checkContentType,
  checkPagination,
  checkPath,
  checkQueryString,
  errorBody,
  parseFailure,
  type Refusal,
} from '../input/checks';

type Ctx = {
  method: string;
  path: string;
  querystring: string;
  query: Record<string, unknown>;
  req: IncomingMessage;
  request: { body?: unknown };
  state: Record<string, unknown>;
  status: number;
  body: unknown;
  get(header: string): string;
};

/** Routes of Strapi's own plugins that list records, and what they list. */
const STRAPI_LISTS: [string, string][] = [
  ['/api/users', 'plugin::users-permissions.user'],
  ['/api/upload/files', 'plugin::upload.file'],
];

const hasBody = (req: IncomingMessage) =>
  req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length']) > 0;

/** A body too large or not JSON, as the error parseFailure() knows (raw-body's `type`). */
const failure = (type: string, message: string) => Object.assign(new Error(message), { type });

async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  if (Number(req.headers['content-length']) > limit) throw failure('entity.too.large', 'too large');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw failure('entity.too.large', 'too large');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  // Strict, as koa-bodyparser is: only an object or an array (a batch) is a GraphQL request.
  if (!/^[[{]/.test(text)) throw failure('entity.parse.failed', 'not a JSON object');
  try {
    return JSON.parse(text);
  } catch {
    throw failure('entity.parse.failed', 'malformed JSON');
  }
}

/**
 * Placed just before strapi::body, in front of every route: refuses a null character in the path,
 * and query strings with null
 * characters, prototype keys, nesting qs would flatten, or pagination the database cannot take;
 * bodies of a content type nothing here parses; and answers the body parsers' failures (malformed
 * JSON or multipart, too large) as 400/413/415 in Strapi's error shape instead of 500.
 * /graphql bypasses strapi::body, so its JSON is read here, within koa-bodyparser's 1 MB, and
 * body-guard checks it like any other body.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const graphql = strapi.plugin('graphql')
    ? (strapi.plugin('graphql').config('endpoint') as string)
    : null;
  return async (ctx: Ctx, next: () => Promise<void>) => {
    const answer = (refusal: Refusal) => {
      ctx.status = refusal.status;
      ctx.body = errorBody(refusal);
    };
    const inUrl =
      checkPath(ctx.path) ??
      checkQueryString(ctx.querystring) ??
      checkPagination(ctx.query.pagination);
    if (inUrl) return answer(inUrl);
    // Strapi's own lists (users, uploads) query below the Document Service, where the kit's
    // checks run for every other list: check their filter and sort values here the same way.
    const own = STRAPI_LISTS.find(([prefix]) => ctx.path.startsWith(prefix));
    if (own && ctx.method === 'GET' && (ctx.query.filters !== undefined || ctx.query.sort)) {
      const kit = strapi.plugin('cms').service('kit') as {
        guardRead(uid: string, params: Record<string, unknown>, viewer: { kind: 'global' }): void;
      };
      try {
        kit.guardRead(
          own[1],
          { filters: ctx.query.filters, sort: ctx.query.sort },
          { kind: 'global' },
        );
      } catch (error) {
        throw (strapi.plugin('cms').service('errors') as { toHttp(e: unknown): unknown }).toHttp(
          error,
        );
      }
    }

    const isGraphql = ctx.path === graphql;
    if (hasBody(ctx.req) && (isGraphql || ctx.path.startsWith('/api/'))) {
      const type = checkContentType(ctx.get('content-type') || undefined, isGraphql);
      if (type) return answer(type);
      if (isGraphql && ctx.method === 'POST') {
        try {
          ctx.request.body = await readJson(ctx.req, MAX_GRAPHQL_BODY_BYTES);
        } catch (error) {
          return answer(parseFailure(error));
        }
      }
    }

    try {
      await next();
    } catch (error) {
      // Thrown before body-guard ran: only strapi::body lies between, so its parser failed.
      if (ctx.state[BODY_PARSED] || error instanceof errors.ApplicationError) throw error;
      answer(parseFailure(error));
    }
  };
};
