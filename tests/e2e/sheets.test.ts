// The console's spreadsheets and form confirmations in headless Chromium: a fund's statement
// downloaded as a workbook with typed cells; publishing a form confirmed with what goes live;
// delete offered only on a form without submissions, and confirmed — in Chinese and English.
import os from 'os';
import path from 'path';
import { mkdirSync } from 'fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Core } from '@strapi/strapi';
import { ValueType, type Worksheet } from 'exceljs';
import { launchBrowser, listen, signIn } from '../helpers/browser';
import { readXlsx } from '../helpers/sheets';
import { bootStrapi, dbQuery, http, login, unique } from '../helpers/strapi';

const SHOTS = path.join(os.tmpdir(), 'linli-shots');

describe('spreadsheets and form confirmations in the console', () => {
  let strapi: Core.Strapi;
  let browser: Browser;
  let base: string;
  let context: BrowserContext;
  let page: Page;
  let jwt: string;

  /** A screenshot to look at, once MUI's dialog has finished fading in. */
  const shot = async (name: string) => {
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
  };
  const useLanguage = async (locale: 'zh-CN' | 'en') => {
    // A string script: the test's own TypeScript has no DOM types.
    await page.evaluate(`localStorage.setItem('RaStore.locale', '${JSON.stringify(locale)}')`);
  };
  const draft = (label: string) => ({
    fields: [{ key: 'q', kind: 'text', label: { zh: label, en: 'Question' } }],
  });
  async function formWith(submissions: number) {
    const slug = unique('sheets-');
    const auth = { Authorization: `Bearer ${jwt}` };
    const created = await http(strapi)
      .post('/api/forms/forms')
      .set(auth)
      .send({ data: { name: '楼道议事', slug, purpose: 'standalone', draft: draft('意见') } });
    const id = created.body.data.documentId as string;
    if (submissions) {
      expect((await http(strapi).post(`/api/forms/forms/${id}/publish`).set(auth)).status).toBe(
        200,
      );
      for (let i = 0; i < submissions; i += 1)
        await http(strapi)
          .post(`/api/forms/${slug}/submissions`)
          .send({ version: 1, data: { q: `意见${i}` } });
      await http(strapi)
        .put(`/api/forms/forms/${id}`)
        .set(auth)
        .send({ data: { draft: draft('新意见') } });
    }
    return { id, slug };
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    strapi = await bootStrapi();
    base = await listen(strapi);
    browser = await launchBrowser();
    jwt = await login(strapi, 'foundation-staff');
    context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    page = await context.newPage();
    page.setDefaultTimeout(15000);
    await signIn(page, base, 'foundation-staff');
  });
  afterAll(async () => {
    await browser?.close();
    await strapi?.destroy();
  });

  it('downloads the fund statement as a workbook of typed cells', async () => {
    const fund = await dbQuery(strapi, 'plugin::grants.fund').findOne({
      where: { status: 'active' },
      orderBy: { id: 'asc' },
    });
    for (const locale of ['zh-CN', 'en'] as const) {
      await useLanguage(locale);
      await page.goto(`${base}/console/#/grants-funds/${fund.documentId}/show`);
      await page.reload();
      await page.getByTestId('make-statement').click();
      await page.getByTestId('statement-reconciles').waitFor();
      const button = page.getByTestId('statement-xlsx');
      expect(await button.textContent()).toContain(
        locale === 'en' ? 'Download Excel' : '下载 Excel',
      );
      await page.getByTestId('statement').scrollIntoViewIfNeeded();
      await shot(`statement-${locale}`);
      const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
      expect(download.suggestedFilename()).toMatch(/^statement-.*\.xlsx$/);
      const bytes = Buffer.concat(await (await download.createReadStream()).toArray());
      const book = await readXlsx(bytes);
      expect(book.worksheets.map((s) => s.name)).toEqual(['汇总 Summary', '明细 Lines']);
      const summary = book.worksheets[0] as Worksheet;
      const opening = summary
        .getRows(2, summary.rowCount - 1)
        ?.find((r) => r.getCell(1).value === '期初余额 Opening balance');
      expect(opening?.getCell(3).type).toBe(ValueType.Number);
      expect(opening?.getCell(3).numFmt).toBe('¥#,##0.00');
    }
    await useLanguage('zh-CN');
  });

  it('confirms publishing with the next version, the public address and the submissions kept', async () => {
    const { id, slug } = await formWith(2);
    await page.goto(`${base}/console/#/forms-forms/${id}/show`);
    await page.reload();
    await page.getByTestId('publish').click();
    const dialog = page.getByRole('dialog');
    await dialog
      .getByText(`第 2 版立即生效：公开地址 ${base}/f/${slug} 从现在起显示这一版`)
      .waitFor();
    await dialog.getByText('已有的 2 份提交保留各自提交时的版本，不受影响').waitFor();
    await dialog.getByText('发布后这一版不能再修改').waitFor();
    await shot('publish-dialog-zh-CN');
    // Cancelling publishes nothing.
    await dialog.getByRole('button', { name: '取消' }).click();
    expect(
      (await dbQuery(strapi, 'plugin::forms.form').findOne({ where: { documentId: id } }))
        .liveVersion,
    ).toBe(1);

    await useLanguage('en');
    await page.reload();
    await page.getByTestId('publish').click();
    await dialog
      .getByText(`Version 2 goes live at once: the public address ${base}/f/${slug} shows it`)
      .waitFor();
    await dialog
      .getByText('The 2 existing submissions keep the version each was given on')
      .waitFor();
    await shot('publish-dialog-en');
    await dialog.getByTestId('publish-confirm').click();
    await page.getByText('The draft is published and live').waitFor();
    await useLanguage('zh-CN');
    const form = await dbQuery(strapi, 'plugin::forms.form').findOne({ where: { documentId: id } });
    expect(form.liveVersion).toBe(2);
    expect(form.draft).toBeNull();
  });

  it('offers delete only on a form without submissions, and confirms it', async () => {
    const kept = await formWith(1);
    await page.goto(`${base}/console/#/forms-forms/${kept.id}`);
    await page.reload();
    await page.getByTestId('delete-blocked').getByText('该表单已有 1 份提交，不能删除').waitFor();
    // The designer's own 删除 buttons remove fields; the form's delete sits in the toolbar.
    expect(await page.getByRole('toolbar').getByRole('button', { name: '删除' }).count()).toBe(0);
    await shot('form-edit-with-submissions-zh-CN');

    const unused = await formWith(0);
    await page.goto(`${base}/console/#/forms-forms/${unused.id}`);
    await page.getByRole('toolbar').getByRole('button', { name: '删除' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('删除表单“楼道议事”').waitFor();
    await dialog.getByText('不能恢复').waitFor();
    await shot('form-delete-dialog-zh-CN');
    await dialog.getByRole('button', { name: '确认' }).click();
    await page.waitForURL(/#\/forms-forms(\?|$)/);
    expect(
      await dbQuery(strapi, 'plugin::forms.form').count({ where: { documentId: unused.id } }),
    ).toBe(0);
  });

  it('offers no delete on a submission, which the server keeps', async () => {
    const { id } = await formWith(1);
    const submission = await dbQuery(strapi, 'plugin::forms.submission').findOne({
      where: { formKey: id },
    });
    await page.goto(`${base}/console/#/forms-submissions/${submission.documentId}`);
    await page.getByText('提交记录不能删除').waitFor();
    expect(await page.getByRole('toolbar').getByRole('button', { name: '删除' }).count()).toBe(0);
  });
});
