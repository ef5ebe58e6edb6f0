import { Workbook, type Worksheet } from 'exceljs';
import {
  calendarDate,
  cellText,
  chinaWallClock,
  displayWidth,
  fenAsYuan,
  instantOf,
  sheetName,
  type Cell,
  type CellKind,
  type ChinaClock,
  type Sheet,
} from './sheet';

/**
 * Workbooks an accountant can compute with, written by ExcelJS: amounts are numbers in yuan
 * shown as ¥#,##0.00, dates are dates, counts are integers; each sheet's header row is frozen
 * and filtered and its columns are as wide as what they hold.
 */

const FORMATS: Partial<Record<CellKind, string>> = {
  money: '¥#,##0.00',
  integer: '0',
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm',
};

/** How wide a formatted cell prints, for sizing its column. */
function printedWidth(value: Cell, kind: CellKind | undefined, clock: ChinaClock): number {
  if (value === null || value === undefined || value === '') return 0;
  if (kind === 'money' && typeof value === 'number') {
    // ¥, the digits with their separators, the cents.
    const digits = String(Math.trunc(Math.abs(value) / 100)).length;
    return 1 + digits + Math.floor((digits - 1) / 3) + 3 + (value < 0 ? 1 : 0);
  }
  if (kind === 'date' && calendarDate(value)) return 10;
  if (kind === 'datetime' && instantOf(value)) return 16;
  return Math.max(...cellText(value, kind, clock).split('\n').map(displayWidth));
}

/** A cell's value as the spreadsheet stores it; a value its column's kind does not fit is text. */
function typed(value: Cell, kind: CellKind | undefined, clock: ChinaClock) {
  if (value === null || value === undefined || value === '') return { value: null };
  switch (kind) {
    case 'money': {
      const yuan = fenAsYuan(value);
      if (yuan !== null) return { value: yuan, numFmt: FORMATS.money };
      break;
    }
    case 'integer':
    case 'number':
      if (typeof value === 'number' && Number.isFinite(value))
        return {
          value,
          numFmt: kind === 'integer' && Number.isInteger(value) ? FORMATS.integer : undefined,
        };
      break;
    case 'date': {
      const date = calendarDate(value);
      if (date) return { value: date, numFmt: FORMATS.date };
      break;
    }
    case 'datetime': {
      const instant = instantOf(value);
      if (instant) return { value: chinaWallClock(instant, clock), numFmt: FORMATS.datetime };
      break;
    }
    default:
  }
  return { value: cellText(value, kind, clock) };
}

function addSheet(workbook: Workbook, sheet: Sheet, clock: ChinaClock, taken: Set<string>): void {
  let name = sheetName(sheet.name);
  for (let n = 2; taken.has(name.toLowerCase()); n += 1)
    name = `${sheetName(sheet.name).slice(0, 28)} ${n}`;
  taken.add(name.toLowerCase());
  const ws: Worksheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
  });
  const kinds = sheet.header.map((_, c) => sheet.kinds?.[c] ?? 'text');
  const header = ws.addRow(sheet.header);
  header.font = { bold: true };
  const widths = sheet.header.map((h) => displayWidth(h) + 3); // room for the filter's arrow
  for (const row of sheet.rows) {
    const added = ws.addRow([]);
    kinds.forEach((kind, c) => {
      const { value, numFmt } = typed(row[c], kind, clock);
      const cell = added.getCell(c + 1);
      cell.value = value;
      if (numFmt) cell.numFmt = numFmt;
      widths[c] = Math.max(widths[c] as number, printedWidth(row[c], kind, clock) + 2);
    });
  }
  widths.forEach((w, c) => {
    ws.getColumn(c + 1).width = Math.min(Math.max(w, 8), 60);
  });
  if (sheet.header.length)
    ws.autoFilter = {
      from: { row: 1, column: 1 },
      to: { row: Math.max(1, sheet.rows.length + 1), column: sheet.header.length },
    };
}

/** One workbook of these sheets, in order. */
export async function toXlsx(sheets: Sheet[], clock: ChinaClock): Promise<Buffer> {
  const workbook = new Workbook();
  workbook.creator = 'Linli';
  const taken = new Set<string>();
  for (const sheet of sheets) addSheet(workbook, sheet, clock, taken);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
