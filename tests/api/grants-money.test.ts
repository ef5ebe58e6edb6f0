// The money screens' server rules: the funds list's balances in one request (available,
// committed, paid), scoped like the funds themselves and refusing a bad id list; a refunded
// donation is closed to edits, while a received one still takes a note.
import type { Core } from '@strapi/strapi';
import {
  bootStrapi,
  dbQuery,
  http,
  login,
  staffUser,
  twoCommunities,
  unique,
  type ValidationIssue,
} from '../helpers/strapi';

interface FundBalances {
  available: number;
  reserved: number;
  committed: number;
  total: number;
  paid: number;
}

describe('money screens on the server', () => {
  let strapi: Core.Strapi;
  let staff: string;
  let scoped: string;
  const funds: { documentId: string }[] = [];

  const as = (jwt: string) => ({ Authorization: `Bearer ${jwt}` });
  const create = (plural: string, data: Record<string, unknown>) =>
    http(strapi).post(`/api/grants/${plural}`).set(as(staff)).send({ data });
  const action = (id: string, what: string, body: object = {}) =>
    http(strapi).post(`/api/grants/donations/${id}/${what}`).set(as(staff)).send(body);
  const balances = (jwt: string, ids: string) =>
    http(strapi).get(`/api/grants/funds/balances`).query({ ids }).set(as(jwt));

  /** A received restricted donation of `fen` into `fund`. */
  async function received(fund: string, fen: number): Promise<string> {
    const d = await create('donations', {
      donorKind: 'anonymous',
      amount: fen,
      channel: 'cash',
      donatedOn: '2026-11-20',
      fund,
      restricted: true,
    });
    expect(d.status).toBe(201);
    expect((await action(d.body.data.documentId, 'receive')).status).toBe(200);
    return d.body.data.documentId as string;
  }

  beforeAll(async () => {
    strapi = await bootStrapi();
    staff = await login(strapi, 'foundation-staff');
    const [a, b] = await twoCommunities(strapi);
    for (const area of [a, b]) {
      const fund = await create('funds', {
        name: `${area.name}微基金`,
        code: unique('CM-').toUpperCase(),
        kind: 'community',
        area: area.documentId,
      });
      expect(fund.status).toBe(201);
      funds.push(fund.body.data);
    }
    scoped = await staffUser(strapi, 'foundation-staff', a.documentId);
    await received(funds[0]!.documentId, 123456);
    await received(funds[1]!.documentId, 50000);
  });
  afterAll(async () => {
    await strapi.destroy();
  });

  it('answers the balances of several funds in one request, with what each has paid out', async () => {
    // A demo fund that has paid awards, to check `paid` against the awards themselves.
    const awards: { paid: string; fund: { documentId: string } | null }[] = await dbQuery(
      strapi,
      'plugin::grants.award',
    ).findMany({ select: ['paid'], populate: { fund: { select: ['documentId'] } } });
    const paying = awards.find((a) => Number(a.paid) > 0 && a.fund)?.fund?.documentId;
    expect(paying).toBeDefined();
    const paidThere = awards
      .filter((a) => a.fund?.documentId === paying)
      .reduce((sum, a) => sum + Number(a.paid), 0);

    const ids = [funds[0]!.documentId, funds[1]!.documentId, paying as string].join(',');
    const res = await balances(staff, ids);
    expect(res.status).toBe(200);
    const data = res.body.data as Record<string, FundBalances>;
    expect(data[funds[0]!.documentId]).toEqual({
      available: 123456,
      reserved: 0,
      committed: 0,
      total: 123456,
      paid: 0,
    });
    expect(data[funds[1]!.documentId]).toMatchObject({ available: 50000, paid: 0 });
    expect(data[paying as string]!.paid).toBe(paidThere);
    expect(paidThere).toBeGreaterThan(0);
  });

  it('leaves out the funds outside the viewer’s scope', async () => {
    const res = await balances(scoped, `${funds[0]!.documentId},${funds[1]!.documentId}`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.data)).toEqual([funds[0]!.documentId]);
    expect(res.body.data[funds[0]!.documentId].available).toBe(123456);
  });

  it('refuses a bad id list with a 400 naming the field in both languages', async () => {
    for (const ids of ['not an id!', Array.from({ length: 101 }, () => funds[0]!.documentId)]) {
      const res = await balances(staff, Array.isArray(ids) ? ids.join(',') : ids);
      expect(res.status).toBe(400);
      const issue = res.body.error.details.errors[0] as ValidationIssue;
      expect(issue.path).toEqual(['ids']);
      expect(issue.messageZh).toContain('基金编号');
      expect(res.body.error.message).toContain('fund document ids');
    }
    const none = await balances(staff, '');
    expect(none.status).toBe(200);
    expect(none.body.data).toEqual({});
    expect((await http(strapi).get('/api/grants/funds/balances')).status).toBe(403);
  });

  it('closes a refunded donation to edits, but lets a received one take a note', async () => {
    const id = await received(funds[0]!.documentId, 1000);
    const note = await http(strapi)
      .put(`/api/grants/donations/${id}`)
      .set(as(staff))
      .send({ data: { note: '现金，社区活动现场收取' } });
    expect(note.status).toBe(200);
    expect(note.body.data.note).toBe('现金，社区活动现场收取');

    expect((await action(id, 'refund', { reason: '捐赠人要求退回' })).status).toBe(200);
    const edit = await http(strapi)
      .put(`/api/grants/donations/${id}`)
      .set(as(staff))
      .send({ data: { note: '改一下备注' } });
    expect(edit.status).toBe(400);
    const issue = edit.body.error.details.errors[0] as ValidationIssue;
    expect(issue).toMatchObject({ path: ['id'], code: 'fixed' });
    expect(issue.messageZh).toContain('已退款');
    const row = await dbQuery(strapi, 'plugin::grants.donation').findOne({
      where: { documentId: id },
    });
    expect(row).toMatchObject({ status: 'refunded', note: '现金，社区活动现场收取' });

    const del = await http(strapi).delete(`/api/grants/donations/${id}`).set(as(staff));
    expect(del.status).toBe(400);
    expect(del.body.error.details.errors[0]).toMatchObject({ path: ['id'], code: 'fixed' });
  });
});
