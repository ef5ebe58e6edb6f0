import {
  Box,
  Button,
  Card,
  CardContent,
  Checkbox,
  Divider,
  FormControlLabel,
  Link as MuiLink,
  Radio,
  RadioGroup,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { Title, useRefresh, useTranslate } from 'react-admin';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { communityPath } from '../../../plugins/consultation/server/src/domain/procedure';
import type { MeetingDetail } from '../../../plugins/consultation/server/src/shared/contracts/consultation';
import { CaseDialog } from '../cases/CaseDialog';
import { formatDate } from '../dates';
import { usePunctuation } from '../punctuation';
import { useRest } from '../rest';
import { mayCreateMeeting, mayDecide } from './access';
import { useVoteDraft, VOTE_FIELDS, VoteFields } from './VoteFields';
import { API, PAGE_SX, StageChip, send, topicLink, useCommunities, useRefusal } from './shared';

/** A meeting: what was held, who attended, the minutes, and a decision per topic (记录决定). */
export function MeetingShow() {
  const { id = '' } = useParams();
  const translate = useTranslate();
  const navigate = useNavigate();
  const { paren } = usePunctuation();
  const meeting = useRest<MeetingDetail>(`${API}/meetings/${id}`);
  if (!meeting)
    return <Typography sx={{ p: 2 }}>{translate('linli.consultation.loading')}</Typography>;
  const f = (k: string) => translate(`linli.consultation.fields.${k}`);
  return (
    <Box sx={{ ...PAGE_SX, mt: 1 }} data-testid="meeting-show">
      <Title title={meeting.title} />
      <Card>
        <CardContent>
          <Stack direction="row" justifyContent="space-between" alignItems="center">
            <Typography variant="h5">{meeting.title}</Typography>
            {mayCreateMeeting() && (
              <Button
                variant="outlined"
                onClick={() => navigate(`/consultation/meetings/${id}/edit`)}
              >
                {translate('linli.consultation.meeting.edit')}
              </Button>
            )}
          </Stack>
          <Box
            component="dl"
            sx={{ display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '6px 16px' }}
          >
            <Typography component="dt" color="text.secondary">
              {f('meeting_kind')}
            </Typography>
            <Typography component="dd" sx={{ m: 0 }}>
              {translate(`linli.consultation.meeting_kind.${meeting.kind}`)}
            </Typography>
            <Typography component="dt" color="text.secondary">
              {f('held_at')}
            </Typography>
            <Typography component="dd" sx={{ m: 0 }}>
              {formatDate(meeting.heldAt, true)}
            </Typography>
            <Typography component="dt" color="text.secondary">
              {f('community')}
            </Typography>
            <Typography component="dd" sx={{ m: 0 }}>
              {meeting.areaName}
              {meeting.place ? ` · ${meeting.place}` : ''}
            </Typography>
            <Typography component="dt" color="text.secondary">
              {f('attendees')}
            </Typography>
            <Typography component="dd" sx={{ m: 0 }} data-testid="meeting-attendees">
              {(meeting.attendees ?? [])
                .map(
                  (a) =>
                    `${translate(`linli.consultation.role.${a.role}`)} ${a.count}${a.names ? paren(a.names) : ''}`,
                )
                .join('；') || translate('linli.consultation.nothing')}
            </Typography>
            {meeting.minutes && (
              <>
                <Typography component="dt" color="text.secondary">
                  {f('minutes')}
                </Typography>
                <Typography component="dd" sx={{ m: 0, whiteSpace: 'pre-wrap' }}>
                  {meeting.minutes}
                </Typography>
              </>
            )}
          </Box>
        </CardContent>
      </Card>
      <Card>
        <CardContent>
          <Typography variant="h6" sx={{ mb: 1 }}>
            {f('agenda')}
          </Typography>
          <Stack spacing={1.5} divider={<Divider />}>
            {meeting.topics.map((t) => (
              <Stack
                key={t.documentId}
                direction="row"
                spacing={1}
                alignItems="center"
                flexWrap="wrap"
                useFlexGap
                data-testid="meeting-topic"
              >
                <MuiLink component={Link} to={topicLink(t.documentId)}>
                  {t.number} {t.title}
                </MuiLink>
                <StageChip stage={t.stage} />
                <Box sx={{ flex: 1 }} />
                {t.stage === 'deliberating' && mayDecide() && (
                  <Decide meeting={meeting} topic={t.documentId} />
                )}
              </Stack>
            ))}
          </Stack>
          {meeting.decisions.length > 0 && (
            <Box sx={{ mt: 2 }}>
              <Typography variant="subtitle2">
                {translate('linli.consultation.meeting.decided')}
              </Typography>
              {meeting.decisions.map((d) => (
                <Typography key={d.documentId} variant="body2" data-testid="meeting-decision">
                  {d.text} · {translate(`linli.consultation.decision_status.${d.status}`)}
                </Typography>
              ))}
            </Box>
          )}
        </CardContent>
      </Card>
    </Box>
  );
}

function Decide({ meeting, topic }: { meeting: MeetingDetail; topic: string }) {
  const translate = useTranslate();
  const refresh = useRefresh();
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<'adopt' | 'reject'>('adopt');
  const [withVote, setWithVote] = useState(false);
  const vote = useVoteDraft();
  const refusal = useRefusal(['text', 'outcome', 'topic', 'title', ...VOTE_FIELDS, 'vote']);
  const communities = useCommunities();
  const community = communities.find((c) => c.path === communityPath(meeting.areaPath))?.id;
  const f = (k: string) => translate(`linli.consultation.fields.${k}`);
  const err = (k: string) =>
    refusal.fields[k] ?? (k === 'electorate' ? refusal.fields.vote : undefined);
  return (
    <CaseDialog
      title={translate('linli.consultation.meeting.decide')}
      variant="contained"
      testId="decide"
      wide
      onOpen={refusal.clear}
      consequence={
        outcome === 'reject'
          ? undefined
          : translate(
              withVote
                ? 'linli.consultation.meeting.vote_then'
                : 'linli.consultation.meeting.adopt_then',
            )
      }
      warning={
        outcome === 'reject' ? translate('linli.consultation.meeting.reject_then') : undefined
      }
      error={refusal.message ?? refusal.fields.topic ?? refusal.fields.outcome}
      onConfirm={async () => {
        try {
          await send(`/meetings/${meeting.documentId}/decisions`, {
            topic,
            text,
            outcome,
            ...(outcome === 'adopt' && withVote ? { vote: vote.input() } : {}),
          });
          refresh();
          return true;
        } catch (e) {
          refusal.set(e);
          return false;
        }
      }}
    >
      <TextField
        fullWidth
        multiline
        minRows={2}
        margin="dense"
        label={f('decision_text')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        error={!!refusal.fields.text}
        helperText={refusal.fields.text}
        inputProps={{ 'data-testid': 'decision-text' }}
      />
      <RadioGroup
        row
        value={outcome}
        onChange={(e) => setOutcome(e.target.value as 'adopt' | 'reject')}
      >
        <FormControlLabel
          value="adopt"
          control={<Radio />}
          label={translate('linli.consultation.meeting.adopt')}
        />
        <FormControlLabel
          value="reject"
          control={<Radio />}
          label={translate('linli.consultation.meeting.reject')}
        />
      </RadioGroup>
      {outcome === 'adopt' && (
        <FormControlLabel
          control={
            <Checkbox
              checked={withVote}
              onChange={(e) => setWithVote(e.target.checked)}
              data-testid="with-vote"
            />
          }
          label={translate('linli.consultation.meeting.with_vote')}
        />
      )}
      {outcome === 'adopt' && withVote && (
        <VoteFields draft={vote.draft} set={vote.set} community={community} error={err} />
      )}
    </CaseDialog>
  );
}
