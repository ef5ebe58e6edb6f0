import type { Core } from '@strapi/strapi';
import { toCsv } from '../domain/export-table';
import type { ChinaClock, Sheet, Table } from '../domain/sheet';
import { toXlsx } from '../domain/xlsx';
import { cmsService } from '../utils';

export type { CellKind, Sheet, Table } from '../domain/sheet';

/**
 * The one way every plugin writes a table (the forms' submissions, the grants disclosure and
 * fund statements): CSV (UTF-8 with BOM, for Excel) and XLSX whose amounts, dates and counts
 * are typed cells, with times on China's clock.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const clock = (): ChinaClock => cmsService(strapi, 'chinaTime');
  return {
    csv: (table: Table): string => toCsv(table, clock()),
    /** One workbook holding these sheets, in order. */
    xlsx: (sheets: Sheet | Sheet[]): Promise<Buffer> =>
      toXlsx(Array.isArray(sheets) ? sheets : [sheets], clock()),
  };
};
