import HotTubIcon from '@mui/icons-material/HotTub';
import HistoryIcon from '@mui/icons-material/History';
import { Box, Button } from '@mui/material';
import { Title, useAuthenticated, useTranslate } from 'react-admin';

/** The console's name, translated (react-admin shows an untranslated Admin title on its error pages). */
export function AppTitle() {
  const translate = useTranslate();
  return <>{translate('linli.title')}</>;
}

/**
 * The page for an address the console has no screen for. react-admin's own appends a "." to its
 * message, which doubles the Chinese full stop; this one shows the message as written.
 */
export function NotFound() {
  useAuthenticated();
  const translate = useTranslate();
  return (
    <Box sx={{ textAlign: 'center', mt: 6, color: 'text.secondary' }} data-testid="not-found">
      <Title title={translate('ra.page.not_found')} />
      <HotTubIcon sx={{ fontSize: '6em', opacity: 0.5 }} />
      <h1>{translate('ra.page.not_found')}</h1>
      <div>{translate('ra.message.not_found')}</div>
      <Button
        sx={{ mt: 2 }}
        variant="contained"
        startIcon={<HistoryIcon />}
        onClick={() => history.go(-1)}
      >
        {translate('ra.action.back')}
      </Button>
    </Box>
  );
}
