/** The cms content types, by short name. One list so scoping, audit and routes agree. */
export const CMS = {
  area: 'plugin::cms.area',
  grid: 'plugin::cms.grid',
  compound: 'plugin::cms.compound',
  person: 'plugin::cms.person',
  organisation: 'plugin::cms.organisation',
  incubation: 'plugin::cms.incubation',
  propertyUnit: 'plugin::cms.property-unit',
  propertyOwner: 'plugin::cms.property-owner',
  household: 'plugin::cms.household',
  auditEntry: 'plugin::cms.audit-entry',
} as const;

export type CmsUid = (typeof CMS)[keyof typeof CMS];

/** Records that live somewhere in the area tree, and the column that says where. */
export const SCOPED_PATH_FIELD: Record<string, 'path' | 'areaPath'> = {
  [CMS.area]: 'path',
  [CMS.grid]: 'areaPath',
  [CMS.compound]: 'areaPath',
  [CMS.person]: 'areaPath',
  [CMS.organisation]: 'areaPath',
  [CMS.incubation]: 'areaPath',
  // Rooms, their owners and households belong where their compound does.
  [CMS.propertyUnit]: 'areaPath',
  [CMS.propertyOwner]: 'areaPath',
  [CMS.household]: 'areaPath',
  // An audit entry is scoped by where its record was: staff read the history of their subtree.
  [CMS.auditEntry]: 'areaPath',
};

/** Content types that residents, volunteers and the public may read (all of it, unscoped). */
export const PUBLIC_UIDS: readonly string[] = [CMS.area, CMS.organisation];

export const USER_UID = 'plugin::users-permissions.user';

/** Strapi's document ids: 24 lower-case letters and digits (cuid2). */
export const DOCUMENT_ID_PATTERN = /^[a-z0-9]{24}$/;
