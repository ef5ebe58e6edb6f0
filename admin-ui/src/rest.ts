import { useQuery } from '@tanstack/react-query';
import { HttpError } from 'react-admin';
import { getToken } from './authProvider';
import { withoutFieldKey } from './fieldKey';

/** What Strapi answers: `{ data }`, or `{ error }` with each field's message (and `messageZh`). */
interface StrapiAnswer {
  data?: unknown;
  error?: {
    message?: string;
    details?: {
      messageZh?: string;
      errors?: { message?: string; messageZh?: string; path?: (string | number)[] }[];
    };
  };
}

const chinese = () => (localStorage.getItem('RaStore.locale') ?? '"zh-CN"').includes('zh');

// In a module of its own so the public phone pages use it without react-admin in their bundle.
export { withoutFieldKey };

/**
 * Each refused field's message, in the user's language and without the internal key, by its
 * dotted path (`reason`, `tranches.1.amount`): what a dialog shows under the field concerned.
 * Empty when the error names no field (the caller shows its message on its own).
 */
export function fieldErrors(error: unknown): Record<string, string> {
  const body = (error as { body?: StrapiAnswer } | null)?.body;
  const out: Record<string, string> = {};
  for (const item of body?.error?.details?.errors ?? []) {
    if (!item.path?.length) continue;
    const key = item.path.join('.');
    const text = (chinese() ? (item.messageZh ?? item.message) : item.message) ?? '';
    if (!(key in out)) out[key] = withoutFieldKey(text, item.path);
  }
  return out;
}

/**
 * The same, for issues a shared domain check found in the browser before posting (the server
 * runs the same check and would answer with the same messages).
 */
export function issueErrors(
  issues: readonly { path: string; message: string; messageZh: string }[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of issues)
    if (!(item.path in out))
      out[item.path] = withoutFieldKey(chinese() ? item.messageZh : item.message, [item.path]);
  return out;
}

/**
 * REST calls the console makes where GraphQL cannot serve (publishing, file downloads,
 * per-version counts), with the signed-in user's token and Strapi's errors as react-admin's.
 */
export async function restJson<T>(url: string, init: RequestInit = {}): Promise<T> {
  return (await restBody<{ data: T }>(url, init)).data;
}

/** The same, answering the whole body, for answers that carry more than `data` (meta, counts). */
export async function restBody<T>(url: string, init: RequestInit = {}): Promise<T> {
  const token = getToken();
  const res = await fetch(url, {
    ...init,
    headers: { ...(init.headers ?? {}), ...(token ? { Authorization: `Bearer ${token}` } : {}) },
  });
  const body: StrapiAnswer = await res.json().catch(() => ({}));
  if (!res.ok) {
    const first = body?.error?.details?.errors?.[0];
    const message =
      (chinese() ? (first?.messageZh ?? body?.error?.details?.messageZh) : first?.message) ??
      body?.error?.message ??
      String(res.status);
    throw new HttpError(withoutFieldKey(message, first?.path), res.status, body);
  }
  return body as T;
}

/** Fetches a file with the token and hands it to the browser as a download. */
export async function download(url: string, filename: string): Promise<void> {
  const token = getToken();
  const res = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!res.ok) throw new HttpError(String(res.status), res.status);
  const blob = await res.blob();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

/**
 * A REST read kept in react-admin's query cache, so `refresh()` (after any action) reloads it
 * with the rest of the screen. `null` until loaded, or when it failed or is not enabled.
 */
export function useRest<T>(url: string | null): T | null {
  const { data } = useQuery({
    queryKey: ['rest', url],
    queryFn: () => restJson<T>(url as string),
    enabled: !!url,
    retry: false,
  });
  return (data as T | undefined) ?? null;
}
