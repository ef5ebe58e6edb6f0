import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { planCity, planDistrict, XINDU, type SeedPlan } from './plan';
import { writePlan } from './write';
import { seedDemoForms } from './forms';
import { seedDemoGrants } from './grants';
import { seedDemoRounds } from './rounds';
import { seedDemoTimeBank } from './time-bank';
import { casesSeedLine, seedDemoCases } from './cases';
import { seedDemoProperties } from './properties';
import { consultationSeedLine, seedConsultationForm, seedDemoConsultation } from './consultation';
import { dbQuery } from './strapi';

/** What the seed asks of users-permissions' and the admin panel's services (they publish no types). */
interface UsersService {
  add(user: Record<string, unknown>): Promise<unknown>;
}
interface AdminUsers {
  exists(where: { email: string }): Promise<boolean>;
  create(user: Record<string, unknown>): Promise<unknown>;
}
type IdRow = { id: number };
interface AdminRoles {
  getSuperAdmin(): Promise<IdRow | null | undefined>;
}

export const DEMO_PASSWORD = 'Linli-demo-2026';
export const DEMO_ADMIN_EMAIL = 'admin@linli.local';

/**
 * The demo accounts: one per role, named after it (or given a name when a role has two), the
 * area each is scoped to, and for a department's staff the department they work for.
 */
const DEMO_ACCOUNTS: {
  role: string;
  username?: string;
  scope: keyof SeedPlan['anchors'] | null;
  unit?: string;
}[] = [
  { role: 'foundation-staff', scope: 'district' },
  { role: 'incubator', scope: 'district' },
  { role: 'community-worker', scope: 'community' },
  // The street office's dispatch centre (街道指挥中心): a community worker over the subdistrict.
  { role: 'community-worker', username: 'street-office', scope: 'subdistrict' },
  { role: 'grid-worker', scope: 'community' },
  { role: 'department', scope: 'district', unit: '住建局' },
  { role: 'reviewer', scope: 'district' },
  { role: 'volunteer', scope: null },
  { role: 'resident', scope: null },
];

/**
 * A city's seed (`npm run seed -- --city`) adds one account over every district: foundation
 * staff scoped to the city's area, as a municipal foundation or civil-affairs bureau works — the
 * city-wide lists and dashboards are timed as this user (scripts/bench-city.js).
 */
const CITY_ACCOUNTS: typeof DEMO_ACCOUNTS = [
  { role: 'foundation-staff', username: 'city-staff', scope: 'city' },
];

/**
 * When the demo district is seeded: LINLI_SEED=demo always (but never with NODE_ENV=production),
 * LINLI_SEED=none never, and by default only into the embedded SQLite database of a
 * non-production start — a PostgreSQL database is someone's real data until told otherwise.
 */
export function seedWanted(strapi: Core.Strapi): boolean {
  const mode = process.env.LINLI_SEED ?? 'auto';
  if (process.env.NODE_ENV === 'production') {
    if (mode === 'demo')
      strapi.log.warn('LINLI_SEED=demo ignored: no demo data or demo accounts in production.');
    return false;
  }
  if (mode === 'none') return false;
  if (mode === 'demo') return true;
  return strapi.db.dialect.client !== 'postgres';
}

export async function seedIfWanted(strapi: Core.Strapi): Promise<void> {
  if (!seedWanted(strapi)) return;
  const result = await seedDemo(strapi);
  // Demo forms are seeded on their own (idempotently), so a district seeded before the forms
  // plugin existed gets them too.
  const formsStarted = Date.now();
  const submissions = await seedDemoForms(strapi);
  if (submissions)
    strapi.log.info(
      `Seeded the demo forms with ${submissions} submissions in ${Date.now() - formsStarted} ms.`,
    );
  const grantsStarted = Date.now();
  const donations = await seedDemoGrants(strapi);
  if (donations)
    strapi.log.info(
      `Seeded the demo funds with ${donations} donations in ${Date.now() - grantsStarted} ms.`,
    );
  const roundsStarted = Date.now();
  const projects = await seedDemoRounds(strapi);
  if (projects)
    strapi.log.info(
      `Seeded the demo grant rounds with ${projects} applications in ${Date.now() - roundsStarted} ms.`,
    );
  const timeBankStarted = Date.now();
  const members = await seedDemoTimeBank(strapi);
  if (members)
    strapi.log.info(
      `Seeded the demo time bank with ${members} members in ${Date.now() - timeBankStarted} ms.`,
    );
  const propertiesStarted = Date.now();
  const rooms = await seedDemoProperties(strapi);
  if (rooms)
    strapi.log.info(
      `Seeded ${rooms} demo rooms with their owners and households in ${Date.now() - propertiesStarted} ms.`,
    );
  // After the time bank: the cases' closing sweep runs every registered timer once.
  const cases = await seedDemoCases(strapi);
  if (cases) strapi.log.info(casesSeedLine(cases));
  // After the households (votes need their electorate) and cases (a decision may become one).
  await seedConsultationForm(strapi);
  const consultation = await seedDemoConsultation(strapi);
  if (consultation) strapi.log.info(consultationSeedLine(consultation));
  if (result.seeded) {
    strapi.log.info(
      `Seeded the demo district in ${result.ms} ms: ${Object.entries(result.counts)
        .map(([k, v]) => `${v} ${k.split('.').pop()}`)
        .join(', ')}. ` +
        `Demo accounts (password ${DEMO_PASSWORD}): ${DEMO_ACCOUNTS.map((a) => a.username ?? a.role).join(', ')}; admin panel: ${DEMO_ADMIN_EMAIL}.`,
    );
  }
}

export interface SeedResult {
  seeded: boolean;
  ms: number;
  counts: Record<string, number>;
}

/** Seeds the demo district and its accounts once; a second call finds the district and does nothing. */
export async function seedDemo(strapi: Core.Strapi, plans?: SeedPlan[]): Promise<SeedResult> {
  const started = Date.now();
  const toWrite = plans ?? [planDistrict(XINDU)];
  const firstCode = (toWrite[0] as SeedPlan).areas[0]?.data.code as string;
  const existing = await dbQuery(strapi, 'plugin::cms.area').findOne({
    where: { code: firstCode },
    select: ['id'],
  });
  if (existing) return { seeded: false, ms: Date.now() - started, counts: {} };

  const counts: Record<string, number> = {};
  await strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
    for (const plan of toWrite) {
      const c = await writePlan(strapi, trx, plan);
      for (const [k, v] of Object.entries(c)) counts[k] = (counts[k] ?? 0) + v;
    }
  });
  await createDemoAccounts(
    strapi,
    toWrite[0] as SeedPlan,
    toWrite.length > 1 ? [...DEMO_ACCOUNTS, ...CITY_ACCOUNTS] : DEMO_ACCOUNTS,
  );
  return { seeded: true, ms: Date.now() - started, counts };
}

async function createDemoAccounts(
  strapi: Core.Strapi,
  plan: SeedPlan,
  accounts: typeof DEMO_ACCOUNTS,
): Promise<void> {
  const users = strapi.plugin('users-permissions').service('user') as UsersService;
  for (const account of accounts) {
    const role: IdRow | null = await dbQuery(strapi, 'plugin::users-permissions.role').findOne({
      where: { type: account.role },
    });
    const username = account.username ?? account.role;
    const found = await dbQuery(strapi, 'plugin::users-permissions.user').findOne({
      where: { username },
    });
    if (found || !role) continue;
    const scope: IdRow | null = account.scope
      ? await dbQuery(strapi, 'plugin::cms.area').findOne({
          where: { documentId: plan.anchors[account.scope] },
          select: ['id'],
        })
      : null;
    const unit: IdRow | null = account.unit
      ? await dbQuery(strapi, 'plugin::cms.organisation').findOne({
          where: { kind: 'department', name: { $endsWith: account.unit } },
          select: ['id'],
        })
      : null;
    await users.add({
      username,
      email: `${username}@linli.local`,
      password: DEMO_PASSWORD,
      provider: 'local',
      confirmed: true,
      blocked: false,
      role: role.id,
      scope: scope?.id ?? null,
      unit: unit?.id ?? null,
    });
  }
  const admins = strapi.service('admin::user') as unknown as AdminUsers;
  if (!(await admins.exists({ email: DEMO_ADMIN_EMAIL }))) {
    const superAdmin = await (
      strapi.service('admin::role') as unknown as AdminRoles
    ).getSuperAdmin();
    if (superAdmin) {
      await admins.create({
        email: DEMO_ADMIN_EMAIL,
        firstname: 'Linli',
        lastname: 'Admin',
        password: DEMO_PASSWORD,
        isActive: true,
        registrationToken: null,
        roles: [superAdmin.id],
      });
    }
  }
}

export { planCity, planDistrict, XINDU };
export { seedDemoForms, seedDemoGrants };
