import { createHmac, timingSafeEqual } from 'crypto';

/**
 * Uploaded files (case photos, an applicant's documents, ballot scans, evidence) are personal
 * data: Strapi's local provider would serve every one of them to anybody at `/uploads/<name>`.
 * Instead a file is reachable only through a link signed for a while, handed out by the reads
 * that may show it (the record's scope and the kit decide who reads the record), and checked by
 * the `private-uploads` middleware before the file is served. An `<img>` or a download link
 * cannot carry the console's bearer token, so the permission travels in the link itself.
 */

export const FILE_LINK_PREFIX = '/uploads/';

/** How long a link handed out now keeps working: a screen left open for a working day. */
export const FILE_LINK_TTL_SECONDS = 8 * 3600;

/**
 * Expiry times are rounded up to this step, so reading a record twice within it gives the
 * same link and the browser's cache keeps the picture.
 */
const EXPIRY_STEP_SECONDS = 15 * 60;

const SIGNATURE_CHARS = 32;

export interface FileLinkQuery {
  expires?: unknown;
  signature?: unknown;
}

function signatureOf(secret: string, path: string, expires: number): string {
  return createHmac('sha256', secret)
    .update(`${path}\n${expires}`)
    .digest('base64url')
    .slice(0, SIGNATURE_CHARS);
}

/** The path of a stored file's URL without any query a link carried. */
const pathOf = (url: string): string => url.split(/[?#]/, 1)[0] as string;

/**
 * `url` signed until a while after `nowSeconds`; anything that is not a local upload's address
 * (another provider's absolute URL, a page) comes back unchanged.
 */
export function signFileLink(
  url: string,
  secret: string,
  nowSeconds: number,
  ttlSeconds = FILE_LINK_TTL_SECONDS,
): string {
  if (!url.startsWith(FILE_LINK_PREFIX)) return url;
  const path = pathOf(url);
  const expires = Math.ceil((nowSeconds + ttlSeconds) / EXPIRY_STEP_SECONDS) * EXPIRY_STEP_SECONDS;
  return `${path}?expires=${expires}&signature=${signatureOf(secret, path, expires)}`;
}

/** Whether a request for `path` carries a signature of it that has not expired. */
export function fileLinkValid(
  path: string,
  query: FileLinkQuery,
  secret: string,
  nowSeconds: number,
): boolean {
  if (typeof query.expires !== 'string' || typeof query.signature !== 'string') return false;
  if (!/^\d{1,12}$/.test(query.expires)) return false;
  const expires = Number(query.expires);
  if (expires <= nowSeconds) return false;
  const expected = Buffer.from(signatureOf(secret, path, expires));
  const given = Buffer.from(query.signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * `value` with every local upload's address in it signed, at any depth (a JSON timeline's
 * files, a populated media relation's `url` and its `formats`); unchanged values are returned
 * as they are, so a read without files costs a walk and no copy.
 */
export function signFileLinksIn(value: unknown, sign: (url: string) => string, depth = 0): unknown {
  if (typeof value === 'string') return value.startsWith(FILE_LINK_PREFIX) ? sign(value) : value;
  if (value === null || typeof value !== 'object' || depth > 10) return value;
  if (Array.isArray(value)) {
    let out: unknown[] | null = null;
    value.forEach((item, i) => {
      const signed = signFileLinksIn(item, sign, depth + 1);
      if (signed !== item) (out ??= [...value])[i] = signed;
    });
    return out ?? value;
  }
  if (value instanceof Date) return value;
  let out: Record<string, unknown> | null = null;
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const signed = signFileLinksIn(item, sign, depth + 1);
    if (signed !== item) (out ??= { ...(value as Record<string, unknown>) })[key] = signed;
  }
  return out ?? value;
}
