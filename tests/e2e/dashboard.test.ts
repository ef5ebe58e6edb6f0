// The dashboard in Chromium: staff see what waits for them, each count a link to the list filtered
// to exactly that work, and the trend charts drawn; every demo role's dashboard opens with no
// error toast, no refused request and no GraphQL error, in Chinese and in English.
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import type { Core } from '@strapi/strapi';
import { launchBrowser, listen, signIn } from '../helpers/browser';
import { bootStrapi } from '../helpers/strapi';

const SHOTS = process.env.DASHBOARD_SHOTS;

describe('the dashboard', () => {
  let strapi: Core.Strapi;
  let browser: Browser;
  let base: string;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  let pending: Promise<void>[];

  beforeAll(async () => {
    strapi = await bootStrapi();
    base = await listen(strapi);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await strapi?.destroy();
  });

  // Each account signs in through the login page once; later tests reuse its session, as a
  // person's browser would (users-permissions rate-limits sign-ins).
  const sessions = new Map<string, Awaited<ReturnType<BrowserContext['storageState']>>>();

  /** A browser signed in as `username`, noting every refused request and GraphQL error. */
  const open = async (username: string, locale: 'zh-CN' | 'en' = 'zh-CN') => {
    const saved = sessions.get(username);
    context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      ...(saved ? { storageState: saved } : {}),
    });
    // The language react-admin remembers, set before the console's scripts run.
    await context.addInitScript({
      content: `localStorage.setItem('RaStore.locale', ${JSON.stringify(JSON.stringify(locale))})`,
    });
    page = await context.newPage();
    page.setDefaultTimeout(20000);
    problems = [];
    pending = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    page.on('response', (res: Response) => {
      const url = res.url();
      if (!url.includes('/api/') && !url.includes('/graphql')) return;
      if (res.status() >= 400) problems.push(`${res.status()} ${url}`);
      if (url.includes('/graphql'))
        pending.push(
          res
            .json()
            .then((body: { errors?: { message: string }[] }) => {
              for (const e of body.errors ?? []) problems.push(`GraphQL: ${e.message}`);
            })
            .catch(() => undefined),
        );
    });
    if (saved) {
      await page.goto(`${base}/console/`);
      await page.getByTestId('identity').waitFor();
    } else {
      await signIn(page, base, username);
      sessions.set(username, await context.storageState());
    }
  };
  afterEach(async () => {
    await context?.close();
  });

  /** Waits until the dashboard has asked for everything, then fails on any problem noted. */
  const settled = async () => {
    await page.waitForLoadState('networkidle');
    await Promise.all(pending);
    expect(problems).toEqual([]);
    expect(await page.locator('.MuiSnackbar-root').count()).toBe(0);
  };

  it('shows foundation staff what waits, each count opening its list filtered to that work', async () => {
    await open('foundation-staff');
    const queue = page.getByTestId('work-queue');
    await queue.getByText('待办事项').waitFor();
    for (const key of ['pledges', 'applicationsToAssign', 'tranchesToApprove', 'reportsToAccept'])
      await page.getByTestId(`queue-${key}`).waitFor();
    await settled();
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/dashboard-staff-zh.png`, fullPage: true });

    // The first line with work waiting: its count is what the list it opens says.
    const counts = await page.locator('[data-testid$="-count"]').all();
    let opened = false;
    for (const link of counts) {
      const count = Number((await link.innerText()).replace(/,/g, ''));
      if (!count) continue;
      const href = (await link.getAttribute('href')) as string;
      await link.click();
      await page.waitForURL((url) => url.hash.startsWith(href.split('?')[0]));
      expect(decodeURIComponent(page.url())).toContain(
        decodeURIComponent(href.split('filter=')[1]),
      );
      await page
        .getByText(new RegExp(`共 ${count} 条`))
        .first()
        .waitFor();
      opened = true;
      break;
    }
    expect(opened).toBe(true);
  });

  it('draws the trend charts on canvases of real size, in Chinese and English', async () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      await open('foundation-staff', locale);
      for (const chart of ['chart-money', 'chart-applications', 'chart-hatched']) {
        const canvas = page.getByTestId(chart).locator('canvas');
        await canvas.waitFor();
        const box = await canvas.boundingBox();
        expect(box?.width).toBeGreaterThan(100);
        expect(box?.height).toBeGreaterThan(100);
      }
      await page
        .getByText(locale === 'en' ? 'Money in and out, last 12 months' : '近 12 个月善款收支')
        .waitFor();
      await page.getByText(locale === 'en' ? 'Waiting for you' : '待办事项').waitFor();
      await settled();
      if (SHOTS)
        await page.screenshot({ path: `${SHOTS}/dashboard-staff-${locale}.png`, fullPage: true });
      await context.close();
    }
  });

  it.each([
    ['incubator', ['queue-incubationsApplied', 'queue-submissionsReceived', 'chart-hatched']],
    ['community-worker', ['queue-submissionsReceived', 'chart-hatched']],
    ['reviewer', ['queue-reviewsToScore']],
    // Residents and volunteers have no console (tests/e2e/roles.test.ts: their own page).
  ])('opens %s’s dashboard with what it may read, and no error', async (username, parts) => {
    await open(username);
    // A reviewer lands on the desk; the dashboard is one menu entry away.
    if (username === 'reviewer') await page.goto(`${base}/console/#/`);
    for (const part of parts) await page.getByTestId(part).first().waitFor();
    await settled();
    if (SHOTS)
      await page.screenshot({ path: `${SHOTS}/dashboard-${username}.png`, fullPage: true });
    if (username === 'reviewer')
      expect(
        await page
          .getByTestId('queue-reviewsToScore')
          .getByRole('link')
          .first()
          .getAttribute('href'),
      ).toBe('#/my-reviews');
  });
});
