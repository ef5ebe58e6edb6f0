// The applicant's page over HTTP: what a receipt code shows after submitting, after a request for
// more information and the applicant's answer (with a file; back under review, visible to staff),
// after a rejection, after an award with tranches paid; withdrawal allowed and refused; nothing
// internal leaks (no ids, scores, reviewers, ledger references); bad input is a 400 naming the
// field in both languages, an unknown code a 404, and look-ups are rate-limited per client.
import type { Core } from '@strapi/strapi';
import type { Response } from 'supertest';
import { todayInChina } from '../../cms/server/src/domain/china-time';
import { APPLICATION_FORM } from '../helpers/grants';
import {
  bootStrapi,
  dbQuery,
  http,
  login,
  staffUser,
  unique,
  type ValidationIssue,
} from '../helpers/strapi';

const RUBRIC = [{ key: 'need', label: '社区需求', labelEn: 'Need', weight: 100, max: 10 }];
const MOBILE = '13910245489';
const ID_NUMBER = '11010519491231002X';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

/** Every key anywhere in a JSON value. */
function keysOf(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => keysOf(v, into));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      into.add(k);
      keysOf(v, into);
    }
  return into;
}
const FORBIDDEN_KEYS = [
  'id',
  'documentId',
  'score',
  'scores',
  'reviews',
  'reviewer',
  'reviewers',
  'reviewsSubmitted',
  'statusNote',
  'commitTransferId',
  'returnTransferId',
  'pendingTransferId',
  'paidTransferId',
  'approvedBy',
  'submitterId',
  'clientKey',
  'creditCode',
  'fund',
  'timeline',
];

describe('the applicant’s page', () => {
  let strapi: Core.Strapi;
  let staff: string;
  let reviewer: string;
  let reviewerName: string;
  let reviewerId: number;
  /** A resident, signed in when submitting one of the applications. */
  let resident: string;
  let round: { documentId: string };
  let slug: string;
  const codes: Record<string, string> = {};

  const auth = (jwt: string) => ({ Authorization: `Bearer ${jwt}` });
  const post = (path: string, body: object = {}, jwt = staff) =>
    http(strapi).post(`/api/grants${path}`).set(auth(jwt)).send(body);
  const get = (path: string, jwt = staff) => http(strapi).get(`/api/grants${path}`).set(auth(jwt));
  const page = (code: string) => http(strapi).get(`/api/grants/applicant/${code}`);
  const applicationOf = (receiptCode: string) =>
    dbQuery(strapi, 'plugin::grants.application').findOne({ where: { receiptCode } });
  const fields = (res: Response) =>
    res.body.error?.details?.errors?.map((e: ValidationIssue) => e.path.join('.'));
  /** The projection never carries an internal key, a reviewer's name or the staff's notes. */
  const expectSafe = (res: Response) => {
    const keys = keysOf(res.body.data);
    expect(FORBIDDEN_KEYS.filter((k) => keys.has(k))).toEqual([]);
    expect(JSON.stringify(res.body)).not.toContain(reviewerName);
    expect(JSON.stringify(res.body)).not.toContain('内部备注');
  };

  beforeAll(async () => {
    strapi = await bootStrapi();
    await new Promise<void>((resolve) =>
      strapi.server.httpServer.listen(0, '127.0.0.1', () => resolve()),
    );
    staff = await login(strapi, 'foundation-staff');
    resident = await staffUser(strapi, 'resident', null);
    reviewer = await login(strapi, 'reviewer');
    const me = (await http(strapi).get('/api/users/me').set(auth(reviewer))).body;
    reviewerName = me.username;
    reviewerId = me.id;
    const fund = (
      await post('/funds', {
        data: { name: '申请人页面测试基金', code: unique('AP-').toUpperCase(), kind: 'special' },
      })
    ).body.data;
    const donation = await post('/donations', {
      data: {
        donorKind: 'anonymous',
        amount: 50_000_00,
        channel: 'bank_transfer',
        donatedOn: todayInChina(),
        fund: fund.documentId,
        restricted: true,
      },
    });
    await post(`/donations/${donation.body.data.documentId}/receive`);
    slug = unique('applicant-');
    const form = (
      await http(strapi)
        .post('/api/forms/forms')
        .set(auth(staff))
        .send({
          data: {
            name: '申请人页面测试',
            slug,
            purpose: 'grant-application',
            // With the applicant's contact numbers, which a reviewer must not read whole.
            draft: {
              ...APPLICATION_FORM,
              fields: [
                ...APPLICATION_FORM.fields,
                { key: 'contactMobile', kind: 'mobile', label: { zh: '联系人手机', en: 'Mobile' } },
                { key: 'contactId', kind: 'idNumber', label: { zh: '联系人身份证', en: 'ID' } },
              ],
            },
          },
        })
    ).body.data;
    expect(
      (
        await http(strapi)
          .post(`/api/forms/forms/${form.documentId}/publish`)
          .set(auth(staff))
          .send()
      ).status,
    ).toBe(200);
    round = (
      await post('/rounds', {
        data: {
          title: '2026年申请人页面测试轮',
          titleEn: '2026 applicant page round',
          fund: fund.documentId,
          budget: 20_000_00,
          cap: 10_000_00,
          opensOn: todayInChina(),
          closesOn: '2099-12-31',
          form: form.documentId,
          rubric: RUBRIC,
        },
      })
    ).body.data;
    // Before the round opens, the public page says the round takes nothing yet.
    const draftRound = await http(strapi).get(`/api/forms/public/${slug}`);
    expect(draftRound.body.data).toMatchObject({ state: 'not-accepting' });
    expect(draftRound.body.data.stateMessage.zh).toMatch(/不接受申报/);
    expect((await post(`/rounds/${round.documentId}/advance`, { status: 'open' })).status).toBe(
      200,
    );
    const opened = await http(strapi).get(`/api/forms/public/${slug}`);
    expect(opened.body.data).toMatchObject({ state: 'open', stateMessage: null });
    for (const [key, title, yuan] of [
      ['award', '长者助餐点', 8_000],
      ['reject', '楼道画廊', 3_000],
      ['withdraw', '周末集市', 2_000],
    ] as const) {
      const res = await http(strapi)
        .post(`/api/forms/${slug}/submissions`)
        .set(key === 'reject' ? auth(resident) : {})
        .send({
          version: 1,
          data: {
            organisationName: `${title}志愿者协会`,
            projectTitle: title,
            requestedAmount: yuan,
            ...(key === 'award' && { contactMobile: MOBILE, contactId: ID_NUMBER }),
          },
        });
      expect(res.status).toBe(201);
      codes[key] = res.body.data.receiptCode;
    }
  });
  afterAll(async () => {
    await strapi.destroy();
  });

  it('shows a fresh application as submitted, with what the applicant typed and nothing else', async () => {
    const res = await page(codes.award.toLowerCase().replace('-', ''));
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      receiptCode: codes.award,
      round: { title: '2026年申请人页面测试轮', titleEn: '2026 applicant page round' },
      projectTitle: '长者助餐点',
      organisationName: '长者助餐点志愿者协会',
      requested: 8_000_00,
      status: 'submitted',
      question: null,
      reason: null,
      canWithdraw: true,
      canAnswer: false,
      award: null,
    });
    expect(res.body.data.history.map((h: { event: string }) => h.event)).toEqual(['submitted']);
    expectSafe(res);
  });

  it('answers an amount above the cap on the form’s field, under its label, in the submitter’s language', async () => {
    const over = (lang: string) =>
      http(strapi)
        .post(`/api/forms/${slug}/submissions?lang=${lang}`)
        .send({
          version: 1,
          data: {
            organisationName: '超额协会',
            projectTitle: '超额项目',
            requestedAmount: 10_000.01,
          },
        });
    const zh = await over('zh');
    expect(zh.status).toBe(400);
    expect(zh.body.error.details.errors).toEqual([
      expect.objectContaining({
        path: ['requestedAmount'],
        message: '申请金额：单个项目申请金额不超过 ¥10,000.00',
        messageZh: '申请金额：单个项目申请金额不超过 ¥10,000.00',
        messageEn: 'Amount: at most ¥10,000.00 per project',
      }),
    ]);
    expect(zh.body.error.message).toBe('申请金额：单个项目申请金额不超过 ¥10,000.00');
    const en = await over('en');
    expect(en.body.error.details.errors[0].message).toBe('Amount: at most ¥10,000.00 per project');
    expect(JSON.stringify([zh.body, en.body])).not.toMatch(/requestedAmount[:：]/);
  });

  it('answers an unknown code with 404 and a malformed one with 400 naming the code', async () => {
    const unknown = await page('AAAAA-BBBBB');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.details.messageZh).toBe('没有与此回执码对应的申请');
    // The forms receipt of a grant application names the form's purpose, so the phone page asks
    // the grants plugin only for grant applications (other receipts no longer log a 404).
    const receipt = await http(strapi).get(`/api/forms/receipts/${codes.reject}`);
    expect(receipt.status).toBe(200);
    expect(receipt.body.data.form).toMatchObject({ slug, purpose: 'grant-application' });
    const bad = await page('not-a-code');
    expect(bad.status).toBe(400);
    expect(fields(bad)).toEqual(['code']);
    expect(bad.body.error.details.errors[0].messageZh).toMatch(/回执码/);
    expect(bad.body.error.details.errors[0].message).toMatch(/receipt code/);
  });

  it('shows the question when staff ask for more information, and takes the answer with a file', async () => {
    const app = await applicationOf(codes.award);
    // A reviewer scores it; neither the score nor the reviewer reaches the applicant.
    expect(
      (await post(`/applications/${app.documentId}/reviewers`, { reviewers: [reviewerId] })).status,
    ).toBe(200);
    expect(
      (
        await post(`/rounds/${round.documentId}/advance`, {
          status: 'reviewing',
          // The round closes in 2099 and not every application is reviewed: the step needs a reason.
          reason: '测试：提前进入下一阶段',
        })
      ).status,
    ).toBe(200);
    const desk = await get('/reviews/mine', reviewer);
    const mine = desk.body.data.find(
      (r: { application: { documentId: string } }) => r.application.documentId === app.documentId,
    );
    // The reviewer reads the answers with the applicant's numbers masked; what is stored (and
    // what staff read) stays whole.
    const stored = await dbQuery(strapi, 'plugin::forms.submission').findOne({
      where: { receiptCode: codes.award },
    });
    expect(stored.data).toMatchObject({ contactMobile: MOBILE, contactId: ID_NUMBER });
    expect(JSON.stringify(desk.body)).not.toContain(MOBILE);
    expect(JSON.stringify(desk.body)).not.toContain(ID_NUMBER);
    expect(mine.application.answers).toMatchObject({
      contactMobile: '139****5489',
      projectTitle: '长者助餐点',
    });
    expect(mine.application.answers.contactId).toMatch(/^110\*+002X$/);
    expect(
      (
        await post(
          `/reviews/${mine.documentId}/submit`,
          { scores: { need: 9 }, recommendation: 'yes', comment: '内部备注：执行力强' },
          reviewer,
        )
      ).status,
    ).toBe(200);
    let res = await page(codes.award);
    expect(res.body.data.status).toBe('under_review');
    expect(res.body.data.history.map((h: { event: string }) => h.event)).toEqual([
      'submitted',
      'under_review',
    ]);
    expectSafe(res);

    const asked = await post(`/applications/${app.documentId}/status`, {
      status: 'more_info',
      note: '请补充项目预算明细表',
    });
    expect(asked.status).toBe(200);
    res = await page(codes.award);
    expect(res.body.data).toMatchObject({
      status: 'more_info',
      question: '请补充项目预算明细表',
      canAnswer: true,
      canWithdraw: true,
    });
    expect(res.body.data.history.at(-1)).toMatchObject({
      event: 'more_info',
      note: '请补充项目预算明细表',
    });
    expectSafe(res);

    // A file through the forms plugin's upload rules: a text file called .pdf is refused on
    // the attachment field, in the submitter's language.
    const fake = await http(strapi)
      .post(`/api/forms/receipts/${codes.award}/files?lang=zh`)
      .attach('file', Buffer.from('not a pdf at all'), {
        filename: 'budget.pdf',
        contentType: 'application/pdf',
      });
    expect(fake.status).toBe(400);
    expect(fields(fake)).toEqual(['files']);
    expect(fake.body.error.details.errors[0].message).toMatch(/^附件：/);
    expect(fake.body.error.details.errors[0].messageEn).toMatch(/^Attachment: /);
    const upload = await http(strapi)
      .post(`/api/forms/receipts/${codes.award}/files`)
      .attach('file', PDF, { filename: 'budget.pdf', contentType: 'application/pdf' });
    expect(upload.status).toBe(201);
    const fileId = upload.body.data.id;
    // A file uploaded for another receipt code is not this applicant's to attach.
    const other = await http(strapi)
      .post(`/api/forms/receipts/${codes.reject}/files`)
      .attach('file', PDF, { filename: 'other.pdf', contentType: 'application/pdf' });
    expect(other.status).toBe(201);

    const answer = (body: object) =>
      http(strapi).post(`/api/grants/applicant/${codes.award}/answer`).send(body);
    const empty = await answer({ text: ' ', files: 'x' });
    expect(empty.status).toBe(400);
    expect(fields(empty).sort()).toEqual(['files', 'text']);
    expect(empty.body.error.details.errors.every((e: ValidationIssue) => e.messageZh)).toBe(true);
    const foreign = await answer({ text: '预算表见附件', files: [other.body.data.id] });
    expect(fields(foreign)).toEqual(['files']);
    expect((await page(codes.award)).body.data.status).toBe('more_info');

    const answered = await answer({ text: '预算明细见附件，共三项支出', files: [fileId] });
    expect(answered.status).toBe(200);
    expect(answered.body.data).toMatchObject({
      status: 'under_review',
      question: null,
      canAnswer: false,
    });
    const last = answered.body.data.history.filter(
      (h: { event: string }) => h.event === 'answered',
    );
    expect(last).toHaveLength(1);
    expect(last[0]).toMatchObject({ text: '预算明细见附件，共三项支出' });
    expect(last[0].files).toEqual([
      expect.objectContaining({ name: 'budget.pdf', mime: 'application/pdf', size: PDF.length }),
    ]);
    expectSafe(answered);
    // Staff read the answer on the application.
    const forStaff = await get(`/applications/${app.documentId}`);
    expect(forStaff.body.data.status).toBe('under_review');
    expect(JSON.stringify(forStaff.body.data.timeline)).toContain('预算明细见附件，共三项支出');
    // The file is served only through the signed link a read hands out: the applicant's page
    // and the staff's record each give one; the bare address, a tampered or a made-up
    // signature are answered like a file that does not exist.
    const link = String(last[0].files[0].url);
    expect(link).toMatch(/^\/uploads\/[^?]+\?expires=\d+&signature=[\w-]{32}$/);
    const served = await http(strapi).get(link).buffer(true);
    expect(served.status).toBe(200);
    expect(Buffer.compare(Buffer.from(served.body as Buffer), PDF)).toBe(0);
    expect(served.headers['cache-control']).toMatch(/^private, max-age=\d+$/);
    const bare = link.split('?')[0] as string;
    expect((await http(strapi).get(bare)).status).toBe(404);
    expect(
      (await http(strapi).get(`${bare}?expires=9999999999&signature=${'A'.repeat(32)}`)).status,
    ).toBe(404);
    const tampered = link.replace(/expires=(\d+)/, (_m, e: string) => `expires=${Number(e) + 900}`);
    expect((await http(strapi).get(tampered)).status).toBe(404);
    const staffFiles = (forStaff.body.data.timeline as { files?: { url: string }[] }[]).flatMap(
      (t) => t.files ?? [],
    );
    expect(staffFiles).toHaveLength(1);
    expect((await http(strapi).get(staffFiles[0]!.url)).status).toBe(200);
    // Nothing more is asked now: a second answer is refused.
    const again = await answer({ text: '再补充一点' });
    expect(again.status).toBe(400);
    expect(fields(again)).toEqual(['status']);
  });

  it('shows the reason of a rejection and refuses a withdrawal after it', async () => {
    const app = await applicationOf(codes.reject);
    await post(`/applications/${app.documentId}/status`, {
      status: 'under_review',
      note: '内部备注：先放一放',
    });
    await post(`/applications/${app.documentId}/status`, {
      status: 'rejected',
      note: '项目与本轮主题不符',
    });
    const res = await page(codes.reject);
    expect(res.body.data).toMatchObject({
      status: 'rejected',
      reason: '项目与本轮主题不符',
      canWithdraw: false,
      canAnswer: false,
    });
    expect(res.body.data.history.map((h: { event: string }) => h.event)).toEqual([
      'submitted',
      'under_review',
      'rejected',
    ]);
    // The staff's note on the way (not written for the applicant) stays inside.
    expect(res.body.data.history[1].note).toBeNull();
    expectSafe(res);
    const refused = await http(strapi).post(`/api/grants/applicant/${codes.reject}/withdraw`);
    expect(refused.status).toBe(400);
    expect(fields(refused)).toEqual(['status']);
    expect(refused.body.error.details.errors[0].messageZh).toMatch(/该申请已有结果，不能撤回$/);
    expect((await page(codes.reject)).body.data.status).toBe('rejected');
  });

  it('lets the applicant withdraw while the application is in the running', async () => {
    const res = await http(strapi).post(`/api/grants/applicant/${codes.withdraw}/withdraw`);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ status: 'withdrawn', canWithdraw: false });
    expect(res.body.data.history.at(-1).event).toBe('withdrawn');
    expectSafe(res);
    const withdrawn = await applicationOf(codes.withdraw);
    expect(withdrawn.status).toBe('withdrawn');
    // One stored note, which the console shows in the reader's language, not both run together.
    expect(withdrawn.statusNote).toBe('申请人撤回');
    expect(
      (await http(strapi).post(`/api/grants/applicant/${codes.withdraw}/withdraw`)).status,
    ).toBe(400);
  });

  it('shows the award: amount, tranches with their dates, what has been paid, reports due', async () => {
    const app = await applicationOf(codes.award);
    expect(
      (
        await post(`/rounds/${round.documentId}/advance`, {
          status: 'awarding',
          // The round closes in 2099 and not every application is reviewed: the step needs a reason.
          reason: '测试：提前进入下一阶段',
        })
      ).status,
    ).toBe(200);
    const awarded = await post(`/applications/${app.documentId}/award`, {
      amount: 6_000_00,
      tranches: [
        { amount: 3_600_00, dueOn: todayInChina(), label: '首期' },
        { amount: 2_400_00, dueOn: '2099-06-30', label: '尾期' },
      ],
    });
    expect(awarded.status).toBe(200);
    const award = await dbQuery(strapi, 'plugin::grants.award').findOne({
      where: { applicationKey: app.documentId },
    });
    const plan = (await get(`/awards/${award.documentId}/plan`)).body.data;
    await post(`/disbursements/${plan.tranches[0].documentId}/approve`);
    expect((await post(`/disbursements/${plan.tranches[0].documentId}/pay`)).status).toBe(200);

    const res = await page(codes.award);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      status: 'approved',
      canWithdraw: false,
      canAnswer: false,
      award: {
        amount: 6_000_00,
        paid: 3_600_00,
        status: 'active',
        reportsDue: ['final'],
        tranches: [
          { number: 1, label: '首期', amount: 3_600_00, dueOn: todayInChina(), status: 'paid' },
          { number: 2, label: '尾期', amount: 2_400_00, dueOn: '2099-06-30', status: 'scheduled' },
        ],
      },
    });
    expect(res.body.data.award.tranches[0].paidAt).toBeTruthy();
    const events = res.body.data.history.map((h: { event: string }) => h.event);
    expect(events).toEqual([
      'submitted',
      'under_review',
      'more_info',
      'answered',
      'under_review',
      'awarded',
      'paid',
    ]);
    expect(res.body.data.history.find((h: { event: string }) => h.event === 'paid').amount).toBe(
      3_600_00,
    );
    expectSafe(res);
    expect((await http(strapi).post(`/api/grants/applicant/${codes.award}/withdraw`)).status).toBe(
      400,
    );
  });

  it('lists a signed-in applicant’s own applications, and nobody else’s', async () => {
    // The round is awarding now: a new application is refused on no field of the form, with
    // no internal key in the words a person reads.
    const late = await http(strapi)
      .post(`/api/forms/${slug}/submissions?lang=zh`)
      .set(auth(resident))
      .send({
        version: 1,
        data: { organisationName: '迟到协会', projectTitle: '迟到项目', requestedAmount: 100 },
      });
    expect(late.status).toBe(400);
    expect(late.body.error.details.errors[0]).toMatchObject({
      path: ['round'],
      message: '本轮微创投当前不接受申报',
    });
    const mine = await http(strapi).get('/api/grants/my-applications').set(auth(resident));
    expect(mine.status).toBe(200);
    expect(mine.body.data).toEqual([
      expect.objectContaining({
        receiptCode: codes.reject,
        projectTitle: '楼道画廊',
        status: 'rejected',
        round: { title: '2026年申请人页面测试轮', titleEn: '2026 applicant page round' },
      }),
    ]);
    expect(FORBIDDEN_KEYS.filter((k) => keysOf(mine.body.data).has(k))).toEqual([]);
    // The resident's own page (/f/me) lists the submission with the application's status, which
    // the grants target tells the forms plugin: rejected, though the submission stays received.
    const own = await http(strapi).get('/api/forms/mine').set(auth(resident));
    expect(own.status).toBe(200);
    // The round is awarding: its form is not listed as one to fill in, and its public page
    // says so in both languages before anyone types a word.
    expect(own.body.data.forms.map((f: { slug: string }) => f.slug)).not.toContain(slug);
    const shut = await http(strapi).get(`/api/forms/public/${slug}`);
    expect(shut.body.data).toMatchObject({ state: 'not-accepting' });
    expect(shut.body.data.stateMessage).toEqual({
      zh: expect.stringMatching(/不接受申报/),
      en: expect.stringMatching(/not taking applications/),
    });
    expect(
      own.body.data.submissions.find(
        (s: { receiptCode: string }) => s.receiptCode === codes.reject,
      ),
    ).toMatchObject({ status: 'received', targetStatus: 'rejected', purpose: 'grant-application' });
    const others = await http(strapi).get('/api/grants/my-applications').set(auth(reviewer));
    expect(others.body.data).toEqual([]);
    expect([401, 403]).toContain((await http(strapi).get('/api/grants/my-applications')).status);
  });

  it('counts look-ups per client and answers 429 with the Chinese beside it', async () => {
    let last: Response | null = null;
    for (let i = 0; i < 80; i += 1) {
      last = await page(codes.award);
      if (last.status !== 200) break;
    }
    expect(last?.status).toBe(429);
    expect(last?.body.error.details.messageZh).toMatch(/查询过于频繁/);
    expect(Number(last?.headers['retry-after'])).toBeGreaterThan(0);
    // The forms plugin's own receipt look-up shares the allowance.
    expect((await http(strapi).get(`/api/forms/receipts/${codes.award}`)).status).toBe(429);
    // Test files after this one may share the database (one per jest worker) and look codes up
    // from the same address: give the allowance back.
    await strapi.db
      .connection('forms_rate_limits')
      .where('bucket_key', 'like', 'receipt-%')
      .delete();
    expect((await page(codes.award)).status).toBe(200);
  });
});
