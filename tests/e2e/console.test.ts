// The console in headless Chromium against a booted server: each role's dashboard, an
// organisation created wrong then right, the incubation board, scoping, and both languages.
import zlib from 'zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Core } from '@strapi/strapi';
import { launchBrowser, listen, signIn } from '../helpers/browser';
import {
  DEMO_PASSWORD,
  bootStrapi,
  dbQuery,
  documents,
  twoCommunities,
  unique,
} from '../helpers/strapi';

describe('the console', () => {
  let strapi: Core.Strapi;
  let browser: Browser;
  let base: string;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    strapi = await bootStrapi();
    base = await listen(strapi);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await strapi?.destroy();
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(15000);
  });
  afterEach(async () => {
    await context.close();
  });

  // Each account signs in through the login page once; later tests reuse its session, as a
  // person's browser would (and as users-permissions' rate limit on sign-ins expects).
  const sessions = new Map<string, Awaited<ReturnType<BrowserContext['storageState']>>>();
  const signInAs = async (username: string) => {
    const saved = sessions.get(username);
    if (!saved) {
      await signIn(page, base, username);
      sessions.set(username, await context.storageState());
      return;
    }
    await context.close();
    context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      storageState: saved,
    });
    page = await context.newPage();
    page.setDefaultTimeout(15000);
    await page.goto(`${base}/console/`);
    await page.getByTestId('identity').waitFor();
  };

  it.each([
    ['foundation-staff', '基金会工作人员', '新都区'],
    ['incubator', '孵化平台', '新都区'],
    ['community-worker', '社区工作者', '社区'],
    ['reviewer', '评审专家', '新都区'],
    // Residents and volunteers have no console (their own page: tests/e2e/roles.test.ts).
  ])('signs in %s and shows the dashboard with role and scope', async (username, role, scope) => {
    await signInAs(username);
    // A reviewer lands on their desk; the dashboard is one menu entry away.
    await page.goto(`${base}/console/#/`);
    await page.getByTestId('identity').waitFor();
    const identity = await page.getByTestId('identity').innerText();
    expect(identity).toContain(role);
    expect(identity).toContain(scope);
  });

  it('shows the district’s figures to district staff, each linked to its list', async () => {
    await signInAs('foundation-staff');
    await page.getByTestId('figure-micro').getByText('10,161').waitFor();
    await page.getByTestId('figure-village').getByText('79').waitFor();
    await page.getByTestId('figure-org_partner_unit').getByText('633').waitFor();
    await page.getByTestId('figure-category_elder_care').getByRole('link').waitFor();
    await page.getByTestId('figure-micro').getByRole('link').click();
    await page
      .getByText('第 1-25 条，共 10161 条')
      .or(page.getByText('共 10161 条'))
      .first()
      .waitFor();
  });

  it('shows the long lists as cards on a phone, none wider than the screen, a tap opening the record', async () => {
    await signInAs('foundation-staff');
    await page.setViewportSize({ width: 390, height: 844 });
    for (const [resource, opens] of [
      ['cms-people', /#\/cms-people\/[^/]+\/show$/],
      ['cms-organisations', /#\/cms-organisations\/[^/]+\/show$/],
      ['grants-funds', /#\/grants-funds\/[^/]+\/show$/],
      ['grants-donations', /#\/grants-donations\/[^/]+\/show$/],
      ['cms-compounds', /#\/cms-compounds\/[^/]+\/show$/],
      ['cms-incubations', /#\/cms-incubations\/[^/]+\/show$/],
    ] as const) {
      await page.goto(`${base}/console/#/${resource}`);
      const cards = page.locator('.phone-list a');
      await cards.first().waitFor();
      expect(await page.locator('table').count()).toBe(0);
      // Each card says something beyond its title (a community, a fund, a balance).
      const first = await cards.first().innerText();
      expect(first.split('\n').filter((line) => line.trim()).length).toBeGreaterThan(1);
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      await cards.first().click();
      await page.waitForURL(opens);
    }
  });

  it('refuses a wrong credit code in Chinese, then creates the corrected organisation', async () => {
    await signInAs('incubator');
    await page.goto(`${base}/console/#/cms-organisations/create`);
    const name = unique('e2e互助会');
    await page.getByLabel('名称').fill(name);
    await page.getByLabel('统一社会信用代码').fill('91350100M000100Y44');
    await page.getByLabel('组织类别').click();
    await page.getByRole('option', { name: '社会组织', exact: true }).click();
    await page.getByLabel('所属区域').fill('新都');
    await page.getByRole('option', { name: '新都区' }).click();
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('统一社会信用代码校验码不正确').first().waitFor();
    expect(await dbQuery(strapi, 'plugin::cms.organisation').count({ where: { name } })).toBe(0);

    await page.getByLabel('统一社会信用代码').fill('91350100M000100Y43');
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/#\/cms-organisations\/[a-z0-9]{24}\/show/);
    await page.goto(`${base}/console/#/cms-organisations`);
    await page.getByPlaceholder('搜索').fill(name);
    await page.getByRole('cell', { name }).waitFor();
  });

  it('shows the server’s refusal in Chinese (a credit code already used)', async () => {
    await signInAs('incubator');
    const taken = await dbQuery(strapi, 'plugin::cms.organisation').findOne({
      where: { creditCode: { $notNull: true } },
    });
    await page.goto(`${base}/console/#/cms-organisations/create`);
    await page.getByLabel('名称').fill(unique('重复代码'));
    await page.getByLabel('统一社会信用代码').fill(taken.creditCode);
    await page.getByLabel('组织类别').click();
    await page.getByRole('option', { name: '枢纽型社会组织' }).click();
    await page.getByLabel('所属区域').fill('新都');
    await page.getByRole('option', { name: '新都区' }).click();
    await page.getByRole('button', { name: '保存' }).click();
    await page
      .getByText(/该值已被使用/)
      .first()
      .waitFor();
  });

  it('moves an incubation to its next stage on the board, offering only legal stages', async () => {
    await signInAs('incubator');
    await page.goto(`${base}/console/#/incubation-board`);
    const applied = page.getByTestId('board-applied');
    const card = applied.getByTestId('incubation-card').first();
    await card.waitFor();
    const organisation = await card.locator('p').first().innerText();
    const offered = await card.getByRole('button').allInnerTexts();
    expect(offered.sort()).toEqual(['已退出', '未通过', '评估中'].sort());
    await card.getByRole('button', { name: '评估中' }).click();
    // Every stage move confirms (it cannot be taken back).
    await page.getByTestId('move-assessing-confirm').click();
    await page.getByTestId('board-assessing').getByText(organisation).first().waitFor();
    const row = await dbQuery(strapi, 'plugin::cms.organisation').findOne({
      where: { name: organisation },
    });
    const incubations = await dbQuery(strapi, 'plugin::cms.incubation').findMany({
      where: { organisation: { id: row.id } },
    });
    expect(incubations.map((i: { stage: string }) => i.stage)).toContain('assessing');
  });

  it('keeps a community worker to their own community', async () => {
    const [, other] = await twoCommunities(strapi);
    const foreign = await dbQuery(strapi, 'plugin::cms.person').findOne({
      where: { areaPath: other.path },
    });
    await signInAs('community-worker');
    await page.goto(`${base}/console/#/cms-people/${foreign.documentId}/show`);
    await page
      .getByText(/记录不存在|不在您的管辖范围|Not Found|未找到/)
      .first()
      .waitFor();
    await page.goto(`${base}/console/#/cms-people`);
    await page.getByRole('cell').first().waitFor();
    expect(await page.getByText(foreign.name, { exact: true }).count()).toBe(0);
    // The list sorts by the name (it has an index), not by the phone or a tag (a city's scale).
    const sortable = (label: string) =>
      page.getByRole('columnheader', { name: label }).locator('.MuiTableSortLabel-root').count();
    expect(await sortable('姓名')).toBe(1);
    expect(await sortable('手机号')).toBe(0);
    // No create button for organisations: a community worker may only read them.
    await page.goto(`${base}/console/#/cms-organisations`);
    await page.getByRole('cell').first().waitFor();
    expect(await page.getByRole('link', { name: '新建' }).count()).toBe(0);
  });

  it('shows a community worker the audit log of their community, read-only', async () => {
    const worker = await dbQuery(strapi, 'plugin::users-permissions.user').findOne({
      where: { username: 'community-worker' },
      populate: { scope: true },
    });
    const person = await documents(strapi, 'plugin::cms.person').create({
      data: { name: unique('审计居民'), community: worker.scope.documentId },
    });
    await signInAs('community-worker');
    await page.goto(`${base}/console/#/cms-audit-entries`);
    // The log names the record as people know it (its name, kept at write time), not its id.
    const entry = page.getByRole('cell', { name: person.name, exact: true }).first();
    await entry.waitFor();
    await entry.click();
    await page.getByText('修改后').waitFor();
    expect(await page.getByRole('button', { name: '删除' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: '编辑' }).count()).toBe(0);
  });

  it('browses the hierarchy: a subdistrict’s communities, breadcrumbs up', async () => {
    const subdistrict = await dbQuery(strapi, 'plugin::cms.area').findOne({
      where: { code: '510114001' },
    });
    await signInAs('foundation-staff');
    await page.goto(`${base}/console/#/cms-areas/${subdistrict.documentId}/show`);
    const child = page.getByRole('cell').filter({ hasText: '社区' }).first();
    await child.waitFor();
    const childName = await child.innerText();
    await child.click();
    const crumbs = page.getByRole('navigation', { name: '区域层级' });
    await crumbs.getByRole('link', { name: '新都区' }).waitFor();
    await crumbs.getByRole('link', { name: subdistrict.name }).waitFor();
    await crumbs.getByText(childName).waitFor();
  });

  it('exports a list to CSV whole, past the server’s page of 100', async () => {
    await signInAs('incubator');
    await page.goto(
      `${base}/console/#/cms-organisations?filter=${encodeURIComponent('{"kind":"partner_unit"}')}`,
    );
    await page.getByRole('cell').first().waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出' }).click(),
    ]);
    const csv = await (await download.createReadStream()).toArray();
    const lines = Buffer.concat(csv).toString('utf8').trim().split('\n');
    expect(lines).toHaveLength(1 + 633);
    // Headed in the console's language, the columns the list shows; no internal key.
    const header = (lines[0] as string).replace(/^\uFEFF/, '');
    expect(header).toMatch(/^名称,统一社会信用代码,组织类别,/);
    expect(header).not.toMatch(/documentId|areaPath|name,/);
  });

  it('loads React and the sign-in form alone at the login page, says a wrong password in the page’s language, and keeps the language and a deep link through the sign-in', async () => {
    const scripts = new Map<string, number>();
    page.on('response', (response) => {
      if (!response.url().endsWith('.js')) return;
      void response
        .body()
        .then((body) => scripts.set(response.url(), zlib.gzipSync(body).length))
        .catch(() => undefined);
    });
    await page.goto(`${base}/console/#/cms-organisations`);
    await page.locator('input[name="password"]').waitFor();
    await page.waitForLoadState('networkidle');
    // Neither react-admin nor MUI (the vendor chunk) before the person presses 登录.
    const loaded = [...scripts.keys()].map((url) => url.replace(/^.*\/assets\//, ''));
    expect(loaded.filter((file) => /^(vendor|App|echarts|Dashboard)-/.test(file))).toEqual([]);
    const kilobytes = [...scripts.values()].reduce((sum, n) => sum + n, 0) / 1024;
    expect(kilobytes).toBeGreaterThan(10);
    expect(kilobytes).toBeLessThanOrEqual(150);

    await page.fill('input[name="username"]', 'incubator');
    await page.fill('input[name="password"]', 'not-the-password');
    await page.click('button[type="submit"]');
    expect(await page.getByTestId('login-error').innerText()).toBe('用户名或密码不正确');
    // The language switch re-says the refusal, and the console opens in the language chosen.
    await page.getByRole('button', { name: 'English' }).click();
    expect(await page.getByTestId('login-error').innerText()).toBe('Wrong username or password');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.fill('input[name="password"]', DEMO_PASSWORD);
    await page.click('button[type="submit"]');
    await page.getByRole('menuitem', { name: 'Organisations' }).waitFor();
    // The deep link asked for before signing in is where the person lands.
    expect(page.url()).toMatch(/#\/cms-organisations$/);
    await page.locator('.RaDatagrid-table, .RaList-main').first().waitFor();
  });

  it('keeps a deep link across a reload, and sends an expired session back to the login page', async () => {
    const org = await dbQuery(strapi, 'plugin::cms.organisation').findOne({
      where: { kind: 'foundation' },
    });
    await signInAs('incubator');
    await page.goto(`${base}/console/#/cms-organisations/${org.documentId}/show`);
    await page.getByText(org.name).first().waitFor();
    await page.reload();
    await page.getByText(org.name).first().waitFor();
    // A token the server no longer accepts (expired, or signed with another secret).
    await page.evaluate("localStorage.setItem('linli.jwt', 'expired.token.value')");
    await page.reload();
    await page.locator('input[name="password"]').waitFor();
  });

  it('switches to English, remembers it across a reload, and back to Chinese', async () => {
    await signInAs('incubator');
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByRole('menuitem', { name: 'Organisations' }).waitFor();
    await page.reload();
    await page.getByRole('menuitem', { name: 'Organisations' }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('menuitem', { name: '中文' }).click();
    await page.getByRole('menuitem', { name: '组织' }).waitFor();
  });
});
