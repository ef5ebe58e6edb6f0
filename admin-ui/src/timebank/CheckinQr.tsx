import DownloadIcon from '@mui/icons-material/Download';
import { Box, Button, Stack, Typography } from '@mui/material';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslate } from 'react-admin';
import { usePunctuation } from '../punctuation';

/** The phone page a volunteer opens at the venue to check in and out of an activity. */
export const checkinUrl = (code: string) =>
  `${window.location.origin}/t/checkin?code=${encodeURIComponent(code)}`;

/**
 * The venue's QR code: scanned, it opens the check-in page with the activity's code. Drawn in
 * the browser (the forms' QR codes are drawn by their public route; the time bank has none), with
 * the same settings, and offered as a PNG to print.
 */
export function CheckinQr({ code, title }: { code: string; title: string }) {
  const translate = useTranslate();
  const { colon } = usePunctuation();
  const [src, setSrc] = useState<string | null>(null);
  const url = checkinUrl(code);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 2, width: 512 })
      .then((data) => live && setSrc(data))
      .catch(() => live && setSrc(null));
    return () => {
      live = false;
    };
  }, [url]);
  return (
    <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} alignItems="flex-start">
      {src && (
        <Box
          component="img"
          src={src}
          alt="QR"
          data-testid="checkin-qr"
          sx={{ width: 180, height: 180, border: 1, borderColor: 'divider' }}
        />
      )}
      <Box>
        <Typography variant="body2" color="text.secondary">
          {translate('linli.tb.activities.qr_help')}
        </Typography>
        <Typography
          variant="body2"
          sx={{ wordBreak: 'break-all', my: 1 }}
          data-testid="checkin-url"
        >
          {url}
        </Typography>
        <Typography variant="body2">
          {translate('linli.tb.activities.code')}
          {colon('')}
          <b data-testid="checkin-code">{code}</b>
        </Typography>
        {src && (
          <Button
            size="small"
            startIcon={<DownloadIcon />}
            href={src}
            download={`${title}-checkin-qr.png`}
            sx={{ mt: 1 }}
          >
            PNG
          </Button>
        )}
      </Box>
    </Stack>
  );
}
