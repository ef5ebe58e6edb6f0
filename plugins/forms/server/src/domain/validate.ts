import {
  DEFAULT_RATING_MAX,
  DEFAULT_TEXTAREA_MAX,
  DEFAULT_TEXT_MAX,
  DEFAULT_GROUP_MAX_ITEMS,
  labelIn,
  type Condition,
  type FieldDef,
  type FileRef,
  type FormDefinition,
} from './fields';
import type { FormsErrorCode } from './errors';
import { formIssue, type FormIssue } from './issues';
import { fenToYuan, yuanToFen } from './money';

/**
 * Validates answers against a form definition: the one rule book, run by the server on every
 * submission (against the exact version it was made on) and by the console's preview and the
 * public page, so what the browser accepts is what the server accepts.
 *
 * It returns the normalised answers (trimmed text, integers, money in fen, upper-case codes;
 * hidden fields dropped), every problem found with its field path and a message in both
 * languages, and the references (areas, people, organisations, files) that only the server can
 * check against the database.
 */

/** Check characters live in the cms plugin; callers pass its functions in. */
export interface IdentifierChecks {
  isValidIdNumber(value: string): boolean;
  isValidCreditCode(value: string): boolean;
}

export interface Reference {
  path: string;
  kind: 'area' | 'person' | 'organisation' | 'file';
  field: FieldDef;
  /** documentId for records, numeric id for files */
  id: string | number;
  file?: FileRef;
}

export interface ValidationResult {
  value: Record<string, unknown>;
  issues: FormIssue[];
  references: Reference[];
}

const DOCUMENT_ID = /^[a-z0-9]{24}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/;

export const isEmpty = (v: unknown): boolean =>
  v === undefined ||
  v === null ||
  (typeof v === 'string' && v.trim() === '') ||
  (Array.isArray(v) && v.length === 0);

export function isCalendarDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Whether a condition holds for the answers given so far (normalised or raw). */
export function conditionHolds(condition: Condition, answers: Record<string, unknown>): boolean {
  const answer = answers[condition.field];
  if (isEmpty(answer)) return false;
  const matches = (v: unknown) =>
    condition.values.some((wanted) => wanted === v || String(wanted) === String(v));
  return Array.isArray(answer) ? answer.some(matches) : matches(answer);
}

/** Whether a field is shown, given the answers to the fields before it. */
export const isShown = (field: FieldDef, answers: Record<string, unknown>): boolean =>
  !field.showIf || conditionHolds(field.showIf, answers);

/** Whether a shown field must be answered. */
export const isRequired = (field: FieldDef, answers: Record<string, unknown>): boolean =>
  Boolean(field.required) || (field.requireIf ? conditionHolds(field.requireIf, answers) : false);

export function validateSubmission(
  definition: FormDefinition,
  input: unknown,
  checks: IdentifierChecks,
): ValidationResult {
  const issues: FormIssue[] = [];
  const references: Reference[] = [];
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    return {
      value: {},
      issues: [
        formIssue('invalid_type', 'data', 'answers must be an object', '提交内容格式不正确'),
      ],
      references,
    };
  }
  const value = validateLevel(definition.fields, input as Record<string, unknown>, '', {
    issues,
    references,
    checks,
  });
  return { value, issues, references };
}

interface Sink {
  issues: FormIssue[];
  references: Reference[];
  checks: IdentifierChecks;
}

function validateLevel(
  fields: FieldDef[],
  input: Record<string, unknown>,
  prefix: string,
  sink: Sink,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const known = new Set(fields.map((f) => f.key));
  for (const key of Object.keys(input)) {
    if (!known.has(key)) {
      sink.issues.push(
        formIssue(
          'unknown_field',
          prefix + key,
          `${key} is not a field of this form`,
          `${key} 不是本表单的字段`,
        ),
      );
    }
  }
  // Conditions look at earlier answers: normalised where valid, else as given.
  const seen: Record<string, unknown> = {};
  for (const field of fields) {
    const raw = input[field.key];
    const path = prefix + field.key;
    if (!isShown(field, seen)) continue; // hidden: its answer is neither checked nor kept
    if (isEmpty(raw)) {
      if (isRequired(field, seen)) sink.issues.push(requiredIssue(field, path));
      continue;
    }
    const before = sink.issues.length;
    const normalised = validateField(field, raw, path, sink);
    seen[field.key] = sink.issues.length === before ? normalised : raw;
    if (sink.issues.length === before && normalised !== undefined) out[field.key] = normalised;
  }
  return out;
}

const said = (
  field: FieldDef,
  en: string,
  zh: string,
  code: FormsErrorCode,
  path: string,
): FormIssue =>
  formIssue(
    code,
    path,
    `${labelIn(field.label, 'en')}: ${en}`,
    `${labelIn(field.label, 'zh')}：${zh}`,
  );

const requiredIssue = (field: FieldDef, path: string) =>
  said(field, 'this field is required', '此项为必填项', 'required', path);

function validateField(field: FieldDef, raw: unknown, path: string, sink: Sink): unknown {
  const fail = (en: string, zh: string, code: FormsErrorCode = 'invalid_value') => {
    sink.issues.push(said(field, en, zh, code, path));
    return undefined;
  };
  switch (field.kind) {
    case 'text':
    case 'textarea': {
      if (typeof raw !== 'string' && typeof raw !== 'number')
        return fail('must be text', '应为文字');
      const text = String(raw).trim();
      const length = Array.from(text).length;
      const max =
        field.maxLength ?? (field.kind === 'text' ? DEFAULT_TEXT_MAX : DEFAULT_TEXTAREA_MAX);
      if (field.minLength !== undefined && length < field.minLength) {
        return fail(
          `must be at least ${field.minLength} characters`,
          `至少 ${field.minLength} 个字`,
          'too_short',
        );
      }
      if (length > max)
        return fail(`must be at most ${max} characters`, `不能超过 ${max} 个字`, 'too_long');
      if (field.pattern && !new RegExp(`^(?:${field.pattern})$`, 'u').test(text)) {
        return fail(
          field.patternMessage
            ? labelIn(field.patternMessage, 'en')
            : 'is not in the expected format',
          field.patternMessage ? labelIn(field.patternMessage, 'zh') : '格式不正确',
          'pattern',
        );
      }
      return text;
    }
    case 'integer':
    case 'rating': {
      const n = typeof raw === 'string' && /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : raw;
      if (typeof n !== 'number' || !Number.isSafeInteger(n))
        return fail('must be a whole number', '应为整数');
      const min = field.kind === 'rating' ? 1 : (field.min as number | undefined);
      const max =
        field.kind === 'rating'
          ? ((field.max as number) ?? DEFAULT_RATING_MAX)
          : (field.max as number | undefined);
      return inRange(n, min, max, String, fail);
    }
    case 'number': {
      const n = typeof raw === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : raw;
      if (typeof n !== 'number' || !Number.isFinite(n)) return fail('must be a number', '应为数字');
      return inRange(
        n,
        field.min as number | undefined,
        field.max as number | undefined,
        String,
        fail,
      );
    }
    case 'money': {
      const fen = yuanToFen(raw);
      if (fen === null) {
        return fail(
          'must be an amount in yuan with at most two decimals',
          '应为金额（元），最多两位小数',
        );
      }
      const min = (field.min as number | undefined) ?? 0;
      return inRange(fen, min, field.max as number | undefined, (f) => `¥${fenToYuan(f)}`, fail);
    }
    case 'date': {
      if (typeof raw !== 'string' || !isCalendarDate(raw.trim())) {
        return fail('must be a date (YYYY-MM-DD)', '应为日期（年-月-日）');
      }
      const text = raw.trim();
      if (typeof field.min === 'string' && text < field.min) {
        return fail(`must be on or after ${field.min}`, `不能早于 ${field.min}`, 'too_small');
      }
      if (typeof field.max === 'string' && text > field.max) {
        return fail(`must be on or before ${field.max}`, `不能晚于 ${field.max}`, 'too_large');
      }
      return text;
    }
    case 'datetime': {
      const text = typeof raw === 'string' ? raw.trim() : '';
      if (
        !DATETIME.test(text) ||
        !isCalendarDate(text.slice(0, 10)) ||
        Number.isNaN(Date.parse(text))
      ) {
        return fail('must be a date and time', '应为日期和时间');
      }
      return text;
    }
    case 'choice': {
      const v = typeof raw === 'number' ? String(raw) : raw;
      if (typeof v !== 'string' || !(field.options ?? []).some((o) => o.value === v)) {
        return fail('choose one of the options', '请从选项中选择');
      }
      return v;
    }
    case 'multichoice': {
      const list = Array.isArray(raw) ? raw : null;
      const values = new Set((field.options ?? []).map((o) => o.value));
      if (!list || list.some((v) => typeof v !== 'string' || !values.has(v))) {
        return fail('choose from the options', '请从选项中选择');
      }
      if (new Set(list).size !== list.length) return fail('an option is chosen twice', '选项重复');
      return countInRange(list as string[], field.minItems, field.maxItems, fail);
    }
    case 'boolean': {
      if (raw === true || raw === 'true') return true;
      if (raw === false || raw === 'false') return false;
      return fail('must be yes or no', '应为“是”或“否”');
    }
    case 'mobile': {
      const text = typeof raw === 'string' ? raw.replace(/[\s-]/g, '').replace(/^(\+?86)/, '') : '';
      if (!/^1[3-9]\d{9}$/.test(text)) {
        return fail(
          'must be a mainland mobile number (11 digits starting with 1)',
          '应为11位大陆手机号',
        );
      }
      return text;
    }
    case 'email': {
      const text = typeof raw === 'string' ? raw.trim() : '';
      if (text.length > 254 || !EMAIL.test(text))
        return fail('must be an email address', '应为电子邮箱地址');
      return text;
    }
    case 'idNumber': {
      const text = typeof raw === 'string' ? raw.trim().toUpperCase() : '';
      if (!/^\d{17}[\dX]$/.test(text)) {
        return fail(
          'must be 18 characters: 17 digits and a check digit',
          '应为18位：17位数字加校验码',
        );
      }
      if (!sink.checks.isValidIdNumber(text)) {
        return fail(
          'the check digit does not match; please check the number',
          '校验码不符，请核对号码',
        );
      }
      return text;
    }
    case 'creditCode': {
      const text = typeof raw === 'string' ? raw.trim().toUpperCase() : '';
      if (!sink.checks.isValidCreditCode(text)) {
        return fail(
          'is not a valid unified social credit code (18 characters with a check character)',
          '不是有效的统一社会信用代码（18位，含校验码）',
        );
      }
      return text;
    }
    case 'area':
    case 'person':
    case 'organisation': {
      if (typeof raw !== 'string' || !DOCUMENT_ID.test(raw))
        return fail('choose a record', '请选择一条记录');
      sink.references.push({ path, kind: field.kind, field, id: raw });
      return raw;
    }
    case 'file': {
      const list = Array.isArray(raw) ? raw : [raw];
      const files: FileRef[] = [];
      for (const item of list) {
        const ref: FileRef | null =
          typeof item === 'number'
            ? { id: item }
            : item && typeof item === 'object' && typeof (item as FileRef).id === 'number'
              ? (item as FileRef)
              : null;
        if (!ref || !Number.isSafeInteger(ref.id) || ref.id <= 0)
          return fail('upload a file', '请上传文件');
        files.push({ id: ref.id, name: ref.name, mime: ref.mime, size: ref.size });
      }
      const counted = countInRange(files, field.minItems, field.maxItems ?? 5, fail);
      if (!counted) return undefined;
      for (const file of files) {
        if (file.mime && field.accept?.length && !mimeAccepted(file.mime, field.accept)) {
          return fail(
            `files of type ${file.mime} are not accepted`,
            `不接受 ${file.mime} 类型的文件`,
            'file_type',
          );
        }
        if (file.size !== undefined && field.maxBytes && file.size > field.maxBytes) {
          return fail(
            `each file must be at most ${formatBytes(field.maxBytes)}`,
            `每个文件不能超过 ${formatBytes(field.maxBytes)}`,
            'file_size',
          );
        }
        sink.references.push({ path, kind: 'file', field, id: file.id, file });
      }
      return files;
    }
    case 'group': {
      if (
        !Array.isArray(raw) ||
        raw.some((item) => !item || typeof item !== 'object' || Array.isArray(item))
      ) {
        return fail('must be a list of entries', '应为若干条目');
      }
      if (!countInRange(raw, field.minItems, field.maxItems ?? DEFAULT_GROUP_MAX_ITEMS, fail))
        return undefined;
      return raw.map((item, i) =>
        validateLevel(field.fields ?? [], item as Record<string, unknown>, `${path}.${i}.`, sink),
      );
    }
    default:
      return fail('has an unknown kind', '字段类型未知');
  }
}

function inRange<T extends number>(
  n: T,
  min: number | undefined,
  max: number | undefined,
  show: (n: number) => string,
  fail: (en: string, zh: string, code?: FormsErrorCode) => undefined,
): T | undefined {
  if (min !== undefined && n < min)
    return fail(`must be at least ${show(min)}`, `不能小于 ${show(min)}`, 'too_small');
  if (max !== undefined && n > max)
    return fail(`must be at most ${show(max)}`, `不能大于 ${show(max)}`, 'too_large');
  return n;
}

function countInRange<T>(
  list: T[],
  min: number | undefined,
  max: number | undefined,
  fail: (en: string, zh: string, code?: FormsErrorCode) => undefined,
): T[] | undefined {
  if (min !== undefined && list.length < min)
    return fail(`needs at least ${min}`, `至少需要 ${min} 项`, 'too_few');
  if (max !== undefined && list.length > max)
    return fail(`allows at most ${max}`, `最多 ${max} 项`, 'too_many');
  return list;
}

export function mimeAccepted(mime: string, accept: string[]): boolean {
  return accept.some((a) => a === mime || (a.endsWith('/*') && mime.startsWith(a.slice(0, -1))));
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}
