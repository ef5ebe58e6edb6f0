/**
 * Receipt codes: what an anonymous submitter keeps to look up their submission. Ten characters
 * from an alphabet without look-alikes (no 0/O, 1/I), shown as two groups of five: 32^10 ≈ 10^15
 * codes, so guessing another person's code is hopeless; a UNIQUE index makes a collision a retry.
 */
export const RECEIPT_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const RECEIPT_PATTERN = /^[A-HJ-NP-Z2-9]{5}-[A-HJ-NP-Z2-9]{5}$/;

/** A receipt code from ten random bytes (crypto.randomBytes on the server). */
export function receiptCode(randomBytes: Uint8Array): string {
  if (randomBytes.length < 10) throw new Error('receiptCode needs 10 random bytes');
  let code = '';
  for (let i = 0; i < 10; i += 1) {
    code += RECEIPT_ALPHABET[(randomBytes[i] as number) % 32];
    if (i === 4) code += '-';
  }
  return code;
}

/** Normalises what a person types (lower case, spaces, missing dash) to the stored form. */
export function normaliseReceiptCode(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]/g, '');
  if (!/^[A-HJ-NP-Z2-9]{10}$/.test(compact)) return null;
  return `${compact.slice(0, 5)}-${compact.slice(5)}`;
}
