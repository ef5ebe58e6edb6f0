// The time bank's staff console in Chromium: a community worker posts a request for an elder,
// sees the matching volunteers, dispatches it to one and, once the volunteer has checked out,
// confirms on the elder's behalf (the hours reach the passbook); foundation staff credit an
// activity of fifty people in one click, told beforehand how many people and hours.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Core } from '@strapi/strapi';
import { launchBrowser, listen, signIn } from '../helpers/browser';
import { bootStrapi, dbQuery, http, login, unique } from '../helpers/strapi';
import { addDays, todayInChina } from '../../cms/server/src/domain/china-time';

/** Where screenshots go when TB_SHOTS names a folder (desktop 1280×900 and phone 390×844). */
const SHOTS = process.env.TB_SHOTS;
const API = '/api/time-bank';

describe('the time bank console', () => {
  let strapi: Core.Strapi;
  let browser: Browser;
  let base: string;
  let context: BrowserContext;
  let page: Page;
  const tokens: Record<string, string> = {};
  let community: { documentId: string; name: string };
  let category: { documentId: string; code: string; nameZh: string };

  const api = (method: 'get' | 'post', url: string, token: string, body?: object) => {
    const call = http(strapi)[method](url).set('Authorization', `Bearer ${token}`);
    return body ? call.send(body) : call;
  };
  const ok = async (method: 'get' | 'post', url: string, token: string, body?: object) => {
    const res = await api(method, url, token, body);
    if (res.status >= 300)
      throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.data;
  };

  beforeAll(async () => {
    strapi = await bootStrapi();
    base = await listen(strapi);
    browser = await launchBrowser();
    for (const role of ['community-worker', 'foundation-staff', 'volunteer'])
      tokens[role] = await login(strapi, role);
    const me = await http(strapi)
      .get('/api/cms/me')
      .set('Authorization', `Bearer ${tokens['community-worker']}`);
    community = me.body.data.scope;
    const categories = await ok(
      'get',
      `/api/time-bank/categories?filters[active][$eq]=true&sort=sort:asc`,
      tokens['foundation-staff'],
    );
    category =
      categories[0] ??
      (await ok('post', `${API}/categories`, tokens['foundation-staff'], {
        data: { code: 'escort', nameZh: '陪诊', nameEn: 'Escort', sort: 1, active: true },
      }));
  });
  afterAll(async () => {
    await browser?.close();
    await strapi?.destroy();
  });
  const newPage = async (storageState?: Awaited<ReturnType<BrowserContext['storageState']>>) => {
    context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      timezoneId: 'Asia/Shanghai',
      storageState,
    });
    page = await context.newPage();
    page.setDefaultTimeout(20000);
  };
  afterEach(async () => {
    await context?.close();
  });

  // Each account signs in once; later tests reuse its session.
  const sessions = new Map<string, Awaited<ReturnType<BrowserContext['storageState']>>>();
  const signInAs = async (username: string) => {
    await context?.close();
    const saved = sessions.get(username);
    await newPage(saved);
    if (!saved) {
      await signIn(page, base, username);
      sessions.set(username, await context.storageState());
    } else {
      await page.goto(`${base}/console/`);
      await page.getByTestId('identity').waitFor();
    }
  };
  const go = async (hash: string) => {
    await page.goto(`${base}/console/#/${hash}`);
  };
  /** Desktop and phone screenshots of what is shown, when TB_SHOTS is set. */
  const shot = async (name: string) => {
    if (!SHOTS) return;
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${SHOTS}/${name}-desktop.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${SHOTS}/${name}-phone.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  };

  it('dispatches an elder’s request to a matching volunteer and confirms it on their behalf', async () => {
    const worker = tokens['community-worker'] as string;
    const volunteerToken = tokens.volunteer as string;
    // The volunteer has joined in the worker's community, offering the category.
    const joined = await api('post', `${API}/me/join`, volunteerToken, {
      area: community.documentId,
      categories: [category.code],
    });
    const volunteer =
      joined.status < 300
        ? joined.body.data
        : (await ok('get', `${API}/me`, volunteerToken)).member;
    const elderName = unique('王阿姨');
    await ok('post', `${API}/members`, worker, {
      kind: 'person',
      name: elderName,
      area: community.documentId,
    });

    await signInAs('community-worker');
    await go('time-bank-requests/create');
    await page.getByTestId('request-member').fill(elderName);
    await page.getByRole('option', { name: new RegExp(elderName) }).click();
    const title = unique('陪王阿姨去医院复诊');
    await page.locator('input[name="title"]').fill(title);
    await page.getByRole('combobox', { name: /服务类别/ }).click();
    await page.getByRole('option').first().click();
    const day = addDays(todayInChina(), 1);
    await page.locator('input[name="windowStart"]').fill(`${day}T09:00`);
    await page.locator('input[name="windowEnd"]').fill(`${day}T11:00`);
    await page.locator('input[name="estimatedHours"]').fill('1.5');
    await shot('request-create');
    await page.getByRole('button', { name: '发布', exact: true }).click();

    // The request's page lists the candidates with their score and reasons.
    const row = page.getByTestId('candidate').filter({ hasText: volunteer.name });
    await row.waitFor();
    expect(await row.getByTestId('candidate-score').innerText()).toMatch(/\d/);
    await shot('request-show');
    await row.getByTestId('candidate-dispatch').click();
    const consequences = page.getByTestId('confirm-consequences');
    await expect(consequences.innerText()).resolves.toContain(volunteer.name);
    await expect(consequences.innerText()).resolves.toContain('1.5 小时');
    await page.getByTestId('candidate-dispatch-confirm').click();
    await page.getByTestId('request-service').waitFor();

    // The volunteer checks in and, an hour and a half later, out (the clock moved in the database).
    const request = await dbQuery(strapi, 'plugin::time-bank.request').findOne({
      where: { title },
    });
    const service = await dbQuery(strapi, 'plugin::time-bank.service').findOne({
      where: { request: { id: request.id } },
    });
    // Tomorrow came: the window starts (check-in opens an hour before it).
    await dbQuery(strapi, 'plugin::time-bank.request').update({
      where: { id: request.id },
      data: {
        windowStart: new Date(Date.now() - 10 * 60_000),
        windowEnd: new Date(Date.now() + 110 * 60_000),
      },
    });
    await ok('post', `${API}/services/${service.documentId}/check-in`, volunteerToken);
    await dbQuery(strapi, 'plugin::time-bank.service').update({
      where: { id: service.id },
      data: { checkedInAt: new Date(Date.now() - 90 * 60_000) },
    });
    await ok('post', `${API}/services/${service.documentId}/check-out`, volunteerToken);

    await go(`time-bank-services/${service.documentId}/show`);
    await page.getByTestId('service-confirm').click();
    await expect(consequences.innerText()).resolves.toContain('代服务对象确认');
    await page.getByTestId('service-confirm-confirm').click();
    await page.getByTestId('service-step-confirmed').waitFor();
    const after = await dbQuery(strapi, 'plugin::time-bank.service').findOne({
      where: { id: service.id },
    });
    expect(after.state).toBe('confirmed');
    expect(after.confirmedOnBehalf).toBe(true);
    const credited = `${Math.round((after.creditedMinutes / 60) * 100) / 100} 小时`;
    await expect(page.getByTestId('service-step-confirmed').innerText()).resolves.toContain(
      credited,
    );
    await shot('service-show');

    // The volunteer's passbook shows the deposit.
    await go(`time-bank-members/${volunteer.documentId}/show`);
    await page.getByTestId('passbook-line').first().waitFor();
    await expect(page.getByTestId('passbook-line').first().innerText()).resolves.toContain(
      credited,
    );
    await shot('member-show');
  });

  it('credits an activity of fifty people in one click, saying how many and how long', async () => {
    const staff = tokens['foundation-staff'] as string;
    const pool = await ok('post', `${API}/members`, staff, {
      kind: 'pool',
      name: unique('社区时间池'),
      area: community.documentId,
    });
    await ok('post', `${API}/members/${pool.documentId}/issue`, staff, { minutes: 50 * 120 });
    const people: string[] = [];
    for (let i = 0; i < 50; i += 1) {
      const m = await ok('post', `${API}/members`, staff, {
        kind: 'person',
        name: unique(`志愿者${i}-`),
        area: community.documentId,
      });
      people.push(m.documentId);
    }
    const day = addDays(todayInChina(), -1);
    const activity = await ok('post', `${API}/activities`, staff, {
      data: {
        title: unique('社区清洁日'),
        category: category.documentId,
        area: community.documentId,
        place: '社区广场',
        startsAt: `${day}T01:00:00.000Z`,
        endsAt: `${day}T03:00:00.000Z`,
        capacity: 60,
        pool: pool.documentId,
      },
    });
    await ok('post', `${API}/activities/${activity.documentId}/roster`, staff, {
      entries: people.map((member) => ({ member, minutes: 120 })),
    });

    await signInAs('foundation-staff');
    await go(`time-bank-activities/${activity.documentId}/show`);
    await page.getByTestId('participation').nth(49).waitFor();
    await page.getByTestId('checkin-qr').waitFor();
    await shot('activity-show');
    await page.getByTestId('activity-credit').click();
    const consequences = page.getByTestId('confirm-consequences');
    await expect(consequences.innerText()).resolves.toContain('50 人');
    await expect(consequences.innerText()).resolves.toContain('100 小时');
    await page.getByTestId('activity-credit-confirm').click();
    await page.getByText('已记入时长').first().waitFor();
    const after = await dbQuery(strapi, 'plugin::time-bank.activity').findOne({
      where: { documentId: activity.documentId },
    });
    expect(after.status).toBe('credited');
    const credited = await dbQuery(strapi, 'plugin::time-bank.participation').count({
      where: { activity: { id: after.id }, status: 'credited' },
    });
    expect(credited).toBe(50);
    await page.getByTestId('participation-credited').filter({ hasText: '小时' }).nth(49).waitFor();
  });

  it('shows every time-bank screen to foundation staff', async () => {
    await signInAs('foundation-staff');
    const screens: [string, string][] = [
      ['time-bank-members', 'members-list'],
      ['time-bank-members/create', 'member-create'],
      ['time-bank-requests', 'requests-list'],
      ['time-bank-services', 'services-list'],
      ['time-bank-activities', 'activities-list'],
      ['time-bank-activities/create', 'activity-create'],
      ['time-bank-catalogue-items', 'catalogue-list'],
      ['time-bank-catalogue-items/create', 'catalogue-create'],
      ['time-bank-redemptions', 'redemptions-list'],
      ['time-bank-categories', 'categories-list'],
    ];
    for (const [hash, name] of screens) {
      await go(hash);
      await page
        .locator(
          hash.endsWith('/create')
            ? 'button[type="submit"]:visible'
            : '.RaList-main:visible, .RaEmpty-message:visible',
        )
        .first()
        .waitFor();
      await shot(name);
    }
    await go('time-bank-policy');
    await page.getByTestId('policy-versions').waitFor();
    await page.getByTestId('policy-preview').click();
    await page.getByTestId('policy-preview-ok').waitFor();
    await shot('policy');
    await go('');
    await page.getByTestId('time-bank-card').waitFor();
    await shot('dashboard');
  });
});
