// The console as a reviewer lives in it, in headless Chromium: no button that ends in a refusal
// (a form's submissions and exports, a round's fund), English names in English (round titles,
// rubric criteria), scores confirmed with their weighted score before they become final, a
// conflict that says what it does and is not offered once review is over, a translated
// not-found page; and staff may ask a submitted application for more information while the
// round is still open.
import type { Browser, Page } from 'playwright-core';
import type { Core } from '@strapi/strapi';
import { launchBrowser, listen, signIn } from '../helpers/browser';
import { APPLICATION_FORM } from '../helpers/grants';
import { getService as formsService } from '../../plugins/forms/server/src/utils';
import { getService as grantsService } from '../../plugins/grants/server/src/utils';
import { bootStrapi, dbQuery, documents, unique } from '../helpers/strapi';

const SHOTS = process.env.LINLI_SHOTS;

describe('the console as a reviewer lives in it', () => {
  let strapi: Core.Strapi;
  let browser: Browser;
  let base: string;
  let staff: Page;
  let reviewer: Page;
  let round: { id: number; documentId: string };
  let form: { documentId: string };
  const title = unique('评审轮次-');
  const titleEn = unique('Review round ');
  const fundName = unique('评审专项基金-');
  const scored = unique('楼道花园-');
  const other = unique('长者食堂-');
  const shot = async (page: Page, name: string) => {
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  };
  const english = async (page: Page, on: boolean) => {
    await page.evaluate(`localStorage.setItem('RaStore.locale', '${on ? '"en"' : '"zh-CN"'}')`);
    await page.reload();
  };
  const application = (projectTitle: string) =>
    dbQuery(strapi, 'plugin::grants.application').findOne({ where: { projectTitle } });

  beforeAll(async () => {
    strapi = await bootStrapi();
    base = await listen(strapi);
    browser = await launchBrowser();
    const code = unique('RV-').toUpperCase();
    const fund = await documents(strapi, 'plugin::grants.fund').create({
      data: { name: fundName, code, kind: 'special' },
    });
    const slug = unique('reviewer-');
    form = await documents(strapi, 'plugin::forms.form').create({
      data: {
        name: unique('评审申报表-'),
        slug,
        purpose: 'grant-application',
        draft: APPLICATION_FORM,
      },
    });
    await formsService(strapi, 'definitions').publish(form.documentId);
    round = (await documents(strapi, 'plugin::grants.round').create({
      data: {
        title,
        titleEn,
        fund: fund.documentId,
        budget: '4000000',
        cap: '2000000',
        opensOn: '2026-01-01',
        closesOn: '2099-12-31',
        form: form.documentId,
        rubric: [
          { key: 'need', label: '社区需求', labelEn: 'Community need', weight: 1, max: 10 },
          { key: 'design', label: '项目设计', labelEn: 'Project design', weight: 1, max: 10 },
        ],
      },
    })) as { id: number; documentId: string };
    await grantsService(strapi, 'rounds').advance(round.documentId, 'open');
    for (const name of [scored, other]) {
      const res = await fetch(`${base}/api/forms/${slug}/submissions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          version: 1,
          data: { organisationName: `${name}协会`, projectTitle: name, requestedAmount: 10000 },
        }),
      });
      expect(res.status).toBe(201);
    }
    staff = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    staff.setDefaultTimeout(20000);
    await signIn(staff, base, 'foundation-staff');
    reviewer = await (
      await browser.newContext({ viewport: { width: 1280, height: 900 } })
    ).newPage();
    reviewer.setDefaultTimeout(20000);
    await signIn(reviewer, base, 'reviewer');
  });
  afterAll(async () => {
    await browser?.close();
    await strapi?.destroy();
  });

  it('lets staff ask a submitted application for more information while the round is open', async () => {
    const a = await application(other);
    expect(a.status).toBe('submitted');
    await staff.goto(`${base}/console/#/grants-applications/${a.documentId}/show`);
    await staff.getByTestId('ask-more-info').click();
    await staff.getByRole('dialog').getByRole('textbox').fill('请补充项目预算明细');
    await staff.getByTestId('ask-more-info-confirm').click();
    await staff.getByRole('dialog').waitFor({ state: 'detached' });
    expect((await application(other)).status).toBe('more_info');
    // Back as it was, for the reviewer's part below.
    await dbQuery(strapi, 'plugin::grants.application').update({
      where: { id: a.id },
      data: { status: 'submitted' },
    });
  });

  it('offers a reviewer no form action they cannot use, and a translated not-found page', async () => {
    await reviewer.goto(`${base}/console/#/forms-forms/${form.documentId}/show`);
    await reviewer.getByText('评审申报表-', { exact: false }).first().waitFor();
    expect(await reviewer.getByText('查看提交记录').count()).toBe(0);
    expect(await reviewer.getByText('导出 CSV').count()).toBe(0);
    expect(await reviewer.getByTestId('form-submission-actions').count()).toBe(0);

    await reviewer.goto(`${base}/console/#/no-such-screen`);
    await reviewer.getByTestId('not-found').getByText('网址有误，或链接已失效。').waitFor();
    const text = await reviewer.locator('body').innerText();
    expect(text).not.toContain('linli.title');
    expect(text).not.toContain('。.');
    await shot(reviewer, 'not-found-zh');
  });

  it('shows a reviewer rounds without their fund, and in English by their English title', async () => {
    await reviewer.goto(`${base}/console/#/grants-rounds`);
    await reviewer.getByText(title).waitFor();
    expect(await reviewer.getByText('资金来源基金').count()).toBe(0);
    await english(reviewer, true);
    await reviewer.getByText(titleEn).waitFor();
    expect(await reviewer.getByText(title).count()).toBe(0);
    await reviewer.goto(`${base}/console/#/grants-rounds/${round.documentId}/show`);
    await reviewer.getByText(titleEn).first().waitFor();
    expect(await reviewer.getByText(fundName).count()).toBe(0);
    await shot(reviewer, 'round-show-en');
    await english(reviewer, false);
    // Staff, who may read funds, still see the fund.
    await staff.goto(`${base}/console/#/grants-rounds/${round.documentId}/show`);
    await staff.getByText(fundName).waitFor();
  });

  it('confirms scores with their weighted score, and shows criteria in English', async () => {
    const reviewerUser = await dbQuery(strapi, 'plugin::users-permissions.user').findOne({
      where: { username: 'reviewer' },
    });
    for (const name of [scored, other])
      await grantsService(strapi, 'reviews').assign((await application(name)).documentId, [
        reviewerUser.id,
      ]);
    await grantsService(strapi, 'rounds').advance(round.documentId, 'reviewing', '提前评审');
    await reviewer.goto(`${base}/console/#/my-reviews`);
    // The app bar names the desk, as it names every other screen.
    await reviewer.locator('header').getByText('评审工作台').waitFor();
    const card = reviewer.getByTestId('review-card').filter({ hasText: scored });
    await card.getByTestId('score-need').fill('8');
    await card.getByTestId('score-design').fill('6');
    await card.getByRole('combobox').click();
    await reviewer.getByRole('option', { name: '推荐', exact: true }).click();
    await shot(reviewer, 'desk-scores-zh');
    await card.getByTestId('review-submit').click();
    const dialog = reviewer.getByRole('dialog');
    await dialog.getByText('加权得分 70.00%。评分提交后不能再修改，确定提交吗？').waitFor();
    await shot(reviewer, 'desk-confirm-zh');
    // Cancelled: nothing is sent.
    await dialog.getByRole('button', { name: '取消' }).click();
    const review = async () =>
      dbQuery(strapi, 'plugin::grants.review').findOne({
        where: { application: { projectTitle: scored } },
      });
    expect((await review()).status).toBe('assigned');
    await card.getByTestId('review-submit').click();
    await reviewer.getByTestId('review-confirm').click();
    // Done: it leaves the desk (finished reviews show on request).
    await card.waitFor({ state: 'detached' });
    expect((await review()).status).toBe('submitted');

    await english(reviewer, true);
    await reviewer.getByRole('checkbox').first().check();
    // A score's label is shown whole above its box (the long English ones included).
    const label = reviewer
      .getByTestId('review-card')
      .filter({ hasText: other })
      .getByText('Project design (0–10)');
    await label.waitFor();
    expect(
      await label.evaluate((el) => el.scrollWidth <= el.clientWidth && el.clientWidth > 0),
    ).toBe(true);
    await shot(reviewer, 'desk-en');
    const table = reviewer
      .getByTestId('review-card')
      .filter({ hasText: scored })
      .getByTestId('reviews');
    await table.getByText('Community need').waitFor();
    await table.getByText('Project design').waitFor();
    expect(await table.getByText('社区需求').count()).toBe(0);
    await english(reviewer, false);
  });

  it('says what declaring a conflict does, and does not offer it once review is over', async () => {
    const card = reviewer.getByTestId('review-card').filter({ hasText: other });
    await card.getByTestId('review-conflict').click();
    await reviewer
      .getByRole('dialog')
      .getByText(/声明后您将回避这份申请：不能再为它评分/)
      .waitFor();
    await reviewer.getByRole('dialog').getByRole('button', { name: '取消' }).click();
    await grantsService(strapi, 'rounds').advance(round.documentId, 'awarding', '进入立项');
    await reviewer.reload();
    await card.getByTestId('review-blocked').waitFor();
    expect(await card.getByTestId('review-conflict').count()).toBe(0);
  });
});
