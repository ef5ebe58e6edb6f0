import { toCsv, type Table } from '../domain/export-table';
import { toXlsx } from '../domain/xlsx';

/**
 * The forms plugin's table writers for other plugins (e.g. the grants disclosure export), so a
 * table is written to CSV (UTF-8 with BOM, for Excel) and XLSX one way everywhere.
 */
export default () => ({
  csv: (table: Table): string => toCsv(table),
  xlsx: (table: Table, sheetName?: string): Uint8Array => toXlsx(table, sheetName),
});
