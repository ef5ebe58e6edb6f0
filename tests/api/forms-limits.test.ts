// Forms at their limits: the per-client rate limit (set low for this file), and file uploads
// checked by type, content and size before a submission may attach them.
import type { Core } from '@strapi/strapi';
import { bootStrapi, dbQuery, http, login, unique } from '../helpers/strapi';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

describe('forms at their limits', () => {
  let strapi: Core.Strapi;
  let staff: string;
  const saved = process.env.LINLI_FORMS_RATE_MAX;
  const savedGrace = process.env.LINLI_FORMS_VERSION_GRACE_HOURS;

  async function published(definition: unknown): Promise<{ documentId: string; slug: string }> {
    const slug = unique('lim-');
    const res = await http(strapi)
      .post('/api/forms/forms')
      .set('Authorization', `Bearer ${staff}`)
      .send({ data: { name: 'limits', slug, purpose: 'standalone', draft: definition } });
    await http(strapi)
      .post(`/api/forms/forms/${res.body.data.documentId}/publish`)
      .set('Authorization', `Bearer ${staff}`);
    return { documentId: res.body.data.documentId, slug };
  }

  beforeAll(async () => {
    process.env.LINLI_FORMS_RATE_MAX = '3';
    process.env.LINLI_FORMS_VERSION_GRACE_HOURS = '0';
    strapi = await bootStrapi();
    if (saved === undefined) delete process.env.LINLI_FORMS_RATE_MAX;
    else process.env.LINLI_FORMS_RATE_MAX = saved;
    if (savedGrace === undefined) delete process.env.LINLI_FORMS_VERSION_GRACE_HOURS;
    else process.env.LINLI_FORMS_VERSION_GRACE_HOURS = savedGrace;
    staff = await login(strapi, 'foundation-staff');
  });
  afterAll(async () => {
    await strapi.destroy();
  });

  it('answers 429 in both languages once a client has submitted too often, valid or not', async () => {
    const form = await published({
      fields: [{ key: 'a', kind: 'text', label: { zh: '甲' }, required: true }],
    });
    const send = (data: unknown) =>
      http(strapi).post(`/api/forms/${form.slug}/submissions?lang=zh`).send({ data });
    expect((await send({ a: 'x' })).status).toBe(201);
    expect((await send({})).status).toBe(400);
    expect((await send({ a: 'y' })).status).toBe(201);
    const limited = await send({ a: 'z' });
    expect(limited.status).toBe(429);
    expect(limited.body.error.details.messageZh).toMatch(/频繁/);
    expect(
      await dbQuery(strapi, 'plugin::forms.submission').count({
        where: { formKey: form.documentId },
      }),
    ).toBe(2);
    // Another form has its own allowance.
    const other = await published({ fields: [{ key: 'a', kind: 'text', label: { zh: '甲' } }] });
    expect(
      (
        await http(strapi)
          .post(`/api/forms/${other.slug}/submissions`)
          .send({ data: { a: 'x' } })
      ).status,
    ).toBe(201);
  });

  it('refuses answers to a superseded version once its grace period is over (here: none)', async () => {
    const form = await published({ fields: [{ key: 'a', kind: 'text', label: { zh: '甲' } }] });
    await http(strapi)
      .put(`/api/forms/forms/${form.documentId}`)
      .set('Authorization', `Bearer ${staff}`)
      .send({
        data: {
          draft: { fields: [{ key: 'a', kind: 'text', label: { zh: '甲' }, required: true }] },
        },
      });
    await http(strapi)
      .post(`/api/forms/forms/${form.documentId}/publish`)
      .set('Authorization', `Bearer ${staff}`);
    const old = await http(strapi)
      .post(`/api/forms/${form.slug}/submissions`)
      .send({ version: 1, data: {} });
    expect(old.status).toBe(400);
    expect(old.body.error.details.errors[0]).toMatchObject({
      path: ['version'],
      code: 'version_superseded',
    });
    expect(
      (
        await http(strapi)
          .post(`/api/forms/${form.slug}/submissions`)
          .send({ version: 2, data: {} })
      ).status,
    ).toBe(400);
  });

  it('accepts only uploads of the field’s types and size, checks their content, and attaches only those', async () => {
    const form = await published({
      fields: [
        {
          key: 'photo',
          kind: 'file',
          label: { zh: '照片', en: 'Photo' },
          accept: ['image/png'],
          maxBytes: 1000,
          required: true,
        },
      ],
    });
    const upload = (content: Buffer, name: string, type: string) =>
      http(strapi)
        .post(`/api/forms/${form.slug}/files`)
        .field('field', 'photo')
        .attach('file', content, { filename: name, contentType: type });
    const ok = await upload(PNG, 'a.png', 'image/png');
    expect(ok.status).toBe(201);
    expect(ok.body.data).toMatchObject({ mime: 'image/png', size: PNG.length });
    const disguised = await upload(Buffer.from('<script>alert(1)</script>'), 'b.png', 'image/png');
    expect(disguised.status).toBe(400);
    expect(disguised.body.error.details.errors[0].code).toBe('file_type');
    expect((await upload(Buffer.from('%PDF-1.4'), 'c.pdf', 'application/pdf')).status).toBe(400);
    const big = Buffer.concat([PNG, Buffer.alloc(2000)]);
    const tooBig = await upload(big, 'big.png', 'image/png');
    expect(tooBig.body.error.details.errors[0].code).toBe('file_size');

    const res = await http(strapi)
      .post(`/api/forms/${form.slug}/submissions`)
      .send({ data: { photo: [{ id: ok.body.data.id, size: 1 }] } });
    expect(res.status).toBe(201);
    const row = await dbQuery(strapi, 'plugin::forms.submission').findOne({
      where: { receiptCode: res.body.data.receiptCode },
    });
    expect(row.data.photo[0]).toMatchObject({
      id: ok.body.data.id,
      mime: 'image/png',
      size: PNG.length,
    });

    // A file uploaded elsewhere (not through this form's field) cannot be attached.
    const foreign = await dbQuery(strapi, 'plugin::upload.file').create({
      data: {
        name: 'x.png',
        hash: unique('h'),
        ext: '.png',
        mime: 'image/png',
        size: 0.1,
        url: '/uploads/x.png',
        provider: 'local',
      },
    });
    const stolen = await http(strapi)
      .post(`/api/forms/${form.slug}/submissions`)
      .send({ data: { photo: [foreign.id] } });
    expect(stolen.status).toBe(400);
    expect(stolen.body.error.details.errors[0].code).toBe('file_not_found');
  });
});
