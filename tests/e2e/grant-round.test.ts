// A micro-venture round in the console, in headless Chromium, as the people who run it would:
// staff set up and open a round with its rubric; an organisation applies on the round's public
// page; staff assign a reviewer, who scores it on the reviewer's desk; staff award it with a
// two-tranche plan, approve and pay both tranches, record and accept the final report; and the
// fund's statement shows the money and reconciles with the ledger.
import type { Browser, Page } from 'playwright-core';
import type { Core } from '@strapi/strapi';
import { launchBrowser, listen, signIn } from '../helpers/browser';
import { APPLICATION_FORM } from '../helpers/grants';
import { getService as formsService } from '../../plugins/forms/server/src/utils';
import { getService as grantsService } from '../../plugins/grants/server/src/utils';
import { bootStrapi, dbQuery, documents, ledgerService, unique } from '../helpers/strapi';

/** The fund this file creates, as the steps read it. */
interface Fund {
  id: number;
  documentId: string;
  name: string;
}

describe('a grant round in the console', () => {
  let strapi: Core.Strapi;
  let browser: Browser;
  let base: string;
  let staff: Page;
  let fund: Fund;
  let slug: string;
  const title = unique('楼道微更新-');
  const roundTitle = unique('端到端微创投-');
  const formName = unique('端到端申报表-');

  beforeAll(async () => {
    strapi = await bootStrapi();
    base = await listen(strapi);
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    staff = await context.newPage();
    staff.setDefaultTimeout(15000);
    await signIn(staff, base, 'foundation-staff');
    // A fund of its own, holding ¥50,000, so the statement's figures are this test's alone.
    const code = unique('E2E-').toUpperCase();
    // The Document Service types only id and documentId without generated declarations.
    fund = (await documents(strapi, 'plugin::grants.fund').create({
      data: { name: `端到端专项${code}`, code, kind: 'special' },
    })) as Fund;
    // Government money, not a donation: the demo's published donation figures stay as they are.
    const ledger = ledgerService(strapi, 'ledger');
    await ledger.openAccount({ code: 'world:government:fen', unit: 'fen', minBalance: null });
    await grantsService(strapi, 'funds').ensureAccounts(fund);
    await ledger.transfer({
      key: `e2e:${code}:funding`,
      debit: 'world:government:fen',
      credit: `grants.fund:${fund.documentId}:available`,
      amount: 5_000_000,
      code: 'government_funding',
    });
    // The application form (the designer has its own end-to-end test).
    slug = unique('apply-');
    const form = await documents(strapi, 'plugin::forms.form').create({
      data: { name: formName, slug, purpose: 'grant-application', draft: APPLICATION_FORM },
    });
    await formsService(strapi, 'definitions').publish(form.documentId);
  });
  afterAll(async () => {
    await browser?.close();
    await strapi?.destroy();
  });

  const round = () =>
    dbQuery(strapi, 'plugin::grants.round').findOne({ where: { title: roundTitle } });
  const application = () =>
    dbQuery(strapi, 'plugin::grants.application').findOne({ where: { projectTitle: title } });

  it('opens a round, takes an application, reviews, awards, pays, closes and states the fund', async () => {
    // Set-up: the round with its fund, budget, cap, dates, form and a two-criterion rubric.
    await staff.goto(`${base}/console/#/grants-rounds/create`);
    await staff.getByLabel('轮次名称 *').fill(roundTitle);
    await staff.getByLabel('资金来源基金 *').fill('端到端专项');
    await staff.getByRole('option', { name: fund.name }).click();
    await staff.getByLabel('总预算（元） *').fill('40000');
    await staff.getByLabel('单项上限（元） *').fill('20000');
    await staff.getByLabel('申报开始 *').fill('2026-01-01');
    await staff.getByLabel('申报截止 *').fill('2099-12-31');
    await staff.getByLabel('申报表单').fill(formName);
    await staff.getByRole('option', { name: formName }).click();
    for (const [i, [key, label, weight, max]] of [
      ['need', '社区需求', '60', '10'],
      ['design', '项目设计', '40', '5'],
    ].entries()) {
      await staff.getByRole('button', { name: '添加' }).click();
      await staff.getByLabel('标识').nth(i).fill(key);
      await staff.getByLabel('评分项').nth(i).fill(label);
      await staff.getByLabel('权重').nth(i).fill(weight);
      await staff.getByLabel('满分').nth(i).fill(max);
    }
    await staff.getByRole('button', { name: '保存' }).click();
    await staff.getByTestId('round-advance').getByText('进入下一阶段：申报中').click();
    await staff.getByTestId('round-advance-confirm').click();
    await staff.getByTestId('round-advance').getByText('进入下一阶段：评审中').waitFor();
    await staff.getByTestId('round-form-link').waitFor();
    expect((await round()).status).toBe('open');

    // An organisation applies on its phone, through the round's public page.
    const phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
    });
    const p = await phone.newPage();
    p.setDefaultTimeout(15000);
    await p.goto(`${base}/f/${slug}`);
    await p.getByLabel('申报组织').fill('新都区邻里互助服务中心');
    await p.getByLabel('项目名称').fill(title);
    await p.getByLabel('申请金额').fill('30000');
    await p.getByRole('button', { name: '提交' }).click();
    await p
      .getByText(/单个项目申请金额不超过 ¥20,000\.00/)
      .first()
      .waitFor();
    await p.getByLabel('申请金额').fill('15000');
    await p.getByRole('button', { name: '提交' }).click();
    await p.getByTestId('receipt-code').waitFor();
    await phone.close();
    expect(await application()).toMatchObject({
      status: 'submitted',
      requested: expect.anything(),
    });

    // Staff assign the demo reviewer, then move the round to review.
    const r = await round();
    // (The page shows this round already: reload it to see the new application.)
    await staff.reload();
    await staff.getByTestId('ranking').getByRole('link', { name: title }).click();
    await staff.getByTestId('assign-reviewers').click();
    await staff.getByLabel(/^reviewer（评审专家）/).check();
    await staff.getByRole('button', { name: '确定' }).click();
    await staff.getByText('评审中').first().waitFor();
    await staff.goto(`${base}/console/#/grants-rounds/${r.documentId}/show`);
    await staff.getByTestId('round-advance').getByText('进入下一阶段：评审中').click();
    // Before the closing date: the dialog says so and the server wants a reason.
    await staff.getByTestId('confirm-warning').first().waitFor();
    await staff.getByRole('dialog').getByLabel(/原因/).fill('申报单位已全部提交');
    await staff.getByTestId('round-advance-confirm').click();
    await staff.getByTestId('round-advance').getByText('进入下一阶段：立项中').waitFor();

    // The reviewer scores it on their desk.
    const reviewerContext = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const reviewer = await reviewerContext.newPage();
    reviewer.setDefaultTimeout(15000);
    await signIn(reviewer, base, 'reviewer');
    await reviewer.goto(`${base}/console/#/my-reviews`);
    const card = reviewer.getByTestId('review-card').filter({ hasText: title });
    await card.getByTestId('score-need').fill('9');
    await card.getByTestId('score-design').fill('4');
    await card.getByRole('button', { name: '提交评分' }).click();
    await card.getByText('请给出推荐意见：推荐、待定或不推荐').waitFor();
    await card.getByLabel('推荐意见').click();
    await reviewer.getByRole('option', { name: '推荐', exact: true }).click();
    await card.getByRole('button', { name: '提交评分' }).click();
    // Scores cannot be changed once submitted: the desk asks first.
    await reviewer.getByTestId('review-confirm').click();
    await reviewer.getByText('显示已完成的评审').click();
    await reviewer
      .getByTestId('review-card')
      .filter({ hasText: title })
      .getByTestId('review-status')
      .getByText('已评审')
      .waitFor();
    await reviewerContext.close();
    // (9/10·60 + 4/5·40) = 86 %
    expect((await application()).score).toBe(8600);

    // Award: the ranking shows the score; ¥15,000 in two tranches (60 % / 40 %).
    await staff.reload();
    await staff.getByTestId('round-advance').getByText('进入下一阶段：立项中').click();
    await staff.getByTestId('round-advance-confirm').click();
    await staff.getByTestId('round-advance').getByText('进入下一阶段：已结束').waitFor();
    await staff.getByTestId('ranking').getByTestId('ranking-score').getByText('86.00').waitFor();
    await staff.getByTestId('ranking').getByRole('link', { name: title }).click();
    await staff.getByTestId('award').click();
    await staff.getByText('计划合计 ¥15,000.00，立项金额 ¥15,000.00').waitFor();
    await staff.getByTestId('award-confirm').click();
    await staff.getByText('已立项').first().waitFor();
    const available = async () => await grantsService(strapi, 'funds').balance(fund);
    expect(await available()).toMatchObject({ available: 3_500_000, committed: 1_500_000 });

    // Pay both tranches: approve reserves, pay posts — each confirmed in its dialog.
    await staff.goto(`${base}/console/#/grants-awards`);
    await staff.getByRole('row').filter({ hasText: title }).getByText('执行中').click();
    for (const n of [1, 2]) {
      const row = staff.getByTestId(`tranche-${n}`);
      await row.getByTestId('tranche-approve').click();
      await staff.getByTestId('tranche-approve-confirm').click();
      await row.getByTestId('tranche-status').getByText('已审批待支付').waitFor();
      await row.getByTestId('tranche-pay').click();
      await staff.getByTestId('tranche-pay-confirm').click();
      await row.getByTestId('tranche-status').getByText('已支付').waitFor();
    }
    await staff.getByTestId('award-paid').getByText('¥15,000.00').waitFor();

    // The final report, accepted: the award closes.
    await staff.getByTestId('add-report').click();
    await staff.getByTestId('report-kind').locator('..').click();
    await staff.getByRole('option', { name: '结项报告' }).click();
    await staff.getByLabel('受益人数').fill('260');
    await staff.getByLabel('志愿服务时长（小时）').fill('120');
    await staff.getByLabel('支出（元）').fill('15000');
    await staff
      .getByTestId('report-narrative')
      .fill('楼道照明与扶手全部更新，居民议事会持续运行。');
    await staff.getByTestId('report-save').click();
    await staff.getByTestId('report-accept').click();
    await staff
      .getByRole('dialog')
      .getByText(/未拨付的 ¥0\.00 退回基金可用余额/)
      .waitFor();
    await staff.getByTestId('report-accept-confirm').click();
    await staff.getByText('已结项').first().waitFor();
    expect(await available()).toMatchObject({ available: 3_500_000, committed: 0 });

    // The fund's statement for the year: ¥50,000 funding in, ¥15,000 paid out, and it reconciles.
    await staff.goto(`${base}/console/#/grants-funds/${fund.documentId}/show`);
    await staff.getByLabel('起始日期').fill('2026-01-01');
    await staff.getByTestId('make-statement').click();
    await staff.getByTestId('statement-funding').getByText('+¥50,000.00').waitFor();
    await staff.getByTestId('statement-disbursed').getByText('−¥15,000.00').waitFor();
    await staff.getByTestId('statement-closing').getByText('¥35,000.00').waitFor();
    await staff.getByTestId('statement-reconciles').getByText('与账务系统核对一致').waitFor();
  });
});
