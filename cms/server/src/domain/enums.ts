/**
 * The enumerations of the cms content types, in one place for the code that needs them as
 * values (the demo seed, the console's choices). Each must equal its schema.json `enum`; a unit
 * test holds them together.
 */
export const GRID_LEVELS = ['grid', 'micro'] as const;
export const COMPOUND_TYPES = [
  'commercial',
  'work_unit',
  'old',
  'affordable',
  'self_built_resettlement',
  'relocation_resettlement',
  'rural_cluster',
] as const;
export const PROPERTY_MANAGEMENT = ['company', 'trust', 'self', 'none'] as const;
export const ORGANISATION_KINDS = [
  'social_organisation',
  'hub',
  'social_enterprise',
  'partner_unit',
  'department',
  'company',
  'foundation',
] as const;
export const LEGAL_FORMS = [
  'association',
  'social_service_agency',
  'foundation',
  'social_enterprise',
  'company',
  'government',
  'unincorporated',
] as const;
export const REGISTRATIONS = ['registered', 'filed', 'none'] as const;
export const SERVICE_CATEGORIES = [
  'elder_care',
  'child_care',
  'disability',
  'community_building',
  'culture_sports',
  'environment',
  'public_safety',
  'legal_aid',
  'education',
  'health',
  'poverty_relief',
  'volunteering',
  'other',
] as const;
