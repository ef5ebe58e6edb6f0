// The issue's two acceptance journeys, in Chromium, through the real UI (the API only for what
// the UI cannot set up and for assertions):
// A. a resident files a request by QR on a phone and gets a receipt code; the rules dispatch it
//    to the community, whose worker signs for it in the console and whistles 住建局 in; the
//    department reports and acts; the community rates the department and replies; the resident
//    reads the reply on the receipt page and rates it; the district sees 住建局's rating with it.
// B. an administrator builds 加装电梯申请 in the type designer: the live check finds the
//    unfinished workflow and publishing waits; once finished it publishes (after a confirmation)
//    and, without a restart, a case of the new type is registered and runs to closed by its
//    buttons.
import fs from 'fs';
import path from 'path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Core } from '@strapi/strapi';
import type {
  CaseDetail,
  CaseTypeDetail,
  DepartmentRating,
} from '../../plugins/cases/server/src/shared/contracts/cases';
import { launchBrowser, listen, signIn } from '../helpers/browser';
import { bootStrapi, dbQuery, http, login, unique } from '../helpers/strapi';
import { CASES_API, caseCommunity, caseUser, department } from '../helpers/cases';

/** Where screenshots go when CASES_SHOTS names a folder (desktop 1280×900, the phone 390×844). */
const SHOTS = process.env.CASES_SHOTS;
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
// A 1×1 PNG: the photo of the overflowing bins.
const PHOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** What went wrong on a page that a person would not expect: page errors and server failures. */
function watch(page: Page, problems: string[]) {
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('response', (r) => {
    if (r.url().includes('/api/') && r.status() >= 500)
      problems.push(`${r.request().method()} ${new URL(r.url()).pathname} → ${r.status()}`);
  });
}

describe('the cases journeys', () => {
  let strapi: Core.Strapi;
  let browser: Browser;
  let base: string;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  let community: { documentId: string; name: string };
  let housing: { id: number; documentId: string; name: string };
  let worker: { jwt: string; username: string };
  let dept: { jwt: string; username: string };
  let district: string;

  // Journey A's case, as the pages reveal it.
  let receiptCode = '';
  let caseId = '';
  let caseNumber = '';

  const shot = async (page: Page, name: string) => {
    if (!SHOTS) return;
    await page.waitForTimeout(300);
    // From the top: a full-page shot of a scrolled console repeats its fixed bars mid-page.
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  };
  const open = async (viewport: typeof DESKTOP, mobile = false): Promise<Page> => {
    const context = await browser.newContext({
      viewport,
      timezoneId: 'Asia/Shanghai',
      ...(mobile ? { isMobile: true, hasTouch: true } : {}),
    });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20000);
    watch(page, problems);
    return page;
  };
  /** A console page signed in as this user (through the login page). */
  const consoleAs = async (username: string): Promise<Page> => {
    const page = await open(DESKTOP);
    await signIn(page, base, username);
    return page;
  };
  const go = (page: Page, hash: string) => page.goto(`${base}/console/#/${hash}`);
  const get = async <T>(jwt: string, url: string): Promise<T> => {
    const res = await http(strapi).get(`${CASES_API}${url}`).set('Authorization', `Bearer ${jwt}`);
    if (res.status !== 200)
      throw new Error(`GET ${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.data as T;
  };
  const stateOf = (page: Page) => page.getByTestId('case-show').getByTestId('case-state').first();
  /** Waits for the case screen to show a state (its label), after an action reloads it. */
  const expectState = async (page: Page, label: string) => {
    await page
      .getByTestId('case-show')
      .getByTestId('case-state')
      .filter({ hasText: new RegExp(`^${label}$`) })
      .first()
      .waitFor();
  };

  beforeAll(async () => {
    if (SHOTS) fs.mkdirSync(SHOTS, { recursive: true });
    strapi = await bootStrapi();
    base = await listen(strapi);
    browser = await launchBrowser();
    // A community the other case files do not use, its worker, and 住建局's staff.
    community = (await caseCommunity(strapi, 2)).community;
    housing = await department(strapi, '住建局');
    const area = await dbQuery(strapi, 'plugin::cms.area').findOne({
      where: { level: 'district' },
      select: ['documentId'],
    });
    worker = await caseUser(strapi, 'community-worker', community.documentId);
    dept = await caseUser(strapi, 'department', area.documentId, housing.id);
    district = await login(strapi, 'foundation-staff');
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await strapi?.destroy();
  });
  afterEach(async () => {
    for (const c of contexts.splice(0)) await c.close().catch(() => undefined);
    expect(problems.splice(0)).toEqual([]);
  });

  describe('A. a resident’s request, whistled to 住建局', () => {
    it('the resident files it by QR on a phone and gets a receipt code', async () => {
      const phone = await open(PHONE, true);
      await phone.goto(`${base}/f/resident-request`);
      await phone.getByRole('heading', { name: '居民诉求登记' }).waitFor();
      await shot(phone, 'a1-resident-form');
      await phone.selectOption('#lf-category', { label: '环境卫生' });
      await phone.getByLabel('所在社区/村 输入名称搜索').fill(community.name);
      await phone
        .locator(`#lf-area option[value="${community.documentId}"]`)
        .waitFor({ state: 'attached' });
      await phone.selectOption('#lf-area', community.documentId);
      await phone.fill('#lf-address', '5栋1单元门口');
      await phone.fill('#lf-details', '单元门口的垃圾桶满溢一周没人清运，气味很大。');
      // The photo's upload is held back while the resident types their name and phone: what
      // was typed meanwhile must still be there when the upload ends (it was once wiped).
      let releaseUpload: () => void = () => undefined;
      const uploadHeld = new Promise<void>((resolve) => (releaseUpload = resolve));
      await phone.route('**/api/forms/resident-request/files*', async (route) => {
        await uploadHeld;
        await route.continue();
      });
      await phone
        .locator('#lf-photos')
        .setInputFiles({ name: 'bins.png', mimeType: 'image/png', buffer: PHOTO });
      await phone.getByText('上传中…').waitFor();
      await phone.fill('#lf-name', '王芳');
      await phone.fill('#lf-phone', '13800138000');
      releaseUpload();
      await phone.getByText('bins.png').waitFor();
      expect(await phone.inputValue('#lf-name')).toBe('王芳');
      expect(await phone.inputValue('#lf-phone')).toBe('13800138000');
      await phone.unroute('**/api/forms/resident-request/files*');
      await shot(phone, 'a1-resident-filled');
      await phone.getByRole('button', { name: '提交' }).click();
      receiptCode = (await phone.getByTestId('receipt-code').innerText()).trim();
      expect(receiptCode).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
      await shot(phone, 'a1-resident-receipt');

      // The rules dispatched it to the community, waiting to be signed for.
      const row = await dbQuery(strapi, 'plugin::cases.case').findOne({
        where: { receiptCode },
      });
      expect(row).toBeTruthy();
      caseId = row.documentId;
      const c = await get<CaseDetail>(worker.jwt, `/cases/${caseId}`);
      expect(c).toMatchObject({
        typeKey: 'resident-request',
        state: 'dispatched',
        assigneeName: community.name,
        category: 'environment',
      });
      caseNumber = c.number;
    });

    it('the community worker finds it in 我的待办, signs for it and whistles 住建局 in', async () => {
      const page = await consoleAs(worker.username);
      await shot(page, 'a2-worker-home');
      await go(page, 'cases');
      await page.getByTestId('queue-tab-mine').waitFor();
      const row = page.getByTestId('case-row').filter({ hasText: caseNumber });
      await row.waitFor();
      await shot(page, 'a2-worker-queue');
      expect(await page.locator('.MuiTablePagination-displayedRows').innerText()).toMatch(
        /^第 \d+-\d+ 条，共 \d+ 条$/,
      );
      await row.click();
      await page.getByTestId('case-show').waitFor();
      expect(await page.getByTestId('case-number').innerText()).toBe(caseNumber);
      await expectState(page, '待签收');
      await shot(page, 'a2-worker-case');

      await page.getByTestId('transition-sign').click();
      await expect(page.getByTestId('dialog-consequence').innerText()).resolves.toMatch(/办理中/);
      await page.getByTestId('transition-sign-confirm').click();
      await expectState(page, '办理中');

      // It needs the housing department: the whistle dialog.
      await page.getByTestId('op-whistle').click();
      const dialog = page.getByRole('dialog');
      await dialog.getByTestId('whistle-departments').fill(housing.name);
      await page.getByRole('option', { name: housing.name, exact: true }).click();
      await dialog.getByRole('combobox', { name: /类别/ }).click();
      await page.getByRole('option', { name: '民生服务类', exact: true }).click();
      await dialog.getByRole('combobox', { name: /^事项/ }).click();
      await page.getByRole('option', { name: '管网漏水', exact: true }).click();
      await dialog.getByTestId('note-input').fill('垃圾桶旁的供水管漏水，需住建局协调维修');
      await shot(page, 'a2-worker-whistle');
      await page.getByTestId('op-whistle-confirm').click();
      await dialog.waitFor({ state: 'detached' });
      const whistleRow = page.getByTestId('whistle-row').filter({ hasText: housing.name });
      await whistleRow.waitFor();
      expect(await whistleRow.innerText()).toMatch(/民生服务类 \/ 管网漏水/);
      expect(await whistleRow.innerText()).toMatch(/待报到/);
      await shot(page, 'a2-worker-whistled');

      const c = await get<CaseDetail>(worker.jwt, `/cases/${caseId}`);
      expect(c.state).toBe('handling');
      expect(c.whistles).toEqual([
        expect.objectContaining({ departmentName: housing.name, state: 'called' }),
      ]);
    });

    it('住建局 finds it under 吹哨, reports and acts with a note', async () => {
      const page = await consoleAs(dept.username);
      await shot(page, 'a3-department-home');
      await go(page, 'cases?view=whistled');
      await page.getByTestId('queue-tab-whistled').waitFor();
      const row = page.getByTestId('case-row').filter({ hasText: caseNumber });
      await row.waitFor();
      await shot(page, 'a3-department-queue');
      await row.click();
      await page.getByTestId('case-show').waitFor();
      // The reporter is masked outside the community.
      expect(await page.getByTestId('case-show').innerText()).toMatch(/138\*\*\*\*8000/);
      await shot(page, 'a3-department-case');

      await page.getByTestId('whistle-report').click();
      await page.getByTestId('note-input').fill('已到场查看');
      await page.getByTestId('whistle-report-confirm').click();
      const whistleRow = page.getByTestId('whistle-row').filter({ hasText: housing.name });
      await whistleRow.filter({ hasText: '已报到' }).waitFor();

      await page.getByTestId('whistle-act').click();
      await expect(page.getByTestId('whistle-act-confirm').isDisabled()).resolves.toBe(true);
      await page.getByTestId('note-input').fill('已更换漏水的供水管');
      await page.getByTestId('whistle-act-confirm').click();
      await whistleRow.filter({ hasText: '已反馈' }).waitFor();
      expect(await whistleRow.innerText()).toMatch(/已更换漏水的供水管/);
      await shot(page, 'a3-department-acted');
    });

    it('the community worker rates 住建局 4 stars and replies to the resident', async () => {
      const page = await consoleAs(worker.username);
      await go(page, `cases/${caseId}`);
      await page.getByTestId('case-show').waitFor();
      await page.getByTestId('whistle-rate').click();
      await expect(page.getByTestId('whistle-rate-confirm').isDisabled()).resolves.toBe(true);
      // The fourth star (MUI's labels: one per star, then the empty value's).
      await page.getByTestId('whistle-stars').locator('label').nth(3).click();
      // The stars speak the reader's language (MUI's own labels say "4 Stars").
      await expect(
        page.getByRole('dialog').getByRole('radio', { name: '满意', exact: true }).isChecked(),
      ).resolves.toBe(true);
      await page.getByTestId('note-input').fill('报到及时，处置到位');
      await shot(page, 'a4-worker-rate');
      await page.getByTestId('whistle-rate-confirm').click();
      const whistleRow = page.getByTestId('whistle-row').filter({ hasText: housing.name });
      await whistleRow.filter({ hasText: '已评价' }).waitFor();

      await page.getByTestId('transition-reply').click();
      await expect(page.getByTestId('transition-reply-confirm').isDisabled()).resolves.toBe(true);
      await page
        .getByTestId('note-input')
        .fill('已协调住建局更换供水管，垃圾已清运，感谢您的反映。');
      await page.getByTestId('transition-reply-confirm').click();
      await expectState(page, '已答复');
      await shot(page, 'a4-worker-replied');

      const c = await get<CaseDetail>(worker.jwt, `/cases/${caseId}`);
      expect(c.whistles[0]).toMatchObject({ state: 'rated', rating: 4 });
      expect(c).toMatchObject({ state: 'replied', stateKind: 'resolved' });
    });

    it('the resident reads the reply on the phone and rates it 5', async () => {
      const phone = await open(PHONE, true);
      await phone.goto(`${base}/f/receipt/${encodeURIComponent(receiptCode)}`);
      await phone.getByTestId('case-receipt').waitFor();
      expect(await phone.getByTestId('case-number').innerText()).toBe(caseNumber);
      expect(await phone.getByTestId('case-status').innerText()).toBe('已答复');
      expect(await phone.getByTestId('case-reply').innerText()).toMatch(/已协调住建局更换供水管/);
      await shot(phone, 'a5-resident-reply');
      await phone.getByTestId('rate-5').click();
      await phone.getByTestId('rate-submit').click();
      await phone.getByTestId('case-done').waitFor();
      expect(await phone.getByTestId('case-rated').innerText()).toMatch(/满意/);
      await shot(phone, 'a5-resident-rated');
      const c = await get<CaseDetail>(worker.jwt, `/cases/${caseId}`);
      expect(c).toMatchObject({ satisfaction: 5, ratedBy: 'reporter' });
    });

    it('the district sees 住建局’s row in 部门评价, with the case among its cases', async () => {
      const page = await consoleAs('foundation-staff');
      await shot(page, 'a6-district-home');
      await go(page, 'case-ratings');
      await page.getByTestId('ratings-table').waitFor();
      const row = page.getByTestId('rating-row').filter({ hasText: housing.name });
      await row.waitFor();
      await row.getByRole('button', { name: '事项' }).click();
      await page.getByRole('link', { name: caseNumber, exact: true }).waitFor();
      await shot(page, 'a6-district-ratings');

      const report = await get<DepartmentRating[]>(district, '/reports/departments');
      const line = report.find((d) => d.departmentId === housing.id);
      expect(line?.cases.map((x) => x.number)).toContain(caseNumber);
      expect(line?.cases.find((x) => x.number === caseNumber)?.rating).toBe(4);
    });
  });

  describe('B. 加装电梯申请, built in the designer and run without a restart', () => {
    const key = unique('lift-').toLowerCase();
    let liftNumber = '';

    /** A row of one of the designer's tables. */
    const rowOf = (page: Page, table: string, i: number) =>
      page.getByTestId(table).locator('tbody > tr').nth(i);
    /** Picks an option of a select or autocomplete (its listbox opens on the page). */
    const pick = async (page: Page, combo: ReturnType<Page['locator']>, option: string) => {
      await combo.click();
      await page.getByRole('option', { name: option, exact: true }).click();
      await page.getByRole('listbox').waitFor({ state: 'detached' });
    };
    const addState = async (
      page: Page,
      i: number,
      s: { key: string; zh: string; en: string; kind: string; hours?: string },
    ) => {
      await page.getByTestId('state-add').click();
      const row = rowOf(page, 'states-table', i);
      await page.getByTestId(`state-key-${i}`).fill(s.key);
      await row.getByLabel('中文').fill(s.zh);
      await row.getByLabel('英文').fill(s.en);
      if (s.kind !== '办理中') await pick(page, row.getByRole('combobox'), s.kind);
      if (s.hours) await row.getByLabel('工作小时').fill(s.hours);
    };
    const addTransition = async (
      page: Page,
      i: number,
      t: {
        key: string;
        zh: string;
        en: string;
        from: string;
        to: string;
        by?: string;
        effect?: string;
        note?: boolean;
      },
    ) => {
      await page.getByTestId('transition-add').click();
      const row = rowOf(page, 'transitions-table', i);
      await row.getByLabel('标识').fill(t.key);
      await row.getByLabel('中文').fill(t.zh);
      await row.getByLabel('英文').fill(t.en);
      const combos = row.getByRole('combobox');
      await pick(page, combos.nth(0), t.from);
      await pick(page, combos.nth(1), t.to);
      if (t.by) await pick(page, combos.nth(2), t.by);
      if (t.effect) await pick(page, combos.nth(3), t.effect);
      if (t.note) await row.getByLabel('说明').check();
    };
    const typeNow = () => get<CaseTypeDetail>(district, `/types/${key}`);

    it('the administrator builds it; the live check holds publishing back until it is complete', async () => {
      const page = await consoleAs('foundation-staff');
      await go(page, 'case-types');
      await page.getByTestId('type-table').waitFor();
      await shot(page, 'b1-types');
      await page.getByTestId('type-create').click();
      await page.getByTestId('type-key').fill(key);
      await page.getByTestId('type-name').fill('加装电梯申请');
      await page.getByTestId('type-nameEn').fill('Lift installation');
      await page.getByTestId('type-numberPrefix').fill('DT');
      await shot(page, 'b1-type-create');
      await page.getByTestId('type-create-confirm').click();
      await page.waitForURL(new RegExp(`#/case-types/${key}$`));
      await page.getByTestId('type-designer').waitFor();
      await page.getByTestId('check-ok').waitFor();

      // Its own layout: the starting closed state and its transition go first, which leaves a
      // workflow with nowhere to end — the live check says so.
      await rowOf(page, 'transitions-table', 0).getByRole('button', { name: '删除' }).click();
      await rowOf(page, 'states-table', 1).getByRole('button', { name: '删除' }).click();
      await page.getByTestId('check-issues').waitFor();

      await page.getByTestId('resolve-hours').fill('56');
      await page.getByTestId('categories-add').click();
      const categories = page.getByTestId('categories-editor');
      await categories.getByLabel('标识').nth(0).fill('lift');
      await categories.getByLabel('中文').nth(0).fill('加装电梯');
      await categories.getByLabel('英文').nth(0).fill('Lift installation');
      await categories.getByRole('button', { name: '增加事项' }).click();
      await categories.getByLabel('标识').nth(1).fill('apply');
      await categories.getByLabel('中文').nth(1).fill('申请加装');
      await categories.getByLabel('英文').nth(1).fill('Application');

      await addState(page, 1, {
        key: 'review',
        zh: '社区审核',
        en: 'Community review',
        kind: '办理中',
        hours: '16',
      });
      await addState(page, 2, {
        key: 'approved',
        zh: '已同意',
        en: 'Approved',
        kind: '已答复',
      });
      await addTransition(page, 0, {
        key: 'accept',
        zh: '受理',
        en: 'Accept',
        from: '已受理',
        to: '社区审核',
        effect: '派单',
      });
      await addTransition(page, 1, {
        key: 'approve',
        zh: '同意加装',
        en: 'Approve',
        from: '社区审核',
        to: '已同意',
        by: '承办人',
        effect: '答复',
        note: true,
      });
      // The rule: every application goes to its community, by 受理.
      await page.getByRole('button', { name: '增加规则' }).click();
      await pick(page, rowOf(page, 'dispatch-table', 0).getByRole('combobox').nth(2), '受理');
      // Any category, anywhere: the empty choices say so.
      expect(await rowOf(page, 'dispatch-table', 0).innerText()).toMatch(/任意/);

      // Still no closed state: the check names it, and publishing (once saved) is held back.
      const issues = page.getByTestId('check-issues');
      await page.getByTestId('check-panel').getByText('检查中…').waitFor({ state: 'detached' });
      await issues.waitFor();
      expect(await issues.innerText()).toMatch(/[\u4e00-\u9fa5]/);
      // The dead end is named as drawn (已同意), not by its key.
      await page
        .getByTestId('check-panel')
        .locator('.MuiChip-label', { hasText: /^已同意$/ })
        .waitFor();
      await page.getByTestId('designer-save').click();
      await page.getByText('草稿已保存').waitFor();
      await page.getByTestId('designer-publish').click();
      await page.getByRole('dialog').waitFor();
      await expect(page.getByTestId('designer-publish-confirm').isDisabled()).resolves.toBe(true);
      // The dialog says why: the confirm button alone would be a button that does nothing.
      expect(await page.getByTestId('dialog-error').innerText()).toMatch(/检查发现问题/);
      await shot(page, 'b1-designer-incomplete');
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      expect((await typeNow()).currentVersion).toBe(0);

      // The closed state and the way there complete it.
      await addState(page, 3, { key: 'closed', zh: '已办结', en: 'Closed', kind: '已办结' });
      await addTransition(page, 2, {
        key: 'close',
        zh: '办结',
        en: 'Close',
        from: '已同意',
        to: '已办结',
        by: '承办人',
        effect: '办结',
      });
      await page.getByTestId('check-ok').waitFor();
      await page.getByTestId('designer-save').click();
      await page.getByText('草稿已保存').first().waitFor();
      await page.getByTestId('designer-publish').click();
      const confirm = page.getByTestId('designer-publish-confirm');
      await expect(page.getByTestId('dialog-consequence').innerText()).resolves.toMatch(/第 1 版/);
      await page.locator('[data-testid="designer-publish-confirm"]:enabled').waitFor();
      await shot(page, 'b1-designer-publish');
      await confirm.click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      await page.getByTestId('versions-table').getByText('v1').waitFor();
      await shot(page, 'b1-designer-published');

      const type = await typeNow();
      expect(type.currentVersion).toBe(1);
      expect(type.current?.workflow.states.map((s) => [s.key, s.kind])).toEqual([
        ['received', 'open'],
        ['review', 'open'],
        ['approved', 'resolved'],
        ['closed', 'closed'],
      ]);
      expect(type.current?.workflow.states[1]?.slaMinutes).toBe(960);
      expect(type.current?.resolveMinutes).toBe(3360);
      const by = (k: string) => type.current?.workflow.transitions.find((t) => t.key === k)?.by;
      expect(by('approve')).toEqual(['centre', 'assignee']);
      expect(by('close')).toEqual(['centre', 'assignee']);
      expect(type.current?.dispatch).toEqual([{ to: { kind: 'community' }, transition: 'accept' }]);
    });

    it('without a restart, a case of the new type is registered and runs to closed by its buttons', async () => {
      const page = await consoleAs(worker.username);
      await go(page, 'cases/new');
      await page.getByRole('combobox', { name: /事项类型/ }).click();
      await page.getByRole('option', { name: '加装电梯申请', exact: true }).click();
      await page.locator('input[name="title"]').fill('5号楼2单元申请加装电梯');
      await page
        .locator('textarea[name="description"]')
        .fill('三分之二以上业主已签字同意，申请加装电梯。');
      await pick(page, page.getByRole('combobox', { name: /^类别/ }), '加装电梯');
      await pick(page, page.getByRole('combobox', { name: /^事项(?!类型)/ }), '申请加装');
      await page.getByRole('combobox', { name: /所属社区/ }).fill(community.name);
      await page.getByRole('option', { name: community.name }).first().click();
      await page.locator('input[name="reporterName"]').fill('陈静');
      await page.locator('input[name="reporterPhone"]').fill('13600001234');
      await shot(page, 'b2-register');
      await page.getByRole('button', { name: '登记', exact: true }).click();
      await page.getByTestId('case-show').waitFor();
      liftNumber = (await page.getByTestId('case-number').innerText()).trim();
      expect(liftNumber).toMatch(/^DT-\d{4}-\d{6}$/);
      // The rule dispatched it to the community at once.
      await expectState(page, '社区审核');
      await shot(page, 'b2-case');

      await page.getByTestId('transition-approve').click();
      await page.getByTestId('note-input').fill('同意加装，请联系施工单位');
      await page.getByTestId('transition-approve-confirm').click();
      await expectState(page, '已同意');
      await page.getByTestId('transition-close').click();
      await page.getByTestId('transition-close-confirm').click();
      await expectState(page, '已办结');
      expect(await stateOf(page).getAttribute('data-kind')).toBe('closed');
      await shot(page, 'b2-closed');

      const id = page.url().split('/cases/')[1] as string;
      const c = await get<CaseDetail>(worker.jwt, `/cases/${id}`);
      expect(c).toMatchObject({
        typeKey: key,
        typeVersion: 1,
        number: liftNumber,
        state: 'closed',
        assigneeName: community.name,
        category: 'lift',
        item: 'apply',
      });
      expect(c.timeline.map((s) => s.action)).toEqual(
        expect.arrayContaining(['intake', 'auto_dispatch']),
      );
    });
  });
});
