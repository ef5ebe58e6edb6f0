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
