import { Workbook } from 'exceljs';
import Papa from 'papaparse';

/**
 * Reading exports back as a spreadsheet program would: the bytes of an XLSX through ExcelJS's
 * reader, a CSV through Papa Parse.
 */
export async function readXlsx(bytes: Uint8Array): Promise<Workbook> {
  const book = new Workbook();
  // ExcelJS's typings predate Node 20's generic Buffer; any Uint8Array's bytes load the same.
  await book.xlsx.load(Buffer.from(bytes) as unknown as Parameters<Workbook['xlsx']['load']>[0]);
  return book;
}

/** A CSV's rows (header first), refusing a malformed file; the byte-order mark must be there. */
export function readCsv(text: string): string[][] {
  if (text.charCodeAt(0) !== 0xfeff) throw new Error('the CSV has no byte-order mark');
  const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true });
  if (parsed.errors.length) throw new Error(JSON.stringify(parsed.errors));
  return parsed.data;
}
