// The incubation board in Chromium: columns page ("load more"), search and filter by hub; ending an
// incubation asks for a reason; hatching without a passed assessment is refused in the dialog;
// an assessment is recorded on the incubation's page; hubs outside a worker's area are named; the
// dashboard's overdue milestones open the board filtered to them.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Core } from '@strapi/strapi';
import { launchBrowser, listen, signIn } from '../helpers/browser';
import { bootStrapi, dbQuery } from '../helpers/strapi';
import { addDays, todayInChina } from '../../cms/server/src/domain/china-time';

/** Where screenshots go when BOARD_SHOTS names a folder (for looking at the screens). */
const SHOTS = process.env.BOARD_SHOTS;

describe('the incubation board', () => {
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
    context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    page = await context.newPage();
    page.setDefaultTimeout(20000);
  });
  afterEach(async () => {
    await context.close();
  });

  const shot = async (name: string) => {
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: false });
  };
  // Each account signs in once; later tests reuse its session (users-permissions limits how
  // often one account may sign in).
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
      viewport: { width: 1400, height: 1000 },
      storageState: saved,
    });
    page = await context.newPage();
    page.setDefaultTimeout(20000);
    await page.goto(`${base}/console/`);
    await page.getByTestId('identity').waitFor();
  };
  const openBoard = async (username: string) => {
    await signInAs(username);
    await page.goto(`${base}/console/#/incubation-board`);
    await page.getByTestId('board-hatched').getByTestId('incubation-card').first().waitFor();
  };
  const cards = (stage: string) =>
    page.getByTestId(`board-${stage}`).getByTestId('incubation-card');
  const totalOf = async (stage: string) =>
    Number(
      (await page.getByTestId(`board-${stage}`).getByTestId('column-total').innerText()).replace(
        /\D/g,
        '',
      ),
    );

  it('shows each column’s total and loads more cards on demand', async () => {
    await openBoard('incubator');
    const hatched = await dbQuery(strapi, 'plugin::cms.incubation').count({
      where: { stage: 'hatched' },
    });
    await page
      .getByTestId('board-hatched')
      .getByTestId('column-total')
      .getByText(`(${hatched})`)
      .waitFor();
    expect(await cards('hatched').count()).toBe(20);
    await shot('board-zh');
    await page.getByTestId('board-hatched').getByTestId('load-more').click();
    await cards('hatched').nth(39).waitFor();
    expect(await cards('hatched').count()).toBe(40);
    await page.getByTestId('board-hatched').getByText(`已显示 40 / ${hatched}`).waitFor();
    // At a laptop's 1280 px the columns scroll inside the board; the page does not scroll sideways.
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(1280);
    await page.setViewportSize({ width: 1400, height: 1000 });
  });

  it('searches by organisation name and filters by hub', async () => {
    await openBoard('incubator');
    const first = await cards('hatched').first().locator('p').first().innerText();
    const word = first.slice(-4);
    await page.getByTestId('board-search').fill(word);
    const names = () => cards('hatched').locator('p').allInnerTexts();
    // The column reloads once typing pauses: wait until every card shown matches.
    for (let i = 0; i < 100 && !(await names()).every((n) => n.includes(word)); i += 1)
      await page.waitForTimeout(200);
    expect((await names()).every((n) => n.includes(word))).toBe(true);
    expect(await totalOf('hatched')).toBeLessThan(80);
    expect(await cards('hatched').first().locator('p').first().innerText()).toContain(word);
    await page.getByTestId('board-search').fill('');

    const hub = await dbQuery(strapi, 'plugin::cms.organisation').findOne({
      where: { kind: 'hub' },
      orderBy: { id: 'asc' },
    });
    await page.getByTestId('board-hub').fill(hub.name.slice(0, 4));
    await page.getByRole('option', { name: hub.name }).click();
    const expected = await dbQuery(strapi, 'plugin::cms.incubation').count({
      where: { stage: 'hatched', hub: { id: hub.id } },
    });
    await page
      .getByTestId('board-hatched')
      .getByTestId('column-total')
      .getByText(`(${expected})`)
      .waitFor();
    const hubs = await cards('hatched').locator('.MuiTypography-caption').first().allInnerTexts();
    for (const text of await cards('hatched').evaluateAll((els) =>
      els.map((e) => e.querySelector('div.MuiTypography-caption')?.textContent ?? ''),
    ))
      expect(text).toBe(hub.name);
    expect(hubs.length).toBeGreaterThan(0);
    await shot('board-filtered-zh');
  });

  it('opens the incubations with a milestone overdue from the dashboard, and marks them', async () => {
    await openBoard('incubator');
    const name = await cards('incubating').first().locator('p').first().innerText();
    const org = await dbQuery(strapi, 'plugin::cms.organisation').findOne({ where: { name } });
    const incubation = await dbQuery(strapi, 'plugin::cms.incubation').findOne({
      where: { organisation: { id: org.id }, stage: 'incubating' },
    });
    const today = todayInChina();
    await dbQuery(strapi, 'plugin::cms.incubation').update({
      where: { id: incubation.id },
      data: {
        milestones: [
          { title: '完成章程制定', date: addDays(today, -3), status: 'planned' },
          { title: '首次开展服务', date: addDays(today, 30), status: 'planned' },
        ],
      },
    });
    await page.goto(`${base}/console/#/`);
    const count = page.getByTestId('queue-milestonesOverdue-count');
    await count.waitFor();
    const overdue = Number((await count.innerText()).replace(/\D/g, ''));
    expect(overdue).toBeGreaterThan(0);
    await count.click();
    // The board, filtered to them: only the incubating column, as many as the dashboard said.
    await page
      .getByTestId('board-incubating')
      .getByTestId('column-total')
      .getByText(`(${overdue})`)
      .waitFor();
    expect(page.url()).toContain('overdue=true');
    expect(await page.getByTestId('board-overdue').isChecked()).toBe(true);
    expect(await page.getByTestId('board-applied').count()).toBe(0);
    expect(await cards('incubating').count()).toBe(Math.min(overdue, 20));
    expect(await cards('incubating').getByTestId('overdue-chip').count()).toBe(
      await cards('incubating').count(),
    );
    await page.getByTestId('board-search').fill(name);
    await cards('incubating').getByText(name, { exact: true }).waitFor();
    await shot('board-overdue-zh');
    // The switch and the address agree: off, every column again, and a reload keeps it off.
    await page.getByTestId('board-overdue').click();
    await page.getByTestId('board-applied').waitFor();
    expect(page.url()).not.toContain('overdue=true');
    await page.reload();
    await page.getByTestId('board-applied').waitFor();
    expect(await page.getByTestId('board-overdue').isChecked()).toBe(false);
    // Its page says so, on the milestone that is late only.
    await page.goto(`${base}/console/#/cms-incubations/${incubation.documentId}/show`);
    await page.getByTestId('milestone-overdue-alert').waitFor();
    const rows = page.getByTestId('milestone-row');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).getByTestId('milestone-overdue').count()).toBe(1);
    expect(await rows.nth(1).getByTestId('milestone-overdue').count()).toBe(0);
    await dbQuery(strapi, 'plugin::cms.incubation').update({
      where: { id: incubation.id },
      data: { milestones: incubation.milestones ?? [] },
    });
  });

  it('ends an incubation only after a reason is confirmed', async () => {
    await openBoard('incubator');
    const card = cards('applied').first();
    const name = await card.locator('p').first().innerText();
    const before = await totalOf('applied');
    await card.getByTestId('move-withdrawn').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(`${name} 将退出孵化`).waitFor();
    const confirm = dialog.getByTestId('move-withdrawn-confirm');
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel('结束原因').fill('负责人离开本地');
    await shot('board-exit-dialog-zh');
    await confirm.click();
    await dialog.waitFor({ state: 'detached' });
    await page
      .getByTestId('board-applied')
      .getByTestId('column-total')
      .getByText(`(${before - 1})`)
      .waitFor();
    const org = await dbQuery(strapi, 'plugin::cms.organisation').findOne({ where: { name } });
    const rows = await dbQuery(strapi, 'plugin::cms.incubation').findMany({
      where: { organisation: { id: org.id }, stage: 'withdrawn' },
    });
    expect(rows.map((r: { closedReason: string }) => r.closedReason)).toContain('负责人离开本地');
  });

  it('confirms every move, saying it cannot be undone, on the board and the incubation page', async () => {
    await openBoard('incubator');
    const card = cards('applied').first();
    const name = await card.locator('p').first().innerText();
    const org = await dbQuery(strapi, 'plugin::cms.organisation').findOne({ where: { name } });
    const stageOf = async () =>
      (
        await dbQuery(strapi, 'plugin::cms.incubation').findOne({
          where: { organisation: { id: org.id } },
        })
      ).stage as string;
    // 已申请 → 评估中: a dialog says what follows; cancelling changes nothing.
    await card.getByTestId('move-assessing').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(`${name} 将进入评估中`).waitFor();
    await dialog.getByText(/此操作不能撤回/).waitFor();
    await shot('board-move-dialog-zh');
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await stageOf()).toBe('applied');
    await card.getByTestId('move-assessing').click();
    await dialog.getByTestId('move-assessing-confirm').click();
    await dialog.waitFor({ state: 'detached' });
    for (let i = 0; i < 50 && (await stageOf()) !== 'assessing'; i += 1)
      await page.waitForTimeout(200);
    expect(await stageOf()).toBe('assessing');

    // 评估中 → 孵化中 (入壳) on the incubation's page, confirmed the same way.
    const incubation = await dbQuery(strapi, 'plugin::cms.incubation').findOne({
      where: { organisation: { id: org.id } },
    });
    await page.goto(`${base}/console/#/cms-incubations/${incubation.documentId}/show`);
    await page.getByTestId('show-moves').getByTestId('move-incubating').click();
    await dialog.getByText(`${name} 将入壳（孵化中）`).waitFor();
    await dialog.getByText(/此操作不能撤回/).waitFor();
    await dialog.getByTestId('move-incubating-confirm').click();
    await dialog.waitFor({ state: 'detached' });
    for (let i = 0; i < 50 && (await stageOf()) !== 'incubating'; i += 1)
      await page.waitForTimeout(200);
    expect(await stageOf()).toBe('incubating');
    // It entered 孵化中 today: not yet due for assessment.
    await page.getByTestId('show-moves').getByTestId('move-hatched').waitFor();
    expect(await page.getByTestId('assessment-due').count()).toBe(0);

    // A milestone's "required" goes as soon as the field is filled.
    await page.getByTestId('record-milestone').click();
    await dialog.getByRole('button', { name: '确定', exact: true }).click();
    await dialog.getByText('必填').first().waitFor();
    await dialog.getByTestId('milestone-title').fill('完成民非登记');
    await dialog.getByTestId('milestone-date').fill('2027-06-30');
    expect(await dialog.getByText('必填').count()).toBe(0);
    // An achieved date on a planned milestone is refused on its field, before anything is sent.
    await dialog.getByTestId('milestone-achievedOn').fill(todayInChina());
    await dialog.getByRole('button', { name: '确定', exact: true }).click();
    await dialog.getByText('只有已达成的里程碑才有达成日期').waitFor();
    await shot('milestone-error-zh');
    // Choosing 已达成 makes the date belong: its error goes with the change.
    await dialog.getByRole('combobox').click();
    await page.getByRole('option', { name: '已达成' }).click();
    expect(await dialog.getByText('只有已达成的里程碑才有达成日期').count()).toBe(0);
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'detached' });

    // An assessment dated after today is refused on its date, by the server's own check.
    await page.getByTestId('record-assessment').click();
    await dialog.getByTestId('assessment-date').fill(addDays(todayInChina(), 1));
    await dialog.getByTestId('assessment-save').click();
    await dialog.getByText('评估日期不能晚于今天').waitFor();
    await dialog.getByTestId('assessment-date').fill(todayInChina());
    expect(await dialog.getByText('评估日期不能晚于今天').count()).toBe(0);
  });

  it('refuses hatching without a passed assessment, then hatches after one is recorded', async () => {
    await openBoard('incubator');
    const card = cards('incubating').first();
    const name = await card.locator('p').first().innerText();
    await card.getByTestId('move-hatched').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(`${name} 将出壳`).waitFor();
    await dialog.getByTestId('confirm-warning').waitFor();
    await dialog.getByTestId('move-hatched-confirm').click();
    await dialog
      .getByTestId('dialog-error')
      .getByText(/出壳前须有一次“通过”的评估/)
      .waitFor();
    await shot('board-hatch-refused-zh');
    await dialog.getByRole('button', { name: '取消' }).click();

    await card.getByTestId('card-open').click();
    await page.getByTestId('record-assessment').click();
    const form = page.getByRole('dialog');
    await form.getByTestId('assessment-assessor').fill('王评估');
    for (const [field, value] of [
      ['governance', '120'],
      ['finance', '80'],
      ['services', '85'],
      ['volunteers', '75'],
    ])
      await form.getByTestId(`assessment-${field}`).fill(value as string);
    await form.getByRole('combobox').click();
    await page.getByTestId('result-passed').click();
    await form.getByTestId('assessment-save').click();
    // The score out of range is refused on its field, before anything is sent.
    await form.getByText('请填写 0–100 的整数').waitFor();
    await shot('assessment-error-zh');
    await form.getByTestId('assessment-governance').fill('90');
    await form.getByTestId('assessment-save').click();
    await form.waitFor({ state: 'detached' });
    await page.getByTestId('assessment-row').getByText('王评估').waitFor();
    await shot('incubation-show-zh');

    await page.getByTestId('show-moves').getByTestId('move-hatched').click();
    await page.getByRole('dialog').getByTestId('move-hatched-confirm').click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    const org = await dbQuery(strapi, 'plugin::cms.organisation').findOne({ where: { name } });
    const rows = await dbQuery(strapi, 'plugin::cms.incubation').findMany({
      where: { organisation: { id: org.id } },
    });
    expect(rows.map((r: { stage: string }) => r.stage)).toContain('hatched');
  });

  it('names every hub in a community worker’s incubation list, in English too', async () => {
    await signInAs('community-worker');
    await page.goto(`${base}/console/#/cms-incubations`);
    await page.locator('tbody tr').first().waitFor();
    const hubs = await page.locator('tbody tr td.column-hub').allInnerTexts();
    expect(hubs.length).toBeGreaterThan(0);
    for (const text of hubs) expect(text.trim()).not.toBe('');
    await shot('incubations-worker-zh');
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.goto(`${base}/console/#/incubation-board`);
    await page.getByText('Due for assessment only').waitFor();
    await page.getByTestId('board-applied').getByText('Applied').waitFor();
    await page
      .getByTestId('hatching-rule')
      .getByText(/passed assessment is required/)
      .waitFor();
    await shot('board-en');
    // A worker reads the assessments and milestones but is offered no way to change them.
    await page.getByTestId('board-applied').getByTestId('card-open').first().click();
    await shot('incubation-show-en-worker');
    await page.getByTestId('assessments').getByText('Assessments', { exact: true }).waitFor();
    await page.getByTestId('milestones').getByText('Milestones', { exact: true }).waitFor();
    expect(await page.getByTestId('record-assessment').count()).toBe(0);
    expect(await page.getByTestId('show-moves').count()).toBe(0);
    await shot('incubation-show-en-worker');
  });
});
