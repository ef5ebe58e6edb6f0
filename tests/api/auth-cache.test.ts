// Who a user is, kept between requests (cms/server/src/services/auth-cache.ts): a request after
// a change of the user's scope, role, blocked flag or their role's permissions sees the change
// at once — the cache is dropped on every change, not left to expire.
import type { Core } from '@strapi/strapi';
import { bootStrapi, dbQuery, http, newUser, twoCommunities } from '../helpers/strapi';

describe('kept users', () => {
  let strapi: Core.Strapi;
  beforeAll(async () => {
    strapi = await bootStrapi();
  });
  afterAll(async () => {
    await strapi.destroy();
  });

  const me = (jwt: string) => http(strapi).get('/api/cms/me').set('Authorization', `Bearer ${jwt}`);
  const people = (jwt: string) =>
    http(strapi)
      .get('/api/cms/people?pagination[pageSize]=1')
      .set('Authorization', `Bearer ${jwt}`);

  it('sees a changed scope, role, block and permission on the very next request', async () => {
    const [first, second] = await twoCommunities(strapi);
    const { jwt, id } = await newUser(strapi, 'community-worker', { scope: first.documentId });
    // Twice, so the second answer comes from what was kept.
    for (let i = 0; i < 2; i += 1) {
      const res = await me(jwt);
      expect(res.status).toBe(200);
      expect(res.body.data.scope.documentId).toBe(first.documentId);
    }
    expect((await people(jwt)).status).toBe(200);

    await dbQuery(strapi, 'plugin::users-permissions.user').update({
      where: { id },
      data: { scope: second.id },
    });
    expect((await me(jwt)).body.data.scope.documentId).toBe(second.documentId);

    const reviewer = await dbQuery(strapi, 'plugin::users-permissions.role').findOne({
      where: { type: 'reviewer' },
    });
    await dbQuery(strapi, 'plugin::users-permissions.user').update({
      where: { id },
      data: { role: reviewer.id },
    });
    const asReviewer = await me(jwt);
    expect(asReviewer.body.data.role.type).toBe('reviewer');
    // A reviewer may not list people: the permission engine's answer changed with the role.
    expect((await people(jwt)).status).toBe(403);

    await dbQuery(strapi, 'plugin::users-permissions.user').update({
      where: { id },
      data: { blocked: true },
    });
    expect((await me(jwt)).status).toBe(401);
  });

  it('sees a permission taken from a role on the very next request', async () => {
    const { jwt } = await newUser(strapi, 'incubator');
    expect((await people(jwt)).status).toBe(200);
    const role = await dbQuery(strapi, 'plugin::users-permissions.role').findOne({
      where: { type: 'incubator' },
    });
    const permission = await dbQuery(strapi, 'plugin::users-permissions.permission').findOne({
      where: { role: { id: role.id }, action: 'plugin::cms.person.find' },
    });
    expect(permission).toBeTruthy();
    await dbQuery(strapi, 'plugin::users-permissions.permission').delete({
      where: { id: permission.id },
    });
    try {
      expect((await people(jwt)).status).toBe(403);
    } finally {
      await dbQuery(strapi, 'plugin::users-permissions.permission').create({
        data: { action: 'plugin::cms.person.find', role: role.id },
      });
    }
    expect((await people(jwt)).status).toBe(200);
  });

  it('asks the database nothing about API tokens for a signed-in person, keeps a real token, and drops a revoked one at once', async () => {
    // Every query the database is sent, by its SQL.
    const sent: string[] = [];
    const onQuery = (query: { sql: string }) => sent.push(query.sql);
    strapi.db.connection.on('query', onQuery);
    const tokenQueries = () => sent.filter((sql) => sql.includes('strapi_api_tokens')).length;
    try {
      const { jwt } = await newUser(strapi, 'incubator');
      expect((await me(jwt)).status).toBe(200);
      sent.length = 0;
      expect((await me(jwt)).status).toBe(200);
      expect(tokenQueries()).toBe(0);

      const created: { id: number; accessKey: string } = await strapi
        .service('admin::api-token')
        .create({ name: `kept-${Date.now()}`, type: 'full-access', lifespan: null });
      // Signed in, the ledger answers that there is no such account; a refused token gets 401.
      const accounts = () =>
        http(strapi)
          .get('/api/ledger/accounts/no-such-account')
          .set('Authorization', `Bearer ${created.accessKey}`);
      // The first use records the token's lastUsedAt, a change of the token: the second is read
      // afresh and kept.
      expect((await accounts()).status).toBe(404);
      expect((await accounts()).status).toBe(404);
      sent.length = 0;
      expect((await accounts()).status).toBe(404);
      // The second request is answered from what the first read.
      expect(tokenQueries()).toBe(0);

      await strapi.service('admin::api-token').revoke(created.id);
      expect((await accounts()).status).toBe(401);
    } finally {
      strapi.db.connection.removeListener('query', onQuery);
    }
  });
});
