// A micro-venture philanthropy round over HTTP, from set-up to the fund's statement: the round's
// settings and stages; applications through its public form (cap, closed round, withdrawal by
// receipt code); reviewers with a conflict of interest and scores hidden until one's own is in;
// the ranking; awards committing money (never beyond the fund or the budget, the last yuan
// awarded once under concurrency); tranches approved, paid, cancelled (never beyond the award);
// reports, the final one closing the award and returning the unpaid rest; the statement
// reconciling to the ledger; the public disclosure with masked names — and the books reconcile.
import type { Core } from '@strapi/strapi';
import type { Response } from 'supertest';
import { todayInChina } from '../../cms/server/src/domain/china-time';
import { APPLICATION_FORM } from '../helpers/grants';
import {
  bootStrapi,
  dbQuery,
  http,
  ledgerService,
  login,
  staffUser,
  unique,
  type ValidationIssue,
} from '../helpers/strapi';

const RUBRIC = [
  { key: 'need', label: '社区需求', labelEn: 'Need', weight: 40, max: 10 },
  { key: 'design', label: '项目设计', labelEn: 'Design', weight: 35, max: 10 },
  { key: 'capacity', label: '执行能力', labelEn: 'Capacity', weight: 25, max: 5 },
];
const today = () => todayInChina();

describe('grant rounds', () => {
  let strapi: Core.Strapi;
  let staff: string;
  let reviewerA: string;
  let reviewerB: string;
  let reviewerC: string;
  let ids: Record<string, number>;
  let fund: { documentId: string };
  let form: { documentId: string; slug: string };
  let round: { documentId: string; status: string };

  const auth = (jwt: string) => ({ Authorization: `Bearer ${jwt}` });
  const post = (path: string, body: object = {}, jwt = staff) =>
    http(strapi).post(`/api/grants${path}`).set(auth(jwt)).send(body);
  const get = (path: string, jwt = staff) => http(strapi).get(`/api/grants${path}`).set(auth(jwt));
  const balance = async () => (await get(`/funds/${fund.documentId}/balance`)).body.data;
  const apply = (title: string, fen: number, slug = form.slug) =>
    http(strapi)
      .post(`/api/forms/${slug}/submissions`)
      .send({
        version: 1,
        data: {
          organisationName: `${title}协会`,
          projectTitle: title,
          requestedAmount: fen / 100,
          summary: '为社区老人提供助餐服务',
        },
      });
  const applicationOf = (receiptCode: string) =>
    dbQuery(strapi, 'plugin::grants.application').findOne({ where: { receiptCode } });
  const userId = async (jwt: string) =>
    (await http(strapi).get('/api/users/me').set(auth(jwt))).body.id as number;
  const fields = (res: Response) =>
    res.body.error?.details?.errors?.map((e: ValidationIssue) => e.path.join('.'));

  /** Money given to the fund through a received donation. */
  async function donate(fen: number) {
    const d = await post('/donations', {
      data: {
        donorKind: 'anonymous',
        amount: fen,
        channel: 'bank_transfer',
        donatedOn: today(),
        fund: fund.documentId,
        restricted: true,
      },
    });
    expect(d.status).toBe(201);
    expect((await post(`/donations/${d.body.data.documentId}/receive`)).status).toBe(200);
  }

  beforeAll(async () => {
    strapi = await bootStrapi();
    // Listening once: supertest would otherwise start and stop the server around each request,
    // and close it under the others when several are in flight at once.
    await new Promise<void>((resolve) =>
      strapi.server.httpServer.listen(0, '127.0.0.1', () => resolve()),
    );
    staff = await login(strapi, 'foundation-staff');
    reviewerA = await login(strapi, 'reviewer');
    reviewerB = await staffUser(strapi, 'reviewer', null);
    reviewerC = await staffUser(strapi, 'reviewer', null);
    ids = { a: await userId(reviewerA), b: await userId(reviewerB), c: await userId(reviewerC) };
    fund = (
      await post('/funds', {
        data: { name: '微创投专项', code: unique('MV-').toUpperCase(), kind: 'special' },
      })
    ).body.data;
    await donate(10_000_00);
    const slug = unique('apply-');
    form = (
      await http(strapi)
        .post('/api/forms/forms')
        .set(auth(staff))
        .send({
          data: { name: '微创投申报', slug, purpose: 'grant-application', draft: APPLICATION_FORM },
        })
    ).body.data;
    const published = await http(strapi)
      .post(`/api/forms/forms/${form.documentId}/publish`)
      .set(auth(staff))
      .send();
    expect(published.status).toBe(200);
  });
  afterAll(async () => {
    await strapi.destroy();
  });

  it('refuses a grant-application form without the fields it binds', async () => {
    const res = await http(strapi)
      .post('/api/forms/forms')
      .set(auth(staff))
      .send({
        data: {
          name: '缺字段',
          slug: unique('bad-'),
          purpose: 'grant-application',
          draft: { fields: APPLICATION_FORM.fields.slice(0, 2) },
        },
      });
    const pub = await http(strapi)
      .post(`/api/forms/forms/${res.body.data.documentId}/publish`)
      .set(auth(staff))
      .send();
    expect(pub.status).toBe(400);
    expect(JSON.stringify(pub.body.error)).toMatch(/requestedAmount/);
  });

  it('checks a round’s settings and moves it one stage at a time', async () => {
    const bad = await post('/rounds', {
      data: {
        title: '坏轮次',
        fund: fund.documentId,
        budget: 100,
        cap: 200,
        opensOn: today(),
        closesOn: '2020-01-01',
        rubric: [{ key: 'x', label: '', weight: 0, max: 10 }],
      },
    });
    expect(bad.status).toBe(400);
    expect(fields(bad).sort()).toEqual(['cap', 'closesOn', 'rubric.0.label', 'rubric.0.weight']);
    expect(bad.body.error.details.errors.every((e: ValidationIssue) => e.messageZh)).toBe(true);

    const created = await post('/rounds', {
      data: {
        title: '2026年“家门口”公益微创投',
        fund: fund.documentId,
        budget: 6_000_00,
        cap: 3_000_00,
        opensOn: today(),
        closesOn: '2099-12-31',
      },
    });
    expect(created.status).toBe(201);
    round = created.body.data;
    expect(round.status).toBe('draft');
    // Opening needs a rubric and a published grant-application form.
    const early = await post(`/rounds/${round.documentId}/advance`, { status: 'open' });
    expect(early.status).toBe(400);
    expect(fields(early).sort()).toEqual(['form', 'rubric']);
    expect((await post(`/rounds/${round.documentId}/advance`, { status: 'awarding' })).status).toBe(
      400,
    );
    const direct = await http(strapi)
      .put(`/api/grants/rounds/${round.documentId}`)
      .set(auth(staff))
      .send({ data: { status: 'open' } });
    expect(fields(direct)).toEqual(['status']);
    const set = await http(strapi)
      .put(`/api/grants/rounds/${round.documentId}`)
      .set(auth(staff))
      .send({ data: { form: form.documentId, rubric: RUBRIC } });
    expect(set.status).toBe(200);
    const opened = await post(`/rounds/${round.documentId}/advance`, { status: 'open' });
    expect(opened.status).toBe(200);
    expect(opened.body.data.status).toBe('open');
  });

  let receipts: string[] = [];
  it('takes applications through the round’s public form, within the cap', async () => {
    const over = await apply('太贵的项目', 3_000_01);
    expect(over.status).toBe(400);
    expect(fields(over)).toEqual(['requestedAmount']);
    const made = [];
    for (const [title, fen] of [
      ['邻里互助食堂', 3_000_00],
      ['儿童四点半课堂', 2_500_00],
      ['楼道微更新', 2_000_00],
      ['撤回的项目', 1_000_00],
    ] as const) {
      const res = await apply(title, fen);
      expect(res.status).toBe(201);
      expect(res.body.data.target.uid).toBe('plugin::grants.application');
      made.push(res.body.data.receiptCode);
    }
    receipts = made;
    const first = await applicationOf(receipts[0]);
    expect(first).toMatchObject({ projectTitle: '邻里互助食堂', status: 'submitted' });
    expect(Number(first.requested)).toBe(3_000_00);
    // Applications are not written directly.
    const direct = await http(strapi)
      .post('/api/grants/applications')
      .set(auth(staff))
      .send({ data: { projectTitle: 'x' } });
    expect([403, 404, 405]).toContain(direct.status);
  });

  it('takes a paper application as a draft, which staff submit or withdraw', async () => {
    const bad = await post(`/rounds/${round.documentId}/applications`, {
      projectTitle: ' ',
      requested: 3_000_01,
    });
    expect(fields(bad).sort()).toEqual(['organisationName', 'projectTitle']);
    const over = await post(`/rounds/${round.documentId}/applications`, {
      organisationName: '纸质申报协会',
      projectTitle: '纸质申报项目',
      requested: 3_000_01,
    });
    expect(over.body.error.details.errors[0]).toMatchObject({
      path: ['requested'],
      code: 'exceeds_cap',
    });
    const draft = await post(`/rounds/${round.documentId}/applications`, {
      organisationName: '纸质申报协会',
      projectTitle: '纸质申报项目',
      requested: 1_500_00,
    });
    expect(draft.body.data).toMatchObject({ status: 'draft', receiptCode: null });
    const id = draft.body.data.documentId;
    expect(
      (
        await post(`/applications/${id}/award`, {
          amount: 1_500_00,
          tranches: [{ amount: 1_500_00 }],
        })
      ).status,
    ).toBe(400);
    expect(
      (await post(`/applications/${id}/status`, { status: 'submitted' })).body.data.status,
    ).toBe('submitted');
    // The applicant asked by telephone to withdraw it; staff record that.
    expect(
      (await post(`/applications/${id}/status`, { status: 'withdrawn', note: '申请人电话撤回' }))
        .body.data.status,
    ).toBe('withdrawn');
    expect((await post(`/applications/${id}/status`, { status: 'submitted' })).status).toBe(400);
  });

  it('lets the applicant withdraw with the receipt code, once', async () => {
    const res = await http(strapi)
      .post('/api/grants/applications/withdraw')
      .send({ receiptCode: receipts[3].toLowerCase() });
    expect(res.status).toBe(200);
    expect(res.body.data.status).toBe('withdrawn');
    const again = await http(strapi)
      .post('/api/grants/applications/withdraw')
      .send({ receiptCode: receipts[3] });
    expect(again.status).toBe(400);
    const unknown = await http(strapi)
      .post('/api/grants/applications/withdraw')
      .send({ receiptCode: 'AAAAA-BBBBB' });
    expect(fields(unknown)).toEqual(['receiptCode']);
  });

  it('reviews: conflicts excluded, scores hidden until one’s own is in, a ranking by weighted score', async () => {
    const [a1, a2, a3] = await Promise.all(receipts.slice(0, 3).map(applicationOf));
    for (const a of [a1, a2, a3]) {
      const assigned = await post(`/applications/${a.documentId}/reviewers`, {
        reviewers: [ids.a, ids.b, ids.c],
      });
      expect(assigned.status).toBe(200);
    }
    const notReviewer = await post(`/applications/${a1.documentId}/reviewers`, {
      reviewers: [ids.a, 999999],
    });
    expect(fields(notReviewer)).toEqual(['reviewers']);
    expect(
      (
        await post(`/rounds/${round.documentId}/advance`, {
          status: 'reviewing',
          reason: '评审专家档期提前',
        })
      ).status,
    ).toBe(200);

    const mine = async (jwt: string, application: { documentId: string }) =>
      (await get('/reviews/mine', jwt)).body.data.find(
        (r: { application: { documentId: string } }) =>
          r.application.documentId === application.documentId,
      );
    const rA = await mine(reviewerA, a1);
    expect(rA.round.rubric).toHaveLength(3);
    expect(rA.application.answers.projectTitle).toBe('邻里互助食堂');

    // A reviewer cannot score someone else's review, nor leave a criterion out.
    const rB = await mine(reviewerB, a1);
    expect(
      (
        await post(
          `/reviews/${rB.documentId}/submit`,
          { scores: { need: 9, design: 9, capacity: 5 }, recommendation: 'yes' },
          reviewerA,
        )
      ).status,
    ).toBe(404);
    const partial = await post(
      `/reviews/${rA.documentId}/submit`,
      { scores: { need: 11, design: 8 }, recommendation: 'sure' },
      reviewerA,
    );
    expect(fields(partial).sort()).toEqual(['recommendation', 'scores.capacity', 'scores.need']);

    // B submits first; A, not yet submitted, sees only their own.
    expect(
      (
        await post(
          `/reviews/${rB.documentId}/submit`,
          { scores: { need: 10, design: 8, capacity: 4 }, recommendation: 'yes' },
          reviewerB,
        )
      ).status,
    ).toBe(200);
    let seen = (await get(`/applications/${a1.documentId}/reviews`, reviewerA)).body.data;
    expect(seen).toHaveLength(1);
    expect(seen[0].reviewer.id).toBe(ids.a);
    expect(seen[0].status).toBe('assigned');
    const done = await post(
      `/reviews/${rA.documentId}/submit`,
      { scores: { need: 8, design: 8, capacity: 5 }, recommendation: 'yes', comment: '需求明确' },
      reviewerA,
    );
    expect(done.status).toBe(200);
    // (8/10·40 + 8/10·35 + 5/5·25) / 100 = 85 %
    expect(done.body.data.weightedScore).toBe(8500);
    seen = (await get(`/applications/${a1.documentId}/reviews`, reviewerA)).body.data;
    expect(
      seen
        .filter((r: { status: string }) => r.status === 'submitted')
        .map((r: { weightedScore: number }) => r.weightedScore)
        .sort(),
    ).toEqual([8500, 8800]);
    // C declares a conflict: excluded from scoring, sees nobody's scores.
    const rC = await mine(reviewerC, a1);
    expect(
      (await post(`/reviews/${rC.documentId}/conflict`, { note: '本人是该组织理事' }, reviewerC))
        .status,
    ).toBe(200);
    expect(
      (
        await post(
          `/reviews/${rC.documentId}/submit`,
          { scores: { need: 1, design: 1, capacity: 1 }, recommendation: 'no' },
          reviewerC,
        )
      ).status,
    ).toBe(400);
    expect((await get(`/applications/${a1.documentId}/reviews`, reviewerC)).body.data).toHaveLength(
      1,
    );
    // Reviewers have no list of all reviews.
    expect((await http(strapi).get('/api/grants/reviews').set(auth(reviewerA))).status).toBe(403);

    for (const [app, need] of [
      [a2, 6],
      [a3, 9],
    ] as const) {
      for (const jwt of [reviewerA, reviewerB]) {
        const r = await mine(jwt, app);
        expect(
          (
            await post(
              `/reviews/${r.documentId}/submit`,
              { scores: { need, design: 7, capacity: 4 }, recommendation: 'maybe' },
              jwt,
            )
          ).status,
        ).toBe(200);
      }
    }
    const ranking = (await get(`/rounds/${round.documentId}/ranking`)).body.data;
    expect(
      ranking.rows.map((r: { projectTitle: string; score: number; rank: number }) => [
        r.projectTitle,
        r.score,
        r.rank,
      ]),
    ).toEqual([
      ['邻里互助食堂', 8650, 1],
      ['楼道微更新', 8050, 2],
      ['儿童四点半课堂', 6850, 3],
    ]);
    expect(ranking.rows[0].reviews).toMatchObject({
      assigned: 3,
      submitted: 2,
      conflicts: 1,
      yes: 2,
    });
    // A staff member asks for more information on the third, and gets it.
    expect(
      (await post(`/applications/${a2.documentId}/status`, { status: 'more_info' })).status,
    ).toBe(400);
    expect(
      (
        await post(`/applications/${a2.documentId}/status`, {
          status: 'more_info',
          note: '请补充预算明细',
        })
      ).body.data.status,
    ).toBe('more_info');
    expect(
      (await post(`/applications/${a2.documentId}/status`, { status: 'approved' })).status,
    ).toBe(400);
  });

  it('awards commit money: within the cap, the budget and the fund; the last yuan once', async () => {
    const [a1, a2, a3] = await Promise.all(receipts.slice(0, 3).map(applicationOf));
    const plan = (amount: number) => ({
      amount,
      tranches: [{ amount: amount - 1_000_00, dueOn: today() }, { amount: 1_000_00 }],
    });
    expect(
      (await post(`/applications/${a1.documentId}/award`, plan(3_000_00))).body.error.details
        .errors[0].code,
    ).toBe('round_not_awarding');
    expect(
      (
        await post(`/rounds/${round.documentId}/advance`, {
          status: 'awarding',
          reason: '其余申请下次评审会再议',
        })
      ).status,
    ).toBe(200);
    const mismatch = await post(`/applications/${a1.documentId}/award`, {
      amount: 3_000_00,
      tranches: [{ amount: 1_000_00 }],
    });
    expect(mismatch.body.error.details.errors[0].code).toBe('plan_mismatch');
    const before = await balance();
    const awarded = await post(`/applications/${a1.documentId}/award`, plan(3_000_00));
    expect(awarded.status).toBe(200);
    expect(
      awarded.body.data.tranches.map(
        (t: { number: number; amount: number | string; status: string }) => [
          t.number,
          Number(t.amount),
          t.status,
        ],
      ),
    ).toEqual([
      [1, 2_000_00, 'scheduled'],
      [2, 1_000_00, 'scheduled'],
    ]);
    expect(await balance()).toMatchObject({
      available: before.available - 3_000_00,
      committed: before.committed + 3_000_00,
    });
    expect((await applicationOf(receipts[0])).status).toBe('approved');
    expect((await post(`/applications/${a1.documentId}/award`, plan(3_000_00))).status).toBe(400);

    // The fund now holds ¥7,000 and the round's budget ¥3,000: award more than the budget left.
    const overBudget = await post(`/applications/${a3.documentId}/award`, {
      amount: 2_000_00,
      tranches: [{ amount: 2_000_00 }],
    });
    expect(overBudget.status).toBe(200);
    const left = await post(`/applications/${a2.documentId}/award`, {
      amount: 2_500_00,
      tranches: [{ amount: 2_500_00 }],
    });
    expect(left.body.error.details.errors[0]).toMatchObject({
      path: ['amount'],
      code: 'exceeds_budget',
    });
  });

  it('never lets two awards share the fund’s last yuan', async () => {
    // A second round on a small fund: ¥100 available, two awards of ¥100 at the same moment.
    const small = (
      await post('/funds', {
        data: { name: '小额专项', code: unique('SM-').toUpperCase(), kind: 'special' },
      })
    ).body.data;
    const d = await post('/donations', {
      data: {
        donorKind: 'anonymous',
        amount: 100_00,
        channel: 'cash',
        donatedOn: today(),
        fund: small.documentId,
        restricted: true,
      },
    });
    await post(`/donations/${d.body.data.documentId}/receive`);
    const slug = unique('race-');
    const f = (
      await http(strapi)
        .post('/api/forms/forms')
        .set(auth(staff))
        .send({
          data: { name: '竞争', slug, purpose: 'grant-application', draft: APPLICATION_FORM },
        })
    ).body.data;
    await http(strapi).post(`/api/forms/forms/${f.documentId}/publish`).set(auth(staff)).send();
    const r = (
      await post('/rounds', {
        data: {
          title: '竞争轮',
          fund: small.documentId,
          budget: 1_000_00,
          cap: 100_00,
          opensOn: today(),
          closesOn: '2099-12-31',
          form: f.documentId,
          rubric: RUBRIC,
        },
      })
    ).body.data;
    await post(`/rounds/${r.documentId}/advance`, { status: 'open' });
    const codes = [];
    for (const t of ['甲项目', '乙项目'])
      codes.push((await apply(t, 100_00, slug)).body.data.receiptCode);
    await post(`/rounds/${r.documentId}/advance`, { status: 'reviewing', reason: '提前评审' });
    await post(`/rounds/${r.documentId}/advance`, { status: 'awarding', reason: '免评审立项' });
    const apps = await Promise.all(codes.map(applicationOf));
    const results = await Promise.all(
      apps.map((a: { documentId: string }) =>
        post(`/applications/${a.documentId}/award`, {
          amount: 100_00,
          tranches: [{ amount: 100_00 }],
        }),
      ),
    );
    // The ledger's 409 stays a 409 through the grants plugin.
    expect(results.map((x) => x.status).sort()).toEqual([200, 409]);
    const refused = results.find((x) => x.status === 409)!;
    expect(refused.body.error.details.errors[0]).toMatchObject({
      path: ['amount'],
      code: 'exceeds_credits',
    });
    expect(refused.body.error.details.errors[0].messageZh).toBeTruthy();
    const b = (await get(`/funds/${small.documentId}/balance`)).body.data;
    expect(b).toMatchObject({ available: 0, committed: 100_00 });
    expect(
      Number(
        (
          await dbQuery(strapi, 'plugin::grants.round').findOne({
            where: { documentId: r.documentId },
          })
        ).awarded,
      ),
    ).toBe(100_00);
  });

  it('pays tranches (approve reserves, pay posts, cancel voids), never beyond the award', async () => {
    const a1 = await applicationOf(receipts[0]);
    const award = await dbQuery(strapi, 'plugin::grants.award').findOne({
      where: { applicationKey: a1.documentId },
    });
    let plan = (await get(`/awards/${award.documentId}/plan`)).body.data;
    const [t1, t2] = plan.tranches;
    expect(
      (await post(`/disbursements/${t1.documentId}/pay`)).body.error.details.errors[0].code,
    ).toBe('not_approved');
    const approved = await post(`/disbursements/${t1.documentId}/approve`);
    expect(approved.body.data.status).toBe('approved');
    expect((await balance()).committed).toBe(5_000_00);
    const paid = await post(`/disbursements/${t1.documentId}/pay`);
    expect(paid.body.data.status).toBe('paid');
    expect((await post(`/disbursements/${t1.documentId}/pay`)).status).toBe(400);
    expect((await balance()).committed).toBe(3_000_00);
    // The second tranche: approved, then cancelled (the reservation voided), then a smaller one.
    await post(`/disbursements/${t2.documentId}/approve`);
    expect(
      (await post(`/disbursements/${t2.documentId}/cancel`, { note: '金额有误' })).body.data.status,
    ).toBe('cancelled');
    const tooBig = await post(`/awards/${award.documentId}/tranches`, { amount: 1_000_01 });
    expect(tooBig.body.error.details.errors[0].code).toBe('exceeds_award');
    const t3 = (
      await post(`/awards/${award.documentId}/tranches`, { amount: 600_00, dueOn: today() })
    ).body.data;
    await post(`/disbursements/${t3.documentId}/approve`);
    await post(`/disbursements/${t3.documentId}/pay`);
    plan = (await get(`/awards/${award.documentId}/plan`)).body.data;
    expect([Number(plan.approved), Number(plan.paid)]).toEqual([2_600_00, 2_600_00]);
    // The database refuses paying beyond the award, whatever code runs.
    const raw = await strapi.db
      .connection('grants_awards')
      .where('id', award.id)
      .update({ paid: 3_000_01, approved: 3_000_01 })
      .then(
        () => 'updated',
        (e: Error) => e.message,
      );
    expect(raw).toMatch(/grants_awards_within_amount/);
  });

  it('approves and pays a tranche once, however many requests arrive at the same moment', async () => {
    // The last ¥1,000 of the budget, in four tranches of ¥250: approving one twice would still fit
    // within the award, so only the locks (and the ledger's idempotency keys) keep it single.
    const a2 = await applicationOf(receipts[1]);
    const awarded = await post(`/applications/${a2.documentId}/award`, {
      amount: 1_000_00,
      tranches: [1, 2, 3, 4].map(() => ({ amount: 250_00 })),
    });
    expect(awarded.status).toBe(200);
    const [tranche] = awarded.body.data.tranches;
    const before = await balance();
    const race = (what: string) =>
      Promise.all([1, 2, 3, 4].map(() => post(`/disbursements/${tranche.documentId}/${what}`)));
    const approvals = await race('approve');
    expect(approvals.map((r) => r.status).sort()).toEqual([200, 400, 400, 400]);
    const payments = await race('pay');
    expect(payments.map((r) => r.status).sort()).toEqual([200, 400, 400, 400]);
    const plan = (await get(`/awards/${awarded.body.data.documentId}/plan`)).body.data;
    expect([Number(plan.approved), Number(plan.paid)]).toEqual([250_00, 250_00]);
    expect((await balance()).committed).toBe(before.committed - 250_00);
    const [{ n }] = await strapi.db
      .connection('ledger_transfers')
      .where('reference', `grants.disbursement:${tranche.documentId}`)
      .count('* as n');
    // One reservation and one posting of it, nothing more.
    expect(Number(n)).toBe(2);
  });

  it('accepts the final report: the award closes and the unpaid rest returns to the fund', async () => {
    const a1 = await applicationOf(receipts[0]);
    const award = await dbQuery(strapi, 'plugin::grants.award').findOne({
      where: { applicationKey: a1.documentId },
    });
    const bad = await post(`/awards/${award.documentId}/reports`, {
      kind: 'final',
      narrative: '短',
    });
    expect(fields(bad).sort()).toEqual(['narrative', 'submittedOn']);
    const progress = await post(`/awards/${award.documentId}/reports`, {
      kind: 'progress',
      submittedOn: today(),
      beneficiaries: 120,
      volunteerMinutes: 90 * 60,
      spending: 1_500_00,
      narrative: '已开展助餐服务二十次。',
    });
    expect(progress.status).toBe(200);
    expect((await post(`/reports/${progress.body.data.documentId}/return`)).status).toBe(400);
    expect((await post(`/reports/${progress.body.data.documentId}/accept`)).body.data.status).toBe(
      'accepted',
    );
    const final = await post(`/awards/${award.documentId}/reports`, {
      kind: 'final',
      submittedOn: today(),
      beneficiaries: 300,
      volunteerMinutes: 240 * 60,
      spending: 2_600_00,
      narrative: '项目圆满完成，服务老人三百人次。',
    });
    const before = await balance();
    const accepted = await post(`/reports/${final.body.data.documentId}/accept`, {
      note: '验收通过',
    });
    expect(accepted.status).toBe(200);
    const plan = (await get(`/awards/${award.documentId}/plan`)).body.data;
    expect(plan.status).toBe('closed');
    expect(Number(plan.returned)).toBe(400_00);
    expect(await balance()).toMatchObject({
      available: before.available + 400_00,
      committed: before.committed - 400_00,
    });
    expect(
      (await post(`/awards/${award.documentId}/tranches`, { amount: 1_00 })).body.error.details
        .errors[0].code,
    ).toBe('award_closed');
  });

  it('states the fund for a period, reconciling to the ledger', async () => {
    const s = (await get(`/funds/${fund.documentId}/statement?from=${today()}&to=${today()}`)).body
      .data;
    expect(s).toMatchObject({
      opening: 0,
      donations: 10_000_00,
      awarded: 6_000_00,
      disbursed: 2_850_00,
      returned: 400_00,
      closing: 10_000_00 - 2_850_00,
      reconciles: true,
    });
    expect(s.donationsByChannel.bank_transfer).toEqual({ count: 1, amount: 10_000_00 });
    const b = await balance();
    expect(b.available + b.committed).toBe(s.closing);
    const wrong = await get(`/funds/${fund.documentId}/statement?from=2026-13-01&to=2026-01-01`);
    expect(fields(wrong).sort()).toEqual(['from']);
  });

  it('discloses donations with masked names and the year’s awards, as CSV and XLSX', async () => {
    const year = today().slice(0, 4);
    const donations = (await http(strapi).get(`/api/grants/disclosure/${year}/donations.json`)).body
      .data;
    const named = await dbQuery(strapi, 'plugin::grants.donation').findMany({
      where: { status: 'received', namedConsent: false, donorKind: 'organisation' },
      populate: { donorOrganisation: true },
      limit: 1,
    });
    if (named.length) {
      const row = donations.find((d: { receiptNo: string }) => d.receiptNo === named[0].receiptNo);
      expect(row.donor).not.toBe(named[0].donorOrganisation.name);
      expect(row.donor.startsWith([...named[0].donorOrganisation.name][0])).toBe(true);
      expect(row.donor).toMatch(/\*+$/);
    }
    const csv = await http(strapi).get(`/api/grants/disclosure/${year}/awards.csv`);
    expect(csv.status).toBe(200);
    expect(csv.text).toContain('邻里互助食堂');
    const xlsx = await http(strapi)
      .get(`/api/grants/disclosure/${year}/awards.xlsx`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(xlsx.body.subarray(0, 2).toString()).toBe('PK');
    expect((await http(strapi).get(`/api/grants/disclosure/${year}/people.csv`)).status).toBe(404);
  });

  it('lets each role do only its part', async () => {
    const incubator = await login(strapi, 'incubator');
    const worker = await login(strapi, 'community-worker');
    const a1 = await applicationOf(receipts[0]);
    const award = await dbQuery(strapi, 'plugin::grants.award').findOne({
      where: { applicationKey: a1.documentId },
    });
    // Incubators follow the rounds and awards of the organisations they hatch, and change nothing.
    expect((await get(`/rounds/${round.documentId}/ranking`, incubator)).status).toBe(200);
    expect((await get(`/awards/${award.documentId}/plan`, incubator)).status).toBe(200);
    expect(
      (await post(`/rounds/${round.documentId}/advance`, { status: 'closed' }, incubator)).status,
    ).toBe(403);
    expect((await get(`/applications/${a1.documentId}/reviews`, incubator)).status).toBe(403);
    // Reviewers score; they neither award nor pay nor see the ranking.
    expect((await post(`/applications/${a1.documentId}/award`, {}, reviewerA)).status).toBe(403);
    expect((await get(`/rounds/${round.documentId}/ranking`, reviewerA)).status).toBe(403);
    // Community workers have no part in the foundation's rounds.
    expect((await http(strapi).get('/api/grants/rounds').set(auth(worker))).status).toBe(403);
    expect((await get('/reviews/mine', worker)).status).toBe(403);
  });

  it('keeps the books whole', async () => {
    expect((await ledgerService(strapi, 'ledger').reconcile()).breaches).toEqual([]);
  });
});
