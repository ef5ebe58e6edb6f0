// The audit log as people read it: every plugin's actions (receive, refund, publish, round stage,
// edits) leave an entry with the record's type, a human name kept at write time, the operation
// and a before/after diff; an entry is read only by roles that may read its kind of record (a
// community worker reads no grants entries filed under their own community); an ID number is
// shown masked, and revealed whole only to the person's own scope, with an entry saying so.
import type { Core } from '@strapi/strapi';
import {
  bootStrapi,
  dbQuery,
  gql,
  http,
  login,
  staffUser,
  twoCommunities,
  unique,
  type AreaRow,
} from '../helpers/strapi';

interface Entry {
  documentId: string;
  action: string;
  operation: string | null;
  contentType: string;
  recordId: string;
  recordLabel: string | null;
  fields: string[];
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  actorType: string;
  actorName: string | null;
  areaPath: string | null;
}

describe('a readable audit log for every plugin', () => {
  let strapi: Core.Strapi;
  let staff: string;
  let workerA: string;
  let workerB: string;
  let a: AreaRow;
  let b: AreaRow;
  let fund: { documentId: string; name: string };
  let donation: { documentId: string };
  let person: { documentId: string };
  let org: { documentId: string; name: string };

  const auth = (jwt: string) => ({ Authorization: `Bearer ${jwt}` });
  const post = (path: string, body: object, jwt = staff) =>
    http(strapi).post(path).set(auth(jwt)).send(body);
  /** The entries of one record, oldest first, as the holder of `jwt` reads them over REST. */
  const entriesOf = async (recordId: string, jwt = staff): Promise<Entry[]> => {
    const res = await http(strapi)
      .get('/api/cms/audit-entries')
      .query({ 'filters[recordId][$eq]': recordId, sort: 'id:asc', 'pagination[pageSize]': 100 })
      .set(auth(jwt));
    expect(res.status).toBe(200);
    return res.body.data as Entry[];
  };

  beforeAll(async () => {
    strapi = await bootStrapi();
    const [first, second] = await twoCommunities(strapi);
    b = second;
    // A community other tests leave alone: they count the first one's funds.
    a = (
      (await dbQuery(strapi, 'plugin::cms.area').findMany({
        where: { level: 'community' },
        orderBy: { code: 'desc' },
        select: ['id', 'documentId', 'code', 'path', 'name'],
        limit: 5,
      })) as AreaRow[]
    ).find((c) => c.path !== first.path && c.path !== second.path) as AreaRow;
    staff = await login(strapi, 'foundation-staff');
    workerA = await staffUser(strapi, 'community-worker', a.documentId);
    workerB = await staffUser(strapi, 'community-worker', b.documentId);
    const name = unique('社区微基金');
    const created = await post('/api/grants/funds', {
      data: { name, code: unique('AU-').toUpperCase(), kind: 'community', area: a.documentId },
    });
    expect([created.status, created.body.error]).toEqual([201, undefined]);
    fund = created.body.data;
    org = await dbQuery(strapi, 'plugin::cms.organisation').findOne({
      where: { kind: 'partner_unit' },
      select: ['documentId', 'name'],
    });
    const pledged = await post('/api/grants/donations', {
      data: {
        donorKind: 'organisation',
        donorOrganisation: org.documentId,
        namedConsent: true,
        amount: 12345600,
        channel: 'bank_transfer',
        donatedOn: '2026-11-20',
        fund: fund.documentId,
        restricted: true,
      },
    });
    expect([pledged.status, pledged.body.error]).toEqual([201, undefined]);
    donation = pledged.body.data;
    expect((await post(`/api/grants/donations/${donation.documentId}/receive`, {})).status).toBe(
      200,
    );
    expect(
      (await post(`/api/grants/donations/${donation.documentId}/refund`, { reason: '重复转账' }))
        .status,
    ).toBe(200);
    const madePerson = await post(
      '/api/cms/people',
      {
        data: {
          name: unique('审计居民'),
          phone: '13812345678',
          idNumber: '11010519491231002X',
          community: a.documentId,
        },
      },
      workerA,
    );
    expect([madePerson.status, madePerson.body.error]).toEqual([201, undefined]);
    person = madePerson.body.data;
  });
  afterAll(async () => {
    await strapi.destroy();
  });

  it('names a donation’s receipt and refund: type, donor and amount in yuan, operation, diff', async () => {
    const entries = await entriesOf(donation.documentId);
    expect(entries.map((e) => [e.action, e.operation])).toEqual([
      ['create', null],
      ['update', 'receive'],
      ['update', 'refund'],
    ]);
    for (const e of entries) {
      expect(e.contentType).toBe('plugin::grants.donation');
      // The donor and the amount in yuan, as the receipt names them.
      expect(e.recordLabel).toContain(org.name);
      expect(e.recordLabel).toContain('¥123,456.00');
      expect(e.actorType).toBe('user');
      expect(e.actorName).toBe('foundation-staff');
      // Filed under the fund's community, as the kit declares a donation's place.
      expect(e.areaPath).toBe(a.path);
    }
    const refund = entries[2] as Entry;
    expect(refund.fields).toEqual(expect.arrayContaining(['status', 'refundReason']));
    expect(refund.before).toMatchObject({ status: 'received' });
    expect(refund.after).toMatchObject({ status: 'refunded', refundReason: '重复转账' });
    // Only what changed is listed: the amount stayed.
    expect(refund.fields).not.toContain('amount');
  });

  it('names a fund, a form’s publication and a round’s move to its next stage', async () => {
    const [fundEntry] = await entriesOf(fund.documentId);
    expect(fundEntry).toMatchObject({
      contentType: 'plugin::grants.fund',
      action: 'create',
      recordLabel: fund.name,
    });

    const formName = unique('审计申报表');
    const form = await post('/api/forms/forms', {
      data: {
        name: formName,
        slug: unique('audit-'),
        purpose: 'grant-application',
        draft: {
          fields: [
            {
              key: 'organisationName',
              kind: 'text',
              label: { zh: '申报组织', en: 'Org' },
              required: true,
            },
            {
              key: 'projectTitle',
              kind: 'text',
              label: { zh: '项目名称', en: 'Project' },
              required: true,
            },
            {
              key: 'requestedAmount',
              kind: 'money',
              label: { zh: '申请金额', en: 'Amount' },
              required: true,
            },
          ],
        },
      },
    });
    expect(form.status).toBe(201);
    expect((await post(`/api/forms/forms/${form.body.data.documentId}/publish`, {})).status).toBe(
      200,
    );
    const formEntries = await entriesOf(form.body.data.documentId);
    const published = formEntries.find((e) => e.operation === 'publish') as Entry;
    expect(published).toMatchObject({ contentType: 'plugin::forms.form', recordLabel: formName });
    expect(published.fields).toContain('liveVersion');
    expect(published.after).toMatchObject({ liveVersion: 1 });

    const title = unique('审计微创投');
    const round = await post('/api/grants/rounds', {
      data: {
        title,
        fund: fund.documentId,
        budget: 600000,
        cap: 300000,
        opensOn: '2026-01-01',
        closesOn: '2099-12-31',
        form: form.body.data.documentId,
        rubric: [{ key: 'need', label: '需求', labelEn: 'Need', weight: 100, max: 10 }],
      },
    });
    expect(round.status).toBe(201);
    const opened = await post(`/api/grants/rounds/${round.body.data.documentId}/advance`, {
      status: 'open',
    });
    expect(opened.status).toBe(200);
    const moved = (await entriesOf(round.body.data.documentId)).find(
      (e) => e.operation === 'stage',
    ) as Entry;
    expect(moved).toMatchObject({ contentType: 'plugin::grants.round', recordLabel: title });
    expect(moved.before).toMatchObject({ status: 'draft' });
    expect(moved.after).toMatchObject({ status: 'open' });
  });

  it('keeps a deleted record’s name in its entries', async () => {
    const name = unique('将删除的居民');
    const made = await post(
      '/api/cms/people',
      { data: { name, community: a.documentId } },
      workerA,
    );
    expect(made.status).toBe(201);
    const removed = await http(strapi)
      .delete(`/api/cms/people/${made.body.data.documentId}`)
      .set(auth(workerA));
    expect([200, 204]).toContain(removed.status);
    const entries = await entriesOf(made.body.data.documentId, workerA);
    expect(entries.map((e) => [e.action, e.recordLabel])).toEqual([
      ['create', name],
      ['delete', name],
    ]);
  });

  it('shows a community worker no grants entry, though filed under their community (REST, GraphQL, counts)', async () => {
    // The entries exist, under the worker's community…
    const filed = await dbQuery(strapi, 'plugin::cms.audit-entry').count({
      where: { contentType: { $startsWith: 'plugin::grants.' }, areaPath: { $startsWith: a.path } },
    });
    expect(filed).toBeGreaterThanOrEqual(3);
    // …and the worker reads their own community's cms entries, but none of those.
    expect((await entriesOf(person.documentId, workerA)).length).toBeGreaterThan(0);
    expect(await entriesOf(donation.documentId, workerA)).toEqual([]);
    const rest = await http(strapi)
      .get('/api/cms/audit-entries')
      .query({ 'filters[contentType][$startsWith]': 'plugin::grants.' })
      .set(auth(workerA));
    expect(rest.status).toBe(200);
    expect(rest.body.data).toEqual([]);
    expect(rest.body.meta.pagination.total).toBe(0);
    const one = await http(strapi)
      .get(`/api/cms/audit-entries/${(await entriesOf(donation.documentId))[0]?.documentId}`)
      .set(auth(workerA));
    expect(one.status).toBe(404);
    const graph = await gql(
      strapi,
      `{ cmsAuditEntries_connection(filters: { contentType: { startsWith: "plugin::grants." } }) {
           nodes { recordLabel } pageInfo { total } } }`,
      {},
      workerA,
    );
    expect(graph.body.errors).toBeUndefined();
    expect(graph.body.data.cmsAuditEntries_connection).toEqual({
      nodes: [],
      pageInfo: { total: 0 },
    });
    // Foundation staff read the same entries.
    const staffGraph = await gql(
      strapi,
      `query($id: String) { cmsAuditEntries_connection(filters: { recordId: { eq: $id } }) {
           nodes { operation recordLabel } pageInfo { total } } }`,
      { id: donation.documentId },
      staff,
    );
    expect(staffGraph.body.data.cmsAuditEntries_connection.pageInfo.total).toBe(3);
  });

  it('offers each role the record types it may read, and only those', async () => {
    const mine = await http(strapi).get('/api/cms/audit-entries/types').set(auth(workerA));
    expect(mine.status).toBe(200);
    expect(mine.body.data).toContain('plugin::cms.person');
    expect(mine.body.data.some((t: string) => t.startsWith('plugin::grants.'))).toBe(false);
    const staffs = await http(strapi).get('/api/cms/audit-entries/types').set(auth(staff));
    expect(staffs.body.data).toEqual(
      expect.arrayContaining([
        'plugin::cms.organisation',
        'plugin::grants.donation',
        'plugin::grants.round',
        'plugin::forms.form',
      ]),
    );
    expect((await http(strapi).get('/api/cms/audit-entries/types')).status).toBe(403);
  });

  it('masks the ID number for its own worker too, and reveals it only to their scope, audited', async () => {
    const shown = await http(strapi).get(`/api/cms/people/${person.documentId}`).set(auth(workerA));
    expect(shown.status).toBe(200);
    expect(shown.body.data.idNumber).toBe('110***********002X');
    // The phone stays whole for the worker whose scope covers it: they find residents by it.
    expect(shown.body.data.phone).toBe('13812345678');
    const list = await http(strapi)
      .get('/api/cms/people')
      .query({ 'filters[documentId][$eq]': person.documentId })
      .set(auth(workerA));
    expect(list.body.data[0].idNumber).toBe('110***********002X');

    const before = (await entriesOf(person.documentId, workerA)).length;
    const outside = await post(
      `/api/cms/people/${person.documentId}/reveal-id-number`,
      {},
      workerB,
    );
    expect(outside.status).toBe(404);
    expect(outside.body.data).toBeNull();
    expect(
      (await post('/api/cms/people/not-a-document-id/reveal-id-number', {}, workerA)).status,
    ).toBe(404);
    expect((await entriesOf(person.documentId, workerA)).length).toBe(before);

    const revealed = await post(
      `/api/cms/people/${person.documentId}/reveal-id-number`,
      {},
      workerA,
    );
    expect(revealed.status).toBe(200);
    expect(revealed.body.data.idNumber).toBe('11010519491231002X');
    const entries = await entriesOf(person.documentId, workerA);
    expect(entries.length).toBe(before + 1);
    const seen = entries[entries.length - 1] as Entry;
    expect(seen).toMatchObject({
      action: 'view',
      operation: 'reveal_idNumber',
      contentType: 'plugin::cms.person',
      fields: ['idNumber'],
      before: null,
      after: null,
      actorType: 'user',
      areaPath: a.path,
    });
    // The log itself never holds the whole number.
    expect(JSON.stringify(entries)).not.toContain('19491231');

    // Sending the masked number back with an edit keeps the stored one.
    const edited = await http(strapi)
      .put(`/api/cms/people/${person.documentId}`)
      .set(auth(workerA))
      .send({ data: { idNumber: '110***********002X', phone: '13912345678' } });
    expect(edited.status).toBe(200);
    const stored = await dbQuery(strapi, 'plugin::cms.person').findOne({
      where: { documentId: person.documentId },
      select: ['idNumber', 'phone'],
    });
    expect(stored).toMatchObject({ idNumber: '11010519491231002X', phone: '13912345678' });
    const edit = (await entriesOf(person.documentId, workerA)).pop() as Entry;
    expect(edit.fields).toEqual(['phone']);
  });
});
