/**
 * What a client may ask of a content type, checked before the database sees it: filter and sort
 * values of the right type for their column, no null bytes, integers within their column, sane
 * pagination, and no filtering or sorting on personal data reached through a relation.
 *
 * Pure: the caller supplies the models (Strapi's `getModel`) and which fields are personal.
 * Each problem is reported once, naming the field's path (`filters.compound.grid.members.phone`).
 */
import { issue, type DomainIssue } from './errors';

export interface AttributeShape {
  type: string;
  relation?: string;
  target?: string;
}
export interface ModelShape {
  attributes: Record<string, AttributeShape>;
}

export interface GuardContext {
  model: (uid: string) => ModelShape | undefined;
  /** Personal fields of a content type (empty when it has none). */
  personal: (uid: string) => readonly string[];
  /** Whether personal fields may be queried at all (global viewers: yes; others: only at the top). */
  personalAnywhere: boolean;
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const BIGINT_MAX = 9223372036854775807n;
/** Offsets and pages beyond this are mistakes, not lists anyone reads. */
const PAGINATION_MAX = 1_000_000_000;
/** Filters nested deeper than this (relations and logical operators) are refused. */
const MAX_FILTER_DEPTH = 12;

const NUMERIC_TYPES = new Set(['integer', 'biginteger', 'float', 'decimal']);
const LOGICAL = new Set(['$and', '$or', '$not']);
const LIST_OPERATORS = new Set(['$in', '$notIn']);
const BOOLEAN_OPERATORS = new Set(['$null', '$notNull']);
const TEXT_OPERATORS = new Set([
  '$contains',
  '$notContains',
  '$containsi',
  '$notContainsi',
  '$startsWith',
  '$startsWithi',
  '$endsWith',
  '$endsWithi',
  '$eqi',
  '$nei',
]);
const VALUE_OPERATORS = new Set(['$eq', '$ne', '$lt', '$lte', '$gt', '$gte', ...TEXT_OPERATORS]);
const ALL_OPERATORS = new Set([
  ...VALUE_OPERATORS,
  ...LIST_OPERATORS,
  ...BOOLEAN_OPERATORS,
  '$between',
]);

const bad = (path: string, en: string, zh: string): DomainIssue =>
  issue('invalid_value', path, `${path}: ${en}`, `${path}：${zh}`);

const hasNullByte = (v: string) => v.includes('\u0000');

function integerProblem(value: unknown, min: number, max: number): string | null {
  const n = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n)) return 'integer';
  if (n < min || n > max) return 'range';
  return null;
}

function bigintProblem(value: unknown): string | null {
  let n: bigint;
  try {
    if (typeof value === 'bigint') n = value;
    else if (typeof value === 'number' && Number.isSafeInteger(value)) n = BigInt(value);
    else if (typeof value === 'string' && /^-?\d{1,20}$/.test(value.trim()))
      n = BigInt(value.trim());
    else return 'integer';
  } catch {
    return 'integer';
  }
  return n > BIGINT_MAX || n < -BIGINT_MAX ? 'range' : null;
}

const isDateText = (v: unknown) =>
  typeof v === 'string' &&
  /^\d{4}-\d{2}-\d{2}$/.test(v) &&
  !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) &&
  new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
const isInstant = (v: unknown) =>
  (typeof v === 'string' && v.length <= 40 && !Number.isNaN(Date.parse(v))) ||
  (typeof v === 'number' && Number.isFinite(v)) ||
  v instanceof Date;
const BOOLEANS = new Set([true, false, 'true', 'false', '1', '0', 1, 0, 't', 'f']);

/** One scalar value against the column type it is compared with or written to. */
export function scalarIssue(
  type: string,
  value: unknown,
  path: string,
  comparing: boolean,
): DomainIssue | null {
  if (value === null) return null;
  if (typeof value === 'string' && hasNullByte(value))
    return bad(path, 'contains a null character', '含有非法的空字符');
  switch (type) {
    case 'integer': {
      const p = integerProblem(value, INT32_MIN, INT32_MAX);
      if (p === 'integer') return bad(path, 'must be a whole number', '必须是整数');
      if (p === 'range')
        return bad(
          path,
          `must be between ${INT32_MIN} and ${INT32_MAX}`,
          `必须在 ${INT32_MIN} 到 ${INT32_MAX} 之间`,
        );
      return null;
    }
    case 'biginteger': {
      const p = bigintProblem(value);
      if (p === 'integer') return bad(path, 'must be a whole number', '必须是整数');
      if (p === 'range') return bad(path, 'is too large', '数值过大');
      return null;
    }
    case 'float':
    case 'decimal': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      return typeof n === 'number' && Number.isFinite(n) && Math.abs(n) < 1e15
        ? null
        : bad(path, 'must be a number', '必须是数字');
    }
    case 'date':
      return isDateText(value) || (comparing && isInstant(value))
        ? null
        : bad(path, 'must be a date (YYYY-MM-DD)', '必须是日期（年-月-日）');
    case 'datetime':
    case 'timestamp':
      return isInstant(value) ? null : bad(path, 'must be a date and time', '必须是日期时间');
    case 'boolean':
      return BOOLEANS.has(value as never)
        ? null
        : bad(path, 'must be true or false', '必须是是或否');
    case 'string':
    case 'text':
    case 'richtext':
    case 'email':
    case 'uid':
    case 'enumeration':
    case 'password':
      if (comparing && typeof value !== 'string' && typeof value !== 'number')
        return bad(path, 'must be text', '必须是文本');
      return null;
    default:
      return null;
  }
}

/** The id columns are integers in both databases; documentIds are text. */
function attributeOf(model: ModelShape, key: string): AttributeShape | undefined {
  if (key === 'id') return { type: 'integer' };
  if (key === 'documentId') return { type: 'string' };
  return model.attributes[key];
}

/**
 * Filter issues for `uid`. `relationDepth` counts the relations crossed to get here: personal
 * fields are refused at any depth above 0 for viewers who may not query them everywhere.
 */
export function filterIssues(
  uid: string,
  filters: unknown,
  ctx: GuardContext,
  path = 'filters',
  relationDepth = 0,
  depth = 0,
): DomainIssue[] {
  if (filters === undefined || filters === null) return [];
  if (depth > MAX_FILTER_DEPTH) return [bad(path, 'is nested too deeply', '查询条件嵌套过深')];
  if (typeof filters !== 'object' || Array.isArray(filters))
    return [bad(path, 'must be an object of conditions', '查询条件格式不正确')];
  const model = ctx.model(uid);
  if (!model) return [];
  const issues: DomainIssue[] = [];
  for (const [key, value] of Object.entries(filters as Record<string, unknown>)) {
    const here = `${path}.${key}`;
    if (LOGICAL.has(key)) {
      const items = key === '$not' ? [value] : value;
      if (!Array.isArray(items) || items.some((v) => !v || typeof v !== 'object')) {
        issues.push(
          bad(
            here,
            key === '$not' ? 'must be an object' : 'must be a list of conditions',
            '查询条件格式不正确',
          ),
        );
        continue;
      }
      items.forEach((item, i) =>
        issues.push(
          ...filterIssues(
            uid,
            item,
            ctx,
            key === '$not' ? here : `${here}.${i}`,
            relationDepth,
            depth + 1,
          ),
        ),
      );
      continue;
    }
    if (key.startsWith('$')) {
      issues.push(bad(here, 'is not a condition on a field', '不是字段上的查询条件'));
      continue;
    }
    const attribute = attributeOf(model, key);
    // Unknown keys are refused by Strapi's own query validation, with its own message.
    if (!attribute) continue;
    if (attribute.type === 'relation' || attribute.type === 'media') {
      const target = attribute.type === 'media' ? 'plugin::upload.file' : attribute.target;
      if (target && value && typeof value === 'object' && !Array.isArray(value)) {
        // `{ relation: { $null: true } }` tests the relation itself; anything else is its fields.
        const own: Record<string, unknown> = {};
        const theirs: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value))
          (BOOLEAN_OPERATORS.has(k) ? own : theirs)[k] = v;
        for (const [op, v] of Object.entries(own))
          if (!BOOLEANS.has(v as never))
            issues.push(bad(`${here}.${op}`, 'must be true or false', '必须是是或否'));
        issues.push(...filterIssues(target, theirs, ctx, here, relationDepth + 1, depth + 1));
      } else if (value !== undefined && typeof value !== 'object') {
        issues.push(...scalarFilterIssues({ type: 'integer' }, value, here));
      }
      continue;
    }
    if (!ctx.personalAnywhere && relationDepth > 0 && ctx.personal(uid).includes(key)) {
      issues.push(personalIssue(here));
      continue;
    }
    if (
      attribute.type === 'json' ||
      attribute.type === 'component' ||
      attribute.type === 'dynamiczone'
    )
      continue;
    issues.push(...scalarFilterIssues(attribute, value, here));
  }
  return issues;
}

export const personalIssue = (path: string): DomainIssue =>
  issue(
    'invalid_value',
    path,
    `${path}: personal data (phone, ID number) cannot be queried through a related record`,
    `${path}：不能通过关联记录查询个人信息（手机号、身份证号）`,
  );

function scalarFilterIssues(
  attribute: AttributeShape,
  value: unknown,
  path: string,
): DomainIssue[] {
  if (value === null || typeof value !== 'object' || value instanceof Date) {
    const one = scalarIssue(attribute.type, value, path, true);
    return one ? [one] : [];
  }
  if (Array.isArray(value)) return listIssues(attribute, value, path);
  const issues: DomainIssue[] = [];
  for (const [op, operand] of Object.entries(value as Record<string, unknown>)) {
    const here = `${path}.${op}`;
    if (!ALL_OPERATORS.has(op) && !LOGICAL.has(op)) {
      issues.push(bad(here, 'is not a known operator', '不是可用的查询运算符'));
    } else if (op === '$not') {
      issues.push(...scalarFilterIssues(attribute, operand, here));
    } else if (op === '$and' || op === '$or') {
      if (!Array.isArray(operand)) issues.push(bad(here, 'must be a list', '必须是列表'));
      else
        operand.forEach((o, i) => issues.push(...scalarFilterIssues(attribute, o, `${here}.${i}`)));
    } else if (BOOLEAN_OPERATORS.has(op)) {
      if (!BOOLEANS.has(operand as never))
        issues.push(bad(here, 'must be true or false', '必须是是或否'));
    } else if (LIST_OPERATORS.has(op)) {
      issues.push(...listIssues(attribute, Array.isArray(operand) ? operand : [operand], here));
    } else if (op === '$between') {
      if (!Array.isArray(operand) || operand.length !== 2)
        issues.push(bad(here, 'must be a list of two values', '必须是两个值的列表'));
      else issues.push(...listIssues(attribute, operand, here));
    } else if (TEXT_OPERATORS.has(op)) {
      // Text matching on a number or date column compares its text; the operand must be text.
      if (typeof operand !== 'string' && typeof operand !== 'number')
        issues.push(bad(here, 'must be text', '必须是文本'));
      else if (typeof operand === 'string' && hasNullByte(operand))
        issues.push(bad(here, 'contains a null character', '含有非法的空字符'));
      else if (
        !['string', 'text', 'richtext', 'email', 'uid', 'enumeration'].includes(attribute.type)
      ) {
        issues.push(bad(here, 'applies to text fields only', '只能用于文本字段'));
      }
    } else {
      const one =
        operand !== null && typeof operand === 'object' && !(operand instanceof Date)
          ? bad(here, 'must be a single value', '必须是单个值')
          : scalarIssue(attribute.type, operand, here, true);
      if (one) issues.push(one);
    }
  }
  return issues;
}

function listIssues(attribute: AttributeShape, values: unknown[], path: string): DomainIssue[] {
  if (values.length > 1000) return [bad(path, 'lists at most 1000 values', '最多列出 1000 个值')];
  const issues: DomainIssue[] = [];
  values.forEach((v, i) => {
    const one =
      v !== null && typeof v === 'object' && !(v instanceof Date)
        ? bad(`${path}.${i}`, 'must be a single value', '必须是单个值')
        : scalarIssue(attribute.type, v, `${path}.${i}`, true);
    if (one) issues.push(one);
  });
  return issues.slice(0, 5);
}

/** Sort issues: personal fields through a relation, at any depth. */
export function sortIssues(
  uid: string,
  sort: unknown,
  ctx: GuardContext,
  path = 'sort',
): DomainIssue[] {
  if (sort === undefined || sort === null || ctx.personalAnywhere) return [];
  const issues: DomainIssue[] = [];
  const walkPath = (text: string) => {
    const fields = text.split(':')[0]!.split('.');
    let current = uid;
    for (let i = 0; i < fields.length; i++) {
      const attribute = ctx.model(current)?.attributes[fields[i]!];
      if (!attribute) return;
      if (attribute.type === 'relation' && attribute.target) current = attribute.target;
      else {
        if (i > 0 && ctx.personal(current).includes(fields[i]!)) issues.push(personalIssue(path));
        return;
      }
    }
  };
  const walkObject = (model: string, value: Record<string, unknown>, depth: number) => {
    for (const [key, v] of Object.entries(value)) {
      const attribute = ctx.model(model)?.attributes[key];
      if (!attribute) continue;
      if (attribute.type === 'relation' && attribute.target && v && typeof v === 'object')
        walkObject(attribute.target, v as Record<string, unknown>, depth + 1);
      else if (depth > 0 && ctx.personal(model).includes(key)) issues.push(personalIssue(path));
    }
  };
  const visit = (value: unknown) => {
    if (typeof value === 'string') value.split(',').forEach((part) => walkPath(part.trim()));
    else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object')
      walkObject(uid, value as Record<string, unknown>, 0);
  };
  visit(sort);
  return issues;
}

/** Pagination values: whole numbers within sane bounds (Strapi passes them to SQL as they come). */
export function paginationIssues(params: Record<string, unknown>): DomainIssue[] {
  const issues: DomainIssue[] = [];
  const check = (name: string, value: unknown, min: number) => {
    if (value === undefined || value === null) return;
    const p = integerProblem(value, min, PAGINATION_MAX);
    if (p)
      issues.push(
        bad(
          name,
          `must be a whole number between ${min} and ${PAGINATION_MAX}`,
          `必须是 ${min} 到 ${PAGINATION_MAX} 之间的整数`,
        ),
      );
  };
  check('start', params.start, 0);
  check('limit', params.limit, -1);
  const pagination = params.pagination;
  if (pagination && typeof pagination === 'object') {
    const p = pagination as Record<string, unknown>;
    check('pagination.page', p.page, 1);
    check('pagination.pageSize', p.pageSize, 1);
    check('pagination.start', p.start, 0);
    check('pagination.limit', p.limit, -1);
  }
  return issues;
}

/**
 * Issues in the data of a create or update: integers within their column, numbers finite, no
 * null characters anywhere (PostgreSQL refuses them in text and JSON alike).
 */
export function dataIssues(uid: string, data: unknown, ctx: GuardContext): DomainIssue[] {
  if (data === undefined || data === null) return [];
  if (typeof data !== 'object' || Array.isArray(data))
    return [bad('data', 'must be an object of fields', '必须是字段对象')];
  const model = ctx.model(uid);
  if (!model) return [];
  const issues: DomainIssue[] = [];
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    const attribute = model.attributes[key];
    if (!attribute) continue;
    if (attribute.type === 'json') {
      if (containsNullByte(value, 0))
        issues.push(bad(key, 'contains a null character', '含有非法的空字符'));
      continue;
    }
    if (value === undefined || value === null) continue;
    if (typeof value === 'string' && hasNullByte(value)) {
      issues.push(bad(key, 'contains a null character', '含有非法的空字符'));
    } else if (NUMERIC_TYPES.has(attribute.type)) {
      // Strapi checks the type of the rest itself; a number beyond its column reaches the
      // database, which refuses it with an error answered as 500.
      const one = scalarIssue(attribute.type, value, key, false);
      if (one) issues.push(one);
    }
  }
  return issues;
}

function containsNullByte(value: unknown, depth: number): boolean {
  if (depth > 64) return false;
  if (typeof value === 'string') return hasNullByte(value);
  if (Array.isArray(value)) return value.some((v) => containsNullByte(v, depth + 1));
  if (value && typeof value === 'object')
    return Object.entries(value).some(([k, v]) => hasNullByte(k) || containsNullByte(v, depth + 1));
  return false;
}
