/**
 * The vocabulary of a form: field kinds, their rules, conditions and sections. A form version's
 * `definition` is a `FormDefinition`; its JSON Schema and UI schema are compiled from it
 * (json-schema.ts), and submissions are validated against it (validate.ts) — by the server, and
 * by the console's preview and public page with this same code.
 */

export const FIELD_KINDS = [
  'text',
  'textarea',
  'integer',
  'number',
  'money',
  'date',
  'datetime',
  'choice',
  'multichoice',
  'boolean',
  'mobile',
  'email',
  'idNumber',
  'creditCode',
  'area',
  'person',
  'organisation',
  'file',
  'rating',
  'group',
] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

export const FORM_PURPOSES = [
  'standalone',
  'case-intake',
  'grant-application',
  'volunteer-signup',
  'incubation-application',
  'consultation-request',
  'custom-fields',
] as const;
export type FormPurpose = (typeof FORM_PURPOSES)[number];

export const FORM_ACCESS = ['anyone', 'signed-in', 'roles'] as const;
export type FormAccess = (typeof FORM_ACCESS)[number];

export const SUBMISSION_STATUSES = [
  'received',
  'in-progress',
  'accepted',
  'rejected',
  'closed',
] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/** cms content types an administrator may add custom fields to. */
export const CUSTOM_FIELD_TARGETS = [
  'organisation',
  'person',
  'compound',
  'grid',
  'incubation',
] as const;
export type CustomFieldTarget = (typeof CUSTOM_FIELD_TARGETS)[number];

/** A text in both of the product's languages. Chinese is required; English falls back to it. */
export interface Localised {
  zh: string;
  en?: string;
}

export interface ChoiceOption {
  value: string;
  label: Localised;
}

/**
 * "Show (or require) this field only when `field` has one of `values`." `field` names a field
 * earlier in the same form (or, inside a repeating group, earlier in the same group).
 * For a multiple-choice field the condition holds when any chosen value is among `values`.
 */
export interface Condition {
  field: string;
  values: (string | number | boolean)[];
}

export interface FieldDef {
  key: string;
  kind: FieldKind;
  label: Localised;
  help?: Localised;
  section?: string;
  required?: boolean;
  /** integer, number, rating: value bounds; money: in fen; date: YYYY-MM-DD bounds */
  min?: number | string;
  max?: number | string;
  minLength?: number;
  maxLength?: number;
  /** text: a regular expression the whole answer must match */
  pattern?: string;
  patternMessage?: Localised;
  /** choice, multichoice */
  options?: ChoiceOption[];
  /** multichoice, group, file: how many */
  minItems?: number;
  maxItems?: number;
  /** choice/multichoice: radio buttons or checkboxes (default) vs. a drop-down select */
  widget?: 'radio' | 'select' | 'checkboxes';
  /** area: answers limited to this area's subtree (an area documentId) */
  areaRoot?: string;
  /** file: allowed MIME types (e.g. image/jpeg, application/pdf) and the size limit per file */
  accept?: string[];
  maxBytes?: number;
  /** group: the fields of each repeated item (no nested groups) */
  fields?: FieldDef[];
  showIf?: Condition;
  requireIf?: Condition;
}

export interface SectionDef {
  key: string;
  title: Localised;
}

export interface FormDefinition {
  sections?: SectionDef[];
  fields: FieldDef[];
}

/** An uploaded file as a submission refers to it. */
export interface FileRef {
  id: number;
  name?: string;
  mime?: string;
  size?: number;
}

export const FIELD_KEY_PATTERN = /^[a-z][a-zA-Z0-9_]{0,39}$/;
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$/;
/**
 * Slugs that would collide with the plugin's own routes under /api/forms/ (mine, dashboard …)
 * or with the phone pages beside `/f/<slug>`: `/f/me` (a resident's own page) and
 * `/f/receipt/<code>` (the applicant's page).
 */
export const RESERVED_SLUGS = [
  'forms',
  'form-versions',
  'submissions',
  'receipts',
  'files',
  'public',
  'mine',
  'dashboard',
  'me',
  'receipt',
];

export const DEFAULT_TEXT_MAX = 200;
export const DEFAULT_TEXTAREA_MAX = 5000;
export const DEFAULT_RATING_MAX = 5;
export const DEFAULT_FILE_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_GROUP_MAX_ITEMS = 50;

export const labelIn = (text: Localised | undefined, lang: 'zh' | 'en'): string =>
  !text ? '' : lang === 'en' ? text.en || text.zh : text.zh || text.en || '';

/** Every field in the form, with groups' own fields after each group (for labels and export). */
export function allFields(definition: FormDefinition): FieldDef[] {
  return definition.fields.flatMap((f) => (f.kind === 'group' ? [f, ...(f.fields ?? [])] : [f]));
}
