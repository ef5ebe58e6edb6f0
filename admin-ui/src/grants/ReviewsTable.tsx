import { Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import { useRest } from '../rest';
import { percent } from './percent';
import type { Criterion, ReviewRow } from './types';
import { usePunctuation } from '../punctuation';

/** The reviews of an application, as the server lets this user see them. */
export function ReviewsTable({
  applicationId,
  rubric,
}: {
  applicationId: string;
  rubric?: Criterion[] | null;
}) {
  const translate = useTranslate();
  const p = usePunctuation();
  const [locale] = useLocaleState();
  const reviews = useRest<ReviewRow[]>(`/api/grants/applications/${applicationId}/reviews`);
  if (!reviews?.length) return null;
  return (
    <Table size="small" data-testid="reviews">
      <TableHead>
        <TableRow>
          <TableCell>{translate('linli.grants.reviewer')}</TableCell>
          <TableCell>{translate('linli.grants.review_status')}</TableCell>
          {(rubric ?? []).map((c) => (
            <TableCell key={c.key}>
              {locale.startsWith('zh') ? c.label : (c.labelEn ?? c.label)}
            </TableCell>
          ))}
          <TableCell>{translate('resources.grants-applications.fields.score')}</TableCell>
          <TableCell>{translate('linli.grants.recommendation')}</TableCell>
          <TableCell>{translate('linli.grants.comment')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {reviews.map((r) => (
          <TableRow key={r.documentId}>
            <TableCell>{r.reviewer.username}</TableCell>
            <TableCell>
              {translate(`enums.reviewStatus.${r.status}`)}
              {r.conflictNote ? p.colon(r.conflictNote) : ''}
            </TableCell>
            {(rubric ?? []).map((c) => (
              <TableCell key={c.key}>{r.scores?.[c.key] ?? ''}</TableCell>
            ))}
            <TableCell>{r.status === 'submitted' ? percent(r.weightedScore) : ''}</TableCell>
            <TableCell>
              {r.recommendation ? translate(`enums.recommendation.${r.recommendation}`) : ''}
            </TableCell>
            <TableCell>{r.comment ?? ''}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
