// Forms over HTTP: definitions and drafts, publishing into immutable versions, public submission
// (valid, invalid, closed, archived, wrong role, signed-in only), receipts, QR codes, file
// uploads, export, the incubation-application target's all-or-nothing behaviour, and what the
// database itself refuses.
import type { Core } from '@strapi/strapi';
import { creditCodeCheckCharacter } from '../../cms/server/src/domain/credit-code';
import { idNumberCheckCharacter } from '../../cms/server/src/domain/id-number';
import {
  bootStrapi,
  dbQuery,
  failureOf,
  gql,
  http,
  login,
  staffUser,
  twoCommunities,
  unique,
  type AreaRow,
  type ValidationIssue,
} from '../helpers/strapi';
import { readXlsx } from '../helpers/sheets';

let serial = 300000;
const validCreditCode = (): string => {
  const body = `52510114${String(serial++).padStart(6, '0')}${Date.now().toString().slice(-3)}`;
  return body + creditCodeCheckCharacter(body);
};
const validIdNumber = (): string => {
  const body = '51011419900307123';
  return body + idNumberCheckCharacter(body);
};

const INTAKE = {
  sections: [{ key: 'who', title: { zh: '联系人', en: 'Contact' } }],
  fields: [
    {
      key: 'name',
      kind: 'text',
      label: { zh: '姓名', en: 'Name' },
      required: true,
      maxLength: 20,
      section: 'who',
    },
    {
      key: 'phone',
      kind: 'mobile',
      label: { zh: '手机号', en: 'Mobile' },
      required: true,
      section: 'who',
    },
    {
      key: 'topic',
      kind: 'choice',
      label: { zh: '事项', en: 'Topic' },
      required: true,
      options: [
        { value: 'repair', label: { zh: '维修', en: 'Repair' } },
        { value: 'other', label: { zh: '其他', en: 'Other' } },
      ],
    },
    {
      key: 'otherTopic',
      kind: 'text',
      label: { zh: '其他事项', en: 'Other topic' },
      showIf: { field: 'topic', values: ['other'] },
      required: true,
    },
    { key: 'budget', kind: 'money', label: { zh: '预算', en: 'Budget' }, max: 10000000 },
    { key: 'idNumber', kind: 'idNumber', label: { zh: '身份证号', en: 'ID number' } },
    {
      key: 'household',
      kind: 'group',
      label: { zh: '家庭成员', en: 'Household' },
      maxItems: 3,
      fields: [
        { key: 'who', kind: 'text', label: { zh: '成员', en: 'Member' }, required: true },
        { key: 'age', kind: 'integer', label: { zh: '年龄', en: 'Age' }, min: 0, max: 130 },
      ],
    },
    { key: 'rating', kind: 'rating', label: { zh: '满意度', en: 'Satisfaction' }, max: 5 },
  ],
};

describe('forms', () => {
  let strapi: Core.Strapi;
  let staff: string;
  let worker: string;
  let resident: string;
  let community: AreaRow;
  let otherCommunity: AreaRow;

  const auth = (jwt: string) => ({ Authorization: `Bearer ${jwt}` });
  const createForm = async (data: Record<string, unknown>, jwt = staff) =>
    http(strapi).post('/api/forms/forms').set(auth(jwt)).send({ data });
  const publish = (documentId: string, jwt = staff) =>
    http(strapi).post(`/api/forms/forms/${documentId}/publish`).set(auth(jwt)).send();
  const submit = (slug: string, body: unknown, jwt?: string, lang?: string) => {
    const req = http(strapi).post(`/api/forms/${slug}/submissions${lang ? `?lang=${lang}` : ''}`);
    if (jwt) req.set(auth(jwt));
    return req.send(body as object);
  };
  const submissionCount = (formKey: string) =>
    dbQuery(strapi, 'plugin::forms.submission').count({ where: { formKey } });

  /** A published form with the intake definition; returns { documentId, slug }. */
  async function publishedForm(extra: Record<string, unknown> = {}, definition: unknown = INTAKE) {
    const slug = unique('f-');
    const res = await createForm({
      name: '居民诉求',
      nameEn: 'Residents’ requests',
      slug,
      purpose: 'case-intake',
      draft: definition,
      ...extra,
    });
    expect(res.status).toBe(201);
    const pub = await publish(res.body.data.documentId);
    expect(pub.status).toBe(200);
    return { documentId: res.body.data.documentId as string, slug };
  }

  beforeAll(async () => {
    strapi = await bootStrapi();
    staff = await login(strapi, 'foundation-staff');
    [community, otherCommunity] = await twoCommunities(strapi);
    worker = await staffUser(strapi, 'community-worker', community.documentId);
    resident = await login(strapi, 'resident');
  });
  afterAll(async () => {
    await strapi.destroy();
  });

  describe('definitions and versions', () => {
    it('saves a draft, publishes it as version 1, and a new draft as version 2; versions never change', async () => {
      const slug = unique('v-');
      const created = await createForm({
        name: '满意度调查',
        slug,
        purpose: 'standalone',
        draft: INTAKE,
      });
      expect(created.status).toBe(201);
      const id = created.body.data.documentId;
      expect(created.body.data.liveVersion).toBeNull();

      const first = await publish(id);
      expect(first.status).toBe(200);
      expect(first.body.data.liveVersion).toBe(1);
      expect(first.body.data.draft).toBeNull();

      // Nothing to publish until a new draft is saved.
      const again = await publish(id);
      expect(again.status).toBe(400);
      expect(again.body.error.details.errors[0].path).toEqual(['draft']);

      const changed = {
        ...INTAKE,
        fields: [...INTAKE.fields, { key: 'note', kind: 'textarea', label: { zh: '备注' } }],
      };
      const edit = await http(strapi)
        .put(`/api/forms/forms/${id}`)
        .set(auth(staff))
        .send({ data: { draft: changed } });
      expect(edit.status).toBe(200);
      const second = await publish(id);
      expect(second.body.data.liveVersion).toBe(2);

      const versions = await http(strapi)
        .get(`/api/forms/forms/${id}/versions-summary`)
        .set(auth(staff));
      expect(versions.body.data.map((v: { number: number }) => v.number)).toEqual([2, 1]);
      const v1 = await dbQuery(strapi, 'plugin::forms.form-version').findOne({
        where: { formKey: id, number: 1 },
      });
      expect(v1.definition.fields).toHaveLength(INTAKE.fields.length);
      expect(v1.schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(v1.uiSchema['ui:order'][0]).toBe('name');

      // liveVersion moves only by publishing; versions cannot be written through the API.
      const direct = await http(strapi)
        .put(`/api/forms/forms/${id}`)
        .set(auth(staff))
        .send({ data: { liveVersion: 1 } });
      expect(direct.status).toBe(400);
      expect(direct.body.error.details.errors[0].messageZh).toMatch(/发布/);
      const gqlVersion = await gql(
        strapi,
        'mutation { createFormsFormVersion(data: { number: 9 }) { documentId } }',
        {},
        staff,
      );
      expect(gqlVersion.body.errors).toBeDefined();

      // The database refuses changing a published version, even from raw SQL.
      expect(
        await failureOf(
          strapi.db
            .connection('forms_form_versions')
            .where({ form_key: id, number: 1 })
            .update({ number: 7 }),
        ),
      ).toMatch(/never changes/);
    });

    it('refuses a broken definition, naming each problem in both languages, and saves nothing', async () => {
      const slug = unique('bad-');
      const res = await createForm({
        name: 'broken',
        slug,
        purpose: 'standalone',
        draft: {
          fields: [
            { key: 'a', kind: 'choice', label: { zh: '甲' } },
            { key: 'a', kind: 'text', label: { zh: '乙' }, pattern: '(' },
            {
              key: 'c',
              kind: 'text',
              label: { zh: '丙' },
              showIf: { field: 'later', values: ['x'] },
            },
            { key: 'd', kind: 'integer', label: { zh: '丁' }, min: 5, max: 1 },
            { key: 'e', kind: 'teleport', label: { zh: '戊' } },
          ],
        },
      });
      expect(res.status).toBe(400);
      const paths = res.body.error.details.errors.map((e: ValidationIssue) => e.path.join('.'));
      expect(paths).toEqual(
        expect.arrayContaining([
          'draft.fields.0.options',
          'draft.fields.1.key',
          'draft.fields.1.pattern',
          'draft.fields.2.showIf.field',
          'draft.fields.3.min',
          'draft.fields.4.kind',
        ]),
      );
      expect(res.body.error.details.errors.every((e: ValidationIssue) => e.messageZh)).toBe(true);
      expect(await dbQuery(strapi, 'plugin::forms.form').count({ where: { slug } })).toBe(0);
    });

    it('keeps slugs unique and reserved words out', async () => {
      const slug = unique('dup-');
      expect((await createForm({ name: 'a', slug, purpose: 'standalone' })).status).toBe(201);
      const dup = await createForm({ name: 'b', slug, purpose: 'standalone' });
      expect(dup.status).toBe(400);
      // The plugin's own routes, and the phone pages beside /f/<slug> (a resident's /f/me).
      for (const word of ['receipts', 'me', 'receipt', 'mine']) {
        const reserved = await createForm({ name: 'c', slug: word, purpose: 'standalone' });
        expect(reserved.status).toBe(400);
        expect(reserved.body.error.details.errors[0].path).toEqual(['slug']);
      }
    });

    it('makes exactly one version of two simultaneous publishes', async () => {
      const res = await createForm({
        name: 'race',
        slug: unique('r-'),
        purpose: 'standalone',
        draft: INTAKE,
      });
      const id = res.body.data.documentId;
      const statuses = (await Promise.all([publish(id), publish(id)])).map((r) => r.status).sort();
      expect(statuses).toEqual([200, 400]);
      expect(
        await dbQuery(strapi, 'plugin::forms.form-version').count({ where: { formKey: id } }),
      ).toBe(1);
    });

    it('publishes over GraphQL too, for form owners only', async () => {
      const res = await createForm({
        name: 'gql',
        slug: unique('g-'),
        purpose: 'standalone',
        draft: INTAKE,
      });
      const id = res.body.data.documentId;
      const mutation =
        'mutation($id: ID!) { publishFormsForm(documentId: $id) { documentId liveVersion draft } }';
      const refused = await gql(strapi, mutation, { id }, worker);
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const ok = await gql(strapi, mutation, { id }, staff);
      expect(ok.body.errors).toBeUndefined();
      expect(ok.body.data.publishFormsForm).toMatchObject({
        documentId: id,
        liveVersion: 1,
        draft: null,
      });
      const again = await gql(strapi, mutation, { id }, staff);
      expect(again.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    });

    it('lets only form owners design forms', async () => {
      const res = await createForm(
        { name: 'x', slug: unique('w-'), purpose: 'standalone' },
        worker,
      );
      expect(res.status).toBe(403);
      const list = await http(strapi).get('/api/forms/forms').set(auth(worker));
      expect(list.status).toBe(200);
    });
  });

  describe('public submission', () => {
    let form: { documentId: string; slug: string };
    beforeAll(async () => {
      form = await publishedForm();
    });

    it('serves the live version to the public page, and QR codes in SVG and PNG', async () => {
      const res = await http(strapi).get(`/api/forms/public/${form.slug}`);
      expect(res.status).toBe(200);
      expect(res.body.data.state).toBe('open');
      expect(res.body.data.version).toBe(1);
      expect(res.body.data.definition.fields[0].key).toBe('name');
      const svg = await http(strapi).get(`/api/forms/${form.slug}/qr.svg`);
      expect(svg.status).toBe(200);
      expect(svg.headers['content-type']).toMatch(/image\/svg\+xml/);
      expect(String(svg.body ?? svg.text)).toMatch(/<svg/);
      expect(svg.headers['x-form-url']).toMatch(new RegExp(`/f/${form.slug}$`));
      const png = await http(strapi).get(`/api/forms/${form.slug}/qr.png`).buffer(true);
      expect(png.headers['content-type']).toBe('image/png');
      expect(Buffer.from(png.body).subarray(1, 4).toString()).toBe('PNG');
      // Behind a reverse proxy the code carries the public address (PUBLIC_URL → server.url),
      // not the host the request came to.
      const before = strapi.config.get('server.url', '');
      strapi.config.set('server.url', 'https://linli.example.org/');
      try {
        const behind = await http(strapi).get(`/api/forms/${form.slug}/qr.svg`);
        expect(behind.headers['x-form-url']).toBe(`https://linli.example.org/f/${form.slug}`);
      } finally {
        strapi.config.set('server.url', before);
      }
    });

    it('stores a valid anonymous submission, normalised, and gives a receipt code to look it up', async () => {
      const before = await submissionCount(form.documentId);
      const res = await submit(form.slug, {
        version: 1,
        data: {
          name: ' 王芳 ',
          phone: '138 0000 1234',
          topic: 'repair',
          budget: '1,234.5',
          idNumber: validIdNumber().toLowerCase(),
          household: [{ who: '李强', age: '40' }],
          rating: 4,
        },
      });
      expect(res.status).toBe(201);
      expect(res.body.data.receiptCode).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
      expect(await submissionCount(form.documentId)).toBe(before + 1);
      const row = await dbQuery(strapi, 'plugin::forms.submission').findOne({
        where: { receiptCode: res.body.data.receiptCode },
      });
      expect(row.data).toEqual({
        name: '王芳',
        phone: '13800001234',
        topic: 'repair',
        budget: 123450,
        idNumber: validIdNumber(),
        household: [{ who: '李强', age: 40 }],
        rating: 4,
      });
      const receipt = await http(strapi).get(
        `/api/forms/receipts/${res.body.data.receiptCode.toLowerCase().replace('-', '')}`,
      );
      expect(receipt.status).toBe(200);
      expect(receipt.body.data.status).toBe('received');
      expect(receipt.body.data.data).toBeUndefined(); // the receipt tells status, not answers
      expect((await http(strapi).get('/api/forms/receipts/AAAAA-AAAAA')).status).toBe(404);
    });

    it('refuses invalid answers field by field in the submitter’s language and stores nothing', async () => {
      const before = await submissionCount(form.documentId);
      const bad = {
        version: 1,
        data: {
          name: '',
          phone: '12345',
          topic: 'other', // otherTopic becomes required
          budget: '12.345',
          idNumber: '510114199003071230',
          household: [{ age: 200 }],
          rating: 9,
          sneaky: 'x',
        },
      };
      const zh = await submit(form.slug, bad, undefined, 'zh');
      expect(zh.status).toBe(400);
      const byPath = Object.fromEntries(
        zh.body.error.details.errors.map((e: ValidationIssue) => [e.path.join('.'), e]),
      );
      expect(Object.keys(byPath).sort()).toEqual(
        [
          'budget',
          'household.0.age',
          'household.0.who',
          'idNumber',
          'name',
          'otherTopic',
          'phone',
          'rating',
          'sneaky',
        ].sort(),
      );
      expect(byPath.phone.message).toMatch(/手机号/);
      expect(byPath.idNumber.message).toMatch(/校验码/);
      const en = await submit(form.slug, bad, undefined, 'en');
      expect(
        en.body.error.details.errors.find((e: ValidationIssue) => e.path[0] === 'phone').message,
      ).toMatch(/Mobile: must be a mainland mobile/);
      expect(await submissionCount(form.documentId)).toBe(before);
    });

    it('drops the answer to a hidden field and refuses an unknown version', async () => {
      const res = await submit(form.slug, {
        data: { name: '张伟', phone: '13900001111', topic: 'repair', otherTopic: '不该保存' },
      });
      expect(res.status).toBe(201);
      const row = await dbQuery(strapi, 'plugin::forms.submission').findOne({
        where: { receiptCode: res.body.data.receiptCode },
      });
      expect(row.data.otherTopic).toBeUndefined();
      const wrong = await submit(form.slug, { version: 99, data: { name: 'x' } });
      expect(wrong.status).toBe(400);
      expect(wrong.body.error.details.errors[0].path).toEqual(['version']);
    });

    it('validates each submission against the exact version it was made on', async () => {
      const own = await publishedForm(
        {},
        { fields: [{ key: 'a', kind: 'text', label: { zh: '甲' }, required: true }] },
      );
      await http(strapi)
        .put(`/api/forms/forms/${own.documentId}`)
        .set(auth(staff))
        .send({
          data: {
            draft: { fields: [{ key: 'b', kind: 'integer', label: { zh: '乙' }, required: true }] },
          },
        });
      await publish(own.documentId);
      expect((await submit(own.slug, { version: 1, data: { a: 'x' } })).status).toBe(201);
      expect((await submit(own.slug, { version: 2, data: { a: 'x' } })).status).toBe(400);
      expect((await submit(own.slug, { version: 2, data: { b: '7' } })).status).toBe(201);
      const rows = await dbQuery(strapi, 'plugin::forms.submission').findMany({
        where: { formKey: own.documentId },
        orderBy: { id: 'asc' },
      });
      expect(
        rows.map((r: { versionNumber: number; data: unknown }) => [r.versionNumber, r.data]),
      ).toEqual([
        [1, { a: 'x' }],
        [2, { b: 7 }],
      ]);
    });

    it('refuses closed, not yet open, archived and unpublished forms with a clear message', async () => {
      const past = new Date(Date.now() - 86400000).toISOString();
      const closed = await publishedForm({ closesAt: past });
      const res = await submit(closed.slug, { data: { name: 'x' } }, undefined, 'zh');
      expect(res.status).toBe(403);
      expect(res.body.error.details.code).toBe('form_closed');
      expect(res.body.error.details.messageZh).toMatch(/截止/);

      const future = new Date(Date.now() + 86400000).toISOString();
      const later = await publishedForm({ opensAt: future });
      expect((await submit(later.slug, { data: {} })).body.error.details.code).toBe(
        'form_not_yet_open',
      );

      const archived = await publishedForm();
      await http(strapi)
        .put(`/api/forms/forms/${archived.documentId}`)
        .set(auth(staff))
        .send({ data: { archived: true } });
      const a = await submit(archived.slug, { data: {} });
      expect(a.status).toBe(403);
      expect(a.body.error.details.messageZh).toMatch(/归档/);

      const draftOnly = await createForm({
        name: 'draft',
        slug: unique('d-'),
        purpose: 'standalone',
        draft: INTAKE,
      });
      expect((await submit(draftOnly.body.data.slug, { data: {} })).status).toBe(404);
      expect((await submit('no-such-form', { data: {} })).status).toBe(404);
    });

    it('applies who may submit: signed-in users, given roles', async () => {
      const signedIn = await publishedForm(
        { access: 'signed-in' },
        { fields: [{ key: 'a', kind: 'text', label: { zh: '甲' } }] },
      );
      expect((await submit(signedIn.slug, { data: { a: 'x' } })).status).toBe(401);
      const asResident = await submit(signedIn.slug, { data: { a: 'x' } }, resident);
      expect(asResident.status).toBe(201);
      const row = await dbQuery(strapi, 'plugin::forms.submission').findOne({
        where: { receiptCode: asResident.body.data.receiptCode },
      });
      expect(row.submitterName).toBe('resident');

      const volunteersOnly = await publishedForm(
        { access: 'roles', roles: ['volunteer'] },
        { fields: [{ key: 'a', kind: 'text', label: { zh: '甲' } }] },
      );
      const refused = await submit(volunteersOnly.slug, { data: { a: 'x' } }, resident);
      expect(refused.status).toBe(403);
      expect(refused.body.error.details.code).toBe('role_not_allowed');
      expect(
        (await submit(volunteersOnly.slug, { data: { a: 'x' } }, await login(strapi, 'volunteer')))
          .status,
      ).toBe(201);
    });

    it('lets staff change a submission’s status but never its answers', async () => {
      const res = await submit(form.slug, {
        data: { name: '赵六', phone: '13900002222', topic: 'repair' },
      });
      const row = await dbQuery(strapi, 'plugin::forms.submission').findOne({
        where: { receiptCode: res.body.data.receiptCode },
      });
      const ok = await http(strapi)
        .put(`/api/forms/submissions/${row.documentId}`)
        .set(auth(staff))
        .send({ data: { status: 'in-progress', statusNote: '已派单' } });
      expect(ok.status).toBe(200);
      const tamper = await http(strapi)
        .put(`/api/forms/submissions/${row.documentId}`)
        .set(auth(staff))
        .send({ data: { data: { name: '改' } } });
      expect(tamper.status).toBe(400);
      expect(
        await failureOf(
          strapi.db
            .connection('forms_submissions')
            .where({ id: row.id })
            .update({ data: JSON.stringify({ name: '改' }) }),
        ),
      ).toMatch(/answers never change/);
      expect(
        await failureOf(strapi.db.connection('forms_submissions').where({ id: row.id }).delete()),
      ).toMatch(/kept/);
      const receipt = await http(strapi).get(`/api/forms/receipts/${row.receiptCode}`);
      expect(receipt.body.data.status).toBe('in-progress');

      // A form with submissions is archived, never deleted.
      const del = await http(strapi).delete(`/api/forms/forms/${form.documentId}`).set(auth(staff));
      expect(del.status).toBe(400);
      expect(del.body.error.details.errors[0].messageZh).toMatch(/归档/);
    });

    it('scopes submissions: a community worker sees those placed in their community', async () => {
      const placed = await publishedForm(
        {},
        { fields: [{ key: 'area', kind: 'area', label: { zh: '社区' }, required: true }] },
      );
      expect((await submit(placed.slug, { data: { area: community.documentId } })).status).toBe(
        201,
      );
      expect(
        (await submit(placed.slug, { data: { area: otherCommunity.documentId } })).status,
      ).toBe(201);
      const mine = await http(strapi)
        .get(`/api/forms/submissions?filters[formKey][$eq]=${placed.documentId}`)
        .set(auth(worker));
      expect(mine.status).toBe(200);
      expect(mine.body.data).toHaveLength(1);
      expect(mine.body.data[0].data.area).toBe(community.documentId);
      const all = await http(strapi)
        .get(`/api/forms/submissions?filters[formKey][$eq]=${placed.documentId}`)
        .set(auth(staff));
      expect(all.body.data).toHaveLength(2);
      expect(all.body.data[0].clientKey).toBeUndefined();
    });

    it('accepts an area only inside the subtree its field is limited to', async () => {
      const limited = await publishedForm(
        {},
        {
          fields: [
            {
              key: 'area',
              kind: 'area',
              label: { zh: '社区', en: 'Community' },
              required: true,
              areaRoot: community.documentId,
            },
          ],
        },
      );
      expect((await submit(limited.slug, { data: { area: community.documentId } })).status).toBe(
        201,
      );
      const outside = await submit(limited.slug, { data: { area: otherCommunity.documentId } });
      expect(outside.status).toBe(400);
      expect(outside.body.error.details.errors[0]).toMatchObject({
        path: ['area'],
        code: 'area_outside',
      });
      const missing = await submit(limited.slug, { data: { area: 'z'.repeat(24) } });
      expect(missing.body.error.details.errors[0].code).toBe('reference_not_found');
    });

    it('exports submissions as CSV and XLSX under their version’s labels', async () => {
      const csv = await http(strapi)
        .get(`/api/forms/forms/${form.documentId}/export?format=csv&lang=zh`)
        .set(auth(staff));
      expect(csv.status).toBe(200);
      const text = csv.text;
      expect(text.charCodeAt(0)).toBe(0xfeff);
      const [header, ...lines] = text.slice(1).trim().split('\r\n');
      expect(header).toBe(
        '回执码,提交时间,版本,状态,提交人,姓名,手机号,事项,其他事项,预算,身份证号,家庭成员,满意度',
      );
      expect(
        lines.some((l) => l.includes('王芳') && l.includes('1234.50') && l.includes('维修')),
      ).toBe(true);

      const xlsx = await http(strapi)
        .get(`/api/forms/forms/${form.documentId}/export?format=xlsx&lang=en`)
        .set(auth(staff))
        .buffer(true)
        .parse((res, cb) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => cb(null, Buffer.concat(chunks)));
        });
      expect(xlsx.status).toBe(200);
      const sheet = (await readXlsx(xlsx.body)).worksheets[0];
      const columns = (sheet?.getRow(1).values as unknown[]).slice(1);
      expect(columns).toContain('Mobile');
      const values = sheet?.getSheetValues().flat() ?? [];
      expect(values).toContain('Repair');
      // The budget is a number in yuan (¥1,234.50), not text.
      expect(values).toContain(1234.5);
      expect((await http(strapi).get(`/api/forms/forms/${form.documentId}/export`)).status).toBe(
        403,
      );
    });
  });

  describe('the incubation-application target', () => {
    let hub: { documentId: string };
    let form: { documentId: string; slug: string };
    const definition = {
      fields: [
        {
          key: 'organisationName',
          kind: 'text',
          label: { zh: '组织名称', en: 'Organisation' },
          required: true,
        },
        {
          key: 'creditCode',
          kind: 'creditCode',
          label: { zh: '统一社会信用代码', en: 'Credit code' },
        },
        { key: 'area', kind: 'area', label: { zh: '所在社区', en: 'Community' }, required: true },
        { key: 'description', kind: 'textarea', label: { zh: '简介', en: 'About' } },
      ],
    };
    beforeAll(async () => {
      hub = await dbQuery(strapi, 'plugin::cms.organisation').findOne({
        where: { kind: 'hub' },
        select: ['documentId'],
      });
      form = await publishedForm(
        { purpose: 'incubation-application', settings: { hub: hub.documentId } },
        definition,
      );
    });

    it('refuses to publish a form that lacks the fields the target needs', async () => {
      const res = await createForm({
        name: 'x',
        slug: unique('inc-'),
        purpose: 'incubation-application',
        draft: { fields: [{ key: 'a', kind: 'text', label: { zh: '甲' } }] },
      });
      const pub = await publish(res.body.data.documentId);
      expect(pub.status).toBe(400);
      expect(pub.body.error.details.errors.map((e: ValidationIssue) => e.code)).toEqual(
        expect.arrayContaining(['binding_missing']),
      );
    });

    it('creates the organisation and its incubation in stage applied', async () => {
      const name = unique('社区互助会');
      const code = validCreditCode();
      const res = await submit(form.slug, {
        data: { organisationName: name, creditCode: code, area: community.documentId },
      });
      expect(res.status).toBe(201);
      expect(res.body.data.target.uid).toBe('plugin::cms.incubation');
      const org = await dbQuery(strapi, 'plugin::cms.organisation').findOne({
        where: { creditCode: code },
      });
      expect(org.name).toBe(name);
      expect(org.kind).toBe('social_organisation');
      const incubation = await dbQuery(strapi, 'plugin::cms.incubation').findOne({
        where: { documentId: res.body.data.target.documentId },
        populate: { organisation: true, hub: true },
      });
      expect(incubation.stage).toBe('applied');
      expect(incubation.organisation.id).toBe(org.id);
      expect(incubation.hub.documentId).toBe(hub.documentId);
    });

    it('writes nothing at all when the organisation is refused (a credit code already taken)', async () => {
      const code = validCreditCode();
      expect(
        (
          await submit(form.slug, {
            data: { organisationName: unique('甲'), creditCode: code, area: community.documentId },
          })
        ).status,
      ).toBe(201);
      const counts = async () => [
        await submissionCount(form.documentId),
        await dbQuery(strapi, 'plugin::cms.organisation').count(),
        await dbQuery(strapi, 'plugin::cms.incubation').count(),
      ];
      const before = await counts();
      const dup = await submit(
        form.slug,
        { data: { organisationName: unique('乙'), creditCode: code, area: community.documentId } },
        undefined,
        'zh',
      );
      expect(dup.status).toBe(400);
      expect(dup.body.error.details.errors[0].path).toEqual(['creditCode']);
      expect(await counts()).toEqual(before);
    });

    it('writes nothing when the incubation is refused after the organisation was created', async () => {
      // The hub the form names has gone: the organisation is created, then the incubation is
      // refused — and the organisation must be rolled back with it.
      const noHub = await publishedForm(
        { purpose: 'incubation-application', settings: { hub: 'a'.repeat(24) } },
        definition,
      );
      const before = await dbQuery(strapi, 'plugin::cms.organisation').count();
      const res = await submit(noHub.slug, {
        data: { organisationName: unique('丙'), area: community.documentId },
      });
      expect(res.status).toBe(400);
      expect(await dbQuery(strapi, 'plugin::cms.organisation').count()).toBe(before);
      expect(await submissionCount(noHub.documentId)).toBe(0);
    });
  });

  describe('custom fields', () => {
    let org: { documentId: string };
    beforeAll(async () => {
      const res = await createForm({
        name: '组织扩展信息',
        slug: unique('cf-'),
        purpose: 'custom-fields',
        appliesTo: 'organisation',
        draft: {
          fields: [
            {
              key: 'beneficiaries',
              kind: 'integer',
              label: { zh: '上年服务人数', en: 'Beneficiaries last year' },
              min: 0,
            },
            {
              key: 'focus',
              kind: 'multichoice',
              label: { zh: '重点人群', en: 'Focus' },
              options: [
                { value: 'elderly', label: { zh: '老人' } },
                { value: 'children', label: { zh: '儿童' } },
              ],
            },
            { key: 'retired', kind: 'text', label: { zh: '旧字段' } },
          ],
        },
      });
      expect(res.status).toBe(201);
      expect((await publish(res.body.data.documentId)).status).toBe(200);
      org = await dbQuery(strapi, 'plugin::cms.organisation').findOne({
        where: { kind: 'social_organisation' },
        select: ['documentId'],
      });
    });

    it('validates values like a submission and stores them on the record', async () => {
      const bad = await http(strapi)
        .put(`/api/cms/organisations/${org.documentId}`)
        .set(auth(staff))
        .send({ data: { customFields: { beneficiaries: -3, nope: 1 } } });
      expect(bad.status).toBe(400);
      expect(
        bad.body.error.details.errors.map((e: ValidationIssue) => e.path.join('.')).sort(),
      ).toEqual(['customFields.beneficiaries', 'customFields.nope']);
      const ok = await http(strapi)
        .put(`/api/cms/organisations/${org.documentId}`)
        .set(auth(staff))
        .send({
          data: { customFields: { beneficiaries: '1200', focus: ['elderly'], retired: '旧值' } },
        });
      expect(ok.status).toBe(200);
      expect(ok.body.data.customFields).toEqual({
        beneficiaries: 1200,
        focus: ['elderly'],
        retired: '旧值',
      });
    });

    it('is usable as a list filter on REST and GraphQL', async () => {
      const rest = await http(strapi)
        .get('/api/cms/organisations?filters[customFields][$gte][beneficiaries]=1000')
        .set(auth(staff));
      expect(rest.status).toBe(200);
      expect(rest.body.data.map((o: { documentId: string }) => o.documentId)).toEqual([
        org.documentId,
      ]);
      const q = await gql(
        strapi,
        'query($f: CmsOrganisationFiltersInput) { cmsOrganisations(filters: $f) { documentId customFields } }',
        { f: { customFields: { eq: { focus: 'elderly' } } } },
        staff,
      );
      expect(q.body.errors).toBeUndefined();
      expect(q.body.data.cmsOrganisations.map((o: { documentId: string }) => o.documentId)).toEqual(
        [org.documentId],
      );
      const none = await gql(
        strapi,
        'query($f: CmsOrganisationFiltersInput) { cmsOrganisations(filters: $f) { documentId } }',
        { f: { customFields: { eq: { focus: 'children' } } } },
        staff,
      );
      expect(none.body.data.cmsOrganisations).toEqual([]);
    });

    it('keeps a removed field’s values readable, and refuses writing it anew', async () => {
      const form = await dbQuery(strapi, 'plugin::forms.form').findOne({
        where: { purpose: 'custom-fields', appliesTo: 'organisation' },
      });
      await http(strapi)
        .put(`/api/forms/forms/${form.documentId}`)
        .set(auth(staff))
        .send({
          data: {
            draft: {
              fields: [
                { key: 'beneficiaries', kind: 'integer', label: { zh: '上年服务人数' }, min: 0 },
              ],
            },
          },
        });
      expect((await publish(form.documentId)).status).toBe(200);
      const read = await http(strapi)
        .get(`/api/cms/organisations/${org.documentId}`)
        .set(auth(staff));
      expect(read.body.data.customFields.retired).toBe('旧值');
      const keep = await http(strapi)
        .put(`/api/cms/organisations/${org.documentId}`)
        .set(auth(staff))
        .send({ data: { customFields: { ...read.body.data.customFields, beneficiaries: 1300 } } });
      expect(keep.status).toBe(200);
      expect(keep.body.data.customFields).toEqual({
        beneficiaries: 1300,
        focus: ['elderly'],
        retired: '旧值',
      });
      const rewrite = await http(strapi)
        .put(`/api/cms/organisations/${org.documentId}`)
        .set(auth(staff))
        .send({ data: { customFields: { ...read.body.data.customFields, retired: '新值' } } });
      expect(rewrite.status).toBe(400);
    });

    it('checks that a referenced record exists, like a submission', async () => {
      const form = await dbQuery(strapi, 'plugin::forms.form').findOne({
        where: { purpose: 'custom-fields', appliesTo: 'organisation' },
      });
      await http(strapi)
        .put(`/api/forms/forms/${form.documentId}`)
        .set(auth(staff))
        .send({
          data: {
            draft: {
              fields: [
                { key: 'beneficiaries', kind: 'integer', label: { zh: '上年服务人数' }, min: 0 },
                { key: 'partner', kind: 'organisation', label: { zh: '合作单位' } },
              ],
            },
          },
        });
      expect((await publish(form.documentId)).status).toBe(200);
      const res = await http(strapi)
        .put(`/api/cms/organisations/${org.documentId}`)
        .set(auth(staff))
        .send({ data: { customFields: { partner: 'q'.repeat(24) } } });
      expect(res.status).toBe(400);
      expect(res.body.error.details.errors[0]).toMatchObject({
        path: ['customFields', 'partner'],
        code: 'reference_not_found',
      });
    });

    it('allows one live custom-field form per record type', async () => {
      const res = await createForm({
        name: 'again',
        slug: unique('cf-'),
        purpose: 'custom-fields',
        appliesTo: 'organisation',
      });
      expect(res.status).toBe(400);
      expect(res.body.error.details.errors[0].path).toEqual(['appliesTo']);
    });
  });
});
