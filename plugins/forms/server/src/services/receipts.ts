import fs from 'fs';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { FieldDef } from '../domain/fields';
import { DEFAULT_FILE_MAX_BYTES } from '../domain/fields';
import { normaliseReceiptCode } from '../domain/receipt';
import { SIGNATURE_BYTES, UPLOAD_RATE_FACTOR, uploadIssues } from '../domain/uploads';
import { FORMS } from '../uids';
import { refusal, validationError } from './http-errors';
import type { IncomingFile } from './uploads';
import { cmsService, getService } from '../utils';

/**
 * What a receipt code opens after the submission: the lookup (rate-limited per client, so codes
 * cannot be tried in bulk) and the files a submitter sends later (an answer to staff asking for
 * more information). Such files follow the same upload rules as a form's file field and are tied
 * to the submission by their caption, so only they may be attached to its later answers.
 */

/** The rules of a file sent after the submission: documents and pictures, the default size. */
export const LATER_FILE: FieldDef = {
  key: 'files',
  kind: 'file',
  label: { zh: '附件', en: 'Attachment' },
  accept: [
    'image/jpeg',
    'image/png',
    'image/webp',
    'application/pdf',
    'application/msword',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.ms-excel',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ],
  maxBytes: DEFAULT_FILE_MAX_BYTES,
  maxItems: 5,
};

/** A kept file as the submitter and staff see it (no owner, no internal path). */
export interface LaterFile {
  id: number;
  name: string;
  mime: string;
  size: number;
  url: string;
}

/** The caption that ties a file to its submission (followed by `:<bytes>`: Strapi keeps KB). */
const laterCaption = (submissionKey: string) => `forms-later:${submissionKey}:`;

/** A Strapi upload row, as far as this reads it. */
interface UploadRow {
  id: number;
  name: string;
  mime: string;
  url: string;
  caption?: string | null;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const submissions = () => getService(strapi, 'submissions');
  const rateLimit = () => getService(strapi, 'rateLimit');

  async function submissionOf(code: unknown): Promise<{ id: number; documentId: string } | null> {
    const normalised = typeof code === 'string' ? normaliseReceiptCode(code) : null;
    if (!normalised) return null;
    return strapi.db.query(FORMS.submission).findOne({
      where: { receiptCode: normalised },
      select: ['id', 'documentId'],
    });
  }

  async function keepChecked(
    file: IncomingFile | null,
    captionPrefix: string,
    lang: 'zh' | 'en',
  ): Promise<LaterFile> {
    const mime = file?.mimetype ?? file?.type ?? 'application/octet-stream';
    let head = new Uint8Array(0);
    if (file) {
      const buffer = Buffer.alloc(SIGNATURE_BYTES);
      const fd = fs.openSync(String(file.filepath ?? file.path), 'r');
      try {
        fs.readSync(fd, buffer, 0, SIGNATURE_BYTES, 0);
      } finally {
        fs.closeSync(fd);
      }
      head = buffer;
    }
    const issues = uploadIssues(LATER_FILE, 'files', file && { mime, size: file.size, head });
    if (issues.length) throw validationError(strapi, issues, lang);
    const incoming = file as IncomingFile;
    const [saved] = (await strapi
      .plugin('upload')
      .service('upload')
      .upload({
        data: { fileInfo: { caption: `${captionPrefix}${incoming.size}` } },
        files: incoming,
      })) as UploadRow[];
    return {
      id: saved.id,
      name: saved.name,
      mime: saved.mime,
      size: incoming.size,
      url: cmsService(strapi, 'kit').fileLink(saved.url),
    };
  }

  return {
    /**
     * Counts one look-up or answer by a receipt code from this client: three times the submit
     * allowance (a page reload is a look-up), refused with 429 beyond it.
     */
    async guard(ctx: Context, what: 'lookup' | 'answer'): Promise<void> {
      const { clientKey } = await submissions().submitter(ctx);
      const { allowed, retryAfter } = await rateLimit().hit(
        `receipt-${what}:${clientKey}`,
        UPLOAD_RATE_FACTOR,
      );
      if (!allowed) {
        ctx.set('Retry-After', String(retryAfter));
        throw refusal(
          'rate_limited',
          `Too many look-ups from this device; try again in ${Math.ceil(retryAfter / 60)} minutes`,
          `查询过于频繁，请 ${Math.ceil(retryAfter / 60)} 分钟后再试`,
        );
      }
    },

    /** The receipt code as stored (ABCDE-FGHJK), or null when it cannot be one. */
    normalise(code: unknown): string | null {
      return typeof code === 'string' ? normaliseReceiptCode(code) : null;
    },

    /** Keeps one file sent later with the submission this code names (rules: LATER_FILE). */
    async acceptFile(
      code: unknown,
      file: IncomingFile | null,
      lang: 'zh' | 'en',
    ): Promise<LaterFile> {
      const submission = await submissionOf(code);
      if (!submission)
        throw refusal(
          'receipt_not_found',
          'No submission has this receipt code',
          '没有与此回执码对应的提交',
        );
      return keepChecked(file, `${laterCaption(submission.documentId)}`, lang);
    },

    /**
     * Checks one file by the rules of a file sent later (documents and pictures, the default
     * size, the content sniffed against its type) and keeps it under `captionPrefix` followed by
     * its size: other plugins (cases' photos) take files through the same checks.
     */
    keepChecked(file: IncomingFile | null, captionPrefix: string, lang: 'zh' | 'en') {
      return keepChecked(file, captionPrefix, lang);
    },

    /** The receipt codes of a signed-in user's own submissions, newest first (at most 100). */
    async codesOf(userId: number): Promise<string[]> {
      const rows: { receiptCode: string }[] = await strapi.db.query(FORMS.submission).findMany({
        where: { submitterId: userId },
        select: ['receiptCode'],
        orderBy: { id: 'desc' },
        limit: 100,
      });
      return rows.map((r) => r.receiptCode);
    },

    /**
     * The files among `ids` that were sent with this code's submission (others are not the
     * submitter's to attach); null when an id names no such file.
     */
    async laterFiles(code: unknown, ids: readonly number[]): Promise<LaterFile[] | null> {
      const submission = await submissionOf(code);
      if (!submission) return null;
      if (!ids.length) return [];
      const rows: UploadRow[] = await strapi.db.query('plugin::upload.file').findMany({
        where: {
          id: { $in: [...ids] },
          caption: { $startsWith: laterCaption(submission.documentId) },
        },
        select: ['id', 'name', 'mime', 'url', 'caption'],
      });
      if (rows.length !== new Set(ids).size) return null;
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        mime: r.mime,
        url: r.url,
        size: Number(String(r.caption).split(':').pop()),
      }));
    },
  };
};
