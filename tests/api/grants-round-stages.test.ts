// A round's stages as staff confirm them, over HTTP: the preview the confirm dialog reads (next
// stage, applications by status, unreviewed ones, the closing date in China time, warnings); the
// server refusing a step that skips work without a reason — and changing nothing — and recording
// the reason in the round's audit entry when one is given; undo of the last step the same day
// while nothing depends on it, refused (in both languages) once a review or an award does, or on
// another day.
import type { Core } from '@strapi/strapi';
import type { Response } from 'supertest';
import { addDays, todayInChina } from '../../cms/server/src/domain/china-time';
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

const RUBRIC = [{ key: 'need', label: '社区需求', labelEn: 'Need', weight: 1, max: 10 }];

describe('round stages: preview, reasons, undo', () => {
  let strapi: Core.Strapi;
  let staff: string;
  let reviewer: string;
  let reviewerId: number;
  let round: { documentId: string; id: number };
  let slug: string;
  const receipts: string[] = [];

  const auth = (jwt: string) => ({ Authorization: `Bearer ${jwt}` });
  const post = (path: string, body: object = {}, jwt = staff) =>
    http(strapi).post(`/api/grants${path}`).set(auth(jwt)).send(body);
  const get = (path: string, jwt = staff) => http(strapi).get(`/api/grants${path}`).set(auth(jwt));
  const preview = async () => {
    const res = await get(`/rounds/${round.documentId}/advance-preview`);
    expect(res.status).toBe(200);
    return res.body.data;
  };
  const status = async () =>
    (await dbQuery(strapi, 'plugin::grants.round').findOne({ where: { id: round.id } })).status;
  /** A setup step's answer, or its refusal in the failure message. */
  const ok = (res: Response) => {
    if (res.status >= 300) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    return res.body.data;
  };
  const issues = (res: Response): ValidationIssue[] => res.body.error?.details?.errors ?? [];
  const applicationOf = (receiptCode: string) =>
    dbQuery(strapi, 'plugin::grants.application').findOne({ where: { receiptCode } });
  const roundAudit = () =>
    dbQuery(strapi, 'plugin::cms.audit-entry').findMany({
      where: { contentType: 'plugin::grants.round', recordId: round.documentId },
      orderBy: { id: 'asc' },
    });

  beforeAll(async () => {
    strapi = await bootStrapi();
    await new Promise<void>((resolve) =>
      strapi.server.httpServer.listen(0, '127.0.0.1', () => resolve()),
    );
    staff = await login(strapi, 'foundation-staff');
    reviewer = await staffUser(strapi, 'reviewer', null);
    reviewerId = (await http(strapi).get('/api/users/me').set(auth(reviewer))).body.id;
    const fund = ok(
      await post('/funds', {
        data: { name: '阶段专项', code: unique('ST-').toUpperCase(), kind: 'special' },
      }),
    );
    const d = await post('/donations', {
      data: {
        donorKind: 'anonymous',
        amount: 5_000_00,
        channel: 'bank_transfer',
        donatedOn: todayInChina(),
        fund: fund.documentId,
        restricted: true,
      },
    });
    ok(await post(`/donations/${ok(d).documentId}/receive`));
    slug = unique('stages-');
    const form = (
      await http(strapi)
        .post('/api/forms/forms')
        .set(auth(staff))
        .send({
          data: { name: '阶段申报', slug, purpose: 'grant-application', draft: APPLICATION_FORM },
        })
    ).body.data;
    await http(strapi).post(`/api/forms/forms/${form.documentId}/publish`).set(auth(staff)).send();
    const created = await post('/rounds', {
      data: {
        title: unique('阶段轮次-'),
        fund: fund.documentId,
        budget: 4_000_00,
        cap: 2_000_00,
        opensOn: todayInChina(),
        // Tomorrow in China: review would start before the closing date.
        closesOn: addDays(todayInChina(), 1),
        form: form.documentId,
        rubric: RUBRIC,
      },
    });
    round = await dbQuery(strapi, 'plugin::grants.round').findOne({
      where: { documentId: ok(created).documentId },
    });
  });
  afterAll(async () => {
    await strapi.destroy();
  });

  it('previews opening, then opens without a reason (nothing skipped)', async () => {
    const p = await preview();
    expect(p).toMatchObject({ status: 'draft', next: 'open', warnings: [], reasonRequired: false });
    expect(p.undo.possible).toBe(false);
    expect((await post(`/rounds/${round.documentId}/advance`, { status: 'open' })).status).toBe(
      200,
    );
    for (const [title, fen] of [
      ['楼道议事会', 1_000_00],
      ['长者助餐', 1_500_00],
      ['四点半课堂', 800_00],
    ] as const) {
      const res = await http(strapi)
        .post(`/api/forms/${slug}/submissions`)
        .send({
          version: 1,
          data: {
            organisationName: `${title}协会`,
            projectTitle: title,
            requestedAmount: fen / 100,
          },
        });
      expect(res.status).toBe(201);
      receipts.push(res.body.data.receiptCode);
    }
  });

  it('refuses review before the closing date without a reason, and changes nothing', async () => {
    const p = await preview();
    expect(p).toMatchObject({
      status: 'open',
      next: 'reviewing',
      closingReached: false,
      closesOn: addDays(todayInChina(), 1),
      today: todayInChina(),
      reasonRequired: true,
      counts: { submitted: 3, under_review: 0, more_info: 0, unreviewed: 3 },
    });
    expect(p.warnings.map((w: { code: string }) => w.code)).toEqual(['before_closing']);
    const refused = await post(`/rounds/${round.documentId}/advance`, { status: 'reviewing' });
    expect(refused.status).toBe(400);
    expect(issues(refused)).toHaveLength(1);
    expect(issues(refused)[0]).toMatchObject({ path: ['reason'], code: 'required' });
    expect(issues(refused)[0].message).toMatch(/closing date/);
    expect(issues(refused)[0].messageZh).toMatch(/尚未截止/);
    const blank = await post(`/rounds/${round.documentId}/advance`, {
      status: 'reviewing',
      reason: '  ',
    });
    expect(issues(blank)[0]).toMatchObject({ path: ['reason'], code: 'required' });
    const notText = await post(`/rounds/${round.documentId}/advance`, {
      status: 'reviewing',
      reason: { why: 1 },
    });
    expect(issues(notText)[0]).toMatchObject({ path: ['reason'], code: 'invalid_value' });
    expect(await status()).toBe('open');
    expect((await applicationOf(receipts[0])).status).toBe('submitted');
  });

  it('starts review early with a reason, kept on the round and in its audit entry', async () => {
    const reason = '申报单位已全部提交，评审专家档期提前';
    const before = (await roundAudit()).length;
    const res = await post(`/rounds/${round.documentId}/advance`, {
      status: 'reviewing',
      reason: ` ${reason} `,
    });
    expect(res.status).toBe(200);
    expect(await status()).toBe('reviewing');
    expect((await applicationOf(receipts[0])).status).toBe('under_review');
    const entries = await roundAudit();
    expect(entries).toHaveLength(before + 1);
    const last = entries[entries.length - 1];
    expect(last.fields).toEqual(expect.arrayContaining(['status', 'stageReason']));
    expect(last.before).toMatchObject({ status: 'open' });
    expect(last.after).toMatchObject({
      status: 'reviewing',
      stageReason: reason,
      stageMove: 'advance',
    });
    // Written by the moves only: a plain update of the reason is refused.
    const forged = await http(strapi)
      .put(`/api/grants/rounds/${round.documentId}`)
      .set(auth(staff))
      .send({ data: { stageReason: '改写原因' } });
    expect(forged.status).toBe(400);
    expect(issues(forged).map((i) => i.path.join('.'))).toContain('stageReason');
  });

  it('undoes the start of review the same day', async () => {
    const p = await preview();
    expect(p.undo).toMatchObject({ possible: true, to: 'open' });
    const res = await post(`/rounds/${round.documentId}/undo`, { reason: '误操作' });
    expect(res.status).toBe(200);
    expect(await status()).toBe('open');
    // Applications keep what the step did: under review, reviewers may still be assigned.
    expect((await applicationOf(receipts[0])).status).toBe('under_review');
    const last = (await roundAudit()).pop();
    expect(last.after).toMatchObject({ status: 'open', stageMove: 'undo', stageReason: '误操作' });
    // Once: the undo itself is not undone, nor is there a draft to go back to.
    const again = await post(`/rounds/${round.documentId}/undo`);
    expect(again.status).toBe(400);
    expect(issues(again)[0]).toMatchObject({ path: ['status'], code: 'not_undoable' });
    expect(issues(again)[0].messageZh).toBeTruthy();
    expect(await status()).toBe('open');
  });

  it('refuses undo once a review is submitted, and asks a reason to award unreviewed ones', async () => {
    expect(
      (
        await post(`/rounds/${round.documentId}/advance`, {
          status: 'reviewing',
          reason: '提前评审',
        })
      ).status,
    ).toBe(200);
    const first = await applicationOf(receipts[0]);
    const moreInfo = await applicationOf(receipts[1]);
    expect(
      (await post(`/applications/${first.documentId}/reviewers`, { reviewers: [reviewerId] }))
        .status,
    ).toBe(200);
    expect(
      (
        await post(`/applications/${moreInfo.documentId}/status`, {
          status: 'more_info',
          note: '请补充预算明细',
        })
      ).status,
    ).toBe(200);
    const mine = (await get('/reviews/mine', reviewer)).body.data;
    const review = mine.find(
      (r: { application: { documentId: string } }) => r.application.documentId === first.documentId,
    );
    const out = await post(
      `/reviews/${review.documentId}/submit`,
      { scores: { need: 12 }, recommendation: 'yes' },
      reviewer,
    );
    expect(out.status).toBe(400);
    expect(issues(out)[0]).toMatchObject({ path: ['scores', 'need'], code: 'invalid_score' });
    expect(
      (
        await post(
          `/reviews/${review.documentId}/submit`,
          { scores: { need: 8 }, recommendation: 'yes' },
          reviewer,
        )
      ).status,
    ).toBe(200);

    const p = await preview();
    expect(p.undo.possible).toBe(false);
    expect(p.undo.message).toMatch(/1 review/);
    expect(p.undo.messageZh).toMatch(/已提交 1 份评审/);
    // The console shows it without the key it starts with (rest.ts withoutFieldKey).
    expect(p.undo.path).toBe('status');
    const refused = await post(`/rounds/${round.documentId}/undo`);
    expect(refused.status).toBe(400);
    expect(issues(refused)[0]).toMatchObject({ path: ['status'], code: 'not_undoable' });
    expect(await status()).toBe('reviewing');

    expect(p).toMatchObject({
      next: 'awarding',
      counts: { under_review: 2, more_info: 1, unreviewed: 2 },
      reasonRequired: true,
    });
    expect(p.warnings.map((w: { code: string; count: number }) => [w.code, w.count])).toEqual([
      ['unreviewed', 2],
      ['more_info', 1],
    ]);
    const noReason = await post(`/rounds/${round.documentId}/advance`, { status: 'awarding' });
    expect(noReason.status).toBe(400);
    expect(issues(noReason)[0].messageZh).toMatch(/2 份申请还没有提交的评审/);
    expect(await status()).toBe('reviewing');
    expect(
      (
        await post(`/rounds/${round.documentId}/advance`, {
          status: 'awarding',
          reason: '其余项目下轮再评',
        })
      ).status,
    ).toBe(200);
  });

  it('refuses undo of awarding once an award is made; closes with a reason; undoes the close', async () => {
    const first = await applicationOf(receipts[0]);
    expect(
      (
        await post(`/applications/${first.documentId}/award`, {
          amount: 1_000_00,
          tranches: [{ amount: 1_000_00 }],
        })
      ).status,
    ).toBe(200);
    const p = await preview();
    expect(p).toMatchObject({ status: 'awarding', next: 'closed', awards: 1 });
    expect(p.undo).toMatchObject({ possible: false });
    expect(p.undo.messageZh).toMatch(/已立项 1 个项目/);
    expect((await post(`/rounds/${round.documentId}/undo`)).status).toBe(400);
    expect(p.warnings).toEqual([expect.objectContaining({ code: 'still_live', count: 2 })]);
    const refused = await post(`/rounds/${round.documentId}/advance`, { status: 'closed' });
    expect(refused.status).toBe(400);
    expect(issues(refused)[0].message).toMatch(/2 application\(s\) are still open/);
    expect(await status()).toBe('awarding');
    expect(
      (
        await post(`/rounds/${round.documentId}/advance`, {
          status: 'closed',
          reason: '预算已用完',
        })
      ).status,
    ).toBe(200);
    expect((await preview()).undo).toMatchObject({ possible: true, to: 'awarding' });
    expect((await post(`/rounds/${round.documentId}/undo`)).status).toBe(200);
    expect(await status()).toBe('awarding');
  });

  it('refuses undo on another China day, and reaches only staff', async () => {
    expect(
      (
        await post(`/rounds/${round.documentId}/advance`, {
          status: 'closed',
          reason: '预算已用完',
        })
      ).status,
    ).toBe(200);
    // The close happened yesterday (China time), as far as the round knows.
    await dbQuery(strapi, 'plugin::grants.round').update({
      where: { id: round.id },
      data: { stageChangedAt: new Date(Date.now() - 24 * 3600 * 1000) },
    });
    const p = await preview();
    expect(p.undo.possible).toBe(false);
    expect(p.undo.message).toMatch(/only the same day/);
    const refused = await post(`/rounds/${round.documentId}/undo`);
    expect(refused.status).toBe(400);
    expect(issues(refused)[0].messageZh).toMatch(/只能在当天撤回/);
    expect(await status()).toBe('closed');
    const incubator = await login(strapi, 'incubator');
    expect((await get(`/rounds/${round.documentId}/advance-preview`, incubator)).status).toBe(403);
    expect((await post(`/rounds/${round.documentId}/undo`, {}, incubator)).status).toBe(403);
    expect((await get(`/rounds/${round.documentId}/advance-preview`, reviewer)).status).toBe(403);
  });
});
