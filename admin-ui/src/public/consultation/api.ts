import { Refusal, TOKEN } from '../timebank/api';

/**
 * /api/consultation/… from the phone pages: the resident's calls carry the console's token (same
 * origin, same key); the code ballot carries none (a stale token would turn it into a 401).
 */
export async function con<T>(
  path: string,
  body?: unknown,
  { signedIn = true }: { signedIn?: boolean } = {},
): Promise<T> {
  const token = signedIn ? localStorage.getItem(TOKEN) : null;
  const res = await fetch(`/api/consultation${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const parsed = (await res.json().catch(() => ({}))) as {
    data?: T;
    error?: ConstructorParameters<typeof Refusal>[1];
  };
  if (!res.ok) throw new Refusal(res.status, parsed.error);
  return parsed.data as T;
}

/** A ballot code as typed (any case, spaces, dashes) in its printed form: XXXXX-XXXXX. */
export function codeOf(input: string): string {
  const bare = input
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .slice(0, 10);
  return bare.length > 5 ? `${bare.slice(0, 5)}-${bare.slice(5)}` : bare;
}
