// Set-ups the time-bank API and e2e tests share: residents and volunteers with their own
// members, a community with a funded pool, requests served up to the point of confirmation.
import type { Core } from '@strapi/strapi';
import { dbQuery, http, newUser, unique, type AreaRow } from './strapi';

export const TB_API = '/api/time-bank';

/** A signed-in resident or volunteer who has joined the time bank in a community. */
export interface TbUser {
  jwt: string;
  member: { documentId: string; name: string; passbookNo: string };
}

export async function joinedUser(
  strapi: Core.Strapi,
  role: 'resident' | 'volunteer',
  community: { documentId: string },
  categories: string[] = [],
  name = unique(role === 'resident' ? '居民' : '志愿者'),
): Promise<TbUser> {
  const jwt = await signedInUser(strapi, role);
  const res = await http(strapi)
    .post(`${TB_API}/me/join`)
    .set({ Authorization: `Bearer ${jwt}` })
    .send({ name, area: community.documentId, categories });
  if (res.status !== 200) throw new Error(`join: ${res.status} ${JSON.stringify(res.body)}`);
  return { jwt, member: res.body.data };
}

/**
 * A new user of a role with a JWT issued directly: tests make dozens of residents, more than the
 * login route's rate limit lets one address sign in.
 */
export async function signedInUser(strapi: Core.Strapi, role: string): Promise<string> {
  return (await newUser(strapi, role)).jwt;
}

/** A community with no time-bank records yet from other test files (the last one by code). */
export async function freshCommunity(strapi: Core.Strapi, skip = 0): Promise<AreaRow> {
  const rows: AreaRow[] = await dbQuery(strapi, 'plugin::cms.area').findMany({
    where: { level: 'community' },
    orderBy: { code: 'desc' },
    select: ['id', 'documentId', 'code', 'path', 'name'],
  });
  return rows[skip] as AreaRow;
}

/** A pool for a community, funded with issued minutes, through the API as foundation staff. */
export async function fundedPool(
  strapi: Core.Strapi,
  staffJwt: string,
  community: { documentId: string; name: string },
  minutes = 100_000,
): Promise<{ documentId: string }> {
  const auth = { Authorization: `Bearer ${staffJwt}` };
  const pool = await http(strapi)
    .post(`${TB_API}/members`)
    .set(auth)
    .send({ kind: 'pool', name: `${community.name}时间池${unique()}`, area: community.documentId });
  if (pool.status !== 200) throw new Error(`pool: ${pool.status} ${JSON.stringify(pool.body)}`);
  const issued = await http(strapi)
    .post(`${TB_API}/members/${pool.body.data.documentId}/issue`)
    .set(auth)
    .send({ minutes });
  if (issued.status !== 200)
    throw new Error(`issue: ${issued.status} ${JSON.stringify(issued.body)}`);
  return pool.body.data;
}

/**
 * A window starting in half an hour, hours long: check-in is open at once (it opens an hour
 * before the window).
 */
export const windowStartingSoon = (hours = 3) => ({
  windowStart: new Date(Date.now() + 1800_000).toISOString(),
  windowEnd: new Date(Date.now() + 1800_000 + hours * 3600_000).toISOString(),
});

/** A window from tomorrow, hours long. */
export const windowFromTomorrow = (hours = 48) => ({
  windowStart: new Date(Date.now() + 86400_000).toISOString(),
  windowEnd: new Date(Date.now() + 86400_000 + hours * 3600_000).toISOString(),
});
