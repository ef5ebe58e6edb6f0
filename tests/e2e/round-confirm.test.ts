// A round's stages confirmed in the console, in headless Chromium: the next-stage dialog states
// what will happen with the server's counts and warns of what it skips (review before the closing
// date), waits for a reason, and the move can be undone the same day; the reviewer's desk shows
// an assignment as not yet open for scoring while the round takes applications, and once it is,
// refuses 12 out of 10 on the score's own field without asking the server.
import type { Browser, Page } from 'playwright-core';
import type { Core } from '@strapi/strapi';
import { launchBrowser, listen, signIn } from '../helpers/browser';
import { APPLICATION_FORM } from '../helpers/grants';
import { getService as formsService } from '../../plugins/forms/server/src/utils';
import { getService as grantsService } from '../../plugins/grants/server/src/utils';
import { bootStrapi, dbQuery, documents, unique } from '../helpers/strapi';

const SHOTS = process.env.LINLI_SHOTS;

describe('round stages and the reviewer’s desk in the console', () => {
  let strapi: Core.Strapi;
  let browser: Browser;
  let base: string;
  let staff: Page;
  let reviewer: Page;
  let round: { id: number; documentId: string };
  const title = unique('确认轮次-');
  const project = unique('楼道议事-');
  const shot = async (page: Page, name: string) => {
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  };
  const status = async () =>
    (await dbQuery(strapi, 'plugin::grants.round').findOne({ where: { id: round.id } })).status;

  beforeAll(async () => {
    strapi = await bootStrapi();
    base = await listen(strapi);
    browser = await launchBrowser();
    const code = unique('RC-').toUpperCase();
    const fund = await documents(strapi, 'plugin::grants.fund').create({
      data: { name: `确认专项${code}`, code, kind: 'special' },
    });
    const slug = unique('confirm-');
    const form = await documents(strapi, 'plugin::forms.form').create({
      data: {
        name: unique('确认申报表-'),
        slug,
        purpose: 'grant-application',
        draft: APPLICATION_FORM,
      },
    });
    await formsService(strapi, 'definitions').publish(form.documentId);
    round = (await documents(strapi, 'plugin::grants.round').create({
      data: {
        title,
        fund: fund.documentId,
        budget: '4000000',
        cap: '2000000',
        opensOn: '2026-01-01',
        closesOn: '2099-12-31',
        form: form.documentId,
        rubric: [{ key: 'need', label: '社区需求', labelEn: 'Need', weight: 1, max: 10 }],
      },
    })) as { id: number; documentId: string };
    await grantsService(strapi, 'rounds').advance(round.documentId, 'open');
    for (const [name, yuan] of [
      [project, 12000],
      [unique('长者助餐-'), 9000],
    ] as const) {
      const res = await fetch(`${base}/api/forms/${slug}/submissions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          version: 1,
          data: { organisationName: `${name}协会`, projectTitle: name, requestedAmount: yuan },
        }),
      });
      expect(res.status).toBe(201);
    }
    const application = await dbQuery(strapi, 'plugin::grants.application').findOne({
      where: { projectTitle: project },
    });
    const demoReviewer = await dbQuery(strapi, 'plugin::users-permissions.user').findOne({
      where: { username: 'reviewer' },
    });
    await grantsService(strapi, 'reviews').assign(application.documentId, [demoReviewer.id]);

    staff = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    staff.setDefaultTimeout(20000);
    await signIn(staff, base, 'foundation-staff');
    reviewer = await (
      await browser.newContext({ viewport: { width: 1400, height: 1000 } })
    ).newPage();
    reviewer.setDefaultTimeout(20000);
    await signIn(reviewer, base, 'reviewer');
  });
  afterAll(async () => {
    await browser?.close();
    await strapi?.destroy();
  });

  it('shows an assignment of an open round as not yet open for scoring', async () => {
    await reviewer.goto(`${base}/console/#/my-reviews`);
    const card = reviewer.getByTestId('review-card').filter({ hasText: project });
    await card
      .getByTestId('review-blocked')
      .getByText('本轮尚未开始评审（当前：申报中），暂不能评分')
      .waitFor();
    expect(await card.getByTestId('score-need').isDisabled()).toBe(true);
    expect(await card.getByTestId('review-submit').isDisabled()).toBe(true);
    await shot(reviewer, 'desk-not-open-zh');
  });

  it('confirms review before the closing date only with a reason, and undoes it', async () => {
    await staff.goto(`${base}/console/#/grants-rounds/${round.documentId}/show`);
    await staff.getByTestId('round-advance').getByText('进入下一阶段：评审中').click();
    const dialog = staff.getByRole('dialog');
    await dialog
      .getByTestId('confirm-consequences')
      .getByText('开始评审：2 份申请进入评审，申报链接不再受理新申请')
      .waitFor();
    await dialog.getByText(/申报截止日期 2099-12-31（今天 \d{4}-\d{2}-\d{2}）/).waitFor();
    await dialog
      .getByTestId('confirm-warning')
      .getByText('申报尚未截止（截止日期 2099-12-31）：现在开始评审将提前停止受理申请')
      .waitFor();
    // The server refuses it without a reason: the dialog waits for one.
    expect(await dialog.getByTestId('round-advance-confirm').isDisabled()).toBe(true);
    await shot(staff, 'advance-dialog-zh');
    await dialog.getByLabel(/原因/).fill('申报单位已全部提交，评审专家档期提前');
    await dialog.getByTestId('round-advance-confirm').click();
    await staff.getByTestId('round-advance').getByText('进入下一阶段：立项中').waitFor();
    expect(await status()).toBe('reviewing');
    const entry = (
      await dbQuery(strapi, 'plugin::cms.audit-entry').findMany({
        where: { contentType: 'plugin::grants.round', recordId: round.documentId },
        orderBy: { id: 'desc' },
        limit: 1,
      })
    )[0];
    expect(entry.after).toMatchObject({
      status: 'reviewing',
      stageReason: '申报单位已全部提交，评审专家档期提前',
    });

    // Moved by mistake: undone the same day, before any review is in.
    await staff.getByTestId('round-undo').click();
    await staff.getByRole('dialog').getByText('本轮将退回到“申报中”').waitFor();
    await staff.getByTestId('round-undo-confirm').click();
    await staff.getByTestId('round-advance').getByText('进入下一阶段：评审中').waitFor();
    expect(await status()).toBe('open');
    await grantsService(strapi, 'rounds').advance(round.documentId, 'reviewing', '再次开始评审');
  });

  it('refuses 12 out of 10 on the score’s field, without asking the server', async () => {
    // The desk reads its assignments again when the window regains focus.
    await reviewer.evaluate("window.dispatchEvent(new Event('focus'))");
    await reviewer.reload();
    const card = reviewer.getByTestId('review-card').filter({ hasText: project });
    await card.getByTestId('score-need').waitFor();
    expect(await card.getByTestId('review-blocked').count()).toBe(0);
    await card.getByTestId('score-need').fill('12');
    await card.getByText('请为“社区需求”打分（0到10的整数）').waitFor();
    await card.getByTestId('review-submit').click();
    await card.getByText('请给出推荐意见：推荐、待定或不推荐').waitFor();
    await shot(reviewer, 'desk-out-of-range-zh');
    expect(await reviewer.getByText('scores.need').count()).toBe(0);
    const review = await dbQuery(strapi, 'plugin::grants.review').findOne({
      where: { application: { projectTitle: project } },
    });
    expect(review.status).toBe('assigned');
  });

  it('warns before awarding with unreviewed applications (in English too)', async () => {
    await staff.reload();
    await staff.getByTestId('round-advance').getByText('进入下一阶段：立项中').click();
    const dialog = staff.getByRole('dialog');
    await dialog.getByTestId('confirm-warning').getByText('2 份申请还没有提交的评审').waitFor();
    await dialog.getByText('进入立项：0 份申请已有评审，2 份尚无评审，0 份等待补充材料').waitFor();
    await dialog.getByRole('button', { name: '取消' }).click();
    await staff.evaluate(`localStorage.setItem('RaStore.locale', '"en"')`);
    await staff.reload();
    await staff.getByTestId('round-advance').getByText('Move on to: awarding').click();
    await staff
      .getByRole('dialog')
      .getByTestId('confirm-warning')
      .getByText('2 applications have no submitted review')
      .waitFor();
    await shot(staff, 'advance-dialog-en');
    await staff.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await staff.evaluate(`localStorage.setItem('RaStore.locale', '"zh-CN"')`);
    await staff.reload();
    expect(await status()).toBe('reviewing');
  });

  it('checks the award plan on its fields in yuan, and states what the award does', async () => {
    await grantsService(strapi, 'rounds').advance(round.documentId, 'awarding', '先行立项');
    const application = await dbQuery(strapi, 'plugin::grants.application').findOne({
      where: { projectTitle: project },
    });
    await staff.goto(`${base}/console/#/grants-applications/${application.documentId}/show`);
    await staff.getByTestId('award').click();
    const dialog = staff.getByRole('dialog');
    await dialog
      .getByText(/立项 ¥12,000\.00：从“确认专项RC-.*”的可用余额转入已立项待拨付/)
      .waitFor();
    await dialog.getByText('申请金额 ¥12,000.00，单项上限 ¥20,000.00').waitFor();
    await dialog.getByTestId('tranche-1-amount').fill('5000');
    await dialog.getByTestId('award-confirm').click();
    await dialog
      .getByTestId('plan-total')
      .getByText('各期合计 ¥12,200.00，与立项金额 ¥12,000.00 不符')
      .waitFor();
    await dialog.getByTestId('award-amount').fill('13000');
    await dialog.getByTestId('award-confirm').click();
    await dialog.getByText('超过申请金额 ¥12,000.00').waitFor();
    await shot(staff, 'award-dialog-zh');
    expect(await dialog.getByText(/amount：|tranches：|\d+ 分/).count()).toBe(0);
    expect(
      await dbQuery(strapi, 'plugin::grants.award').count({
        where: { application: { id: application.id } },
      }),
    ).toBe(0);
    await dialog.getByRole('button', { name: '取消' }).click();

    // Rejecting ends it: the dialog says so and waits for the reason.
    await staff.getByTestId('reject').click();
    await staff
      .getByRole('dialog')
      .getByText(/将不予资助，申请人可以看到理由/)
      .waitFor();
    expect(await staff.getByTestId('reject-confirm').isDisabled()).toBe(true);
    await shot(staff, 'reject-dialog-zh');
    await staff.getByRole('dialog').getByRole('button', { name: '取消' }).click();

    // In English: the same plan check, in yuan, with no key before it.
    await staff.evaluate(`localStorage.setItem('RaStore.locale', '"en"')`);
    await staff.reload();
    await staff.getByTestId('award').click();
    const en = staff.getByRole('dialog');
    await en.getByTestId('tranche-0-amount').fill('1');
    await en.getByTestId('award-confirm').click();
    await en
      .getByTestId('plan-total')
      .getByText('the tranches add up to ¥4,801.00, the award is ¥12,000.00')
      .waitFor();
    await shot(staff, 'award-dialog-en');
    await en.getByRole('button', { name: 'Cancel' }).click();
    await staff.evaluate(`localStorage.setItem('RaStore.locale', '"zh-CN"')`);
  });
});
