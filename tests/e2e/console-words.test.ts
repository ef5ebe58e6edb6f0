// Words the console shows a Chinese reader, in headless Chromium: a published form's edit page
// says which changes apply on saving and which wait for publishing; the forms list shows both
// states of 有未发布的草稿; a version the system published names 系统; an autocomplete with
// nothing to offer says so in Chinese; the area subtree filter offers a community worker nothing
// and says why.
import type { Browser, Page } from 'playwright-core';
import type { Core } from '@strapi/strapi';
import { launchBrowser, listen, signIn } from '../helpers/browser';
import { bootStrapi, dbQuery, http, login, unique } from '../helpers/strapi';

describe('the console in the reader’s words', () => {
  let strapi: Core.Strapi;
  let browser: Browser;
  let base: string;
  let jwt: string;

  const draft = (label: string) => ({
    fields: [{ key: 'q', kind: 'text', label: { zh: label, en: 'Question' } }],
  });
  /** A form, published once when `publish`, and with a draft when `withDraft`. */
  async function form(name: string, publish: boolean, withDraft: boolean) {
    const auth = { Authorization: `Bearer ${jwt}` };
    const created = await http(strapi)
      .post('/api/forms/forms')
      .set(auth)
      .send({
        data: { name, slug: unique('words-'), purpose: 'standalone', draft: draft('意见') },
      });
    const id = created.body.data.documentId as string;
    if (publish)
      expect((await http(strapi).post(`/api/forms/forms/${id}/publish`).set(auth)).status).toBe(
        200,
      );
    if (publish && withDraft)
      await http(strapi)
        .put(`/api/forms/forms/${id}`)
        .set(auth)
        .send({ data: { draft: draft('新意见') } });
    return id;
  }
  async function staffPage(username: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15000);
    await signIn(page, base, username);
    return page;
  }
  /** Opens the subtree filter on the people list from 添加筛选. */
  async function openSubtreeFilter(page: Page) {
    await page.goto(`${base}/console/#/cms-people`);
    await page.getByRole('button', { name: '添加筛选' }).click();
    await page.getByRole('menuitemcheckbox', { name: '所属区域（含下级）' }).click();
    return page.getByRole('combobox', { name: '所属区域（含下级）' });
  }

  beforeAll(async () => {
    strapi = await bootStrapi();
    base = await listen(strapi);
    browser = await launchBrowser();
    jwt = await login(strapi, 'foundation-staff');
  });
  afterAll(async () => {
    await browser?.close();
    await strapi?.destroy();
  });

  it('says on a published form which changes apply on saving and which wait for publishing', async () => {
    const id = await form(unique('已发布'), true, false);
    const page = await staffPage('foundation-staff');
    await page.goto(`${base}/console/#/forms-forms/${id}`);
    const note = page.getByTestId('when-changes-apply');
    await note.getByText('保存后立即生效：表单名称、说明、开放和截止时间、谁可以填写').waitFor();
    await note.getByText('等发布后才生效：字段').waitFor();
    await page.getByText('字段的修改先存为草稿，点“发布草稿”后才对填写的人生效').waitFor();
    // A form never published has nothing live to change: no such note.
    const fresh = await form(unique('未发布'), false, true);
    await page.goto(`${base}/console/#/forms-forms/${fresh}`);
    await page.getByTestId('designer').waitFor();
    expect(await page.getByTestId('when-changes-apply').count()).toBe(0);
    await page.context().close();
  });

  it('shows ✓ and ✕ for 有未发布的草稿, and 系统 for a version the system published', async () => {
    const plain = unique('无草稿');
    const drafted = unique('有草稿');
    await form(plain, true, false);
    await form(drafted, true, true);
    const page = await staffPage('foundation-staff');
    await page.goto(`${base}/console/#/forms-forms`);
    const plainRow = page.locator('tr', { hasText: plain });
    const draftedRow = page.locator('tr', { hasText: drafted });
    await plainRow.waitFor();
    // 有未发布的草稿 and 已归档, both false: two ✕.
    expect(await plainRow.getByTestId('false').count()).toBe(2);
    expect(await draftedRow.getByTestId('true').count()).toBe(1);
    expect(await draftedRow.getByTestId('false').count()).toBe(1);

    // The seed published its forms as the system; their versions kept the actor's type.
    const seeded = await dbQuery(strapi, 'plugin::forms.form-version').findOne({
      where: { releasedBy: 'system' },
    });
    expect(seeded).toBeTruthy();
    await page.goto(`${base}/console/#/forms-forms/${seeded.formKey}/show`);
    const versions = page.getByTestId('versions');
    await versions.getByText('系统').waitFor();
    expect(await versions.getByText('system').count()).toBe(0);
    await page.context().close();
  });

  it('says 没有可选项 in Chinese when an autocomplete has nothing to offer', async () => {
    const page = await staffPage('foundation-staff');
    const input = await openSubtreeFilter(page);
    await input.fill('不存在的区域名称');
    await page.getByText('没有可选项').waitFor();
    expect(await page.getByText('No options').count()).toBe(0);
    await page.context().close();
  });

  it('offers a community worker no areas above their own community, and says why', async () => {
    const page = await staffPage('community-worker');
    const input = await openSubtreeFilter(page);
    await page.getByTestId('no-sub-areas').getByText('您负责的范围内没有可选的下级区域').waitFor();
    expect(await input.count()).toBe(0);
    await page.context().close();
  });

  it('reads an audit entry: lists one line per item, stage bookkeeping in words, China time', async () => {
    const incubation = await dbQuery(strapi, 'plugin::cms.incubation').findOne({
      where: { areaPath: { $notNull: true } },
    });
    const milestones = [{ date: '2026-12-31', title: '完成章程制定', status: 'planned' }];
    await strapi
      .plugin('cms')
      .service('audit')
      .record({
        contentType: 'plugin::cms.incubation',
        action: 'update',
        recordId: incubation.documentId,
        // The whole row, so the entry is filed under the incubation's area as a real change is.
        before: { ...incubation, milestones: [] },
        after: { ...incubation, milestones },
        actor: { type: 'system', id: null, name: null },
      });
    const entries = dbQuery(strapi, 'plugin::cms.audit-entry');
    const milestoneEntry = await entries.findOne({
      where: { recordId: incubation.documentId },
      orderBy: { id: 'desc' },
    });
    const stageEntry = await entries.findOne({
      where: { contentType: 'plugin::grants.round', fields: { $contains: 'stageMove' } },
    });
    expect(stageEntry).toBeTruthy();

    const page = await staffPage('foundation-staff');
    await page.goto(`${base}/console/#/cms-audit-entries/${milestoneEntry.documentId}/show`);
    const diff = page.getByTestId('audit-diff');
    await diff.waitFor();
    await page.screenshot({ path: '/tmp/audit-milestones-zh.png' });
    await diff
      .getByTestId('audit-items')
      .getByText('计划日期：2026-12-31；里程碑：完成章程制定；状态：计划中')
      .waitFor();
    expect(await diff.getByText('"status"').count()).toBe(0);

    await page.goto(`${base}/console/#/cms-audit-entries/${stageEntry.documentId}/show`);
    await diff.getByText('阶段变更时间').waitFor();
    await diff.getByText('变更方式').waitFor();
    await diff.getByText(/推进到下一阶段|撤回上一步/).waitFor();
    expect(await diff.getByText('stageMove').count()).toBe(0);
    expect(await diff.getByText('advance').count()).toBe(0);
    // The moment in China time, in the console's one date form.
    const changedAt = new Date(stageEntry.after.stageChangedAt);
    const china = new Date(changedAt.getTime() + 8 * 3600 * 1000).toISOString();
    await diff.getByText(`${china.slice(0, 10)} ${china.slice(11, 19)}`).waitFor();
    await page.screenshot({ path: '/tmp/audit-stage-zh.png' });
    await page.context().close();
  });
});
