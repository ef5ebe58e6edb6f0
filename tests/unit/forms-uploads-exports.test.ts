// The forms plugin's upload and export rules, pure: which field a file is for, its type, size
// and signature; what an export request asks for, its labels, file name and rows.
import {
  EXPORT_CONTENT_TYPES,
  exportFileName,
  exportOptions,
  exportRow,
  statusLabel,
} from '../../plugins/forms/server/src/domain/export-file';
import type { FieldDef, FormDefinition } from '../../plugins/forms/server/src/domain/fields';
import {
  fileFieldOf,
  signatureMatches,
  uploadIssues,
  type UploadedFile,
} from '../../plugins/forms/server/src/domain/uploads';

const bytes = (...b: number[]) => {
  const head = new Uint8Array(16);
  head.set(b);
  return head;
};
const text = (s: string) => bytes(...[...s].map((c) => c.charCodeAt(0)));
const JPEG = bytes(0xff, 0xd8, 0xff, 0xe0);
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const PDF = text('%PDF-1.7');
const GIF = text('GIF89a');
const WEBP = text('RIFF\x00\x00\x00\x00WEBP');
const ZEROS = new Uint8Array(16);

const photo: FieldDef = {
  key: 'photo',
  kind: 'file',
  label: { zh: '照片', en: 'Photo' },
  accept: ['image/*'],
  maxBytes: 1024 * 1024,
};
const scan: FieldDef = { key: 'scan', kind: 'file', label: { zh: '扫描件' } };
const definition: FormDefinition = {
  fields: [
    { key: 'name', kind: 'text', label: { zh: '姓名' } },
    photo,
    {
      key: 'members',
      kind: 'group',
      label: { zh: '成员' },
      fields: [
        { key: 'memberId', kind: 'file', label: { zh: '身份证' } },
        { key: 'memberName', kind: 'text', label: { zh: '姓名' } },
      ],
    },
  ],
};

describe('the field a file is for', () => {
  it.each<[string, Partial<FormDefinition> | null, string, string | undefined]>([
    ['a file field', definition, 'photo', 'photo'],
    ['a file field in a group', definition, 'memberId', 'memberId'],
    ['a text field', definition, 'name', undefined],
    ['a text field in a group', definition, 'memberName', undefined],
    ['a group', definition, 'members', undefined],
    ['no such key', definition, 'nothing', undefined],
    ['no version', null, 'photo', undefined],
    ['a version without fields', {}, 'photo', undefined],
  ])('%s', (_what, def, key, found) => {
    expect(fileFieldOf(def, key)?.key).toBe(found);
  });
});

describe('a file signature', () => {
  it.each<[string, Uint8Array, boolean]>([
    ['image/jpeg', JPEG, true],
    ['image/jpeg', PNG, false],
    ['image/png', PNG, true],
    ['image/png', bytes(0x89, 0x50, 0x4e, 0x47), false],
    ['image/gif', GIF, true],
    ['image/gif', PDF, false],
    ['image/webp', WEBP, true],
    ['image/webp', text('RIFF\x00\x00\x00\x00WAVE'), false],
    ['application/pdf', PDF, true],
    ['application/pdf', ZEROS, false],
    ['text/plain', ZEROS, true],
    ['application/msword', JPEG, true],
  ])('%s with these first bytes: %s', (mime, head, ok) => {
    expect(signatureMatches(mime, head)).toBe(ok);
  });
});

describe('an uploaded file', () => {
  const file = (mime: string, size: number, head: Uint8Array): UploadedFile => ({
    mime,
    size,
    head,
  });
  it.each<[string, FieldDef, UploadedFile | null, string[]]>([
    ['a photo', photo, file('image/jpeg', 2000, JPEG), []],
    ['no file', photo, null, ['required photo Photo: choose a file']],
    ['no file, a field named only in Chinese', scan, null, ['required scan 扫描件: choose a file']],
    [
      'a type the field refuses',
      photo,
      file('application/pdf', 2000, PDF),
      ['file_type photo Photo: files of type application/pdf are not accepted'],
    ],
    [
      'too large',
      photo,
      file('image/png', 1024 * 1024 + 1, PNG),
      ['file_size photo Photo: each file must be at most 1 MB'],
    ],
    ['exactly the limit', photo, file('image/png', 1024 * 1024, PNG), []],
    [
      'a renamed file',
      photo,
      file('image/png', 2000, JPEG),
      ["file_type photo Photo: the file's content is not image/png"],
    ],
    ['any type, by default', scan, file('application/zip', 2000, ZEROS), []],
    [
      'the default limit of 10 MB',
      scan,
      file('application/zip', 10 * 1024 * 1024 + 1, ZEROS),
      ['file_size scan 扫描件: each file must be at most 10 MB'],
    ],
    [
      'type first, then size',
      photo,
      file('text/plain', 1024 * 1024 * 5, ZEROS),
      ['file_type photo Photo: files of type text/plain are not accepted'],
    ],
  ])('%s', (_what, field, f, expected) => {
    expect(
      uploadIssues(field, field.key, f).map((i) => `${i.code} ${i.path} ${i.message}`),
    ).toEqual(expected);
  });

  it('says it in Chinese too', () => {
    expect(uploadIssues(photo, 'photo', null)[0].messageZh).toBe('照片：请选择文件');
  });
});

describe('an export request', () => {
  it.each<[string, Record<string, unknown> | undefined, ReturnType<typeof exportOptions>]>([
    ['nothing asked', undefined, { format: 'csv', lang: 'zh' }],
    ['xlsx in English', { format: 'xlsx', lang: 'en' }, { format: 'xlsx', lang: 'en' }],
    ['unknown choices', { format: 'pdf', lang: 'fr' }, { format: 'csv', lang: 'zh' }],
    ['one status', { status: 'accepted' }, { format: 'csv', lang: 'zh', status: 'accepted' }],
    ['an empty status', { status: '' }, { format: 'csv', lang: 'zh' }],
    ['a status given twice', { status: ['a', 'b'] }, { format: 'csv', lang: 'zh' }],
  ])('%s', (_what, query, options) => {
    expect(exportOptions(query)).toEqual(options);
  });

  it.each<[string, 'zh' | 'en', string]>([
    ['received', 'zh', '已受理'],
    ['in-progress', 'en', 'In progress'],
    ['closed', 'zh', '已办结'],
    ['something-new', 'en', 'something-new'],
  ])('the status %s in %s is %s', (status, lang, label) => {
    expect(statusLabel(status, lang)).toBe(label);
  });

  it.each<['csv' | 'xlsx', string, string]>([
    ['csv', 'feedback-submissions.csv', 'text/csv; charset=utf-8'],
    [
      'xlsx',
      'feedback-submissions.xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ],
  ])('a %s file is named %s, of type %s', (format, name, type) => {
    expect(exportFileName('feedback', format)).toBe(name);
    expect(EXPORT_CONTENT_TYPES[format]).toBe(type);
  });

  it.each<[string, Parameters<typeof exportRow>[0], ReturnType<typeof exportRow>]>([
    [
      'a stored submission',
      {
        receiptCode: 'ABCD-1234',
        versionNumber: 2,
        status: 'received',
        createdAt: '2026-03-01T08:00:00.000+08:00',
        submitterName: '张三',
        data: { name: '张三' },
      },
      {
        receiptCode: 'ABCD-1234',
        versionNumber: 2,
        status: 'received',
        createdAt: '2026-03-01T00:00:00.000Z',
        submitterName: '张三',
        data: { name: '张三' },
      },
    ],
    [
      'one without answers',
      {
        receiptCode: 'X',
        versionNumber: 1,
        status: 'closed',
        createdAt: new Date(0),
        data: null,
      },
      {
        receiptCode: 'X',
        versionNumber: 1,
        status: 'closed',
        createdAt: '1970-01-01T00:00:00.000Z',
        submitterName: undefined,
        data: {},
      },
    ],
  ])('%s as a row', (_what, stored, row) => {
    expect(exportRow(stored)).toEqual(row);
  });
});
