/**
 * The numbers a case is known by: the staff's case number (type prefix, year, sequence) and the
 * resident's receipt code, which they type from a slip or read over the phone.
 */

/** `JM-2026-000042`: the type's prefix, the China year, the year's sequence padded to 6 digits. */
export function caseNumber(prefix: string, year: number, seq: number): string {
  if (!/^[A-Z][A-Z0-9]{0,9}$/.test(prefix))
    throw new RangeError(`a case number prefix is 1–10 capital letters or digits: ${prefix}`);
  if (!Number.isSafeInteger(year) || year < 2000 || year > 9999)
    throw new RangeError(`not a year: ${year}`);
  // More than 999999 cases a year simply widens the number; it never wraps or collides.
  if (!Number.isSafeInteger(seq) || seq < 1) throw new RangeError(`not a sequence number: ${seq}`);
  return `${prefix}-${year}-${String(seq).padStart(6, '0')}`;
}

/**
 * Receipt code characters: digits and capitals without the look-alikes 0/O, 1/I/L, so a code read
 * aloud or copied from a printed slip comes back right. 31 characters, 8 of them: ~8.5e11 codes.
 */
export const RECEIPT_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const RECEIPT_LENGTH = 8;

/**
 * A receipt code from a random source returning a whole number in [0, max): pass
 * `crypto.randomInt` in the server (a receipt code is a bearer secret, so not Math.random), a
 * seeded one in tests.
 */
export function receiptCode(randomInt: (max: number) => number): string {
  let code = '';
  for (let i = 0; i < RECEIPT_LENGTH; i += 1) {
    const n = randomInt(RECEIPT_ALPHABET.length);
    if (!Number.isInteger(n) || n < 0 || n >= RECEIPT_ALPHABET.length)
      throw new RangeError(
        `the random source returned ${n}, not a whole number below ${RECEIPT_ALPHABET.length}`,
      );
    code += RECEIPT_ALPHABET[n];
  }
  return code;
}

/**
 * A code as typed back: upper-cased, spaces and dashes dropped (slips print it as ABCD-EFGH);
 * null when it cannot be a receipt code, so the lookup is not even tried.
 */
export function normaliseReceiptCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '');
  return code.length === RECEIPT_LENGTH && [...code].every((c) => RECEIPT_ALPHABET.includes(c))
    ? code
    : null;
}
