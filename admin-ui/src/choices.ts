import { STAGE_TRANSITIONS } from '../../cms/server/src/domain/incubation-stages';

/** Choices for an enumeration, labelled by its translation key (react-admin translates them). */
export const choices = (enumName: string, values: readonly string[]) =>
  values.map((id) => ({ id, name: `enums.${enumName}.${id}` }));

// The enumerations and the stage machine come from the cms plugin's pure domain code, so the
// console offers exactly what the server accepts.
export { AREA_KINDS, AREA_LEVELS } from '../../cms/server/src/domain/area-hierarchy';
export { INCUBATION_STAGES as STAGES } from '../../cms/server/src/domain/incubation-stages';

/** The legal next stages of each stage. */
export const NEXT_STAGES: Record<string, readonly string[]> = STAGE_TRANSITIONS;
/** The grants plugin's enumerations (as its schema.json lists them). */
export const FUND_KINDS = ['general', 'special', 'community'] as const;
export const FUND_STATUSES = ['active', 'closed'] as const;
export const DONOR_KINDS = ['person', 'organisation', 'anonymous'] as const;
export const DONATION_CHANNELS = [
  'bank_transfer',
  'wechat_pay',
  'alipay',
  'cash',
  'in_kind',
] as const;
export const DONATION_STATUSES = ['pledged', 'received', 'refunded'] as const;
export const ROUND_STATUSES = ['draft', 'open', 'reviewing', 'awarding', 'closed'] as const;
export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'under_review',
  'more_info',
  'approved',
  'rejected',
  'withdrawn',
] as const;
export const AWARD_STATUSES = ['active', 'closed'] as const;
export const TRANCHE_STATUSES = ['scheduled', 'approved', 'paid', 'cancelled'] as const;
export const REPORT_KINDS = ['progress', 'final'] as const;
export const REPORT_STATUSES = ['submitted', 'accepted', 'returned'] as const;

export {
  FIELD_KINDS,
  FORM_ACCESS,
  FORM_PURPOSES,
  CUSTOM_FIELD_TARGETS,
  SUBMISSION_STATUSES,
} from '../../plugins/forms/server/src/domain/fields';
export {
  COMPOUND_TYPES,
  GRID_LEVELS,
  LEGAL_FORMS,
  ORGANISATION_KINDS,
  PROPERTY_MANAGEMENT,
  REGISTRATIONS,
  SERVICE_CATEGORIES,
} from '../../cms/server/src/domain/enums';

/**
 * Strapi's GraphQL cannot name an enum value with a dash: it shows `case-intake` as `case_intake`
 * (and stores what it is given back with the dash). Choices offered over GraphQL use its names;
 * filters, which are plain strings, are translated back (resources.ts: dashedEnums).
 */
export const graphqlEnum = (values: readonly string[]): string[] =>
  values.map((v) => v.replace(/-/g, '_'));

/** Roles that may write each resource (mirrors cms/server/src/permissions.ts; the server decides). */
export const WRITERS: Record<string, readonly string[]> = {
  'grants-funds': ['foundation-staff'],
  'grants-donations': ['foundation-staff'],
  'grants-rounds': ['foundation-staff'],
  'forms-forms': ['foundation-staff', 'incubator'],
  'forms-submissions': ['foundation-staff', 'incubator', 'community-worker'],
  'cms-grids': ['community-worker'],
  'cms-compounds': ['community-worker'],
  'cms-people': ['community-worker'],
  'cms-organisations': ['foundation-staff', 'incubator'],
  'cms-incubations': ['foundation-staff', 'incubator'],
};
export const READERS: Record<string, readonly string[]> = {
  'grants-funds': ['foundation-staff', 'incubator'],
  'grants-donations': ['foundation-staff'],
  'grants-rounds': ['foundation-staff', 'incubator', 'reviewer'],
  'grants-applications': ['foundation-staff'],
  'grants-awards': ['foundation-staff', 'incubator'],
  'grants-disbursements': ['foundation-staff'],
  'grants-reports': ['foundation-staff'],
  'forms-forms': ['foundation-staff', 'incubator', 'community-worker', 'reviewer'],
  'forms-submissions': ['foundation-staff', 'incubator', 'community-worker'],
  'cms-grids': ['foundation-staff', 'incubator', 'community-worker'],
  'cms-compounds': ['foundation-staff', 'incubator', 'community-worker'],
  'cms-people': ['foundation-staff', 'incubator', 'community-worker'],
  'cms-incubations': ['foundation-staff', 'incubator', 'community-worker', 'reviewer'],
};

/** Roles that read the audit log of their scope (mirrors cms/server/src/permissions.ts). */
export const AUDITORS: Record<string, readonly string[]> = {
  'cms-audit-entries': ['foundation-staff', 'incubator', 'community-worker'],
};
