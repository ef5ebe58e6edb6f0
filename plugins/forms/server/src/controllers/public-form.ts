import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import QRCode from 'qrcode';
import { answering, refusal } from '../services/http-errors';
import { getService } from '../utils';

/** The submitter's language: `?lang=`, else the browser's Accept-Language; Chinese first. */
export function languageOf(ctx: Context): 'zh' | 'en' {
  const asked = String(ctx.query?.lang ?? ctx.request.body?.language ?? '');
  if (asked === 'en' || asked === 'zh') return asked;
  const header = String(ctx.get?.('accept-language') ?? '');
  return /^en\b/i.test(header) ? 'en' : 'zh';
}

/**
 * The public side of forms: the form as the public page renders it, submission, file upload,
 * the receipt lookup and the QR code. Open to everyone (the form's own access rule is applied
 * per form in the service).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const submissions = () => getService(strapi, 'submissions');
  const uploads = () => getService(strapi, 'uploads');
  const receipts = () => getService(strapi, 'receipts');

  return {
    async show(ctx: Context) {
      ctx.body = { data: await submissions().publicForm(ctx.params.slug) };
    },

    async submit(ctx: Context) {
      const lang = languageOf(ctx);
      await answering(
        ctx,
        async () => {
          const submitter = await submissions().submitter(ctx);
          const result = await submissions().submit(
            ctx.params.slug,
            ctx.request.body,
            submitter,
            lang,
          );
          ctx.status = 201;
          ctx.body = { data: result };
        },
        lang,
      );
    },

    async receipt(ctx: Context) {
      await receipts().guard(ctx, 'lookup');
      ctx.body = { data: await submissions().receipt(ctx.params.code) };
    },

    /** POST /api/forms/receipts/:code/files (multipart: `file`) → a file sent after submitting. */
    async receiptFile(ctx: Context) {
      const lang = languageOf(ctx);
      await receipts().guard(ctx, 'answer');
      const raw = ctx.request.files?.file;
      ctx.status = 201;
      ctx.body = {
        data: await receipts().acceptFile(
          ctx.params.code,
          (Array.isArray(raw) ? raw[0] : raw) ?? null,
          lang,
        ),
      };
    },

    /** POST /api/forms/:slug/files (multipart: `file`, `field`) → { id, name, mime, size } */
    async upload(ctx: Context) {
      const lang = languageOf(ctx);
      const raw = ctx.request.files?.file;
      const submitter = await submissions().submitter(ctx);
      const saved = await uploads().accept({
        slug: ctx.params.slug,
        field: String(ctx.request.body?.field ?? ''),
        file: (Array.isArray(raw) ? raw[0] : raw) ?? null,
        submitter,
        lang,
      });
      ctx.status = 201;
      ctx.body = { data: saved };
    },

    /** GET /api/forms/:slug/qr.svg and /qr.png: the public page's address as a QR code. */
    async qr(ctx: Context) {
      const form = await submissions().loadForm(ctx.params.slug);
      if (!form || form.purpose === 'custom-fields')
        throw refusal('form_not_found', 'No such form', '没有这个表单');
      const base = String(
        strapi.config.get('server.url', '') || `${ctx.protocol}://${ctx.host}`,
      ).replace(/\/$/, '');
      const url = `${base}/f/${form.slug}`;
      const format = ctx.params.format === 'png' ? 'png' : 'svg';
      ctx.set('Content-Disposition', `inline; filename="${form.slug}-qr.${format}"`);
      ctx.set('X-Form-Url', url);
      if (format === 'png') {
        ctx.type = 'image/png';
        ctx.body = await QRCode.toBuffer(url, { errorCorrectionLevel: 'M', margin: 2, width: 512 });
      } else {
        ctx.type = 'image/svg+xml';
        ctx.body = await QRCode.toString(url, {
          type: 'svg',
          errorCorrectionLevel: 'M',
          margin: 2,
        });
      }
    },
  };
};
