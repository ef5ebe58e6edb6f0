// The 房屋与住户 screen in Chromium: a community worker picks a compound, imports a small room list
// through the dialog (preview with the bad row highlighted and counted, confirm, progress,
// summary), and sees the rooms grouped by building with their areas, owners and households.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Core } from '@strapi/strapi';
import { launchBrowser, listen, signIn } from '../helpers/browser';
import { bootStrapi, http, login, unique } from '../helpers/strapi';

/** Where screenshots go when PROPERTIES_SHOTS names a folder. */
const SHOTS = process.env.PROPERTIES_SHOTS;

describe('the property units console', () => {
  let strapi: Core.Strapi;
  let browser: Browser;
  let base: string;
  let context: BrowserContext | undefined;
  let page: Page;
  let compoundName: string;

  beforeAll(async () => {
    strapi = await bootStrapi();
    base = await listen(strapi);
    browser = await launchBrowser();
    const token = await login(strapi, 'community-worker');
    const me = await http(strapi).get('/api/cms/me').set('Authorization', `Bearer ${token}`);
    compoundName = unique('导入测试小区');
    const created = await http(strapi)
      .post('/api/cms/compounds')
      .set('Authorization', `Bearer ${token}`)
      .send({
        data: { name: compoundName, type: 'old', community: me.body.data.scope.documentId },
      });
    expect(created.status).toBe(201);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await strapi?.destroy();
  });

  it('imports a room list through the dialog and lists the rooms', async () => {
    context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      timezoneId: 'Asia/Shanghai',
    });
    page = await context.newPage();
    page.setDefaultTimeout(20000);
    await signIn(page, base, 'community-worker');
    await page.goto(`${base}/console/#/properties`);
    await page.getByTestId('property-compound').fill(compoundName.slice(0, 8));
    await page.getByRole('option', { name: compoundName }).click();
    await page.getByTestId('property-counts').waitFor();

    await page.getByTestId('property-import').click();
    const phone = (n: number) => `1370000${1000 + n}`;
    const csv = [
      '楼栋,单元,房号,建筑面积(㎡),用途,产权人,产权人电话,份额,户主,户主电话,家庭成员',
      `1,1,101,62.5,住宅,赵甲、钱乙,${phone(1)}、${phone(2)},1/2;1/2,赵甲,${phone(1)},钱乙:${phone(2)}`,
      `1,1,102,58.555,住宅,孙丙,${phone(3)},,孙丙,${phone(3)},`,
      `2,1,201,70,住宅,李丁,${phone(4)},,李丁,${phone(4)},周戊:`,
    ].join('\n');
    await page
      .getByTestId('property-import-file')
      .setInputFiles({ name: 'rooms.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('property-import-counts').waitFor();
    expect(await page.getByTestId('property-import-counts').textContent()).toContain(
      '可导入 2 行，有错误 1 行',
    );
    expect(await page.getByTestId('import-row-bad').count()).toBe(1);
    expect(await page.getByTestId('import-row-bad').textContent()).toContain('建筑面积');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/properties-preview.png` });

    await page.getByTestId('property-import-confirm').click();
    await page.getByTestId('property-import-summary').waitFor();
    expect(await page.getByTestId('property-import-summary').textContent()).toContain('新增 2 套');
    await page.getByRole('button', { name: '关闭' }).click();

    await page.getByTestId('property-room').first().waitFor();
    expect(await page.getByTestId('property-building').count()).toBe(2);
    const rooms = await page.getByTestId('property-room').allTextContents();
    expect(rooms).toHaveLength(2);
    expect(rooms[0]).toContain('62.50');
    expect(rooms[0]).toContain('赵甲（1/2）');
    expect(rooms[1]).toContain('70.00');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/properties-list.png`, fullPage: true });

    // The room's edit checks the shares as they are typed, with the server's own rule.
    await page
      .getByTestId('property-room')
      .first()
      .getByRole('button', { name: '编辑房屋' })
      .click();
    await page.getByTestId('owner-1-share').fill('1/3');
    await page.getByText('产权人份额之和必须恰好等于 1').waitFor();
    expect(await page.getByTestId('unit-save').isDisabled()).toBe(true);
    await page.getByTestId('owner-1-share').fill('1/2');
    await page.getByTestId('unit-area').fill('63');
    await page.getByTestId('unit-save').click();
    await page.getByText('房屋已保存').waitFor();
    await page.getByText('63.00').waitFor();
  });
});
