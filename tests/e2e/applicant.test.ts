// The applicant's own page on a phone (390×844): an amount above the round's cap refused under
// the 申请金额 field with no internal key; a request for more information answered with text and
// a file (back under review, and on the staff's application page); the page after an award
// (amount, tranches, what has been paid, reports due) in Chinese and English; a confirmed
// withdrawal.
import fs from 'fs';
import path from 'path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Core } from '@strapi/strapi';
import { todayInChina } from '../../cms/server/src/domain/china-time';
import { launchBrowser, listen, signIn } from '../helpers/browser';
import { APPLICATION_FORM } from '../helpers/grants';
import { bootStrapi, dbQuery, http, login, staffUser, unique } from '../helpers/strapi';

const SHOTS = process.env.LINLI_SHOTS_DIR;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

describe('the applicant’s page on a phone', () => {
  let strapi: Core.Strapi;
  let browser: Browser;
  let base: string;
  let staff: string;
  /** A resident who submits one application signed in, and finds it among their own. */
  let resident: string;
  let phone: BrowserContext;
  let p: Page;
  let slug: string;
  let round: { documentId: string };
  const codes: Record<string, string> = {};

  const auth = () => ({ Authorization: `Bearer ${staff}` });
  const post = (url: string, body: object = {}) =>
    http(strapi).post(`/api/grants${url}`).set(auth()).send(body);
  const applicationOf = (receiptCode: string) =>
    dbQuery(strapi, 'plugin::grants.application').findOne({ where: { receiptCode } });
  /** Screenshots for a person to look at, when LINLI_SHOTS_DIR names a folder. */
  const shot = async (page: Page, name: string) => {
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  };
  /** The page has no internal key or raw fen anywhere a person reads. */
  const expectNoKeys = async (page: Page) => {
    const text = await page.locator('body').innerText();
    expect(text).not.toMatch(/requestedAmount|receiptCode|documentId|under_review|more_info/);
    expect(text).not.toMatch(/\d{5,} ?分/);
  };

  beforeAll(async () => {
    if (SHOTS) fs.mkdirSync(SHOTS, { recursive: true });
    strapi = await bootStrapi();
    base = await listen(strapi);
    browser = await launchBrowser();
    staff = await login(strapi, 'foundation-staff');
    resident = await staffUser(strapi, 'resident', null);
    const fund = (
      await post('/funds', {
        data: { name: '申请人页面端到端基金', code: unique('AE-').toUpperCase(), kind: 'special' },
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
    slug = unique('apply-e2e-');
    const form = (
      await http(strapi)
        .post('/api/forms/forms')
        .set(auth())
        .send({
          data: {
            name: '社区微创投申报',
            slug,
            purpose: 'grant-application',
            draft: APPLICATION_FORM,
          },
        })
    ).body.data;
    await http(strapi).post(`/api/forms/forms/${form.documentId}/publish`).set(auth()).send();
    round = (
      await post('/rounds', {
        data: {
          title: '2026年“家门口”公益微创投',
          titleEn: '2026 On-the-Doorstep Micro-grants',
          fund: fund.documentId,
          budget: 20_000_00,
          cap: 10_000_00,
          opensOn: todayInChina(),
          closesOn: '2099-12-31',
          form: form.documentId,
          rubric: [{ key: 'need', label: '社区需求', weight: 100, max: 10 }],
        },
      })
    ).body.data;
    expect((await post(`/rounds/${round.documentId}/advance`, { status: 'open' })).status).toBe(
      200,
    );
    for (const [key, title, yuan] of [
      ['award', '长者助餐点', 8_000],
      ['more', '四点半课堂', 5_000],
      ['withdraw', '周末集市', 2_000],
      ['reject', '楼道画廊', 3_000],
    ] as const) {
      const res = await http(strapi)
        .post(`/api/forms/${slug}/submissions`)
        .set(key === 'withdraw' ? { Authorization: `Bearer ${resident}` } : {})
        .send({
          version: 1,
          data: { organisationName: `${title}协会`, projectTitle: title, requestedAmount: yuan },
        });
      expect(res.status).toBe(201);
      codes[key] = res.body.data.receiptCode;
    }
    phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
    p = await phone.newPage();
    p.setDefaultTimeout(15000);
  });
  afterAll(async () => {
    await browser?.close();
    await strapi?.destroy();
  });

  it('refuses an amount above the cap under the 申请金额 field, with no internal key', async () => {
    await p.goto(`${base}/f/${slug}`);
    await p.getByRole('heading', { name: '社区微创投申报' }).waitFor();
    await p.getByLabel('申报组织').fill('超额互助会');
    await p.getByLabel('项目名称').fill('超额项目');
    await p.getByLabel('申请金额').fill('10000.01');
    await p.getByRole('button', { name: '提交' }).click();
    const field = p.locator('[data-field="requestedAmount"] .lf-msg');
    await field.waitFor();
    expect(await field.innerText()).toBe('申请金额：单个项目申请金额不超过 ¥10,000.00');
    expect(await p.getByRole('alert').first().innerText()).toBe('请修改标红的内容后再提交');
    await expectNoKeys(p);
    await shot(p, 'applicant-form-cap-zh');
    // In English, the same refusal in English under the same field.
    await p.getByRole('button', { name: 'English' }).click();
    await p.getByRole('button', { name: 'Submit' }).click();
    await p
      .locator('[data-field="requestedAmount"] .lf-msg', { hasText: 'Amount: at most' })
      .waitFor();
    expect(await field.innerText()).toBe('Amount: at most ¥10,000.00 per project');
    await expectNoKeys(p);
    await shot(p, 'applicant-form-cap-en');
    await p.getByRole('button', { name: '中文' }).click();
  });

  it('shows a request for more information and takes the answer with a file', async () => {
    const app = await applicationOf(codes.more);
    await post(`/applications/${app.documentId}/status`, { status: 'under_review' });
    await post(`/applications/${app.documentId}/status`, {
      status: 'more_info',
      note: '请补充场地使用协议和项目预算明细',
    });
    await p.goto(`${base}/f/receipt/${codes.more}`);
    const status = p.getByTestId('status');
    await status.getByText('待补充材料').waitFor();
    await p.getByTestId('question').getByText('请补充场地使用协议和项目预算明细').waitFor();
    await p.getByText('¥5,000.00').waitFor();
    await expectNoKeys(p);
    await shot(p, 'applicant-more-info-zh');
    // Sent empty: the refusal is under the answer's field.
    await p.getByRole('button', { name: '提交补充材料' }).click();
    const text = p.locator('[data-field="text"] .lf-msg');
    await text.waitFor();
    expect(await text.innerText()).toBe('请填写补充说明（至少 2 个字）');
    await expectNoKeys(p);
    await shot(p, 'applicant-answer-error-zh');
    // A file that is not what it says is refused under the attachments, by its label.
    await p.getByLabel('附件').setInputFiles({
      name: 'fake.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('plain text'),
    });
    const files = p.locator('[data-field="files"] .lf-msg');
    await files.waitFor();
    expect(await files.innerText()).toMatch(/^附件：文件内容与类型 application\/pdf 不符$/);
    await p.getByLabel('附件').setInputFiles({
      name: '场地协议.pdf',
      mimeType: 'application/pdf',
      buffer: PDF,
    });
    await p.getByText('场地协议.pdf').waitFor();
    await p.getByLabel('补充说明').fill('场地协议和预算明细见附件');
    await p.getByRole('button', { name: '提交补充材料' }).click();
    await status.getByText('评审中').waitFor();
    await p.getByText('补充材料已提交，申请回到评审中。').waitFor();
    const history = p.getByTestId('history');
    await history.getByText('已补充材料').waitFor();
    await history.getByRole('link', { name: '场地协议.pdf' }).waitFor();
    await shot(p, 'applicant-answered-zh');
    expect((await applicationOf(codes.more)).status).toBe('under_review');

    // Staff read the answer on the application's page.
    const desk = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await desk.newPage();
    page.setDefaultTimeout(15000);
    await signIn(page, base, 'foundation-staff');
    await page.goto(`${base}/console/#/grants-applications/${app.documentId}/show`);
    const answers = page.getByTestId('applicant-answers');
    await answers.getByText('场地协议和预算明细见附件').waitFor();
    await answers.getByText('请补充场地使用协议和项目预算明细').waitFor();
    await answers.getByRole('link', { name: '场地协议.pdf' }).waitFor();
    await shot(page, 'applicant-staff-answers');
    await desk.close();
  });

  it('shows the award: amount, tranches, what has been paid, the report due', async () => {
    await post(`/rounds/${round.documentId}/advance`, {
      status: 'reviewing',
      // The round closes in 2099 and not every application is reviewed: the step needs a reason.
      reason: '测试：提前进入下一阶段',
    });
    await post(`/rounds/${round.documentId}/advance`, {
      status: 'awarding',
      // The round closes in 2099 and not every application is reviewed: the step needs a reason.
      reason: '测试：提前进入下一阶段',
    });
    const app = await applicationOf(codes.award);
    expect(
      (
        await post(`/applications/${app.documentId}/award`, {
          amount: 6_000_00,
          tranches: [
            { amount: 3_600_00, dueOn: todayInChina(), label: '首期' },
            { amount: 2_400_00, dueOn: '2099-06-30', label: '尾期' },
          ],
        })
      ).status,
    ).toBe(200);
    const award = await dbQuery(strapi, 'plugin::grants.award').findOne({
      where: { applicationKey: app.documentId },
    });
    const plan = (await http(strapi).get(`/api/grants/awards/${award.documentId}/plan`).set(auth()))
      .body.data;
    await post(`/disbursements/${plan.tranches[0].documentId}/approve`);
    await post(`/disbursements/${plan.tranches[0].documentId}/pay`);

    await p.goto(`${base}/f/receipt/${codes.award}`);
    await p.getByTestId('status').getByText('已获资助').waitFor();
    const grant = p.getByTestId('award');
    await grant.getByText('¥6,000.00').waitFor();
    await grant.getByText('¥3,600.00').first().waitFor();
    const tranches = grant.getByTestId('tranche');
    expect(await tranches.count()).toBe(2);
    expect(await tranches.nth(0).innerText()).toMatch(
      /首期 · ¥3,600\.00[\s\S]*拨付日期[\s\S]*已拨付/,
    );
    expect(await tranches.nth(1).innerText()).toMatch(
      /尾期 · ¥2,400\.00[\s\S]*计划日期 2099年6月30日[\s\S]*待拨付/,
    );
    await grant.getByTestId('report-due').getByText('结项报告').waitFor();
    await p.getByTestId('history').getByText('获得资助 ¥6,000.00').waitFor();
    await p.getByTestId('history').getByText('收到拨款 ¥3,600.00').waitFor();
    // Nothing left to withdraw.
    expect(await p.getByRole('button', { name: '撤回申请' }).count()).toBe(0);
    await expectNoKeys(p);
    await shot(p, 'applicant-awarded-zh');
    await p.getByRole('button', { name: 'English' }).click();
    await p.getByTestId('status').getByText('Awarded').waitFor();
    await p.getByText('2026 On-the-Doorstep Micro-grants').waitFor();
    await grant.getByText('Payment plan').waitFor();
    await grant.getByTestId('report-due').getByText('Final report').waitFor();
    await expectNoKeys(p);
    await shot(p, 'applicant-awarded-en');
    await p.getByRole('button', { name: '中文' }).click();
  });

  it('withdraws after a confirmation that says what follows', async () => {
    // Signed in, the resident finds the application among their own without the code.
    await p.evaluate(`localStorage.setItem('linli.jwt', ${JSON.stringify(resident)})`);
    await p.goto(`${base}/f/receipt`);
    const mine = p.getByTestId('my-applications');
    await mine.waitFor();
    await shot(p, 'applicant-mine-zh');
    await mine.getByText('周末集市').click();
    await p.waitForURL(`${base}/f/receipt/${codes.withdraw}`);
    await p.getByTestId('status').getByText('评审中').waitFor();
    await p.evaluate(`localStorage.removeItem('linli.jwt')`);
    await p.getByRole('button', { name: '撤回申请' }).click();
    const dialog = p.getByRole('dialog');
    await dialog
      .getByText('撤回后，本轮评审将不再考虑此申请，且不能恢复。', { exact: false })
      .waitFor();
    await shot(p, 'applicant-withdraw-dialog-zh');
    // Cancelling changes nothing.
    await dialog.getByRole('button', { name: '取消' }).click();
    expect((await applicationOf(codes.withdraw)).status).toBe('under_review');
    await p.getByRole('button', { name: '撤回申请' }).click();
    await p.getByRole('dialog').getByRole('button', { name: '确认撤回' }).click();
    await p.getByTestId('status').getByText('已撤回').waitFor();
    await shot(p, 'applicant-withdrawn-zh');
    expect((await applicationOf(codes.withdraw)).status).toBe('withdrawn');
    expect(await p.getByRole('button', { name: '撤回申请' }).count()).toBe(0);
  });

  it('shows the reason of a rejection, in English on the switch', async () => {
    const app = await applicationOf(codes.reject);
    expect(
      (
        await post(`/applications/${app.documentId}/status`, {
          status: 'rejected',
          note: '项目与本轮“家门口”主题不符',
        })
      ).status,
    ).toBe(200);
    await p.goto(`${base}/f/receipt/${codes.reject}?lang=en`);
    await p.getByTestId('status').getByText('Not funded').waitFor();
    await p.getByTestId('reason').getByText('项目与本轮“家门口”主题不符').waitFor();
    expect(await p.getByRole('button', { name: 'Withdraw the application' }).count()).toBe(0);
    await expectNoKeys(p);
    await shot(p, 'applicant-rejected-en');
  });

  it('answers a wrong receipt code plainly, in the page’s language and without an internal key', async () => {
    await p.goto(`${base}/f/receipt/not-a-code`);
    await p.getByRole('alert').getByText('回执码为 10 位字母和数字，如 ABCDE-FGH23').waitFor();
    await p.goto(`${base}/f/receipt/not-a-code?lang=en`);
    await p
      .getByRole('alert')
      .getByText('A receipt code is ten letters and digits, like ABCDE-FGH23')
      .waitFor();
    await p.goto(`${base}/f/receipt/AAAAA-BBBBB`);
    await p.getByRole('alert').getByText('没有与此回执码对应的申请或提交，请核对回执码').waitFor();
    expect(await p.locator('body').innerText()).not.toMatch(/code:|receiptCode/);
    await shot(p, 'applicant-unknown-code-zh');
  });

  it('says on the form’s page, before anyone fills it in, that the round takes nothing now', async () => {
    // The award above moved the round on from `open`.
    await p.goto(`${base}/f/${slug}`);
    await p.getByRole('alert').getByText('本轮微创投当前不接受申报（未开放或已截止）').waitFor();
    expect(await p.getByRole('button', { name: '提交' }).count()).toBe(0);
    await shot(p, 'applicant-round-closed-zh');
  });
});
