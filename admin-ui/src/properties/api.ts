import { getToken } from '../authProvider';
import { restBody, restJson } from '../rest';
import type {
  CommitResult,
  ImportCells,
  PreviewRow,
  UnitInput,
  UnitView,
} from '../../../cms/server/src/shared/contracts/services';

export type { CommitResult, ImportCells, PreviewRow, UnitInput, UnitView };

export interface Preview {
  rows: PreviewRow[];
  good: number;
  bad: number;
  firstRow: number;
}

const JSON_HEADERS = { 'Content-Type': 'application/json' };

/** The rooms of a compound with owners and households (people masked by the server). */
export const listUnits = (compound: string) =>
  restBody<{ data: UnitView[]; meta: { compound: { name: string } } }>(
    `/api/cms/property-units?compound=${encodeURIComponent(compound)}`,
  );

export const createUnit = (compound: string, input: UnitInput) =>
  restJson<{ documentId: string }>('/api/cms/property-units', {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify({ ...input, compound }),
  });

export const updateUnit = (documentId: string, input: UnitInput) =>
  restJson<{ documentId: string }>(`/api/cms/property-units/${documentId}`, {
    method: 'PUT',
    headers: JSON_HEADERS,
    body: JSON.stringify(input),
  });

export const deleteUnit = (documentId: string) =>
  restJson<unknown>(`/api/cms/property-units/${documentId}`, { method: 'DELETE' });

/** The sheet read and checked by the server: every row, its record or its problems. */
export function previewFile(compound: string, file: File): Promise<Preview> {
  const form = new FormData();
  form.append('compound', compound);
  form.append('file', file, file.name);
  return restJson<Preview>('/api/cms/property-imports/preview', { method: 'POST', body: form });
}

/** One chunk of the sheet's rows written (its bad rows reported again and skipped). */
export const commitRows = (compound: string, rows: ImportCells[], firstRow: number) =>
  restJson<CommitResult>('/api/cms/property-imports/commit', {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify({ compound, rows, firstRow }),
  });

/** The template is behind sign-in, so it is fetched with the token and saved from a blob. */
export async function downloadTemplate(): Promise<void> {
  const token = getToken();
  const res = await fetch('/api/cms/property-imports/template', {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
  if (!res.ok) throw new Error(String(res.status));
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = '房屋导入模板.xlsx';
  a.click();
  URL.revokeObjectURL(url);
}
