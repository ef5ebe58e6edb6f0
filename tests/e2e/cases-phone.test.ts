// The cases on a phone (390×844): the grid worker signs in at /g, calls a case in (a missing title
// refused under its field; type, category, item, their own community, a photo from the camera),
// reads its number and receipt code, finds it in 我的事项 and opens its timeline; staff reply; the
// resident opens /f/receipt/<code> signed out and reads the status, due date (China time) and
// reply, rates it 2 (a rating is required first), and asks for it to be handled again after a
// confirmation (a reason is required first); a forms receipt code still opens the forms lookup.
import fs from 'fs';
import path from 'path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Core } from '@strapi/strapi';
import type {
  CaseDetail,
  CaseTypeDetail,
} from '../../plugins/cases/server/src/shared/contracts/cases';
import type { CaseTypeDefinition } from '../../plugins/cases/server/src/domain/types';
import { launchBrowser, listen } from '../helpers/browser';
import { DEMO_PASSWORD, bootStrapi, http, login, unique } from '../helpers/strapi';

const SHOTS = process.env.LINLI_SHOTS_DIR;
// A 1×1 PNG: the camera's photo.
const PHOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** A small workflow: accepted, replied (the resident may rate or reopen), closed. */
const DEFINITION: CaseTypeDefinition = {
  categories: [
    {
      key: 'facility',
      label: { zh: '公共设施', en: 'Public facilities' },
      children: [
        { key: 'light', label: { zh: '楼道灯', en: 'Stair lights' } },
        { key: 'road', label: { zh: '道路破损', en: 'Damaged roads' } },
      ],
    },
    { key: 'sanitation', label: { zh: '环境卫生', en: 'Sanitation' } },
  ],
  workflow: {
    initial: 'new',
    states: [
      { key: 'new', label: { zh: '待受理', en: 'New' }, kind: 'open', slaMinutes: 120 },
      { key: 'handling', label: { zh: '办理中', en: 'Being handled' }, kind: 'open' },
      { key: 'replied', label: { zh: '已答复', en: 'Replied' }, kind: 'resolved' },
      { key: 'closed', label: { zh: '已办结', en: 'Closed' }, kind: 'closed' },
    ],
    transitions: [
      {
        key: 'accept',
        label: { zh: '受理', en: 'Accept' },
        from: ['new'],
        to: 'handling',
        by: ['centre'],
      },
      {
        key: 'reply',
        label: { zh: '答复', en: 'Reply' },
        from: ['handling'],
        to: 'replied',
        by: ['centre'],
        effect: 'reply',
        requires: { note: true },
      },
      {
        key: 'close',
        label: { zh: '办结', en: 'Close' },
        from: ['replied'],
        to: 'closed',
        by: ['centre'],
        effect: 'close',
      },
      {
        key: 'reopen',
        label: { zh: '重办', en: 'Reopen' },
        from: ['replied', 'closed'],
        to: 'handling',
        by: ['reporter', 'centre'],
        effect: 'reopen',
      },
    ],
  },
  resolveMinutes: 2400,
  dispatch: [],
  reopenDays: 7,
};

/** What went wrong on a page that a person would not expect: page errors and server failures. */
function watch(page: Page, problems: string[]) {
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('response', (r) => {
    if (r.url().includes('/api/') && r.status() >= 500)
      problems.push(`${r.request().method()} ${new URL(r.url()).pathname} → ${r.status()}`);
  });
}

describe('cases on a phone', () => {
  let strapi: Core.Strapi;
  let browser: Browser;
  let base: string;
  /** district staff define case types; the street office's dispatch centre works the case */
  let district: string;
  let staff: string;
  let grid: Page;
  let resident: Page;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  const typeKey = unique('grid_').replace(/[^a-z0-9_]/g, '_');
  const title = `3 栋楼道灯坏了 ${Date.now() % 100000}`;
  let number = '';
  let receiptCode = '';
  let caseId = '';

  const shot = async (page: Page, name: string) => {
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  };
  const phone = async (): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20000);
    watch(page, problems);
    return page;
  };
  const asStaff = (method: 'get' | 'post', url: string) =>
    http(strapi)
      [method](`/api/cases${url}`)
      .set({ Authorization: `Bearer ${staff}` });
  /** Takes a transition as staff, from the state the case is in now. */
  const take = async (transition: string, note?: string) => {
    const now = await asStaff('get', `/cases/${caseId}`);
    expect(now.status).toBe(200);
    const res = await asStaff('post', `/cases/${caseId}/transition`).send({
      transition,
      expectedState: (now.body.data as CaseDetail).state,
      ...(note ? { note } : {}),
    });
    expect(res.status).toBe(200);
  };

  beforeAll(async () => {
    if (SHOTS) fs.mkdirSync(SHOTS, { recursive: true });
    strapi = await bootStrapi();
    base = await listen(strapi);
    browser = await launchBrowser();
    district = await login(strapi, 'foundation-staff');
    staff = await login(strapi, 'street-office');
    const asDistrict = (url: string) =>
      http(strapi)
        .post(`/api/cases${url}`)
        .set({ Authorization: `Bearer ${district}` });
    const created = await asDistrict('/types').send({
      key: typeKey,
      name: '网格事件',
      nameEn: 'Grid case',
      numberPrefix: 'WG',
      draft: DEFINITION,
    });
    expect(created.status).toBe(201);
    const published = await asDistrict(`/types/${typeKey}/publish`);
    expect(published.status).toBe(200);
    expect((published.body.data as CaseTypeDetail).current).not.toBeNull();
    grid = await phone();
    resident = await phone();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await strapi?.destroy();
  });
  afterEach(() => {
    expect(problems).toEqual([]);
  });

  it('the grid worker signs in on /g; a wrong password is refused in words', async () => {
    await grid.goto(`${base}/g`);
    const form = grid.getByTestId('g-sign-in');
    await form.waitFor();
    await grid.fill('#g-username', 'grid-worker');
    await grid.fill('#g-password', 'not-the-password');
    await grid.getByTestId('g-sign-in-submit').click();
    expect(await grid.getByTestId('g-sign-in-error').innerText()).toMatch(/账号或密码不正确/);
    await grid.fill('#g-password', DEMO_PASSWORD);
    await grid.getByTestId('g-sign-in-submit').click();
    const who = grid.getByTestId('g-who');
    await who.waitFor();
    expect(await who.innerText()).toMatch(/grid-worker/);
    await shot(grid, 'cases-phone-home');
  });

  it('calls a case in with a photo; a missing title is refused under its field', async () => {
    await grid.getByTestId('g-go-call').click();
    await grid.waitForURL(`${base}/g/call`);
    await grid.getByTestId('g-call').waitFor();
    await grid.selectOption('#tb-type', typeKey);
    await grid.locator('#tb-category').waitFor();
    // The grid worker's own community is the place already.
    expect(await grid.locator('#tb-area').inputValue()).not.toBe('');
    await grid.getByTestId('g-call-submit').click();
    await grid.locator('[data-field="title"] .tb-error').waitFor();
    await grid.selectOption('#tb-category', 'facility');
    await grid.selectOption('#tb-item', 'light');
    await grid.fill('#tb-title', title);
    await grid.fill('#tb-description', '楼道灯一周不亮，老人夜里看不清台阶。');
    await grid.fill('#tb-address', '幸福小区 3 栋 2 单元');
    await grid.setInputFiles('#tb-photo', {
      name: 'light.png',
      mimeType: 'image/png',
      buffer: PHOTO,
    });
    await grid.getByTestId('g-photos').locator('img').waitFor();
    await shot(grid, 'cases-phone-call');
    await grid.getByTestId('g-call-submit').click();
    await grid.getByTestId('g-called').waitFor();
    number = (await grid.getByTestId('g-number').innerText()).trim();
    receiptCode = (await grid.getByTestId('g-receipt').innerText()).trim();
    expect(number).toMatch(/^WG/);
    expect(receiptCode).not.toBe('');
    await shot(grid, 'cases-phone-called');
  });

  it('finds it in 我的事项 and reads its timeline', async () => {
    await grid.goto(`${base}/g/mine`);
    const row = grid.getByTestId('g-case').filter({ hasText: title });
    await row.waitFor();
    expect(await row.innerText()).toMatch(number);
    expect(await row.innerText()).toMatch(/待受理/);
    await shot(grid, 'cases-phone-mine');
    await row.click();
    await grid.waitForURL(/\/g\/case\//);
    caseId = grid.url().split('/').pop() ?? '';
    const timeline = grid.getByTestId('g-timeline');
    await timeline.waitFor();
    expect(await grid.getByTestId('g-detail-receipt').innerText()).toBe(receiptCode);
    expect(await grid.getByTestId('g-detail').innerText()).toMatch(/公共设施 \/ 楼道灯/);
    await grid.getByTestId('g-lang').click();
    expect(await grid.getByTestId('g-detail').innerText()).toMatch(
      /Public facilities \/ Stair lights/,
    );
    await grid.getByTestId('g-lang').click();
    await shot(grid, 'cases-phone-detail');
  });

  it('the resident reads the reply on the receipt page and must choose a rating before sending it', async () => {
    await take('accept');
    await take('reply', '已更换灯泡，感谢您的反映。');
    await resident.goto(`${base}/f/receipt/${encodeURIComponent(receiptCode)}`);
    const view = resident.getByTestId('case-receipt');
    await view.waitFor();
    expect(await resident.getByTestId('case-number').innerText()).toBe(number);
    const status = resident.getByTestId('case-status');
    expect(await status.innerText()).toBe('已答复');
    expect(await status.getAttribute('data-kind')).toBe('resolved');
    expect(await resident.getByTestId('case-due').innerText()).toMatch(
      /^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/,
    );
    expect(await resident.getByTestId('case-reply').innerText()).toMatch(/已更换灯泡/);
    expect(await resident.getByTestId('case-steps').innerText()).toMatch(/答复/);
    await shot(resident, 'cases-phone-receipt');
    await resident.locator('.pp-lang').click();
    expect(await status.innerText()).toBe('Replied');
    await resident.locator('.pp-lang').click();

    await resident.getByTestId('rate-submit').click();
    expect(await resident.locator('[data-field="satisfaction"] .lf-msg').innerText()).toBe(
      '请选择满意度',
    );
    // Not satisfied (2 stars): reopening is offered only to a resident who is not.
    await resident.getByTestId('rate-2').click();
    await resident.fill('#cr-note', '灯换了，但第二天又不亮了');
    await resident.getByTestId('rate-submit').click();
    await resident.getByTestId('case-done').waitFor();
    expect(await resident.getByTestId('case-rated').innerText()).toMatch(/不满意/);
  });

  it('the resident asks for it to be handled again, with a reason, after a confirmation', async () => {
    await resident.reload();
    await resident.getByTestId('case-receipt').waitFor();
    await resident.getByTestId('reopen-open').click();
    expect(await resident.getByTestId('reopen-until').innerText()).toMatch(/\d{4}年/);
    await resident.getByTestId('reopen-submit').click();
    await resident.locator('[data-field="reason"] .lf-msg').waitFor();
    await resident.fill('#cr-reason', '换了新灯泡第二天又不亮了，可能是线路问题。');
    await resident.getByTestId('reopen-submit').click();
    const confirm = resident.getByTestId('reopen-confirm');
    await confirm.waitFor();
    expect(await confirm.innerText()).toMatch(/重新交办/);
    await shot(resident, 'cases-phone-reopen');
    await resident.getByTestId('reopen-yes').click();
    await resident.getByTestId('case-done').waitFor();
    expect(await resident.getByTestId('case-status').getAttribute('data-kind')).toBe('open');
    const after = await asStaff('get', `/cases/${caseId}`);
    expect((after.body.data as CaseDetail).reopenCount).toBe(1);
  });

  it('a code that is not a case still opens the forms lookup', async () => {
    await resident.goto(`${base}/f/receipt/ABCDE-FGHJK`);
    await resident.locator('.pp-alert').waitFor();
    expect(await resident.getByTestId('case-receipt').count()).toBe(0);
  });
});
