import fs from 'fs';
import type { Core } from '@strapi/strapi';
import {
  SIGNATURE_BYTES,
  UPLOAD_RATE_FACTOR,
  fileFieldOf,
  unknownFileField,
  uploadIssues,
} from '../domain/uploads';
import { refusal, validationError } from './http-errors';
import type rateLimitFactory from './rate-limit';
import type submissionsFactory from './submissions';
import { uploadCaption, type Lang, type Submitter } from './submissions';

/** A file as Strapi's body parser (formidable) hands it over. */
export interface IncomingFile {
  filepath?: string;
  path?: string;
  mimetype?: string | null;
  type?: string;
  size: number;
}

export interface UploadRequest {
  slug: string;
  /** The key of the file field the file is for. */
  field: string;
  file: IncomingFile | null;
  submitter: Submitter;
  lang: Lang;
}

/** The first bytes of a file on disk (zeros past its end). */
function headOf(file: IncomingFile): Uint8Array {
  const head = Buffer.alloc(SIGNATURE_BYTES);
  const fd = fs.openSync(String(file.filepath ?? file.path), 'r');
  try {
    fs.readSync(fd, head, 0, SIGNATURE_BYTES, 0);
  } finally {
    fs.closeSync(fd);
  }
  return head;
}

/**
 * Files uploaded for a form, before its submission: only to an open form, within the client's
 * rate allowance, for one of the live version's file fields, checked by domain/uploads.ts, then
 * kept by Strapi's upload plugin under a caption that ties it to the form and field (only such
 * files may be attached to the form's submissions).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const submissions = () =>
    strapi.plugin('forms').service('submissions') as ReturnType<typeof submissionsFactory>;
  const rateLimit = () =>
    strapi.plugin('forms').service('rateLimit') as ReturnType<typeof rateLimitFactory>;

  return {
    /** Checks and keeps one uploaded file; answers what the submission will refer to. */
    async accept(
      request: UploadRequest,
    ): Promise<{ id: number; name: string; mime: string; size: number }> {
      const { slug, field: key, file, submitter, lang } = request;
      const form = await submissions().loadForm(slug);
      const state = form ? submissions().formState(form) : 'unpublished';
      if (!form || state !== 'open')
        throw refusal('form_not_open', 'This form is not open', '该表单未开放');
      const { allowed } = await rateLimit().hit(
        `upload:${form.id}:${submitter.clientKey}`,
        UPLOAD_RATE_FACTOR,
      );
      if (!allowed)
        throw refusal(
          'rate_limited',
          'Too many uploads; try again later',
          '上传过于频繁，请稍后再试',
        );
      // An open form is a published one: it has a live version.
      const version = await submissions().loadVersion(form.documentId, form.liveVersion as number);
      const field = fileFieldOf(version?.definition, key);
      if (!field) throw validationError(strapi, [unknownFileField()], lang);
      const mime = file?.mimetype ?? file?.type ?? 'application/octet-stream';
      const issues = uploadIssues(
        field,
        key,
        file && { mime, size: file.size, head: headOf(file) },
      );
      if (issues.length) throw validationError(strapi, issues, lang);
      const incoming = file as IncomingFile;
      const [saved] = (await strapi
        .plugin('upload')
        .service('upload')
        .upload({
          data: {
            fileInfo: { caption: `${uploadCaption(form.documentId, key)}:${incoming.size}` },
          },
          files: incoming,
        })) as { id: number; name: string; mime: string }[];
      return { id: saved.id, name: saved.name, mime: saved.mime, size: incoming.size };
    },
  };
};
