import type { Core } from '@strapi/strapi';
import { CSP_DEFAULTS } from '@strapi/utils';
import koaHelmet from 'koa-helmet';
import { defaultsDeep, mergeWith } from 'lodash/fp';

type Ctx = { method: string; path: string };
type Next = () => Promise<unknown>;
type HelmetConfig = Parameters<typeof koaHelmet>[0];
type Middleware = ReturnType<typeof koaHelmet>;

// strapi::security's defaults (@strapi/core 5.54.0, middlewares/security.js), unchanged.
const defaults = {
  crossOriginEmbedderPolicy: false,
  crossOriginOpenerPolicy: false,
  crossOriginResourcePolicy: false,
  originAgentCluster: false,
  contentSecurityPolicy: {
    useDefaults: true,
    directives: { ...CSP_DEFAULTS, upgradeInsecureRequests: null },
  },
  xssFilter: false,
  hsts: { maxAge: 31536000, includeSubDomains: true },
  frameguard: { action: 'sameorigin' },
};

const mergeConfig = (existing: object, extra: object): object =>
  mergeWith(
    (obj: unknown, src: unknown) =>
      Array.isArray(obj) && Array.isArray(src) ? obj.concat(src) : undefined,
    existing,
    extra,
  );

/**
 * strapi::security (@strapi/core 5.54.0) with its helmet middlewares built once (src/index.ts
 * puts it in the place of Strapi's). Strapi's deep-merges its defaults and builds a new helmet
 * middleware on every request, which validates and compiles the whole policy each time: about a
 * twelfth of an authenticated POST's server CPU (issue 15's profile). The headers are the
 * same, request by request — tests/unit/security-headers.test.ts holds each kind of request's
 * headers to Strapi's own middleware's.
 *
 * Which policy applies still depends on the request as in Strapi's: a GET under /documentation
 * or the GraphQL endpoint (when its playground is on) gets the playground's exceptions; in
 * development and test a GET under the admin path gets Vite's. Each of the four combinations is
 * built the first time it is needed and kept.
 */
export default (config: object, { strapi }: { strapi: Core.Strapi }) => {
  const base = defaultsDeep(defaults, config) as object;
  let playground: { paths: string[]; directives: Record<string, string[]> } | undefined;
  // Read on the first request, as Strapi reads it on every one: the GraphQL plugin's services
  // are not all there yet when middlewares are built.
  const playgroundExceptions = () => {
    if (playground) return playground;
    const paths = ['/documentation'];
    const directives: Record<string, string[]> = {
      'script-src': ["'self'", "'unsafe-inline'", 'cdn.jsdelivr.net'],
      'img-src': ["'self'", 'data:', 'cdn.jsdelivr.net', 'strapi.io'],
      'manifest-src': [],
      'frame-src': [],
    };
    const graphql = strapi.plugin('graphql');
    if (graphql?.service('utils').playground.isEnabled()) {
      paths.push(graphql.config('endpoint') as string);
      directives['script-src'].push(`https: 'unsafe-inline'`);
      directives['img-src'].push(`'apollo-server-landing-page.cdn.apollographql.com'`);
      directives['manifest-src'].push(`'self'`);
      directives['manifest-src'].push('apollo-server-landing-page.cdn.apollographql.com');
      directives['frame-src'].push(`'self'`);
      directives['frame-src'].push('sandbox.embed.apollographql.com');
    }
    playground = { paths, directives };
    return playground;
  };
  const viteDirectives = {
    'script-src': ["'self'", "'unsafe-inline'"],
    'connect-src': ["'self'", 'http:', 'https:', 'ws:'],
  };
  const development = ['development', 'test'].includes(process.env.NODE_ENV ?? '');
  const built = new Map<string, Middleware>();
  const helmetFor = (special: boolean, vite: boolean): Middleware => {
    const key = `${special}:${vite}`;
    let middleware = built.get(key);
    if (!middleware) {
      let helmetConfig = base;
      if (special)
        helmetConfig = mergeConfig(helmetConfig, {
          crossOriginEmbedderPolicy: false,
          contentSecurityPolicy: { directives: playgroundExceptions().directives },
        });
      if (vite)
        helmetConfig = mergeConfig(helmetConfig, {
          contentSecurityPolicy: { directives: viteDirectives },
        });
      middleware = koaHelmet(helmetConfig as HelmetConfig);
      built.set(key, middleware);
    }
    return middleware;
  };
  return (ctx: Ctx, next: Next) => {
    const get = ctx.method === 'GET';
    const special = get && playgroundExceptions().paths.some((path) => ctx.path.startsWith(path));
    const vite =
      development && get && ctx.path.startsWith(strapi.config.get('admin.path') as string);
    return helmetFor(special, vite)(ctx as never, next as never);
  };
};
