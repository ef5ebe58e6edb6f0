import type { Core } from '@strapi/strapi';
import type { Attachment } from '../shared/contracts/cases';
import { formsService } from '../utils';
import { casesKit } from './kit';

/** A file as Strapi's body parser (formidable) hands it over. */
export interface IncomingFile {
  filepath?: string;
  path?: string;
  mimetype?: string | null;
  type?: string;
  size: number;
}

const MAX_FILES = 9;

/**
 * Photos and documents for cases and their steps (the problem, the fix), checked by the forms
 * plugin's upload rules (type, size, content sniffed against the type) and kept under a caption
 * naming the uploader: a case or step may then attach only its own uploader's files.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const kit = casesKit(strapi);
  return {
    async upload(userId: number, files: IncomingFile[], lang: 'zh' | 'en'): Promise<Attachment[]> {
      if (!files.length)
        kit.refuse('files', 'required', 'choose a file to upload', '请选择要上传的文件');
      if (files.length > MAX_FILES)
        kit.refuse(
          'files',
          'invalid_attachment',
          `at most ${MAX_FILES} files at once`,
          `一次最多上传 ${MAX_FILES} 个文件`,
        );
      const kept: Attachment[] = [];
      for (const file of files)
        kept.push(
          await formsService(strapi, 'receipts').keepChecked(file, `cases:${userId}:`, lang),
        );
      return kept;
    },
  };
};
