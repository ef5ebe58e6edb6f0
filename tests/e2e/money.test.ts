// Money as staff meet it in the console, in headless Chromium: amounts in yuan on every edit form
// (whatever GraphQL sends), donors told apart in the picker, today's date on a new donation, and
// every money-moving action — receive, refund, approve, pay — confirmed in a dialog that states
// the amount, changes nothing when cancelled, keeps a refused refund reason on its field, and
// leaves no edit or delete on a refunded donation; funds list their balances, the disbursement
// queue opens on what waits.
import type { Browser, Page } from 'playwright-core';
import type { Core } from '@strapi/strapi';
import { launchBrowser, listen, signIn } from '../helpers/browser';
import { bootStrapi, dbQuery, http, login } from '../helpers/strapi';
import { todayInChina } from '../../cms/server/src/domain/china-time';

describe('money in the console', () => {
  let strapi: Core.Strapi;
  let browser: Browser;
  let base: string;
  let page: Page;
  let jwt: string;
  let general: { documentId: string; name: string };

  const donation = (id: string) =>
    dbQuery(strapi, 'plugin::grants.donation').findOne({ where: { documentId: id } });
  /** A pledged anonymous gift of `fen` to the general fund, made over the API. */
  async function pledge(fen: number): Promise<string> {
    const res = await http(strapi)
      .post('/api/grants/donations')
      .set({ Authorization: `Bearer ${jwt}` })
      .send({
        data: {
          donorKind: 'anonymous',
          amount: fen,
          channel: 'cash',
          donatedOn: '2026-11-20',
          fund: general.documentId,
        },
      });
    expect(res.status).toBe(201);
    return res.body.data.documentId as string;
  }
  const dialog = () => page.getByRole('dialog');

  beforeAll(async () => {
    strapi = await bootStrapi();
    base = await listen(strapi);
    jwt = await login(strapi, 'foundation-staff');
    // A fund of its own: the demo's general fund holds the published figures other files check.
    const created = await http(strapi)
      .post('/api/grants/funds')
      .set('Authorization', `Bearer ${jwt}`)
      .send({ data: { name: '款项端到端基金', code: `MONEY-E2E-${Date.now()}`, kind: 'general' } });
    expect(created.status).toBe(201);
    general = created.body.data;
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    page = await context.newPage();
    page.setDefaultTimeout(15000);
    await signIn(page, base, 'foundation-staff');
  });
  afterAll(async () => {
    await browser?.close();
    await strapi?.destroy();
  });

  it('shows stored fen as yuan on the donation and round edit forms, and saves what is typed as fen', async () => {
    const id = await pledge(10000);
    await page.goto(`${base}/console/#/grants-donations/${id}`);
    const amount = page.getByLabel('金额（元） *');
    await expect(amount.inputValue()).resolves.toBe('100.00');
    // Typed text stays as typed (no reformatting under the cursor), and is stored in fen.
    await amount.fill('1,234.5');
    await expect(amount.inputValue()).resolves.toBe('1,234.5');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('¥1,234.50').waitFor();
    expect(String((await donation(id)).amount)).toBe('123450');

    const round = await dbQuery(strapi, 'plugin::grants.round').findOne({
      where: { budget: { $gt: 0 } },
      select: ['documentId', 'budget', 'cap'],
    });
    const asYuan = (fen: unknown) => (Number(fen) / 100).toFixed(2);
    await page.goto(`${base}/console/#/grants-rounds/${round.documentId}`);
    await expect(page.getByLabel('总预算（元） *').inputValue()).resolves.toBe(
      asYuan(round.budget),
    );
    await expect(page.getByLabel('单项上限（元） *').inputValue()).resolves.toBe(asYuan(round.cap));
    // A wrong amount is refused on its field, in the user's words, before anything is sent.
    await page.getByLabel('单项上限（元） *').fill('12.345');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('请输入金额').first().waitFor();
    const after = await dbQuery(strapi, 'plugin::grants.round').findOne({
      where: { documentId: round.documentId },
    });
    expect(String(after.cap)).toBe(String(round.cap));
  });

  it('exports the donation list with labelled columns and amounts in yuan', async () => {
    const id = await pledge(98765);
    await page.goto(
      `${base}/console/#/grants-donations?filter=${encodeURIComponent(
        JSON.stringify({ status: 'pledged' }),
      )}`,
    );
    await page.getByText('¥987.65').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出' }).click(),
    ]);
    const stream = await download.createReadStream();
    let csv = '';
    for await (const chunk of stream) csv += String(chunk);
    const [header, ...lines] = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(header).toBe('捐赠日期,捐赠人名称,金额（元）,捐赠方式,受赠基金,状态,票据号');
    // An anonymous donor reads 匿名, as on the receipt and in the disclosure.
    expect(lines).toContain(`2026-11-20,匿名,987.65,现金,${general.name},已认捐,`);
    expect(csv).not.toContain('98765');
    expect((await donation(id)).status).toBe('pledged');
  });

  it('opens a new donation on today (China time) and tells same-named donors apart', async () => {
    await page.goto(`${base}/console/#/grants-donations/create`);
    await expect(page.getByLabel('捐赠日期 *').inputValue()).resolves.toBe(todayInChina());
    await page.getByLabel('捐赠人', { exact: false }).first().waitFor();
    const twins: { name: string }[] = await dbQuery(strapi, 'plugin::cms.person').findMany({
      where: { name: '丁兰' },
      select: ['name'],
    });
    expect(twins.length).toBeGreaterThan(1);
    await page.getByLabel('捐赠人 *').fill('丁兰');
    const options = page.getByRole('option', { name: /^丁兰 · / });
    await options.nth(1).waitFor();
    const texts = await options.allTextContents();
    expect(new Set(texts).size).toBe(texts.length);
    // Community and a masked phone: never the whole number.
    for (const t of texts) expect(t).toMatch(/^丁兰 · .+ · \d{3}\*{4}\d{4}$/);
  });

  it('confirms receiving with the amount, changes nothing on cancel, and receives on confirm', async () => {
    const id = await pledge(20000);
    await page.goto(`${base}/console/#/grants-donations/${id}/show`);
    await page.getByTestId('donation-receive').click();
    const says = dialog().getByTestId('confirm-consequences');
    await says.getByText(`确认收到 ¥200.00，记入「${general.name}」，捐赠人：匿名捐赠人`).waitFor();
    await says.getByText(/不能修改或删除/).waitFor();
    await says.getByText(/捐赠票据号/).waitFor();
    await dialog().getByRole('button', { name: '取消' }).click();
    await dialog().waitFor({ state: 'hidden' });
    expect((await donation(id)).status).toBe('pledged');

    await page.getByTestId('donation-receive').click();
    await page.getByTestId('donation-receive-confirm').click();
    await page.getByText('已确认到账，已生成捐赠票据').waitFor();
    const received = await donation(id);
    expect(received.status).toBe('received');
    await page.getByText(received.receiptNo, { exact: true }).waitFor();
    // Received: still editable (a note), never deletable.
    await page.goto(`${base}/console/#/grants-donations/${id}`);
    await page.getByTestId('donation-fixed').waitFor();
    await expect(page.getByRole('button', { name: '删除' }).count()).resolves.toBe(0);
  });

  it('asks a reason for a refund, keeps a refused one on its field, and closes the donation', async () => {
    const id = await pledge(30000);
    expect(
      (
        await http(strapi)
          .post(`/api/grants/donations/${id}/receive`)
          .set({ Authorization: `Bearer ${jwt}` })
      ).status,
    ).toBe(200);
    await page.goto(`${base}/console/#/grants-donations/${id}/show`);
    await page.getByTestId('donation-refund').click();
    await dialog()
      .getByText(/退还 ¥300\.00（票据号 \d{4}-\d{6}）/)
      .waitFor();
    await dialog()
      .getByText(/基金可用余额减少 ¥300\.00/)
      .waitFor();
    const confirm = page.getByTestId('donation-refund-confirm');
    await expect(confirm.isDisabled()).resolves.toBe(true);
    // Too short for the server: its refusal stays in the dialog, under the reason.
    await dialog().getByLabel('退款原因').fill('x');
    await confirm.click();
    await dialog().locator('.MuiFormHelperText-root').getByText('请说明退款原因').waitFor();
    await expect(dialog().getByText('reason').count()).resolves.toBe(0);
    expect((await donation(id)).status).toBe('received');

    await dialog().getByLabel('退款原因').fill('捐赠人重复转账');
    await confirm.click();
    await page.getByText('已退款', { exact: true }).first().waitFor();
    expect(await donation(id)).toMatchObject({
      status: 'refunded',
      refundReason: '捐赠人重复转账',
    });
    // Refunded: no edit offered on its page, and the edit form, if reached, offers nothing.
    await page.getByTestId('donation-refund').waitFor({ state: 'detached' });
    await expect(page.getByRole('link', { name: '编辑' }).count()).resolves.toBe(0);
    await page.goto(`${base}/console/#/grants-donations/${id}`);
    await page.getByTestId('donation-closed').waitFor();
    await expect(page.getByRole('button', { name: '删除' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: '保存' }).count()).resolves.toBe(0);
  });

  it('lists funds with their balances and opens the disbursement queue on what waits', async () => {
    const ledger = await http(strapi)
      .get(`/api/grants/funds/${general.documentId}/balance`)
      .set({ Authorization: `Bearer ${jwt}` });
    const available = `¥${(ledger.body.data.available / 100).toLocaleString('en-US', {
      minimumFractionDigits: 2,
    })}`;
    await page.goto(`${base}/console/#/grants-funds`);
    const row = page.getByRole('row').filter({ hasText: general.name });
    await row.getByTestId('fund-available').getByText(available).waitFor();
    await row
      .getByTestId('fund-paid')
      .getByText(/^¥[\d,]+\.\d{2}$/)
      .waitFor();

    await page.goto(`${base}/console/#/grants-disbursements`);
    const table = page.locator('table');
    await table.getByText('待审批').first().waitFor();
    await table.getByText('已审批待支付').first().waitFor();
    await expect(table.getByText('已支付', { exact: true }).count()).resolves.toBe(0);
  });

  it('confirms approving and paying a tranche with its amount; cancelling the dialog changes nothing', async () => {
    const tranche = await dbQuery(strapi, 'plugin::grants.disbursement').findOne({
      where: { status: 'scheduled' },
      orderBy: { id: 'asc' },
    });
    const shown = `¥${(Number(tranche.amount) / 100).toLocaleString('en-US', {
      minimumFractionDigits: 2,
    })}`;
    const status = async () =>
      (
        await dbQuery(strapi, 'plugin::grants.disbursement').findOne({
          where: { id: tranche.id },
        })
      ).status;
    await page.goto(`${base}/console/#/grants-disbursements/${tranche.documentId}/show`);
    // The tranche's own page (the queue it came from has a button per row).
    const show = page.locator('.RaShow-main');
    await show.getByText(shown).waitFor();

    await show.getByTestId('tranche-approve').click();
    await dialog()
      .getByText(new RegExp(`预留 ${shown.replace(/[.$]/g, '\\$&')}`))
      .waitFor();
    await dialog().getByRole('button', { name: '取消' }).click();
    await dialog().waitFor({ state: 'hidden' });
    expect(await status()).toBe('scheduled');
    await show.getByTestId('tranche-approve').click();
    await page.getByTestId('tranche-approve-confirm').click();
    await page.getByText('已审批，资金已预留').waitFor();
    expect(await status()).toBe('approved');

    await show.getByTestId('tranche-pay').click();
    await dialog().getByText(`支付 ${shown}`, { exact: false }).waitFor();
    await dialog()
      .getByText(/不能撤回/)
      .waitFor();
    await dialog().getByRole('button', { name: '取消' }).click();
    await dialog().waitFor({ state: 'hidden' });
    expect(await status()).toBe('approved');
    await show.getByTestId('tranche-pay').click();
    await page.getByTestId('tranche-pay-confirm').click();
    await page.getByText('已支付').first().waitFor();
    await show.getByTestId('tranche-pay').waitFor({ state: 'detached' });
    expect(await status()).toBe('paid');
  });
  it('puts the server’s refusal of a donation’s fund under the fund, in Chinese', async () => {
    // The fund is chosen through `fund.documentId`; the server names `fund`.
    const before = await dbQuery(strapi, 'plugin::grants.donation').count({});
    await page.goto(`${base}/console/#/grants-donations/create`);
    await page.getByLabel('捐赠人类型 *').click();
    await page.getByRole('option', { name: '匿名' }).click();
    await page.getByLabel('金额（元） *').fill('10');
    await page.getByLabel('捐赠方式 *').click();
    await page.getByRole('option', { name: '现金' }).click();
    await page.getByLabel('受赠基金 *').fill('治理');
    await page.getByRole('option', { name: '小区（院落）治理专项基金' }).click();
    await page.getByRole('button', { name: '保存' }).click();
    await page
      .locator('.MuiFormHelperText-root', { hasText: '非定向捐赠须进入基金会一般基金' })
      .waitFor();
    expect(await dbQuery(strapi, 'plugin::grants.donation').count({})).toBe(before);
  });
});
