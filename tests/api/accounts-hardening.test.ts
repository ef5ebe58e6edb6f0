// Accounts and the edge: admin API tokens act and are audited as themselves, forgot-password
// tells no one whether an account exists, logins are limited per account in the database,
// CORS answers only configured origins, and the public form page carries the security headers.
import fs from 'fs';
import path from 'path';
import type { Core } from '@strapi/strapi';
import { bootStrapi, dbQuery, DEMO_PASSWORD, gql, http, unique } from '../helpers/strapi';

const ALLOWED_ORIGIN = 'https://console.linli.example';

describe('accounts hardening', () => {
  let strapi: Core.Strapi;
  const created: string[] = [];
  const formPage = path.resolve(__dirname, '..', '..', 'public', 'console', 'form.html');

  const token = async (type: 'full-access' | 'read-only' | 'custom', permissions?: string[]) => {
    const t: { accessKey: string; id: number | string; name: string } = await strapi
      .service('admin::api-token-content-api')
      .create({
        name: unique(`accounts-${type}-`),
        type,
        kind: 'content-api',
        lifespan: null,
        ...(permissions ? { permissions } : {}),
      });
    return { key: t.accessKey as string, id: String(t.id), name: t.name as string };
  };

  /** A resident account of its own, so counting failures never locks a demo user out. */
  const account = async () => {
    const username = unique('acct-');
    const role = await dbQuery(strapi, 'plugin::users-permissions.role').findOne({
      where: { type: 'resident' },
    });
    await strapi
      .plugin('users-permissions')
      .service('user')
      .add({
        username,
        email: `${username}@test.local`,
        password: DEMO_PASSWORD,
        provider: 'local',
        confirmed: true,
        blocked: false,
        role: role.id,
      });
    return { username, email: `${username}@test.local` };
  };

  beforeAll(async () => {
    process.env.LINLI_LOGIN_MAX_FAILURES = '3';
    process.env.LINLI_LOGIN_WINDOW_SECONDS = '600';
    process.env.LINLI_CORS_ORIGINS = `${ALLOWED_ORIGIN}, https://other.linli.example`;
    if (!fs.existsSync(formPage)) {
      // The console is built by `npm start`/e2e runs; the page's content does not matter here.
      fs.mkdirSync(path.dirname(formPage), { recursive: true });
      fs.writeFileSync(formPage, '<!doctype html><title>form</title>');
      created.push(formPage);
    }
    strapi = await bootStrapi();
  });
  afterAll(async () => {
    await strapi.destroy();
    for (const file of created) fs.rmSync(file, { force: true });
    delete process.env.LINLI_LOGIN_MAX_FAILURES;
    delete process.env.LINLI_LOGIN_WINDOW_SECONDS;
    delete process.env.LINLI_CORS_ORIGINS;
  });

  describe('admin API tokens', () => {
    it('a full-access token sees every person, updates one, and is audited by its name', async () => {
      const full = await token('full-access');
      const people = await dbQuery(strapi, 'plugin::cms.person').count({});
      expect(people).toBeGreaterThan(0);
      const list = await http(strapi)
        .get('/api/cms/people')
        .set('Authorization', `Bearer ${full.key}`);
      expect(list.status).toBe(200);
      expect(list.body.meta.pagination.total).toBe(people);
      // Unmasked: a global viewer sees phone numbers as stored.
      const withPhone = await dbQuery(strapi, 'plugin::cms.person').findOne({
        where: { phone: { $notNull: true } },
      });
      const one = await http(strapi)
        .get(`/api/cms/people/${withPhone.documentId}`)
        .set('Authorization', `Bearer ${full.key}`);
      expect(one.body.data.phone).toBe(withPhone.phone);

      const update = await http(strapi)
        .put(`/api/cms/people/${withPhone.documentId}`)
        .set('Authorization', `Bearer ${full.key}`)
        .send({ data: { name: '令牌改名' } });
      expect(update.status).toBe(200);
      expect(update.body.data.name).toBe('令牌改名');
      const entry = await dbQuery(strapi, 'plugin::cms.audit-entry').findOne({
        where: { recordId: withPhone.documentId, action: 'update' },
        orderBy: { id: 'desc' },
      });
      expect(entry).toMatchObject({
        actorType: 'api-token',
        actorId: full.id,
        actorName: full.name,
      });

      const graph = await gql(
        strapi,
        `{ cmsPeople_connection { pageInfo { total } } }`,
        {},
        full.key,
      );
      expect(graph.body.errors).toBeUndefined();
      expect(graph.body.data.cmsPeople_connection.pageInfo.total).toBe(people);
    });

    it('a read-only token reads everything and writes nothing, on REST and GraphQL', async () => {
      const readOnly = await token('read-only');
      const person = await dbQuery(strapi, 'plugin::cms.person').findOne({});
      const list = await http(strapi)
        .get('/api/cms/people')
        .set('Authorization', `Bearer ${readOnly.key}`);
      expect(list.status).toBe(200);
      expect(list.body.meta.pagination.total).toBeGreaterThan(0);
      const put = await http(strapi)
        .put(`/api/cms/people/${person.documentId}`)
        .set('Authorization', `Bearer ${readOnly.key}`)
        .send({ data: { name: '不该改' } });
      expect(put.status).toBe(403);
      const mutation = await gql(
        strapi,
        `mutation($id: ID!) { updateCmsPerson(documentId: $id, data: { name: "不该改" }) { name } }`,
        { id: person.documentId },
        readOnly.key,
      );
      expect(mutation.body.errors[0].extensions.code).toBe('FORBIDDEN');
      const after = await dbQuery(strapi, 'plugin::cms.person').findOne({
        where: { id: person.id },
      });
      expect(after.name).toBe(person.name);
    });

    it('a custom token may do exactly what it was given', async () => {
      const custom = await token('custom', ['plugin::cms.person.find']);
      const list = await http(strapi)
        .get('/api/cms/people')
        .set('Authorization', `Bearer ${custom.key}`);
      expect(list.status).toBe(200);
      expect(list.body.meta.pagination.total).toBeGreaterThan(0);
      const grids = await http(strapi)
        .get('/api/cms/grids')
        .set('Authorization', `Bearer ${custom.key}`);
      expect(grids.status).toBe(403);
      const person = await dbQuery(strapi, 'plugin::cms.person').findOne({});
      const put = await http(strapi)
        .put(`/api/cms/people/${person.documentId}`)
        .set('Authorization', `Bearer ${custom.key}`)
        .send({ data: { name: '不该改' } });
      expect(put.status).toBe(403);
    });
  });

  describe('forgot-password', () => {
    it('answers a known and an unknown email alike, and logs no address', async () => {
      const { email } = await account();
      const spies = (['error', 'warn', 'info', 'debug'] as const).map((level) =>
        jest.spyOn(strapi.log, level),
      );
      try {
        const known = await http(strapi).post('/api/auth/forgot-password').send({ email });
        const unknown = await http(strapi)
          .post('/api/auth/forgot-password')
          .send({ email: `${unique('nobody-')}@test.local` });
        expect([known.status, known.body]).toEqual([200, { ok: true }]);
        expect([unknown.status, unknown.body]).toEqual([200, { ok: true }]);

        const viaGraphql = await gql(
          strapi,
          `mutation($email: String!) { forgotPassword(email: $email) { ok } }`,
          { email },
        );
        expect(viaGraphql.body).toEqual({ data: { forgotPassword: { ok: true } } });

        const logged = spies.flatMap((s) => s.mock.calls.map((c) => JSON.stringify(c)));
        expect(logged.some((line) => /no mail could be sent/i.test(line))).toBe(true);
        expect(logged.some((line) => line.includes(email) || line.includes('test.local'))).toBe(
          false,
        );
      } finally {
        spies.forEach((s) => s.mockRestore());
      }
    });

    it('still refuses a malformed email as a bad request', async () => {
      const res = await http(strapi).post('/api/auth/forgot-password').send({ email: 'not-mail' });
      expect(res.status).toBe(400);
    });
  });

  describe('login attempts per account', () => {
    it('locks an identifier after 3 failures, on REST and GraphQL, with the state in the database', async () => {
      const victim = await account();
      const bystander = await account();
      for (let i = 0; i < 3; i++) {
        const res = await http(strapi)
          .post('/api/auth/local')
          .send({ identifier: victim.username, password: 'wrong-password' });
        expect(res.status).toBe(400);
      }
      // Even the right password is refused now, for this identifier in any spelling.
      const locked = await http(strapi)
        .post('/api/auth/local')
        .send({ identifier: victim.username.toUpperCase(), password: DEMO_PASSWORD });
      expect(locked.status).toBe(429);
      expect(locked.body).toMatchObject({
        data: null,
        error: { status: 429, name: 'RateLimitError' },
      });
      expect(locked.body.error.message).toMatch(/too many failed sign-ins/i);
      expect(locked.body.error.details.messageZh).toMatch(/登录失败次数过多/);
      expect(locked.body.error.details.retryAfter).toBeGreaterThan(0);
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);

      const viaGraphql = await gql(
        strapi,
        `mutation($i: String!, $p: String!) { login(input: { identifier: $i, password: $p }) { jwt } }`,
        { i: victim.username, p: DEMO_PASSWORD },
      );
      expect(viaGraphql.body.errors[0].extensions.code).toBe('STRAPI_RATE_LIMIT_ERROR');
      expect(viaGraphql.body.errors[0].extensions.error.details.messageZh).toMatch(/登录/);

      // Another account from the same address is not affected.
      const other = await http(strapi)
        .post('/api/auth/local')
        .send({ identifier: bystander.email, password: DEMO_PASSWORD });
      expect(other.status).toBe(200);

      // The counter is a row in the database (shared by every process), keyed by a hash of the
      // identifier, never the identifier itself; removing it lifts the lock.
      const rows: { hits: number | string }[] = await strapi.db
        .connection('linli_login_attempts')
        .select('*');
      expect(JSON.stringify(rows)).not.toContain(victim.username);
      expect(rows.some((r) => Number(r.hits) >= 3)).toBe(true);
      await strapi.db.connection('linli_login_attempts').delete();
      const again = await http(strapi)
        .post('/api/auth/local')
        .send({ identifier: victim.username, password: DEMO_PASSWORD });
      expect(again.status).toBe(200);
    });
  });

  describe('CORS', () => {
    it('answers configured origins only, with no header for a foreign one', async () => {
      const foreign = await http(strapi)
        .get('/api/cms/areas')
        .set('Origin', 'https://evil.example');
      expect(foreign.status).toBe(200);
      expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
      const preflight = await http(strapi)
        .options('/api/cms/areas')
        .set('Origin', 'https://evil.example')
        .set('Access-Control-Request-Method', 'POST');
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      const graphql = await http(strapi)
        .post('/graphql')
        .set('Origin', 'https://evil.example')
        .send({ query: '{ __typename }' });
      expect(graphql.headers['access-control-allow-origin']).toBeUndefined();

      const allowed = await http(strapi).get('/api/cms/areas').set('Origin', ALLOWED_ORIGIN);
      expect(allowed.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
      expect(allowed.headers['access-control-allow-credentials']).toBe('true');
      const allowedGraphql = await http(strapi)
        .post('/graphql')
        .set('Origin', ALLOWED_ORIGIN)
        .send({ query: '{ __typename }' });
      expect(allowedGraphql.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
    });
  });

  describe('the public form page', () => {
    it.each(['/f/some-form', '/f/receipt/ABCD1234'])(
      '%s carries the same security headers as the rest',
      async (url) => {
        const page = await http(strapi).get(url);
        expect(page.status).toBe(200);
        expect(page.headers['content-type']).toMatch(/text\/html/);
        const reference = await http(strapi).get('/api/cms/areas');
        for (const header of [
          'content-security-policy',
          'x-frame-options',
          'x-content-type-options',
          'referrer-policy',
          'strict-transport-security',
        ]) {
          expect([header, page.headers[header]]).toEqual([header, reference.headers[header]]);
        }
        expect(page.headers['content-security-policy']).toMatch(/frame-ancestors 'self'/);
        expect(page.headers['x-content-type-options']).toBe('nosniff');
        // A HEAD (curl -I, link checkers) finds the page too, with the same headers.
        const head = await http(strapi).head(url);
        expect(head.status).toBe(200);
        expect(head.headers['content-security-policy']).toBe(
          page.headers['content-security-policy'],
        );
      },
    );
  });
});
