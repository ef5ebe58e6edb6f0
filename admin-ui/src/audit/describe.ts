import { formatDate } from '../dates';

/**
 * How the audit log describes a record type's fields to a person: which console resource holds
 * the type (for its name, its field labels and the link), which fields are money in fen, which
 * are enumerations (and their translation keys), and which relations point where.
 */

/** Content type → the console resource that shows it (types without one: none). */
export const TYPE_RESOURCE: Record<string, string> = {
  'plugin::cms.area': 'cms-areas',
  'plugin::cms.grid': 'cms-grids',
  'plugin::cms.compound': 'cms-compounds',
  'plugin::cms.person': 'cms-people',
  'plugin::cms.organisation': 'cms-organisations',
  'plugin::cms.incubation': 'cms-incubations',
  'plugin::forms.form': 'forms-forms',
  'plugin::forms.form-version': 'forms-form-versions',
  'plugin::forms.submission': 'forms-submissions',
  'plugin::grants.fund': 'grants-funds',
  'plugin::grants.donation': 'grants-donations',
  'plugin::grants.round': 'grants-rounds',
  'plugin::grants.application': 'grants-applications',
  'plugin::grants.review': 'grants-reviews',
  'plugin::grants.award': 'grants-awards',
  'plugin::grants.disbursement': 'grants-disbursements',
  'plugin::grants.report': 'grants-reports',
};

/** Resources with a page of their own a record link may open. */
export const SHOWN = new Set([
  'cms-areas',
  'cms-grids',
  'cms-compounds',
  'cms-people',
  'cms-organisations',
  'cms-incubations',
  'forms-forms',
  'forms-submissions',
  'grants-funds',
  'grants-donations',
  'grants-rounds',
  'grants-applications',
  'grants-awards',
  'grants-disbursements',
  'grants-reports',
]);

/** A type's translation-key part: `plugin::grants.review` → `grants_review`. */
export const typeKey = (uid: string) => uid.replace(/^plugin::/, '').replace(/[.-]/g, '_');

/** Amounts kept in fen, shown in yuan, by resource. */
export const MONEY: Record<string, readonly string[]> = {
  'grants-donations': ['amount'],
  'grants-rounds': ['budget', 'cap', 'awarded'],
  'grants-applications': ['requested'],
  'grants-awards': ['amount', 'approved', 'paid', 'returned'],
  'grants-disbursements': ['amount'],
  'grants-reports': ['spending'],
};

/** Enumerations by resource and field: the `enums.<name>` their values translate under. */
export const ENUMS: Record<string, Record<string, string>> = {
  'cms-areas': { level: 'level', kind: 'kind' },
  'cms-grids': { level: 'gridLevel' },
  'cms-compounds': { type: 'compoundType', propertyManagement: 'propertyManagement' },
  'cms-organisations': {
    kind: 'organisationKind',
    legalForm: 'legalForm',
    registration: 'registration',
    serviceCategory: 'serviceCategory',
  },
  'cms-incubations': { stage: 'stage' },
  'forms-forms': { purpose: 'formPurpose', access: 'formAccess', appliesTo: 'customFieldTarget' },
  'forms-submissions': { status: 'submissionStatus' },
  'grants-funds': { kind: 'fundKind', status: 'fundStatus' },
  'grants-donations': {
    donorKind: 'donorKind',
    channel: 'donationChannel',
    status: 'donationStatus',
  },
  'grants-rounds': { status: 'roundStatus' },
  'grants-applications': { status: 'applicationStatus' },
  'grants-reviews': { status: 'reviewStatus', recommendation: 'recommendation' },
  'grants-awards': { status: 'awardStatus' },
  'grants-disbursements': { status: 'trancheStatus' },
  'grants-reports': { kind: 'reportKind', status: 'reportStatus' },
};

/** Relations (the log keeps their document ids) → the resource of the record they name. */
const RELATIONS: Record<string, string> = {
  fund: 'grants-funds',
  round: 'grants-rounds',
  award: 'grants-awards',
  application: 'grants-applications',
  form: 'forms-forms',
  submission: 'forms-submissions',
  community: 'cms-areas',
  area: 'cms-areas',
  compound: 'cms-compounds',
  grid: 'cms-grids',
  worker: 'cms-people',
  mentor: 'cms-people',
  contactPerson: 'cms-people',
  donorPerson: 'cms-people',
  organisation: 'cms-organisations',
  hub: 'cms-organisations',
  donorOrganisation: 'cms-organisations',
};

/** The resource a relation field of `resource` points at; null for other fields. */
export function relationTarget(resource: string, field: string): string | null {
  if (field === 'parent')
    return resource === 'cms-areas' || resource === 'cms-grids' ? resource : null;
  // An organisation's `members` is a head count; a grid's are people.
  if (field === 'members') return resource === 'cms-grids' ? 'cms-people' : null;
  return RELATIONS[field] ?? null;
}

/** A translate function as react-admin gives it (`_` is the fallback text). */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * Bookkeeping the log keeps but a person gains nothing from: an application's timeline is
 * read on the application's own page, its entries repeat what the log's other entries say.
 */
export const HIDDEN_FIELDS: ReadonlySet<string> = new Set(['timeline']);

/** The fields of an entry worth showing, in their order. */
export const shownFields = (fields: readonly string[] | null | undefined): string[] =>
  (fields ?? []).filter((f) => !HIDDEN_FIELDS.has(f));

/**
 * Lists kept as JSON whose items the console knows: where their keys' labels and their
 * values' translations live (the incubation screens' own words).
 */
const LISTS: Record<string, { fields: string; values: Record<string, string> }> = {
  assessments: {
    fields: 'linli.assessments.fields',
    values: { result: 'linli.assessments.results' },
  },
  milestones: {
    fields: 'linli.milestones.fields',
    values: { status: 'linli.milestones.statuses' },
  },
};

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A value that is a moment: shown in China time, in the console's one date form. */
export const isDateTime = (value: unknown): value is string =>
  typeof value === 'string' && ISO_DATETIME.test(value) && !Number.isNaN(Date.parse(value));

/**
 * A plain value as a person reads it: moments in China time (2026-11-30 10:31:00), yes/no,
 * codes the log knows (a round's `stageMove`: advance/undo) translated.
 */
export function scalarText(field: string, value: unknown, translate: Translate): string {
  if (typeof value === 'boolean') return translate(value ? 'audit.yes' : 'audit.no');
  if (isDateTime(value)) return formatDate(value, true);
  if (typeof value === 'string') return translate(`audit.values.${field}.${value}`, { _: value });
  return String(value);
}

const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);

/**
 * A list of records kept as JSON (an incubation's assessments or milestones) as one line per
 * item, each key labelled and each value translated: `计划日期：2026-12-31；里程碑：完成章程制定；
 * 状态：计划中`. Null for a value of another shape (the caller shows it as indented JSON).
 */
export function itemLines(field: string, value: unknown, translate: Translate): string[] | null {
  const items = Array.isArray(value) ? value : isPlain(value) ? [value] : null;
  if (!items || !items.every((i) => isPlain(i) && Object.values(i).every(isScalar))) return null;
  const known = LISTS[field];
  const label = (key: string) =>
    translate(`${known?.fields ?? 'audit.item_fields'}.${key}`, {
      _: translate(`audit.item_fields.${key}`, { _: translate(`audit.fields.${key}`, { _: key }) }),
    });
  const valueText = (key: string, v: unknown) => {
    const values = known?.values[key];
    return values && typeof v === 'string'
      ? translate(`${values}.${v}`, { _: v })
      : scalarText(key, v, translate);
  };
  return (items as Record<string, unknown>[]).map((item) =>
    Object.entries(item)
      .filter(([, v]) => v !== null && v !== undefined && v !== '')
      .map(([k, v]) => translate('audit.pair', { key: label(k), value: valueText(k, v) }))
      .join(translate('audit.pair_separator')),
  );
}

/**
 * A form's definition (a draft or a published version) as a person reads it: how many fields,
 * then each field's label in the console's language — not the definition's JSON. Null for a
 * value of another shape.
 */
export function definitionLines(
  value: unknown,
  translate: Translate,
  lang: string,
): string[] | null {
  if (!isPlain(value) || !Array.isArray(value.fields)) return null;
  const fields = value.fields.filter(isPlain);
  const labelOf = (f: Record<string, unknown>) => {
    const label = isPlain(f.label) ? f.label : {};
    return String(label[lang] || label.zh || label.en || f.key || '');
  };
  return [
    translate('audit.definition_fields', { smart_count: fields.length }),
    ...fields.map(labelOf).filter((l) => l !== ''),
  ];
}

/** Any other JSON, indented, for a block that wraps rather than running off the card. */
export const jsonText = (value: unknown): string => JSON.stringify(value, null, 2);

/**
 * Who did something, as a person reads it: their name, or 系统/System for the seed and the
 * server's own work (the log keeps no name; a form version kept the actor's type, `system`).
 */
export const actorText = (name: string | null | undefined, translate: Translate): string =>
  !name || name === 'system' ? translate('audit.system') : name;
