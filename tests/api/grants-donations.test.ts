// Funds and donations over HTTP: a fund gets its ledger accounts; a donation is checked,
// received into the ledger with a gap-free receipt number, printed as a receipt with the amount
// in Chinese capitals, fixed once received, refunded only by a reversing transfer — and refused
// when the fund no longer holds the money; the books reconcile throughout.
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import {
  bootStrapi,
  dbQuery,
  http,
  ledgerService,
  login,
  unique,
  type ValidationIssue,
} from '../helpers/strapi';

/** A fund as the API returns it, with the fields these tests read. */
interface Fund {
  documentId: string;
  availableAccount: string;
}

describe('funds and donations', () => {
  let strapi: Core.Strapi;
  let staff: string;
  let general: Fund;
  let special: Fund;
  let donor: { documentId: string; name: string };

  const auth = () => ({ Authorization: `Bearer ${staff}` });
  const create = (plural: string, data: Record<string, unknown>) =>
    http(strapi).post(`/api/grants/${plural}`).set(auth()).send({ data });
  const action = (id: string, what: string, body: object = {}) =>
    http(strapi).post(`/api/grants/donations/${id}/${what}`).set(auth()).send(body);
  const balance = async (fund: { documentId: string }) =>
    (await http(strapi).get(`/api/grants/funds/${fund.documentId}/balance`).set(auth())).body.data;

  beforeAll(async () => {
    strapi = await bootStrapi();
    staff = await login(strapi, 'foundation-staff');
    general = (
      await create('funds', {
        name: '一般基金',
        code: unique('GEN-').toUpperCase(),
        kind: 'general',
      })
    ).body.data;
    special = (
      await create('funds', {
        name: '小区治理专项基金',
        code: unique('SP-').toUpperCase(),
        kind: 'special',
        purpose: '院落治理、微更新',
      })
    ).body.data;
    donor = await dbQuery(strapi, 'plugin::cms.organisation').findOne({
      where: { kind: 'partner_unit' },
      select: ['documentId', 'name'],
    });
  });
  afterAll(async () => {
    await strapi.destroy();
  });

  it('opens each fund’s ledger accounts', async () => {
    expect(general.availableAccount).toBe(`grants.fund:${general.documentId}:available`);
    expect(await balance(general)).toEqual({ available: 0, reserved: 0, committed: 0, total: 0 });
    const community = await create('funds', {
      name: '社区微基金',
      code: unique('CM-').toUpperCase(),
      kind: 'community',
    });
    expect(community.status).toBe(400);
    expect(community.body.error.details.errors[0].path).toEqual(['area']);
  });

  it('refuses a donation that breaks the rules, naming each field in both languages', async () => {
    const res = await create('donations', {
      donorKind: 'organisation',
      amount: 0,
      channel: 'in_kind',
      donatedOn: '2026-11-20',
      fund: general.documentId,
      restricted: true,
    });
    expect(res.status).toBe(400);
    const paths = res.body.error.details.errors.map((e: ValidationIssue) => e.path[0]).sort();
    expect(paths).toEqual(['amount', 'donorOrganisation', 'fund', 'inKindDescription']);
    expect(res.body.error.details.errors.every((e: ValidationIssue) => e.messageZh)).toBe(true);
  });

  it('receives a donation into the fund with the year’s next receipt number, and prints the receipt', async () => {
    const pledged = await create('donations', {
      donorKind: 'organisation',
      donorOrganisation: donor.documentId,
      namedConsent: true,
      amount: 100980000,
      channel: 'bank_transfer',
      donatedOn: '2026-11-20',
      fund: special.documentId,
      restricted: true,
    });
    expect(pledged.status).toBe(201);
    expect(pledged.body.data.status).toBe('pledged');
    const received = await action(pledged.body.data.documentId, 'receive');
    expect(received.status).toBe(200);
    expect(received.body.data).toMatchObject({ status: 'received' });
    expect(received.body.data.receiptNo).toMatch(/^\d{4}-\d{6}$/);
    expect(await balance(special)).toMatchObject({ available: 100980000, total: 100980000 });
    expect((await action(pledged.body.data.documentId, 'receive')).status).toBe(400);

    const receipt = await http(strapi)
      .get(`/api/grants/donations/${pledged.body.data.documentId}/receipt`)
      .set(auth());
    expect(receipt.status).toBe(200);
    expect(receipt.text).toContain(received.body.data.receiptNo);
    expect(receipt.text).toContain('¥1,009,800.00');
    expect(receipt.text).toContain('人民币壹佰万零玖仟捌佰元整');
    expect(receipt.text).toContain(donor.name);

    // The next receipt takes the next number: no gaps, even after a failed attempt between.
    const second = await create('donations', {
      donorKind: 'anonymous',
      amount: 5000,
      channel: 'cash',
      donatedOn: '2026-11-21',
      fund: general.documentId,
    });
    const n1 = Number(received.body.data.receiptNo.slice(5));
    const r2 = await action(second.body.data.documentId, 'receive');
    expect(Number(r2.body.data.receiptNo.slice(5))).toBe(n1 + 1);
  });

  it('keeps a received donation as it was: corrected by a refund, never an edit or a delete', async () => {
    const d = (
      await create('donations', {
        donorKind: 'anonymous',
        amount: 30000,
        channel: 'wechat_pay',
        donatedOn: '2026-11-21',
        fund: general.documentId,
      })
    ).body.data;
    await action(d.documentId, 'receive');
    const edit = await http(strapi)
      .put(`/api/grants/donations/${d.documentId}`)
      .set(auth())
      .send({ data: { amount: 1 } });
    expect(edit.status).toBe(400);
    expect(edit.body.error.details.errors[0]).toMatchObject({ path: ['amount'], code: 'fixed' });
    const forged = await http(strapi)
      .put(`/api/grants/donations/${d.documentId}`)
      .set(auth())
      .send({ data: { receiptNo: '2026-999999' } });
    expect(forged.status).toBe(400);
    expect(
      (await http(strapi).delete(`/api/grants/donations/${d.documentId}`).set(auth())).status,
    ).toBe(400);
    const note = await http(strapi)
      .put(`/api/grants/donations/${d.documentId}`)
      .set(auth())
      .send({ data: { note: '感谢信已寄出' } });
    expect(note.status).toBe(200);

    const before = await balance(general);
    expect((await action(d.documentId, 'refund', {})).status).toBe(400);
    const refunded = await action(d.documentId, 'refund', { reason: '捐赠人重复转账' });
    expect(refunded.status).toBe(200);
    expect(refunded.body.data.status).toBe('refunded');
    expect((await balance(general)).available).toBe(before.available - 30000);
    const transfer = await ledgerService(strapi, 'ledger').getTransfer(
      Number(refunded.body.data.refundTransferId),
    );
    expect(transfer).toMatchObject({ kind: 'reversal', amount: 30000 });
    expect((await action(d.documentId, 'refund', { reason: '再退一次' })).status).toBe(400);
  });

  it('refuses a refund the fund can no longer pay, and changes nothing', async () => {
    const fund = (
      await create('funds', {
        name: '临时专项',
        code: unique('TMP-').toUpperCase(),
        kind: 'special',
      })
    ).body.data;
    const d = (
      await create('donations', {
        donorKind: 'anonymous',
        amount: 10000,
        channel: 'alipay',
        donatedOn: '2026-11-21',
        fund: fund.documentId,
        restricted: true,
      })
    ).body.data;
    await action(d.documentId, 'receive');
    // The fund spends it (as a disbursement will).
    await ledgerService(strapi, 'ledger').openAccount({
      code: 'world:payees:fen',
      unit: 'fen',
      minBalance: null,
    });
    await ledgerService(strapi, 'ledger').transfer({
      key: unique(),
      debit: fund.availableAccount,
      credit: 'world:payees:fen',
      amount: 6000,
    });
    const refused = await action(d.documentId, 'refund', { reason: '捐赠人要求退回' });
    // The ledger's refusal keeps its status (409) through the grants plugin.
    expect(refused.status).toBe(409);
    expect(refused.body.error.details.errors[0]).toMatchObject({ code: 'exceeds_credits' });
    expect(refused.body.error.details.errors[0].messageZh).toMatch(/余额不足/);
    expect(
      (
        await dbQuery(strapi, 'plugin::grants.donation').findOne({
          where: { documentId: d.documentId },
        })
      ).status,
    ).toBe('received');
    expect((await balance(fund)).available).toBe(4000);
  });

  it('lets only foundation staff keep the books', async () => {
    const incubator = await login(strapi, 'incubator');
    expect(
      (
        await http(strapi)
          .get('/api/grants/funds')
          .set({ Authorization: `Bearer ${incubator}` })
      ).status,
    ).toBe(200);
    expect(
      (
        await http(strapi)
          .get('/api/grants/donations')
          .set({ Authorization: `Bearer ${incubator}` })
      ).status,
    ).toBe(403);
    expect((await http(strapi).get('/api/grants/funds')).status).toBe(403);
    const summary = await http(strapi)
      .get('/api/grants/summary')
      .set({ Authorization: `Bearer ${incubator}` });
    expect(summary.status).toBe(200);
    expect(summary.body.data.raised).toBeGreaterThanOrEqual(100_980_000);
    expect((await http(strapi).get('/api/grants/summary')).status).toBe(403);
  });

  it('has the district’s published figures in the demo books', async () => {
    // Seeded on the database's first boot (LINLI_SEED=demo): 186 donations, ¥1,009,800, into the
    // general fund and the community micro-funds; ¥2,000,000 in the compound-governance fund.
    const rows = await strapi.db
      .connection('grants_donations as d')
      .join('grants_donations_fund_lnk as l', 'l.donation_id', 'd.id')
      .join('grants_funds as f', 'f.id', 'l.fund_id')
      .where((q: Knex.QueryBuilder) =>
        q.where('f.code', 'GENERAL').orWhere('f.code', 'like', 'MICRO-%'),
      )
      .where('d.status', 'received')
      .select('d.amount', 'd.receipt_no');
    expect(rows).toHaveLength(186);
    expect(
      rows.reduce((sum: number, r: { amount: number | string }) => sum + Number(r.amount), 0),
    ).toBe(100_980_000);
    expect(new Set(rows.map((r: { receipt_no: string }) => r.receipt_no)).size).toBe(186);
    const compound = await dbQuery(strapi, 'plugin::grants.fund').findOne({
      where: { code: 'COMPOUND-GOV' },
    });
    // The demo round's awards came out of it: what it holds plus what it paid is the ¥2,000,000.
    const held = await balance(compound);
    const awards = await strapi.db
      .connection('grants_awards as a')
      .join('grants_awards_fund_lnk as l', 'l.award_id', 'a.id')
      .where('l.fund_id', compound.id)
      .select('a.amount', 'a.paid');
    expect(awards.length).toBeGreaterThanOrEqual(20);
    const paid = awards.reduce(
      (sum: number, a: { paid: number | string }) => sum + Number(a.paid),
      0,
    );
    expect(held.available + held.committed + paid).toBe(200_000_000);
    const statement = (
      await http(strapi)
        .get(`/api/grants/funds/${compound.documentId}/statement?from=2025-01-01&to=2099-12-31`)
        .set(auth())
    ).body.data;
    expect(statement).toMatchObject({
      opening: 0,
      funding: 200_000_000,
      disbursed: paid,
      reconciles: true,
    });
  });

  it('leaves the books reconciled', async () => {
    expect((await ledgerService(strapi, 'ledger').reconcile()).breaches).toEqual([]);
  });
});
