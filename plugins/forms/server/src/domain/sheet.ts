/**
 * A table to export as a spreadsheet or CSV, with what each column holds, so a writer can make
 * amounts numbers, dates dates and counts integers instead of text an accountant cannot sum.
 */

/**
 * - `text`: written as it is;
 * - `integer`, `number`: a count or a measure;
 * - `money`: an integer number of fen (yuan in the file);
 * - `date`: a calendar date written YYYY-MM-DD (already China's);
 * - `datetime`: an instant (ISO string or Date), shown as China's wall clock.
 */
export type CellKind = 'text' | 'integer' | 'number' | 'money' | 'date' | 'datetime';

export type Cell = string | number | Date | null | undefined;

export interface Table {
  header: string[];
  /** Each column's kind, in header order; a column without one is text. */
  kinds?: CellKind[];
  rows: Cell[][];
}

/** A table with the name its sheet takes in a workbook. */
export interface Sheet extends Table {
  name: string;
}

/**
 * The largest amount a money cell carries. A fen count up to 10^15 is an exact double (< 2^53),
 * and fen / 100 is the double nearest the yuan amount, which prints back to the exact cent and
 * gives back the fen with Math.round(yuan * 100): nothing is lost between the ledger and the cell.
 */
export const MAX_SHEET_FEN = 1e15;

/** What China's clock needs to know (the cms `chinaTime` service provides it). */
export interface ChinaClock {
  chinaDate(instant: Date | number): string;
  chinaMidnight(date: string): Date;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** An amount in fen as yuan, exact to the cent (see MAX_SHEET_FEN), or null if it is not one. */
export function fenAsYuan(value: unknown): number | null {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || Math.abs(value) > MAX_SHEET_FEN)
    return null;
  return value / 100;
}

/** `1234.5` yuan as `1234.50`, for CSV (no thousands separator, so any program reads a number). */
export function fenAsYuanText(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * An instant as China's wall clock written in UTC fields — the form a spreadsheet's date serial
 * takes (a spreadsheet has no time zones): 2026-03-01T17:30Z becomes 2026-03-02 01:30.
 */
export function chinaWallClock(instant: Date, clock: ChinaClock): Date {
  const day = clock.chinaDate(instant);
  const sinceMidnight = instant.getTime() - clock.chinaMidnight(day).getTime();
  return new Date(Date.parse(`${day}T00:00:00Z`) + sinceMidnight);
}

/** A `date` cell as a spreadsheet date (midnight, UTC fields), or null if it is not a date. */
export function calendarDate(value: unknown): Date | null {
  if (typeof value !== 'string' || !DATE.test(value)) return null;
  const d = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value ? null : d;
}

/** A `datetime` cell's instant, or null if it is not one. */
export function instantOf(value: unknown): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(value)) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** A cell as CSV text: yuan with two decimals, dates YYYY-MM-DD, times China's YYYY-MM-DD HH:mm. */
export function cellText(
  value: Cell,
  kind: CellKind | undefined,
  clock: ChinaClock | undefined,
): string {
  if (value === null || value === undefined) return '';
  if (kind === 'money' && fenAsYuan(value) !== null) return fenAsYuanText(value as number);
  if (kind === 'datetime') {
    const instant = instantOf(value);
    // Without China's clock (a table with no time columns needs none) the instant stays ISO.
    if (instant && clock)
      return chinaWallClock(instant, clock).toISOString().slice(0, 16).replace('T', ' ');
  }
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/** Excel, WPS and LibreOffice refuse a sheet name over 31 characters or with any of \ / ? * [ ] :. */
export const sheetName = (name: string): string =>
  name
    .replace(/[\\/?*[\]:]/g, ' ')
    .slice(0, 31)
    .trim() || 'Sheet1';

/** How wide a text looks, in character cells: CJK and full-width characters take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text)
    width +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
        ch,
      )
        ? 2
        : 1;
  return width;
}
