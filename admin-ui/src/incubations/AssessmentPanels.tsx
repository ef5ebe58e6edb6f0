import {
  Alert,
  Box,
  Chip,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { usePermissions, useRecordContext, useTranslate } from 'react-admin';
import { todayInChina } from '../../../cms/server/src/domain/china-time';
import {
  ASSESSMENT_RESULTS,
  MILESTONE_STATUSES,
  assessmentIssues,
  dueForAssessment,
  hasOverdueMilestone,
  milestoneIssues,
  milestoneOverdue,
  type Assessment,
  type Milestone,
} from '../../../cms/server/src/domain/incubation-records';
import type { IncubationStage } from '../../../cms/server/src/domain/incubation-stages';
import { ActionDialog, useDialogAction } from '../actions';
import { issueErrors } from '../rest';
import { canWrite } from './shared';

type IncubationRecord = {
  id: string;
  stage: IncubationStage;
  appliedOn?: string | null;
  assessingOn?: string | null;
  incubatingOn?: string | null;
  assessments?: Assessment[] | null;
  milestones?: Milestone[] | null;
};

const SCORES = ['governance', 'finance', 'services', 'volunteers'] as const;
const ASSESSMENT_FIELDS = ['date', 'assessor', ...SCORES, 'result', 'note'] as const;
type AssessmentForm = Record<(typeof ASSESSMENT_FIELDS)[number], string>;

const blankAssessment = (): AssessmentForm => ({
  date: todayInChina(),
  assessor: '',
  governance: '',
  finance: '',
  services: '',
  volunteers: '',
  result: '',
  note: '',
});

const formOf = (a: Assessment): AssessmentForm => ({
  date: a.date,
  assessor: a.assessor ?? '',
  governance: String(a.governance),
  finance: String(a.finance),
  services: String(a.services),
  volunteers: String(a.volunteers),
  result: a.result ?? '',
  note: a.note ?? '',
});

/**
 * The checks the server makes on an assessment (scores whole numbers 0–100, assessor, date and
 * result required), run before posting so a mistake shows on its field at once.
 */
function assessmentErrors(form: AssessmentForm, t: (k: string) => string) {
  const errors: Record<string, string> = issueErrors(assessmentIssues(form, todayInChina()));
  for (const f of ['date', 'assessor', 'result'] as const)
    if (!form[f].trim()) errors[f] = t('linli.assessments.required');
  for (const f of SCORES) {
    const n = Number(form[f]);
    if (form[f].trim() === '' || !Number.isInteger(n) || n < 0 || n > 100)
      errors[f] = t('linli.assessments.score_range');
  }
  return errors;
}

function AssessmentDialog({
  incubation,
  index,
  initial,
}: {
  incubation: string;
  index?: number;
  initial?: Assessment;
}) {
  const translate = useTranslate();
  const { run, errors, general, reset, setErrors } = useDialogAction();
  const [form, setForm] = useState<AssessmentForm>(blankAssessment);
  const bind = (field: keyof AssessmentForm) => ({
    value: form[field],
    // A field's error goes as soon as the field changes: it spoke of the old value.
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => {
      setForm((f) => ({ ...f, [field]: e.target.value }));
      setErrors((all) => Object.fromEntries(Object.entries(all).filter(([k]) => k !== field)));
    },
    error: !!errors[field],
    helperText: errors[field],
    label: translate(`linli.assessments.fields.${field}`),
    inputProps: { 'data-testid': `assessment-${field}` },
  });
  return (
    <ActionDialog
      label={index === undefined ? 'linli.assessments.record' : 'linli.assessments.edit'}
      buttonProps={{
        size: 'small',
        variant: index === undefined ? 'outlined' : 'text',
        'data-testid': index === undefined ? 'record-assessment' : `edit-assessment-${index}`,
      }}
      confirmProps={{ 'data-testid': 'assessment-save' }}
      wide
      error={general}
      onOpen={() => {
        reset();
        setForm(initial ? formOf(initial) : blankAssessment());
      }}
      onConfirm={async () => {
        const local = assessmentErrors(form, translate);
        if (Object.keys(local).length) {
          setErrors(local);
          return false;
        }
        const body = {
          date: form.date,
          assessor: form.assessor.trim(),
          ...Object.fromEntries(SCORES.map((s) => [s, Number(form[s])])),
          result: form.result,
          ...(form.note.trim() ? { note: form.note.trim() } : {}),
        };
        const url = `/api/cms/incubations/${incubation}/assessments${index === undefined ? '' : `/${index}`}`;
        return run(url, body, { fields: ASSESSMENT_FIELDS, done: 'linli.assessments.saved' });
      }}
    >
      <Stack spacing={2} sx={{ mt: 1, minWidth: 360 }}>
        <Stack direction="row" spacing={2}>
          <TextField type="date" InputLabelProps={{ shrink: true }} fullWidth {...bind('date')} />
          <TextField fullWidth required {...bind('assessor')} />
        </Stack>
        <Stack direction="row" spacing={1}>
          {SCORES.map((s) => (
            <TextField
              key={s}
              type="number"
              required
              {...bind(s)}
              inputProps={{ min: 0, max: 100, step: 1, 'data-testid': `assessment-${s}` }}
            />
          ))}
        </Stack>
        <TextField select required {...bind('result')}>
          {ASSESSMENT_RESULTS.map((r) => (
            <MenuItem key={r} value={r} data-testid={`result-${r}`}>
              {translate(`linli.assessments.results.${r}`)}
            </MenuItem>
          ))}
        </TextField>
        <TextField multiline {...bind('note')} />
      </Stack>
    </ActionDialog>
  );
}

/** An incubation's assessments, newest first, with recording and correcting where the role may write. */
export function AssessmentsPanel() {
  const translate = useTranslate();
  const record = useRecordContext<IncubationRecord>();
  const { permissions } = usePermissions<string>();
  if (!record) return null;
  const writable = canWrite(permissions);
  const list = (record.assessments ?? []).map((a, index) => ({ a, index }));
  list.sort((x, y) => y.a.date.localeCompare(x.a.date));
  const due = dueForAssessment(record, todayInChina());
  return (
    <Box sx={{ mt: 3 }} data-testid="assessments">
      <Stack direction="row" spacing={2} alignItems="center" sx={{ mb: 1 }}>
        <Typography variant="h6">{translate('linli.assessments.title')}</Typography>
        {writable && <AssessmentDialog incubation={record.id} />}
      </Stack>
      {due && (
        <Alert severity="warning" sx={{ mb: 1 }} data-testid="assessment-due">
          {translate('linli.assessments.due_alert')}
        </Alert>
      )}
      {list.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {translate('linli.assessments.none')}
        </Typography>
      ) : (
        <Table size="small">
          <TableHead>
            <TableRow>
              {ASSESSMENT_FIELDS.map((f) => (
                <TableCell key={f}>{translate(`linli.assessments.fields.${f}`)}</TableCell>
              ))}
              {writable && <TableCell />}
            </TableRow>
          </TableHead>
          <TableBody>
            {list.map(({ a, index }) => (
              <TableRow key={index} data-testid="assessment-row">
                <TableCell>{a.date}</TableCell>
                <TableCell>{a.assessor ?? '—'}</TableCell>
                {SCORES.map((s) => (
                  <TableCell key={s}>{a[s]}</TableCell>
                ))}
                <TableCell>
                  <Chip
                    size="small"
                    color={a.result === 'passed' ? 'success' : a.result ? 'error' : 'default'}
                    label={translate(`linli.assessments.results.${a.result ?? 'none'}`)}
                  />
                </TableCell>
                <TableCell>{a.note ?? ''}</TableCell>
                {writable && (
                  <TableCell>
                    <AssessmentDialog incubation={record.id} index={index} initial={a} />
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}

const MILESTONE_FIELDS = ['title', 'date', 'status', 'achievedOn', 'note'] as const;
type MilestoneForm = Record<(typeof MILESTONE_FIELDS)[number], string>;

const statusOf = (m: Milestone): string => m.status ?? (m.done ? 'achieved' : 'planned');

function MilestoneDialog({
  incubation,
  appliedOn,
  index,
  initial,
}: {
  incubation: string;
  appliedOn?: string | null;
  index?: number;
  initial?: Milestone;
}) {
  const translate = useTranslate();
  const { run, errors, general, reset, setErrors } = useDialogAction();
  const blank: MilestoneForm = { title: '', date: '', status: 'planned', achievedOn: '', note: '' };
  const [form, setForm] = useState<MilestoneForm>(blank);
  const bind = (field: keyof MilestoneForm) => ({
    value: form[field],
    // A field's error goes as soon as the field changes: it spoke of the old value. The status
    // decides whether an achieved date belongs, so changing it clears that date's error too.
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => {
      setForm((f) => ({ ...f, [field]: e.target.value }));
      const stale = field === 'status' ? ['status', 'achievedOn'] : [field];
      setErrors((all) =>
        Object.fromEntries(Object.entries(all).filter(([k]) => !stale.includes(k))),
      );
    },
    error: !!errors[field],
    helperText: errors[field],
    label: translate(`linli.milestones.fields.${field}`),
    inputProps: { 'data-testid': `milestone-${field}` },
  });
  return (
    <ActionDialog
      label={index === undefined ? 'linli.milestones.record' : 'linli.milestones.edit'}
      buttonProps={{
        size: 'small',
        variant: index === undefined ? 'outlined' : 'text',
        'data-testid': index === undefined ? 'record-milestone' : `edit-milestone-${index}`,
      }}
      wide
      error={general}
      onOpen={() => {
        reset();
        setForm(
          initial
            ? {
                title: initial.title,
                date: initial.date,
                status: statusOf(initial),
                achievedOn: initial.achievedOn ?? '',
                note: initial.note ?? '',
              }
            : blank,
        );
      }}
      onConfirm={async () => {
        // The server's rules on the achieved date (only when achieved, required then, between
        // the application and today), checked here first by the same function.
        const local = issueErrors(
          milestoneIssues(
            { status: form.status, achievedOn: form.achievedOn || undefined },
            todayInChina(),
            appliedOn,
          ),
        );
        for (const f of ['title', 'date'] as const)
          if (!form[f].trim()) local[f] = translate('linli.assessments.required');
        if (Object.keys(local).length) {
          setErrors(local);
          return false;
        }
        const body = {
          title: form.title.trim(),
          date: form.date,
          status: form.status,
          ...(form.achievedOn ? { achievedOn: form.achievedOn } : {}),
          ...(form.note.trim() ? { note: form.note.trim() } : {}),
        };
        const url = `/api/cms/incubations/${incubation}/milestones${index === undefined ? '' : `/${index}`}`;
        return run(url, body, { fields: MILESTONE_FIELDS, done: 'linli.milestones.saved' });
      }}
    >
      <Stack spacing={2} sx={{ mt: 1, minWidth: 360 }}>
        <TextField required {...bind('title')} />
        <Stack direction="row" spacing={2}>
          <TextField
            type="date"
            required
            fullWidth
            InputLabelProps={{ shrink: true }}
            {...bind('date')}
          />
          <TextField select fullWidth {...bind('status')}>
            {MILESTONE_STATUSES.map((s) => (
              <MenuItem key={s} value={s}>
                {translate(`linli.milestones.statuses.${s}`)}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            type="date"
            fullWidth
            InputLabelProps={{ shrink: true }}
            {...bind('achievedOn')}
          />
        </Stack>
        <TextField multiline {...bind('note')} />
      </Stack>
    </ActionDialog>
  );
}

/** An incubation's milestones by planned date, with adding and updating where the role may write. */
export function MilestonesPanel() {
  const translate = useTranslate();
  const record = useRecordContext<IncubationRecord>();
  const { permissions } = usePermissions<string>();
  if (!record) return null;
  const writable = canWrite(permissions);
  const list = (record.milestones ?? []).map((m, index) => ({ m, index }));
  list.sort((x, y) => x.m.date.localeCompare(y.m.date));
  // Overdue only counts while the organisation is incubating (the board's and dashboard's rule).
  const today = todayInChina();
  const overdue = (m: Milestone) => record.stage === 'incubating' && milestoneOverdue(m, today);
  return (
    <Box sx={{ mt: 3 }} data-testid="milestones">
      <Stack direction="row" spacing={2} alignItems="center" sx={{ mb: 1 }}>
        <Typography variant="h6">{translate('linli.milestones.title')}</Typography>
        {writable && <MilestoneDialog incubation={record.id} appliedOn={record.appliedOn} />}
      </Stack>
      {hasOverdueMilestone(record, today) && (
        <Alert severity="warning" sx={{ mb: 1 }} data-testid="milestone-overdue-alert">
          {translate('linli.milestones.overdue_alert')}
        </Alert>
      )}
      {list.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {translate('linli.milestones.none')}
        </Typography>
      ) : (
        <Table size="small">
          <TableHead>
            <TableRow>
              {MILESTONE_FIELDS.map((f) => (
                <TableCell key={f}>{translate(`linli.milestones.fields.${f}`)}</TableCell>
              ))}
              {writable && <TableCell />}
            </TableRow>
          </TableHead>
          <TableBody>
            {list.map(({ m, index }) => (
              <TableRow key={index} data-testid="milestone-row">
                <TableCell>{m.title}</TableCell>
                <TableCell>{m.date}</TableCell>
                <TableCell>
                  {translate(`linli.milestones.statuses.${statusOf(m)}`)}
                  {overdue(m) && (
                    <Chip
                      size="small"
                      color="warning"
                      sx={{ ml: 1 }}
                      label={translate('linli.milestones.overdue')}
                      data-testid="milestone-overdue"
                    />
                  )}
                </TableCell>
                <TableCell>{m.achievedOn ?? (m.done ? m.date : '')}</TableCell>
                <TableCell>{m.note ?? ''}</TableCell>
                {writable && (
                  <TableCell>
                    <MilestoneDialog
                      incubation={record.id}
                      appliedOn={record.appliedOn}
                      index={index}
                      initial={m}
                    />
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}
