import fs from 'fs';
import { Workbook, type CellValue } from 'exceljs';
import Papa from 'papaparse';
import {
  IMPORT_COLUMNS,
  TEMPLATE_EXAMPLE,
  columnsOf,
  type ImportColumn,
} from './domain/properties';

export type Cells = Partial<Record<ImportColumn, string>>;

/** A sheet read: its rows by column, and the row number (as the spreadsheet counts) of the first. */
export interface ReadSheet {
  rows: Cells[];
  firstRow: number;
  unknownHeaders: string[];
}

/** At most this many rooms in one sheet: a compound's room list, not a district's. */
export const MAX_ROWS = 20000;

/** A cell as text: numbers as typed (89.5 stays "89.5"), rich text and formulas by their value. */
function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText((value.result ?? null) as CellValue);
    if ('text' in value) return String(value.text);
  }
  return '';
}

function toCells(header: (ImportColumn | null)[], values: string[]): Cells | null {
  const cells: Cells = {};
  let any = false;
  header.forEach((column, i) => {
    if (!column) return;
    const v = (values[i] ?? '').trim();
    if (v) any = true;
    cells[column] = v;
  });
  return any ? cells : null;
}

function fromMatrix(matrix: string[][]): ReadSheet {
  const headerAt = matrix.findIndex((r) => r.some((c) => c.trim() !== ''));
  if (headerAt < 0) return { rows: [], firstRow: 2, unknownHeaders: [] };
  const headers = matrix[headerAt] as string[];
  const columns = columnsOf(headers);
  const rows: Cells[] = [];
  for (const values of matrix.slice(headerAt + 1)) {
    // Blank lines are kept as blank rows only between data, so row numbers stay the sheet's.
    rows.push(toCells(columns, values) ?? {});
  }
  while (rows.length && Object.keys(rows[rows.length - 1] as object).length === 0) rows.pop();
  return {
    rows,
    firstRow: headerAt + 2,
    unknownHeaders: headers.filter((h, i) => h.trim() && !columns[i]),
  };
}

/** Reads the first worksheet of an .xlsx, or a CSV (UTF-8, a byte-order mark allowed). */
export async function readSheet(buffer: Buffer, name: string): Promise<ReadSheet> {
  if (/\.csv$/i.test(name) || !isZip(buffer)) {
    const text = buffer.toString('utf8').replace(/^\uFEFF/, '');
    const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
    return fromMatrix(parsed.data.map((r) => r.map((c) => String(c ?? ''))));
  }
  const workbook = new Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return { rows: [], firstRow: 2, unknownHeaders: [] };
  const matrix: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    const values: string[] = [];
    for (let c = 1; c <= Math.max(row.cellCount, IMPORT_COLUMNS.length); c += 1)
      values.push(cellText(row.getCell(c).value));
    matrix[n - 1] = values;
  });
  for (let i = 0; i < matrix.length; i += 1) matrix[i] ??= [];
  return fromMatrix(matrix);
}

export const readFile = async (path: string, name: string) =>
  readSheet(await fs.promises.readFile(path), name);

const isZip = (b: Buffer) => b.length > 3 && b[0] === 0x50 && b[1] === 0x4b;

/** The import template: the Chinese headers, one example row; text cells so "01" stays "01". */
export async function templateWorkbook(): Promise<Buffer> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('房屋');
  sheet.addRow(IMPORT_COLUMNS.map((c) => c.zh));
  sheet.addRow(IMPORT_COLUMNS.map((c) => TEMPLATE_EXAMPLE[c.key]));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  IMPORT_COLUMNS.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = Math.max(10, c.zh.length * 2 + 4, TEMPLATE_EXAMPLE[c.key].length + 2);
    column.numFmt = '@';
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
