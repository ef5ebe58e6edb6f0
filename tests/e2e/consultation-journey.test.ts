// The consultation journey in Chromium, through the real UI (the API only for set-up and for
// assertions): a resident raises a lift-installation topic on a phone; the community worker
// screens it, closes the ranking, holds a meeting and puts it to a double-majority vote of the
// building's owners; one owner votes on the phone, two with ballot codes on /v, two on paper
// entered by staff; the close computes the result by count and by area (passes by count, fails
// by area); a second decision is implemented as a case, completed with funds in yuan, closed.
import fs from 'fs';
import path from 'path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Core } from '@strapi/strapi';
import type {
  DecisionRow,
  TopicDetail,
  TopicRow,
  VoteDetail,
} from '../../plugins/consultation/server/src/shared/contracts/consultation';
import { launchBrowser, listen, signIn } from '../helpers/browser';
import { DEMO_PASSWORD, bootStrapi, http, newUser, unique, type AreaRow } from '../helpers/strapi';
import { caseCommunity } from '../helpers/cases';
import { compoundWithHouseholds, residentWithPhone } from '../helpers/consultation';

/** Screenshots go to CONSULTATION_SHOTS when set (desktop 1440×900, the phone 390×844). */
const SHOTS = process.env.CONSULTATION_SHOTS;
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const API = '/api/consultation';
// Per run, so the journey can run again on the same database file.
const STEM = String(Date.now() % 1_000_000).padStart(6, '0');
const PHONES = [1, 2, 3, 4, 5, 6].map((i) => `139${STEM}0${i}`);
const TITLE = `1栋加装电梯 ${STEM}`;

function watch(page: Page, problems: string[]) {
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('response', (r) => {
    if (r.url().includes('/api/') && r.status() >= 500)
      problems.push(`${r.request().method()} ${new URL(r.url()).pathname} → ${r.status()}`);
  });
}

describe('the consultation journey', () => {
  let strapi: Core.Strapi;
  let browser: Browser;
  let base: string;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  let community: AreaRow;
  let compoundName = '';
  let worker: { jwt: string; username: string };
  const owners: { jwt: string; username: string }[] = [];
  let topic = '';
  let vote = '';

  const shot = async (page: Page, name: string) => {
    if (!SHOTS) return;
    await page.waitForTimeout(400);
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  };
  /**
   * One browser context per signed-in user, kept for the whole file: users-permissions allows
   * ten sign-ins a minute from one address (this whole file runs from 127.0.0.1), so each user
   * signs in once and later steps open a new page in the same context (its token in localStorage).
   */
  const signedIn = new Map<string, BrowserContext>();
  const open = async (
    viewport: typeof DESKTOP,
    mobile = false,
    context?: BrowserContext,
  ): Promise<Page> => {
    if (!context) {
      context = await browser.newContext({
        viewport,
        timezoneId: 'Asia/Shanghai',
        ...(mobile ? { isMobile: true, hasTouch: true } : {}),
      });
      contexts.push(context);
    }
    const page = await context.newPage();
    page.setDefaultTimeout(20000);
    watch(page, problems);
    return page;
  };
  const consoleAs = async (username: string): Promise<Page> => {
    const known = signedIn.get(`console:${username}`);
    const page = await open(DESKTOP, false, known);
    if (known) {
      await page.goto(`${base}/console/`);
      await page.getByTestId('identity').waitFor();
    } else {
      await signIn(page, base, username);
      signedIn.set(`console:${username}`, page.context());
    }
    return page;
  };
  const go = (page: Page, hash: string) => page.goto(`${base}/console/#/${hash}`);
  const get = async <T>(jwt: string, url: string): Promise<T> => {
    const res = await http(strapi).get(`${API}${url}`).set('Authorization', `Bearer ${jwt}`);
    if (res.status !== 200)
      throw new Error(`GET ${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.data as T;
  };
  const post = async <T>(jwt: string, url: string, body: object = {}): Promise<T> => {
    const res = await http(strapi)
      .post(`${API}${url}`)
      .set('Authorization', `Bearer ${jwt}`)
      .send(body);
    if (res.status >= 300)
      throw new Error(`POST ${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.data as T;
  };
  /** The phone signed in as a resident through /c's own sign-in form. */
  const phoneAs = async (username: string): Promise<Page> => {
    const known = signedIn.get(`phone:${username}`);
    const phone = await open(PHONE, true, known);
    await phone.goto(`${base}/c`);
    if (!known) {
      await phone.getByTestId('c-sign-in').waitFor();
      await phone.fill('#tb-username', username);
      await phone.fill('#tb-password', DEMO_PASSWORD);
      await phone.getByTestId('c-sign-in-submit').click();
      signedIn.set(`phone:${username}`, phone.context());
    }
    await phone.getByTestId('c-topics').waitFor();
    return phone;
  };
  const confirmDialog = (page: Page, testId: string) =>
    page.getByTestId(`${testId}-confirm`).click();

  beforeAll(async () => {
    if (SHOTS) fs.mkdirSync(SHOTS, { recursive: true });
    strapi = await bootStrapi();
    base = await listen(strapi);
    browser = await launchBrowser();
    community = (await caseCommunity(strapi, 6)).community;
    worker = await newUser(strapi, 'community-worker', { scope: community.documentId });
    compoundName = unique('电梯协商小区');
    // Building 1: four 60 m² flats and two 200 m² flats, one owner each (the household's head).
    await compoundWithHouseholds(strapi, {
      community,
      jwt: worker.jwt,
      name: compoundName,
      phones: PHONES,
      building: '1',
      firstRoom: 101,
      area: (i) => (i < 4 ? '60.00' : '200.00'),
    });
    for (const phone of PHONES) owners.push(await residentWithPhone(strapi, phone));
    // The first boot on a fresh file seeds the demo district: slow on a busy machine.
  }, 900_000);
  afterAll(async () => {
    for (const c of [...contexts, ...signedIn.values()]) await c.close().catch(() => undefined);
    await browser?.close();
    await strapi?.destroy();
  });
  afterEach(async () => {
    // Each test's pages close; a signed-in user's context stays for the next test.
    const kept = new Set(signedIn.values());
    for (const c of contexts.splice(0)) if (!kept.has(c)) await c.close().catch(() => undefined);
    for (const c of kept) for (const p of c.pages()) await p.close().catch(() => undefined);
    expect(problems.splice(0)).toEqual([]);
  });

  it('a resident raises a lift-installation topic on the phone; a neighbour supports it', async () => {
    const phone = await phoneAs(owners[0]!.username);
    await shot(phone, 'phone-1-home');
    await phone.getByTestId('c-raise').click();
    await phone.getByTestId('c-raise-form').waitFor();
    // An empty title is refused on the field, in Chinese.
    await phone.getByTestId('c-raise-submit').click();
    await phone.getByTestId('error-title').waitFor();
    await phone.fill('#tb-title', TITLE);
    await phone.selectOption('#tb-kind', 'lift');
    await phone.fill('#tb-body', '1栋老人多，上下楼困难，希望加装电梯，费用按面积分摊。');
    await phone.fill('#tb-building', '1');
    await shot(phone, 'phone-2-raise');
    await phone.getByTestId('c-raise-submit').click();
    await phone.getByTestId('c-raised').waitFor();
    const mine = await get<TopicRow[]>(owners[0]!.jwt, '/mine');
    topic = mine[0]!.documentId;
    // A neighbour supports it on their phone, through the confirmation.
    const neighbour = await phoneAs(owners[1]!.username);
    await neighbour.goto(`${base}/c/topic/${topic}`);
    await neighbour.getByTestId('c-support').click();
    await neighbour.getByTestId('tb-confirm-yes').click();
    await neighbour.getByText('您已附议').waitFor();
    await neighbour.fill('#tb-comment', '支持，希望尽快协商费用分摊。');
    await neighbour.getByTestId('c-comment-send').click();
    await neighbour.getByText('支持，希望尽快协商费用分摊。').waitFor();
    await shot(neighbour, 'phone-3-topic');
    await neighbour.getByTestId('c-lang').click();
    await neighbour.getByText('You support this').waitFor();
    await shot(neighbour, 'phone-3-topic-en');
    expect((await get<TopicDetail>(worker.jwt, `/topics/${topic}`)).supportCount).toBe(1);
  });

  it('the community worker finds it on the list and the board and accepts it at screening', async () => {
    const page = await consoleAs(worker.username);
    await go(page, 'consultation/topics');
    await page.getByTestId('topic-row').filter({ hasText: TITLE }).waitFor();
    await shot(page, 'console-1-topics');
    await go(page, 'consultation/topics?view=board');
    await page.getByTestId('board-column-collecting').getByText(TITLE).waitFor();
    await shot(page, 'console-2-board');
    await page.getByTestId('board-column-collecting').getByText(TITLE).click();
    await page.getByTestId('topic-show').waitFor();
    await page.getByTestId('topic-step').first().waitFor();
    await shot(page, 'console-3-topic');
    // Declining without a reason: the refusal sits under the reason field, in Chinese.
    await page.getByTestId('screen-decline').click();
    await confirmDialog(page, 'screen-decline');
    await page.getByText('请说明不予采纳的理由').waitFor();
    await shot(page, 'console-3b-decline-refused');
    // Closed with its own button, and waited for: a dialog still fading out takes the next click.
    await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await page.getByTestId('screen-accept').click();
    await page.getByTestId('dialog-consequence').waitFor();
    await confirmDialog(page, 'screen-accept');
    await page.getByTestId('topic-stage').filter({ hasText: '协商排序' }).waitFor();
  });

  it('the resident ranks on the phone; the worker closes the community’s ranking', async () => {
    const phone = await phoneAs(owners[0]!.username);
    await phone.getByTestId('c-rank-prompt').waitFor();
    await phone.goto(`${base}/c/rank`);
    await phone.getByTestId('c-rank-item').first().waitFor();
    await shot(phone, 'phone-4-rank');
    await phone.getByTestId('c-rank-submit').click();
    await phone.getByTestId('tb-confirm-yes').click();
    await phone.getByTestId('c-ranked').waitFor();
    const page = await consoleAs(worker.username);
    await go(page, `consultation/ranking?area=${community.documentId}`);
    await page.getByTestId('ranking-row').filter({ hasText: TITLE }).waitFor();
    await shot(page, 'console-4-ranking');
    await page.getByTestId('ranking-close').click();
    await confirmDialog(page, 'ranking-close');
    await page.getByTestId('ranking-empty').waitFor();
    const after = await get<TopicDetail>(worker.jwt, `/topics/${topic}`);
    expect(after).toMatchObject({ stage: 'deliberating', rankPosition: 1 });
  });

  it('a meeting puts it to a double-majority vote of building 1’s owners', async () => {
    const page = await consoleAs(worker.username);
    await go(page, `consultation/topics/${topic}`);
    await page.getByTestId('new-meeting-for-topic').click();
    await page.getByTestId('meeting-form').waitFor();
    await page.getByTestId('meeting-title').fill('1栋加装电梯议事会');
    // A few minutes ahead: a meeting dated before its topic is refused.
    const soon = new Date(Date.now() + 8 * 3600_000 + 5 * 60_000).toISOString().slice(0, 16);
    await page.getByTestId('meeting-held-at').fill(soon);
    await page.getByTestId('meeting-place').fill('小区议事厅');
    await page.getByTestId('attendees-party_members').fill('3');
    await page.getByTestId('attendees-owners_committee').fill('2');
    await page.getByTestId('attendees-residents').fill('12');
    await page
      .getByTestId('meeting-minutes')
      .fill('讨论加装电梯方案及费用分摊，决定提交1栋业主表决。');
    await page.getByRole('checkbox', { name: new RegExp(TITLE) }).waitFor();
    await shot(page, 'console-5-meeting-form');
    await page.getByTestId('meeting-save').click();
    await page.getByTestId('meeting-show').waitFor();
    await page.getByTestId('decide').click();
    await page.getByTestId('decision-text').fill('提交1栋业主表决（双过半）');
    await page.getByTestId('with-vote').click();
    await page.getByRole('combobox', { name: '小区' }).click();
    await page.getByRole('option', { name: compoundName }).click();
    await page.getByTestId('vote-building').fill('1');
    await shot(page, 'console-6-decide');
    await confirmDialog(page, 'decide');
    await page.getByTestId('meeting-decision').waitFor();
    await shot(page, 'console-7-meeting');
    const shown = await get<TopicDetail>(worker.jwt, `/topics/${topic}`);
    expect(shown.stage).toBe('voting');
    vote = shown.votes[0]!.documentId;
  });

  it('the vote opens; one owner votes on the phone, two with codes on /v, two on paper', async () => {
    const page = await consoleAs(worker.username);
    await go(page, `consultation/votes/${vote}`);
    await page.getByTestId('vote-rule-words').waitFor();
    await shot(page, 'console-8-vote-draft');
    await page.getByTestId('vote-open').click();
    await confirmDialog(page, 'vote-open');
    await page.getByTestId('vote-turnout').waitFor();
    // Owner 1 on the phone.
    const phone = await phoneAs(owners[0]!.username);
    await phone.getByTestId('c-vote-row').first().click();
    await phone.getByTestId('c-choice-yes').click();
    await shot(phone, 'phone-5-vote');
    await phone.getByTestId('c-cast').click();
    await phone.getByTestId('tb-confirm-yes').click();
    await phone.getByTestId('c-my-ballot').waitFor();
    await shot(phone, 'phone-6-voted');
    // Owner 2 on the phone through the API (the page is the same).
    await post(owners[1]!.jwt, `/votes/${vote}/ballot`, { choice: 'yes' });
    // Codes for the four who have not voted, printed as notices.
    await page.reload();
    await page.getByTestId('vote-codes').click();
    await page.getByText(/只显示这一次/).waitFor();
    await shot(page, 'console-9-codes-confirm');
    await confirmDialog(page, 'vote-codes');
    await page.getByTestId('vote-notice').first().waitFor();
    expect(await page.getByTestId('vote-notice').count()).toBe(4);
    await shot(page, 'console-10-notices');
    const notices = await page.getByTestId('vote-notice').allInnerTexts();
    const codeFor = (room: string) => {
      const text = notices.find((n) => n.includes(room)) ?? '';
      const found = /[0-9A-Z]{5}-[0-9A-Z]{5}/.exec(text);
      if (!found) throw new Error(`no code for ${room}: ${text}`);
      return found[0];
    };
    // Owners 3 and 4 with their codes on /v, no account (one typed in lower case, no dash).
    for (const [room, typed] of [
      ['103', codeFor('103')],
      ['104', codeFor('104').toLowerCase().replace('-', '')],
    ] as const) {
      const v = await open(PHONE, true);
      await v.goto(`${base}/v`);
      await v.fill('#tb-code', typed);
      await v.getByTestId('v-choice-yes').click();
      if (room === '103') await shot(v, 'phone-7-code-ballot');
      await v.getByTestId('v-submit').click();
      await v.getByTestId('tb-confirm').waitFor();
      if (room === '103') await shot(v, 'phone-8-code-confirm');
      await v.getByTestId('tb-confirm-yes').click();
      await v.getByTestId('v-receipt').waitFor();
      if (room === '103') await shot(v, 'phone-9-code-receipt');
    }
    // A used code is refused in words on the page.
    const again = await open(PHONE, true);
    await again.goto(`${base}/v`);
    await again.fill('#tb-code', codeFor('103'));
    await again.getByTestId('v-choice-no').click();
    await again.getByTestId('v-submit').click();
    await again.getByTestId('tb-confirm-yes').click();
    await again.getByTestId('tb-confirm-error').filter({ hasText: '该投票码已使用' }).waitFor();
    // Owners 5 and 6 (the 200 m² flats) on paper, entered by staff; one by proxy.
    await go(page, `consultation/votes/${vote}`);
    for (const [room, proxy] of [
      ['105', '业主之子'],
      ['106', ''],
    ] as const) {
      await page.getByTestId('vote-paper').click();
      await page.getByTestId('paper-search').fill(room);
      await page.getByRole('combobox', { name: '表决人' }).click();
      await page.getByRole('option', { name: new RegExp(room) }).click();
      await page.getByTestId('paper-no').click();
      if (proxy) await page.getByTestId('paper-proxy').fill(proxy);
      if (room === '105') await shot(page, 'console-11-paper');
      await confirmDialog(page, 'vote-paper');
      await page.getByTestId('vote-paper-confirm').waitFor({ state: 'detached' });
    }
    const live = await get<VoteDetail>(worker.jwt, `/votes/${vote}`);
    expect(live.turnout).toEqual({ count: 6, area: 64000 });
    await page.reload();
    await page.getByTestId('turnout-count').getByText('6 / 6').waitFor();
    await shot(page, 'console-12-vote-open');
  });

  it('the close computes the result by count and by area; the recount matches', async () => {
    const page = await consoleAs(worker.username);
    await go(page, `consultation/votes/${vote}`);
    await page.getByTestId('vote-close').click();
    await confirmDialog(page, 'vote-close');
    await page.getByTestId('vote-result').waitFor();
    await page.getByTestId('vote-reason').filter({ hasText: '按人数通过，按面积未通过' }).waitFor();
    await shot(page, 'console-13-vote-result');
    await page.getByTestId('vote-recount').click();
    await page.getByText('复核一致').first().waitFor();
    await shot(page, 'console-14-recount');
    await confirmDialog(page, 'vote-recount');
    const closed = await get<VoteDetail>(worker.jwt, `/votes/${vote}`);
    expect(closed.result).toMatchObject({
      yes: { count: 4, area: 24000 },
      approval: { count: true, area: false, met: false },
      passed: false,
    });
    // The resident sees the result on the phone.
    const phone = await phoneAs(owners[0]!.username);
    await phone.goto(`${base}/c/vote/${vote}`);
    await phone.getByTestId('c-result').getByText('未通过', { exact: true }).waitFor();
    // …and says why, as the console does.
    await phone.getByTestId('c-result-why').getByText('按人数通过，按面积未通过').waitFor();
    await shot(phone, 'phone-10-result');
  });

  it('a second decision without a vote is implemented as a case, completed in yuan and closed', async () => {
    const meeting = await post<{ documentId: string }>(worker.jwt, '/meetings', {
      kind: 'open_air',
      title: '坝坝会：电梯费用分摊再协商',
      heldAt: new Date(Date.now() + 60_000).toISOString(),
      area: community.documentId,
      topics: [topic],
    });
    await post(worker.jwt, `/meetings/${meeting.documentId}/decisions`, {
      topic,
      text: '按面积分摊，政府补贴后实施',
    });
    const page = await consoleAs(worker.username);
    await go(page, `consultation/topics/${topic}`);
    await page.getByTestId('decision-implement').click();
    await page.getByLabel('转办事项').check();
    // The publicity period has not ended: the dialog says until when and asks for a reason.
    await page.getByText(/公示期至 .*尚未结束/).waitFor();
    await confirmDialog(page, 'decision-implement');
    // The refusal sits under the reason field itself.
    await page.locator('p.Mui-error').filter({ hasText: '提前实施须说明理由' }).waitFor();
    await page.getByTestId('early-reason').fill('公示期间无异议，施工窗口临近');
    await shot(page, 'console-15-implement');
    await confirmDialog(page, 'decision-implement');
    await page.getByTestId('decision-case').waitFor();
    expect(await page.getByTestId('decision-case').innerText()).toMatch(/^JM-/);
    await shot(page, 'console-16-implemented');
    await page.getByTestId('decision-complete').click();
    await page.getByTestId('funds-spent').fill('350000.5');
    await confirmDialog(page, 'decision-complete');
    await page.getByTestId('topic-stage').filter({ hasText: '评议中' }).waitFor();
    const detail = await get<TopicDetail>(worker.jwt, `/topics/${topic}`);
    const done = detail.decisions.find((d: DecisionRow) => d.status === 'done');
    expect(Number(done?.fundsSpent)).toBe(35000050);
    await page.getByText('¥350,000.50').waitFor();
    await shot(page, 'console-17-evaluating');
    // A resident rates it on the phone; the worker closes it.
    const phone = await phoneAs(owners[2]!.username);
    await phone.goto(`${base}/c/topic/${topic}`);
    await phone.getByTestId('c-star-5').click();
    await phone.getByTestId('tb-confirm').waitFor();
    if (SHOTS) await phone.screenshot({ path: path.join(SHOTS, 'phone-11a-rate-confirm.png') });
    // Nothing wider than the phone: the sheet sits where the finger is.
    expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await phone.getByTestId('tb-confirm-yes').click();
    await phone.getByText('感谢您的评议').waitFor();
    await shot(phone, 'phone-11-rated');
    await page.reload();
    await page.getByTestId('topic-close').click();
    await confirmDialog(page, 'topic-close');
    await page.getByTestId('topic-stage').filter({ hasText: '已办结' }).waitFor();
    await shot(page, 'console-18-closed');
  });

  it('the other screens: meetings, votes, rules and the procedure settings', async () => {
    const page = await consoleAs(worker.username);
    await page.locator('[data-menu-group="consultation"]').waitFor();
    await go(page, 'consultation/meetings');
    await page.getByTestId('meeting-row').first().waitFor();
    await shot(page, 'console-19-meetings');
    await go(page, 'consultation/votes');
    await page.getByTestId('vote-row').first().waitFor();
    await shot(page, 'console-20-votes');
    await go(page, 'consultation/rules');
    await page.getByTestId('rule-row').first().waitFor();
    await shot(page, 'console-21-rules');
    await go(page, `consultation/procedure?area=${community.documentId}`);
    await page.getByTestId('procedure-publicDays').waitFor();
    await page.getByTestId('procedure-publicDays').fill('-1');
    await page.getByTestId('procedure-save').click();
    await page.locator('.Mui-error').first().waitFor();
    await shot(page, 'console-22-procedure');
    // Staff raise a topic: an empty title is refused under the field, in Chinese.
    await go(page, 'consultation/topics/new');
    await page.getByTestId('topic-submit').click();
    await page.locator('p.Mui-error').filter({ hasText: '请填写议题标题' }).waitFor();
    await shot(page, 'console-23-topic-create');
    // In English, the topic screen has no Chinese-only words and no raw keys.
    await page.evaluate(`localStorage.setItem('RaStore.locale', '"en"')`);
    await go(page, `consultation/topics/${topic}`);
    // Only the hash changed: reload for react-admin to read the stored language.
    await page.reload();
    await page.getByText('Record', { exact: true }).waitFor();
    expect(await page.locator('body').innerText()).not.toMatch(/linli\.|办理记录|决定落实/);
    await shot(page, 'console-24-topic-en');
    await go(page, `consultation/votes/${vote}`);
    await page.getByTestId('vote-reason').filter({ hasText: 'failed by area' }).waitFor();
    await shot(page, 'console-25-vote-en');
    const phone = await phoneAs(owners[0]!.username);
    await shot(phone, 'phone-12-home-after');
  });
});
