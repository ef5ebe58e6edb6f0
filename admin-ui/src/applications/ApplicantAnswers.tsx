import AttachFileIcon from '@mui/icons-material/AttachFile';
import { Box, Link, Typography } from '@mui/material';
import { useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import type { TimelineEntry } from '../../../plugins/grants/server/src/domain/applicant';
import type { Application } from '../grants/types';

/**
 * What staff asked for and what the applicant answered from their page (/f/receipt/<code>):
 * each question with the answer's text and files, from the application's timeline.
 */
export function ApplicantAnswers() {
  const record = useRecordContext<Application & { timeline?: TimelineEntry[] | null }>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const timeline = Array.isArray(record?.timeline) ? record.timeline : [];
  const shown = timeline.filter(
    (t) => t.kind === 'answer' || (t.kind === 'status' && t.status === 'more_info'),
  );
  if (!shown.length)
    return <Typography variant="body2">{translate('linli.applicant.noAnswers')}</Typography>;
  const at = (iso: string) =>
    new Date(iso).toLocaleString(locale.startsWith('zh') ? 'zh-CN' : 'en-GB', {
      timeZone: 'Asia/Shanghai',
    });
  return (
    <Box data-testid="applicant-answers">
      {shown.map((t, i) => (
        <Box
          key={i}
          sx={{
            mb: 1.5,
            pl: 1.5,
            borderLeft: 3,
            borderColor: t.kind === 'answer' ? 'success.main' : 'warning.main',
          }}
        >
          <Typography variant="caption" color="text.secondary">
            {at(t.at)} ·{' '}
            {translate(t.kind === 'answer' ? 'linli.applicant.answered' : 'linli.applicant.asked')}
          </Typography>
          <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
            {t.kind === 'answer' ? t.text : t.note}
          </Typography>
          {t.files?.map((f) => (
            <Typography key={f.id} variant="body2">
              <AttachFileIcon fontSize="inherit" sx={{ verticalAlign: '-2px', mr: 0.5 }} />
              <Link href={f.url} target="_blank" rel="noreferrer">
                {f.name}
              </Link>
            </Typography>
          ))}
        </Box>
      ))}
    </Box>
  );
}
