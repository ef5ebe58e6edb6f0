// Shares typed by staff become exact fractions; areas and shares read as people write them.
import { areaText, parseShare, shareText } from './shares';

describe('parseShare', () => {
  it.each([
    ['2/3', { num: 2, den: 3 }],
    [' 3 / 4 ', { num: 3, den: 4 }],
    ['75%', { num: 75, den: 100 }],
    ['66.67%', { num: 6667, den: 10000 }],
    ['50％', { num: 50, den: 100 }],
  ])('%s is exact', (text, share) => {
    expect(parseShare(text)).toEqual(share);
  });
  it.each(['', '  '])('empty %p sets no threshold', (text) => {
    expect(parseShare(text)).toBeUndefined();
  });
  it.each(['2/0', 'two thirds', '0.5', '-1/2', '1/2/3'])('%s is refused', (text) => {
    expect(parseShare(text)).toBeNull();
  });
});

describe('reading', () => {
  it('areas are hundredths of m²', () => {
    expect(areaText(64000)).toBe('640.00 m²');
    expect(areaText(123456789)).toBe('1,234,567.89 m²');
    expect(areaText(5)).toBe('0.05 m²');
  });
  it('shares show the fraction and its percentage', () => {
    expect(shareText({ num: 2, den: 3 })).toBe('2/3（66.67%）');
    expect(shareText({ num: 1, den: 2, strict: true })).toBe('1/2（50%）');
    expect(shareText({ num: 75, den: 100 })).toBe('75%');
  });
});
