// Cases configured without code or restart: an administrator builds a case type (加装电梯申请)
// with its own intake form and workflow, a broken workflow is refused, a case runs through the
// new type and keeps its version when the type changes; the working-day calendar is edited and
// checked; deadlines fall on working time across 国庆 and onto a make-up Saturday; the centre's
// operations (press, extension, merge, split, call-back), attachments and the inbox.
import type { Core } from '@strapi/strapi';
import { bootStrapi, dbQuery, http, unique, type ValidationIssue } from '../helpers/strapi';
import { CASES_API, caseCommunity, caseUser } from '../helpers/cases';

type Res = {
  status: number;
  body: { data?: Record<string, unknown>; error?: { details?: { errors?: ValidationIssue[] } } };
};

// A real PNG (1×1): the upload check sniffs the content against the type.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

const l = (zh: string, en: string) => ({ zh, en });

/** A status, with the answer's error in the failure message when it differs. */
function expectStatus(res: { status: number; body: unknown }, status: number): void {
  if (res.status !== status)
    throw new Error(
      `expected ${status}, got ${res.status}: ${JSON.stringify(res.body).slice(0, 600)}`,
    );
}

/** The lift-installation type as an administrator draws it in the designer. */
const liftDefinition = (slaMinutes = 480) => ({
  categories: [
    {
      key: 'lift',
      label: l('加装电梯', 'Lift installation'),
      children: [{ key: 'apply', label: l('申请加装', 'Application') }],
    },
  ],
  workflow: {
    initial: 'applied',
    states: [
      { key: 'applied', label: l('已申请', 'Applied'), kind: 'open' },
      { key: 'review', label: l('社区审核', 'Community review'), kind: 'open', slaMinutes },
      { key: 'consult', label: l('征求意见', 'Consulting owners'), kind: 'waiting' },
      { key: 'approved', label: l('已同意', 'Approved'), kind: 'resolved' },
      { key: 'closed', label: l('已办结', 'Closed'), kind: 'closed' },
    ],
    transitions: [
      {
        key: 'accept',
        label: l('受理', 'Accept'),
        from: ['applied'],
        to: 'review',
        by: ['centre'],
        effect: 'dispatch',
      },
      {
        key: 'consult',
        label: l('征求业主意见', 'Consult the owners'),
        from: ['review'],
        to: 'consult',
        by: ['assignee'],
        requires: { note: true },
      },
      {
        key: 'consulted',
        label: l('意见已收回', 'Opinions in'),
        from: ['consult'],
        to: 'review',
        by: ['assignee'],
      },
      {
        key: 'approve',
        label: l('同意加装', 'Approve'),
        from: ['review'],
        to: 'approved',
        by: ['assignee'],
        effect: 'reply',
        requires: { note: true },
      },
      {
        key: 'close',
        label: l('办结', 'Close'),
        from: ['approved'],
        to: 'closed',
        by: ['centre', 'reporter'],
        effect: 'close',
      },
    ],
  },
  resolveMinutes: 4200,
  dispatch: [{ to: { kind: 'community' }, transition: 'accept' }],
  reopenDays: 15,
});

describe('cases configured by administrators', () => {
  let strapi: Core.Strapi;
  let admin: { jwt: string };
  let worker: { jwt: string; id: number };
  let centre: { jwt: string };
  let community: { documentId: string; path: string; name: string };

  const as = (jwt: string) => ({ Authorization: `Bearer ${jwt}` });
  const send = (method: 'post' | 'put', jwt: string | null, path: string, body: object = {}) => {
    const req = http(strapi)[method](path.startsWith('/api') ? path : `${CASES_API}${path}`);
    if (jwt) req.set(as(jwt));
    return req.send(body) as unknown as Promise<Res>;
  };
  const post = (jwt: string | null, path: string, body: object = {}) =>
    send('post', jwt, path, body);
  const put = (jwt: string | null, path: string, body: object = {}) => send('put', jwt, path, body);
  const get = (jwt: string, path: string) =>
    http(strapi).get(`${CASES_API}${path}`).set(as(jwt)) as unknown as Promise<Res>;
  const codes = (res: Res) => (res.body.error?.details?.errors ?? []).map((e) => e.code);
  const clock = () =>
    strapi.plugin('cases').service('clock') as { set(at: Date | null): void; now(): Date };
  const sweep = () =>
    strapi.plugin('cases').service('sweep') as { runOnce(now?: Date): Promise<unknown> };

  async function phoneCase(title: string, jwt = centre.jwt, category = 'environment') {
    const res = await post(jwt, '/cases', {
      type: 'resident-request',
      channel: 'phone',
      title,
      category,
      area: community.documentId,
      reporterName: '张伟',
      reporterPhone: '13700001111',
    });
    expectStatus(res, 201);
    return res.body.data as { documentId: string; state: string; number: string };
  }

  beforeAll(async () => {
    strapi = await bootStrapi();
    const places = await caseCommunity(strapi, 1);
    community = places.community;
    const district = await dbQuery(strapi, 'plugin::cms.area').findOne({
      where: { level: 'district' },
      select: ['documentId'],
    });
    admin = await caseUser(strapi, 'foundation-staff', district.documentId);
    worker = await caseUser(strapi, 'community-worker', community.documentId);
    centre = await caseUser(strapi, 'community-worker', places.subdistrict.documentId);
  });
  afterAll(async () => {
    clock().set(null);
    await strapi?.destroy();
  });

  it('builds 加装电梯申请 with its own form, refuses a broken workflow, runs a case through it', async () => {
    // The intake form, drawn in the forms designer and published.
    const slug = unique('lift-');
    const form = await post(admin.jwt, '/api/forms/forms', {
      data: {
        name: '加装电梯申请',
        nameEn: 'Lift installation',
        slug,
        purpose: 'case-intake',
        draft: {
          fields: [
            { key: 'area', kind: 'area', label: l('所在社区', 'Community'), required: true },
            { key: 'details', kind: 'textarea', label: l('情况说明', 'Details'), required: true },
            { key: 'name', kind: 'text', label: l('申请人', 'Applicant'), required: true },
            { key: 'phone', kind: 'mobile', label: l('手机号', 'Mobile'), required: true },
          ],
        },
      },
    });
    expectStatus(form, 201);
    const formId = (form.body.data as { documentId: string }).documentId;
    expect((await post(admin.jwt, `/api/forms/forms/${formId}/publish`)).status).toBe(200);

    // A first draft with no closed state and a state nobody reaches.
    const key = unique('lift-').toLowerCase();
    const broken = liftDefinition();
    broken.workflow.states = broken.workflow.states.filter((s) => s.kind !== 'closed');
    broken.workflow.states.push({ key: 'limbo', label: l('悬空', 'Limbo'), kind: 'open' });
    broken.workflow.transitions = broken.workflow.transitions.filter((t) => t.key !== 'close');
    const created = await post(admin.jwt, '/types', {
      key,
      name: '加装电梯申请',
      nameEn: 'Lift installation',
      numberPrefix: 'DT',
      intakeForm: slug,
      draft: broken,
    });
    expectStatus(created, 201);
    const check = await post(admin.jwt, `/types/${key}/check`, { definition: broken });
    expectStatus(check, 200);
    const found = check.body.data as { issues: { code: string }[]; reachable: string[] };
    expect(found.issues.map((i) => i.code)).toEqual(
      expect.arrayContaining(['no_closed_state', 'unreachable_state']),
    );
    const refused = await post(admin.jwt, `/types/${key}/publish`);
    expectStatus(refused, 400);
    expect(codes(refused)).toEqual(expect.arrayContaining(['no_closed_state']));
    expect(
      (await get(admin.jwt, `/types/${key}`)).body.data as { currentVersion: number },
    ).toMatchObject({ currentVersion: 0 });

    // An SLA of zero is refused too; the fixed draft publishes. A community worker may not.
    const zero = await put(admin.jwt, `/types/${key}`, { draft: liftDefinition(0) });
    expectStatus(zero, 200);
    const zeroPublish = await post(admin.jwt, `/types/${key}/publish`);
    expectStatus(zeroPublish, 400);
    expect(codes(zeroPublish)).toContain('invalid_sla');
    expect((await put(admin.jwt, `/types/${key}`, { draft: liftDefinition() })).status).toBe(200);
    expect((await post(worker.jwt, `/types/${key}/publish`)).status).toBe(403);
    const published = await post(admin.jwt, `/types/${key}/publish`);
    expectStatus(published, 200);
    expect(published.body.data).toMatchObject({ currentVersion: 1 });

    // A resident applies through the form: the rule dispatches it to the community.
    const submitted = await http(strapi)
      .post(`/api/forms/${slug}/submissions`)
      .send({
        data: {
          area: community.documentId,
          details: '5号楼2单元申请加装电梯，已有三分之二业主同意',
          name: '陈静',
          phone: '13600001234',
        },
      });
    expectStatus(submitted, 201);
    const row = await dbQuery(strapi, 'plugin::cases.case').findOne({
      where: { receiptCode: submitted.body.data.receiptCode },
    });
    expect(row).toMatchObject({ typeKey: key, typeVersion: 1, state: 'review' });
    expect(row.number).toMatch(/^DT-\d{4}-000001$/);

    // The type changes (v2); the running case keeps v1's workflow.
    const v2 = liftDefinition(240);
    v2.workflow.states[1]!.label = l('社区初审', 'First review');
    expect((await put(admin.jwt, `/types/${key}`, { draft: v2 })).status).toBe(200);
    expect((await post(admin.jwt, `/types/${key}/publish`)).body.data).toMatchObject({
      currentVersion: 2,
    });
    const move = (transition: string, expectedState: string, extra: object = {}) =>
      post(worker.jwt, `/cases/${row.documentId}/transition`, {
        transition,
        expectedState,
        ...extra,
      });
    const consult = await move('consult', 'review', { note: '张贴公示，征求全体业主意见' });
    expectStatus(consult, 200);
    expect(consult.body.data).toMatchObject({
      typeVersion: 1,
      stateLabel: { zh: '征求意见' },
      slaStatus: 'paused',
    });
    expect((await move('consulted', 'consult')).status).toBe(200);
    const approved = await move('approve', 'review', { note: '同意加装，请联系施工单位' });
    expectStatus(approved, 200);
    expect(approved.body.data).toMatchObject({ stateKind: 'resolved', slaStatus: 'met' });
    const closed = await post(centre.jwt, `/cases/${row.documentId}/transition`, {
      transition: 'close',
      expectedState: 'approved',
    });
    expectStatus(closed, 200);
    expect(closed.body.data).toMatchObject({ stateKind: 'closed' });
  });

  it('keeps the calendar as data, refusing what cannot be', async () => {
    const year = 2031;
    const good = {
      holidays: ['2031-01-01'],
      workdays: ['2031-01-04'],
      hours: [
        [540, 720],
        [810, 1050],
      ],
      source: '测试用日历',
    };
    expect((await put(worker.jwt, `/calendar/${year}`, good)).status).toBe(403);
    const conflict = await put(admin.jwt, `/calendar/${year}`, {
      ...good,
      workdays: ['2031-01-01'],
    });
    expectStatus(conflict, 400);
    expect(codes(conflict)).toContain('conflicting_day');
    const badHours = await put(admin.jwt, `/calendar/${year}`, {
      ...good,
      hours: [
        [540, 800],
        [700, 1050],
      ],
    });
    expectStatus(badHours, 400);
    expect(codes(badHours)).toContain('invalid_hours');
    const wrongYear = await put(admin.jwt, `/calendar/${year}`, {
      ...good,
      holidays: ['2030-12-31'],
    });
    expectStatus(wrongYear, 400);
    expect(codes(wrongYear)).toContain('invalid_date');
    expect(await dbQuery(strapi, 'plugin::cases.calendar-year').count({ where: { year } })).toBe(0);
    const saved = await put(admin.jwt, `/calendar/${year}`, good);
    expectStatus(saved, 200);
    expect(saved.body.data).toMatchObject({ year, holidays: ['2031-01-01'] });
  });

  it('counts deadlines in working time across 国庆 and onto a make-up Saturday', async () => {
    // Wed 30 Sep 2026, 16:00 China: 90 minutes that day, then 1–7 Oct off; due Thu 8 Oct 09:30.
    clock().set(new Date('2026-09-30T08:00:00Z'));
    const autumn = await phoneCase('国庆前反映：楼道堆物');
    clock().set(null);
    const a = await dbQuery(strapi, 'plugin::cases.case').findOne({
      where: { documentId: autumn.documentId },
    });
    expect(a.state).toBe('dispatched');
    expect(new Date(a.stateDueAt).toISOString()).toBe('2026-10-08T01:30:00.000Z');
    // Fri 13 Feb 2026, 17:00: 30 minutes that day, then the make-up Saturday 14 Feb from 09:00.
    clock().set(new Date('2026-02-13T09:00:00Z'));
    const winter = await phoneCase('春节前反映：路灯不亮', centre.jwt, 'facilities');
    clock().set(null);
    const w = await dbQuery(strapi, 'plugin::cases.case').findOne({
      where: { documentId: winter.documentId },
    });
    expect(new Date(w.stateDueAt).toISOString()).toBe('2026-02-14T02:30:00.000Z');
    // The sweep on the holiday finds nothing due; on the 8th at 09:31 it is overdue.
    // (80 % of the limit falls on the 8th at 09:06, so nothing is even due soon on the 5th.)
    await sweep().runOnce(new Date('2026-10-05T02:00:00Z'));
    expect(
      (await dbQuery(strapi, 'plugin::cases.case').findOne({ where: { id: a.id } })).slaStatus,
    ).toBe('on_time');
    await sweep().runOnce(new Date('2026-10-08T01:31:00Z'));
    expect(
      (await dbQuery(strapi, 'plugin::cases.case').findOne({ where: { id: a.id } })).slaStatus,
    ).toBe('overdue');
  });

  it('lets the centre press, decide extensions, merge, split and call back', async () => {
    const first = await phoneCase('小区东门井盖缺失', centre.jwt, 'facilities');
    const signed = await post(worker.jwt, `/cases/${first.documentId}/transition`, {
      transition: 'sign',
      expectedState: 'dispatched',
    });
    expectStatus(signed, 200);
    const pressed = await post(centre.jwt, `/cases/${first.documentId}/press`, {
      note: '请今日内处置',
    });
    expectStatus(pressed, 200);
    expect(pressed.body.data).toMatchObject({ pressCount: 1 });
    expect((await post(worker.jwt, `/cases/${first.documentId}/press`, {})).status).toBe(400);

    const before = new Date((pressed.body.data as { dueAt: string }).dueAt).getTime();
    const badDays = await post(worker.jwt, `/cases/${first.documentId}/extension`, {
      workingDays: 0,
      reason: '需要采购井盖',
    });
    expectStatus(badDays, 400);
    expect(badDays.body.error?.details?.errors?.[0]).toMatchObject({ path: ['workingDays'] });
    const asked = await post(worker.jwt, `/cases/${first.documentId}/extension`, {
      workingDays: 2,
      reason: '需要采购井盖',
    });
    expectStatus(asked, 200);
    expect(asked.body.data).toMatchObject({ extension: { state: 'requested' } });
    expect(
      (await post(worker.jwt, `/cases/${first.documentId}/extension/decide`, { grant: true }))
        .status,
    ).toBe(403);
    const granted = await post(centre.jwt, `/cases/${first.documentId}/extension/decide`, {
      grant: true,
      note: '同意',
    });
    expectStatus(granted, 200);
    expect(new Date((granted.body.data as { dueAt: string }).dueAt).getTime()).toBeGreaterThan(
      before,
    );

    // A duplicate is merged into the first; another case is split in two.
    const duplicate = await phoneCase('东门井盖没了', centre.jwt, 'facilities');
    const merged = await post(centre.jwt, `/cases/${duplicate.documentId}/merge`, {
      into: first.documentId,
      note: '重复反映',
    });
    expectStatus(merged, 200);
    expect(merged.body.data).toMatchObject({
      stateKind: 'closed',
      mergedInto: { number: first.number },
    });
    const wide = await phoneCase('小区路灯坏且垃圾满溢', centre.jwt, 'facilities');
    const split = await post(centre.jwt, `/cases/${wide.documentId}/split`, {
      parts: [
        { title: '路灯坏', category: 'facilities', item: 'street_light' },
        { title: '垃圾满溢', category: 'environment', item: 'garbage' },
      ],
    });
    expectStatus(split, 200);
    expect((split.body.data as { children: unknown[] }).children).toHaveLength(2);
    const badSplit = await post(centre.jwt, `/cases/${wide.documentId}/split`, {
      parts: [{ title: '', category: 'nope' }],
    });
    expectStatus(badSplit, 400);

    // A call-back is recorded once the case is resolved, not before.
    expect(
      (await post(centre.jwt, `/cases/${first.documentId}/callback`, { satisfaction: 5 })).status,
    ).toBe(400);
    expect(
      (
        await post(worker.jwt, `/cases/${first.documentId}/transition`, {
          transition: 'reply',
          expectedState: 'handling',
          note: '已补装井盖',
        })
      ).status,
    ).toBe(200);
    const called = await post(centre.jwt, `/cases/${first.documentId}/callback`, {
      satisfaction: 4,
      note: '电话回访，居民满意',
    });
    expectStatus(called, 200);
    expect(called.body.data).toMatchObject({ satisfaction: 4, ratedBy: 'callback' });
  });

  it('takes photos through the upload checks and attaches only the uploader’s own', async () => {
    const c = await phoneCase('绿地被占用种菜');
    const upload = (jwt: string, buffer: Buffer, name: string) =>
      http(strapi)
        .post(`${CASES_API}/attachments`)
        .set(as(jwt))
        .attach('files', buffer, { filename: name, contentType: 'image/png' });
    const fake = await upload(worker.jwt, Buffer.from('not a picture at all'), 'fake.png');
    expectStatus(fake, 400);
    const photo = await upload(worker.jwt, PNG, 'site.png');
    expectStatus(photo, 201);
    const id = (photo.body.data as { id: number }[])[0]!.id;
    const elsewhere = await post(centre.jwt, `/cases/${c.documentId}/comment`, {
      note: '不是我的照片',
      attachments: [id],
    });
    expectStatus(elsewhere, 400);
    const noted = await post(worker.jwt, `/cases/${c.documentId}/comment`, {
      note: '现场照片',
      attachments: [id],
    });
    expectStatus(noted, 200);
    const timeline = (
      noted.body.data as {
        timeline: { action: string; attachments: { id: number; url: string }[] }[];
      }
    ).timeline;
    const attached = timeline.find((s) => s.action === 'comment')?.attachments ?? [];
    expect(attached.map((a) => a.id)).toEqual([id]);
    // The photo is served through the signed link the case's read gave, not at its bare address.
    const link = attached[0]!.url;
    expect(link).toContain('?expires=');
    expect((await http(strapi).get(link)).status).toBe(200);
    expect((await http(strapi).get(link.split('?')[0] as string)).status).toBe(404);
  });

  it('keeps an inbox per person: unread count, read one, read all', async () => {
    const inbox = await get(worker.jwt, '/inbox?unread=true');
    expectStatus(inbox, 200);
    const list = inbox.body.data as unknown as { id: number }[];
    const unread = (inbox.body as unknown as { meta: { unread: number } }).meta.unread;
    expect(unread).toBeGreaterThan(0);
    expect((await post(centre.jwt, `/inbox/${list[0]!.id}/read`)).status).toBe(404);
    expect((await post(worker.jwt, `/inbox/${list[0]!.id}/read`)).status).toBe(200);
    const after = await get(worker.jwt, '/inbox');
    expect((after.body as unknown as { meta: { unread: number } }).meta.unread).toBe(unread - 1);
    expect((await post(worker.jwt, '/inbox/read-all')).status).toBe(200);
    expect(
      ((await get(worker.jwt, '/inbox')).body as unknown as { meta: { unread: number } }).meta
        .unread,
    ).toBe(0);
  });
});
