import {
  DEFAULT_GROUP_MAX_ITEMS,
  DEFAULT_RATING_MAX,
  DEFAULT_TEXTAREA_MAX,
  DEFAULT_TEXT_MAX,
  type Condition,
  type FieldDef,
  type FormDefinition,
} from './fields';

/**
 * Compiles a definition into what a published version carries for the outside world: a JSON
 * Schema (draft 2020-12) of the *stored* answers — money as integer fen, codes upper-case — and
 * a UI schema (order, sections, widgets, labels and help in both languages). The server checks
 * every stored submission against this schema too (services/schema-check.ts), so the two can
 * never silently disagree.
 */

type Schema = Record<string, unknown>;

const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';

function fieldSchema(field: FieldDef): Schema {
  const title = field.label.zh;
  const base: Schema = { title, 'x-linli-kind': field.kind };
  switch (field.kind) {
    case 'text':
    case 'textarea':
      return {
        ...base,
        type: 'string',
        ...(field.minLength !== undefined && { minLength: field.minLength }),
        maxLength:
          field.maxLength ?? (field.kind === 'text' ? DEFAULT_TEXT_MAX : DEFAULT_TEXTAREA_MAX),
        ...(field.pattern && { pattern: `^(?:${field.pattern})$` }),
      };
    case 'integer':
    case 'money':
      return {
        ...base,
        type: 'integer',
        ...(field.kind === 'money' && { minimum: 0 }),
        ...(field.min !== undefined && { minimum: field.min }),
        ...(field.max !== undefined && { maximum: field.max }),
      };
    case 'number':
      return {
        ...base,
        type: 'number',
        ...(field.min !== undefined && { minimum: field.min }),
        ...(field.max !== undefined && { maximum: field.max }),
      };
    case 'rating':
      return { ...base, type: 'integer', minimum: 1, maximum: field.max ?? DEFAULT_RATING_MAX };
    case 'date':
      return { ...base, type: 'string', format: 'date', pattern: DATE_PATTERN };
    case 'datetime':
      return { ...base, type: 'string', format: 'date-time' };
    case 'choice':
      return { ...base, type: 'string', enum: (field.options ?? []).map((o) => o.value) };
    case 'multichoice':
      return {
        ...base,
        type: 'array',
        uniqueItems: true,
        items: { type: 'string', enum: (field.options ?? []).map((o) => o.value) },
        ...(field.minItems !== undefined && { minItems: field.minItems }),
        ...(field.maxItems !== undefined && { maxItems: field.maxItems }),
      };
    case 'boolean':
      return { ...base, type: 'boolean' };
    case 'mobile':
      return { ...base, type: 'string', pattern: '^1[3-9]\\d{9}$' };
    case 'email':
      return { ...base, type: 'string', format: 'email', maxLength: 254 };
    case 'idNumber':
      return { ...base, type: 'string', pattern: '^\\d{17}[\\dX]$' };
    case 'creditCode':
      return { ...base, type: 'string', pattern: '^[0-9A-HJ-NPQRTUWXY]{18}$' };
    case 'area':
    case 'person':
    case 'organisation':
      return {
        ...base,
        type: 'string',
        pattern: '^[a-z0-9]{24}$',
        ...(field.areaRoot && { 'x-linli-area-root': field.areaRoot }),
      };
    case 'file':
      return {
        ...base,
        type: 'array',
        items: {
          type: 'object',
          required: ['id'],
          properties: {
            id: { type: 'integer', minimum: 1 },
            name: { type: 'string' },
            mime: { type: 'string' },
            size: { type: 'integer' },
          },
        },
        ...(field.minItems !== undefined && { minItems: field.minItems }),
        maxItems: field.maxItems ?? 5,
        ...(field.accept && { 'x-linli-accept': field.accept }),
        ...(field.maxBytes && { 'x-linli-max-bytes': field.maxBytes }),
      };
    case 'group':
      return {
        ...base,
        type: 'array',
        items: levelSchema(field.fields ?? []),
        ...(field.minItems !== undefined && { minItems: field.minItems }),
        maxItems: field.maxItems ?? DEFAULT_GROUP_MAX_ITEMS,
      };
  }
}

const conditionSchema = (c: Condition): Schema => ({
  required: [c.field],
  properties: {
    [c.field]: {
      anyOf: [
        { enum: c.values },
        { type: 'array', contains: { enum: c.values } },
        ...c.values.map((v) => ({ const: String(v) })),
      ],
    },
  },
});

function levelSchema(fields: FieldDef[]): Schema {
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  const allOf: Schema[] = [];
  for (const field of fields) {
    properties[field.key] = fieldSchema(field);
    if (field.showIf) {
      // Hidden answers are dropped: when the condition does not hold, the field is absent.
      allOf.push({
        if: conditionSchema(field.showIf),
        then: field.required ? { required: [field.key] } : {},
        else: { not: { required: [field.key] } },
      });
    } else if (field.required) {
      required.push(field.key);
    }
    if (field.requireIf) {
      const then: Schema = { required: [field.key] };
      allOf.push({
        if: field.showIf
          ? { allOf: [conditionSchema(field.requireIf), conditionSchema(field.showIf)] }
          : conditionSchema(field.requireIf),
        then,
      });
    }
  }
  return {
    type: 'object',
    additionalProperties: false,
    properties,
    ...(required.length && { required }),
    ...(allOf.length && { allOf }),
  };
}

export function toJsonSchema(definition: FormDefinition, title: string): Schema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title,
    ...levelSchema(definition.fields),
  };
}

function fieldUi(field: FieldDef): Schema {
  return {
    'ui:label': field.label,
    ...(field.help && { 'ui:help': field.help }),
    ...(field.section && { 'ui:section': field.section }),
    'ui:widget': field.widget ?? defaultWidget(field),
    ...(field.options && {
      'ui:options': field.options.map((o) => ({ value: o.value, label: o.label })),
    }),
    ...(field.kind === 'money' && { 'ui:unit': { stored: 'fen', entered: 'yuan' } }),
    ...(field.fields && {
      'ui:order': field.fields.map((f) => f.key),
      items: Object.fromEntries(field.fields.map((f) => [f.key, fieldUi(f)])),
    }),
  };
}

export function defaultWidget(field: FieldDef): string {
  switch (field.kind) {
    case 'choice':
      return (field.options?.length ?? 0) > 6 ? 'select' : 'radio';
    case 'multichoice':
      return 'checkboxes';
    case 'boolean':
      return 'yes-no';
    case 'textarea':
      return 'textarea';
    case 'area':
    case 'person':
    case 'organisation':
      return 'record-picker';
    default:
      return field.kind;
  }
}

export function toUiSchema(definition: FormDefinition): Schema {
  return {
    'ui:order': definition.fields.map((f) => f.key),
    'ui:sections': definition.sections ?? [],
    ...Object.fromEntries(definition.fields.map((f) => [f.key, fieldUi(f)])),
  };
}
