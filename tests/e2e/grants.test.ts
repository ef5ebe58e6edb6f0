// Money in the console, in headless Chromium: foundation staff record a donation, mark it
// received (a receipt number comes back), and see the fund's available balance grow by it.
import type { Browser, Page } from 'playwright-core';
import type { Core } from '@strapi/strapi';
import { launchBrowser, listen, signIn } from '../helpers/browser';
import { bootStrapi, dbQuery, ledgerService } from '../helpers/strapi';

describe('funds and donations in the console', () => {
  let strapi: Core.Strapi;
  let browser: Browser;
  let base: string;
  let page: Page;

  beforeAll(async () => {
    strapi = await bootStrapi();
    base = await listen(strapi);
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    page = await context.newPage();
    page.setDefaultTimeout(15000);
    await signIn(page, base, 'foundation-staff');
  });
  afterAll(async () => {
    await browser?.close();
    await strapi?.destroy();
  });

  it('records a donation, receives it with a receipt number, and the fund holds it', async () => {
    const fund = await dbQuery(strapi, 'plugin::grants.fund').findOne({
      where: { code: 'GENERAL' },
    });
    const ledger = ledgerService(strapi, 'ledger');
    // A Figure is a number while it is a safe integer, as this fund's balance is.
    const before = (await ledger.balance(fund.availableAccount)).available as number;

    // The dashboard shows the money raised: the seed's published figures (¥1,009,800 from 186
    // donations) plus whatever other console tests in this database received before this one.
    const received: { amount: string | number }[] = await dbQuery(
      strapi,
      'plugin::grants.donation',
    ).findMany({
      where: { status: 'received', fund: { status: 'active' } },
      select: ['id', 'amount'],
    });
    expect(received.length).toBeGreaterThanOrEqual(186);
    const raised = received.reduce((sum, d) => sum + Number(d.amount), 0);
    await page.goto(`${base}/console/`);
    await page.getByTestId('money-raised').getByText(yuanText(raised)).waitFor();
    await page.getByTestId('money-raised').getByText(`共 ${received.length} 笔捐赠`).waitFor();

    await page.goto(`${base}/console/#/grants-donations/create`);
    await page.getByLabel('捐赠人类型 *').click();
    await page.getByRole('option', { name: '匿名' }).click();
    await page.getByLabel('金额（元） *').fill('1,234.50');
    await page.getByLabel('捐赠方式 *').click();
    await page.getByRole('option', { name: '现金' }).click();
    await page.getByLabel('捐赠日期 *').fill('2026-11-21');
    await page.getByLabel('受赠基金 *').fill('一般');
    await page.getByRole('option', { name: '基金会一般基金' }).click();
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('已认捐').first().waitFor();
    await page.getByRole('button', { name: '确认到账' }).click();
    await page.getByTestId('donation-receive-confirm').click();
    await page.getByText('已确认到账，已生成捐赠票据').waitFor();
    await page.getByText(/^\d{4}-\d{6}$/).waitFor();
    await page.getByRole('button', { name: '打印捐赠票据' }).waitFor();

    expect((await ledger.balance(fund.availableAccount)).available).toBe(before + 123450);
    await page.goto(`${base}/console/#/grants-funds/${fund.documentId}/show`);
    await page
      .getByTestId('balance-available')
      .getByText(yuanText(before + 123450))
      .waitFor();
  });
});

/** Fen as the console shows them: ¥1,234.50. */
function yuanText(fen: number): string {
  return `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
}
