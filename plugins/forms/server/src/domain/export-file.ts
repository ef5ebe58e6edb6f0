import type { ExportSubmission } from './export-table';

/**
 * A form's submissions export as a file, pure: what the request asks for (format, language, a
 * status), the status labels, the file's name and type, and each stored submission as a row.
 */

export type ExportFormat = 'csv' | 'xlsx';
export type ExportLang = 'zh' | 'en';

export interface ExportOptions {
  format: ExportFormat;
  lang: ExportLang;
  /** Only submissions in this status; all when absent. */
  status?: string;
}

/** `?format=csv|xlsx&lang=zh|en&status=…`: CSV and Chinese unless asked otherwise. */
export function exportOptions(query: Record<string, unknown> | null | undefined): ExportOptions {
  const q = query ?? {};
  return {
    format: q.format === 'xlsx' ? 'xlsx' : 'csv',
    lang: q.lang === 'en' ? 'en' : 'zh',
    ...(typeof q.status === 'string' && q.status ? { status: q.status } : {}),
  };
}

export const SUBMISSION_STATUS_LABELS: Record<string, Record<ExportLang, string>> = {
  received: { zh: '已受理', en: 'Received' },
  'in-progress': { zh: '办理中', en: 'In progress' },
  accepted: { zh: '已采纳', en: 'Accepted' },
  rejected: { zh: '未采纳', en: 'Rejected' },
  closed: { zh: '已办结', en: 'Closed' },
};

/** A status as the export shows it; an unknown one as it is stored. */
export const statusLabel = (status: string, lang: ExportLang): string =>
  SUBMISSION_STATUS_LABELS[status]?.[lang] ?? status;

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export const exportFileName = (slug: string, format: ExportFormat): string =>
  `${slug}-submissions.${format}`;

/** How many submissions the export reads at a time. */
export const EXPORT_PAGE_SIZE = 500;

/** A stored submission as the export table reads it. */
export function exportRow(s: {
  receiptCode: string;
  versionNumber: number;
  status: string;
  createdAt: string | Date;
  submitterName?: string | null;
  data?: Record<string, unknown> | null;
}): ExportSubmission {
  return {
    receiptCode: s.receiptCode,
    versionNumber: s.versionNumber,
    status: s.status,
    createdAt: new Date(s.createdAt).toISOString(),
    submitterName: s.submitterName,
    data: s.data ?? {},
  };
}
