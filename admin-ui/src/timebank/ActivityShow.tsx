import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import {
  Box,
  Card,
  CardContent,
  CardHeader,
  IconButton,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField as MuiTextField,
  Typography,
  Button,
  useMediaQuery,
  type Theme,
} from '@mui/material';
import { useState } from 'react';
import {
  DateField,
  EditButton,
  Labeled,
  NumberField,
  ReferenceField,
  SelectField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useGetList,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { ActionDialog, ConfirmButton, useDialogAction } from '../actions';
import { can } from '../authProvider';
import { formatDate } from '../dates';
import { mayCancelActivity, mayCredit, mayRoster } from './access';
import { ACTIVITY_STATUSES, tbChoices } from './choices';
import { CheckinQr } from './CheckinQr';
import { hoursOf, minutesOfHours } from './hours';
import { useHours } from './useHours';
import { HoursField, MemberPicker, TB_API } from './shared';
import type { ActivityRecord, MemberRecord, ParticipationRecord } from './types';

const useParticipations = (activityId: string) =>
  useGetList<ParticipationRecord>('time-bank-participations', {
    filter: { activity: activityId },
    pagination: { page: 1, perPage: 500 },
    sort: { field: 'id', order: 'ASC' },
  });

/** Who the one-click credit pays: checked out at the venue, or entered on the roster. */
export const creditable = (p: ParticipationRecord) =>
  p.status === 'checked_out' ||
  (p.status !== 'credited' && p.status !== 'absent' && p.minutes != null && p.minutes > 0);

interface RosterRow {
  member: MemberRecord | null;
  fixed: boolean;
  hours: string;
}

/** 登记名单: the organiser enters who took part and for how long (honour hours). */
function RosterButton({
  activity,
  participations,
}: {
  activity: ActivityRecord;
  participations: ParticipationRecord[];
}) {
  const translate = useTranslate();
  const { run, errors, general, reset } = useDialogAction();
  const duration = Math.max(
    0,
    Math.round(
      (new Date(activity.endsAt).getTime() - new Date(activity.startsAt).getTime()) / 60000,
    ),
  );
  const [rows, setRows] = useState<RosterRow[]>([]);
  const set = (i: number, patch: Partial<RosterRow>) =>
    setRows((all) => all.map((r, j) => (i === j ? { ...r, ...patch } : r)));
  const entries = rows
    .filter((r) => r.member)
    .map((r) => ({ member: r.member!.id, minutes: minutesOfHours(r.hours) }));
  return (
    <ActionDialog
      label="linli.tb.activities.roster"
      wide
      buttonProps={{ variant: 'outlined', 'data-testid': 'activity-roster' }}
      confirmProps={{
        disabled: entries.length === 0 || entries.some((e) => !e.minutes || e.minutes <= 0),
        'data-testid': 'activity-roster-confirm',
      }}
      error={general ?? Object.values(errors)[0] ?? null}
      onOpen={() => {
        reset();
        setRows(
          participations
            .filter((p) => p.status !== 'credited' && p.status !== 'absent' && p.member)
            .map((p) => ({
              member: { id: p.member!.documentId, name: p.member!.name ?? '' } as MemberRecord,
              fixed: true,
              hours: hoursOf(p.minutes ?? duration),
            })),
        );
      }}
      onConfirm={() => run(`${TB_API}/activities/${activity.id}/roster`, { entries })}
    >
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {translate('linli.tb.activities.roster_help')}
      </Typography>
      {rows.map((row, i) => (
        <Stack key={i} direction="row" spacing={1} alignItems="center" data-testid="roster-row">
          {row.fixed ? (
            <Typography sx={{ flex: 1 }}>{row.member?.name}</Typography>
          ) : (
            <div style={{ flex: 1 }}>
              <MemberPicker
                label="linli.tb.activities.participant"
                value={row.member}
                onChange={(m) => set(i, { member: m })}
                filter={{ kind: 'person' }}
              />
            </div>
          )}
          <MuiTextField
            type="number"
            size="small"
            label={translate('linli.tb.hours_input')}
            value={row.hours}
            onChange={(e) => set(i, { hours: e.target.value })}
            inputProps={{ min: 0, step: 0.5, 'data-testid': 'roster-hours' }}
            sx={{ width: 120, mt: 1 }}
          />
          <IconButton
            aria-label={translate('ra.action.remove')}
            onClick={() => setRows((all) => all.filter((_, j) => j !== i))}
          >
            <DeleteIcon />
          </IconButton>
        </Stack>
      ))}
      <Button
        startIcon={<AddIcon />}
        sx={{ mt: 1 }}
        onClick={() =>
          setRows((all) => [...all, { member: null, fixed: false, hours: hoursOf(duration) }])
        }
      >
        {translate('linli.tb.activities.add_participant')}
      </Button>
    </ActionDialog>
  );
}

function Roster() {
  const activity = useRecordContext<ActivityRecord>();
  const translate = useTranslate();
  const hours = useHours();
  const phone = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const { data } = useParticipations(activity?.id ?? '');
  if (!activity) return null;
  const participations = data ?? [];
  const toCredit = participations.filter(creditable);
  const total = toCredit.reduce((sum, p) => sum + (p.minutes ?? 0), 0);
  const open = activity.status === 'open';
  return (
    <Card variant="outlined" sx={{ my: 2 }} data-testid="activity-roster-card">
      <CardHeader
        title={translate('linli.tb.activities.roster_title', { count: participations.length })}
        titleTypographyProps={{ variant: 'subtitle1' }}
        action={
          open && (
            <Stack direction="row" spacing={1}>
              {mayRoster() && <RosterButton activity={activity} participations={participations} />}
              {mayCredit() && (
                <ConfirmButton
                  label="linli.tb.activities.credit"
                  variant="contained"
                  testId="activity-credit"
                  disabled={toCredit.length === 0}
                  url={`${TB_API}/activities/${activity.id}/credit`}
                  consequences={[
                    translate('linli.tb.activities.credit_what', {
                      count: toCredit.length,
                      hours: hours(total),
                    }),
                    translate('linli.tb.activities.credit_from', {
                      pool: activity.pool?.name ?? '',
                    }),
                    translate('linli.tb.activities.credit_final'),
                  ]}
                  done="linli.tb.activities.credited_done"
                />
              )}
            </Stack>
          )
        }
      />
      <CardContent sx={{ pt: 0, overflowX: 'auto' }}>
        {participations.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            {translate('linli.tb.activities.nobody')}
          </Typography>
        ) : phone ? (
          <Box>
            {participations.map((p) => (
              <Box
                key={p.id}
                data-testid="participation"
                sx={{
                  display: 'flex',
                  justifyContent: 'space-between',
                  gap: 1,
                  py: 0.75,
                  borderBottom: 1,
                  borderColor: 'divider',
                }}
              >
                <Box>
                  <Typography variant="body2">{p.member?.name ?? ''}</Typography>
                  <Typography variant="caption" color="text.secondary">
                    {translate(`linli.tb.enums.participationStatus.${p.status}`)}
                  </Typography>
                </Box>
                <Typography variant="body2" data-testid="participation-credited">
                  {hours(p.creditedMinutes ?? p.minutes)}
                </Typography>
              </Box>
            ))}
          </Box>
        ) : (
          <Table size="small" sx={{ '& th': { whiteSpace: 'nowrap' } }}>
            <TableHead>
              <TableRow>
                <TableCell>{translate('linli.tb.activities.participant')}</TableCell>
                <TableCell>{translate('linli.tb.activities.status')}</TableCell>
                <TableCell>{translate('linli.tb.activities.checked_in')}</TableCell>
                <TableCell>{translate('linli.tb.activities.checked_out')}</TableCell>
                <TableCell align="right">{translate('linli.tb.activities.minutes')}</TableCell>
                <TableCell align="right">{translate('linli.tb.activities.credited')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {participations.map((p) => (
                <TableRow key={p.id} data-testid="participation">
                  <TableCell>{p.member?.name ?? ''}</TableCell>
                  <TableCell>
                    {translate(`linli.tb.enums.participationStatus.${p.status}`)}
                    {p.hourType === 'honour' && ` · ${translate('linli.tb.enums.hourType.honour')}`}
                  </TableCell>
                  <TableCell>{formatDate(p.checkedInAt, true)}</TableCell>
                  <TableCell>{formatDate(p.checkedOutAt, true)}</TableCell>
                  <TableCell align="right">{hours(p.minutes)}</TableCell>
                  <TableCell align="right" data-testid="participation-credited">
                    {hours(p.creditedMinutes)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}

function ActivityPanels() {
  const activity = useRecordContext<ActivityRecord>();
  const translate = useTranslate();
  if (!activity) return null;
  return (
    <>
      {activity.status === 'open' && activity.checkinCode && (
        <Labeled label="linli.tb.activities.qr">
          <CheckinQr code={activity.checkinCode} title={activity.title} />
        </Labeled>
      )}
      <Roster />
      {activity.status === 'open' && mayCancelActivity() && (
        <ConfirmButton
          label="linli.tb.activities.cancel"
          color="warning"
          testId="activity-cancel"
          url={`${TB_API}/activities/${activity.id}/cancel`}
          reason="required"
          consequences={[translate('linli.tb.activities.cancel_what', { title: activity.title })]}
        />
      )}
    </>
  );
}

function ActivityShowActions() {
  const record = useRecordContext<ActivityRecord>();
  return (
    <TopToolbar>
      {record?.status === 'open' && can('TimeBankActivity', 'update') && <EditButton />}
    </TopToolbar>
  );
}

export function ActivityShow() {
  return (
    <Show actions={<ActivityShowActions />}>
      <SimpleShowLayout>
        <TextField source="title" />
        <SelectField source="status" choices={tbChoices('activityStatus', ACTIVITY_STATUSES)} />
        <ReferenceField
          source="category.documentId"
          reference="time-bank-categories"
          link={false}
        />
        <ReferenceField source="area.documentId" reference="cms-areas" link={false} />
        <TextField source="place" />
        <DateField source="startsAt" showTime />
        <DateField source="endsAt" showTime />
        <NumberField source="capacity" />
        <ReferenceField source="pool.documentId" reference="time-bank-members" link="show" />
        <TextField source="description" />
        <DateField source="creditedAt" showTime />
        <HoursField source="creditedMinutes" />
        <ActivityPanels />
      </SimpleShowLayout>
    </Show>
  );
}
