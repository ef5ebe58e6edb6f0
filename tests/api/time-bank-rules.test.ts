// The time bank's rules over HTTP, beyond one service: an activity's roster credited in one
// all-or-nothing batch, QR check-in at the venue, redemptions (level, balance, stock, the last item
// raced), the policy's versions refused when wrong, durations out of bounds, a request past its
// window, and scope: staff of another community reach nothing, residents list nothing.
import type { Core } from '@strapi/strapi';
import {
  bootStrapi,
  dbQuery,
  gql,
  http,
  ledgerService,
  login,
  staffUser,
  type ValidationIssue,
} from '../helpers/strapi';
import {
  TB_API,
  freshCommunity,
  fundedPool,
  joinedUser,
  windowFromTomorrow,
  type TbUser,
} from '../helpers/time-bank';

describe('time bank rules', () => {
  let strapi: Core.Strapi;
  let staff: string;
  let community: { documentId: string; name: string; path: string };
  let pool: { documentId: string };
  let volunteer: TbUser;

  const as = (jwt: string) => ({ Authorization: `Bearer ${jwt}` });
  const post = (jwt: string, path: string, body: object = {}) =>
    http(strapi).post(`${TB_API}${path}`).set(as(jwt)).send(body);
  const get = (jwt: string, path: string) => http(strapi).get(`${TB_API}${path}`).set(as(jwt));
  const issuesOf = (res: { body: { error?: { details?: { errors?: ValidationIssue[] } } } }) =>
    res.body.error?.details?.errors ?? [];
  /** The answer's data, or a failure that shows the refusal. */
  const ok = <T = { documentId: string }>(res: { status: number; body: { data?: unknown } }): T => {
    if (res.status !== 200 && res.status !== 201)
      throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    return res.body.data as T;
  };
  const me = async (u: TbUser) => (await get(u.jwt, '/me')).body.data;

  async function activity(title: string, poolId = pool.documentId) {
    const res = await http(strapi)
      .post(`${TB_API}/activities`)
      .set(as(staff))
      .send({
        data: {
          title,
          area: community.documentId,
          pool: poolId,
          place: '社区活动中心',
          startsAt: new Date(Date.now() - 3 * 3600_000).toISOString(),
          endsAt: new Date(Date.now() + 3600_000).toISOString(),
        },
      });
    if (res.status !== 201 && res.status !== 200)
      throw new Error(`activity: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.data as { documentId: string; checkinCode: string };
  }

  /** Honour hours for members through a credited roster. */
  async function credit(members: TbUser[], minutes: number, poolId = pool.documentId) {
    const a = await activity(`社区清洁 ${Date.now()}`, poolId);
    const roster = await post(staff, `/activities/${a.documentId}/roster`, {
      entries: members.map((m) => ({ member: m.member.documentId, minutes })),
    });
    if (roster.status !== 200) throw new Error(`roster: ${JSON.stringify(roster.body)}`);
    return post(staff, `/activities/${a.documentId}/credit`);
  }

  beforeAll(async () => {
    strapi = await bootStrapi();
    staff = await login(strapi, 'foundation-staff');
    community = await freshCommunity(strapi, 1);
    pool = await fundedPool(strapi, staff, community, 1_000_000);
    volunteer = await joinedUser(strapi, 'volunteer', community, ['eldercare']);
  });
  afterAll(async () => {
    await strapi?.destroy();
  });

  it('credits a roster of 50 in one batch, and nothing when the pool cannot pay them all', async () => {
    const people: TbUser[] = [];
    for (let i = 0; i < 50; i++) people.push(await joinedUser(strapi, 'volunteer', community));
    const credited = await credit(people, 120);
    expect(credited.status).toBe(200);
    expect(credited.body.data).toMatchObject({ credited: 50, minutes: 6000 });
    expect((await me(people[7]!)).balance.available).toBe(120);

    // A small pool that holds less than the roster earns: nobody is paid.
    const small = await fundedPool(strapi, staff, community, 200);
    const few = people.slice(0, 3);
    const refused = await credit(few, 120, small.documentId);
    expect(refused.status).toBe(400);
    expect(issuesOf(refused)[0]).toMatchObject({ code: 'insufficient_balance' });
    for (const p of few) expect((await me(p)).balance.available).toBe(120);
  });

  it('lists open activities near a member, who signs up once', async () => {
    const a = await activity('重阳节敬老活动');
    const newcomer = await joinedUser(strapi, 'volunteer', community);
    const listed = (await get(newcomer.jwt, '/me/activities')).body.data as {
      documentId: string;
      myStatus: string | null;
    }[];
    expect(listed.find((x) => x.documentId === a.documentId)).toMatchObject({ myStatus: null });
    expect((await post(newcomer.jwt, `/activities/${a.documentId}/signup`)).status).toBe(200);
    const twice = await post(newcomer.jwt, `/activities/${a.documentId}/signup`);
    expect(twice.status).toBe(400);
    expect(issuesOf(twice)[0]).toMatchObject({ code: 'duplicate' });
    const after = (await get(newcomer.jwt, '/me/activities')).body.data as {
      documentId: string;
      myStatus: string | null;
      signedUp: number;
    }[];
    expect(after.find((x) => x.documentId === a.documentId)).toMatchObject({
      myStatus: 'signed_up',
      signedUp: 1,
    });
  });

  it('checks a member in and out at the venue by the activity’s code', async () => {
    const a = await activity('邻里节志愿服务');
    const first = await post(volunteer.jwt, '/checkin', { code: a.checkinCode });
    expect(first.status).toBe(200);
    expect(first.body.data.status).toBe('checked_in');
    const [participation] = await dbQuery(strapi, 'plugin::time-bank.participation').findMany({
      where: { activity: { documentId: a.documentId } },
      select: ['id'],
    });
    await dbQuery(strapi, 'plugin::time-bank.participation').update({
      where: { id: participation.id },
      data: { checkedInAt: new Date(Date.now() - 65 * 60_000) },
    });
    const second = await post(volunteer.jwt, '/checkin', { code: a.checkinCode });
    expect(second.status).toBe(200);
    expect(second.body.data).toMatchObject({ status: 'checked_out', minutes: 60 });
    const bad = await post(volunteer.jwt, '/checkin', { code: 'not-a-code' });
    expect(bad.status).toBe(400);
    expect(issuesOf(bad)[0]).toMatchObject({ path: ['code'] });
  });

  it('redeems from a level, within the balance and the stock; the last item goes to one', async () => {
    const newcomer = await joinedUser(strapi, 'volunteer', community);
    const item = (
      await http(strapi)
        .post(`${TB_API}/catalogue-items`)
        .set(as(staff))
        .send({
          data: { nameZh: '米一袋', priceMinutes: 60, stock: 1, area: community.documentId },
        })
    ).body.data;
    const low = await post(newcomer.jwt, `/catalogue-items/${item.documentId}/redeem`, {
      quantity: 1,
    });
    expect(low.status).toBe(400);
    expect(issuesOf(low)[0]).toMatchObject({ code: 'below_level' });

    // Two members of one star (100 h earned) race for the one item in stock.
    const [a, b] = [
      await joinedUser(strapi, 'volunteer', community),
      await joinedUser(strapi, 'volunteer', community),
    ];
    for (let i = 0; i < 9; i++) expect((await credit([a, b], 690)).status).toBe(200);
    const results = await Promise.all([
      post(a.jwt, `/catalogue-items/${item.documentId}/redeem`, { quantity: 1 }),
      post(b.jwt, `/catalogue-items/${item.documentId}/redeem`, { quantity: 1 }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 400]);
    expect(issuesOf(results.find((r) => r.status === 400)!)[0]).toMatchObject({
      code: 'out_of_stock',
    });
    const stock = await dbQuery(strapi, 'plugin::time-bank.catalogue-item').findOne({
      where: { documentId: item.documentId },
    });
    expect(stock.stock).toBe(0);

    // The winner's minutes are held, then cancelling gives back the minutes and the stock.
    const won = results.find((r) => r.status === 200)!.body.data;
    const winner = won.member.documentId === a.member.documentId ? a : b;
    expect((await me(winner)).balance).toMatchObject({ available: 9 * 690 - 60, reserved: 60 });
    expect(
      (await post(winner.jwt, `/redemptions/${won.documentId}/cancel`, { reason: '不需要了' }))
        .status,
    ).toBe(200);
    expect((await me(winner)).balance).toMatchObject({ available: 9 * 690, reserved: 0 });

    // Redeeming more than the balance is refused on the quantity.
    const dear = (
      await http(strapi)
        .post(`${TB_API}/catalogue-items`)
        .set(as(staff))
        .send({
          data: { nameZh: '体检', priceMinutes: 7000, stock: 5, area: community.documentId },
        })
    ).body.data;
    const poor = await post(winner.jwt, `/catalogue-items/${dear.documentId}/redeem`, {
      quantity: 1,
    });
    expect(poor.status).toBe(400);
    expect(issuesOf(poor)[0]).toMatchObject({ path: ['quantity'], code: 'insufficient_balance' });
    const left = await dbQuery(strapi, 'plugin::time-bank.catalogue-item').findOne({
      where: { documentId: dear.documentId },
    });
    expect(left.stock).toBe(5);

    // Fulfilling posts what was held.
    const again = await post(winner.jwt, `/catalogue-items/${item.documentId}/redeem`, {
      quantity: 1,
    });
    expect(again.status).toBe(200);
    expect((await post(staff, `/redemptions/${again.body.data.documentId}/fulfil`)).status).toBe(
      200,
    );
    expect((await me(winner)).balance).toMatchObject({ available: 9 * 690 - 60, reserved: 0 });
  });

  it('refuses a policy with a negative rate or a version that overlaps', async () => {
    const negative = await post(staff, '/policy', {
      effectiveFrom: '2099-01-01',
      policy: { categoryRates: { repair: -500 } },
    });
    expect(negative.status).toBe(400);
    expect(issuesOf(negative)[0]).toMatchObject({ path: ['categoryRates', 'repair'] });
    const past = await post(staff, '/policy', { effectiveFrom: '2020-01-01', policy: {} });
    expect(past.status).toBe(400);
    expect(issuesOf(past)[0].path).toEqual(['effectiveFrom']);
    const versions = await dbQuery(strapi, 'plugin::time-bank.policy-version').count({});
    const worker = await staffUser(strapi, 'community-worker', community.documentId);
    expect(
      (await post(worker, '/policy', { effectiveFrom: '2099-01-01', policy: {} })).status,
    ).toBe(403);
    expect(await dbQuery(strapi, 'plugin::time-bank.policy-version').count({})).toBe(versions);
  });

  it('refuses 30 hours, a request past its window, and someone else’s service', async () => {
    const elder = await joinedUser(strapi, 'resident', community);
    const req = ok(
      await post(elder.jwt, '/requests', {
        title: '修水管',
        category: 'eldercare',
        estimatedMinutes: 60,
        ...windowFromTomorrow(),
      }),
    );
    const service = ok(await post(volunteer.jwt, `/requests/${req.documentId}/accept`));
    const long = await post(staff, `/services/${service.documentId}/record`, { minutes: 30 * 60 });
    expect(long.status).toBe(400);
    expect(issuesOf(long)[0]).toMatchObject({ path: ['minutes'], code: 'invalid_duration' });
    const zero = await post(staff, `/services/${service.documentId}/record`, { minutes: 0 });
    expect(zero.status).toBe(400);
    const stranger = await joinedUser(strapi, 'resident', community);
    const notMine = await post(stranger.jwt, `/services/${service.documentId}/check-in`);
    expect(notMine.status).toBe(400);
    expect(issuesOf(notMine)[0]).toMatchObject({ code: 'not_party' });

    await dbQuery(strapi, 'plugin::time-bank.request').update({
      where: { documentId: req.documentId },
      data: { windowEnd: new Date(Date.now() - 3600_000), volunteersNeeded: 2 },
    });
    const late = await post(stranger.jwt, `/requests/${req.documentId}/accept`);
    expect(late.status).toBe(400);
    expect(issuesOf(late)[0]).toMatchObject({ code: 'past_window' });
  });

  it('keeps staff to their community and residents to their own', async () => {
    const elder = await joinedUser(strapi, 'resident', community);
    const req = ok(
      await post(elder.jwt, '/requests', {
        title: '代购药品',
        category: 'shopping',
        estimatedMinutes: 60,
        ...windowFromTomorrow(),
      }),
    );
    const elsewhere = await freshCommunity(strapi, 5);
    const worker = await staffUser(strapi, 'community-worker', elsewhere.documentId);
    expect((await get(worker, `/requests/${req.documentId}/candidates`)).status).toBe(404);
    const listed = (
      await gql(
        strapi,
        '{ timeBankMembers(filters: { kind: { eq: "person" } }) { documentId areaPath } }',
        {},
        worker,
      )
    ).body;
    expect(listed.errors).toBeUndefined();
    for (const m of listed.data.timeBankMembers)
      expect(m.areaPath.startsWith(elsewhere.path)).toBe(true);
    const resident = (await gql(strapi, '{ timeBankMembers { documentId } }', {}, elder.jwt)).body;
    expect(resident.errors?.[0]?.message ?? '').toMatch(/Forbidden/);
  });

  it('expires the oldest minutes when the policy says so, once', async () => {
    const hours = strapi.plugin('time-bank').service('hours');
    const policy = strapi.plugin('time-bank').service('policy');
    const member = await dbQuery(strapi, 'plugin::time-bank.member').findOne({
      where: { documentId: volunteer.member.documentId },
    });
    expect((await credit([volunteer], 60)).status).toBe(200);
    await hours.addLot(member.id, 1, '2000-01-01', 'test');
    // No expiry under the default policy: nothing happens.
    expect(await hours.expireDue('2026-12-01')).toEqual({ lots: 0, minutes: 0 });
    const inForce = await policy.inForce();
    const spy = jest
      .spyOn(policy, 'inForce')
      .mockResolvedValue({ ...inForce, policy: { ...inForce.policy, expiryMonths: 12 } });
    try {
      const before = Number(
        (await ledgerService(strapi, 'ledger').balance(member.accountCode)).available,
      );
      const first = await hours.expireDue('2026-12-01');
      expect(first.minutes).toBeGreaterThanOrEqual(1);
      const after = Number(
        (await ledgerService(strapi, 'ledger').balance(member.accountCode)).available,
      );
      expect(after).toBeLessThan(before);
      expect(await hours.expireDue('2026-12-01')).toMatchObject({ minutes: 0 });
    } finally {
      spy.mockRestore();
    }
  });

  it('keeps the books', async () => {
    expect(await ledgerService(strapi, 'ledger').reconcile()).toMatchObject({ ok: true });
  });
});
