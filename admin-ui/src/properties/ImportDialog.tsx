import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  LinearProgress,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { IMPORT_COLUMNS } from '../../../cms/server/src/domain/properties';
import { commitRows, previewFile, type CommitResult, type Preview } from './api';

/** Rows sent per commit request: each request is a few transactions, and progress is real. */
export const CHUNK = 200;

const chinese = () => (localStorage.getItem('RaStore.locale') ?? '"zh-CN"').includes('zh');

/**
 * The room list's import: choose a file → the server's preview (each row's problems, by row and
 * column, highlighted) → confirm → the rows committed in chunks with a progress bar → a summary.
 */
export function ImportDialog({
  compound,
  open,
  onClose,
}: {
  compound: string;
  open: boolean;
  onClose: (changed: boolean) => void;
}) {
  const translate = useTranslate();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<number | null>(null);
  const [result, setResult] = useState<CommitResult | null>(null);

  const reset = () => {
    setPreview(null);
    setError(null);
    setDone(null);
    setResult(null);
  };

  async function choose(file: File | undefined) {
    if (!file) return;
    reset();
    setBusy(true);
    try {
      setPreview(await previewFile(compound, file));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  async function commit() {
    if (!preview) return;
    setBusy(true);
    setDone(0);
    const total: CommitResult = { created: 0, updated: 0, peopleCreated: 0, failed: [] };
    try {
      for (let i = 0; i < preview.rows.length; i += CHUNK) {
        const chunk = preview.rows.slice(i, i + CHUNK);
        const r = await commitRows(
          compound,
          chunk.map((row) => row.cells),
          preview.firstRow + i,
        );
        total.created += r.created;
        total.updated += r.updated;
        total.peopleCreated += r.peopleCreated;
        total.failed.push(...r.failed);
        setDone(Math.min(preview.rows.length, i + CHUNK));
      }
      setResult(total);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const failedRows = result ? new Set(result.failed.map((f) => f.row)).size : 0;
  return (
    <Dialog
      open={open}
      maxWidth="lg"
      fullWidth
      onClose={() => {
        if (busy) return;
        const changed = !!result;
        reset();
        onClose(changed);
      }}
      data-testid="property-import-dialog"
    >
      <DialogTitle>{translate('linli.properties.import_title')}</DialogTitle>
      <DialogContent>
        {!preview && (
          <Button variant="outlined" component="label" disabled={busy}>
            {translate('linli.properties.choose_file')}
            <input
              hidden
              type="file"
              accept=".xlsx,.csv"
              data-testid="property-import-file"
              onChange={(e) => void choose(e.target.files?.[0])}
            />
          </Button>
        )}
        {busy && done === null && <LinearProgress sx={{ mt: 2 }} />}
        {error && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {error}
          </Alert>
        )}
        {preview && !result && (
          <>
            <Typography sx={{ my: 1 }} data-testid="property-import-counts">
              {translate('linli.properties.preview_counts', {
                good: preview.good,
                bad: preview.bad,
              })}
            </Typography>
            <Box sx={{ maxHeight: 420, overflow: 'auto' }}>
              <Table size="small" stickyHeader>
                <TableHead>
                  <TableRow>
                    <TableCell>{translate('linli.properties.row')}</TableCell>
                    {IMPORT_COLUMNS.map((c) => (
                      <TableCell key={c.key}>{chinese() ? c.zh : c.en[0]}</TableCell>
                    ))}
                    <TableCell>{translate('linli.properties.problems')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {preview.rows.map((r) => {
                    const bad = new Set(r.issues.map((i) => i.column));
                    return (
                      <TableRow
                        key={r.row}
                        data-testid={r.issues.length ? 'import-row-bad' : 'import-row-good'}
                        sx={r.issues.length ? { bgcolor: 'error.50' } : undefined}
                      >
                        <TableCell>{r.row}</TableCell>
                        {IMPORT_COLUMNS.map((c) => (
                          <TableCell
                            key={c.key}
                            sx={
                              bad.has(c.key)
                                ? { color: 'error.main', fontWeight: 600, bgcolor: '#fdecea' }
                                : undefined
                            }
                          >
                            {r.cells[c.key] ?? ''}
                          </TableCell>
                        ))}
                        <TableCell sx={{ color: 'error.main' }}>
                          {r.issues.length
                            ? r.issues.map((i) => (chinese() ? i.messageZh : i.message)).join('；')
                            : translate(
                                r.exists
                                  ? 'linli.properties.existing_room'
                                  : 'linli.properties.new_room',
                              )}
                        </TableCell>
                      </TableRow>
                    );
                  })}
                </TableBody>
              </Table>
            </Box>
          </>
        )}
        {done !== null && preview && (
          <Box sx={{ mt: 2 }}>
            <LinearProgress
              variant="determinate"
              value={preview.rows.length ? (done / preview.rows.length) * 100 : 100}
              data-testid="property-import-progress"
            />
            <Typography variant="body2" sx={{ mt: 1 }}>
              {translate('linli.properties.importing', { done, total: preview.rows.length })}
            </Typography>
          </Box>
        )}
        {result && (
          <Alert severity="success" sx={{ mt: 2 }} data-testid="property-import-summary">
            {translate('linli.properties.summary', {
              created: result.created,
              updated: result.updated,
              people: result.peopleCreated,
              failed: failedRows,
            })}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button
          disabled={busy}
          onClick={() => {
            const changed = !!result;
            reset();
            onClose(changed);
          }}
        >
          {translate('linli.properties.close')}
        </Button>
        {preview && !result && (
          <Button
            variant="contained"
            disabled={busy || preview.good === 0}
            onClick={() => void commit()}
            data-testid="property-import-confirm"
          >
            {translate('linli.properties.confirm_import')}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
