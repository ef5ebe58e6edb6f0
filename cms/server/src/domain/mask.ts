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

/** A person's name outside their carers' scope: the family name and a star per other character. */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? name : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

/**
 * The masks by kind of value, for other plugins' declarations of their own personal fields
 * (a case's reporter): one way to mask a phone across the product.
 */
export const MASKS = { phone: maskPhone, idNumber: maskIdNumber, name: maskName } as const;

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
