// The time bank over HTTP: joining opens an account in minutes; a resident's request is taken by a
// volunteer, checked in and out, confirmed by the person served and paid from the community pool
// (elders' care) exactly once; bad input is a 400 naming the field in both languages, writing
// nothing; family transfers, donations and redemptions follow the policy; the ledger reconciles.
import type { Core } from '@strapi/strapi';
import {
  bootStrapi,
  dbQuery,
  http,
  ledgerService,
  login,
  type ValidationIssue,
} from '../helpers/strapi';
import {
  TB_API,
  freshCommunity,
  fundedPool,
  joinedUser,
  windowFromTomorrow,
  windowStartingSoon,
  type TbUser,
} from '../helpers/time-bank';

describe('time bank', () => {
  let strapi: Core.Strapi;
  let staff: string;
  let community: { documentId: string; name: string; path: string };
  let pool: { documentId: string };
  let elder: TbUser;
  let volunteer: TbUser;

  const as = (jwt: string) => ({ Authorization: `Bearer ${jwt}` });
  const post = (jwt: string, path: string, body: object = {}) =>
    http(strapi).post(`${TB_API}${path}`).set(as(jwt)).send(body);
  const get = (jwt: string, path: string) => http(strapi).get(`${TB_API}${path}`).set(as(jwt));
  const balanceOf = async (jwt: string) =>
    (await get(jwt, '/me')).body.data.balance.available as number;
  const issuesOf = (res: { body: { error?: { details?: { errors?: ValidationIssue[] } } } }) =>
    res.body.error?.details?.errors ?? [];
  /** A request's window moved (as if time had passed). */
  const windowMovedTo = async (
    requestId: string,
    window: { windowStart: string; windowEnd: string },
  ) =>
    dbQuery(strapi, 'plugin::time-bank.request').update({
      where: { documentId: requestId },
      data: { windowStart: new Date(window.windowStart), windowEnd: new Date(window.windowEnd) },
    });
  /** An hour's eldercare request of the elder's, its window starting soon, taken by the volunteer. */
  const acceptedService = async (title: string) => {
    const req = (
      await post(elder.jwt, '/requests', {
        title,
        category: 'eldercare',
        estimatedMinutes: 60,
        volunteersNeeded: 1,
        ...windowStartingSoon(),
      })
    ).body.data;
    const service = (await post(volunteer.jwt, `/requests/${req.documentId}/accept`)).body.data;
    return { req, service };
  };
  /** A service moved back in time so that its check-in was `minutes` ago. */
  const checkedInAgo = async (serviceId: string, minutes: number) =>
    dbQuery(strapi, 'plugin::time-bank.service').update({
      where: { documentId: serviceId },
      data: { checkedInAt: new Date(Date.now() - minutes * 60_000) },
    });

  beforeAll(async () => {
    strapi = await bootStrapi();
    staff = await login(strapi, 'foundation-staff');
    community = await freshCommunity(strapi);
    pool = await fundedPool(strapi, staff, community);
    elder = await joinedUser(strapi, 'resident', community);
    volunteer = await joinedUser(strapi, 'volunteer', community, ['eldercare', 'escort']);
  });
  afterAll(async () => {
    await strapi?.destroy();
  });

  it('joins a member with a passbook number and an account in minutes', async () => {
    const me = (await get(elder.jwt, '/me')).body.data;
    expect(me.member.passbookNo).toMatch(/^TB\d{9}$/);
    expect(me.balance).toMatchObject({ available: 0, level: 0, mayRedeem: false });
    const again = await post(elder.jwt, '/me/join', { area: community.documentId });
    expect(again.status).toBe(400);
    expect(issuesOf(again)[0]).toMatchObject({ path: ['user'], code: 'already_member' });
  });

  it('runs a request from posting to paid confirmation, once', async () => {
    const posted = await post(elder.jwt, '/requests', {
      title: '陪我去医院复诊',
      category: 'eldercare',
      estimatedMinutes: 120,
      volunteersNeeded: 1,
      ...windowFromTomorrow(),
    });
    expect(posted.status).toBe(200);
    const requestId = posted.body.data.documentId;
    const candidates = await get(staff, `/requests/${requestId}/candidates`);
    expect(candidates.status).toBe(200);
    expect(
      candidates.body.data.map((c: { member: { documentId: string } }) => c.member.documentId),
    ).toContain(volunteer.member.documentId);

    const accepted = await post(volunteer.jwt, `/requests/${requestId}/accept`);
    expect(accepted.status).toBe(200);
    const serviceId = accepted.body.data.documentId;
    expect(accepted.body.data.state).toBe('accepted');

    // Checking out before checking in is refused, naming the action.
    const early = await post(volunteer.jwt, `/services/${serviceId}/check-out`);
    expect(early.status).toBe(400);
    expect(issuesOf(early)[0].messageZh).toBeTruthy();

    // Check-in opens an hour before the window, which starts tomorrow: refused, saying when.
    const tooEarly = await post(volunteer.jwt, `/services/${serviceId}/check-in`);
    expect(tooEarly.status).toBe(400);
    expect(issuesOf(tooEarly)[0]).toMatchObject({ path: ['service'], code: 'too_early' });
    expect(issuesOf(tooEarly)[0].messageZh).toMatch(/起可签到/);
    await windowMovedTo(requestId, windowStartingSoon());

    expect((await post(volunteer.jwt, `/services/${serviceId}/check-in`)).status).toBe(200);
    await checkedInAgo(serviceId, 95);
    const out = await post(volunteer.jwt, `/services/${serviceId}/check-out`);
    expect(out.status).toBe(200);
    expect(out.body.data).toMatchObject({
      state: 'checked_out',
      rawMinutes: 95,
      countedMinutes: 90,
    });

    // The volunteer cannot confirm their own service; the person served can.
    const self = await post(volunteer.jwt, `/services/${serviceId}/confirm`);
    expect(self.status).toBe(400);
    expect(issuesOf(self)[0]).toMatchObject({ path: ['service'], code: 'not_party' });

    const poolBefore = (
      await ledgerService(strapi, 'ledger').balance(
        (
          await dbQuery(strapi, 'plugin::time-bank.member').findOne({
            where: { documentId: pool.documentId },
          })
        ).accountCode,
      )
    ).available as number;
    const confirmed = await post(elder.jwt, `/services/${serviceId}/confirm`);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.data).toMatchObject({
      state: 'confirmed',
      creditedMinutes: 90,
      confirmedOnBehalf: false,
    });
    expect(await balanceOf(volunteer.jwt)).toBe(90);
    // Elders' care is paid by the community pool, not by the elder.
    expect(await balanceOf(elder.jwt)).toBe(0);
    const poolAfter = (
      await ledgerService(strapi, 'ledger').balance(
        (
          await dbQuery(strapi, 'plugin::time-bank.member').findOne({
            where: { documentId: pool.documentId },
          })
        ).accountCode,
      )
    ).available as number;
    expect(poolAfter).toBe(poolBefore - 90);

    const twice = await post(elder.jwt, `/services/${serviceId}/confirm`);
    expect(twice.status).toBe(400);
    expect(issuesOf(twice)[0]).toMatchObject({ code: 'already_confirmed' });
    expect(await balanceOf(volunteer.jwt)).toBe(90);

    const passbook = (await get(volunteer.jwt, '/me/passbook')).body.data;
    expect(passbook.lines[0]).toMatchObject({ minutes: 90, balanceAfter: 90, code: 'service' });
    expect(passbook.lines[0].description.zh).toContain('陪我去医院复诊');
  });

  it('refuses bad requests with the field named in both languages, writing nothing', async () => {
    const before = await dbQuery(strapi, 'plugin::time-bank.request').count({});
    const bad = await post(elder.jwt, '/requests', {
      title: '',
      category: 'eldercare',
      estimatedMinutes: 0,
      volunteersNeeded: 0,
      windowStart: '2026-01-02T00:00:00Z',
      windowEnd: '2026-01-01T00:00:00Z',
    });
    expect(bad.status).toBe(400);
    const paths = issuesOf(bad).map((i) => i.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining(['title', 'estimatedMinutes', 'volunteersNeeded', 'windowEnd']),
    );
    for (const i of issuesOf(bad)) expect(i.messageZh).toBeTruthy();
    expect(await dbQuery(strapi, 'plugin::time-bank.request').count({})).toBe(before);
  });

  it('gives the last place to exactly one of two racing volunteers', async () => {
    const other = await joinedUser(strapi, 'volunteer', community, ['eldercare']);
    const req = (
      await post(elder.jwt, '/requests', {
        title: '帮忙买菜',
        category: 'shopping',
        estimatedMinutes: 60,
        volunteersNeeded: 1,
        ...windowFromTomorrow(),
      })
    ).body.data;
    const results = await Promise.all([
      post(volunteer.jwt, `/requests/${req.documentId}/accept`),
      post(other.jwt, `/requests/${req.documentId}/accept`),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 400]);
    const refused = results.find((r) => r.status === 400)!;
    expect(issuesOf(refused)[0]).toMatchObject({ code: 'request_full' });
    const row = await dbQuery(strapi, 'plugin::time-bank.request').findOne({
      where: { documentId: req.documentId },
    });
    expect(row).toMatchObject({ taken: 1, status: 'full' });
  });

  it('refuses a check-in after the window, and staff record the hours instead', async () => {
    const { req, service } = await acceptedService('帮忙换灯泡');
    // The window passed with nobody checked in (the volunteer forgot).
    await windowMovedTo(req.documentId, {
      windowStart: new Date(Date.now() - 5 * 3600_000).toISOString(),
      windowEnd: new Date(Date.now() - 3600_000).toISOString(),
    });
    const late = await post(volunteer.jwt, `/services/${service.documentId}/check-in`);
    expect(late.status).toBe(400);
    expect(issuesOf(late)[0]).toMatchObject({ path: ['service'], code: 'past_window' });
    expect(issuesOf(late)[0].messageZh).toMatch(/工作人员登记/);
    const row = await dbQuery(strapi, 'plugin::time-bank.service').findOne({
      where: { documentId: service.documentId },
    });
    expect(row).toMatchObject({ state: 'accepted', checkedInAt: null });
    const recorded = await post(staff, `/services/${service.documentId}/record`, { minutes: 60 });
    expect(recorded.status).toBe(200);
    expect(recorded.body.data).toMatchObject({ state: 'checked_out', hourType: 'honour' });
  });

  it('pays a confirmation once when two arrive together', async () => {
    const { service } = await acceptedService('上门陪伴');
    await post(volunteer.jwt, `/services/${service.documentId}/check-in`);
    await checkedInAgo(service.documentId, 60);
    await post(volunteer.jwt, `/services/${service.documentId}/check-out`);
    const before = await balanceOf(volunteer.jwt);
    const results = await Promise.all([
      post(elder.jwt, `/services/${service.documentId}/confirm`),
      post(staff, `/services/${service.documentId}/confirm`, { onBehalf: true }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 400]);
    expect(await balanceOf(volunteer.jwt)).toBe(before + 60);
  });

  it('refuses a family transfer until staff register the relative, and within the yearly limit', async () => {
    const relative = await joinedUser(strapi, 'resident', community);
    const refused = await post(volunteer.jwt, '/gifts', {
      kind: 'family',
      to: relative.member.documentId,
      minutes: 30,
    });
    expect(refused.status).toBe(400);
    expect(issuesOf(refused)[0]).toMatchObject({ path: ['to'], code: 'not_family' });
    const link = await post(staff, '/family-links', {
      member: volunteer.member.documentId,
      relative: relative.member.documentId,
      relation: 'parent',
      evidence: '户口簿',
    });
    expect(link.status).toBe(200);
    const before = await balanceOf(volunteer.jwt);
    const allowed = await post(volunteer.jwt, '/gifts', {
      kind: 'family',
      to: relative.member.documentId,
      minutes: 30,
    });
    expect(allowed.status).toBe(200);
    expect(await balanceOf(volunteer.jwt)).toBe(before - 30);
    expect(await balanceOf(relative.jwt)).toBe(30);
    const tooMuch = await post(volunteer.jwt, '/gifts', {
      kind: 'family',
      to: relative.member.documentId,
      minutes: 100_000,
    });
    expect(tooMuch.status).toBe(400);
    expect(issuesOf(tooMuch)[0].path).toEqual(['minutes']);
  });

  it('ranks a volunteer whose open offer covers the window and the category', async () => {
    const helper = await joinedUser(strapi, 'volunteer', community, []);
    const offer = await post(helper.jwt, '/requests', {
      side: 'offer',
      title: '周末可以陪诊',
      category: 'escort',
      estimatedMinutes: 240,
      ...windowFromTomorrow(72),
    });
    expect(offer.status).toBe(200);
    const need = (
      await post(elder.jwt, '/requests', {
        title: '陪诊',
        category: 'escort',
        estimatedMinutes: 120,
        ...windowFromTomorrow(24),
      })
    ).body.data;
    const ranked = (await get(staff, `/requests/${need.documentId}/candidates`)).body.data as {
      member: { documentId: string };
      reasons: { en: string }[];
    }[];
    const found = ranked.find((c) => c.member.documentId === helper.member.documentId);
    expect(found).toBeDefined();
    expect(found!.reasons.map((r) => r.en).join(' ')).toMatch(/categor/i);
    // An offer is not taken like a need.
    const take = await post(volunteer.jwt, `/requests/${offer.body.data.documentId}/accept`);
    expect(take.status).toBe(400);
  });

  it('lists my live requests, donates to my community’s pool and gives by passbook number', async () => {
    const mine = (await get(elder.jwt, '/me/requests')).body.data as { title: string }[];
    expect(mine.length).toBeGreaterThan(0);
    const me = (await get(volunteer.jwt, '/me')).body.data;
    expect(me.pools.map((p: { documentId: string }) => p.documentId)).toContain(pool.documentId);
    const before = me.balance.available as number;
    const donated = await post(volunteer.jwt, '/gifts', {
      kind: 'donation',
      to: pool.documentId,
      minutes: 10,
    });
    expect(donated.status).toBe(200);
    const byPassbook = await post(volunteer.jwt, '/gifts', {
      kind: 'donation',
      to: elder.member.passbookNo,
      minutes: 5,
    });
    expect(byPassbook.status).toBe(200);
    expect(await balanceOf(volunteer.jwt)).toBe(before - 15);
    const unknown = await post(volunteer.jwt, '/gifts', {
      kind: 'donation',
      to: 'TB999999999',
      minutes: 5,
    });
    expect(unknown.status).toBe(400);
    expect(issuesOf(unknown)[0]).toMatchObject({ path: ['to'], code: 'not_member' });
  });

  it('totals a team’s hours by month and category, and the area’s', async () => {
    const team = await post(staff, '/members', {
      kind: 'team',
      name: `${community.name}助老服务队`,
      area: community.documentId,
    });
    expect(team.status).toBe(200);
    const added = await post(staff, `/members/${team.body.data.documentId}/team-members`, {
      member: volunteer.member.documentId,
    });
    expect(added.status).toBe(200);
    const stats = (await get(staff, `/stats?team=${team.body.data.documentId}`)).body.data as {
      byMonth: { minutes: number; services: number }[];
      byCategory: { code: string; minutes: number }[];
    };
    // The volunteer's two confirmed services above: 90 and 60 minutes of elders' care.
    expect(stats.byMonth.reduce((sum, m) => sum + m.minutes, 0)).toBe(150);
    expect(stats.byCategory).toEqual([
      expect.objectContaining({ code: 'eldercare', minutes: 150 }),
    ]);
    const area = (await get(staff, '/stats')).body.data;
    expect(
      area.byMonth.reduce((sum: number, m: { minutes: number }) => sum + m.minutes, 0),
    ).toBeGreaterThanOrEqual(150);
    expect((await get(staff, '/dashboard/queue')).status).toBe(200);
  });

  it('lets the poster cancel a request with a reason, cancelling the places taken', async () => {
    const req = (
      await post(elder.jwt, '/requests', {
        title: '帮忙换灯泡',
        category: 'repair',
        estimatedMinutes: 60,
        ...windowFromTomorrow(),
      })
    ).body.data;
    const service = (await post(volunteer.jwt, `/requests/${req.documentId}/accept`)).body.data;
    const noReason = await post(elder.jwt, `/requests/${req.documentId}/cancel`, {});
    expect(noReason.status).toBe(400);
    expect(issuesOf(noReason)[0]).toMatchObject({ path: ['reason'] });
    const other = await post(volunteer.jwt, `/requests/${req.documentId}/cancel`, {
      reason: '不需要',
    });
    expect(other.status).toBe(400);
    expect(issuesOf(other)[0]).toMatchObject({ code: 'not_party' });
    const done = await post(elder.jwt, `/requests/${req.documentId}/cancel`, {
      reason: '已自己修好',
    });
    expect(done.status).toBe(200);
    expect(done.body.data.status).toBe('cancelled');
    const row = await dbQuery(strapi, 'plugin::time-bank.service').findOne({
      where: { documentId: service.documentId },
    });
    expect(row).toMatchObject({ state: 'cancelled', cancelReason: '已自己修好' });
  });

  it('keeps the books: the ledger reconciles', async () => {
    const r = await ledgerService(strapi, 'ledger').reconcile();
    expect(r).toMatchObject({ ok: true });
  });
});
