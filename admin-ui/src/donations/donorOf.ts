/** The donor as shown in lists and on the donation: a name, or a dash for an anonymous gift. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- records from the data provider
export const donorOf = (r: any) =>
  r.donorKind === 'anonymous'
    ? '—'
    : (r.donorOrganisation?.name ?? r.donorPerson?.name ?? r.donorName ?? '');
