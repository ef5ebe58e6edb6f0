import type { Core } from '@strapi/strapi';
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

/**
 * Strapi's documented way to change a plugin's behaviour: `src/extensions/<plugin>/strapi-server`
 * receives the plugin before it is registered. The auth controller is wrapped here rather than a
 * route middleware added, because the REST routes (/api/auth/local, /api/auth/forgot-password)
 * and the GraphQL mutations (login, forgotPassword) all call these two controller actions: one
 * wrapper covers both doors.
 */
export default (plugin: { controllers: Record<string, ControllerFactory> }) => {
  const createAuth = plugin.controllers.auth as ControllerFactory;

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
