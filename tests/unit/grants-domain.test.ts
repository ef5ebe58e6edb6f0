// The grants plugin's pure rules: amounts in Chinese capital numerals (as receipts print them),
// receipt numbers, and the donation lifecycle.
import { chineseCapital } from '../../plugins/grants/server/src/domain/capital-numerals';

describe('Chinese capital numerals', () => {
  it.each([
    [100980000, '壹佰万零玖仟捌佰元整'],
    [10005, '壹佰元零伍分'],
    [50, '伍角整'],
    [5, '伍分'],
    [0, '零元整'],
    [200000000, '贰佰万元整'],
    [1000100, '壹万零壹元整'],
    [123456789, '壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分'],
    [1000000001, '壹仟万元零壹分'],
    [10010000, '壹拾万零壹佰元整'],
    [100000000000, '壹拾亿元整'],
    [100000100, '壹佰万零壹元整'],
    [1100, '壹拾壹元整'],
    [1005, '壹拾元零伍分'],
    [10000000000100, '壹仟亿零壹元整'],
    [12349800, '壹拾贰万叁仟肆佰玖拾捌元整'],
    [1234980000, '壹仟贰佰叁拾肆万玖仟捌佰元整'],
    [1000980000, '壹仟万零玖仟捌佰元整'],
  ])('%d fen is %s', (fen, words) => {
    expect(chineseCapital(fen)).toBe(words);
  });
  it('refuses what is not a whole number of fen', () => {
    expect(() => chineseCapital(1.5)).toThrow();
    expect(() => chineseCapital(-1)).toThrow();
  });
});

describe('the demo donations', () => {
  it('are 186 whole-yuan amounts adding up to exactly ¥1,009,800', async () => {
    const { demoAmounts, DEMO_DONATIONS_FEN } = await import('../../database/seed/grants');
    const { createRandom } = await import('../../database/seed/random');
    const amounts = demoAmounts(createRandom(7).next);
    expect(amounts).toHaveLength(186);
    expect(amounts.reduce((a, b) => a + b, 0)).toBe(DEMO_DONATIONS_FEN);
    expect(amounts.every((a) => Number.isSafeInteger(a) && a >= 5000 && a % 100 === 0)).toBe(true);
  });
});
