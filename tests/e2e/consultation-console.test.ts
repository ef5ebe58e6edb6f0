// The consultation console's own screens in Chromium, beyond the journey: where a community's
// representatives rank, the worker enters each representative's ranking and withdraws one
// entered by mistake (and a resident's phone says who ranks); a vote called outside a meeting,
// under a rule that shows the running result; a lost ballot code reissued and printed.
import fs from 'fs';
import path from 'path';
import type { Browser, Page } from 'playwright-core';
import type { Core } from '@strapi/strapi';
import type {
  ElectorRow,
  TopicRow,
  VoteDetail,
} from '../../plugins/consultation/server/src/shared/contracts/consultation';
import { launchBrowser, listen, signIn } from '../helpers/browser';
import {
  DEMO_PASSWORD,
  bootStrapi,
  dbQuery,
  http,
  newUser,
  unique,
  type AreaRow,
} from '../helpers/strapi';
import { caseCommunity } from '../helpers/cases';
import { compoundWithHouseholds, newDocumentId } from '../helpers/consultation';

/** Screenshots go to CONSULTATION_SHOTS when set. */
const SHOTS = process.env.CONSULTATION_SHOTS;
const API = '/api/consultation';
const STEM = String(Date.now() % 1_000_000).padStart(6, '0');
const PHONES = [1, 2, 3, 4].map((i) => `138${STEM}0${i}`);

describe('the consultation console', () => {
  let strapi: Core.Strapi;
  let browser: Browser;
  let base: string;
  let page: Page;
  let community: AreaRow;
  let worker: { jwt: string; username: string };
  let resident: { jwt: string; username: string; id: number };
  let compoundName = '';
  let ruleName = '';
  const reps: { documentId: string; name: string }[] = [];
  const topics: string[] = [];
  const problems: string[] = [];

  const call = async <T>(method: 'get' | 'post' | 'put', jwt: string, url: string, body = {}) => {
    const req = http(strapi)[method](`${API}${url}`).set('Authorization', `Bearer ${jwt}`);
    const res = method === 'get' ? await req : await req.send(body);
    if (res.status >= 300)
      throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.data as T;
  };
  const shot = async (name: string, on: Page = page) => {
    if (!SHOTS) return;
    await on.waitForTimeout(400);
    await on.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  };
  const go = (hash: string) => page.goto(`${base}/console/#/${hash}`);

  beforeAll(async () => {
    if (SHOTS) fs.mkdirSync(SHOTS, { recursive: true });
    strapi = await bootStrapi();
    base = await listen(strapi);
    browser = await launchBrowser();
    community = (await caseCommunity(strapi, 14)).community;
    worker = await newUser(strapi, 'community-worker', { scope: community.documentId });
    const district = (await dbQuery(strapi, 'plugin::cms.area').findOne({
      where: { level: 'district' },
      select: ['documentId'],
    })) as { documentId: string };
    const staff = await newUser(strapi, 'foundation-staff', { scope: district.documentId });
    // This community's representatives rank (a setting of its procedure).
    await call('put', worker.jwt, `/procedures/${community.documentId}`, {
      rankers: 'representatives',
    });
    for (const name of [`代表甲${STEM}`, `代表乙${STEM}`]) {
      const person = (await dbQuery(strapi, 'plugin::cms.person').create({
        data: {
          documentId: newDocumentId('rep'),
          name,
          community: community.id,
          areaPath: community.path,
          isResident: true,
        },
      })) as { id: number; documentId: string };
      reps.push({ documentId: person.documentId, name });
    }
    resident = await newUser(strapi, 'resident');
    const repPerson = (await dbQuery(strapi, 'plugin::cms.person').findOne({
      where: { documentId: reps[0]!.documentId },
      select: ['id'],
    })) as { id: number };
    await dbQuery(strapi, 'plugin::users-permissions.user').update({
      where: { id: resident.id },
      data: { person: repPerson.id },
    });
    // An earlier run on the same database file left its topics being ranked: close them.
    const left = await call<TopicRow[]>('get', worker.jwt, `/ranking?area=${community.documentId}`);
    if (left.length)
      await call('post', worker.jwt, '/ranking/close', { area: community.documentId });
    for (const title of [`小区停车规划 ${STEM}`, `楼道照明改造 ${STEM}`]) {
      const raised = await call<{ documentId: string }>('post', worker.jwt, '/topics', {
        title,
        kind: 'parking',
        area: community.documentId,
      });
      await call('post', worker.jwt, `/topics/${raised.documentId}/screen`, {
        decision: 'accept',
      });
      topics.push(raised.documentId);
    }
    // A compound of four households, and a rule whose running result may be shown.
    compoundName = unique('续聘物业小区');
    await compoundWithHouseholds(strapi, {
      community,
      jwt: worker.jwt,
      name: compoundName,
      phones: PHONES,
      building: '2',
      firstRoom: 201,
      area: () => '90.00',
      type: 'commercial',
      label: '住户',
    });
    ruleName = `公开计票过半 ${STEM}`;
    await call('post', staff.jwt, '/rules', {
      key: `live-${STEM}`,
      nameZh: ruleName,
      nameEn: `Open count majority ${STEM}`,
      rule: {
        quorum: { count: { num: 1, den: 2, strict: true } },
        approval: { base: 'participating', count: { num: 1, den: 2, strict: true } },
        allowChange: false,
        showInterim: true,
      },
    });
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      timezoneId: 'Asia/Shanghai',
    });
    page = await context.newPage();
    page.setDefaultTimeout(20000);
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('response', (r) => {
      if (r.url().includes('/api/') && r.status() >= 500)
        problems.push(`${r.request().method()} ${new URL(r.url()).pathname} → ${r.status()}`);
    });
    await signIn(page, base, worker.username);
  }, 900_000);
  afterAll(async () => {
    await browser?.close();
    await strapi?.destroy();
  });
  afterEach(() => {
    expect(problems.splice(0)).toEqual([]);
  });

  it('the worker enters two representatives’ rankings and withdraws one', async () => {
    await go(`consultation/ranking?area=${community.documentId}`);
    await page.getByTestId('ranking-table').waitFor();
    await page.getByTestId('rank-entries-empty').waitFor();
    for (const [rep, flip] of [
      [reps[0]!, true],
      [reps[1]!, false],
    ] as const) {
      await page.getByTestId('rank-enter').click();
      // Confirming without a representative is not possible; choose one of the community's.
      await page.getByTestId('rank-representative').fill(rep.name);
      await page.getByRole('option', { name: rep.name }).click();
      if (flip)
        await page
          .getByTestId('rank-order-item')
          .nth(1)
          .getByRole('button', { name: '上移' })
          .click();
      await shot('ranking-1-enter');
      await page.getByTestId('rank-enter-confirm').click();
      await page.getByTestId('rank-enter-confirm').waitFor({ state: 'detached' });
      await page.getByTestId('rank-entry').filter({ hasText: rep.name }).waitFor();
    }
    await shot('ranking-2-entries');
    // Representative 甲 put the second topic first, 乙 the first: 3 points each.
    const ranking = await call<TopicRow[]>(
      'get',
      worker.jwt,
      `/ranking?area=${community.documentId}`,
    );
    expect(ranking.map((t) => [t.rankScore, t.rankVoters])).toEqual([
      [3, 2],
      [3, 2],
    ]);
    await page
      .getByTestId('rank-entry')
      .filter({ hasText: reps[1]!.name })
      .getByTestId('rank-withdraw')
      .click();
    await page.getByTestId('rank-withdraw-confirm').click();
    await page.getByTestId('rank-entry').filter({ hasText: reps[1]!.name }).waitFor({
      state: 'detached',
    });
    await page
      .getByTestId('ranking-row')
      .first()
      .filter({ hasText: topicTitle(1) })
      .waitFor();
    const after = await call<TopicRow[]>(
      'get',
      worker.jwt,
      `/ranking?area=${community.documentId}`,
    );
    expect(after.map((t) => [t.documentId, t.rankScore, t.rankVoters])).toEqual([
      [topics[1], 2, 1],
      [topics[0], 1, 1],
    ]);
  });

  it('the representative’s phone says that representatives rank here', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      timezoneId: 'Asia/Shanghai',
    });
    const phone = await context.newPage();
    phone.setDefaultTimeout(20000);
    await phone.goto(`${base}/c`);
    await phone.fill('#tb-username', resident.username);
    await phone.fill('#tb-password', DEMO_PASSWORD);
    await phone.getByTestId('c-sign-in-submit').click();
    await phone.getByTestId('c-rank-representatives').filter({ hasText: '居民代表' }).waitFor();
    expect(await phone.getByTestId('c-rank-prompt').count()).toBe(0);
    await shot('ranking-3-phone', phone);
    await context.close();
  });

  it('a vote called outside a meeting shows its running count; a lost code is reissued', async () => {
    await go('consultation/votes');
    await page.getByTestId('vote-create').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: '社区' }).click();
    await page.getByRole('option', { name: community.name, exact: true }).click();
    await page.getByTestId('vote-title').fill(`续聘物业服务企业 ${STEM}`);
    await dialog.getByRole('combobox', { name: '表决范围' }).click();
    await page.getByRole('option', { name: '按户表决' }).click();
    await dialog.getByRole('combobox', { name: '表决规则' }).click();
    await page.getByRole('option', { name: new RegExp(ruleName) }).click();
    await dialog.getByRole('combobox', { name: '小区' }).click();
    await page.getByRole('option', { name: compoundName }).click();
    await shot('vote-1-create');
    await page.getByTestId('vote-create-confirm').click();
    await page.getByTestId('vote-show').waitFor();
    await page.getByTestId('vote-open').click();
    await page.getByTestId('vote-open-confirm').click();
    await page.getByTestId('vote-turnout').waitFor();
    const vote = page.url().split('/').pop() as string;
    // Codes for all four households; one is cast at once, and the running count shows.
    const codes = await call<{ electorId: string; label: string; code: string }[]>(
      'post',
      worker.jwt,
      `/votes/${vote}/codes`,
    );
    expect(codes).toHaveLength(4);
    await http(strapi)
      .post(`${API}/ballot-code`)
      .send({ code: codes[0]!.code, choice: 'yes' })
      .expect(201);
    await page.reload();
    await page.getByTestId('vote-interim-passing').waitFor();
    await shot('vote-2-interim');
    const detail = await call<VoteDetail>('get', worker.jwt, `/votes/${vote}`);
    expect(detail.interim).toMatchObject({ yes: { count: 1 }, participating: { count: 1 } });
    // The household of room 202 lost its notice: a new code, the old one void.
    const lost = codes.find((c) => c.label.includes('202'))!;
    await page
      .getByTestId('elector-row')
      .filter({ hasText: '202' })
      .getByTestId('vote-reissue')
      .click();
    await page.getByTestId('vote-reissue-confirm').click();
    await page.getByTestId('vote-notice').first().waitFor();
    expect(await page.getByTestId('vote-notice').count()).toBe(1);
    const notice = await page.getByTestId('vote-notice').innerText();
    expect(notice).toContain('202');
    expect(notice).not.toContain(lost.code);
    await shot('vote-3-reissued');
    const old = await http(strapi)
      .post(`${API}/ballot-code`)
      .send({ code: lost.code, choice: 'no' });
    expect(old.status).toBe(400);
    const electors = await call<ElectorRow[]>('get', worker.jwt, `/votes/${vote}/electors`);
    const voted = electors.filter((e) => e.castAt);
    expect(voted).toHaveLength(1);
    // A household that has voted gets no new code.
    const refused = await http(strapi)
      .post(`${API}/votes/${vote}/codes`)
      .set('Authorization', `Bearer ${worker.jwt}`)
      .send({ electors: [voted[0]!.documentId] });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.errors[0].path).toEqual(['electors']);
  });

  it('a resident’s paper evaluation form is entered by the worker, once', async () => {
    // The first topic through to evaluation over the API: ranked, decided, implemented early.
    const topic = topics[0]!;
    await call('post', worker.jwt, '/ranking/close', { area: community.documentId }).catch(
      () => undefined,
    );
    const meeting = await call<{ documentId: string }>('post', worker.jwt, '/meetings', {
      kind: 'council',
      title: `居民议事会 ${STEM}`,
      heldAt: new Date().toISOString(),
      area: community.documentId,
      topics: [topic],
    });
    const decision = await call<{ documentId: string }>(
      'post',
      worker.jwt,
      `/meetings/${meeting.documentId}/decisions`,
      { topic, text: '同意实施' },
    );
    await call('post', worker.jwt, `/decisions/${decision.documentId}/implement`, {
      kind: 'tasks',
      tasks: [{ title: '实施' }],
      earlyReason: '公示期间无异议',
    });
    await call('post', worker.jwt, `/decisions/${decision.documentId}/tasks/0/done`);
    await call('post', worker.jwt, `/decisions/${decision.documentId}/complete`, {});
    await go(`consultation/topics/${topic}`);
    await page.getByTestId('paper-rating').click();
    await page.getByTestId('paper-rating-resident').fill(reps[1]!.name);
    await page.getByRole('option', { name: reps[1]!.name }).click();
    await page
      .getByTestId('paper-rating-stars')
      .locator('label')
      .filter({ hasText: '4 Stars' })
      .click();
    await shot('evaluation-1-paper');
    await page.getByTestId('paper-rating-confirm').click();
    await page.getByTestId('paper-rating-confirm').waitFor({ state: 'detached' });
    const rated = await call<TopicRow>('get', worker.jwt, `/topics/${topic}`);
    expect(rated).toMatchObject({ ratingCount: 1, ratingSum: 4 });
    // The same resident's second form is refused under the resident's field.
    await page.getByTestId('paper-rating').click();
    await page.getByTestId('paper-rating-resident').fill(reps[1]!.name);
    await page.getByRole('option', { name: reps[1]!.name }).click();
    await page
      .getByTestId('paper-rating-stars')
      .locator('label')
      .filter({ hasText: '2 Stars' })
      .click();
    await page.getByTestId('paper-rating-confirm').click();
    await page.locator('p.Mui-error').filter({ hasText: '该居民已评价过' }).waitFor();
    await shot('evaluation-2-twice');
    await page.getByRole('button', { name: '取消' }).click();
  });

  function topicTitle(i: number): string {
    return [`小区停车规划 ${STEM}`, `楼道照明改造 ${STEM}`][i] as string;
  }
});
