// src/http/security-headers.ts stands in for strapi::security with its helmet middlewares built
// once: every kind of request must get exactly the headers Strapi's own middleware gives it, in
// every environment and configuration the app can run in. Held here to Strapi's middleware
// itself, so an upgrade that changes Strapi's policy fails this test rather than drifting.
import path from 'path';
import Koa from 'koa';
import request from 'supertest';
import securityHeaders from '../../src/http/security-headers';

// Strapi's own middleware, from the installed @strapi/core (its package exports hide the path).
const strapiCore = path.dirname(require.resolve('@strapi/core'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { security: strapiSecurity } = require(path.join(strapiCore, 'middlewares/security.js'));

type Factory = (config: object, deps: { strapi: never }) => Koa.Middleware;

const fakeStrapi = (playground: boolean) =>
  ({
    plugin: (name: string) =>
      name === 'graphql'
        ? {
            service: () => ({ playground: { isEnabled: () => playground } }),
            config: () => '/graphql',
          }
        : undefined,
    config: { get: (key: string) => (key === 'admin.path' ? '/admin' : undefined) },
  }) as never;

function app(factory: Factory, config: object, playground: boolean) {
  const koa = new Koa();
  koa.use(factory(config, { strapi: fakeStrapi(playground) }));
  koa.use((ctx) => {
    ctx.body = { ok: true };
  });
  return koa.callback();
}

const requests: [string, string][] = [
  ['GET', '/api/cms/me'],
  ['POST', '/api/ledger/transfers'],
  ['GET', '/graphql'],
  ['POST', '/graphql'],
  ['GET', '/documentation/v1.0.0'],
  ['GET', '/admin/auth/login'],
  ['POST', '/admin/login'],
  ['GET', '/f/resident-request'],
  ['GET', '/console/'],
];

const configs: [string, object][] = [
  ['no configuration', {}],
  [
    'a configured policy',
    {
      contentSecurityPolicy: { directives: { 'img-src': ["'self'", 'data:', 'blob:'] } },
      frameguard: { action: 'deny' },
    },
  ],
];

// Every header but the date, which differs between two answers a moment apart.
const headersOf = (res: request.Response) =>
  Object.fromEntries(Object.entries(res.headers).filter(([name]) => name !== 'date'));

describe('security headers built once, as strapi::security gives them', () => {
  const env = process.env.NODE_ENV;
  afterAll(() => {
    process.env.NODE_ENV = env;
  });

  for (const nodeEnv of ['test', 'development', 'production'])
    for (const playground of [true, false])
      for (const [configName, config] of configs)
        it(`${nodeEnv}, playground ${playground ? 'on' : 'off'}, ${configName}`, async () => {
          process.env.NODE_ENV = nodeEnv;
          const ours = app(securityHeaders as unknown as Factory, config, playground);
          const strapis = app(strapiSecurity as Factory, config, playground);
          for (const [method, path] of requests) {
            // Twice each, so a policy kept from an earlier request shows if it leaks into the next.
            for (let round = 0; round < 2; round += 1) {
              const call = (handler: typeof ours) =>
                method === 'GET' ? request(handler).get(path) : request(handler).post(path);
              const [mine, theirs] = await Promise.all([call(ours), call(strapis)]);
              expect({ method, path, headers: headersOf(mine) }).toEqual({
                method,
                path,
                headers: headersOf(theirs),
              });
            }
          }
        });

  it('gives the playground and the admin panel their own policies (the cases differ)', async () => {
    process.env.NODE_ENV = 'development';
    const ours = app(securityHeaders as unknown as Factory, {}, true);
    const csp = async (path: string) =>
      (await request(ours).get(path)).headers['content-security-policy'];
    const api = await csp('/api/cms/me');
    expect(await csp('/graphql')).not.toEqual(api);
    expect(await csp('/admin/auth/login')).not.toEqual(api);
    expect(await csp('/graphql')).toContain('sandbox.embed.apollographql.com');
    expect(api).not.toContain('sandbox.embed.apollographql.com');
  });
});
