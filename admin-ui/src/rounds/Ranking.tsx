import { Box, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { Link, useRecordContext, useTranslate } from 'react-admin';
import { percent } from '../grants/percent';
import type { Round, RoundRanking } from '../grants/types';
import { yuan } from '../money';
import { useRest } from '../rest';

/** The round's applications by weighted score, with their reviews and awards. */
export function Ranking() {
  const record = useRecordContext<Round>();
  const translate = useTranslate();
  const data = useRest<RoundRanking>(record?.id ? `/api/grants/rounds/${record.id}/ranking` : null);
  if (!data) return null;
  return (
    <Box data-testid="ranking">
      <Typography variant="subtitle1">
        {translate('linli.grants.ranking')} ·{' '}
        {translate('linli.grants.budget_left', {
          left: yuan(data.round.budget - data.round.awarded),
          budget: yuan(data.round.budget),
        })}
      </Typography>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>#</TableCell>
            <TableCell>{translate('resources.grants-applications.fields.projectTitle')}</TableCell>
            <TableCell>
              {translate('resources.grants-applications.fields.organisationName')}
            </TableCell>
            <TableCell>{translate('resources.grants-applications.fields.requested')}</TableCell>
            <TableCell>{translate('resources.grants-applications.fields.score')}</TableCell>
            <TableCell>{translate('linli.grants.reviews')}</TableCell>
            <TableCell>{translate('resources.grants-applications.fields.status')}</TableCell>
            <TableCell>{translate('linli.grants.awarded_amount')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {data.rows.map((r) => (
            <TableRow key={r.documentId}>
              <TableCell>{r.rank ?? '—'}</TableCell>
              <TableCell>
                <Link to={`/grants-applications/${r.documentId}/show`}>{r.projectTitle}</Link>
              </TableCell>
              <TableCell>{r.organisationName}</TableCell>
              <TableCell>{yuan(r.requested)}</TableCell>
              <TableCell data-testid="ranking-score">{percent(r.score)}</TableCell>
              <TableCell>
                {r.reviews.submitted}/{r.reviews.assigned}
                {r.reviews.conflicts
                  ? ` (${translate('linli.grants.conflicts', { n: r.reviews.conflicts })})`
                  : ''}
                {' · '}
                {translate('linli.grants.recommendations', r.reviews)}
              </TableCell>
              <TableCell>{translate(`enums.applicationStatus.${r.status}`)}</TableCell>
              <TableCell>
                {r.award ? (
                  <Link to={`/grants-awards/${r.award.documentId}/show`}>
                    {yuan(r.award.amount)}
                  </Link>
                ) : (
                  ''
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
