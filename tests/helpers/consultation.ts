import type { Core } from '@strapi/strapi';
import { dbQuery, http, newUser, unique, type AreaRow } from './strapi';

/** A documentId (24 lower-case letters and digits) for a row written below the Document Service. */
export const newDocumentId = (prefix: string): string =>
  unique(prefix)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x')
    .padEnd(24, 'x')
    .slice(0, 24);

/**
 * A compound in the community with one household per phone, imported through the console's
 * import (POST /api/cms/property-imports/commit) by staff of the community: rooms numbered from
 * `firstRoom` in one building and unit, each with one owner who heads the household.
 */
export async function compoundWithHouseholds(
  strapi: Core.Strapi,
  options: {
    community: AreaRow & { id: number };
    /** staff of the community */
    jwt: string;
    name: string;
    phones: string[];
    building: string;
    firstRoom: number;
    /** the room's floor area in m², as typed in the sheet ('60.00') */
    area: (index: number) => string;
    /** other members of a household, as the sheet's members column ('name:phone') */
    members?: (index: number) => string;
    type?: string;
    /** the sheet's names: `${label}${i + 1}` */
    label?: string;
  },
): Promise<string> {
  const created = (await dbQuery(strapi, 'plugin::cms.compound').create({
    data: {
      documentId: newDocumentId('c'),
      name: options.name,
      community: options.community.id,
      type: options.type ?? 'old',
      areaPath: options.community.path,
    },
  })) as { documentId: string };
  const label = options.label ?? '业主';
  const rows = options.phones.map((phone, i) => ({
    building: options.building,
    unit: '1',
    room: String(options.firstRoom + i),
    area: options.area(i),
    usage: '住宅',
    shares: '',
    owners: `${label}${i + 1}`,
    ownerPhones: phone,
    head: `${label}${i + 1}`,
    headPhone: phone,
    members: options.members?.(i) ?? '',
  }));
  const imported = await http(strapi)
    .post('/api/cms/property-imports/commit')
    .set('Authorization', `Bearer ${options.jwt}`)
    .send({ compound: created.documentId, rows });
  if (imported.status !== 200)
    throw new Error(`import: ${imported.status} ${JSON.stringify(imported.body)}`);
  return created.documentId;
}

/** A resident's account for the person with this phone (as the community registered them). */
export async function residentWithPhone(
  strapi: Core.Strapi,
  phone: string,
): Promise<{ jwt: string; id: number; username: string }> {
  const person = (await dbQuery(strapi, 'plugin::cms.person').findOne({
    where: { phone },
    select: ['id'],
  })) as { id: number } | null;
  if (!person) throw new Error(`no person with phone ${phone}`);
  const user = await newUser(strapi, 'resident');
  await dbQuery(strapi, 'plugin::users-permissions.user').update({
    where: { id: user.id },
    data: { person: person.id },
  });
  return user;
}
