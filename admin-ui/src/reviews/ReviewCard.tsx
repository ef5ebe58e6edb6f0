import {
  Box,
  Button,
  Chip,
  MenuItem,
  Stack,
  TextField as MuiTextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import { Answers } from '../forms/answers';
import { ReviewsTable } from '../grants/ReviewsTable';
import type { Assignment, Criterion } from '../grants/types';
import { yuan } from '../money';
import { NoteButton, useAction } from '../actions';

/** One assignment: the application's answers, and the score sheet or the reviews once scored. */
export function ReviewCard({ review }: { review: Assignment }) {
  const translate = useTranslate();
  const send = useAction();
  const [locale] = useLocaleState();
  const zh = locale.startsWith('zh');
  const rubric: Criterion[] = review.round?.rubric ?? [];
  const [scores, setScores] = useState<Record<string, string>>({});
  const [recommendation, setRecommendation] = useState('');
  const [comment, setComment] = useState('');
  const [showAnswers, setShowAnswers] = useState(false);
  const a = review.application;
  return (
    <Box
      sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 2, mb: 2 }}
      data-testid="review-card"
    >
      <Typography variant="h6">{a.projectTitle}</Typography>
      <Typography variant="body2" color="text.secondary">
        {a.organisationName} · {translate('resources.grants-applications.fields.requested')}{' '}
        {yuan(a.requested)} ·{' '}
        {zh ? review.round?.title : (review.round?.titleEn ?? review.round?.title)}
      </Typography>
      <Chip
        size="small"
        sx={{ my: 1 }}
        label={translate(`enums.reviewStatus.${review.status}`)}
        data-testid="review-status"
      />
      <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
        {a.summary}
      </Typography>
      {a.definition && (
        <>
          <Button size="small" onClick={() => setShowAnswers(!showAnswers)}>
            {translate('linli.grants.answers')}
          </Button>
          {showAnswers && (
            <Answers definition={a.definition} data={a.answers ?? {}} lang={zh ? 'zh' : 'en'} />
          )}
        </>
      )}
      {review.status === 'assigned' && (
        <Box sx={{ mt: 1 }}>
          <Stack direction="row" spacing={2} flexWrap="wrap">
            {rubric.map((c) => (
              <MuiTextField
                key={c.key}
                size="small"
                type="number"
                label={`${zh ? c.label : (c.labelEn ?? c.label)}（0–${c.max}）`}
                value={scores[c.key] ?? ''}
                onChange={(e) => setScores({ ...scores, [c.key]: e.target.value })}
                inputProps={{ min: 0, max: c.max, 'data-testid': `score-${c.key}` }}
                sx={{ width: 230, mb: 1 }}
              />
            ))}
          </Stack>
          <MuiTextField
            select
            size="small"
            label={translate('linli.grants.recommendation')}
            value={recommendation}
            onChange={(e) => setRecommendation(e.target.value)}
            sx={{ width: 180 }}
            inputProps={{ 'data-testid': 'recommendation' }}
          >
            {['yes', 'maybe', 'no'].map((v) => (
              <MenuItem key={v} value={v}>
                {translate(`enums.recommendation.${v}`)}
              </MenuItem>
            ))}
          </MuiTextField>
          <MuiTextField
            fullWidth
            multiline
            size="small"
            label={translate('linli.grants.comment')}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            sx={{ my: 1 }}
          />
          <Stack direction="row" spacing={1}>
            <Button
              variant="contained"
              data-testid="review-submit"
              onClick={() =>
                send(`/api/grants/reviews/${review.documentId}/submit`, {
                  scores: Object.fromEntries(
                    Object.entries(scores).map(([k, v]) => [k, v === '' ? null : Number(v)]),
                  ),
                  recommendation,
                  comment,
                })
              }
            >
              {translate('linli.grants.submit_review')}
            </Button>
            <NoteButton
              label="linli.grants.declare_conflict"
              color="warning"
              onSubmit={(note) =>
                send(`/api/grants/reviews/${review.documentId}/conflict`, { note })
              }
            />
          </Stack>
        </Box>
      )}
      {review.status === 'submitted' && (
        <ReviewsTable applicationId={a.documentId} rubric={rubric} />
      )}
    </Box>
  );
}
