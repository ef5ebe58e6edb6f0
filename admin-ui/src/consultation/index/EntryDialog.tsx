import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormHelperText,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useLocaleState, useNotify, useTranslate } from 'react-admin';
import { fieldErrors, restJson } from '../../rest';
import { INDEX_API, type IndicatorScore } from './api';

/**
 * 录入: an assessor enters a manual indicator's value for the community and year, with the
 * evidence (a description and/or files) the indicator asks for. The server decides; its refusals
 * show under the field they name.
 */
export function EntryDialog({
  year,
  area,
  indicator,
  onClose,
  onSaved,
}: {
  year: number;
  area: string;
  indicator: IndicatorScore;
  onClose: () => void;
  onSaved: () => void;
}) {
  const translate = useTranslate();
  const notify = useNotify();
  const [locale] = useLocaleState();
  const [value, setValue] = useState(indicator.entered ? String(indicator.value) : '');
  const [evidence, setEvidence] = useState(indicator.evidence ?? '');
  const [files, setFiles] = useState<File[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const name = locale.startsWith('zh') ? indicator.nameZh : indicator.nameEn;

  const save = async () => {
    setSaving(true);
    setErrors({});
    setMessage(null);
    const trimmed = value.trim();
    // Sent as typed (a number when it reads as one): the server names what is wrong with it.
    const data = {
      indicator: indicator.key,
      area,
      year,
      value: trimmed === '' ? null : /^-?\d+$/.test(trimmed) ? Number(trimmed) : trimmed,
      evidence,
    };
    const form = new FormData();
    form.append('data', JSON.stringify(data));
    for (const f of files) form.append('files.evidence', f, f.name);
    try {
      await restJson(`${INDEX_API}/entries`, { method: 'POST', body: form });
      notify('linli.cindex.entry.saved', { type: 'success' });
      onSaved();
    } catch (error) {
      const fields = fieldErrors(error);
      setErrors(fields);
      if (Object.keys(fields).length === 0) setMessage((error as Error).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth data-testid="index-entry">
      <DialogTitle>{translate('linli.cindex.entry.title', { name })}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1 }}>
          {message && <Alert severity="error">{message}</Alert>}
          <TextField
            label={translate('linli.cindex.entry.value', {
              unit: translate(`linli.cindex.units.${indicator.unit}`),
            })}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            error={!!errors.value}
            helperText={errors.value}
            inputProps={{ inputMode: 'numeric', 'data-testid': 'index-entry-value' }}
          />
          <TextField
            label={translate('linli.cindex.entry.evidence')}
            value={evidence}
            onChange={(e) => setEvidence(e.target.value)}
            multiline
            minRows={3}
            error={!!errors.evidence}
            helperText={errors.evidence}
            inputProps={{ 'data-testid': 'index-entry-evidence' }}
          />
          <Stack spacing={0.5}>
            <Typography variant="body2">{translate('linli.cindex.entry.files')}</Typography>
            <Button component="label" variant="outlined" size="small" sx={{ alignSelf: 'start' }}>
              {translate('linli.cindex.entry.choose')}
              <input
                hidden
                type="file"
                multiple
                accept="image/*,application/pdf"
                onChange={(e) => setFiles(Array.from(e.target.files ?? []).slice(0, 5))}
              />
            </Button>
            {files.map((f) => (
              <Typography key={f.name} variant="caption">
                {f.name}
              </Typography>
            ))}
            {errors['files.evidence'] && (
              <FormHelperText error>{errors['files.evidence']}</FormHelperText>
            )}
          </Stack>
          {indicator.evidenceRequired && (
            <Typography variant="caption" color="text.secondary">
              {translate('linli.cindex.entry.required')}
            </Typography>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('linli.cindex.entry.cancel')}</Button>
        <Button variant="contained" disabled={saving} onClick={() => void save()}>
          {translate('linli.cindex.entry.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
