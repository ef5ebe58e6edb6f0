import { Box, Rating, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { communityPath } from '../../../plugins/consultation/server/src/domain/procedure';
import type { TopicDetail } from '../../../plugins/consultation/server/src/shared/contracts/consultation';
import { CaseDialog } from '../cases/CaseDialog';
import { PersonPicker, type PersonChoice } from '../PersonPicker';
import { send, useConfirmAction, useRefusal } from './shared';

/**
 * 录入纸质评议: a resident's paper evaluation form (评议表), entered by staff: the resident who
 * filled it in, their 1–5 and what they wrote. It is that resident's one rating: one who rated on
 * the phone already is refused, and so is a second form.
 */
export function PaperRating({ topic }: { topic: TopicDetail }) {
  const translate = useTranslate();
  const refusal = useRefusal(['resident', 'rating', 'body']);
  const confirm = useConfirmAction(refusal);
  const [resident, setResident] = useState<PersonChoice | null>(null);
  const [rating, setRating] = useState<number | null>(null);
  const [body, setBody] = useState('');
  const t = (k: string) => translate(`linli.consultation.evaluation.${k}`);
  return (
    <CaseDialog
      title={t('paper')}
      testId="paper-rating"
      onOpen={() => {
        refusal.clear();
        setResident(null);
        setRating(null);
        setBody('');
      }}
      consequence={t('paper_then')}
      error={refusal.message}
      confirmDisabled={!resident || !rating}
      onConfirm={confirm(() =>
        send(`/topics/${topic.documentId}/rate`, {
          resident: resident?.id,
          rating,
          ...(body.trim() ? { body: body.trim() } : {}),
        }),
      )}
    >
      <Box sx={{ display: 'flex', mt: 1 }}>
        <PersonPicker
          label={t('resident')}
          value={resident}
          onChange={setResident}
          testId="paper-rating-resident"
          under={communityPath(topic.areaPath) ?? undefined}
          error={refusal.fields.resident}
        />
      </Box>
      <Box sx={{ mt: 2 }}>
        <Typography component="legend" variant="body2" color="text.secondary">
          {t('rating')}
        </Typography>
        <Rating
          value={rating}
          onChange={(_e, v) => setRating(v)}
          data-testid="paper-rating-stars"
        />
        {refusal.fields.rating && (
          <Typography color="error" variant="body2">
            {refusal.fields.rating}
          </Typography>
        )}
      </Box>
      <TextField
        fullWidth
        multiline
        minRows={2}
        margin="dense"
        label={t('body')}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        error={!!refusal.fields.body}
        helperText={refusal.fields.body}
      />
    </CaseDialog>
  );
}
