import type { AuthProvider } from 'react-admin';
import type { MeCapabilities, MeResponse } from '../../cms/server/src/shared/contracts/me';
import { SignInRefusal } from './login/LoginForm';

/**
 * users-permissions accounts: a JWT from POST /api/auth/local, kept in localStorage; the
 * identity (name, role, scope, what the role may do) from GET /api/cms/me. A 401 from the server
 * (an expired or revoked token) sends the user back to the login page. Imports nothing from
 * react-admin but types: the login page (main.tsx) signs in through it before the console loads.
 */
const TOKEN = 'linli.jwt';
const IDENTITY = 'linli.identity';

export interface Identity {
  id: string;
  fullName: string;
  role: { type: string; name: string } | null;
  scope: { documentId: string; name: string; level: string; path: string } | null;
  /** GraphQL type → the role's actions on it (GET /api/cms/me's `can`). */
  can: MeCapabilities;
}

/**
 * Roles that have no staff console: residents and volunteers use their own phone-first page
 * (forms they may fill in, their submissions), served beside the public form page.
 */
export const OWN_PAGE_ROLES: readonly string[] = ['resident', 'volunteer'];
export const OWN_PAGE = '/f/me';
/** Where a role lands after signing in; absent: the dashboard. */
const LANDING: Record<string, string> = { reviewer: '/my-reviews' };

export const getToken = (): string | null => localStorage.getItem(TOKEN);

const clear = () => {
  localStorage.removeItem(TOKEN);
  localStorage.removeItem(IDENTITY);
};

async function fetchIdentity(token: string): Promise<Identity> {
  const res = await fetch('/api/cms/me', { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) throw Object.assign(new Error(`me: ${res.status}`), { status: res.status });
  const { data } = (await res.json()) as MeResponse;
  return {
    id: data.id,
    fullName: data.username,
    role: data.role,
    scope: data.scope,
    can: data.can ?? {},
  };
}

/** The identity as kept at sign-in, if it is of this console's shape (an older one lacks `can`). */
function cachedIdentity(): Identity | null {
  try {
    const parsed = JSON.parse(localStorage.getItem(IDENTITY) ?? 'null') as Identity | null;
    return parsed && typeof parsed.can === 'object' && parsed.can ? parsed : null;
  } catch {
    return null;
  }
}

/** Whether the signed-in role holds `action` on a GraphQL type; before sign-in, nothing. */
export const can = (type: string, action: string): boolean =>
  cachedIdentity()?.can[type]?.includes(action) ?? false;

/** The signed-in viewer's area scope (null: the whole district, or before sign-in). */
export const viewerScope = (): Identity['scope'] => cachedIdentity()?.scope ?? null;

/**
 * Whether the signed-in role may read a GraphQL type (Strapi's GraphQL checks `find` on every
 * nested relation). Without a known identity everything is asked for, as before: the server
 * decides, and the sign-in page asks for nothing.
 */
export const readableType = (type: string): boolean => {
  const identity = cachedIdentity();
  return identity ? (identity.can[type]?.includes('find') ?? false) : true;
};

const ownPageRole = (identity: Identity | null) =>
  !!identity?.role && OWN_PAGE_ROLES.includes(identity.role.type);

/**
 * Residents and volunteers leave the console for their own page (a full page load). The check
 * never settles: a refusal would make react-admin sign them out (clearing the token their page
 * needs) before the browser has left.
 */
let leaving = false;
function leaveForOwnPage(): Promise<never> {
  // Once: a second replace (sign-in, then the check react-admin runs after it) would abort the
  // navigation already under way.
  if (!leaving) window.location.replace(OWN_PAGE);
  leaving = true;
  return new Promise<never>(() => undefined);
}

export const authProvider: AuthProvider = {
  async login({ username, password }: { username: string; password: string }) {
    const res = await fetch('/api/auth/local', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ identifier: username, password }),
    });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) {
      const error = body?.error ?? {};
      throw new SignInRefusal(res.status, error.message ?? '', error.details?.messageZh);
    }
    localStorage.setItem(TOKEN, body.jwt);
    const identity = await fetchIdentity(body.jwt);
    localStorage.setItem(IDENTITY, JSON.stringify(identity));
    // A full page load leaves the console; the sign-in never settles, so react-admin redirects
    // nowhere meanwhile.
    if (ownPageRole(identity)) return leaveForOwnPage();
    const landing = LANDING[identity.role?.type ?? ''];
    // Without a landing page, react-admin returns to the page that asked for sign-in.
    return landing ? { redirectTo: landing } : undefined;
  },
  async logout() {
    clear();
  },
  async checkAuth() {
    const token = getToken();
    if (!token) throw new Error('ra.auth.auth_check_error');
    let identity = cachedIdentity();
    if (!identity) {
      identity = await fetchIdentity(token).catch((error: { status?: number }) => {
        if (error?.status === 401) clear();
        throw new Error('ra.auth.auth_check_error');
      });
      localStorage.setItem(IDENTITY, JSON.stringify(identity));
    }
    if (ownPageRole(identity)) return leaveForOwnPage();
  },
  async checkError(error: { status?: number }) {
    if (error?.status === 401) {
      clear();
      throw new Error('ra.notification.logged_out');
    }
  },
  async getIdentity() {
    const cached = cachedIdentity();
    if (cached) return cached;
    const token = getToken();
    if (!token) throw new Error('ra.auth.auth_check_error');
    const identity = await fetchIdentity(token);
    localStorage.setItem(IDENTITY, JSON.stringify(identity));
    return identity;
  },
  async getPermissions() {
    return cachedIdentity()?.role?.type ?? 'public';
  },
};
