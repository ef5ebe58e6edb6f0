// The consultation index in Chromium: district staff see the ranking of communities and open
// one to its indicators; an entry without evidence is refused under the evidence field; the
// indicators page and the results report (an ECharts chart and a table) show.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Core } from '@strapi/strapi';
import { launchBrowser, listen, signIn } from '../helpers/browser';
import { bootStrapi } from '../helpers/strapi';

describe('the consultation index console', () => {
  let strapi: Core.Strapi;
  let browser: Browser;
  let base: string;
  let context: BrowserContext | undefined;
  let page: Page;

  beforeAll(async () => {
    strapi = await bootStrapi();
    base = await listen(strapi);
    browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await strapi?.destroy();
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  const signInAs = async (username: string) => {
    context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      timezoneId: 'Asia/Shanghai',
    });
    page = await context.newPage();
    page.setDefaultTimeout(30000);
    await signIn(page, base, username);
  };
  const go = (hash: string) => page.goto(`${base}/console/#/${hash}`);

  it('ranks the communities, opens one, and refuses an entry without evidence', async () => {
    await signInAs('foundation-staff');
    await go('consultation-index');
    await page.getByTestId('index-ranking-row').first().waitFor();
    expect(await page.getByTestId('index-ranking-row').count()).toBeGreaterThan(1);
    await page.getByTestId('index-ranking-row').first().getByRole('button').click();
    await page.getByTestId('index-community').waitFor();
    await page.getByTestId('index-indicator-row').first().waitFor();
    expect(await page.getByTestId('index-indicator-row').count()).toBeGreaterThanOrEqual(22);
    await page.getByTestId('index-enter').first().click();
    await page.getByTestId('index-entry-value').fill('2');
    await page.getByRole('button', { name: '保存' }).click();
    // the server's refusal, which arrives after the form's own hint: waited for, not read once
    await page
      .getByTestId('index-entry')
      .getByText(/说明或文件/)
      .waitFor();
  });

  it('shows the indicators and the results report with its chart', async () => {
    await signInAs('foundation-staff');
    await go('consultation-index/indicators');
    await page.getByTestId('index-indicator-config').first().waitFor();
    expect(await page.getByTestId('index-indicator-config').count()).toBeGreaterThanOrEqual(22);
    await go('consultation-results');
    await page.getByTestId('solved-total').waitFor();
    await page.getByTestId('solved-chart').waitFor();
    await page.getByTestId('solved-table').waitFor();
  });
});
