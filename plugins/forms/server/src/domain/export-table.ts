import { allFields, labelIn, type FieldDef, type FileRef, type FormDefinition } from './fields';
import Papa from 'papaparse';
import { fenToYuan } from './money';
import { cellText, type Cell, type CellKind, type ChinaClock, type Table } from './sheet';

/**
 * Submissions as a table for CSV and XLSX export, each answer under the label its own version
 * gave it: columns are the fields of the newest version in its order, then fields that only
 * older versions had (so removed fields' answers are still exported).
 */
export interface ExportSubmission {
  receiptCode: string;
  versionNumber: number;
  status: string;
  createdAt: string;
  submitterName?: string | null;
  data: Record<string, unknown>;
}

export type { Table };

/** Field kinds whose answers a spreadsheet computes with; every other answer is text. */
const ANSWER_KINDS: Partial<Record<FieldDef['kind'], CellKind>> = {
  money: 'money',
  integer: 'integer',
  number: 'number',
  rating: 'integer',
  date: 'date',
  datetime: 'datetime',
};

const FIXED = {
  zh: ['回执码', '提交时间', '版本', '状态', '提交人'],
  en: ['Receipt', 'Submitted at', 'Version', 'Status', 'Submitted by'],
};

/** Names of referenced records (areas, people, organisations) by documentId, when known. */
export type NameOf = (documentId: string) => string | undefined;

export function formatAnswer(
  field: FieldDef,
  value: unknown,
  lang: 'zh' | 'en',
  nameOf?: NameOf,
): string {
  if (value === undefined || value === null) return '';
  const optionLabel = (v: unknown) =>
    labelIn(field.options?.find((o) => o.value === v)?.label, lang) || String(v);
  switch (field.kind) {
    case 'money':
      return typeof value === 'number' ? fenToYuan(value) : String(value);
    case 'choice':
      return optionLabel(value);
    case 'multichoice':
      return Array.isArray(value) ? value.map(optionLabel).join(lang === 'zh' ? '、' : ', ') : '';
    case 'boolean':
      return value === true ? (lang === 'zh' ? '是' : 'Yes') : lang === 'zh' ? '否' : 'No';
    case 'area':
    case 'person':
    case 'organisation':
      return (typeof value === 'string' && nameOf?.(value)) || String(value);
    case 'file':
      return Array.isArray(value)
        ? (value as FileRef[]).map((f) => f.name ?? `#${f.id}`).join(', ')
        : '';
    case 'group':
      return Array.isArray(value)
        ? value
            .map((item: Record<string, unknown>) =>
              (field.fields ?? [])
                .filter((f) => item[f.key] !== undefined)
                .map(
                  (f) => `${labelIn(f.label, lang)}: ${formatAnswer(f, item[f.key], lang, nameOf)}`,
                )
                .join('; '),
            )
            .join(' | ')
        : '';
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

/**
 * `versions` maps a version number to its definition; every submission's version must be in it.
 */
export function submissionsTable(
  versions: Map<number, FormDefinition>,
  submissions: ExportSubmission[],
  lang: 'zh' | 'en',
  statusLabel: (status: string) => string = (s) => s,
  nameOf?: NameOf,
): Table {
  const numbers = [...versions.keys()].sort((a, b) => b - a);
  const columns: { key: string; label: string; kind: CellKind }[] = [];
  const seen = new Set<string>();
  for (const n of numbers) {
    for (const field of (versions.get(n) as FormDefinition).fields) {
      if (seen.has(field.key)) continue;
      seen.add(field.key);
      columns.push({
        key: field.key,
        label: labelIn(field.label, lang),
        kind: ANSWER_KINDS[field.kind] ?? 'text',
      });
    }
  }
  const header = [...FIXED[lang], ...columns.map((c) => c.label)];
  const kinds: CellKind[] = [
    'text',
    'datetime',
    'integer',
    'text',
    'text',
    ...columns.map((c) => c.kind),
  ];
  const rows = submissions.map((s): Cell[] => {
    const fields = new Map(
      (versions.get(s.versionNumber)?.fields ?? []).map((f) => [f.key, f] as const),
    );
    return [
      s.receiptCode,
      s.createdAt,
      s.versionNumber,
      statusLabel(s.status),
      s.submitterName ?? '',
      ...columns.map((c) => {
        const field = fields.get(c.key);
        const value = s.data[c.key];
        if (value === undefined) return '';
        // A number stays a number (money in fen) where the newest version's column holds numbers.
        if (field && ANSWER_KINDS[field.kind] === c.kind && typeof value === 'number') return value;
        return field ? formatAnswer(field, value, lang, nameOf) : JSON.stringify(value);
      }),
    ];
  });
  return { header, kinds, rows };
}

/**
 * CSV by Papa Parse, with a byte-order mark so Excel opens Chinese text as UTF-8, and a quote
 * before any cell starting with =, +, - or @, which spreadsheet programs would run as a formula.
 * Amounts are yuan with two decimals and times China's, as in the XLSX (`clock`, the cms
 * chinaTime service or module, is needed only by a table with datetime columns).
 */
export function toCsv(table: Table, clock?: ChinaClock): string {
  const text = table.rows.map((row) =>
    table.header.map((_, c) => {
      const kind = table.kinds?.[c];
      const value = cellText(row[c], kind, clock);
      // Only text: a refund's -12.00 must stay a number.
      return (kind ?? 'text') === 'text' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    }),
  );
  return `\uFEFF${Papa.unparse({ fields: table.header, data: text }, { newline: '\r\n' })}\r\n`;
}

export { allFields };

/** The documentIds of the records a set of answers refers to, by kind, to look their names up. */
export function referencedIds(
  versions: Map<number, FormDefinition>,
  submissions: ExportSubmission[],
): Record<'area' | 'person' | 'organisation', Set<string>> {
  const out = {
    area: new Set<string>(),
    person: new Set<string>(),
    organisation: new Set<string>(),
  };
  const visit = (fields: FieldDef[], data: Record<string, unknown>) => {
    for (const f of fields) {
      const v = data?.[f.key];
      if (
        (f.kind === 'area' || f.kind === 'person' || f.kind === 'organisation') &&
        typeof v === 'string'
      )
        out[f.kind].add(v);
      if (f.kind === 'group' && Array.isArray(v))
        v.forEach((item) => visit(f.fields ?? [], item as Record<string, unknown>));
    }
  };
  for (const s of submissions) visit(versions.get(s.versionNumber)?.fields ?? [], s.data);
  return out;
}
