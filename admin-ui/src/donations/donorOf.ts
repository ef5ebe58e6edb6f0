import type { Donation } from '../grants/types';

/** The donor as shown in lists and on the donation: a name, or a dash for an anonymous gift. */
export const donorOf = (r: Donation) =>
  r.donorKind === 'anonymous'
    ? '—'
    : (r.donorOrganisation?.name ?? r.donorPerson?.name ?? r.donorName ?? '');
