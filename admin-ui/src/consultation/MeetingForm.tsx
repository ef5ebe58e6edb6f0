import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Checkbox,
  FormControlLabel,
  FormGroup,
  FormHelperText,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useState } from 'react';
import { Title, useTranslate } from 'react-admin';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import {
  ATTENDEE_ROLES,
  MEETING_KINDS,
  communityPath,
  type AttendeeRole,
} from '../../../plugins/consultation/server/src/domain/procedure';
import type {
  MeetingDetail,
  TopicRow,
} from '../../../plugins/consultation/server/src/shared/contracts/consultation';
import { useRest } from '../rest';
import {
  API,
  CommunitySelect,
  PAGE_SX,
  meetingLink,
  query,
  send,
  useCommunities,
  usePaged,
  useRefusal,
} from './shared';

const FIELDS = ['kind', 'title', 'heldAt', 'place', 'area', 'topics', 'attendees', 'minutes'];

/** A moment typed in China time (datetime-local) as ISO with its offset, and back. */
export const fromLocal = (v: string) => (v ? `${v}:00+08:00` : '');
export const toLocal = (iso: string | null | undefined): string => {
  if (!iso) return '';
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000);
  return d.toISOString().slice(0, 16);
};

/** 新建会议 / 编辑会议: kind, title, time, place, community, agenda, attendees by role, minutes. */
export function MeetingCreate() {
  return <MeetingForm />;
}
export function MeetingEdit() {
  const { id = '' } = useParams();
  const meeting = useRest<MeetingDetail>(`${API}/meetings/${id}`);
  const communities = useCommunities();
  if (!meeting || communities.length === 0) return null;
  return (
    <MeetingForm
      meeting={meeting}
      area={communities.find((c) => c.path === communityPath(meeting.areaPath))?.id ?? ''}
    />
  );
}

function MeetingForm({ meeting, area: areaOf = '' }: { meeting?: MeetingDetail; area?: string }) {
  const translate = useTranslate();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [kind, setKind] = useState<string>(meeting?.kind ?? 'council');
  const [title, setTitle] = useState(meeting?.title ?? '');
  const [heldAt, setHeldAt] = useState(toLocal(meeting?.heldAt ?? new Date().toISOString()));
  const [place, setPlace] = useState(meeting?.place ?? '');
  const [area, setArea] = useState(areaOf || params.get('area') || '');
  const [topics, setTopics] = useState<string[]>(
    meeting?.topics.map((t) => t.documentId) ??
      (params.get('topic') ? [params.get('topic') as string] : []),
  );
  const [counts, setCounts] = useState<Record<string, { count: string; names: string }>>(
    Object.fromEntries(
      ATTENDEE_ROLES.map((r) => {
        const a = meeting?.attendees?.find((x) => x.role === r);
        return [r, { count: a ? String(a.count) : '', names: a?.names ?? '' }];
      }),
    ),
  );
  const [minutes, setMinutes] = useState(meeting?.minutes ?? '');
  const [busy, setBusy] = useState(false);
  const refusal = useRefusal(FIELDS);
  const f = (k: string) => translate(`linli.consultation.fields.${k}`);
  const { rows: candidates } = usePaged<TopicRow>(
    area ? `${API}/topics?${query({ area, stage: 'deliberating', pageSize: 100 })}` : null,
  );
  const agenda = [
    ...(meeting?.topics ?? []).map((t) => ({
      documentId: t.documentId,
      number: t.number,
      title: t.title,
    })),
    ...candidates.filter((c) => !meeting?.topics.some((t) => t.documentId === c.documentId)),
  ];
  useEffect(() => {
    if (!area && areaOf) setArea(areaOf);
  }, [areaOf, area]);
  const submit = async () => {
    setBusy(true);
    refusal.clear();
    const attendees = ATTENDEE_ROLES.filter((r) => counts[r]?.count.trim()).map((r) => ({
      role: r as AttendeeRole,
      count: Number(counts[r]?.count),
      ...(counts[r]?.names.trim() ? { names: counts[r]?.names.trim() } : {}),
    }));
    const body = {
      kind,
      title,
      heldAt: fromLocal(heldAt),
      place: place || null,
      area,
      topics,
      attendees,
      minutes: minutes || null,
    };
    try {
      const saved = meeting
        ? await send<MeetingDetail>(`/meetings/${meeting.documentId}`, body, 'PUT')
        : await send<MeetingDetail>('/meetings', body);
      navigate(meetingLink(saved.documentId));
    } catch (e) {
      refusal.set(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box sx={{ ...PAGE_SX, mt: 1, maxWidth: 900 }} data-testid="meeting-form">
      <Title
        title={translate(
          meeting ? 'linli.consultation.meeting.edit' : 'linli.consultation.meeting.new',
        )}
      />
      <Card>
        <CardContent>
          <Stack spacing={2}>
            <Stack direction="row" spacing={2} flexWrap="wrap" useFlexGap>
              <TextField
                select
                label={f('meeting_kind')}
                value={kind}
                onChange={(e) => setKind(e.target.value)}
                sx={{ minWidth: 200 }}
                error={!!refusal.fields.kind}
                helperText={refusal.fields.kind}
                inputProps={{ 'data-testid': 'meeting-kind' }}
              >
                {MEETING_KINDS.map((k) => (
                  <MenuItem key={k} value={k}>
                    {translate(`linli.consultation.meeting_kind.${k}`)}
                  </MenuItem>
                ))}
              </TextField>
              <TextField
                label={f('title')}
                value={title}
                onChange={(e) => setTitle(e.target.value)}
                sx={{ flex: 1, minWidth: 260 }}
                error={!!refusal.fields.title}
                helperText={refusal.fields.title}
                inputProps={{ 'data-testid': 'meeting-title' }}
              />
            </Stack>
            <Stack direction="row" spacing={2} flexWrap="wrap" useFlexGap>
              <TextField
                type="datetime-local"
                label={f('held_at')}
                InputLabelProps={{ shrink: true }}
                value={heldAt}
                onChange={(e) => setHeldAt(e.target.value)}
                error={!!refusal.fields.heldAt}
                helperText={refusal.fields.heldAt}
                inputProps={{ 'data-testid': 'meeting-held-at' }}
              />
              <TextField
                label={f('place')}
                value={place}
                onChange={(e) => setPlace(e.target.value)}
                error={!!refusal.fields.place}
                helperText={refusal.fields.place}
                inputProps={{ 'data-testid': 'meeting-place' }}
              />
              {!meeting && (
                <CommunitySelect value={area} onChange={setArea} error={refusal.fields.area} />
              )}
            </Stack>
            <Box>
              <Typography variant="subtitle2">{f('agenda')}</Typography>
              <FormHelperText>{translate('linli.consultation.meeting.agenda_hint')}</FormHelperText>
              <FormGroup data-testid="meeting-topics">
                {agenda.map((t) => (
                  <FormControlLabel
                    key={t.documentId}
                    control={
                      <Checkbox
                        checked={topics.includes(t.documentId)}
                        onChange={(e) =>
                          setTopics(
                            e.target.checked
                              ? [...topics, t.documentId]
                              : topics.filter((x) => x !== t.documentId),
                          )
                        }
                      />
                    }
                    label={`${t.number} ${t.title}`}
                  />
                ))}
                {agenda.length === 0 && (
                  <Typography color="text.secondary">
                    {translate('linli.consultation.nothing')}
                  </Typography>
                )}
              </FormGroup>
              {refusal.fields.topics && (
                <FormHelperText error>{refusal.fields.topics}</FormHelperText>
              )}
            </Box>
            <Box>
              <Typography variant="subtitle2" sx={{ mb: 1 }}>
                {f('attendees')}
              </Typography>
              <Box
                sx={{
                  display: 'grid',
                  gridTemplateColumns: '160px 110px 1fr',
                  gap: 1,
                  alignItems: 'center',
                }}
              >
                {ATTENDEE_ROLES.map((r) => (
                  <Box key={r} sx={{ display: 'contents' }}>
                    <Typography>{translate(`linli.consultation.role.${r}`)}</Typography>
                    <TextField
                      size="small"
                      type="number"
                      label={f('attendee_count')}
                      value={counts[r]?.count ?? ''}
                      onChange={(e) =>
                        setCounts({
                          ...counts,
                          [r]: { count: e.target.value, names: counts[r]?.names ?? '' },
                        })
                      }
                      inputProps={{ min: 0, 'data-testid': `attendees-${r}` }}
                    />
                    <TextField
                      size="small"
                      label={f('attendee_names')}
                      value={counts[r]?.names ?? ''}
                      onChange={(e) =>
                        setCounts({
                          ...counts,
                          [r]: { count: counts[r]?.count ?? '', names: e.target.value },
                        })
                      }
                    />
                  </Box>
                ))}
              </Box>
              {refusal.fields.attendees && (
                <FormHelperText error>{refusal.fields.attendees}</FormHelperText>
              )}
            </Box>
            <TextField
              label={f('minutes')}
              multiline
              minRows={4}
              value={minutes}
              onChange={(e) => setMinutes(e.target.value)}
              error={!!refusal.fields.minutes}
              helperText={refusal.fields.minutes}
              inputProps={{ 'data-testid': 'meeting-minutes' }}
            />
            {refusal.message && <Alert severity="error">{refusal.message}</Alert>}
            <Stack direction="row" spacing={1}>
              <Button
                variant="contained"
                disabled={busy}
                onClick={() => void submit()}
                data-testid="meeting-save"
              >
                {translate('linli.consultation.save')}
              </Button>
              <Button onClick={() => navigate(-1)}>{translate('linli.money.cancel')}</Button>
            </Stack>
          </Stack>
        </CardContent>
      </Card>
    </Box>
  );
}
