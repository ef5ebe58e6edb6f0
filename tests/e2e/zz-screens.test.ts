import type { Core } from '@strapi/strapi';
import { launchBrowser, listen, signIn } from '../helpers/browser';
import { bootStrapi } from '../helpers/strapi';
it('screens', async () => {
  const strapi: Core.Strapi = await bootStrapi();
  const base = await listen(strapi);
  const browser = await launchBrowser();
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
  await signIn(page, base, 'foundation-staff');
  const round: any = await strapi.db.query('plugin::grants.round' as any).findOne({ where: { title: '2026年小区（院落）治理公益微创投' } });
  const award: any = await strapi.db.query('plugin::grants.award' as any).findOne({ where: { status: 'active' } });
  const fund: any = await strapi.db.query('plugin::grants.fund' as any).findOne({ where: { code: 'COMPOUND-GOV' } });
  const shots: [string, string][] = [
    ['round', `#/grants-rounds/${round.documentId}/show`],
    ['award', `#/grants-awards/${award.documentId}/show`],
    ['disb', `#/grants-disbursements`],
    ['apps', `#/grants-applications`],
    ['fund', `#/grants-funds/${fund.documentId}/show`],
    ['dash', `#/`],
  ];
  for (const [name, hash] of shots) {
    await page.goto(`${base}/console/${hash}`);
    await page.waitForTimeout(2500);
    if (name === 'fund') { await page.getByTestId('make-statement').click(); await page.waitForTimeout(1000); }
    await page.screenshot({ path: `/tmp/shot-${name}.png`, fullPage: true });
  }
  const r = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
  await signIn(r, base, 'reviewer');
  await r.goto(`${base}/console/#/my-reviews`);
  await r.waitForTimeout(2500);
  await r.getByText('显示已完成的评审').click();
  await r.waitForTimeout(1500);
  await r.screenshot({ path: '/tmp/shot-reviews.png' });
  await browser.close();
  await strapi.destroy();
}, 120000);
