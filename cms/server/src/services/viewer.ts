import type { Core } from '@strapi/strapi';
import { covers, isStaffRole, type Viewer } from '../domain/scope';
import { USER_UID } from '../uids';
import { dbQuery } from '../utils';
import type authCacheFactory from './auth-cache';

const VIEWER_KEY = Symbol('linli.viewer');

/** What this service reads of Koa's request state, as Strapi's auth strategies leave it. */
interface AuthState {
  auth?: {
    strategy?: { name?: string };
    credentials?: { id?: number | string | null; name?: string | null } | null;
  };
  user?: {
    id: number | string;
    username?: string | null;
    email?: string | null;
    firstname?: string | null;
  } | null;
  [VIEWER_KEY]?: Viewer;
}
type Ctx = { state: AuthState } | undefined;

interface UserScopeRow {
  role: { type: string } | null;
  scope: { path: string | null } | null;
}

/**
 * Strapi 5.54's names for its token strategies: `content-api-token` for the admin panel's API
 * tokens on the content API, `admin-token` for admin tokens on the admin API (they act for
 * their owner, an administrator). Neither is scoped to an area: what a token may do is what it
 * was given — Strapi's own verify step refuses a read-only token anything but find/findOne, and a
 * custom token anything outside its permissions, before a controller runs.
 * (Strapi 4 called the first `api-token`; a check for that name treated every token as the public.)
 */
export const TOKEN_STRATEGIES: readonly string[] = ['content-api-token', 'admin-token'];

export interface Actor {
  type: 'user' | 'admin' | 'api-token' | 'system';
  id: string | null;
  name: string | null;
}

/**
 * Who is asking, and what they may see: derived once per request from Strapi's auth state.
 * Calls made outside a request (bootstrap, seed, scripts) act as the system, unscoped.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const currentContext = (): Ctx => strapi.requestContext.get() as Ctx;
  const authCache = () =>
    strapi.plugin('cms').service('authCache') as ReturnType<typeof authCacheFactory>;

  async function loadViewer(ctx: Ctx): Promise<Viewer> {
    if (!ctx) return { kind: 'global' };
    const strategy: string | undefined = ctx.state.auth?.strategy?.name;
    if (strategy === 'admin' || (strategy && TOKEN_STRATEGIES.includes(strategy)))
      return { kind: 'global' };
    const user = ctx.state.user;
    // Any other request (no user, an unknown strategy, GET /graphql, which skips
    // authentication) is treated as the public: never wider than that.
    if (!user || strategy !== 'users-permissions') return { kind: 'public', role: 'public' };
    // Kept between requests until the user, their role or an area changes (auth-cache.ts).
    return authCache().remember(`viewer:${user.id}`, async (): Promise<Viewer> => {
      const row: UserScopeRow | null = await dbQuery(strapi, USER_UID).findOne({
        where: { id: user.id },
        select: ['id'],
        populate: { role: { select: ['type'] }, scope: { select: ['path'] } },
      });
      const role: string = row?.role?.type ?? 'public';
      if (isStaffRole(role)) return { kind: 'scoped', role, scopePath: row?.scope?.path ?? null };
      return { kind: 'public', role };
    });
  }

  return {
    /** The viewer of the current request (memoised on the request's state). */
    async current(): Promise<Viewer> {
      const ctx = currentContext();
      if (!ctx) return { kind: 'global' };
      if (!ctx.state[VIEWER_KEY]) ctx.state[VIEWER_KEY] = await loadViewer(ctx);
      return ctx.state[VIEWER_KEY] as Viewer;
    },

    /** Who to name in the audit log for the current request. */
    actor(): Actor {
      const ctx = currentContext();
      const strategy: string | undefined = ctx?.state.auth?.strategy?.name;
      const credentials = ctx?.state.auth?.credentials;
      if (strategy === 'users-permissions' && ctx?.state.user) {
        return {
          type: 'user',
          id: String(ctx.state.user.id),
          name: ctx.state.user.username ?? null,
        };
      }
      if (strategy === 'admin' && ctx?.state.user) {
        const u = ctx.state.user;
        return { type: 'admin', id: String(u.id), name: u.email ?? u.firstname ?? null };
      }
      if (strategy && TOKEN_STRATEGIES.includes(strategy)) {
        return {
          type: 'api-token',
          id: credentials?.id ? String(credentials.id) : null,
          name: credentials?.name ?? null,
        };
      }
      return { type: 'system', id: null, name: null };
    },

    covers,
  };
};
