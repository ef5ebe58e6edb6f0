import { Box, Checkbox, FormControlLabel, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import type { Assignment } from '../grants/types';
import { useRest } from '../rest';
import { ReviewCard } from './ReviewCard';

/** The reviewer's own assignments (评审工作台). */
export function MyReviews() {
  const translate = useTranslate();
  // Reloaded by every action's refresh (rest.ts useRest).
  const reviews = useRest<Assignment[]>('/api/grants/reviews/mine');
  const [all, setAll] = useState(false);
  const shown = (reviews ?? []).filter((r) => all || r.status === 'assigned');
  return (
    <Box sx={{ p: 2 }} data-testid="my-reviews">
      <Typography variant="h5" sx={{ mb: 1 }}>
        {translate('linli.grants.my_reviews')}
      </Typography>
      <FormControlLabel
        control={<Checkbox checked={all} onChange={(e) => setAll(e.target.checked)} />}
        label={translate('linli.grants.show_done')}
      />
      {reviews && shown.length === 0 && (
        <Typography>{translate('linli.grants.no_reviews')}</Typography>
      )}
      {shown.map((r) => (
        <ReviewCard key={r.documentId} review={r} />
      ))}
    </Box>
  );
}
