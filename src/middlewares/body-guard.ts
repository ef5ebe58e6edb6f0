import type { Core } from '@strapi/strapi';
import {
  BODY_PARSED,
  checkBody,
  checkFileNames,
  checkGraphqlText,
  errorBody,
} from '../input/checks';

type Ctx = {
  path: string;
  request: { body?: unknown; files?: unknown };
  state: Record<string, unknown>;
  status: number;
  body: unknown;
};

/**
 * Placed just after strapi::body: refuses a parsed body (or /graphql's, read by input-guard) with
 * a `__proto__`, `constructor` or `prototype` key, a null character, or nesting past 32 levels,
 * or a file name with a control character, with a 400 naming the field — before any route merges,
 * validates or stores it.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const graphql = strapi.plugin('graphql')
    ? (strapi.plugin('graphql').config('endpoint') as string)
    : null;
  return async (ctx: Ctx, next: () => Promise<void>) => {
    ctx.state[BODY_PARSED] = true;
    const body = ctx.request.body;
    const refusal =
      checkBody(body) ??
      checkFileNames(ctx.request.files) ??
      (ctx.path === graphql ? checkGraphqlText(body) : null);
    if (refusal) {
      ctx.status = refusal.status;
      ctx.body = errorBody(refusal);
      return;
    }
    await next();
  };
};
