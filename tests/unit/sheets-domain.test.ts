// The pure parts of the spreadsheet writers: fen to exact yuan within the bound, China's wall
// clock for a spreadsheet's dates, CSV cell text, sheet names and column widths.
import fc from 'fast-check';
import * as clock from '../../cms/server/src/domain/china-time';
import {
  MAX_SHEET_FEN,
  calendarDate,
  cellText,
  chinaWallClock,
  displayWidth,
  fenAsYuan,
  fenAsYuanText,
  instantOf,
  sheetName,
} from '../../plugins/forms/server/src/domain/sheet';

describe('money cells', () => {
  it.each<[unknown, number | null]>([
    [123456, 1234.56],
    [7, 0.07],
    [-1500, -15],
    [0, 0],
    [MAX_SHEET_FEN, 1e13],
    [MAX_SHEET_FEN + 1, null],
    [12.5, null],
    ['100', null],
    [null, null],
  ])('fen %p is %p yuan', (fen, yuan) => {
    expect(fenAsYuan(fen)).toBe(yuan);
  });

  it('gives back every fen up to the bound, and prints to the exact cent', () => {
    fc.assert(
      fc.property(fc.integer({ min: -MAX_SHEET_FEN, max: MAX_SHEET_FEN }), (fen) => {
        const yuan = fenAsYuan(fen) as number;
        expect(Math.round(yuan * 100)).toBe(fen);
        expect(yuan.toFixed(2)).toBe(fenAsYuanText(fen));
      }),
    );
  });

  it.each([
    [123456, '1234.56'],
    [5, '0.05'],
    [-1500, '-15.00'],
    [-7, '-0.07'],
  ])('writes %p fen as %p in CSV', (fen, text) => {
    expect(fenAsYuanText(fen)).toBe(text);
    expect(cellText(fen, 'money', clock)).toBe(text);
  });
});

describe('dates and times', () => {
  it.each([
    ['2026-03-01T17:30:00Z', '2026-03-02T01:30:00.000Z'],
    ['2026-12-31T16:00:00Z', '2027-01-01T00:00:00.000Z'],
    ['2026-06-15T00:05:00Z', '2026-06-15T08:05:00.000Z'],
  ])('shows the instant %s at China’s wall clock %s', (instant, wall) => {
    expect(chinaWallClock(new Date(instant), clock).toISOString()).toBe(wall);
  });

  it.each<[unknown, string | null]>([
    ['2026-02-28', '2026-02-28T00:00:00.000Z'],
    ['2026-02-30', null],
    ['2026-3-1', null],
    [20260301, null],
  ])('reads the calendar date %p', (value, date) => {
    expect(calendarDate(value)?.toISOString() ?? null).toBe(date);
  });

  it('reads instants, not free text', () => {
    expect(instantOf('2026-03-01T17:30:00.000Z')?.getTime()).toBe(Date.UTC(2026, 2, 1, 17, 30));
    expect(instantOf('yesterday')).toBeNull();
    expect(instantOf(new Date('nope'))).toBeNull();
  });

  it('writes times in CSV as China’s YYYY-MM-DD HH:mm, and a value not of its kind as it is', () => {
    expect(cellText('2026-12-31T16:00:00Z', 'datetime', clock)).toBe('2027-01-01 00:00');
    expect(cellText('n/a', 'datetime', clock)).toBe('n/a');
    expect(cellText('12.5', 'money', clock)).toBe('12.5');
    expect(cellText(null, 'text', clock)).toBe('');
  });
});

describe('sheet names and widths', () => {
  it.each([
    ['2026 捐赠 Donations', '2026 捐赠 Donations'],
    ['a/b\\c?d*e[f]g:h', 'a b c d e f g h'],
    ['x'.repeat(40), 'x'.repeat(31)],
    ['///', 'Sheet1'],
  ])('names the sheet %p as %p', (name, safe) => {
    expect(sheetName(name)).toBe(safe);
  });

  it.each([
    ['Receipt', 7],
    ['票据号', 6],
    ['金额（元）', 10],
    ['¥1,234.00', 9],
  ])('counts %p as %p columns wide', (text, width) => {
    expect(displayWidth(text)).toBe(width);
  });
});
