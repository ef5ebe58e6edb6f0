// The dashboard's work queue and trends: each role's counts equal what its lists say and move with
// the work (a pledge adds one, receiving it takes it off); a community worker's counts cover its
// community only; the monthly and quarterly sums equal the records in the period (China time).
import type { Core } from '@strapi/strapi';
import { chinaPeriod, todayInChina } from '../../cms/server/src/domain/china-time';
import {
  bootStrapi,
  dbQuery,
  http,
  login,
  staffUser,
  twoCommunities,
  unique,
} from '../helpers/strapi';

type Row = Record<string, unknown> & { id: number; documentId: string };

describe('work queue and trends', () => {
  let strapi: Core.Strapi;
  let staff: string;

  const get = (url: string, jwt: string) =>
    http(strapi)
      .get(url)
      .set({ Authorization: `Bearer ${jwt}` });
  /** What a list says: its total for a filter, as the console's list would show it. */
  const listTotal = async (plural: string, status: string, jwt = staff) => {
    const res = await get(
      `/api/${plural}?filters[status][$eq]=${status}&pagination[pageSize]=1`,
      jwt,
    );
    expect(res.status).toBe(200);
    return res.body.meta.pagination.total as number;
  };
  const queue = async (plugin: string, jwt = staff) => {
    const res = await get(`/api/${plugin}/dashboard/queue`, jwt);
    expect(res.status).toBe(200);
    return res.body.data as Record<string, number>;
  };

  /** The last twelve China months, oldest first, computed here independently of the server. */
  const months = () => {
    const out: { month: string; start: Date; end: Date }[] = [];
    let y = Number(todayInChina().slice(0, 4));
    let m = Number(todayInChina().slice(5, 7));
    for (let i = 0; i < 12; i++) {
      const month = `${y}-${String(m).padStart(2, '0')}`;
      out.unshift({ month, ...chinaPeriod('month', `${month}-01`) });
      if (--m === 0) [m, y] = [12, y - 1];
    }
    return out;
  };

  beforeAll(async () => {
    strapi = await bootStrapi();
    staff = await login(strapi, 'foundation-staff');
  });
  afterAll(async () => {
    await strapi.destroy();
  });

  it('gives foundation staff counts that equal their filtered lists', async () => {
    const grants = await queue('grants');
    expect(grants.pledges).toBe(await listTotal('grants/donations', 'pledged'));
    expect(grants.applicationsToAssign).toBe(await listTotal('grants/applications', 'submitted'));
    expect(grants.applicationsUnderReview).toBe(
      await listTotal('grants/applications', 'under_review'),
    );
    expect(grants.tranchesToApprove).toBe(await listTotal('grants/disbursements', 'scheduled'));
    expect(grants.tranchesToPay).toBe(await listTotal('grants/disbursements', 'approved'));
    expect(grants.reportsToAccept).toBe(await listTotal('grants/reports', 'submitted'));
    const forms = await queue('forms');
    expect(forms.submissionsReceived).toBe(await listTotal('forms/submissions', 'received'));
    expect(forms.submissionsInProgress).toBe(await listTotal('forms/submissions', 'in-progress'));
    const cms = await queue('cms');
    const stage = async (s: string) =>
      (await get(`/api/cms/incubations?filters[stage][$eq]=${s}&pagination[pageSize]=1`, staff))
        .body.meta.pagination.total;
    expect(cms.incubationsApplied).toBe(await stage('applied'));
    expect(cms.incubationsAssessing).toBe(await stage('assessing'));
    // "Due for assessment" is the board's 待评估, summed over the columns assessed periodically.
    const due = async (s: string) =>
      (await get(`/api/cms/incubation-board?stage=${s}`, staff)).body.data.due as number;
    expect(cms.incubationsDueForAssessment).toBe(
      (await due('assessing')) + (await due('incubating')),
    );
    expect(cms.incubationsDueForAssessment).toBeGreaterThan(0);
    // The demo district has work waiting: a queue of zeros would prove nothing.
    expect(grants.pledges! + grants.tranchesToApprove! + forms.submissionsReceived).toBeGreaterThan(
      0,
    );
  });

  it('counts a new pledge, takes it off when received, and adds it to this month’s donations', async () => {
    // A fund of its own: the demo's general fund holds the published figures other files check.
    const created = await http(strapi)
      .post('/api/grants/funds')
      .set({ Authorization: `Bearer ${staff}` })
      .send({ data: { name: '待办测试基金', code: `QUEUE-${Date.now()}`, kind: 'general' } });
    expect(created.status).toBe(201);
    const fund: Row = created.body.data;
    const before = await queue('grants');
    const trendBefore = (await get('/api/grants/dashboard/trends', staff)).body.data;
    const pledge = await http(strapi)
      .post('/api/grants/donations')
      .set({ Authorization: `Bearer ${staff}` })
      .send({
        data: {
          donorKind: 'anonymous',
          amount: 12345,
          channel: 'cash',
          donatedOn: todayInChina(),
          fund: fund.documentId,
        },
      });
    expect(pledge.status).toBe(201);
    expect((await queue('grants')).pledges).toBe(before.pledges! + 1);
    const received = await http(strapi)
      .post(`/api/grants/donations/${pledge.body.data.documentId}/receive`)
      .set({ Authorization: `Bearer ${staff}` });
    expect(received.status).toBe(200);
    expect((await queue('grants')).pledges).toBe(before.pledges);
    const trendAfter = (await get('/api/grants/dashboard/trends', staff)).body.data;
    const last = (t: { donations: { amount: number; count: number }[] }) => t.donations[11];
    expect(last(trendAfter).amount).toBe(last(trendBefore).amount + 12345);
    expect(last(trendAfter).count).toBe(last(trendBefore).count + 1);
  });

  it('sums donations and payments by China month as the records say', async () => {
    const res = await get('/api/grants/dashboard/trends', staff);
    expect(res.status).toBe(200);
    const trend = res.body.data as {
      donations: { month: string; amount: number; count: number }[];
      payments: { month: string; amount: number; count: number }[];
      applications: Record<string, number>;
    };
    const period = months();
    expect(trend.donations.map((d) => d.month)).toEqual(period.map((p) => p.month));
    expect(trend.payments.map((d) => d.month)).toEqual(period.map((p) => p.month));
    const donations: Row[] = await dbQuery(strapi, 'plugin::grants.donation').findMany({
      where: { status: 'received' },
      select: ['amount', 'receivedAt'],
    });
    const paid: Row[] = await dbQuery(strapi, 'plugin::grants.disbursement').findMany({
      where: { status: 'paid' },
      select: ['amount', 'paidAt'],
    });
    const expected = (rows: Row[], field: string) =>
      period.map((p) => {
        const inMonth = rows.filter((r) => {
          const at = new Date(r[field] as string).getTime();
          return at >= p.start.getTime() && at < p.end.getTime();
        });
        return {
          month: p.month,
          amount: inMonth.reduce((s, r) => s + Number(r.amount), 0),
          count: inMonth.length,
        };
      });
    expect(trend.donations).toEqual(expected(donations, 'receivedAt'));
    expect(trend.payments).toEqual(expected(paid, 'paidAt'));
    expect(trend.donations.some((d) => d.amount > 0)).toBe(true);
    expect(trend.payments.some((d) => d.amount > 0)).toBe(true);

    // Applications by status in the rounds not yet closed.
    const apps: (Row & { round: { status: string } | null })[] = await dbQuery(
      strapi,
      'plugin::grants.application',
    ).findMany({ select: ['status'], populate: { round: { select: ['status'] } } });
    const byStatus: Record<string, number> = {};
    for (const a of apps)
      if (['open', 'reviewing', 'awarding'].includes(a.round?.status ?? ''))
        byStatus[a.status as string] = (byStatus[a.status as string] ?? 0) + 1;
    expect(trend.applications).toEqual(byStatus);
  });

  it('counts incubations hatched by quarter as the records say', async () => {
    const res = await get('/api/cms/dashboard/trends', staff);
    expect(res.status).toBe(200);
    const hatched = res.body.data.hatched as { quarter: string; count: number }[];
    expect(hatched).toHaveLength(8);
    const today = todayInChina();
    const thisQuarter = `${today.slice(0, 4)}Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`;
    expect(hatched[7].quarter).toBe(thisQuarter);
    const rows: Row[] = await dbQuery(strapi, 'plugin::cms.incubation').findMany({
      where: { stage: 'hatched' },
      select: ['hatchedOn'],
    });
    const quarterOf = (d: string) =>
      `${d.slice(0, 4)}Q${Math.floor((Number(d.slice(5, 7)) - 1) / 3) + 1}`;
    for (const q of hatched)
      expect(q.count).toBe(rows.filter((r) => quarterOf(String(r.hatchedOn)) === q.quarter).length);
    expect(hatched.reduce((s, q) => s + q.count, 0)).toBeGreaterThan(0);
  });

  it('scopes a community worker’s and an incubator’s counts to their community', async () => {
    const [mine] = await twoCommunities(strapi);
    const worker = await staffUser(strapi, 'community-worker', mine.documentId);
    const forms = await queue('forms', worker);
    const inCommunity = async (status: string) =>
      dbQuery(strapi, 'plugin::forms.submission').count({
        where: { status, areaPath: { $startsWith: mine.path } },
      });
    expect(forms.submissionsReceived).toBe(await inCommunity('received'));
    expect(forms.submissionsInProgress).toBe(await inCommunity('in-progress'));
    expect(forms.submissionsReceived).toBe(
      await listTotal('forms/submissions', 'received', worker),
    );
    // Fewer than the district's: the count is narrowed, not the staff's figure.
    const district = await queue('forms');
    expect(district.submissionsReceived).toBeGreaterThan(forms.submissionsReceived);
    // An incubator placed in the same community counts the incubations there only.
    const incubator = await staffUser(strapi, 'incubator', mine.documentId);
    const cms = await queue('cms', incubator);
    const stageHere = (stage: string) =>
      dbQuery(strapi, 'plugin::cms.incubation').count({
        where: { stage, areaPath: { $startsWith: mine.path } },
      });
    expect(cms.incubationsApplied).toBe(await stageHere('applied'));
    expect(cms.incubationsAssessing).toBe(await stageHere('assessing'));
    expect((await queue('cms')).incubationsApplied).toBeGreaterThan(cms.incubationsApplied);
    // Incubations are not the community worker's to move: no incubation queue for it.
    expect((await get('/api/cms/dashboard/queue', worker)).status).toBe(403);
    // A community worker has no money queue and no money trend.
    expect((await get('/api/grants/dashboard/queue', worker)).status).toBe(403);
    expect((await get('/api/grants/dashboard/trends', worker)).status).toBe(403);
  });

  it('gives a reviewer only the reviews it can score now, as its desk lists them', async () => {
    const reviewer = await login(strapi, 'reviewer');
    const grants = await queue('grants', reviewer);
    expect(Object.keys(grants)).toEqual(['reviewsToScore']);
    const desk = await get('/api/grants/reviews/mine', reviewer);
    expect(desk.status).toBe(200);
    const open = (desk.body.data as { status: string; round?: { status?: string } }[]).filter(
      (r) => r.status === 'assigned' && r.round?.status === 'reviewing',
    );
    expect(grants.reviewsToScore).toBe(open.length);
    expect((await get('/api/grants/dashboard/trends', reviewer)).status).toBe(403);
    expect((await get('/api/cms/dashboard/queue', reviewer)).status).toBe(403);
  });

  it('moves with a round: an application waits for a reviewer, then for the reviewer once the round is under review', async () => {
    const post = (path: string, body: object) =>
      http(strapi)
        .post(`/api/grants${path}`)
        .set({ Authorization: `Bearer ${staff}` })
        .send(body);
    // A round of its own, on a copy of the demo round's form and its rubric: no other file's moves
    // matter.
    const model: Row & { fund: Row; form: Row } = await dbQuery(
      strapi,
      'plugin::grants.round',
    ).findOne({ where: { form: { id: { $notNull: true } } }, populate: ['fund', 'form'] });
    // A form takes applications for one round at a time: a copy of the demo's, published.
    const version: Row = await dbQuery(strapi, 'plugin::forms.form-version').findOne({
      where: { form: { id: model.form.id } },
      orderBy: { number: 'desc' },
    });
    const form = await http(strapi)
      .post('/api/forms/forms')
      .set({ Authorization: `Bearer ${staff}` })
      .send({
        data: {
          name: '待办测试申报表',
          slug: unique('queue-apply-'),
          purpose: 'grant-application',
          draft: version.definition,
        },
      });
    expect(form.body.error).toBeUndefined();
    const published = await http(strapi)
      .post(`/api/forms/forms/${form.body.data.documentId}/publish`)
      .set({ Authorization: `Bearer ${staff}` });
    expect(published.body.error).toBeUndefined();
    const created = await post('/rounds', {
      data: {
        title: '待办测试轮次',
        fund: model.fund.documentId,
        budget: 1_000_00,
        cap: 1_000_00,
        opensOn: todayInChina(),
        closesOn: todayInChina(),
        form: form.body.data.documentId,
        rubric: model.rubric,
      },
    });
    expect(created.body.error).toBeUndefined();
    const round = created.body.data as Row;
    const opened = await post(`/rounds/${round.documentId}/advance`, { status: 'open' });
    expect(opened.body.error).toBeUndefined();
    const reviewerRow: Row = await dbQuery(strapi, 'plugin::users-permissions.user').findOne({
      where: { username: 'reviewer' },
    });
    const reviewer = await login(strapi, 'reviewer');
    const before = await queue('grants');
    const mineBefore = (await queue('grants', reviewer)).reviewsToScore;

    const draft = await post(`/rounds/${round.documentId}/applications`, {
      organisationName: '待办测试协会',
      projectTitle: '待办测试项目',
      requested: 100_00,
    });
    expect(draft.body.error).toBeUndefined();
    const id = draft.body.data.documentId as string;
    expect((await post(`/applications/${id}/status`, { status: 'submitted' })).status).toBe(200);
    expect((await queue('grants')).applicationsToAssign).toBe(before.applicationsToAssign! + 1);

    expect(
      (await post(`/applications/${id}/reviewers`, { reviewers: [reviewerRow.id] })).status,
    ).toBe(200);
    const assigned = await queue('grants');
    expect(assigned.applicationsToAssign).toBe(before.applicationsToAssign);
    expect(assigned.applicationsUnderReview).toBe(before.applicationsUnderReview! + 1);
    // The round is still open: the review cannot be submitted yet, so it is not the reviewer's to do.
    expect((await queue('grants', reviewer)).reviewsToScore).toBe(mineBefore);

    const advanced = await post(`/rounds/${round.documentId}/advance`, {
      status: 'reviewing',
      reason: '测试：提前进入评审',
    });
    expect(advanced.body.error).toBeUndefined();
    expect((await queue('grants', reviewer)).reviewsToScore).toBe(mineBefore + 1);
  });

  it('refuses the queues to residents, volunteers and the public', async () => {
    const members = [await login(strapi, 'resident'), await login(strapi, 'volunteer')];
    for (const plugin of ['grants', 'cms', 'forms']) {
      for (const member of members)
        expect((await get(`/api/${plugin}/dashboard/queue`, member)).status).toBe(403);
      expect((await http(strapi).get(`/api/${plugin}/dashboard/queue`)).status).toBe(403);
    }
  });
});
