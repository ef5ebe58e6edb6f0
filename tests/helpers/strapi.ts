import path from 'path';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import type { LedgerServices } from '../../plugins/ledger/server/src/shared/contracts/services';

const root = path.resolve(__dirname, '..', '..');

export const DEMO_PASSWORD = 'Linli-demo-2026';

/**
 * Boots the compiled app (dist/) against the database scripts/test.js chose, seeding the demo
 * district on first boot. A failed load destroys the instance, or jest would hang on the pool.
 */
export async function bootStrapi(): Promise<Core.Strapi> {
  process.env.LINLI_SEED ??= 'demo';
  for (const key of [
    'APP_KEYS',
    'API_TOKEN_SALT',
    'ADMIN_JWT_SECRET',
    'TRANSFER_TOKEN_SALT',
    'JWT_SECRET',
    'ENCRYPTION_KEY',
  ]) {
    process.env[key] ??= key === 'APP_KEYS' ? 'testKeyA,testKeyB' : `test-${key.toLowerCase()}`;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after env is set
  const { createStrapi } = require('@strapi/strapi');
  const app = createStrapi({
    appDir: root,
    distDir: path.join(root, 'dist'),
    autoReload: false,
    serveAdminPanel: false,
  });
  app.log.level = 'error';
  try {
    await app.load();
    await app.server.mount();
  } catch (error) {
    await app.destroy().catch(() => undefined);
    throw error;
  }
  return app;
}

export const http = (strapi: Core.Strapi) => request(strapi.server.httpServer);

type QueryUid = Parameters<Core.Strapi['db']['query']>[0];
type DocumentUid = Parameters<Core.Strapi['documents']>[0];

/**
 * The query engine for a content type named by a plain string. Strapi types its UIDs from
 * generated declarations this app does not keep, so the string is cast here, once.
 */
export const dbQuery = (strapi: Core.Strapi, uid: string) => strapi.db.query(uid as QueryUid);

/** The Document Service for a content type named by a plain string (see `dbQuery`). */
export const documents = (strapi: Core.Strapi, uid: string) => strapi.documents(uid as DocumentUid);

/** A ledger service, typed by the contract the ledger plugin publishes to other plugins. */
export const ledgerService = <N extends keyof LedgerServices>(
  strapi: Core.Strapi,
  name: N,
): LedgerServices[N] => strapi.plugin('ledger').service(name) as LedgerServices[N];

/** One issue of a 400's `error.details.errors`, as the tests read it. */
export interface ValidationIssue {
  path: (string | number)[];
  message: string;
  messageZh?: string;
  code?: string;
}

/** An area row, with the fields `twoCommunities` selects. */
export interface AreaRow {
  id: number;
  documentId: string;
  code: string;
  path: string;
  name: string;
}

export async function login(
  strapi: Core.Strapi,
  identifier: string,
  password = DEMO_PASSWORD,
): Promise<string> {
  const res = await http(strapi).post('/api/auth/local').send({ identifier, password });
  if (res.status !== 200)
    throw new Error(`login ${identifier}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.jwt as string;
}

let serial = 0;
/** A unique suffix for records a test creates, so files sharing a database never collide. */
export const unique = (prefix = ''): string =>
  `${prefix}${Date.now().toString(36)}${(serial++).toString(36)}`;

/**
 * A new user of a role, scoped to an area (its documentId) and working for an organisation (its
 * id) when given, with a JWT issued directly: tests make more users than the login route's rate
 * limit lets one address sign in.
 */
export async function newUser(
  strapi: Core.Strapi,
  role: string,
  options: { scope?: string | null; unit?: number | null } = {},
): Promise<{ jwt: string; id: number; username: string }> {
  const username = unique(`${role}-`);
  const roleRow = await dbQuery(strapi, 'plugin::users-permissions.role').findOne({
    where: { type: role },
  });
  const scope = options.scope
    ? await dbQuery(strapi, 'plugin::cms.area').findOne({ where: { documentId: options.scope } })
    : null;
  const user = await strapi
    .plugin('users-permissions')
    .service('user')
    .add({
      username,
      email: `${username}@test.local`,
      password: DEMO_PASSWORD,
      provider: 'local',
      confirmed: true,
      blocked: false,
      role: roleRow.id,
      scope: scope?.id ?? null,
      unit: options.unit ?? null,
    });
  const jwt = strapi.plugin('users-permissions').service('jwt').issue({ id: user.id });
  return { jwt, id: user.id, username };
}

/** Creates a staff user with a role and a scope (an area's documentId), signed in by login. */
export async function staffUser(
  strapi: Core.Strapi,
  role: string,
  scopeDocumentId: string | null,
): Promise<string> {
  const { username } = await newUser(strapi, role, { scope: scopeDocumentId });
  return login(strapi, username);
}

/** Two grassroots areas in different subdistricts, for scoping tests. */
export async function twoCommunities(strapi: Core.Strapi): Promise<[AreaRow, AreaRow]> {
  const rows: AreaRow[] = await dbQuery(strapi, 'plugin::cms.area').findMany({
    where: { level: 'community' },
    orderBy: { code: 'asc' },
    select: ['id', 'documentId', 'code', 'path', 'name'],
  });
  const first = rows[0];
  // The demo district always has communities in two subdistricts.
  const other = rows.find(
    (r) => !r.path.startsWith(first.path.split('/').slice(0, 3).join('/') + '/'),
  ) as AreaRow;
  return [first, other];
}

/** A GraphQL request as the holder of `jwt` (or anonymous). */
export async function gql(
  strapi: Core.Strapi,
  query: string,
  variables: Record<string, unknown> = {},
  jwt?: string,
) {
  const req = http(strapi).post('/graphql').send({ query, variables });
  if (jwt) req.set('Authorization', `Bearer ${jwt}`);
  return req;
}

/** Logs in to Strapi's admin panel as the demo administrator and returns its JWT. */
export async function adminLogin(strapi: Core.Strapi): Promise<string> {
  const res = await http(strapi)
    .post('/admin/login')
    .send({ email: 'admin@linli.local', password: DEMO_PASSWORD });
  if (res.status !== 200) throw new Error(`admin login: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.token as string;
}

/**
 * The message a query fails with, or null if it succeeds. Not `expect(...).rejects.toThrow`:
 * better-sqlite3 is a native addon loaded once per process, so from the second jest test file
 * on its errors are built with another file's `Error` and fail jest's `instanceof` check.
 */
export async function failureOf(query: PromiseLike<unknown>): Promise<string | null> {
  try {
    await query;
    return null;
  } catch (error) {
    return String((error as { message?: unknown }).message ?? error);
  }
}
