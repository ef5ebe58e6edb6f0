// The cases console in Chromium: a community worker registers a case by phone and takes the
// first action the server offers; a stale state is refused with "事项状态已变化，请刷新"; the
// department's staff see their queue and messages but not the designer or the calendar; the
// district's staff open the type designer (checked live) and the working calendar.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Core } from '@strapi/strapi';
import { launchBrowser, listen, signIn } from '../helpers/browser';
import { bootStrapi, http, login, unique } from '../helpers/strapi';
import type {
  CaseDetail,
  CaseSummary,
  CaseTypeSummary,
} from '../../plugins/cases/server/src/shared/contracts/cases';

/** Where screenshots go when CASES_SHOTS names a folder (desktop 1280×900 and phone 390×844). */
const SHOTS = process.env.CASES_SHOTS;
const API = '/api/cases';

describe('the cases console', () => {
  let strapi: Core.Strapi;
  let browser: Browser;
  let base: string;
  let context: BrowserContext | undefined;
  let page: Page;
  const tokens: Record<string, string> = {};
  let community: { documentId: string; name: string };

  const ok = async <T>(method: 'get' | 'post', url: string, token: string, body?: object) => {
    const call = http(strapi)[method](url).set('Authorization', `Bearer ${token}`);
    const res = await (body ? call.send(body) : call);
    if (res.status >= 300)
      throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.data as T;
  };

  beforeAll(async () => {
    strapi = await bootStrapi();
    base = await listen(strapi);
    browser = await launchBrowser();
    for (const role of ['community-worker', 'department', 'foundation-staff'])
      tokens[role] = await login(strapi, role);
    const me = await http(strapi)
      .get('/api/cms/me')
      .set('Authorization', `Bearer ${tokens['community-worker']}`);
    community = me.body.data.scope;
  });
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
    page.setDefaultTimeout(20000);
    await signIn(page, base, username);
  };
  const go = (hash: string) => page.goto(`${base}/console/#/${hash}`);
  const menu = async () =>
    page
      .locator('.RaMenuItemLink-root')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  const shot = async (name: string) => {
    if (!SHOTS) return;
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${SHOTS}/${name}-desktop.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${SHOTS}/${name}-phone.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  };

  it('registers a phone case and takes the first action offered, with the state it shows', async () => {
    const worker = tokens['community-worker'] as string;
    const types = await ok<CaseTypeSummary[]>('get', `${API}/types`, worker);
    const type = types.find((t) => t.active && t.currentVersion > 0);
    expect(type).toBeDefined();

    await signInAs('community-worker');
    expect(await menu()).toEqual(expect.arrayContaining(['#/cases', '#/case-inbox']));
    expect(await menu()).not.toContain('#/case-calendar');
    await go('cases');
    await page.getByTestId('queue-tab-mine').waitFor();
    await shot('cases-queue');

    await page.getByTestId('case-create').click();
    await page.getByRole('combobox', { name: /事项类型/ }).click();
    await page.getByRole('option', { name: type?.name }).click();
    const title = unique('楼道堆放杂物');
    await page.locator('input[name="title"]').fill(title);
    await page.getByRole('combobox', { name: /所属社区/ }).fill(community.name);
    await page.getByRole('option', { name: community.name }).first().click();
    await page.locator('input[name="reporterName"]').fill('李先生');
    await page.locator('input[name="reporterPhone"]').fill('13800000000');
    await shot('cases-create');
    await page.getByRole('button', { name: '登记', exact: true }).click();

    await page.getByTestId('case-show').waitFor();
    await expect(page.getByTestId('case-number').innerText()).resolves.toMatch(
      new RegExp(`^${type?.numberPrefix}`),
    );
    await page.getByTestId('case-timeline').waitFor();
    await shot('cases-show');

    // Someone else moves the case meanwhile: the screen's button still sends the old state.
    const documentId = page.url().split('/cases/')[1] as string;
    const before = await ok<CaseDetail>('get', `${API}/cases/${documentId}`, worker);
    const action = before.actions.find(
      (a) =>
        !a.requires?.attachments &&
        !a.requires?.fields?.length &&
        !['dispatch', 'transfer'].includes(a.effect ?? ''),
    );
    if (!action) return;
    await page.getByTestId(`transition-${action.key}`).click();
    await ok('post', `${API}/cases/${documentId}/transition`, worker, {
      transition: action.key,
      expectedState: before.state,
      note: '电话联系反映人',
    });
    await page.getByTestId('note-input').fill('重复办理');
    await page.getByTestId(`transition-${action.key}-confirm`).click();
    await expect(page.getByTestId('dialog-error').innerText()).resolves.toContain(
      '事项状态已变化，请刷新',
    );
  });

  it("says which deadline has passed: the step's, named, when it comes before the case's", async () => {
    const worker = tokens['community-worker'] as string;
    const types = await ok<CaseTypeSummary[]>('get', `${API}/types`, worker);
    const type = types.find((t) => t.active && t.currentVersion > 0) as CaseTypeSummary;
    const title = unique('井盖松动');
    const created = await ok<CaseDetail>('post', `${API}/cases`, worker, {
      type: type.key,
      title,
      area: community.documentId,
      channel: 'phone',
      reporterName: '王女士',
      reporterPhone: '13900000000',
    });
    // The step's time ran out an hour ago; the whole case has a week left (as the sweep leaves it).
    const stepDue = new Date(Date.now() - 3600_000);
    const caseDue = new Date(Date.now() + 7 * 86400_000);
    await strapi.db
      .connection('cases')
      .where({ document_id: created.documentId })
      .update({ state_due_at: stepDue, due_at: caseDue, sla_status: 'overdue' });
    const china = (d: Date) => d.toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' });

    await signInAs('community-worker');
    await go(`cases/${created.documentId}`);
    await page.getByTestId('case-show').waitFor();
    const due = page.getByTestId('case-show').getByTestId('case-sla-due').first();
    await expect(due.innerText()).resolves.toBe(`${created.stateLabel.zh} ${china(stepDue)} 到期`);
    await expect(
      page.getByTestId('case-show').getByTestId('case-sla').first().innerText(),
    ).resolves.toBe('已超时');
  });

  it('shows a department its queue and messages, not the designer or the calendar', async () => {
    await signInAs('department');
    const entries = await menu();
    expect(entries).toEqual(expect.arrayContaining(['#/cases', '#/case-inbox']));
    for (const href of ['#/case-types', '#/case-calendar', '#/cms-people'])
      expect(entries).not.toContain(href);
    await page.getByTestId('inbox-bell').waitFor();
    await go('cases?view=unit');
    await page.getByTestId('queue-tab-unit').waitFor();
    const rows = await ok<CaseSummary[]>(
      'get',
      `${API}/queue?view=unit`,
      tokens.department as string,
    );
    if (rows.length) await page.getByTestId('case-row').first().waitFor();
    await go('case-inbox');
    await page.getByTestId('inbox-page').waitFor();
  });

  it('opens the type designer with its live check and the working calendar', async () => {
    const staff = tokens['foundation-staff'] as string;
    const types = await ok<CaseTypeSummary[]>('get', `${API}/types`, staff);
    await signInAs('foundation-staff');
    expect(await menu()).toEqual(
      expect.arrayContaining(['#/case-types', '#/case-calendar', '#/case-ratings']),
    );
    await go('case-types');
    await page.getByTestId('type-table').waitFor();
    await go(`case-types/${types[0]?.key}`);
    await page.getByTestId('workflow-diagram').waitFor();
    await page
      .getByTestId('check-panel')
      .locator('[data-testid="check-ok"], [data-testid="check-issues"]')
      .first()
      .waitFor();
    await shot('cases-designer');
    // Pointing a transition at nothing shows an issue; the publish button waits for a clean check.
    await page.getByTestId('state-add').click();
    await page.getByTestId('check-issues').waitFor();
    await go('case-calendar');
    await page.getByTestId('calendar-page').waitFor();
    await page.locator('[data-date]').first().waitFor();
    await shot('cases-calendar');
    await go('case-ratings');
    await page.getByTestId('ratings-table').waitFor();
    await go('case-dashboard');
    await page.getByTestId('cases-dashboard').waitFor();
  });
});
