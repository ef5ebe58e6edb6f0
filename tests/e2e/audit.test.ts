// The audit log in the console: staff filter it by a grants record type, open a donation's
// receipt and read the record's name, the operation, the changed fields by their labels with
// money in yuan and statuses translated, and follow the link to the donation; a community worker
// sees a resident's ID number masked and reveals it, which the log then shows.
import fs from 'fs';
import type { Browser, Page } from 'playwright-core';
import type { Core } from '@strapi/strapi';
import { launchBrowser, listen, signIn } from '../helpers/browser';
import { bootStrapi, dbQuery } from '../helpers/strapi';

/** Screenshots for a person to look at, when AUDIT_SHOTS names a folder. */
const SHOTS = process.env.AUDIT_SHOTS;

describe('the audit log in the console', () => {
  let strapi: Core.Strapi;
  let browser: Browser;
  let base: string;
  let page: Page;
  let donationLabel: string;
  let donationId: string;
  let amount: string;

  const shot = async (name: string) => {
    if (!SHOTS) return;
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  };
  const newPage = async (username: string) => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    page = await context.newPage();
    page.setDefaultTimeout(15000);
    await signIn(page, base, username);
  };

  beforeAll(async () => {
    strapi = await bootStrapi();
    base = await listen(strapi);
    browser = await launchBrowser();
    // A donation the demo seed received: the log's entry is what the console shows. Nothing is
    // created here, so other files' counts of the demo district stay as they are.
    const received = await dbQuery(strapi, 'plugin::cms.audit-entry').findOne({
      where: { contentType: 'plugin::grants.donation', operation: 'receive', actorType: 'system' },
      orderBy: { id: 'desc' },
    });
    donationLabel = received.recordLabel;
    donationId = received.recordId;
    amount = (donationLabel.match(/¥[\d,]+\.\d{2}/) ?? [''])[0];
    expect(amount).not.toBe('');
  });
  afterAll(async () => {
    await browser?.close();
    await strapi?.destroy();
  });

  it('filters by a grants record type, opens an entry, reads its diff and follows its link', async () => {
    await newPage('foundation-staff');
    await page.goto(`${base}/console/#/cms-audit-entries`);
    await page.getByRole('combobox', { name: '记录类型' }).click();
    // The filter offers every plugin's types, not only the cms's six.
    await page.getByRole('option', { name: '微创投轮次' }).waitFor();
    await page.getByRole('option', { name: '表单', exact: true }).waitFor();
    await page.getByRole('option', { name: '捐赠', exact: true }).click();
    await page.getByRole('listbox').waitFor({ state: 'hidden' });
    await page.waitForURL(/contentType/);
    // Only donations remain listed once the filter applies.
    await page.locator('tbody tr', { hasText: '居民' }).first().waitFor({ state: 'detached' });
    // Found by its name: the search reads the names the entries keep.
    await page.getByPlaceholder('搜索').fill(donationLabel);
    await page.waitForURL(/%22q%22/);
    await page.getByText('共 1 条').waitFor();
    const row = page
      .getByRole('row')
      .filter({ hasText: donationLabel })
      .filter({ hasText: '确认到账' });
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toContain(amount);
    expect(text).toContain('状态');
    // The seed received it: the system, named as such.
    expect(text).toContain('系统');
    expect(text).not.toContain('plugin::');
    await shot('audit-list-zh');

    await row.click();
    const diff = page.getByTestId('audit-diff');
    await diff.waitFor();
    const status = diff.getByRole('row').filter({ hasText: '状态' });
    expect(await status.innerText()).toMatch(/已认捐\s+已入账/);
    expect(await diff.innerText()).toContain('票据号');
    expect(await diff.innerText()).not.toMatch(/receiptNo|status|transferId/);
    await page.getByText('确认到账').first().waitFor();
    await shot('audit-show-zh');

    await page.getByTestId('audit-record-link').click();
    await page.waitForURL(new RegExp(`grants-donations/${donationId}/show`));
    await page.getByText(amount).first().waitFor();
  });

  it('reads the same entry in English', async () => {
    await page.goto(`${base}/console/#/cms-audit-entries`);
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    const row = page
      .getByRole('row')
      .filter({ hasText: donationLabel })
      .filter({ hasText: 'Received' });
    await row.waitFor();
    expect(await row.innerText()).toContain('Donation');
    // The filter kept from the Chinese visit shows its choice in English.
    await page.getByRole('combobox', { name: 'Record type' }).getByText('Donation').waitFor();
    await shot('audit-list-en');
    await row.click();
    const status = page.getByTestId('audit-diff').getByRole('row').filter({ hasText: 'Status' });
    expect(await status.innerText()).toMatch(/Pledged\s+Received/);
    // The title names the entry, in English punctuation: no internal id, no Chinese colon.
    await page.getByText(/^Audit log: Donation .+ · Received$/).waitFor();
    await shot('audit-show-en');
  });

  it('shows a worker a resident’s ID number masked, reveals it on request, and logs the reveal', async () => {
    const worker = await dbQuery(strapi, 'plugin::users-permissions.user').findOne({
      where: { username: 'community-worker' },
      populate: { scope: { select: ['path'] } },
    });
    const resident = await dbQuery(strapi, 'plugin::cms.person').findOne({
      where: {
        areaPath: { $startsWith: worker.scope.path },
        idNumber: { $notNull: true, $ne: '' },
      },
      select: ['documentId', 'name', 'idNumber'],
    });
    const name = resident.name as string;
    const whole = resident.idNumber as string;
    const masked = `${whole.slice(0, 3)}${'*'.repeat(whole.length - 7)}${whole.slice(-4)}`;
    await newPage('community-worker');
    await page.goto(`${base}/console/#/cms-people/${resident.documentId}/show`);
    const idNumber = page.getByTestId('person-id-number');
    await idNumber.getByText(masked, { exact: true }).waitFor();
    const labels = await page.locator('main').innerText();
    expect(labels).not.toMatch(/document|Document/);
    await shot('person-masked-zh');
    await page.getByTestId('reveal-id-number').click();
    await idNumber.getByText(whole, { exact: true }).waitFor();
    await shot('person-revealed-zh');
    await page.getByTestId('reveal-id-number').click();
    await idNumber.getByText(masked, { exact: true }).waitFor();

    await page.goto(`${base}/console/#/cms-audit-entries`);
    await page
      .getByRole('row')
      .filter({ hasText: name })
      .filter({ hasText: '查看身份证号' })
      .first()
      .waitFor();
    await shot('audit-worker-zh');
    // The worker's filter offers no grants type.
    await page.getByRole('combobox', { name: '记录类型' }).click();
    await page.getByRole('option', { name: '居民', exact: true }).waitFor();
    expect(await page.getByRole('option', { name: '捐赠', exact: true }).count()).toBe(0);
  });
});
