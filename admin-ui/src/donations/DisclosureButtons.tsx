import { Button, Stack, Typography } from '@mui/material';
import { useNotify, useTranslate } from 'react-admin';
import { download } from '../rest';
import { chinaYear } from '../../../cms/server/src/domain/china-time';

/** The year's public disclosure (names masked unless the donor agreed), CSV or XLSX. */
export function DisclosureButtons() {
  const translate = useTranslate();
  const notify = useNotify();
  const year = chinaYear(Date.now());
  const get = (what: string, format: string) =>
    download(
      `/api/grants/disclosure/${year}/${what}.${format}`,
      `disclosure-${year}-${what}.${format}`,
    ).catch((error: Error) => notify(error.message, { type: 'error' }));
  return (
    // Wraps on a phone: four buttons and their label do not fit 390 px on one line.
    <Stack direction="row" alignItems="center" flexWrap="wrap" columnGap={1}>
      <Typography variant="body2">{translate('linli.grants.disclosure', { year })}</Typography>
      {(['donations', 'awards'] as const).map((what) =>
        (['csv', 'xlsx'] as const).map((format) => (
          <Button key={`${what}-${format}`} size="small" onClick={() => get(what, format)}>
            {translate(`linli.grants.disclosure_${what}`)} {format.toUpperCase()}
          </Button>
        )),
      )}
    </Stack>
  );
}
