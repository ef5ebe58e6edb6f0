import { Box, Checkbox, FormControlLabel, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Title, useTranslate } from 'react-admin';
import type { Assignment } from '../grants/types';
import { restJson } from '../rest';
import { ReviewCard, notScorable } from './ReviewCard';

const URL = '/api/grants/reviews/mine';

/**
 * The reviewer's own assignments (评审工作台): what can be scored now first; the others shown
 * disabled with the reason, before anything is typed. New assignments arrive without a reload:
 * the list is read again when the window regains focus and every 30 seconds — and by every
 * action's refresh (the same query key as rest.ts `useRest`).
 */
export function MyReviews() {
  const translate = useTranslate();
  const { data: reviews } = useQuery({
    queryKey: ['rest', URL],
    queryFn: () => restJson<Assignment[]>(URL),
    refetchOnWindowFocus: true,
    refetchInterval: 30_000,
    retry: false,
  });
  const [all, setAll] = useState(false);
  const shown = (reviews ?? []).filter((r) => all || r.status === 'assigned');
  const open = shown.filter((r) => r.status === 'assigned' && !notScorable(r));
  const waiting = shown.filter((r) => r.status === 'assigned' && notScorable(r));
  const done = shown.filter((r) => r.status !== 'assigned');
  return (
    <Box sx={{ p: 2 }} data-testid="my-reviews">
      {/* The app bar names the page, as every other screen's does. */}
      <Title title={translate('linli.grants.my_reviews')} />
      <Typography variant="h5" sx={{ mb: 1 }}>
        {translate('linli.grants.my_reviews')}
      </Typography>
      <Typography variant="body2" color="text.secondary" data-testid="desk-summary">
        {translate('linli.rounds.desk.scorable', { n: open.length })} ·{' '}
        {translate('linli.rounds.desk.waiting', { n: waiting.length })} ·{' '}
        {translate('linli.rounds.desk.refreshed')}
      </Typography>
      <FormControlLabel
        control={<Checkbox checked={all} onChange={(e) => setAll(e.target.checked)} />}
        label={translate('linli.grants.show_done')}
      />
      {reviews && shown.length === 0 && (
        <Typography>{translate('linli.grants.no_reviews')}</Typography>
      )}
      {[...open, ...waiting, ...done].map((r) => (
        <ReviewCard key={r.documentId} review={r} />
      ))}
    </Box>
  );
}
