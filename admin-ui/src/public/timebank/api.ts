import { withoutFieldKey } from '../../fieldKey';
import { tt, type Lang } from './messages';

/** The console's sign-in (its token in localStorage, same origin), as /f/me uses it. */
export const TOKEN = 'linli.jwt';
export const IDENTITY = 'linli.identity';
export const SIGN_IN = '/console/#/login';
/** Where a page sent to sign in asks to come back to (read by /f/me after the sign-in). */
export const RETURN_TO = 'linli.return-to';

interface StrapiError {
  status?: number;
  message?: string;
  details?: {
    messageZh?: string;
    messageEn?: string;
    errors?: { message?: string; messageZh?: string; path?: (string | number)[] }[];
  };
}

/**
 * A refusal from /api/time-bank/…: each refused field's message in both languages (by the field's
 * dotted path), and the words that belong to no field.
 */
export class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly error: StrapiError | undefined,
  ) {
    super(error?.message ?? String(status));
  }

  /** Field path → message, in the reader's language, without the server's field-key prefix. */
  fields(lang: Lang): Record<string, string> {
    const out: Record<string, string> = {};
    for (const item of this.error?.details?.errors ?? []) {
      if (!item.path?.length) continue;
      const key = item.path.join('.');
      const text = (lang === 'zh' ? (item.messageZh ?? item.message) : item.message) ?? '';
      if (!(key in out)) out[key] = withoutFieldKey(text, item.path);
    }
    return out;
  }

  /** Everything said, for a banner: the field messages joined, or the refusal's own words. */
  text(lang: Lang): string {
    if (this.status === 401) return tt(lang, 'signed_out');
    const fields = Object.values(this.fields(lang));
    if (fields.length) return fields.join(lang === 'zh' ? '；' : '; ');
    const d = this.error?.details;
    if (lang === 'zh') return d?.messageZh ?? d?.errors?.[0]?.messageZh ?? tt(lang, 'failed');
    return d?.messageEn ?? d?.errors?.[0]?.message ?? this.error?.message ?? tt(lang, 'failed');
  }
}

/** GET or POST /api/time-bank/<path> with the signed-in user's token; answers `data`. */
export async function tb<T>(path: string, body?: unknown): Promise<T> {
  const token = localStorage.getItem(TOKEN);
  const res = await fetch(`/api/time-bank${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = (await res.json().catch(() => ({}))) as { data?: T; error?: StrapiError };
  if (!res.ok) throw new Refusal(res.status, answer.error);
  return answer.data as T;
}

/** Goes to the console's sign-in, to come back here afterwards. */
export function signIn(): void {
  localStorage.setItem(RETURN_TO, location.pathname + location.search);
  location.href = SIGN_IN;
}
