import fs from 'fs';
import type { Core } from '@strapi/strapi';
import QRCode from 'qrcode';
import { answering, validationError, refusal } from '../services/http-errors';
import { formIssue } from '../domain/issues';
import { formatBytes, mimeAccepted } from '../domain/validate';
import { uploadCaption } from '../services/submissions';
import { getService } from '../utils';

/* eslint-disable @typescript-eslint/no-explicit-any -- Koa context */

/** The submitter's language: `?lang=`, else the browser's Accept-Language; Chinese first. */
export function languageOf(ctx: any): 'zh' | 'en' {
  const asked = String(ctx.query?.lang ?? ctx.request.body?.language ?? '');
  if (asked === 'en' || asked === 'zh') return asked;
  const header = String(ctx.get?.('accept-language') ?? '');
  return /^en\b/i.test(header) ? 'en' : 'zh';
}

/** Magic numbers of the file types forms most often take, so a renamed file is not believed. */
const SIGNATURES: Record<string, (b: Buffer) => boolean> = {
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) =>
    b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/gif': (b) => b.subarray(0, 4).toString('latin1') === 'GIF8',
  'image/webp': (b) =>
    b.subarray(0, 4).toString('latin1') === 'RIFF' &&
    b.subarray(8, 12).toString('latin1') === 'WEBP',
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
};

/**
 * The public side of forms: the form as the public page renders it, submission, file upload,
 * the receipt lookup and the QR code. Open to everyone (the form's own access rule is applied
 * per form in the service).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const submissions = () => getService(strapi, 'submissions');
  const rateLimit = () => getService(strapi, 'rateLimit');

  return {
    async show(ctx: any) {
      ctx.body = { data: await submissions().publicForm(ctx.params.slug) };
    },

    async submit(ctx: any) {
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

    async receipt(ctx: any) {
      ctx.body = { data: await submissions().receipt(ctx.params.code) };
    },

    /** POST /api/forms/:slug/files (multipart: `file`, `field`) → { id, name, mime, size } */
    async upload(ctx: any) {
      const lang = languageOf(ctx);
      const form = await submissions().loadForm(ctx.params.slug);
      const state = form ? submissions().formState(form) : 'unpublished';
      if (!form || state !== 'open')
        throw refusal('not-found', 'form_not_open', 'This form is not open', '该表单未开放');
      const submitter = await submissions().submitter(ctx);
      // Several files may go with one submission: uploads get three times the allowance.
      const { allowed } = await rateLimit().hit(`upload:${form.id}:${submitter.clientKey}`, 3);
      if (!allowed)
        throw refusal(
          'rate-limit',
          'rate_limited',
          'Too many uploads; try again later',
          '上传过于频繁，请稍后再试',
        );
      const version = await submissions().loadVersion(form.documentId, form.liveVersion);
      const key = String(ctx.request.body?.field ?? '');
      const field = (version?.definition?.fields ?? [])
        .flatMap((f: any) => (f.kind === 'group' ? [f, ...(f.fields ?? [])] : [f]))
        .find((f: any) => f.key === key && f.kind === 'file');
      if (!field)
        throw validationError(
          [
            formIssue(
              'unknown_field',
              'field',
              'field: no file field has this key',
              'field：没有这个文件字段',
            ),
          ],
          lang,
        );
      const raw = ctx.request.files?.file;
      const file = Array.isArray(raw) ? raw[0] : raw;
      if (!file)
        throw validationError(
          [
            formIssue(
              'required',
              key,
              `${field.label.en || field.label.zh}: choose a file`,
              `${field.label.zh}：请选择文件`,
            ),
          ],
          lang,
        );
      const mime: string = file.mimetype ?? file.type ?? 'application/octet-stream';
      const size: number = file.size;
      const label = { en: field.label.en || field.label.zh, zh: field.label.zh };
      const fail = (en: string, zh: string, code: string) => {
        throw validationError(
          [formIssue(code, key, `${label.en}: ${en}`, `${label.zh}：${zh}`)],
          lang,
        );
      };
      if (field.accept?.length && !mimeAccepted(mime, field.accept))
        fail(`files of type ${mime} are not accepted`, `不接受 ${mime} 类型的文件`, 'file_type');
      const limit = field.maxBytes ?? 10 * 1024 * 1024;
      if (size > limit)
        fail(
          `each file must be at most ${formatBytes(limit)}`,
          `每个文件不能超过 ${formatBytes(limit)}`,
          'file_size',
        );
      const head = Buffer.alloc(16);
      const fd = fs.openSync(file.filepath ?? file.path, 'r');
      try {
        fs.readSync(fd, head, 0, 16, 0);
      } finally {
        fs.closeSync(fd);
      }
      if (SIGNATURES[mime] && !SIGNATURES[mime](head))
        fail(`the file's content is not ${mime}`, `文件内容与类型 ${mime} 不符`, 'file_type');
      const [saved]: any[] = await strapi
        .plugin('upload')
        .service('upload')
        .upload({
          data: { fileInfo: { caption: `${uploadCaption(form.documentId, key)}:${size}` } },
          files: file,
        });
      ctx.status = 201;
      ctx.body = { data: { id: saved.id, name: saved.name, mime: saved.mime, size } };
    },

    /** GET /api/forms/:slug/qr.svg and /qr.png: the public page's address as a QR code. */
    async qr(ctx: any) {
      const form = await submissions().loadForm(ctx.params.slug);
      if (!form || form.purpose === 'custom-fields')
        throw refusal('not-found', 'form_not_found', 'No such form', '没有这个表单');
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
