import type { Core } from '@strapi/strapi';
import { dbQuery, newUser, type AreaRow } from './strapi';

export const CASES_API = '/api/cases';

/** A staff user of a role, scoped to an area and (a department's staff) working for a unit. */
export const caseUser = (
  strapi: Core.Strapi,
  role: string,
  scopeDocumentId: string | null,
  unitId: number | null = null,
) => newUser(strapi, role, { scope: scopeDocumentId, unit: unitId });

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
