import { allFields, DEFAULT_FILE_MAX_BYTES, type FieldDef, type FormDefinition } from './fields';
import type { FormsErrorCode } from './errors';
import { formIssue, type FormIssue } from './issues';
import { formatBytes, mimeAccepted } from './validate';

/**
 * The rules of a file uploaded for a form, pure: it is for one of the live version's file
 * fields, of a type the field accepts, within its size, and its first bytes are what its type
 * says (a renamed file is not believed).
 */

/** Several files may go with one submission: uploads get this many times the rate allowance. */
export const UPLOAD_RATE_FACTOR = 3;

/** How many of a file's first bytes its signature check reads. */
export const SIGNATURE_BYTES = 16;

const ascii = (b: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...b.subarray(from, to));

/** Magic numbers of the file types forms most often take. */
export const FILE_SIGNATURES: Record<string, (head: Uint8Array) => boolean> = {
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) =>
    [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((byte, i) => b[i] === byte),
  'image/gif': (b) => ascii(b, 0, 4) === 'GIF8',
  'image/webp': (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP',
  'application/pdf': (b) => ascii(b, 0, 5) === '%PDF-',
};

/** Whether a file's first bytes agree with its declared type (types without a signature do). */
export const signatureMatches = (mime: string, head: Uint8Array): boolean =>
  !FILE_SIGNATURES[mime] || FILE_SIGNATURES[mime](head);

/** The file field a definition has under this key (in a group too), if any. */
export function fileFieldOf(
  definition: Partial<FormDefinition> | null | undefined,
  key: string,
): FieldDef | undefined {
  return allFields({ fields: definition?.fields ?? [] }).find(
    (f) => f.key === key && f.kind === 'file',
  );
}

export const unknownFileField = (): FormIssue =>
  formIssue(
    'unknown_field',
    'field',
    'field: no file field has this key',
    'field：没有这个文件字段',
  );

/** A file as it arrived: its declared type, its size, and its first bytes. */
export interface UploadedFile {
  mime: string;
  size: number;
  head: Uint8Array;
}

/**
 * What is wrong with a file uploaded for `field` (at `key`), the first problem only; none when
 * it may be kept. `file` is null when none came.
 */
export function uploadIssues(field: FieldDef, key: string, file: UploadedFile | null): FormIssue[] {
  const label = { en: field.label.en || field.label.zh, zh: field.label.zh };
  const say = (code: FormsErrorCode, en: string, zh: string) => [
    formIssue(code, key, `${label.en}: ${en}`, `${label.zh}：${zh}`),
  ];
  if (!file) return say('required', 'choose a file', '请选择文件');
  const { mime, size } = file;
  if (field.accept?.length && !mimeAccepted(mime, field.accept))
    return say('file_type', `files of type ${mime} are not accepted`, `不接受 ${mime} 类型的文件`);
  const limit = field.maxBytes ?? DEFAULT_FILE_MAX_BYTES;
  if (size > limit)
    return say(
      'file_size',
      `each file must be at most ${formatBytes(limit)}`,
      `每个文件不能超过 ${formatBytes(limit)}`,
    );
  if (!signatureMatches(mime, file.head))
    return say('file_type', `the file's content is not ${mime}`, `文件内容与类型 ${mime} 不符`);
  return [];
}
