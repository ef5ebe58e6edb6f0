import type { Core } from '@strapi/strapi';
import { DEMO_PASSWORD, dbQuery, unique, type AreaRow } from './strapi';

export const CASES_API = '/api/cases';

/**
 * A staff user of a role, scoped to an area and (for a department's staff) working for an
 * organisation, with a JWT issued directly (tests make more users than the login limit allows).
 */
export async function caseUser(
  strapi: Core.Strapi,
  role: string,
  scopeDocumentId: string | null,
  unitId: number | null = null,
): Promise<{ jwt: string; id: number; username: string }> {
  const username = unique(`${role}-`);
  const roleRow = await dbQuery(strapi, 'plugin::users-permissions.role').findOne({
    where: { type: role },
  });
  const scope = scopeDocumentId
    ? await dbQuery(strapi, 'plugin::cms.area').findOne({ where: { documentId: scopeDocumentId } })
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
      unit: unitId,
    });
  const jwt = strapi.plugin('users-permissions').service('jwt').issue({ id: user.id });
  return { jwt, id: user.id, username };
}

/** A community (not the first ones other files use) with its subdistrict. */
export async function caseCommunity(
  strapi: Core.Strapi,
  skip = 0,
): Promise<{ community: AreaRow; subdistrict: AreaRow }> {
  const rows: AreaRow[] = await dbQuery(strapi, 'plugin::cms.area').findMany({
    where: { level: 'community' },
    orderBy: { code: 'asc' },
    select: ['id', 'documentId', 'code', 'path', 'name'],
    populate: { parent: { select: ['id', 'documentId', 'code', 'path', 'name'] } },
    offset: 5 + skip,
    limit: 1,
  });
  const community = rows[0] as AreaRow & { parent: AreaRow };
  return { community, subdistrict: community.parent };
}

/** A department of the demo district (an organisation of kind department). */
export async function department(
  strapi: Core.Strapi,
  nameEndsWith: string,
): Promise<{ id: number; documentId: string; name: string }> {
  return dbQuery(strapi, 'plugin::cms.organisation').findOne({
    where: { kind: 'department', name: { $endsWith: nameEndsWith } },
    select: ['id', 'documentId', 'name'],
  });
}
