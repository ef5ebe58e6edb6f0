/**
 * Resident identity card number (居民身份证号码), GB 11643-1999: 17 digits then a check character
 * (0–9 or X) from ISO 7064 MOD 11-2.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECKS = '10X98765432';

export function idNumberCheckCharacter(first17: string): string | null {
  if (!/^\d{17}$/.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * (WEIGHTS[i] as number);
  return CHECKS[sum % 11] as string;
}

export function isValidIdNumber(value: string): boolean {
  if (!/^\d{17}[\dX]$/.test(value)) return false;
  return idNumberCheckCharacter(value.slice(0, 17)) === value[17];
}

/** A mainland mobile number: 11 digits starting 13–19. */
export const isMainlandMobile = (value: string): boolean => /^1[3-9]\d{9}$/.test(value);
