/**
 * The console's resources and the Strapi GraphQL types behind them. One table, so routes
 * (`/#/cms-organisations/…`), translations (`resources.cms-organisations.…`) and queries agree.
 */
export interface ResourceSpec {
  /** The GraphQL object type, e.g. CmsOrganisation. */
  type: string;
  /** Text fields the full-text `q` filter searches (case-insensitive contains). */
  search: string[];
  /** The field that names a record in references and titles. */
  label: string;
  /** No mutations exist for it (the audit log is append-only, written by the server). */
  readOnly?: boolean;
  /** Enumerations whose stored values contain dashes, which GraphQL shows as underscores. */
  dashedEnums?: readonly string[];
  /** The mutations the server offers, when not all of them (submissions are never created or deleted here). */
  operations?: readonly ('create' | 'update' | 'delete')[];
  /**
   * Where its area's materialised path is, as a dotted filter path (`fund.area.path`), for the
   * subtree filter; absent: the resource has no area.
   */
  areaPath?: string;
}

export const RESOURCES: Record<string, ResourceSpec> = {
  'cms-areas': { type: 'CmsArea', search: ['name', 'code'], label: 'name', areaPath: 'path' },
  'cms-grids': { type: 'CmsGrid', search: ['name', 'code'], label: 'name', areaPath: 'areaPath' },
  'cms-compounds': { type: 'CmsCompound', search: ['name'], label: 'name', areaPath: 'areaPath' },
  'cms-people': { type: 'CmsPerson', search: ['name'], label: 'name', areaPath: 'areaPath' },
  'cms-organisations': {
    type: 'CmsOrganisation',
    search: ['name', 'creditCode'],
    label: 'name',
    areaPath: 'areaPath',
  },
  'cms-incubations': { type: 'CmsIncubation', search: [], label: 'stage', areaPath: 'areaPath' },
  'forms-forms': {
    type: 'FormsForm',
    search: ['name', 'nameEn', 'slug'],
    label: 'name',
    dashedEnums: ['purpose', 'access'],
  },
  'forms-form-versions': { type: 'FormsFormVersion', search: [], label: 'number', readOnly: true },
  'forms-submissions': {
    type: 'FormsSubmission',
    search: ['receiptCode', 'submitterName'],
    label: 'receiptCode',
    areaPath: 'areaPath',
    operations: ['update'],
    dashedEnums: ['status'],
  },
  'grants-funds': {
    type: 'GrantsFund',
    search: ['name', 'nameEn', 'code'],
    label: 'name',
    areaPath: 'area.path',
  },
  'grants-donations': {
    type: 'GrantsDonation',
    search: ['receiptNo', 'donorName'],
    label: 'receiptNo',
    areaPath: 'fund.area.path',
  },
  'grants-rounds': {
    type: 'GrantsRound',
    search: ['title', 'titleEn'],
    label: 'title',
    areaPath: 'fund.area.path',
  },
  // Written only through the grants actions (award, approve, pay, accept …), read here.
  'grants-applications': {
    type: 'GrantsApplication',
    search: ['projectTitle', 'organisationName', 'receiptCode'],
    label: 'projectTitle',
    areaPath: 'round.fund.area.path',
    readOnly: true,
  },
  'grants-awards': {
    type: 'GrantsAward',
    search: ['projectTitle', 'organisationName'],
    label: 'projectTitle',
    areaPath: 'fund.area.path',
    readOnly: true,
  },
  'grants-disbursements': {
    type: 'GrantsDisbursement',
    search: ['label'],
    label: 'label',
    areaPath: 'award.fund.area.path',
    readOnly: true,
  },
  'grants-reports': {
    type: 'GrantsReport',
    search: ['narrative'],
    label: 'kind',
    areaPath: 'award.fund.area.path',
    readOnly: true,
  },
  // The time bank: records whose moves carry minutes are changed only by its REST actions.
  'time-bank-members': {
    type: 'TimeBankMember',
    search: ['name', 'passbookNo'],
    label: 'name',
    areaPath: 'areaPath',
    readOnly: true,
  },
  'time-bank-family-links': {
    type: 'TimeBankFamilyLink',
    search: [],
    label: 'relation',
    areaPath: 'areaPath',
    readOnly: true,
  },
  'time-bank-requests': {
    type: 'TimeBankRequest',
    search: ['title', 'address'],
    label: 'title',
    areaPath: 'areaPath',
    readOnly: true,
  },
  'time-bank-services': {
    type: 'TimeBankService',
    search: ['number'],
    label: 'number',
    areaPath: 'areaPath',
    readOnly: true,
  },
  'time-bank-participations': {
    type: 'TimeBankParticipation',
    search: [],
    label: 'status',
    areaPath: 'areaPath',
    readOnly: true,
  },
  'time-bank-activities': {
    type: 'TimeBankActivity',
    search: ['title', 'place'],
    label: 'title',
    areaPath: 'areaPath',
  },
  'time-bank-catalogue-items': {
    type: 'TimeBankCatalogueItem',
    search: ['nameZh', 'nameEn'],
    label: 'nameZh',
    areaPath: 'areaPath',
  },
  'time-bank-redemptions': {
    type: 'TimeBankRedemption',
    search: ['number'],
    label: 'number',
    areaPath: 'areaPath',
    readOnly: true,
  },
  'time-bank-categories': {
    type: 'TimeBankCategory',
    search: ['code', 'nameZh', 'nameEn'],
    label: 'nameZh',
  },
  'time-bank-policy-versions': {
    type: 'TimeBankPolicyVersion',
    search: ['note'],
    label: 'version',
    readOnly: true,
  },
  'cms-audit-entries': {
    type: 'CmsAuditEntry',
    search: ['recordLabel', 'recordId', 'actorName'],
    label: 'recordLabel',
    areaPath: 'areaPath',
    readOnly: true,
  },
};

export const resourceOfType = (type: string): string | undefined =>
  Object.keys(RESOURCES).find((name) => RESOURCES[name]?.type === type);
