import { FIELD_KEY_PATTERN, FIELD_KINDS, type Condition, type FieldDef } from './fields';
import type { FormsErrorCode } from './errors';
import { formIssue, type FormIssue } from './issues';
import { isCalendarDate } from './validate';

/**
 * Checks a form definition as the designer saves it: every field well-formed, keys unique,
 * rules consistent (min ≤ max, patterns that compile, options for choices), conditions pointing
 * at an earlier field with values it can take. A definition that passes here compiles to a valid
 * JSON Schema and can be validated against without surprises.
 */

const FIELD_PROPERTIES = new Set([
  'key',
  'kind',
  'label',
  'help',
  'section',
  'required',
  'min',
  'max',
  'minLength',
  'maxLength',
  'pattern',
  'patternMessage',
  'options',
  'minItems',
  'maxItems',
  'widget',
  'areaRoot',
  'accept',
  'maxBytes',
  'fields',
  'showIf',
  'requireIf',
]);
const NUMERIC_KINDS = new Set(['integer', 'number', 'money', 'rating']);
const MAX_FIELDS = 200;
const MAX_FILE_BYTES = 50 * 1024 * 1024;

const bad = (
  path: string,
  en: string,
  zh: string,
  code: FormsErrorCode = 'invalid_definition',
): FormIssue => formIssue(code, path, `${path}: ${en}`, `${path}：${zh}`);

const isObject = (v: unknown): v is Record<string, unknown> =>
  Boolean(v) && typeof v === 'object' && !Array.isArray(v);

function localisedIssues(value: unknown, path: string, required: boolean): FormIssue[] {
  if (value === undefined && !required) return [];
  if (!isObject(value) || typeof value.zh !== 'string' || value.zh.trim() === '') {
    return [bad(path, 'needs a Chinese text (zh)', '需要中文文字')];
  }
  if (
    value.zh.length > 500 ||
    (value.en !== undefined && (typeof value.en !== 'string' || value.en.length > 500))
  ) {
    return [bad(path, 'texts are at most 500 characters', '文字不能超过500个字符')];
  }
  return [];
}

export function definitionIssues(definition: unknown): FormIssue[] {
  if (!isObject(definition) || !Array.isArray(definition.fields)) {
    return [bad('definition', 'must have a list of fields', '必须包含字段列表')];
  }
  const issues: FormIssue[] = [];
  const sectionKeys = new Set<string>();
  if (definition.sections !== undefined) {
    if (!Array.isArray(definition.sections)) {
      issues.push(bad('definition.sections', 'must be a list', '必须是列表'));
    } else {
      definition.sections.forEach((s, i) => {
        const path = `definition.sections.${i}`;
        if (!isObject(s) || typeof s.key !== 'string' || !FIELD_KEY_PATTERN.test(s.key)) {
          issues.push(bad(path, 'needs a key of letters and digits', '需要由字母和数字组成的标识'));
          return;
        }
        if (sectionKeys.has(s.key))
          issues.push(bad(path, `section ${s.key} appears twice`, `分组 ${s.key} 重复`));
        sectionKeys.add(s.key);
        issues.push(...localisedIssues(s.title, `${path}.title`, true));
      });
    }
  }
  if (definition.fields.length === 0)
    issues.push(bad('definition.fields', 'add at least one field', '至少添加一个字段'));
  if (definition.fields.length > MAX_FIELDS) {
    issues.push(
      bad('definition.fields', `at most ${MAX_FIELDS} fields`, `最多 ${MAX_FIELDS} 个字段`),
    );
  }
  issues.push(...levelIssues(definition.fields, 'definition.fields', sectionKeys, true));
  return issues;
}

function levelIssues(
  fields: unknown[],
  base: string,
  sections: Set<string>,
  topLevel: boolean,
): FormIssue[] {
  const issues: FormIssue[] = [];
  const earlier = new Map<string, FieldDef>();
  fields.forEach((raw, i) => {
    const path = `${base}.${i}`;
    if (!isObject(raw)) {
      issues.push(bad(path, 'must be a field', '必须是一个字段'));
      return;
    }
    const field = raw as unknown as FieldDef;
    for (const property of Object.keys(raw)) {
      if (!FIELD_PROPERTIES.has(property)) {
        issues.push(
          bad(
            `${path}.${property}`,
            'is not a field property',
            '不是字段的属性',
            'unknown_property',
          ),
        );
      }
    }
    if (typeof field.key !== 'string' || !FIELD_KEY_PATTERN.test(field.key)) {
      issues.push(
        bad(
          `${path}.key`,
          'must start with a lower-case letter, then letters, digits or _ (at most 40)',
          '须以小写字母开头，只含字母、数字或下划线（最多40个）',
        ),
      );
    } else if (earlier.has(field.key)) {
      issues.push(
        bad(
          `${path}.key`,
          `${field.key} is used by another field`,
          `${field.key} 已被其他字段使用`,
          'duplicate_key',
        ),
      );
    }
    if (!(FIELD_KINDS as readonly string[]).includes(field.kind)) {
      issues.push(bad(`${path}.kind`, 'is not a known field kind', '不是已知的字段类型'));
      return;
    }
    issues.push(...localisedIssues(field.label, `${path}.label`, true));
    issues.push(...localisedIssues(field.help, `${path}.help`, false));
    issues.push(...localisedIssues(field.patternMessage, `${path}.patternMessage`, false));
    if (field.section !== undefined && !sections.has(field.section)) {
      issues.push(bad(`${path}.section`, 'names no section of this form', '不是本表单的分组'));
    }
    if (field.required !== undefined && typeof field.required !== 'boolean') {
      issues.push(bad(`${path}.required`, 'must be true or false', '必须是“是”或“否”'));
    }
    issues.push(...ruleIssues(field, path));
    if (field.kind === 'group') {
      if (!topLevel) issues.push(bad(`${path}.kind`, 'groups cannot be nested', '重复组不能嵌套'));
      if (!Array.isArray(field.fields) || field.fields.length === 0) {
        issues.push(bad(`${path}.fields`, 'a repeating group needs fields', '重复组需要包含字段'));
      } else {
        issues.push(...levelIssues(field.fields, `${path}.fields`, sections, false));
      }
    } else if (field.fields !== undefined) {
      issues.push(
        bad(`${path}.fields`, 'only repeating groups have fields', '只有重复组可以包含字段'),
      );
    }
    for (const which of ['showIf', 'requireIf'] as const) {
      if (field[which] !== undefined)
        issues.push(...conditionIssues(field[which], `${path}.${which}`, earlier));
    }
    if (typeof field.key === 'string') earlier.set(field.key, field);
  });
  return issues;
}

function ruleIssues(field: FieldDef, path: string): FormIssue[] {
  const issues: FormIssue[] = [];
  const nonNegativeInt = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;
  for (const k of ['minLength', 'maxLength', 'minItems', 'maxItems', 'maxBytes'] as const) {
    if (field[k] !== undefined && !nonNegativeInt(field[k])) {
      issues.push(bad(`${path}.${k}`, 'must be a whole number, 0 or more', '必须是非负整数'));
    }
  }
  const pairs: [keyof FieldDef, keyof FieldDef][] = [
    ['minLength', 'maxLength'],
    ['minItems', 'maxItems'],
    ['min', 'max'],
  ];
  for (const [lo, hi] of pairs) {
    const a = field[lo];
    const b = field[hi];
    if (a !== undefined && b !== undefined && (a as number | string) > (b as number | string)) {
      issues.push(
        bad(
          `${path}.${String(lo)}`,
          `must not be greater than ${String(hi)}`,
          '最小值不能大于最大值',
        ),
      );
    }
  }
  if (field.min !== undefined || field.max !== undefined) {
    for (const k of ['min', 'max'] as const) {
      const v = field[k];
      if (v === undefined) continue;
      if (NUMERIC_KINDS.has(field.kind)) {
        const ok = field.kind === 'number' ? Number.isFinite(v) : Number.isSafeInteger(v);
        if (!ok)
          issues.push(
            bad(
              `${path}.${k}`,
              field.kind === 'money' ? 'must be a whole number of fen' : 'must be a number',
              field.kind === 'money' ? '必须是整数（分）' : '必须是数字',
            ),
          );
      } else if (field.kind === 'date') {
        if (typeof v !== 'string' || !isCalendarDate(v))
          issues.push(bad(`${path}.${k}`, 'must be a date (YYYY-MM-DD)', '必须是日期'));
      } else {
        issues.push(
          bad(`${path}.${k}`, `does not apply to ${field.kind} fields`, '此类型字段不适用该规则'),
        );
      }
    }
  }
  if (
    field.kind === 'rating' &&
    field.max !== undefined &&
    (typeof field.max !== 'number' || field.max < 2 || field.max > 10)
  ) {
    issues.push(
      bad(`${path}.max`, 'a rating goes up to between 2 and 10', '评分上限应在2到10之间'),
    );
  }
  if (field.pattern !== undefined) {
    if (field.kind !== 'text' && field.kind !== 'textarea') {
      issues.push(
        bad(`${path}.pattern`, 'only text fields have a pattern', '只有文本字段可以设置格式'),
      );
    } else if (typeof field.pattern !== 'string' || field.pattern.length > 500) {
      issues.push(bad(`${path}.pattern`, 'must be a regular expression', '必须是正则表达式'));
    } else {
      try {
        new RegExp(`^(?:${field.pattern})$`, 'u');
      } catch {
        issues.push(
          bad(`${path}.pattern`, 'is not a valid regular expression', '不是有效的正则表达式'),
        );
      }
    }
  }
  if (field.kind === 'choice' || field.kind === 'multichoice') {
    if (!Array.isArray(field.options) || field.options.length === 0) {
      issues.push(bad(`${path}.options`, 'a choice needs options', '选择题需要选项'));
    } else {
      const seen = new Set<string>();
      field.options.forEach((o, j) => {
        const p = `${path}.options.${j}`;
        if (
          !isObject(o) ||
          typeof o.value !== 'string' ||
          o.value.trim() === '' ||
          o.value.length > 100
        ) {
          issues.push(bad(`${p}.value`, 'needs a value', '选项需要取值'));
          return;
        }
        if (seen.has(o.value))
          issues.push(bad(`${p}.value`, `${o.value} appears twice`, `${o.value} 重复`));
        seen.add(o.value);
        issues.push(...localisedIssues(o.label, `${p}.label`, true));
      });
    }
  } else if (field.options !== undefined) {
    issues.push(bad(`${path}.options`, 'only choices have options', '只有选择题有选项'));
  }
  if (
    field.kind === 'area' &&
    field.areaRoot !== undefined &&
    !/^[a-z0-9]{24}$/.test(String(field.areaRoot))
  ) {
    issues.push(bad(`${path}.areaRoot`, 'must be an area', '必须是一个区域'));
  }
  if (field.kind === 'file') {
    if (
      field.accept !== undefined &&
      (!Array.isArray(field.accept) ||
        field.accept.some((a) => typeof a !== 'string' || !/^[a-z]+\/([a-z0-9.+-]+|\*)$/.test(a)))
    ) {
      issues.push(
        bad(
          `${path}.accept`,
          'must list MIME types such as image/jpeg or image/*',
          '须列出文件类型，如 image/jpeg 或 image/*',
        ),
      );
    }
    if (field.maxBytes !== undefined && (field.maxBytes < 1 || field.maxBytes > MAX_FILE_BYTES)) {
      issues.push(
        bad(`${path}.maxBytes`, 'must be between 1 byte and 50 MB', '须在1字节到50MB之间'),
      );
    }
  }
  return issues;
}

function conditionIssues(
  condition: Condition | undefined,
  path: string,
  earlier: Map<string, FieldDef>,
): FormIssue[] {
  if (
    !isObject(condition) ||
    typeof condition.field !== 'string' ||
    !Array.isArray(condition.values) ||
    condition.values.length === 0
  ) {
    return [bad(path, 'needs a field and the values it depends on', '需要指定依赖的字段和取值')];
  }
  const source = earlier.get(condition.field);
  if (!source) {
    return [
      bad(
        `${path}.field`,
        'must name a field above this one',
        '必须是本字段之前的字段',
        'condition_field',
      ),
    ];
  }
  if (source.kind === 'group' || source.kind === 'file') {
    return [bad(`${path}.field`, 'cannot depend on a group or a file', '不能依赖重复组或文件')];
  }
  if ((source.kind === 'choice' || source.kind === 'multichoice') && source.options) {
    const values = new Set(source.options.map((o) => o.value));
    const unknown = condition.values.filter((v) => !values.has(String(v)));
    if (unknown.length) {
      return [
        bad(
          `${path}.values`,
          `${unknown.join(', ')} is not an option of ${source.key}`,
          `${unknown.join('、')} 不是 ${source.key} 的选项`,
        ),
      ];
    }
  }
  if (condition.values.some((v) => !['string', 'number', 'boolean'].includes(typeof v))) {
    return [
      bad(
        `${path}.values`,
        'values must be text, numbers or yes/no',
        '取值必须是文字、数字或是/否',
      ),
    ];
  }
  return [];
}
