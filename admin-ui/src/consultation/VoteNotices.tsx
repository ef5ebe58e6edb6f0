import PrintIcon from '@mui/icons-material/Print';
import { Alert, Box, Button, Stack, Typography } from '@mui/material';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { Title, useTranslate } from 'react-admin';
import { useNavigate, useParams } from 'react-router-dom';
import type { IssuedCode } from '../../../plugins/consultation/server/src/shared/contracts/consultation';
import { formatDate } from '../dates';
import { CODES_KEY, codeBallotUrl } from './VoteShow';
import { voteLink } from './shared';

interface Kept {
  vote: string;
  title: string;
  closesAt: string | null;
  codes: IssuedCode[];
}

/**
 * 投票通知: one notice per elector with its one-time code and the QR of the code ballot page,
 * to print now. The codes live only in this tab's session: they are never fetched again.
 */
export function VoteNotices() {
  const { id = '' } = useParams();
  const translate = useTranslate();
  const navigate = useNavigate();
  const [kept] = useState<Kept | null>(() => {
    try {
      const k = JSON.parse(sessionStorage.getItem(CODES_KEY) ?? 'null') as Kept | null;
      return k && k.vote === id ? k : null;
    } catch {
      return null;
    }
  });
  const [qr, setQr] = useState<string | null>(null);
  const url = codeBallotUrl();
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 1, width: 256 })
      .then((d) => live && setQr(d))
      .catch(() => live && setQr(null));
    return () => {
      live = false;
    };
  }, [url]);
  return (
    <Box sx={{ mt: 1 }} data-testid="vote-notices">
      <Title title={translate('linli.consultation.vote.notices_title')} />
      <style>{`@media print { header, .RaSidebar-fixed, .MuiDrawer-root, .no-print { display: none !important; } .notice { break-inside: avoid; } }`}</style>
      <Stack direction="row" spacing={1} className="no-print" sx={{ mb: 2 }}>
        <Button
          variant="contained"
          startIcon={<PrintIcon />}
          onClick={() => window.print()}
          disabled={!kept?.codes.length}
        >
          {translate('linli.consultation.vote.print_now')}
        </Button>
        <Button onClick={() => navigate(voteLink(id))}>
          {translate('linli.consultation.vote.back')}
        </Button>
      </Stack>
      {!kept || kept.codes.length === 0 ? (
        <Alert severity="info">{translate('linli.consultation.vote.no_codes')}</Alert>
      ) : (
        <Box
          sx={{
            display: 'grid',
            gridTemplateColumns: 'repeat(auto-fill, minmax(340px, 1fr))',
            gap: 2,
          }}
        >
          {kept.codes.map((c) => (
            <Box
              key={c.electorId}
              className="notice"
              sx={{
                border: '1px dashed',
                borderColor: 'text.secondary',
                p: 2,
                bgcolor: 'background.paper',
              }}
              data-testid="vote-notice"
            >
              <Typography variant="h6">
                {translate('linli.consultation.vote.notices_title')}
              </Typography>
              <Typography sx={{ fontWeight: 600 }}>{kept.title}</Typography>
              <Typography>{c.label}</Typography>
              <Stack direction="row" spacing={2} alignItems="center" sx={{ my: 1 }}>
                {qr && <Box component="img" src={qr} alt="QR" sx={{ width: 110, height: 110 }} />}
                <Box>
                  <Typography variant="caption" color="text.secondary">
                    {translate('linli.consultation.vote.code')}
                  </Typography>
                  <Typography
                    sx={{
                      fontFamily: 'ui-monospace, monospace',
                      fontSize: 24,
                      fontWeight: 700,
                      letterSpacing: 2,
                    }}
                    data-testid="notice-code"
                  >
                    {c.code}
                  </Typography>
                </Box>
              </Stack>
              <Typography variant="body2">
                {translate('linli.consultation.vote.notice_text', {
                  url,
                  closes: formatDate(kept.closesAt, true),
                })}
              </Typography>
            </Box>
          ))}
        </Box>
      )}
    </Box>
  );
}
