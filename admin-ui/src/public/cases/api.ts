import type { MeResponse } from '../../../../cms/server/src/shared/contracts/me';
import type { Attachment } from '../../../../plugins/cases/server/src/shared/contracts/cases';
import { IDENTITY, Refusal, TOKEN } from '../timebank/api';

/**
 * /api/cases/… from the phone pages. The grid worker's calls carry the console's token (same
 * origin, same key); the resident's receipt calls carry none: they are public, and a stale token
 * left in the browser would turn them into a 401.
 */
export async function cases<T>(
  path: string,
  body?: unknown,
  { signedIn = true }: { signedIn?: boolean } = {},
): Promise<T> {
  const token = signedIn ? localStorage.getItem(TOKEN) : null;
  const res = await fetch(`/api/cases${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return answer<T>(res);
}

async function answer<T>(res: Response): Promise<T> {
  const parsed = (await res.json().catch(() => ({}))) as {
    data?: T;
    error?: ConstructorParameters<typeof Refusal>[1];
  };
  if (!res.ok) throw new Refusal(res.status, parsed.error);
  return parsed.data as T;
}

/** POST /api/cases/attachments: the photos as multipart `files`, checked like form uploads. */
export async function uploadFiles(files: File[]): Promise<Attachment[]> {
  const form = new FormData();
  for (const file of files) form.append('files', file, file.name);
  const token = localStorage.getItem(TOKEN);
  const res = await fetch('/api/cases/attachments', {
    method: 'POST',
    headers: token ? { Authorization: `Bearer ${token}` } : {},
    body: form,
  });
  return answer<Attachment[]>(res);
}

/**
 * Signs in as the console does (POST /api/auth/local), keeping the token under the console's key
 * so the console and /f/me share it. The console's cached identity is dropped, not rewritten: it
 * fetches the new person's own at its next check.
 */
export async function signInWithPassword(identifier: string, password: string): Promise<void> {
  const res = await fetch('/api/auth/local', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ identifier, password }),
  });
  const parsed = (await res.json().catch(() => ({}))) as {
    jwt?: string;
    error?: ConstructorParameters<typeof Refusal>[1];
  };
  if (!res.ok || !parsed.jwt) throw new Refusal(res.status, parsed.error);
  localStorage.setItem(TOKEN, parsed.jwt);
  localStorage.removeItem(IDENTITY);
}

export function signOut(): void {
  localStorage.removeItem(TOKEN);
  localStorage.removeItem(IDENTITY);
}

export type Me = MeResponse['data'];

/** GET /api/cms/me: who is signed in, their role and their area scope. */
export async function fetchMe(): Promise<Me> {
  const token = localStorage.getItem(TOKEN);
  const res = await fetch('/api/cms/me', {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
  const parsed = (await res.json().catch(() => ({}))) as Partial<MeResponse> & {
    error?: ConstructorParameters<typeof Refusal>[1];
  };
  if (!res.ok || !parsed.data) throw new Refusal(res.status, parsed.error);
  return parsed.data;
}

export interface Community {
  documentId: string;
  name: string;
  path: string;
}

/**
 * The communities (and villages) under the signed-in person's scope, for the place of a case,
 * over GraphQL as the console reads areas (the kit scopes the answer). Empty when refused: the
 * page then offers the person's own scope only.
 */
export async function fetchCommunities(scopePath: string | null): Promise<Community[]> {
  const token = localStorage.getItem(TOKEN);
  const query = `query Communities($path: String) {
    cmsAreas(
      filters: { level: { in: ["community", "village"] }, path: { startsWith: $path } }
      pagination: { pageSize: 100 }
      sort: "path:asc"
    ) { documentId name path }
  }`;
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables: { path: scopePath ?? '' } }),
  }).catch(() => null);
  if (!res?.ok) return [];
  const parsed = (await res.json().catch(() => ({}))) as { data?: { cmsAreas?: Community[] } };
  return parsed.data?.cmsAreas ?? [];
}
