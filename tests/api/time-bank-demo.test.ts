// The time bank's district demo: 427 teams with leaders, 3,000 volunteers and 600 elders, a pool
// per community, a year of services and activities whose credited minutes equal the minutes the
// ledger moved for them, members' balances that match their records, and books that reconcile.
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import {
  DISTRICT_TB,
  DISTRICT_TB_PREFIX,
  seedDistrictTimeBank,
} from '../../database/seed/time-bank';
import { bootStrapi, dbQuery, ledgerService } from '../helpers/strapi';

type Row = Record<string, unknown> & { id: number; documentId: string };
const num = (v: unknown): number => Number(v ?? 0);

describe('time bank demo', () => {
  let strapi: Core.Strapi;
  let knex: Knex;
  const q = (uid: string) => dbQuery(strapi, uid);
  const demoCount = (prefix: string, where: Record<string, unknown> = {}) =>
    q('plugin::time-bank.member').count({
      where: { documentId: { $startsWith: prefix }, ...where },
    });

  beforeAll(async () => {
    strapi = await bootStrapi();
    knex = strapi.db.connection as unknown as Knex;
    // `npm start` seeds it on the first start; test runs seed only the small demo, so this file
    // seeds the district's year itself, through the same function (once per database).
    await seedDistrictTimeBank(strapi);
  }, 600_000);
  afterAll(async () => {
    await strapi?.destroy();
  });

  it('holds 427 teams with leaders, the volunteers, the elders and a pool per community', async () => {
    expect(await demoCount(DISTRICT_TB_PREFIX.team, { kind: 'team' })).toBe(DISTRICT_TB.teams);
    expect(await demoCount(DISTRICT_TB_PREFIX.volunteer, { kind: 'person' })).toBe(
      DISTRICT_TB.volunteers,
    );
    expect(await demoCount(DISTRICT_TB_PREFIX.elder, { kind: 'person' })).toBe(DISTRICT_TB.elders);
    const teams: Row[] = await q('plugin::time-bank.member').findMany({
      where: { documentId: { $startsWith: DISTRICT_TB_PREFIX.team } },
      select: ['id', 'documentId', 'name', 'passbookNo'],
      populate: { leader: { select: ['id'] }, teamMembers: { select: ['id'] } },
    });
    expect(new Set(teams.map((t) => t.name)).size).toBe(DISTRICT_TB.teams);
    for (const t of teams) {
      expect(t.name).toMatch(/(队)$/);
      expect(t.passbookNo).toMatch(/^TB\d{9}$/);
      expect(t.leader).toBeTruthy();
      expect((t.teamMembers as Row[]).map((m) => m.id)).toContain((t.leader as Row).id);
    }
    const inTeams = teams.reduce((s, t) => s + (t.teamMembers as Row[]).length, 0);
    expect(inTeams).toBeGreaterThan(DISTRICT_TB.volunteers * 0.7);

    const places: { path: string }[] = await q('plugin::cms.area').findMany({
      where: { level: { $in: ['community', 'village'] } },
      select: ['path'],
    });
    const pools: Row[] = await q('plugin::time-bank.member').findMany({
      where: { kind: 'pool' },
      select: ['id', 'areaPath'],
    });
    const pooled = new Set(pools.map((p) => p.areaPath));
    const without = places.filter((p) => !pooled.has(p.path));
    expect(without.length).toBeLessThanOrEqual(DISTRICT_TB.untouchedCommunities);
  });

  it('spreads a year of services and activities over the past year', async () => {
    const services = await knex('time_bank_services')
      .where('document_id', 'like', `${DISTRICT_TB_PREFIX.service}%`)
      .where('state', 'confirmed')
      .select(
        knex.raw('count(*) as n'),
        knex.raw('min(confirmed_at) as first'),
        knex.raw('max(confirmed_at) as last'),
      );
    const s = services[0] as { n: unknown; first: unknown; last: unknown };
    expect(num(s.n)).toBe(DISTRICT_TB.poolServices + DISTRICT_TB.paidServices);
    const day = 86400_000;
    const when = (v: unknown) => new Date(typeof v === 'string' ? v : num(v)).getTime();
    expect(when(s.first)).toBeLessThan(Date.now() - 300 * day);
    expect(when(s.last)).toBeLessThan(Date.now());
    const credited = await q('plugin::time-bank.activity').count({
      where: { status: 'credited', startsAt: { $lt: new Date(Date.now() - day) } },
    });
    expect(credited).toBeGreaterThanOrEqual(DISTRICT_TB.activities);
    const paidByServed = await q('plugin::time-bank.service').count({
      where: {
        documentId: { $startsWith: DISTRICT_TB_PREFIX.service },
        payer: { kind: 'person' },
      },
    });
    expect(paidByServed).toBe(DISTRICT_TB.paidServices);
  });

  it('credits exactly the minutes the ledger moved for services and activities', async () => {
    const sum = async (table: string, where: Record<string, unknown>) =>
      num(
        (
          (await knex(table).where(where).sum({ total: 'credited_minutes' })) as {
            total: unknown;
          }[]
        )[0]?.total,
      );
    const recorded =
      (await sum('time_bank_services', { state: 'confirmed' })) +
      (await sum('time_bank_activities', { status: 'credited' }));
    const moved = (await knex('ledger_transfers')
      .whereIn('code', ['service', 'activity', 'cap'])
      .where('kind', 'posted')
      .select('code')
      .sum({ total: 'amount' })
      .groupBy('code')) as { code: string; total: unknown }[];
    const byCode = Object.fromEntries(moved.map((m) => [m.code, num(m.total)]));
    expect(recorded).toBe((byCode.service ?? 0) + (byCode.activity ?? 0) + (byCode.cap ?? 0));
    expect(byCode.service).toBeGreaterThan(300_000);
    expect(byCode.activity).toBeGreaterThan(100_000);

    // The demo's own services, one by one: each paid once, by its key, the minutes credited.
    const demo = (await knex('time_bank_services as s')
      .leftJoin(
        'ledger_transfers as t',
        't.idempotency_key',
        knex.raw(`'service:' || s.document_id`),
      )
      .where('s.document_id', 'like', `${DISTRICT_TB_PREFIX.service}%`)
      .select('s.credited_minutes', 's.to_pool_minutes', 't.amount')) as {
      credited_minutes: unknown;
      to_pool_minutes: unknown;
      amount: unknown;
    }[];
    const off = demo.filter(
      (d) => num(d.amount) !== num(d.credited_minutes) - num(d.to_pool_minutes),
    );
    expect(off).toEqual([]);
  });

  it('gives sampled members the balance their records say', async () => {
    const ledger = ledgerService(strapi, 'ledger');
    const members = q('plugin::time-bank.member');
    const stars: Row[] = await members.findMany({
      where: { documentId: { $startsWith: DISTRICT_TB_PREFIX.volunteer } },
      orderBy: { earnedMinutes: 'desc' },
      limit: 3,
    });
    const gifted: Row[] = await members.findMany({
      where: {
        documentId: { $startsWith: DISTRICT_TB_PREFIX.elder },
        earnedMinutes: 0,
      },
      populate: { area: { select: ['id'] } },
      limit: 600,
    });
    const received = new Set(
      (
        (await q('plugin::time-bank.gift').findMany({
          populate: { receiver: { select: ['id'] } },
        })) as Row[]
      ).map((g) => (g.receiver as Row | null)?.id),
    );
    const elders = gifted.filter((e) => received.has(e.id)).slice(0, 3);
    const pools: Row[] = await members.findMany({
      where: { documentId: { $startsWith: DISTRICT_TB_PREFIX.pool } },
      orderBy: { id: 'asc' },
      limit: 3,
    });
    expect(stars.length + elders.length + pools.length).toBe(9);

    const sumOf = async (uid: string, where: Record<string, unknown>, field: string) =>
      ((await q(uid).findMany({ where, select: ['id', field] })) as Row[]).reduce(
        (s, r) => s + num(r[field]),
        0,
      );
    for (const m of [...stars, ...elders, ...pools]) {
      const id = m.id;
      const served = (await q('plugin::time-bank.service').findMany({
        where: { volunteer: { id }, state: 'confirmed' },
        // With a relation filter the query engine selects DISTINCT: the id keeps equal rows apart.
        select: ['id', 'creditedMinutes', 'toPoolMinutes'],
      })) as Row[];
      const fromActivities = await sumOf(
        'plugin::time-bank.participation',
        { member: { id }, status: 'credited' },
        'creditedMinutes',
      );
      const earned =
        served.reduce((s, r) => s + num(r.creditedMinutes) - num(r.toPoolMinutes), 0) +
        fromActivities;
      const paid =
        (await sumOf(
          'plugin::time-bank.service',
          { payer: { id }, state: 'confirmed' },
          'creditedMinutes',
        )) +
        (await sumOf(
          'plugin::time-bank.activity',
          { pool: { id }, status: 'credited' },
          'creditedMinutes',
        ));
      const gifts =
        (await sumOf('plugin::time-bank.gift', { receiver: { id } }, 'minutes')) -
        (await sumOf('plugin::time-bank.gift', { giver: { id } }, 'minutes'));
      const redeemed = await sumOf(
        'plugin::time-bank.redemption',
        { member: { id }, status: 'fulfilled' },
        'minutes',
      );
      // What was issued into a pool has no record of its own: the ledger's 'issue' lines say it.
      let issued = 0;
      if (m.kind === 'pool') {
        const page = await ledger.history(m.accountCode as string, 0, 500);
        issued = page.entries
          .filter((e) => e.transfer.code === 'issue' || e.transfer.code === 'cap')
          .reduce((s, e) => s + e.amount, 0);
      }
      const balance = await ledger.balance(m.accountCode as string);
      expect({ member: m.name, posted: Number(balance.posted) }).toEqual({
        member: m.name,
        posted: issued + earned + gifts - paid - redeemed,
      });
      if (m.kind === 'person' && m.documentId.startsWith(DISTRICT_TB_PREFIX.volunteer))
        expect(num(m.earnedMinutes)).toBe(
          served.reduce((s, r) => s + num(r.creditedMinutes), 0) + fromActivities,
        );
    }
  });

  it('keeps the books: the ledger reconciles', async () => {
    const result = await ledgerService(strapi, 'ledger').reconcile();
    expect(result.ok).toBe(true);
  });
});
