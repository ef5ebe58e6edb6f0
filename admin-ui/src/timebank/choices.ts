/** The time bank's enumerations (as its schema.json lists them), for inputs and fields. */
export const MEMBER_KINDS = ['person', 'team', 'organisation', 'pool'] as const;
export const MEMBER_STATUSES = ['active', 'left'] as const;
export const REQUEST_SIDES = ['need', 'offer'] as const;
export const REQUEST_STATUSES = ['open', 'full', 'cancelled', 'done'] as const;
export const SERVICE_STATES = [
  'accepted',
  'checked_in',
  'checked_out',
  'disputed',
  'confirmed',
  'cancelled',
] as const;
export const HOUR_TYPES = ['credit', 'honour'] as const;
export const ACTIVITY_STATUSES = ['open', 'credited', 'cancelled'] as const;
export const PARTICIPATION_STATUSES = [
  'signed_up',
  'checked_in',
  'checked_out',
  'credited',
  'absent',
] as const;
export const ITEM_KINDS = ['service', 'goods'] as const;
export const REDEMPTION_STATUSES = ['reserved', 'fulfilled', 'cancelled'] as const;
export const RELATIONS = [
  'spouse',
  'parent',
  'child',
  'sibling',
  'grandparent',
  'grandchild',
  'other',
] as const;
export const LINK_STATUSES = ['active', 'revoked'] as const;

/** Choices labelled by the time bank's own enum keys (linli.tb.enums.<name>.<value>). */
export const tbChoices = (name: string, values: readonly string[]) =>
  values.map((id) => ({ id, name: `linli.tb.enums.${name}.${id}` }));
