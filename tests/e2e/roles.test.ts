// Every demo role's console in Chromium: each signs in, lands where its work is, and opens every
// entry of its menu (and the first record of each list) with no error toast, no GraphQL error,
// no 4xx/5xx from /graphql or /api and no page error; residents and volunteers get their own
// phone page instead of the console, and can sign out there.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Core } from '@strapi/strapi';
import { launchBrowser, listen } from '../helpers/browser';
import { DEMO_PASSWORD, bootStrapi } from '../helpers/strapi';

/** What went wrong on a page, as a person would have seen it or the network carried it. */
class Watch {
  problems: string[] = [];
  private inflight = 0;
  private pending: Promise<void>[] = [];

  constructor(readonly page: Page) {
    page.on('pageerror', (e) => this.problems.push(`page error: ${e.message}`));
    page.on('request', (r) => {
      if (/\/(graphql|api\/)/.test(r.url())) this.inflight++;
    });
    page.on('requestfailed', (r) => {
      if (/\/(graphql|api\/)/.test(r.url())) this.inflight--;
    });
    page.on('response', (response) => {
      const url = response.url();
      if (!/\/(graphql|api\/)/.test(url)) return;
      this.inflight--;
      const where = `${response.request().method()} ${new URL(url).pathname}`;
      if (response.status() >= 400) this.problems.push(`${where} → ${response.status()}`);
      if (url.includes('/graphql')) {
        this.pending.push(
          response
            .json()
            .then((body: { errors?: { message: string; path?: string[] }[] }) => {
              for (const e of body.errors ?? [])
                this.problems.push(`${where} GraphQL error: ${e.message} at ${e.path?.join('.')}`);
            })
            .catch(() => undefined),
        );
      }
    });
  }

  /** Waits until no call is in flight for a moment, then looks for an error toast. */
  async settle(label: string): Promise<void> {
    let quiet = 0;
    for (let i = 0; i < 150 && quiet < 4; i++) {
      await this.page.waitForTimeout(100);
      const loading = await this.page.locator('.MuiLinearProgress-root').count();
      quiet = this.inflight <= 0 && loading === 0 ? quiet + 1 : 0;
    }
    await Promise.all(this.pending);
    for (const toast of await this.page.locator('.RaNotification-error').allInnerTexts())
      this.problems.push(`${label}: error toast "${toast}"`);
    const text = await this.page.locator('body').innerText();
    // No GraphQL type names, no humanised relation ids, no US dates where a person reads.
    const leaks = text.match(
      /\b(Cms|Grants|Forms)[A-Z][A-Za-z]+\b|\b[A-Z][a-z]+ document\b|\b\d{1,2}\/\d{1,2}\/\d{4}\b|Forbidden/g,
    );
    if (leaks) this.problems.push(`${label}: shows ${[...new Set(leaks)].join(', ')}`);
  }
}

describe('each role’s console', () => {
  let strapi: Core.Strapi;
  let browser: Browser;
  let base: string;
  let context: BrowserContext;

  beforeAll(async () => {
    strapi = await bootStrapi();
    base = await listen(strapi);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await strapi?.destroy();
  });
  afterEach(async () => {
    await context?.close();
  });

  const open = async (viewport = { width: 1280, height: 900 }) => {
    context = await browser.newContext({ viewport });
    const page = await context.newPage();
    page.setDefaultTimeout(20000);
    return { page, watch: new Watch(page) };
  };

  const signIn = async (page: Page, username: string) => {
    await page.goto(`${base}/console/`);
    await page.fill('input[name="username"]', username);
    await page.fill('input[name="password"]', DEMO_PASSWORD);
    await page.click('button[type="submit"]');
  };

  /** The sidebar's entries, by address, in the order shown. */
  const menu = async (page: Page): Promise<string[]> =>
    Promise.all(
      (await page.locator('.RaMenuItemLink-root').all()).map(
        async (a) => (await a.getAttribute('href')) ?? '',
      ),
    );

  /** Opens each menu entry and, on a list, its first record; fails on any problem seen. */
  const walk = async (page: Page, watch: Watch, entries: string[]) => {
    for (const href of entries) {
      await page.locator(`.RaMenuItemLink-root[href="${href}"]`).click();
      await watch.settle(href);
      const row = page.locator('.RaDataTable-tbody tr, .RaDatagrid-tbody tr').first();
      if (!href.match(/^#\/(cms|grants|forms)-/) || (await row.count()) === 0) continue;
      const listUrl = page.url();
      // A plain cell: others hold links of their own (its area, its fund) or the row's checkbox.
      await row
        .locator('td')
        .filter({ hasNot: page.locator('a, input') })
        .first()
        .click();
      // A list whose rows open nothing stays where it is.
      const opened = await page
        .waitForURL((url) => url.toString() !== listUrl, { timeout: 3000 })
        .then(() => true)
        .catch(() => false);
      if (!opened) continue;
      await watch.settle(`${href} first record`);
    }
  };

  const GROUPS_ZH = [
    '基层治理',
    '事项办理',
    '协商议事',
    '社会组织',
    '基金会',
    '时间银行',
    '表单',
    '系统',
  ];

  it.each([
    [
      'foundation-staff',
      '/',
      [
        '#/cms-areas',
        '#/cms-people',
        '#/cms-organisations',
        '#/incubation-board',
        '#/my-reviews',
        '#/grants-donations',
        '#/grants-applications',
        '#/forms-forms',
        '#/cms-audit-entries',
        '#/time-bank-members',
        '#/time-bank-services',
        '#/time-bank-categories',
        '#/time-bank-policy',
      ],
      [],
    ],
    [
      'incubator',
      '/',
      [
        '#/cms-organisations',
        '#/cms-incubations',
        '#/incubation-board',
        '#/grants-funds',
        '#/grants-awards',
        '#/forms-forms',
      ],
      ['#/grants-donations', '#/grants-applications', '#/my-reviews', '#/time-bank-categories'],
    ],
    [
      'community-worker',
      '/',
      [
        '#/cms-people',
        '#/cms-compounds',
        '#/cms-grids',
        '#/cms-organisations',
        '#/forms-submissions',
        '#/time-bank-members',
        '#/time-bank-requests',
        '#/time-bank-activities',
      ],
      [
        '#/grants-funds',
        '#/grants-rounds',
        '#/my-reviews',
        '#/grants-donations',
        '#/time-bank-policy',
      ],
    ],
    [
      'reviewer',
      '/my-reviews',
      [
        '#/my-reviews',
        '#/cms-organisations',
        '#/cms-incubations',
        '#/incubation-board',
        '#/grants-rounds',
      ],
      [
        '#/cms-people',
        '#/grants-funds',
        '#/grants-applications',
        '#/forms-submissions',
        '#/cms-audit-entries',
      ],
    ],
  ])(
    '%s lands on %s and opens every menu entry without an error',
    async (username, landing, offered, withheld) => {
      const { page, watch } = await open();
      await signIn(page, username);
      await page.waitForURL(new RegExp(`/console/#${landing === '/' ? '/$' : landing}`));
      await page.locator('.RaMenuItemLink-root').first().waitFor();
      await watch.settle('landing');
      const entries = await menu(page);
      expect(entries).toEqual(expect.arrayContaining(offered));
      for (const href of withheld) expect(entries).not.toContain(href);
      // Grouped, and only groups with something in them.
      const groups = await page.locator('[data-menu-group]').allInnerTexts();
      expect(groups.length).toBeGreaterThan(0);
      for (const g of groups) expect(GROUPS_ZH).toContain(g);
      await walk(page, watch, entries);
      expect(watch.problems).toEqual([]);
    },
  );

  it('works in English as well: groups, labels and the reviewer’s lists', async () => {
    const { page, watch } = await open();
    await page.addInitScript(`localStorage.setItem('RaStore.locale', '"en"')`);
    await signIn(page, 'reviewer');
    await page.getByTestId('my-reviews').waitFor();
    const groups = await page.locator('[data-menu-group]').allInnerTexts();
    expect(groups).toEqual([
      'Grassroots governance',
      'Social organisations',
      'Foundation',
      'Forms',
    ]);
    await walk(page, watch, await menu(page));
    expect(watch.problems).toEqual([]);
  });

  it('narrows a list to an area’s subtree with the shared filter', async () => {
    const { page, watch } = await open();
    await signIn(page, 'foundation-staff');
    await page.locator('.RaMenuItemLink-root').first().waitFor();
    const total = async () =>
      Number(
        /共 (\d+) 条/.exec(
          await page.locator('.MuiTablePagination-displayedRows').innerText(),
        )?.[1],
      );
    await page.goto(`${base}/console/#/cms-people`);
    await page.locator('.MuiTablePagination-displayedRows').waitFor();
    await watch.settle('people');
    const all = await total();
    await page.getByRole('button', { name: /添加筛选|Add filter/ }).click();
    await page.locator('.MuiMenu-paper').getByText('所属区域（含下级）').click();
    const input = page.getByRole('combobox', { name: '所属区域（含下级）' });
    await input.click();
    // A click may or may not open the choices; the arrow key does.
    if ((await input.getAttribute('aria-expanded')) !== 'true') await input.press('ArrowDown');
    // The district comes first (its subtree is everything); the next is a subdistrict.
    await page.getByRole('option').nth(1).click();
    await page
      .locator('.MuiTablePagination-displayedRows')
      .filter({ hasNotText: `共 ${all} 条` })
      .waitFor();
    await watch.settle('people under an area');
    const under = await total();
    expect(under).toBeGreaterThan(0);
    expect(under).toBeLessThan(all);
    expect(watch.problems).toEqual([]);
  });

  it.each(['resident', 'volunteer'])(
    '%s is sent to their own phone page, not the console, and can sign out there',
    async (username) => {
      const { page, watch } = await open({ width: 390, height: 844 });
      await signIn(page, username);
      await page.waitForURL(`${base}/f/me`);
      await page.getByTestId('who').getByText(username).waitFor();
      await page.getByTestId('forms').waitFor();
      await page.getByTestId('submissions').waitFor();
      expect(await page.locator('.RaMenuItemLink-root').count()).toBe(0);
      expect(await page.getByTestId('forms').locator('a').count()).toBeGreaterThan(0);
      // Back to the console's address: sent away again.
      await page.goto(`${base}/console/#/cms-organisations`);
      await page.waitForURL(`${base}/f/me`);
      await page.getByTestId('sign-out').click();
      await page.waitForURL(/\/console\/#\/login/);
      await page.locator('input[name="username"]').waitFor();
      expect(await page.evaluate("localStorage.getItem('linli.jwt')")).toBeNull();
      await watch.settle('own page');
      expect(watch.problems).toEqual([]);
    },
  );
});
