import {
  downloadCSV,
  useTranslate,
  type DataProvider,
  type Exporter,
  type RaRecord,
  type TranslateFunction,
} from 'react-admin';
import { toCsv } from '../../plugins/forms/server/src/domain/export-table';
import { fenToYuan } from '../../plugins/forms/server/src/domain/money';
import type { Table } from '../../plugins/forms/server/src/domain/sheet';
import { formatDate } from './dates';
import { fenOf } from './fen';

/**
 * A list's CSV as a person reads it: named columns with headings in the user's language,
 * amounts in yuan, choices and yes/no in words, times in China's clock, related records by
 * name. react-admin's default exporter writes every key of the record instead (documentId,
 * transfer ids, fen, English codes, UTC instants), which is the database, not the list.
 */

/** A record as the data provider gives it (GraphQL: relations as `{ documentId, name }`). */
export type Row = Record<string, unknown>;

export type CellValue = string | number | null | undefined;

export interface Column<R = Row> {
  /** The heading's translation key (`resources.<resource>.fields.<field>`, `linli.money.paid` …). */
  header: string;
  cell: (record: R, translate: TranslateFunction) => CellValue;
  /**
   * `number` for amounts, scores and counts: written as they are, where text starting with a
   * minus sign would be quoted against formulas (a refund's -12.00 must stay a number).
   */
  kind?: 'text' | 'number';
}

// ---- Cells: one value of a record as a person reads it ----

/** Fen as yuan with two decimals and no thousands separator (a sheet sums it): 1500000 → 15000.00. */
export const moneyCell = (fen: unknown): string => {
  const n = fenOf(fen);
  return n === null ? '' : fenToYuan(n);
};

/** A stored choice by its translated name (`enums.<name>.<value>`); an unknown value as it is. */
export const choiceCell = (translate: TranslateFunction, name: string, value: unknown): string =>
  value === null || value === undefined || value === ''
    ? ''
    : translate(`enums.${name}.${String(value)}`, { _: String(value) });

/** 是/否 (Yes/No); empty when unset, so "not answered" does not read as "no". */
export const yesNoCell = (translate: TranslateFunction, value: unknown): string =>
  value === true
    ? translate('ra.boolean.true')
    : value === false
      ? translate('ra.boolean.false')
      : '';

/** A date, or a date and time, in the console's one form and China's clock (see dates.ts). */
export const dateCell = (value: unknown, withTime = false): string =>
  typeof value === 'string' || typeof value === 'number' || value instanceof Date
    ? formatDate(value, withTime)
    : '';

/** A related record by its name (or title), never its documentId. */
export const nameCell = (related: unknown): string => {
  if (!related || typeof related !== 'object') return '';
  const r = related as { name?: unknown; title?: unknown };
  const name = r.name ?? r.title;
  return typeof name === 'string' ? name : '';
};

/** Several related records by name, as one cell. */
export const namesCell = (related: unknown): string =>
  Array.isArray(related) ? related.map(nameCell).filter(Boolean).join('; ') : '';

/** A weighted score kept in hundredths, as the screens show it: 9525 → 95.25. */
export const scoreCell = (hundredths: unknown): string =>
  typeof hundredths === 'number' && Number.isFinite(hundredths)
    ? (hundredths / 100).toFixed(2)
    : '';

const plain = (value: unknown): CellValue =>
  typeof value === 'string' || typeof value === 'number' ? value : '';

// ---- Columns of one resource, headed by its field labels ----

/**
 * Columns for a resource's fields, each headed `resources.<resource>.fields.<field>`; `header`
 * names another key where the list labels a column otherwise.
 */
export function columnsOf<R extends object = Row>(resource: string) {
  const heading = (field: string) => `resources.${resource}.fields.${field}`;
  type C = Column<R>;
  // Records arrive loosely typed; each column reads its field by name.
  const get = (r: R, field: string): unknown => (r as unknown as Row)[field];
  return {
    text: (field: string, header = heading(field)): C => ({
      header,
      cell: (r) => plain(get(r, field)),
    }),
    number: (field: string, header = heading(field)): C => ({
      header,
      kind: 'number',
      cell: (r) => {
        const v = get(r, field);
        return typeof v === 'number' ? v : '';
      },
    }),
    money: (field: string, header = heading(field)): C => ({
      header,
      kind: 'number',
      cell: (r) => moneyCell(get(r, field)),
    }),
    choice: (field: string, name: string, header = heading(field)): C => ({
      header,
      cell: (r, t) => choiceCell(t, name, get(r, field)),
    }),
    yesNo: (field: string, header = heading(field)): C => ({
      header,
      cell: (r, t) => yesNoCell(t, get(r, field)),
    }),
    date: (field: string, header = heading(field)): C => ({
      header,
      cell: (r) => dateCell(get(r, field)),
    }),
    dateTime: (field: string, header = heading(field)): C => ({
      header,
      cell: (r) => dateCell(get(r, field), true),
    }),
    related: (field: string, header = heading(field)): C => ({
      header,
      cell: (r) => nameCell(get(r, field)),
    }),
    score: (field: string, header = heading(field)): C => ({
      header,
      kind: 'number',
      cell: (r) => scoreCell(get(r, field)),
    }),
    /** Any other cell, under the field's heading. */
    custom: (field: string, cell: C['cell'], kind?: C['kind']): C => ({
      header: heading(field),
      cell,
      kind,
    }),
  };
}

// ---- The table and the exporter ----

/** The records as a table: translated headings, one cell per column. */
export function labelledTable<R>(
  columns: readonly Column<R>[],
  records: readonly R[],
  translate: TranslateFunction,
): Table {
  return {
    header: columns.map((c) => translate(c.header)),
    kinds: columns.map((c) => (c.kind === 'number' ? 'number' : 'text')),
    rows: records.map((r) => columns.map((c) => c.cell(r, translate) ?? '')),
  };
}

/**
 * CSV of the records, by toCsv: a byte-order mark so Excel opens the Chinese as UTF-8, and
 * text that a spreadsheet would run as a formula quoted.
 */
export const labelledCsv = <R>(
  columns: readonly Column<R>[],
  records: readonly R[],
  translate: TranslateFunction,
): string => toCsv(labelledTable(columns, records, translate));

/** The file's name: the resource's plural name in the user's language (居民.csv, People.csv). */
export const exportName = (translate: TranslateFunction, resource: string): string =>
  translate(`resources.${resource}.name`, { smart_count: 2 });

/**
 * Adds what a relation's `{ documentId }` lacks before the columns read it: GraphQL selects a
 * relation's name only where its type has a `name`, `title`, `code` or `stage` (an award has a
 * `projectTitle`), so the related records are read, a page of ids at a time, and their `label`
 * put in as `name`. A role that may not read them exports the column empty.
 */
export const withRelatedNames =
  (field: string, resource: string, label: string) =>
  async <R extends object>(records: R[], dataProvider: DataProvider): Promise<R[]> => {
    const idOf = (r: R) =>
      ((r as unknown as Row)[field] as { documentId?: string } | null | undefined)?.documentId;
    const ids = [...new Set(records.map(idOf).filter((id): id is string => !!id))];
    const names = new Map<string, string>();
    try {
      // A page of ids at a time: the API answers at most 100 records to one query.
      for (let i = 0; i < ids.length; i += 100) {
        const { data } = await dataProvider.getMany(resource, { ids: ids.slice(i, i + 100) });
        for (const rec of data)
          if (typeof rec[label] === 'string') names.set(String(rec.id), rec[label]);
      }
    } catch {
      return records;
    }
    return records.map((r) => {
      const id = idOf(r);
      return id && names.has(id) ? { ...r, [field]: { documentId: id, name: names.get(id) } } : r;
    });
  };

/**
 * The exporter of a list from its columns. `prepare` adds what the records lack before they are
 * written (related names, balances read over REST). Lists longer than a page are read page by
 * page by the data provider before this runs.
 */
export function useLabelledExporter<R extends object = Row>(
  resource: string,
  columns: readonly Column<R>[],
  prepare?: (records: R[], dataProvider: DataProvider) => Promise<R[]>,
): Exporter<RaRecord> {
  const translate = useTranslate();
  return async (records, _fetchRelated, dataProvider) => {
    const rows = prepare
      ? await prepare(records as unknown as R[], dataProvider)
      : (records as unknown as R[]);
    downloadCSV(labelledCsv(columns, rows, translate), exportName(translate, resource));
  };
}
