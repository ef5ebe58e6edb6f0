// Forms in headless Chromium: a form built in the designer and published, filled in on a
// phone-sized public page (wrong, then right), found among the submissions; and a custom field
// added to organisations, filled in on an organisation's edit screen.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Core } from '@strapi/strapi';
import { launchBrowser, listen, signIn } from '../helpers/browser';
import { bootStrapi, dbQuery, unique } from '../helpers/strapi';

describe('forms in the console and on a phone', () => {
  let strapi: Core.Strapi;
  let browser: Browser;
  let base: string;
  let staff: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    strapi = await bootStrapi();
    base = await listen(strapi);
    browser = await launchBrowser();
    staff = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    page = await staff.newPage();
    page.setDefaultTimeout(15000);
    await signIn(page, base, 'foundation-staff');
  });
  afterAll(async () => {
    await browser?.close();
    await strapi?.destroy();
  });

  /** Adds a field of a kind in the designer and gives it a Chinese label. */
  async function addField(kindLabel: string, label: string, required: boolean) {
    const designer = page.getByTestId('designer');
    await designer.getByTestId('designer-kind').click();
    await page.getByRole('option', { name: kindLabel, exact: true }).click();
    await designer.getByRole('button', { name: '添加字段' }).click();
    const editor = designer.getByTestId('field-editor');
    await editor.getByTestId('label-zh').fill(label);
    if (required) await editor.getByLabel('必填').check();
  }

  const slug = unique('e2e-');

  it('builds a form in the designer, previews it, and publishes it', async () => {
    await page.goto(`${base}/console/#/forms-forms/create`);
    await page.getByLabel('表单名称 *').fill('楼道照明报修');
    await page.getByLabel('短地址 *').fill(slug);
    await addField('单行文本', '姓名', true);
    await addField('手机号', '联系电话', true);
    // The live preview behaves as the published form will: try it empty.
    const preview = page.getByTestId('preview');
    await preview.getByText('联系电话').waitFor();
    await preview.getByRole('button', { name: '试提交' }).click();
    await preview.getByText('姓名：此项为必填项').waitFor();
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('button', { name: '发布草稿' }).click();
    // Publishing confirms first, saying what goes live and where.
    const dialog = page.getByRole('dialog');
    await dialog.getByText(`第 1 版立即生效：公开地址 ${base}/f/${slug}`).waitFor();
    await dialog.getByText('目前还没有提交记录').waitFor();
    await dialog.getByRole('button', { name: '确认发布' }).click();
    await page.getByText('草稿已发布，新版本已生效').waitFor();
    await page.getByTestId('versions').getByText('v1').waitFor();
    await page.getByTestId('qr').waitFor();
    const form = await dbQuery(strapi, 'plugin::forms.form').findOne({ where: { slug } });
    expect(form.liveVersion).toBe(1);
    expect(form.draft).toBeNull();
  });

  it('is filled in on a phone: refused field by field, then accepted with a receipt code', async () => {
    const phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const p = await phone.newPage();
    p.setDefaultTimeout(15000);
    await p.goto(`${base}/f/${slug}`);
    await p.getByRole('heading', { name: '楼道照明报修' }).waitFor();
    await p.getByRole('button', { name: '提交' }).click();
    await p.getByText('姓名：此项为必填项').waitFor();
    await p.getByLabel('姓名').fill('王芳');
    await p.getByLabel('联系电话').fill('12345');
    await p.getByRole('button', { name: '提交' }).click();
    await p.getByText('联系电话：应为11位大陆手机号').waitFor();
    expect(
      await dbQuery(strapi, 'plugin::forms.submission').count({
        where: { formKey: (await formRow()).documentId },
      }),
    ).toBe(0);
    await p.getByLabel('联系电话').fill('138 0013 8000');
    await p.getByRole('button', { name: '提交' }).click();
    const code = (await p.getByTestId('receipt-code').innerText()).trim();
    expect(code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    // The receipt page tells its status.
    await p.getByRole('link', { name: '查询进度' }).click();
    await p.getByTestId('receipt').getByText('已受理').waitFor();
    await phone.close();

    await page.goto(`${base}/console/#/forms-submissions`);
    await page.getByText(code).click();
    const answers = page.getByTestId('answers');
    await answers.getByText('王芳').waitFor();
    await answers.getByText('13800138000').waitFor();
  });

  const formRow = () => dbQuery(strapi, 'plugin::forms.form').findOne({ where: { slug } });

  it('adds a custom field to organisations and fills it in on an organisation', async () => {
    await page.goto(`${base}/console/#/forms-forms/create`);
    await page.getByLabel('表单名称 *').fill('组织年度数据');
    await page.getByLabel('短地址 *').fill(unique('cf-'));
    await page.getByLabel('用途 *').click();
    await page.getByRole('option', { name: '自定义字段' }).click();
    await page.getByLabel('扩展的记录类型 *').click();
    await page.getByRole('option', { name: '组织' }).click();
    await addField('整数', '上年服务人数', false);
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('button', { name: '发布草稿' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '确认发布' }).click();
    await page.getByText('草稿已发布，新版本已生效').waitFor();

    const org = await dbQuery(strapi, 'plugin::cms.organisation').findOne({
      where: { kind: 'social_organisation' },
      orderBy: { id: 'desc' },
    });
    await page.goto(`${base}/console/#/cms-organisations/${org.documentId}`);
    const input = page.getByTestId('custom-fields-input');
    await input.getByLabel('上年服务人数').fill('很多');
    await input.getByText('上年服务人数：应为整数').waitFor();
    await input.getByLabel('上年服务人数').fill('1200');
    await page.getByRole('button', { name: '保存' }).click();
    // Wait for the save to land (the edit page leaves for the list) before navigating away.
    await page.waitForURL(/#\/cms-organisations(\?.*)?$/);
    await page.goto(`${base}/console/#/cms-organisations/${org.documentId}/show`);
    await page.getByTestId('custom-fields').getByText('1200').waitFor();
    const saved = await dbQuery(strapi, 'plugin::cms.organisation').findOne({
      where: { id: org.id },
    });
    expect(Object.values(saved.customFields)).toEqual([1200]);

    // And it filters the list.
    const key = Object.keys(saved.customFields)[0] as string;
    await page.goto(
      `${base}/console/#/cms-organisations?filter=${encodeURIComponent(JSON.stringify({ [`cf_gte_${key}`]: 1000 }))}`,
    );
    await page.getByRole('cell', { name: org.name }).waitFor();
    expect(await page.getByRole('row').count()).toBe(2); // the header and the one organisation
  });
  it('offers a signed-in community worker every community of the form, not only their own', async () => {
    // A worker helping a resident fill in a public form: the community picker reads areas as the
    // public does (it once sent the worker's token, and the scope hid the form's district).
    const worker = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const phone = await worker.newPage();
    phone.setDefaultTimeout(15000);
    await signIn(phone, base, 'community-worker');
    const me = await dbQuery(strapi, 'plugin::users-permissions.user').findOne({
      where: { username: 'community-worker' },
      populate: { scope: true },
    });
    const elsewhere = await dbQuery(strapi, 'plugin::cms.area').findOne({
      where: { level: 'community', id: { $ne: me.scope.id } },
      orderBy: { id: 'asc' },
    });
    await phone.goto(`${base}/f/satisfaction-survey`);
    await phone.getByLabel('所在社区/村 输入名称搜索').fill(elsewhere.name);
    await phone
      .locator('select')
      .filter({ has: phone.locator('option', { hasText: elsewhere.name }) })
      .first()
      .waitFor({ state: 'attached' });
    await worker.close();
  });
});
