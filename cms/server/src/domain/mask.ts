/**
 * Masking of personal data shown to people whose scope does not cover the person.
 * Masking is idempotent: a masked value masks to itself, so layers may apply it twice.
 */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}

export function maskIdNumber(idNumber: string): string {
  if (idNumber.length < 8) return '*'.repeat(idNumber.length);
  return `${idNumber.slice(0, 3)}${'*'.repeat(idNumber.length - 7)}${idNumber.slice(-4)}`;
}

/** The personal fields of a person record and how each is masked. */
export const PERSONAL_FIELDS: Record<string, (value: string) => string> = {
  phone: maskPhone,
  idNumber: maskIdNumber,
};

/** A copy of a person-like object with its personal fields masked. */
export function maskPerson<T extends Record<string, unknown>>(person: T): T {
  const copy: Record<string, unknown> = { ...person };
  for (const [field, mask] of Object.entries(PERSONAL_FIELDS)) {
    const value = copy[field];
    if (typeof value === 'string' && value !== '') copy[field] = mask(value);
  }
  return copy as T;
}
