import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Checkbox,
  Divider,
  FormControlLabel,
  IconButton,
  Link as MuiLink,
  MenuItem,
  Radio,
  RadioGroup,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import DeleteIcon from '@mui/icons-material/Delete';
import { useState, type ReactNode } from 'react';
import { Title, useNotify, useRefresh, useTranslate } from 'react-admin';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { communityPath } from '../../../plugins/consultation/server/src/domain/procedure';
import type {
  DecisionRow,
  TopicDetail,
  TopicRow,
} from '../../../plugins/consultation/server/src/shared/contracts/consultation';
import { yuanToFen } from '../../../plugins/forms/server/src/domain/money';
import { CaseDialog } from '../cases/CaseDialog';
import { formatDate } from '../dates';
import { yuan } from '../money';
import { usePunctuation } from '../punctuation';
import { useRest } from '../rest';
import { PaperRating } from './PaperRating';
import {
  mayCloseRanking,
  mayCloseTopic,
  mayCreateMeeting,
  mayImplement,
  mayScreen,
} from './access';
import {
  API,
  PAGE_SX,
  StageChip,
  query,
  send,
  topicLink,
  useCommunities,
  usePaged,
  useConfirmAction,
  useRefusal,
  voteLink,
} from './shared';

/** One topic: what it is, its opinions, its record, and the actions of its stage. */
export function TopicShow() {
  const { id = '' } = useParams();
  const translate = useTranslate();
  const topic = useRest<TopicDetail>(`${API}/topics/${id}`);
  if (!topic)
    return <Typography sx={{ p: 2 }}>{translate('linli.consultation.loading')}</Typography>;
  return (
    <Box sx={{ ...PAGE_SX, mt: 1 }} data-testid="topic-show">
      <Title title={`${topic.number} ${topic.title}`} />
      <Details topic={topic} />
      <Actions topic={topic} />
      {topic.decisions.length > 0 && <Decisions topic={topic} />}
      {topic.votes.length > 0 && (
        <Section title={translate('linli.consultation.menu.votes')}>
          {topic.votes.map((v) => (
            <Stack key={v.documentId} direction="row" spacing={1} alignItems="center">
              <MuiLink component={Link} to={voteLink(v.documentId)} data-testid="topic-vote-link">
                {v.number} {v.title}
              </MuiLink>
              <Typography variant="body2" color="text.secondary">
                {translate(`linli.consultation.vote_status.${v.status}`)}
                {v.passed !== null &&
                  ` · ${translate(v.passed ? 'linli.consultation.vote.passed' : 'linli.consultation.vote.failed')}`}
              </Typography>
            </Stack>
          ))}
        </Section>
      )}
      <Opinions topic={topic} />
      <Record topic={topic} />
    </Box>
  );
}

function Section({
  title,
  children,
  testId,
}: {
  title: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Card data-testid={testId}>
      <CardContent>
        <Typography variant="h6" sx={{ mb: 1 }}>
          {title}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <Typography component="dt" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>
        {label}
      </Typography>
      <Typography component="dd" sx={{ m: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
        {children}
      </Typography>
    </>
  );
}

function Details({ topic }: { topic: TopicDetail }) {
  const { paren } = usePunctuation();
  const translate = useTranslate();
  const f = (k: string) => translate(`linli.consultation.fields.${k}`);
  const place = [topic.building && `${topic.building}栋`, topic.unitNo && `${topic.unitNo}单元`]
    .filter(Boolean)
    .join(' ');
  return (
    <Card>
      <CardContent>
        <Stack direction="row" spacing={1} alignItems="center" sx={{ mb: 1 }} flexWrap="wrap">
          <Typography variant="h5" data-testid="topic-title">
            {topic.title}
          </Typography>
          <StageChip stage={topic.stage} />
        </Stack>
        <Box
          component="dl"
          sx={{ display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '6px 16px', m: 0 }}
        >
          <Row label={f('number')}>{topic.number}</Row>
          <Row label={f('kind')}>{translate(`linli.consultation.kind.${topic.kind}`)}</Row>
          <Row label={f('community')}>
            {topic.areaName}
            {place && ` · ${place}`}
          </Row>
          <Row label={f('source')}>{translate(`linli.consultation.source.${topic.source}`)}</Row>
          {topic.raisedByName && (
            <Row label={f('raised_by')}>
              {topic.raisedByName}
              {topic.raisedByPhone && ` · ${topic.raisedByPhone}`}
            </Row>
          )}
          <Row label={f('created')}>{formatDate(topic.createdAt, true)}</Row>
          <Row label={f('supports')}>
            <span data-testid="topic-supports">{topic.supportCount}</span>
          </Row>
          {topic.rankPosition !== null && (
            <Row label={f('rank')}>
              {topic.rankPosition}
              {paren(`${f('points')} ${topic.rankScore ?? 0}`)}
            </Row>
          )}
          {topic.body && <Row label={f('body')}>{topic.body}</Row>}
          {topic.declineReason && <Row label={f('decline_reason')}>{topic.declineReason}</Row>}
          {topic.mergedInto && (
            <Row label={translate('linli.consultation.merged_into')}>
              <MuiLink component={Link} to={topicLink(topic.mergedInto.documentId)}>
                {topic.mergedInto.number} {topic.mergedInto.title}
              </MuiLink>
            </Row>
          )}
          {topic.ratingCount ? (
            <Row label={f('rating')}>
              {translate('linli.consultation.rating_avg', {
                avg: ((topic.ratingSum ?? 0) / topic.ratingCount).toFixed(1),
                count: topic.ratingCount,
              })}
            </Row>
          ) : null}
        </Box>
      </CardContent>
    </Card>
  );
}

/** The community (documentId) a topic belongs to, from the communities the staff cover. */
function useCommunityOf(topic: TopicRow): string | null {
  const communities = useCommunities();
  const path = communityPath(topic.areaPath);
  return communities.find((c) => c.path === path)?.id ?? null;
}

function Actions({ topic }: { topic: TopicDetail }) {
  const translate = useTranslate();
  const navigate = useNavigate();
  const community = useCommunityOf(topic);
  const items: ReactNode[] = [];
  if ((topic.stage === 'collecting' || topic.stage === 'screening') && mayScreen())
    items.push(<Screen key="screen" topic={topic} />);
  if (topic.stage === 'ranking' && mayCloseRanking() && community)
    items.push(
      <Button
        key="rank"
        variant="outlined"
        size="small"
        onClick={() => navigate(`/consultation/ranking?${query({ area: community })}`)}
        data-testid="go-ranking"
      >
        {translate('linli.consultation.ranking.open_page')}
      </Button>,
    );
  if (topic.stage === 'deliberating' && mayCreateMeeting())
    items.push(
      <Button
        key="meet"
        variant="outlined"
        size="small"
        onClick={() =>
          navigate(
            `/consultation/meetings/new?${query({ topic: topic.documentId, area: community })}`,
          )
        }
        data-testid="new-meeting-for-topic"
      >
        {translate('linli.consultation.meeting.new')}
      </Button>,
    );
  if (topic.stage === 'evaluating' && mayScreen())
    items.push(<PaperRating key="paper-rating" topic={topic} />);
  if (topic.stage === 'evaluating' && mayCloseTopic())
    items.push(<CloseTopic key="close" topic={topic} />);
  return (
    <Section title={translate('linli.consultation.actions')} testId="topic-actions">
      {items.length ? (
        <Stack direction="row" spacing={1} flexWrap="wrap" useFlexGap>
          {items}
        </Stack>
      ) : (
        <Typography color="text.secondary">
          {translate(
            // A decision being publicised or implemented is worked on in its own card.
            topic.stage === 'publicising' || topic.stage === 'implementing'
              ? 'linli.consultation.no_actions_follow'
              : 'linli.consultation.no_actions',
          )}
        </Typography>
      )}
    </Section>
  );
}

function Screen({ topic }: { topic: TopicDetail }) {
  const translate = useTranslate();
  const refresh = useRefresh();
  const [reason, setReason] = useState('');
  const [into, setInto] = useState('');
  const refusal = useRefusal(['reason', 'into', 'decision']);
  const path = communityPath(topic.areaPath);
  const { rows } = usePaged<TopicRow>(
    `${API}/topics?${query({ stage: 'collecting,screening,ranking,deliberating', pageSize: 100 })}`,
  );
  const targets = rows.filter(
    (t) => t.documentId !== topic.documentId && communityPath(t.areaPath) === path,
  );
  const act = (decision: string, extra: Record<string, unknown>) => async () => {
    refusal.clear();
    try {
      await send(`/topics/${topic.documentId}/screen`, { decision, ...extra });
      refresh();
      return true;
    } catch (e) {
      refusal.set(e);
      return false;
    }
  };
  const short = topic.supportCount < topic.procedure.minSupport;
  return (
    <>
      <CaseDialog
        title={translate('linli.consultation.screen.accept')}
        variant="contained"
        testId="screen-accept"
        onOpen={refusal.clear}
        consequence={translate(
          topic.procedure.rank
            ? 'linli.consultation.screen.accept_then_rank'
            : 'linli.consultation.screen.accept_then_meet',
        )}
        warning={
          short
            ? translate('linli.consultation.screen.min_support', {
                min: topic.procedure.minSupport,
                count: topic.supportCount,
              })
            : undefined
        }
        error={refusal.message ?? refusal.fields.decision}
        onConfirm={act('accept', {})}
      />
      <CaseDialog
        title={translate('linli.consultation.screen.merge')}
        testId="screen-merge"
        onOpen={refusal.clear}
        warning={translate('linli.consultation.screen.merge_then')}
        error={refusal.message}
        confirmDisabled={!into}
        onConfirm={act('merge', { into, reason: reason || undefined })}
      >
        <TextField
          select
          fullWidth
          margin="dense"
          label={translate('linli.consultation.fields.into')}
          value={into}
          onChange={(e) => setInto(e.target.value)}
          error={!!refusal.fields.into}
          helperText={refusal.fields.into}
        >
          {targets.map((t) => (
            <MenuItem key={t.documentId} value={t.documentId}>
              {t.number} {t.title}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          fullWidth
          margin="dense"
          label={translate('linli.consultation.fields.reason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </CaseDialog>
      <CaseDialog
        title={translate('linli.consultation.screen.decline')}
        color="error"
        testId="screen-decline"
        onOpen={refusal.clear}
        warning={translate('linli.consultation.screen.decline_then')}
        error={refusal.message}
        onConfirm={act('decline', { reason })}
      >
        <TextField
          fullWidth
          multiline
          minRows={3}
          margin="dense"
          label={translate('linli.consultation.fields.decline_reason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={!!refusal.fields.reason}
          helperText={refusal.fields.reason}
          inputProps={{ 'data-testid': 'decline-reason' }}
        />
      </CaseDialog>
    </>
  );
}

function CloseTopic({ topic }: { topic: TopicDetail }) {
  const translate = useTranslate();
  const refusal = useRefusal(['note']);
  const confirm = useConfirmAction(refusal);
  const [note, setNote] = useState('');
  return (
    <CaseDialog
      title={translate('linli.consultation.follow.close')}
      variant="contained"
      testId="topic-close"
      onOpen={refusal.clear}
      warning={translate('linli.consultation.follow.close_then')}
      error={refusal.message}
      onConfirm={confirm(() =>
        send(`/topics/${topic.documentId}/close`, { note: note || undefined }),
      )}
    >
      <TextField
        fullWidth
        margin="dense"
        label={translate('linli.consultation.fields.note')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
    </CaseDialog>
  );
}

function Decisions({ topic }: { topic: TopicDetail }) {
  const translate = useTranslate();
  return (
    <Section title={translate('linli.consultation.follow.title')} testId="topic-decisions">
      <Stack spacing={2} divider={<Divider />}>
        {topic.decisions.map((d) => (
          <DecisionPanel key={d.documentId} decision={d} />
        ))}
      </Stack>
    </Section>
  );
}

const today = () => formatDate(new Date());

function DecisionPanel({ decision }: { decision: DecisionRow }) {
  const { paren } = usePunctuation();
  const translate = useTranslate();
  const refresh = useRefresh();
  const notify = useNotify();
  const d = decision;
  const tasks = d.followUp?.tasks ?? [];
  return (
    <Box data-testid="decision-panel">
      <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap">
        <Typography sx={{ fontWeight: 600 }}>{d.text}</Typography>
        <Typography variant="body2" color="text.secondary" data-testid="decision-status">
          {translate(`linli.consultation.decision_status.${d.status}`)}
        </Typography>
      </Stack>
      {d.publicUntil && (
        <Typography variant="body2" color="text.secondary">
          {translate('linli.consultation.follow.publicised_until', { until: d.publicUntil })}
        </Typography>
      )}
      {d.followUp?.caseNumber && (
        <Typography variant="body2">
          {translate('linli.consultation.follow.case_number')}：
          <MuiLink
            component={Link}
            to={`/cases/${d.followUp.caseId ?? ''}`}
            data-testid="decision-case"
          >
            {d.followUp.caseNumber}
          </MuiLink>
        </Typography>
      )}
      {d.followUp?.kind === 'grant' && (
        <Typography variant="body2">
          {translate('linli.consultation.follow.kind_grant')}：{d.followUp.note}
        </Typography>
      )}
      {d.followUp?.early && (
        <Typography variant="body2">
          {translate('linli.consultation.fields.early_reason')}：{d.followUp.early}
        </Typography>
      )}
      {tasks.map((t, i) => (
        <FormControlLabel
          key={i}
          control={
            <Checkbox
              checked={!!t.doneAt}
              disabled={!!t.doneAt || d.status !== 'implementing' || !mayImplement()}
              onChange={() =>
                send(`/decisions/${d.documentId}/tasks/${i}/done`).then(refresh, (e: Error) =>
                  notify(e.message, { type: 'error' }),
                )
              }
              inputProps={{ 'aria-label': t.title }}
            />
          }
          label={`${t.title}${t.dueOn ? paren(`${translate('linli.consultation.fields.due_on')} ${t.dueOn}`) : ''}`}
          sx={{ display: 'flex' }}
        />
      ))}
      {d.fundsSpent !== null && d.status === 'done' && (
        <Typography variant="body2">
          {translate('linli.consultation.follow.funds_spent')}：{yuan(d.fundsSpent)}
        </Typography>
      )}
      <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
        {d.status === 'publicising' && mayImplement() && <Implement decision={d} />}
        {d.status === 'implementing' && mayImplement() && <Complete decision={d} />}
      </Stack>
    </Box>
  );
}

function Implement({ decision }: { decision: DecisionRow }) {
  const translate = useTranslate();
  const refresh = useRefresh();
  const [kind, setKind] = useState<'tasks' | 'case' | 'grant'>('tasks');
  const [tasks, setTasks] = useState<{ title: string; dueOn: string }[]>([
    { title: '', dueOn: '' },
  ]);
  const [early, setEarly] = useState('');
  const [note, setNote] = useState('');
  const [dueOn, setDueOn] = useState('');
  const refusal = useRefusal(['tasks', 'earlyReason', 'dueOn', 'note', 'kind']);
  const early_ = !!decision.publicUntil && today() < decision.publicUntil;
  const taskError = (i: number) =>
    Object.entries(refusal.fields).find(
      ([k]) => k.startsWith(`tasks.${i}`) || k.startsWith(`tasks[${i}]`),
    )?.[1];
  return (
    <CaseDialog
      title={translate('linli.consultation.follow.implement')}
      variant="contained"
      testId="decision-implement"
      wide
      onOpen={refusal.clear}
      consequence={translate(
        kind === 'case'
          ? 'linli.consultation.follow.case_then'
          : 'linli.consultation.follow.implement_then',
      )}
      warning={
        early_
          ? translate('linli.consultation.follow.early', { until: decision.publicUntil })
          : undefined
      }
      error={refusal.message ?? refusal.fields.kind}
      onConfirm={async () => {
        try {
          await send(`/decisions/${decision.documentId}/implement`, {
            kind,
            ...(kind === 'tasks'
              ? { tasks: tasks.map((t) => ({ title: t.title, dueOn: t.dueOn || null })) }
              : {}),
            ...(kind === 'grant' ? { note } : {}),
            ...(early ? { earlyReason: early } : {}),
            ...(dueOn ? { dueOn } : {}),
          });
          refresh();
          return true;
        } catch (e) {
          refusal.set(e);
          return false;
        }
      }}
    >
      <RadioGroup
        row
        value={kind}
        onChange={(e) => setKind(e.target.value as typeof kind)}
        data-testid="implement-kind"
      >
        {(['tasks', 'case', 'grant'] as const).map((k) => (
          <FormControlLabel
            key={k}
            value={k}
            control={<Radio />}
            label={translate(`linli.consultation.follow.kind_${k}`)}
          />
        ))}
      </RadioGroup>
      {kind === 'tasks' && (
        <Stack spacing={1} sx={{ my: 1 }}>
          {tasks.map((t, i) => (
            <Stack key={i} direction="row" spacing={1} alignItems="flex-start">
              <TextField
                size="small"
                sx={{ flex: 1 }}
                label={translate('linli.consultation.fields.task')}
                value={t.title}
                onChange={(e) =>
                  setTasks(tasks.map((x, j) => (j === i ? { ...x, title: e.target.value } : x)))
                }
                error={!!taskError(i)}
                helperText={taskError(i)}
              />
              <TextField
                size="small"
                type="date"
                label={translate('linli.consultation.fields.due_on')}
                InputLabelProps={{ shrink: true }}
                value={t.dueOn}
                onChange={(e) =>
                  setTasks(tasks.map((x, j) => (j === i ? { ...x, dueOn: e.target.value } : x)))
                }
              />
              <IconButton
                aria-label={translate('linli.consultation.remove')}
                onClick={() => setTasks(tasks.filter((_, j) => j !== i))}
              >
                <DeleteIcon />
              </IconButton>
            </Stack>
          ))}
          <Button size="small" onClick={() => setTasks([...tasks, { title: '', dueOn: '' }])}>
            {translate('linli.consultation.follow.add_task')}
          </Button>
          {refusal.fields.tasks && <Alert severity="error">{refusal.fields.tasks}</Alert>}
        </Stack>
      )}
      {kind === 'grant' && (
        <TextField
          fullWidth
          multiline
          minRows={2}
          margin="dense"
          label={translate('linli.consultation.follow.grant_note')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          error={!!refusal.fields.note}
          helperText={refusal.fields.note}
        />
      )}
      <TextField
        type="date"
        margin="dense"
        label={translate('linli.consultation.fields.due_on')}
        InputLabelProps={{ shrink: true }}
        value={dueOn}
        onChange={(e) => setDueOn(e.target.value)}
        error={!!refusal.fields.dueOn}
        helperText={refusal.fields.dueOn}
      />
      {(early_ || refusal.fields.earlyReason) && (
        <TextField
          fullWidth
          multiline
          margin="dense"
          label={translate('linli.consultation.fields.early_reason')}
          value={early}
          onChange={(e) => setEarly(e.target.value)}
          error={!!refusal.fields.earlyReason}
          helperText={refusal.fields.earlyReason}
          inputProps={{ 'data-testid': 'early-reason' }}
        />
      )}
    </CaseDialog>
  );
}

function Complete({ decision }: { decision: DecisionRow }) {
  const translate = useTranslate();
  const refresh = useRefresh();
  const [funds, setFunds] = useState('');
  const [bad, setBad] = useState(false);
  const refusal = useRefusal(['fundsSpent', 'tasks', 'note']);
  return (
    <CaseDialog
      title={translate('linli.consultation.follow.complete')}
      variant="contained"
      testId="decision-complete"
      onOpen={() => {
        refusal.clear();
        setBad(false);
      }}
      consequence={translate('linli.consultation.follow.complete_then')}
      error={refusal.message ?? refusal.fields.tasks}
      onConfirm={async () => {
        const fen = funds.trim() === '' ? null : yuanToFen(funds.trim());
        if (funds.trim() !== '' && (fen === null || fen < 0)) {
          setBad(true);
          return false;
        }
        setBad(false);
        try {
          await send(`/decisions/${decision.documentId}/complete`, {
            ...(fen !== null ? { fundsSpent: fen } : {}),
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
        margin="dense"
        label={translate('linli.consultation.fields.funds')}
        value={funds}
        onChange={(e) => setFunds(e.target.value)}
        error={bad || !!refusal.fields.fundsSpent}
        helperText={
          bad
            ? translate('linli.consultation.follow.funds_bad')
            : (refusal.fields.fundsSpent ?? translate('linli.consultation.follow.funds_hint'))
        }
        inputProps={{ inputMode: 'decimal', 'data-testid': 'funds-spent' }}
      />
    </CaseDialog>
  );
}

function Opinions({ topic }: { topic: TopicDetail }) {
  const translate = useTranslate();
  const { paren } = usePunctuation();
  return (
    <Section
      title={`${translate('linli.consultation.fields.comments')}${paren(String(topic.commentCount))} · ${translate('linli.consultation.supported_by', { count: topic.supportCount })}`}
      testId="topic-comments"
    >
      {topic.comments.length === 0 ? (
        <Typography color="text.secondary">{translate('linli.consultation.nothing')}</Typography>
      ) : (
        <Stack spacing={1} divider={<Divider />}>
          {topic.comments.map((c) => (
            <Box key={c.documentId}>
              <Typography variant="body2" color="text.secondary">
                {c.authorName ?? ''} · {formatDate(c.at, true)}
                {c.rating ? ` · ${'★'.repeat(c.rating)}` : ''}
              </Typography>
              <Typography sx={{ whiteSpace: 'pre-wrap' }}>{c.body}</Typography>
            </Box>
          ))}
        </Stack>
      )}
    </Section>
  );
}

function Record({ topic }: { topic: TopicDetail }) {
  const translate = useTranslate();
  const label = (action: string) => {
    const key = `linli.consultation.step.${action}`;
    const text = translate(key);
    return text === key ? action : text;
  };
  return (
    <Section title={translate('linli.consultation.record')} testId="topic-record">
      {topic.steps.length === 0 && (
        <Typography color="text.secondary">
          {translate('linli.consultation.record_none')}
        </Typography>
      )}
      <Box
        component="ol"
        sx={{ listStyle: 'none', p: 0, m: 0, borderLeft: 2, borderColor: 'divider' }}
      >
        {topic.steps.map((s, i) => (
          <Box component="li" key={i} sx={{ pl: 2, pb: 1.5 }} data-testid="topic-step">
            <Typography sx={{ fontWeight: 600 }}>
              {label(s.action)}
              {s.fromStage && s.toStage && s.fromStage !== s.toStage && (
                <Typography component="span" variant="body2" color="text.secondary">
                  {'  '}
                  {translate('linli.consultation.stage_change', {
                    from: translate(`linli.consultation.stage.${s.fromStage}`),
                    to: translate(`linli.consultation.stage.${s.toStage}`),
                  })}
                </Typography>
              )}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {formatDate(s.at, true)} · {s.actorName ?? ''}
            </Typography>
            {s.note && <Typography sx={{ whiteSpace: 'pre-wrap' }}>{s.note}</Typography>}
          </Box>
        ))}
      </Box>
    </Section>
  );
}
