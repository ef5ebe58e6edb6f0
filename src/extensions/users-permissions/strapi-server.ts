import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import type { CmsServices } from '../../../cms/server/src/shared/contracts/services';
import { loginLimiter } from '../../accounts/login-limit';

/** The part of Koa's context these wrappers use. */
interface AuthContext {
  params?: { provider?: string };
  request: { body?: Record<string, unknown> };
  set(header: string, value: string): void;
  send(body: unknown): void;
}
type Action = (ctx: AuthContext, ...rest: unknown[]) => Promise<unknown>;
type Controller = Record<string, Action>;
type ControllerFactory = (deps: { strapi: Core.Strapi }) => Controller;

interface StrapiErrorLike {
  name?: string;
  details?: { errors?: { path?: string[] }[]; retryAfter?: number };
}

/** What an auth strategy's authenticate answers (Strapi's auth service reads these fields). */
interface AuthResult {
  authenticated?: boolean;
  credentials?: Record<string, unknown> | null;
  ability?: unknown;
  error?: string | null;
}
interface RequestState {
  state: { user?: unknown; session?: { id: string } };
  request?: { header?: { authorization?: unknown } };
}
/** A verified token's payload, as users-permissions' jwt service answers it. */
interface VerifiedToken {
  id?: unknown;
  sessionId?: string;
  exp?: number;
}
interface Strategy {
  name: string;
  authenticate(ctx: RequestState): Promise<AuthResult>;
  verify?(...args: unknown[]): unknown;
}
interface AuthService {
  register(type: string, strategy: Strategy): unknown;
}

/**
 * users-permissions' strategy with what it reads kept between requests: on every request it
 * reads the user with their role, the advanced settings and the role's permissions, and builds
 * the permission engine's ability — milliseconds before any work. The token is still verified
 * on every request; the rest is kept by the cms plugin's auth cache, keyed by user and session,
 * and dropped in every process when a user, role, permission or area changes.
 */
function withKeptUsers(strapi: Core.Strapi, strategy: Strategy): Strategy {
  const cache = () => strapi.plugin('cms').service('authCache') as CmsServices['authCache'];
  const jwt = () =>
    strapi.plugin('users-permissions').service('jwt') as {
      getToken(ctx: unknown): Promise<VerifiedToken | null>;
    };
  /**
   * The token's verified payload: checking an HS256 signature costs little, but the JWT
   * library turns the secret into a key object on every call. A verified token is kept only
   * while it stays valid for longer than the cache keeps anything.
   */
  async function verified(ctx: RequestState): Promise<VerifiedToken | null> {
    const header = ctx.request?.header?.authorization;
    if (typeof header !== 'string' || header.length > 4096) return jwt().getToken(ctx);
    return cache().remember(
      `jwt:${header}`,
      () => jwt().getToken(ctx),
      (token) =>
        token !== null && typeof token.exp === 'number' && token.exp * 1000 > Date.now() + 60_000,
    );
  }
  return {
    ...strategy,
    async authenticate(ctx) {
      let token: VerifiedToken | null;
      try {
        token = await verified(ctx);
      } catch {
        return strategy.authenticate(ctx);
      }
      if (token && token.id === undefined) return strategy.authenticate(ctx);
      const key = token ? `auth:${String(token.id)}:${token.sessionId ?? ''}` : 'auth:public';
      const result = await cache().remember(
        key,
        () => strategy.authenticate(ctx),
        (made) => made.authenticated === true && !made.error,
      );
      if (!result.credentials) return result;
      // Each request gets its own copy of the user: nothing one request does to it reaches another.
      const user = { ...result.credentials };
      ctx.state.user = user;
      if (token?.sessionId) ctx.state.session = { id: token.sessionId };
      return { ...result, credentials: user };
    },
  };
}

/**
 * Strapi's API-token strategy (the admin registers it before users-permissions' on the content
 * API, so it runs first on every request) with its lookup kept: it hashes the bearer token and
 * reads `strapi_api_tokens` with the token's permissions on every request — also for every
 * signed-in person's JWT, which can never be an API token. A JWT has two dots and an API token
 * is hex (Strapi makes them with randomBytes(…).toString('hex')), so a JWT is passed on to the
 * next strategy without a query; a real token's answer is kept by the auth cache (dropped in
 * every process when a token or its permissions change, and after LINLI_AUTH_CACHE_SECONDS). Its
 * expiry is checked again by the strategy's verify on every request, from the kept record.
 */
function withKeptApiTokens(strapi: Core.Strapi, strategy: Strategy): Strategy {
  const cache = () => strapi.plugin('cms').service('authCache') as CmsServices['authCache'];
  return {
    ...strategy,
    async authenticate(ctx) {
      const header = ctx.request?.header?.authorization;
      if (typeof header !== 'string' || header.length > 4096) return strategy.authenticate(ctx);
      const [scheme, token, ...more] = header.split(/\s+/);
      if (scheme?.toLowerCase() === 'bearer' && more.length === 0 && token?.includes('.'))
        return { authenticated: false };
      // Keyed by a digest: the cache never holds a usable token.
      const key = `api-token:${crypto.createHash('sha256').update(header).digest('base64')}`;
      const result = await cache().remember(
        key,
        () => strategy.authenticate(ctx),
        (made) => made.authenticated === true && !made.error,
      );
      if (!result.credentials) return result;
      return { ...result, credentials: { ...result.credentials } };
    },
  };
}

/** The content API's strategies, each swapped for its kept version as it is registered. */
function keepContentApiStrategies(strapi: Core.Strapi): void {
  const auth = strapi.get('auth') as AuthService & { linliKept?: boolean };
  if (auth.linliKept) return;
  auth.linliKept = true;
  const register = auth.register;
  auth.register = (type, strategy) =>
    register.call(
      auth,
      type,
      type !== 'content-api'
        ? strategy
        : strategy.name === 'users-permissions'
          ? withKeptUsers(strapi, strategy)
          : strategy.name === 'content-api-token'
            ? withKeptApiTokens(strapi, strategy)
            : strategy,
    );
}

/**
 * Strapi's documented way to change a plugin's behaviour: `src/extensions/<plugin>/strapi-server`
 * receives the plugin before it is registered. The auth controller is wrapped here rather than a
 * route middleware added, because the REST routes (/api/auth/local, /api/auth/forgot-password)
 * and the GraphQL mutations (login, forgotPassword) all call these two controller actions: one
 * wrapper covers both doors. The content API's strategies are swapped for ones that keep what
 * they read between requests (withKeptUsers, withKeptApiTokens).
 */
export default (plugin: {
  controllers: Record<string, ControllerFactory>;
  register: (deps: { strapi: Core.Strapi }) => unknown;
}) => {
  const createAuth = plugin.controllers.auth as ControllerFactory;

  // Strategies are registered in the modules' register phase, the admin's (API tokens) before
  // users-permissions'. Extensions are applied earlier, when Strapi loads the plugins, and the
  // Strapi instance is already the global one then: the swap is in place before either registers.
  const current = (globalThis as { strapi?: Core.Strapi }).strapi;
  if (current) keepContentApiStrategies(current);
  const registerPlugin = plugin.register;
  plugin.register = ({ strapi }) => {
    // Without a global instance (never seen in Strapi 5), users-permissions' strategy at least.
    keepContentApiStrategies(strapi);
    return registerPlugin({ strapi });
  };

  plugin.controllers.auth = ({ strapi }) => {
    const auth = createAuth({ strapi });
    const limiter = loginLimiter(strapi);

    return {
      ...auth,

      /**
       * POST /api/auth/local (and GraphQL `login`): limited per account, whatever the address.
       * Other providers (OAuth callbacks) carry no identifier and pass through.
       */
      async callback(ctx, ...rest) {
        const identifier = ctx.request.body?.identifier;
        const provider = ctx.params?.provider ?? 'local';
        if (provider !== 'local' || typeof identifier !== 'string' || identifier.trim() === '') {
          return auth.callback(ctx, ...rest);
        }
        try {
          await limiter.attempt(identifier);
        } catch (error) {
          const retryAfter = (error as StrapiErrorLike).details?.retryAfter;
          if (retryAfter) ctx.set('Retry-After', String(retryAfter));
          throw error;
        }
        const result = await auth.callback(ctx, ...rest);
        await limiter.succeeded(identifier);
        return result;
      },

      /**
       * POST /api/auth/forgot-password (and GraphQL `forgotPassword`): the same `{ ok: true }`
       * whether or not an account has the address, and whether or not a mail could be sent —
       * Strapi's own answers 200 for an unknown address and 500 when sending to a known one
       * fails, which tells anyone which addresses have accounts. A malformed address is still
       * refused (400), before any account is looked up.
       */
      async forgotPassword(ctx, ...rest) {
        try {
          return await auth.forgotPassword(ctx, ...rest);
        } catch (error) {
          const e = error as StrapiErrorLike;
          const badInput =
            e?.name === 'ValidationError' &&
            (e.details?.errors ?? []).some((item) => item.path?.[0] === 'email');
          if (badInput) throw error;
          // The error's message may name the address or its mail domain: only its kind is logged.
          strapi.log.warn(
            `Password reset requested, but no mail could be sent (${e?.name ?? 'Error'}); ` +
              'check the email provider',
          );
          ctx.send({ ok: true });
          return undefined;
        }
      },
    };
  };

  return plugin;
};
