// Unified social credit codes (GB 32100-2015) and resident ID numbers (GB 11643-1999): check characters.
import fc from 'fast-check';
import {
  CREDIT_CODE_ALPHABET,
  creditCodeCheckCharacter,
  creditCodeProblem,
  isValidCreditCode,
} from '../../cms/server/src/domain/credit-code';
import {
  idNumberCheckCharacter,
  isMainlandMobile,
  isValidIdNumber,
} from '../../cms/server/src/domain/id-number';

describe('unified social credit code', () => {
  it.each([
    ['91350100M000100Y43', true], // published example
    ['91110000600037341L', true],
    ['53100000500021676K', true],
    ['91350100M000100Y44', false],
    ['91350100M000100Y4', false],
    ['91350100M000100Y433', false],
    ['91350100I000100Y43', false],
    ['91350100m000100y43', false],
  ])('%s → valid %s', (code, valid) => {
    expect(isValidCreditCode(code)).toBe(valid);
  });

  it('names the problem', () => {
    expect(creditCodeProblem('123')).toBe('length');
    expect(creditCodeProblem('91350100O000100Y43')).toBe('character');
    expect(creditCodeProblem('91350100M000100Y40')).toBe('check');
    expect(creditCodeProblem('91350100M000100Y43')).toBeNull();
  });

  it('accepts exactly one check character for any 17-character body', () => {
    const symbol = fc.constantFrom(...Array.from(CREDIT_CODE_ALPHABET));
    fc.assert(
      fc.property(fc.array(symbol, { minLength: 17, maxLength: 17 }), (chars) => {
        const body = chars.join('');
        const valid = Array.from(CREDIT_CODE_ALPHABET).filter((c) => isValidCreditCode(body + c));
        expect(valid).toEqual([creditCodeCheckCharacter(body)]);
      }),
    );
  });
});

describe('resident ID number', () => {
  it.each([
    ['11010519491231002X', true],
    ['440524188001010014', true],
    ['11010519491231002x', false],
    ['110105194912310021', false],
    ['11010519491231002', false],
  ])('%s → valid %s', (value, valid) => {
    expect(isValidIdNumber(value)).toBe(valid);
  });

  it('computes the check character from the first 17 digits', () => {
    expect(idNumberCheckCharacter('11010519491231002')).toBe('X');
    expect(idNumberCheckCharacter('1101051949123100A')).toBeNull();
  });

  it.each([
    ['13812345678', true],
    ['19912345678', true],
    ['12812345678', false],
    ['1381234567', false],
    ['+8613812345678', false],
  ])('mobile %s → %s', (value, valid) => {
    expect(isMainlandMobile(value)).toBe(valid);
  });
});
