/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from a 31-symbol
 * alphabet (digits and capitals without I, O, Z, S, V); the 18th is a check character computed
 * from the first 17 with weights 3^i mod 31.
 */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeProblem = 'length' | 'character' | 'check';

/** The check character for the first 17 characters, or null when one is outside the alphabet. */
export function creditCodeCheckCharacter(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    const value = CREDIT_CODE_ALPHABET.indexOf(first17[i] ?? '');
    if (value < 0) return null;
    sum += value * (WEIGHTS[i] as number);
  }
  const check = (31 - (sum % 31)) % 31;
  return CREDIT_CODE_ALPHABET[check] as string;
}

/** Why a code is not a valid unified social credit code, or null when it is. */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return 'length';
  for (const ch of code) if (!CREDIT_CODE_ALPHABET.includes(ch)) return 'character';
  return creditCodeCheckCharacter(code.slice(0, 17)) === code[17] ? null : 'check';
}

export const isValidCreditCode = (code: string): boolean => creditCodeProblem(code) === null;
