import type { AuthProvider } from 'react-admin';

/**
 * users-permissions accounts: a JWT from POST /api/auth/local, kept in localStorage; the
 * identity (name, role, scope) from GET /api/cms/me. A 401 from the server (an expired or
 * revoked token) sends the user back to the login page.
 */
const TOKEN = 'linli.jwt';
const IDENTITY = 'linli.identity';

export interface Identity {
  id: string;
  fullName: string;
  role: { type: string; name: string } | null;
  scope: { documentId: string; name: string; level: string; path: string } | null;
}

export const getToken = (): string | null => localStorage.getItem(TOKEN);

const clear = () => {
  localStorage.removeItem(TOKEN);
  localStorage.removeItem(IDENTITY);
};

async function fetchIdentity(token: string): Promise<Identity> {
  const res = await fetch('/api/cms/me', { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`me: ${res.status}`);
  const { data } = await res.json();
  return { id: data.id, fullName: data.username, role: data.role, scope: data.scope };
}

export const authProvider: AuthProvider = {
  async login({ username, password }: { username: string; password: string }) {
    const res = await fetch('/api/auth/local', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ identifier: username, password }),
    });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(body?.error?.message ?? 'ra.auth.sign_in_error');
    localStorage.setItem(TOKEN, body.jwt);
    localStorage.setItem(IDENTITY, JSON.stringify(await fetchIdentity(body.jwt)));
  },
  async logout() {
    clear();
  },
  async checkAuth() {
    if (!getToken()) throw new Error('ra.auth.auth_check_error');
  },
  async checkError(error: { status?: number }) {
    if (error?.status === 401) {
      clear();
      throw new Error('ra.notification.logged_out');
    }
  },
  async getIdentity() {
    const cached = localStorage.getItem(IDENTITY);
    if (cached) return JSON.parse(cached) as Identity;
    const token = getToken();
    if (!token) throw new Error('ra.auth.auth_check_error');
    const identity = await fetchIdentity(token);
    localStorage.setItem(IDENTITY, JSON.stringify(identity));
    return identity;
  },
  async getPermissions() {
    const cached = localStorage.getItem(IDENTITY);
    return cached ? ((JSON.parse(cached) as Identity).role?.type ?? 'public') : 'public';
  },
};
