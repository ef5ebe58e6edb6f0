/**
 * Checks on what a request carries before any route reads it: query strings, parsed bodies and
 * the failures of Strapi's body parsers. Pure functions, so each rule is unit-tested
 * (tests/unit/input-checks.test.ts); src/middlewares/input-guard.ts and body-guard.ts apply them.
 */

/** One refusal: an HTTP status, Strapi's error name, and the issue naming the field. */
export type Refusal = {
  status: 400 | 413 | 414 | 415;
  name: string;
  path: string[];
  code: string;
  message: string;
  messageZh: string;
};

/** qs (strapi::query) parses 20 levels and silently flattens the rest into one literal key. */
export const MAX_QUERY_DEPTH = 20;
/** No form, filter or definition we know nests deeper; recursive code downstream would. */
export const MAX_BODY_DEPTH = 32;
/** Below Node's 16 kB header limit, above the longest filter the console builds. */
export const MAX_QUERY_LENGTH = 8192;
/** The largest page number or offset a client may ask for; far beyond any table's pages here. */
export const MAX_PAGINATION = 1_000_000;
/** The JSON limit of koa-bodyparser, which /graphql would otherwise apply. */
export const MAX_GRAPHQL_BODY_BYTES = 1024 * 1024;

/** Keys that reach Object.prototype through a merge or a path setter. */
const POLLUTING = new Set(['__proto__', 'constructor', 'prototype']);

const refuse = (
  path: string[],
  code: string,
  message: string,
  messageZh: string,
  status: Refusal['status'] = 400,
  name = 'ValidationError',
): Refusal => ({ status, name, path, code, message, messageZh });

const label = (path: string[]) => path.join('.') || '(body)';

/** A query parameter's key as a path: `filters[a][$eq]` → ['filters', 'a', '$eq']. */
function keyPath(rawKey: string): string[] {
  let key = rawKey.replace(/\+/g, ' ');
  try {
    key = decodeURIComponent(key);
  } catch {
    // qs keeps a malformed escape as it is; so do we.
  }
  return key.split(/\]?\[|\]|\./).filter((part) => part !== '');
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

/** Routes of Strapi's own plugins whose last segment is a row id: an int32 column. */
const NUMERIC_ID_ROUTE = /^\/api\/(?:users|users-permissions\/roles|upload\/files)\/([^/]+)$/;
const NUMERIC_ID_WORDS = new Set(['me', 'count', 'page']);
const INT32_MAX = 2_147_483_647;

/**
 * The path: no null character (PostgreSQL refuses it in any text parameter, as a 500), and on
 * Strapi's own users, roles and files routes, which no controller of ours fronts, an id the
 * integer column can hold.
 */
export function checkPath(path: string): Refusal | null {
  if (decode(path).includes('\u0000')) {
    return refuse(
      ['path'],
      'null_byte',
      'path: contains a null character',
      'path：包含空字符（\\u0000）',
    );
  }
  const id = NUMERIC_ID_ROUTE.exec(path)?.[1];
  if (id !== undefined && !NUMERIC_ID_WORDS.has(id)) {
    const n = /^\d{1,10}$/.test(id) ? Number(id) : NaN;
    if (!(n >= 1 && n <= INT32_MAX)) {
      return refuse(
        ['id'],
        'malformed_id',
        `id: must be a whole number from 1 to ${INT32_MAX}`,
        `id：必须是 1 到 ${INT32_MAX} 之间的整数`,
      );
    }
  }
  return null;
}

/** The raw query string, before qs turns it into objects (and drops what it does not like). */
export function checkQueryString(querystring: string): Refusal | null {
  if (querystring.length > MAX_QUERY_LENGTH) {
    return refuse(
      ['query'],
      'too_long',
      `query: the query string is longer than ${MAX_QUERY_LENGTH} characters`,
      `query：查询字符串超过 ${MAX_QUERY_LENGTH} 个字符`,
      414,
      'URITooLongError',
    );
  }
  for (const pair of querystring.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const rawKey = eq === -1 ? pair : pair.slice(0, eq);
    const path = keyPath(rawKey);
    const where = label(path);
    const polluting = path.find((part) => POLLUTING.has(part));
    if (polluting) {
      return refuse(
        path,
        'forbidden_key',
        `${where}: the key "${polluting}" is not allowed`,
        `${where}：不允许使用键名 "${polluting}"`,
      );
    }
    if (path.length > MAX_QUERY_DEPTH) {
      return refuse(
        path.slice(0, MAX_QUERY_DEPTH),
        'too_deep',
        `${path[0]}: nested deeper than ${MAX_QUERY_DEPTH} levels`,
        `${path[0]}：嵌套超过 ${MAX_QUERY_DEPTH} 层`,
      );
    }
    if (
      path.some((part) => part.includes('\u0000')) ||
      decode(pair.slice(eq + 1)).includes('\u0000')
    ) {
      return refuse(
        path,
        'null_byte',
        `${where}: contains a null character`,
        `${where}：包含空字符（\\u0000）`,
      );
    }
  }
  return null;
}

const PAGINATION_BOUNDS: Record<string, [number, number]> = {
  page: [1, MAX_PAGINATION],
  pageSize: [1, MAX_PAGINATION],
  start: [0, MAX_PAGINATION],
  // -1 asks for as many as the server allows (its maxLimit).
  limit: [-1, MAX_PAGINATION],
};

/** `pagination` as qs parsed it: whole numbers in range, or Strapi's SQL fails on them. */
export function checkPagination(pagination: unknown): Refusal | null {
  if (pagination === undefined) return null;
  if (!pagination || typeof pagination !== 'object' || Array.isArray(pagination)) {
    return refuse(
      ['pagination'],
      'invalid_type',
      'pagination: must be an object such as pagination[page]=1',
      'pagination：格式不正确，例如 pagination[page]=1',
    );
  }
  for (const [key, value] of Object.entries(pagination)) {
    const path = ['pagination', key];
    const where = label(path);
    if (key === 'withCount') {
      if (value !== 'true' && value !== 'false' && typeof value !== 'boolean') {
        return refuse(
          path,
          'invalid_type',
          `${where}: must be true or false`,
          `${where}：必须为 true 或 false`,
        );
      }
      continue;
    }
    const bounds = PAGINATION_BOUNDS[key];
    if (!bounds) continue; // Strapi's own validation names unknown keys.
    const [min, max] = bounds;
    const number = typeof value === 'string' && /^-?\d{1,16}$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(number) || number < min || number > max) {
      return refuse(
        path,
        'invalid_value',
        `${where}: must be a whole number from ${min} to ${max}`,
        `${where}：必须是 ${min} 到 ${max} 之间的整数`,
      );
    }
  }
  return null;
}

/**
 * A parsed body, walked without recursion (a body of 100,000 nested arrays must not overflow the
 * stack here either): no key that reaches a prototype, no null character, no nesting past
 * MAX_BODY_DEPTH.
 */
export function checkBody(body: unknown): Refusal | null {
  const stack: [unknown, string[]][] = [[body, []]];
  while (stack.length > 0) {
    const [value, path] = stack.pop() as [unknown, string[]];
    const where = label(path);
    if (typeof value === 'string') {
      if (value.includes('\u0000')) {
        return refuse(
          path,
          'null_byte',
          `${where}: contains a null character`,
          `${where}：包含空字符（\\u0000）`,
        );
      }
      continue;
    }
    if (!value || typeof value !== 'object') continue;
    if (path.length >= MAX_BODY_DEPTH) {
      return refuse(
        path.slice(0, 8),
        'too_deep',
        `${label(path.slice(0, 8))}: nested deeper than ${MAX_BODY_DEPTH} levels`,
        `${label(path.slice(0, 8))}：嵌套超过 ${MAX_BODY_DEPTH} 层`,
      );
    }
    for (const key of Object.keys(value)) {
      const here = [...path, key];
      if (POLLUTING.has(key)) {
        return refuse(
          here,
          'forbidden_key',
          `${label(here)}: the key "${key}" is not allowed`,
          `${label(here)}：不允许使用键名 "${key}"`,
        );
      }
      if (key.includes('\u0000')) {
        return refuse(
          here,
          'null_byte',
          `${label(here)}: contains a null character`,
          `${label(here)}：包含空字符（\\u0000）`,
        );
      }
      stack.push([(value as Record<string, unknown>)[key], here]);
    }
  }
  return null;
}

/**
 * Uploaded files' names, as formidable read them: a null or control character in a name makes
 * Strapi's upload refuse the file only after it has created its upload folder.
 */
export function checkFileNames(files: unknown): Refusal | null {
  if (!files || typeof files !== 'object') return null;
  for (const [field, value] of Object.entries(files)) {
    for (const [i, file] of (Array.isArray(value) ? value : [value]).entries()) {
      const name = (file as { originalFilename?: unknown } | null)?.originalFilename;
      // eslint-disable-next-line no-control-regex -- control characters are what is refused
      if (typeof name === 'string' && /[\u0000-\u001f\u007f]/.test(name)) {
        const path = Array.isArray(value) ? [field, String(i), 'name'] : [field, 'name'];
        return refuse(
          path,
          'invalid_file_name',
          `${label(path)}: the file name contains a control character`,
          `${label(path)}：文件名包含控制字符`,
        );
      }
    }
  }
  return null;
}

/** GraphQL's own string escapes: `"\u0000"` in a query's text is a null character too. */
export function checkGraphqlText(body: unknown): Refusal | null {
  const operations = Array.isArray(body) ? body : [body];
  for (const [i, op] of operations.entries()) {
    const query = (op as { query?: unknown } | null)?.query;
    if (typeof query === 'string' && /\\u0000|\\u\{0+\}/i.test(query)) {
      const path = Array.isArray(body) ? [String(i), 'query'] : ['query'];
      return refuse(
        path,
        'null_byte',
        `${label(path)}: contains a null character`,
        `${label(path)}：包含空字符（\\u0000）`,
      );
    }
  }
  return null;
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json$/;
const FORM_TYPE = 'application/x-www-form-urlencoded';
const MULTIPART_TYPE = 'multipart/form-data';

/**
 * The content type of a request that carries a body: one Strapi parses into an object (JSON, a
 * form, multipart with its boundary), in UTF-8. Anything else reached controllers as `undefined`
 * or a bare string.
 */
export function checkContentType(header: string | undefined, graphql: boolean): Refusal | null {
  const [type = '', ...params] = (header ?? '').split(';').map((p) => p.trim());
  const mime = type.toLowerCase();
  const param = (name: string) =>
    params
      .map((p) => p.split('='))
      .find(([k]) => k?.trim().toLowerCase() === name)?.[1]
      ?.trim()
      .replace(/^"(.*)"$/, '$1');
  const accepted = graphql ? 'application/json' : 'application/json, multipart/form-data';
  const unsupported = refuse(
    ['content-type'],
    'unsupported_media_type',
    `content-type: "${mime || '(none)'}" is not accepted here; send ${accepted}`,
    `content-type：不接受 "${mime || '（未指定）'}"，请使用 ${accepted}`,
    415,
    'UnsupportedMediaTypeError',
  );
  if (JSON_TYPE.test(mime) || (!graphql && mime === FORM_TYPE)) {
    const charset = param('charset')?.toLowerCase();
    if (charset && charset !== 'utf-8' && charset !== 'utf8') {
      return refuse(
        ['content-type'],
        'unsupported_charset',
        `content-type: charset "${charset}" is not accepted; send UTF-8`,
        `content-type：不接受字符集 "${charset}"，请使用 UTF-8`,
        415,
        'UnsupportedMediaTypeError',
      );
    }
    return null;
  }
  if (!graphql && mime === MULTIPART_TYPE) {
    const boundary = param('boundary');
    if (!boundary) {
      return refuse(
        ['content-type'],
        'multipart_boundary',
        'content-type: multipart/form-data needs a boundary',
        'content-type：multipart/form-data 缺少 boundary 参数',
      );
    }
    return null;
  }
  return unsupported;
}

/**
 * A body parser's failure (co-body and raw-body set `type`; formidable throws its own errors) as
 * the client's mistake: too large → 413, anything else → 400 naming the body.
 */
export function parseFailure(error: unknown): Refusal {
  // co-body refuses a "__proto__" key itself (@hapi/bourne), keeping the text: find the key's path.
  const raw = (error as { body?: unknown } | null)?.body;
  if (typeof raw === 'string' && /prototype property/.test(String((error as Error).message))) {
    try {
      const found = checkBody(JSON.parse(raw));
      if (found) return found;
    } catch {
      // Not JSON after all: answered below.
    }
  }
  const e = (error ?? {}) as {
    type?: unknown;
    status?: unknown;
    httpCode?: unknown;
    message?: unknown;
  };
  const message = typeof e.message === 'string' ? e.message : '';
  if (
    e.type === 'entity.too.large' ||
    e.status === 413 ||
    e.httpCode === 413 ||
    /maxFileSize|maxFieldsSize|maxTotalFileSize|exceeded/i.test(message)
  ) {
    return refuse(
      ['body'],
      'too_large',
      'body: the request body is too large',
      'body：请求内容过大',
      413,
      'PayloadTooLargeError',
    );
  }
  if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported' || e.status === 415) {
    return refuse(
      ['content-type'],
      'unsupported_charset',
      'content-type: this encoding is not accepted; send UTF-8',
      'content-type：不接受该编码，请使用 UTF-8',
      415,
      'UnsupportedMediaTypeError',
    );
  }
  const multipart =
    typeof e.httpCode === 'number' || /multipart|boundary|formidable/i.test(message);
  return multipart
    ? refuse(
        ['body'],
        'malformed_multipart',
        'body: the multipart form is malformed',
        'body：multipart 表单格式不正确',
      )
    : refuse(
        ['body'],
        'malformed_body',
        'body: the request body is not valid JSON',
        'body：请求内容不是有效的 JSON',
      );
}

/** Strapi's error shape for a refusal. */
export const errorBody = (r: Refusal) => ({
  data: null,
  error: {
    status: r.status,
    name: r.name,
    message: r.message,
    details: {
      errors: [{ path: r.path, message: r.message, messageZh: r.messageZh, code: r.code }],
    },
  },
});

/** Set on ctx.state by body-guard: from there on, a thrown error is no body parser's. */
export const BODY_PARSED = 'linliBodyParsed';
