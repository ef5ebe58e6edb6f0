import {
  Alert,
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
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
import {
  LIVE_APPLICATION,
  scoreIssues,
  weightedScore,
} from '../../../plugins/grants/server/src/domain/rounds';
import { ActionDialog, useAction, useDialogAction } from '../actions';
import { percent } from '../grants/percent';
import { issuesByField } from '../grants/issues';
import { punctuation } from '../punctuation';

/**
 * Why an assignment cannot be scored now, or null when it can: the server takes scores only
 * while the round is under review and the application still live (reviews.ts `submit`).
 */
export function notScorable(
  review: Assignment,
): { key: string; stage?: string; status?: string } | null {
  const stage = review.round?.status;
  if (stage && stage !== 'reviewing')
    return { key: ['draft', 'open'].includes(stage) ? 'not_open' : 'closed', stage };
  const status = review.application.status;
  if (status && !LIVE_APPLICATION.includes(status)) return { key: 'not_live', status };
  return null;
}

/** One assignment: the application's answers, and the score sheet or the reviews once scored. */
export function ReviewCard({ review }: { review: Assignment }) {
  const translate = useTranslate();
  const send = useAction();
  const { run, errors, setErrors, general, reset } = useDialogAction();
  const [locale] = useLocaleState();
  const zh = locale.startsWith('zh');
  const rubric: Criterion[] = review.round?.rubric ?? [];
  const [scores, setScores] = useState<Record<string, string>>({});
  const [recommendation, setRecommendation] = useState('');
  const [comment, setComment] = useState('');
  const [showAnswers, setShowAnswers] = useState(false);
  const a = review.application;
  const blocked = notScorable(review);
  const given = () =>
    Object.fromEntries(Object.entries(scores).map(([k, v]) => [k, v === '' ? null : Number(v)]));
  // The server's own rule, field by field as it is typed (only what has been typed is judged).
  const typedErrors = issuesByField(
    scoreIssues(rubric, given(), 'yes').filter((i) => (scores[i.path.slice(7)] ?? '') !== ''),
    zh,
  );
  const fieldError = (path: string) => errors[path] ?? typedErrors[path];
  const [confirming, setConfirming] = useState(false);
  const [conflictNote, setConflictNote] = useState('');
  // A reviewer may step aside only while the round is still before or in review.
  const pastReview = ['awarding', 'closed'].includes(review.round?.status ?? '');
  // Scores are final once sent (the server takes them once): check them, then ask.
  const check = () => {
    reset();
    const found = scoreIssues(rubric, given(), recommendation);
    if (found.length) {
      setErrors(issuesByField(found, zh));
      return;
    }
    setConfirming(true);
  };
  // The server's refusal, if any, is shown on the card (under its field or above the buttons).
  const submit = async () => {
    setConfirming(false);
    await run(
      `/api/grants/reviews/${review.documentId}/submit`,
      { scores: given(), recommendation, comment },
      { fields: [...rubric.map((c) => `scores.${c.key}`), 'recommendation', 'comment'] },
    );
  };
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
      {review.status === 'assigned' && blocked && (
        <Alert severity="info" sx={{ mt: 1 }} data-testid="review-blocked">
          {translate(`linli.rounds.desk.${blocked.key}`, {
            stage: blocked.stage ? translate(`enums.roundStatus.${blocked.stage}`) : '',
            status: blocked.status ? translate(`enums.applicationStatus.${blocked.status}`) : '',
          })}
        </Alert>
      )}
      {review.status === 'assigned' && (
        <Box sx={{ mt: 1 }}>
          {/* A grid, so the score inputs line up four to a row at 1280 px and wrap evenly. */}
          <Box
            sx={{
              display: 'grid',
              gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))',
              columnGap: 2,
            }}
          >
            {rubric.map((c) => (
              <MuiTextField
                key={c.key}
                size="small"
                type="number"
                disabled={!!blocked}
                label={`${zh ? c.label : (c.labelEn ?? c.label)}${punctuation(zh).paren(`0–${c.max}`)}`}
                value={scores[c.key] ?? ''}
                onChange={(e) => setScores({ ...scores, [c.key]: e.target.value })}
                error={!!fieldError(`scores.${c.key}`)}
                helperText={fieldError(`scores.${c.key}`)}
                inputProps={{ min: 0, max: c.max, step: 1, 'data-testid': `score-${c.key}` }}
                // Always the small label above the box: the long English ones fit whole.
                InputLabelProps={{ shrink: true }}
                sx={{ mb: 1 }}
              />
            ))}
          </Box>
          <MuiTextField
            select
            size="small"
            disabled={!!blocked}
            label={translate('linli.grants.recommendation')}
            value={recommendation}
            onChange={(e) => setRecommendation(e.target.value)}
            error={!!errors.recommendation}
            helperText={errors.recommendation}
            sx={{ width: 260 }}
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
            disabled={!!blocked}
            label={translate('linli.grants.comment')}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            error={!!errors.comment}
            helperText={errors.comment}
            sx={{ my: 1 }}
          />
          {general && (
            <Alert severity="error" sx={{ mb: 1 }} data-testid="review-error">
              {general}
            </Alert>
          )}
          <Stack direction="row" spacing={1}>
            <Button
              variant="contained"
              data-testid="review-submit"
              disabled={!!blocked}
              onClick={check}
            >
              {translate('linli.grants.submit_review')}
            </Button>
            {!pastReview && (
              <ActionDialog
                label="linli.grants.declare_conflict"
                buttonProps={{ color: 'warning', 'data-testid': 'review-conflict' }}
                confirmProps={{ color: 'warning', 'data-testid': 'review-conflict-confirm' }}
                onConfirm={() =>
                  send(`/api/grants/reviews/${review.documentId}/conflict`, { note: conflictNote })
                }
              >
                <Typography variant="body2" sx={{ mb: 1 }}>
                  {translate('linli.rounds.desk.conflict_explained')}
                </Typography>
                <MuiTextField
                  autoFocus
                  fullWidth
                  multiline
                  label={translate('linli.grants.note')}
                  value={conflictNote}
                  onChange={(e) => setConflictNote(e.target.value)}
                  sx={{ mt: 1 }}
                />
              </ActionDialog>
            )}
          </Stack>
          <Dialog open={confirming} onClose={() => setConfirming(false)} maxWidth="sm">
            <DialogTitle>{translate('linli.grants.submit_review')}</DialogTitle>
            <DialogContent>
              <Typography data-testid="review-confirm-text">
                {translate('linli.rounds.desk.confirm_submit', {
                  score: `${percent(
                    weightedScore(
                      rubric,
                      Object.fromEntries(
                        Object.entries(given()).map(([k, v]) => [k, Number(v ?? 0)]),
                      ),
                    ),
                  )}%`,
                })}
              </Typography>
            </DialogContent>
            <DialogActions>
              <Button onClick={() => setConfirming(false)}>
                {translate('linli.money.cancel')}
              </Button>
              <Button variant="contained" data-testid="review-confirm" onClick={submit}>
                {translate('linli.grants.submit_review')}
              </Button>
            </DialogActions>
          </Dialog>
        </Box>
      )}
      {review.status === 'submitted' && (
        <ReviewsTable applicationId={a.documentId} rubric={rubric} />
      )}
    </Box>
  );
}
