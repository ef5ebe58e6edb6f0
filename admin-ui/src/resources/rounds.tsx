import AddIcon from '@mui/icons-material/Add';
import GavelIcon from '@mui/icons-material/Gavel';
import {
  Box,
  Button,
  Checkbox,
  Chip,
  FormControlLabel,
  IconButton,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField as MuiTextField,
  Typography,
} from '@mui/material';
import DeleteIcon from '@mui/icons-material/Delete';
import { useEffect, useState } from 'react';
import {
  ArrayInput,
  AutocompleteInput,
  Create,
  DataTable,
  DateField,
  DateInput,
  Edit,
  FunctionField,
  Link,
  List,
  NumberInput,
  ReferenceField,
  ReferenceInput,
  SearchInput,
  SelectField,
  SelectInput,
  Show,
  SimpleForm,
  SimpleFormIterator,
  SimpleShowLayout,
  TextField,
  TextInput,
  required,
  useGetOne,
  useLocaleState,
  usePermissions,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { fenToYuan, yuanToFen } from '../../../plugins/forms/server/src/domain/money';
import {
  APPLICATION_STATUSES,
  AWARD_STATUSES,
  REPORT_KINDS,
  REPORT_STATUSES,
  ROUND_STATUSES,
  TRANCHE_STATUSES,
  choices,
} from '../choices';
import { Answers, useVersionDefinition } from '../forms/answers';
import { MoneyInput, yuan } from '../money';
import { ActionDialog, NoteButton, useAction, useFieldValues } from '../actions';
import { restJson, useRest } from '../rest';
import { todayInChina } from '../../../cms/server/src/domain/china-time';

/* eslint-disable @typescript-eslint/no-explicit-any -- records and REST answers */

const ROUND_NEXT: Record<string, string> = {
  draft: 'open',
  open: 'reviewing',
  reviewing: 'awarding',
  awarding: 'closed',
};
/** A weighted score in hundredths of a percent, as people read it. */
const percent = (score: number | null | undefined) =>
  score === null || score === undefined ? '—' : (score / 100).toFixed(2);
// ——— Rounds ———————————————————————————————————————————————————————————————

export function RoundList() {
  return (
    <List
      sort={{ field: 'opensOn', order: 'DESC' }}
      filters={[
        <SearchInput key="q" source="q" alwaysOn />,
        <SelectInput
          key="status"
          source="status"
          choices={choices('roundStatus', ROUND_STATUSES)}
        />,
      ]}
    >
      <DataTable bulkActionButtons={false}>
        <DataTable.Col source="title" />
        <DataTable.Col source="fund">
          <ReferenceField source="fund.documentId" reference="grants-funds" link={false} />
        </DataTable.Col>
        <DataTable.Col source="status">
          <SelectField source="status" choices={choices('roundStatus', ROUND_STATUSES)} />
        </DataTable.Col>
        <DataTable.Col source="budget">
          <FunctionField render={(r: any) => yuan(r.budget)} />
        </DataTable.Col>
        <DataTable.Col source="awarded">
          <FunctionField render={(r: any) => yuan(r.awarded)} />
        </DataTable.Col>
        <DataTable.Col source="opensOn">
          <DateField source="opensOn" />
        </DataTable.Col>
        <DataTable.Col source="closesOn">
          <DateField source="closesOn" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}

/** Moves the round to its next stage. */
function RoundStage() {
  const record = useRecordContext<any>();
  const translate = useTranslate();
  const act = useAction();
  const { permissions } = usePermissions<string>();
  const next = record && ROUND_NEXT[record.status];
  if (!next || permissions !== 'foundation-staff') return null;
  return (
    <Button
      variant="contained"
      data-testid="round-advance"
      onClick={() => act(`/api/grants/rounds/${record.id}/advance`, { status: next })}
    >
      {translate('linli.grants.advance', {
        stage: translate(`enums.roundStatus.${next}`),
      })}
    </Button>
  );
}

/** An application handed in on paper, typed in as a draft. */
function PaperApplication() {
  const record = useRecordContext<any>();
  const translate = useTranslate();
  const act = useAction();
  const { permissions } = usePermissions<string>();
  const [a, bind] = useFieldValues({
    organisationName: '',
    projectTitle: '',
    requested: '',
    summary: '',
  });
  if (record?.status !== 'open' || permissions !== 'foundation-staff') return null;
  const label = (field: string) => translate(`resources.grants-applications.fields.${field}`);
  return (
    <ActionDialog
      label="linli.grants.paper_application"
      buttonProps={{ startIcon: <AddIcon /> }}
      wide
      onConfirm={() =>
        act(`/api/grants/rounds/${record.id}/applications`, {
          ...a,
          requested: yuanToFen(a.requested) ?? a.requested,
        })
      }
    >
      <Stack spacing={2} sx={{ mt: 1 }}>
        <MuiTextField label={label('organisationName')} {...bind('organisationName')} />
        <MuiTextField label={label('projectTitle')} {...bind('projectTitle')} />
        <MuiTextField label={label('requested')} {...bind('requested')} />
        <MuiTextField multiline minRows={3} label={label('summary')} {...bind('summary')} />
      </Stack>
    </ActionDialog>
  );
}

function RubricTable() {
  const record = useRecordContext<any>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (!Array.isArray(record?.rubric)) return null;
  const total = record.rubric.reduce((s: number, c: any) => s + c.weight, 0);
  return (
    <Table size="small" data-testid="rubric">
      <TableHead>
        <TableRow>
          <TableCell>{translate('linli.grants.criterion')}</TableCell>
          <TableCell>{translate('linli.grants.weight')}</TableCell>
          <TableCell>{translate('linli.grants.max')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {record.rubric.map((c: any) => (
          <TableRow key={c.key}>
            <TableCell>{locale.startsWith('zh') ? c.label : (c.labelEn ?? c.label)}</TableCell>
            <TableCell>{Math.round((c.weight / total) * 100)}%</TableCell>
            <TableCell>{c.max}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** The round's applications by weighted score, with their reviews and awards. */
function Ranking() {
  const record = useRecordContext<any>();
  const translate = useTranslate();
  const data = useRest<any>(record?.id ? `/api/grants/rounds/${record.id}/ranking` : null);
  if (!data) return null;
  return (
    <Box data-testid="ranking">
      <Typography variant="subtitle1">
        {translate('linli.grants.ranking')} ·{' '}
        {translate('linli.grants.budget_left', {
          left: yuan(data.round.budget - data.round.awarded),
          budget: yuan(data.round.budget),
        })}
      </Typography>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>#</TableCell>
            <TableCell>{translate('resources.grants-applications.fields.projectTitle')}</TableCell>
            <TableCell>
              {translate('resources.grants-applications.fields.organisationName')}
            </TableCell>
            <TableCell>{translate('resources.grants-applications.fields.requested')}</TableCell>
            <TableCell>{translate('resources.grants-applications.fields.score')}</TableCell>
            <TableCell>{translate('linli.grants.reviews')}</TableCell>
            <TableCell>{translate('resources.grants-applications.fields.status')}</TableCell>
            <TableCell>{translate('linli.grants.awarded_amount')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {data.rows.map((r: any) => (
            <TableRow key={r.documentId}>
              <TableCell>{r.rank ?? '—'}</TableCell>
              <TableCell>
                <Link to={`/grants-applications/${r.documentId}/show`}>{r.projectTitle}</Link>
              </TableCell>
              <TableCell>{r.organisationName}</TableCell>
              <TableCell>{yuan(r.requested)}</TableCell>
              <TableCell data-testid="ranking-score">{percent(r.score)}</TableCell>
              <TableCell>
                {r.reviews.submitted}/{r.reviews.assigned}
                {r.reviews.conflicts
                  ? ` (${translate('linli.grants.conflicts', { n: r.reviews.conflicts })})`
                  : ''}
                {' · '}
                {translate('linli.grants.recommendations', r.reviews)}
              </TableCell>
              <TableCell>{translate(`enums.applicationStatus.${r.status}`)}</TableCell>
              <TableCell>
                {r.award ? (
                  <Link to={`/grants-awards/${r.award.documentId}/show`}>
                    {yuan(r.award.amount)}
                  </Link>
                ) : (
                  ''
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

function PublicFormLink() {
  const record = useRecordContext<any>();
  const { data: form } = useGetOne(
    'forms-forms',
    { id: record?.form?.documentId },
    { enabled: !!record?.form?.documentId },
  );
  if (!form) return null;
  const url = `${window.location.origin}/f/${form.slug}`;
  return (
    <a href={url} target="_blank" rel="noreferrer" data-testid="round-form-link">
      {url}
    </a>
  );
}

export function RoundShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="title" />
        <TextField source="titleEn" />
        <SelectField source="status" choices={choices('roundStatus', ROUND_STATUSES)} />
        <RoundStage />
        <TextField source="description" />
        <ReferenceField
          source="fund.documentId"
          reference="grants-funds"
          link="show"
          label="resources.grants-rounds.fields.fund"
        />
        <FunctionField source="budget" render={(r: any) => yuan(r.budget)} />
        <FunctionField source="cap" render={(r: any) => yuan(r.cap)} />
        <FunctionField source="awarded" render={(r: any) => yuan(r.awarded)} />
        <DateField source="opensOn" />
        <DateField source="closesOn" />
        <ReferenceField
          source="form.documentId"
          reference="forms-forms"
          link="show"
          label="resources.grants-rounds.fields.form"
        />
        <FunctionField label="linli.grants.public_link" render={() => <PublicFormLink />} />
        <FunctionField source="rubric" render={() => <RubricTable />} />
        <PaperApplication />
        <Ranking />
      </SimpleShowLayout>
    </Show>
  );
}

function RoundInputs() {
  const record = useRecordContext<any>();
  const opened = !!record && record.status !== 'draft';
  return (
    <>
      <TextInput source="title" validate={required()} fullWidth />
      <TextInput source="titleEn" fullWidth />
      <TextInput source="description" multiline fullWidth />
      <ReferenceInput
        source="fund.documentId"
        reference="grants-funds"
        filter={{ status: 'active' }}
      >
        <AutocompleteInput
          optionText="name"
          validate={required()}
          label="resources.grants-rounds.fields.fund"
          disabled={opened}
        />
      </ReferenceInput>
      <MoneyInput source="budget" />
      <MoneyInput source="cap" />
      <DateInput source="opensOn" validate={required()} />
      <DateInput source="closesOn" validate={required()} />
      <ReferenceInput
        source="form.documentId"
        reference="forms-forms"
        filter={{ purpose: 'grant-application' }}
      >
        <AutocompleteInput optionText="name" label="resources.grants-rounds.fields.form" />
      </ReferenceInput>
      <ArrayInput source="rubric">
        <SimpleFormIterator inline>
          <TextInput source="key" label="linli.grants.criterion_key" helperText={false} />
          <TextInput source="label" label="linli.grants.criterion" helperText={false} />
          <TextInput source="labelEn" label="linli.grants.criterion_en" helperText={false} />
          <NumberInput
            source="weight"
            label="linli.grants.weight"
            min={1}
            max={100}
            helperText={false}
          />
          <NumberInput source="max" label="linli.grants.max" min={1} max={100} helperText={false} />
        </SimpleFormIterator>
      </ArrayInput>
    </>
  );
}

export const RoundEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show">
    <SimpleForm>
      <RoundInputs />
    </SimpleForm>
  </Edit>
);
export const RoundCreate = () => (
  <Create redirect="show">
    <SimpleForm>
      <RoundInputs />
    </SimpleForm>
  </Create>
);

// ——— Applications ————————————————————————————————————————————————————————

export function ApplicationList() {
  return (
    <List
      sort={{ field: 'score', order: 'DESC' }}
      filters={[
        <SearchInput key="q" source="q" alwaysOn />,
        <ReferenceInput key="round" source="round" reference="grants-rounds">
          <AutocompleteInput optionText="title" />
        </ReferenceInput>,
        <SelectInput
          key="status"
          source="status"
          choices={choices('applicationStatus', APPLICATION_STATUSES)}
        />,
      ]}
    >
      <DataTable bulkActionButtons={false}>
        <DataTable.Col source="projectTitle" />
        <DataTable.Col source="organisationName" />
        <DataTable.Col source="requested">
          <FunctionField render={(r: any) => yuan(r.requested)} />
        </DataTable.Col>
        <DataTable.Col source="score">
          <FunctionField render={(r: any) => percent(r.score)} />
        </DataTable.Col>
        <DataTable.Col source="status">
          <SelectField
            source="status"
            choices={choices('applicationStatus', APPLICATION_STATUSES)}
          />
        </DataTable.Col>
        <DataTable.Col source="round">
          <ReferenceField source="round.documentId" reference="grants-rounds" link={false} />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}

/** Chooses reviewers from the users who may review. */
function AssignReviewers({ applicationId }: { applicationId: string }) {
  const translate = useTranslate();
  const act = useAction();
  const [users, setUsers] = useState<any[]>([]);
  const [chosen, setChosen] = useState<number[]>([]);
  return (
    <ActionDialog
      label="linli.grants.assign"
      buttonProps={{ 'data-testid': 'assign-reviewers' }}
      onOpen={() => restJson<any[]>('/api/grants/reviewers').then(setUsers, () => setUsers([]))}
      onConfirm={() =>
        act(`/api/grants/applications/${applicationId}/reviewers`, { reviewers: chosen })
      }
    >
      {users.map((u) => (
        <FormControlLabel
          key={u.id}
          label={`${u.username}（${translate(`enums.role.${u.role}`)}）`}
          control={
            <Checkbox
              checked={chosen.includes(u.id)}
              onChange={(e) =>
                setChosen(e.target.checked ? [...chosen, u.id] : chosen.filter((i) => i !== u.id))
              }
            />
          }
          sx={{ display: 'flex' }}
        />
      ))}
    </ActionDialog>
  );
}

/** The award and its tranche plan: amounts in yuan, the plan adding up to the award. */
function AwardDialog({ application }: { application: any }) {
  const translate = useTranslate();
  const act = useAction();
  const requested = Number(application.requested);
  const [amount, setAmount] = useState(fenToYuan(requested));
  const [tranches, setTranches] = useState<{ amount: string; dueOn: string }[]>([]);
  useEffect(() => {
    const fen = yuanToFen(amount) ?? 0;
    const first = Math.round((fen * 0.6) / 100) * 100;
    setTranches([
      { amount: fenToYuan(first), dueOn: '' },
      { amount: fenToYuan(fen - first), dueOn: '' },
    ]);
  }, [amount]);
  const planned = tranches.reduce((s, t) => s + (yuanToFen(t.amount) ?? 0), 0);
  const set = (i: number, patch: Partial<{ amount: string; dueOn: string }>) =>
    setTranches(tranches.map((t, j) => (j === i ? { ...t, ...patch } : t)));
  return (
    <ActionDialog
      label="linli.grants.award"
      buttonProps={{ variant: 'contained', startIcon: <GavelIcon />, 'data-testid': 'award' }}
      confirmLabel="linli.grants.award"
      confirmProps={{ 'data-testid': 'award-confirm' }}
      wide
      onConfirm={() =>
        act(`/api/grants/applications/${application.id}/award`, {
          amount: yuanToFen(amount),
          tranches: tranches.map((t) => ({
            amount: yuanToFen(t.amount),
            ...(t.dueOn && { dueOn: t.dueOn }),
          })),
        })
      }
    >
      <MuiTextField
        label={translate('linli.grants.award_amount')}
        value={amount}
        onChange={(e) => setAmount(e.target.value)}
        inputProps={{ 'data-testid': 'award-amount' }}
        sx={{ mt: 1 }}
      />
      <Typography variant="subtitle2" sx={{ mt: 2 }}>
        {translate('linli.grants.tranche_plan')}
      </Typography>
      {tranches.map((t, i) => (
        <Stack direction="row" spacing={1} key={i} sx={{ mt: 1 }}>
          <MuiTextField
            size="small"
            label={translate('linli.grants.tranche_n', { n: i + 1 })}
            value={t.amount}
            onChange={(e) => set(i, { amount: e.target.value })}
          />
          <MuiTextField
            size="small"
            type="date"
            label={translate('resources.grants-disbursements.fields.dueOn')}
            InputLabelProps={{ shrink: true }}
            value={t.dueOn}
            onChange={(e) => set(i, { dueOn: e.target.value })}
          />
          <IconButton
            aria-label="remove"
            onClick={() => setTranches(tranches.filter((_, j) => j !== i))}
            disabled={tranches.length === 1}
          >
            <DeleteIcon />
          </IconButton>
        </Stack>
      ))}
      <Button
        startIcon={<AddIcon />}
        onClick={() => setTranches([...tranches, { amount: '', dueOn: '' }])}
      >
        {translate('linli.grants.add_tranche')}
      </Button>
      <Typography
        variant="body2"
        color={planned === (yuanToFen(amount) ?? -1) ? 'text.secondary' : 'error'}
      >
        {translate('linli.grants.plan_total', {
          planned: yuan(planned),
          amount: yuan(yuanToFen(amount) ?? 0),
        })}
      </Typography>
    </ActionDialog>
  );
}

function ApplicationActions() {
  const record = useRecordContext<any>();
  const translate = useTranslate();
  const act = useAction();
  const { permissions } = usePermissions<string>();
  const { data: round } = useGetOne(
    'grants-rounds',
    { id: record?.round?.documentId },
    { enabled: !!record?.round?.documentId },
  );
  if (!record || permissions !== 'foundation-staff') return null;
  const live = ['submitted', 'under_review', 'more_info'].includes(record.status);
  const status = (to: string) => (note: string) =>
    act(`/api/grants/applications/${record.id}/status`, { status: to, note });
  return (
    <Stack direction="row" spacing={1} sx={{ my: 1 }} flexWrap="wrap">
      {record.status === 'draft' && (
        <Button variant="contained" onClick={() => status('submitted')('')}>
          {translate('linli.grants.submit_draft')}
        </Button>
      )}
      {['draft', 'submitted', 'under_review', 'more_info'].includes(record.status) && (
        <NoteButton label="linli.grants.withdraw" color="warning" onSubmit={status('withdrawn')} />
      )}
      {live && round?.status === 'awarding' && <AwardDialog application={record} />}
      {live && ['open', 'reviewing'].includes(round?.status) && (
        <AssignReviewers applicationId={record.id} />
      )}
      {record.status === 'under_review' && (
        <NoteButton
          label="linli.grants.ask_more_info"
          onSubmit={status('more_info')}
          testId="ask-more-info"
        />
      )}
      {record.status === 'more_info' && (
        <Button onClick={() => status('under_review')('')}>
          {translate('linli.grants.back_to_review')}
        </Button>
      )}
      {live && (
        <NoteButton label="linli.grants.reject" color="error" onSubmit={status('rejected')} />
      )}
    </Stack>
  );
}
/** The reviews of an application, as the server lets this user see them. */
function ReviewsTable({ applicationId, rubric }: { applicationId: string; rubric?: any[] }) {
  const translate = useTranslate();
  const reviews = useRest<any[]>(`/api/grants/applications/${applicationId}/reviews`);
  if (!reviews?.length) return null;
  return (
    <Table size="small" data-testid="reviews">
      <TableHead>
        <TableRow>
          <TableCell>{translate('linli.grants.reviewer')}</TableCell>
          <TableCell>{translate('linli.grants.review_status')}</TableCell>
          {(rubric ?? []).map((c) => (
            <TableCell key={c.key}>{c.label}</TableCell>
          ))}
          <TableCell>{translate('resources.grants-applications.fields.score')}</TableCell>
          <TableCell>{translate('linli.grants.recommendation')}</TableCell>
          <TableCell>{translate('linli.grants.comment')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {reviews.map((r) => (
          <TableRow key={r.documentId}>
            <TableCell>{r.reviewer.username}</TableCell>
            <TableCell>
              {translate(`enums.reviewStatus.${r.status}`)}
              {r.conflictNote ? `：${r.conflictNote}` : ''}
            </TableCell>
            {(rubric ?? []).map((c) => (
              <TableCell key={c.key}>{r.scores?.[c.key] ?? ''}</TableCell>
            ))}
            <TableCell>{r.status === 'submitted' ? percent(r.weightedScore) : ''}</TableCell>
            <TableCell>
              {r.recommendation ? translate(`enums.recommendation.${r.recommendation}`) : ''}
            </TableCell>
            <TableCell>{r.comment ?? ''}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function ApplicationAnswers() {
  const record = useRecordContext<any>();
  const [locale] = useLocaleState();
  const { data: submission } = useGetOne(
    'forms-submissions',
    { id: record?.submission?.documentId },
    { enabled: !!record?.submission?.documentId },
  );
  const definition = useVersionDefinition(submission?.formKey, submission?.versionNumber);
  if (!submission || !definition) return null;
  return (
    <Answers
      definition={definition}
      data={submission.data ?? {}}
      lang={locale.startsWith('zh') ? 'zh' : 'en'}
    />
  );
}

function ApplicationReviews() {
  const record = useRecordContext<any>();
  const { data: round } = useGetOne(
    'grants-rounds',
    { id: record?.round?.documentId },
    { enabled: !!record?.round?.documentId },
  );
  if (!record) return null;
  return <ReviewsTable applicationId={record.id} rubric={round?.rubric} />;
}

export function ApplicationShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="projectTitle" />
        <TextField source="organisationName" />
        <SelectField source="status" choices={choices('applicationStatus', APPLICATION_STATUSES)} />
        <TextField source="statusNote" />
        <ApplicationActions />
        <ReferenceField
          source="round.documentId"
          reference="grants-rounds"
          link="show"
          label="resources.grants-applications.fields.round"
        />
        <ReferenceField
          source="organisation.documentId"
          reference="cms-organisations"
          link="show"
          label="resources.grants-applications.fields.organisation"
          emptyText="—"
        />
        <FunctionField source="requested" render={(r: any) => yuan(r.requested)} />
        <FunctionField source="score" render={(r: any) => percent(r.score)} />
        <TextField source="summary" />
        <TextField source="receiptCode" />
        <FunctionField label="linli.grants.reviews" render={() => <ApplicationReviews />} />
        <FunctionField
          label="resources.forms-submissions.fields.data"
          render={() => <ApplicationAnswers />}
        />
      </SimpleShowLayout>
    </Show>
  );
}

// ——— Awards, tranches and reports —————————————————————————————————————————

export function AwardList() {
  return (
    <List
      sort={{ field: 'awardedAt', order: 'DESC' }}
      filters={[
        <SearchInput key="q" source="q" alwaysOn />,
        <SelectInput
          key="status"
          source="status"
          choices={choices('awardStatus', AWARD_STATUSES)}
        />,
        <ReferenceInput key="round" source="round" reference="grants-rounds">
          <AutocompleteInput optionText="title" />
        </ReferenceInput>,
      ]}
    >
      <DataTable bulkActionButtons={false}>
        <DataTable.Col source="projectTitle" />
        <DataTable.Col source="organisationName" />
        <DataTable.Col source="amount">
          <FunctionField render={(r: any) => yuan(r.amount)} />
        </DataTable.Col>
        <DataTable.Col source="paid">
          <FunctionField render={(r: any) => yuan(r.paid)} />
        </DataTable.Col>
        <DataTable.Col source="status">
          <SelectField source="status" choices={choices('awardStatus', AWARD_STATUSES)} />
        </DataTable.Col>
        <DataTable.Col source="awardedAt">
          <DateField source="awardedAt" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}

/** Approve, pay or cancel one tranche: what staff may do next with it. */
function TrancheButtons({ tranche }: { tranche: any }) {
  const translate = useTranslate();
  const act = useAction();
  const { permissions } = usePermissions<string>();
  if (permissions !== 'foundation-staff') return null;
  const url = (what: string) =>
    `/api/grants/disbursements/${tranche.documentId ?? tranche.id}/${what}`;
  return (
    <Stack direction="row" spacing={1}>
      {tranche.status === 'scheduled' && (
        <Button
          size="small"
          variant="outlined"
          data-testid="tranche-approve"
          onClick={() => act(url('approve'))}
        >
          {translate('linli.grants.approve')}
        </Button>
      )}
      {tranche.status === 'approved' && (
        <Button
          size="small"
          variant="contained"
          data-testid="tranche-pay"
          onClick={() => act(url('pay'))}
        >
          {translate('linli.grants.pay')}
        </Button>
      )}
      {['scheduled', 'approved'].includes(tranche.status) && (
        <NoteButton
          label="linli.grants.cancel_tranche"
          color="warning"
          onSubmit={(note) => act(url('cancel'), { note })}
        />
      )}
    </Stack>
  );
}

function ReportDialog({ awardId }: { awardId: string }) {
  const translate = useTranslate();
  const act = useAction();
  const today = todayInChina();
  const [r, bind] = useFieldValues({
    kind: 'progress',
    submittedOn: today,
    beneficiaries: '',
    hours: '',
    spending: '',
    narrative: '',
  });
  const label = (field: string) => translate(`resources.grants-reports.fields.${field}`);
  const save = () => {
    const hours = Number(r.hours);
    return act(`/api/grants/awards/${awardId}/reports`, {
      kind: r.kind,
      submittedOn: r.submittedOn,
      ...(r.beneficiaries !== '' && { beneficiaries: Number(r.beneficiaries) }),
      // Hours as people count them; minutes as the books keep them.
      ...(r.hours !== '' && {
        volunteerMinutes: Number.isFinite(hours) ? Math.round(hours * 60) : r.hours,
      }),
      ...(r.spending !== '' && { spending: yuanToFen(r.spending) ?? r.spending }),
      narrative: r.narrative,
    });
  };
  return (
    <ActionDialog
      label="linli.grants.add_report"
      buttonProps={{ startIcon: <AddIcon />, 'data-testid': 'add-report' }}
      confirmProps={{ 'data-testid': 'report-save' }}
      wide
      onConfirm={save}
    >
      <Stack spacing={2} sx={{ mt: 1 }}>
        <MuiTextField
          select
          label={label('kind')}
          {...bind('kind')}
          inputProps={{ 'data-testid': 'report-kind' }}
        >
          {REPORT_KINDS.map((k) => (
            <MenuItem key={k} value={k}>
              {translate(`enums.reportKind.${k}`)}
            </MenuItem>
          ))}
        </MuiTextField>
        <MuiTextField
          type="date"
          label={label('submittedOn')}
          InputLabelProps={{ shrink: true }}
          {...bind('submittedOn')}
        />
        <MuiTextField label={label('beneficiaries')} {...bind('beneficiaries')} />
        <MuiTextField label={translate('linli.grants.volunteer_hours')} {...bind('hours')} />
        <MuiTextField label={label('spending')} {...bind('spending')} />
        <MuiTextField
          multiline
          minRows={3}
          label={label('narrative')}
          {...bind('narrative')}
          inputProps={{ 'data-testid': 'report-narrative' }}
        />
      </Stack>
    </ActionDialog>
  );
}

/** The award's tranches and reports, each with what may be done next. */
function AwardPlan() {
  const record = useRecordContext<any>();
  const translate = useTranslate();
  const act = useAction();
  const { permissions } = usePermissions<string>();
  const plan = useRest<any>(record?.id ? `/api/grants/awards/${record.id}/plan` : null);
  if (!plan) return null;
  const staff = permissions === 'foundation-staff';
  return (
    <Box>
      <Typography variant="subtitle1">{translate('linli.grants.tranche_plan')}</Typography>
      <Table size="small" data-testid="tranches">
        <TableBody>
          {plan.tranches.map((t: any) => (
            <TableRow key={t.documentId} data-testid={`tranche-${t.number}`}>
              <TableCell>{t.label ?? `#${t.number}`}</TableCell>
              <TableCell>{yuan(t.amount)}</TableCell>
              <TableCell>{t.dueOn ?? ''}</TableCell>
              <TableCell>
                <Chip
                  size="small"
                  label={translate(`enums.trancheStatus.${t.status}`)}
                  data-testid="tranche-status"
                />
              </TableCell>
              <TableCell>{record.status === 'active' && <TrancheButtons tranche={t} />}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {staff && record.status === 'active' && (
        <NoteButton
          label="linli.grants.add_tranche"
          onSubmit={async (text) =>
            act(`/api/grants/awards/${record.id}/tranches`, { amount: yuanToFen(text) ?? text })
          }
        />
      )}
      <Typography variant="subtitle1" sx={{ mt: 2 }}>
        {translate('resources.grants-reports.name')}
      </Typography>
      <Table size="small" data-testid="reports">
        <TableBody>
          {plan.reports.map((r: any) => (
            <TableRow key={r.documentId}>
              <TableCell>{translate(`enums.reportKind.${r.kind}`)}</TableCell>
              <TableCell>{r.submittedOn}</TableCell>
              <TableCell>
                {r.beneficiaries ?? '—'} {translate('linli.grants.people')} ·{' '}
                {r.volunteerMinutes != null ? (r.volunteerMinutes / 60).toFixed(1) : '—'} h ·{' '}
                {yuan(r.spending)}
              </TableCell>
              <TableCell sx={{ maxWidth: 360, whiteSpace: 'pre-wrap' }}>{r.narrative}</TableCell>
              <TableCell>
                <Chip
                  size="small"
                  label={translate(`enums.reportStatus.${r.status}`)}
                  data-testid="report-status"
                />
              </TableCell>
              <TableCell>
                {staff && r.status === 'submitted' && record.status === 'active' && (
                  <Stack direction="row" spacing={1}>
                    <Button
                      size="small"
                      variant="contained"
                      data-testid="report-accept"
                      onClick={() => act(`/api/grants/reports/${r.documentId}/accept`)}
                    >
                      {translate('linli.grants.accept')}
                    </Button>
                    <NoteButton
                      label="linli.grants.return_report"
                      color="warning"
                      onSubmit={(note) =>
                        act(`/api/grants/reports/${r.documentId}/return`, { note })
                      }
                    />
                  </Stack>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {staff && record.status === 'active' && <ReportDialog awardId={record.id} />}
    </Box>
  );
}

export function AwardShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="projectTitle" />
        <TextField source="organisationName" />
        <SelectField source="status" choices={choices('awardStatus', AWARD_STATUSES)} />
        <ReferenceField
          source="round.documentId"
          reference="grants-rounds"
          link="show"
          label="resources.grants-awards.fields.round"
        />
        <ReferenceField
          source="fund.documentId"
          reference="grants-funds"
          link="show"
          label="resources.grants-awards.fields.fund"
        />
        <ReferenceField
          source="application.documentId"
          reference="grants-applications"
          link="show"
          label="resources.grants-awards.fields.application"
        />
        <FunctionField
          source="amount"
          render={(r: any) => <span data-testid="award-amount-field">{yuan(r.amount)}</span>}
        />
        <FunctionField source="approved" render={(r: any) => yuan(r.approved)} />
        <FunctionField
          source="paid"
          render={(r: any) => <span data-testid="award-paid">{yuan(r.paid)}</span>}
        />
        <FunctionField
          source="returned"
          render={(r: any) => <span data-testid="award-returned">{yuan(r.returned)}</span>}
        />
        <DateField source="awardedAt" showTime />
        <DateField source="closedAt" showTime />
        <AwardPlan />
      </SimpleShowLayout>
    </Show>
  );
}

/** The disbursement queue: tranches to approve and to pay, across all awards. */
export function DisbursementList() {
  return (
    <List
      sort={{ field: 'dueOn', order: 'ASC' }}
      filterDefaultValues={{ status: 'approved' }}
      filters={[
        <SelectInput
          key="status"
          source="status"
          choices={choices('trancheStatus', TRANCHE_STATUSES)}
          alwaysOn
        />,
      ]}
    >
      <DataTable bulkActionButtons={false} rowClick={false}>
        <DataTable.Col source="award">
          <ReferenceField source="award.documentId" reference="grants-awards" link="show" />
        </DataTable.Col>
        <DataTable.Col source="label" />
        <DataTable.Col source="amount">
          <FunctionField render={(r: any) => yuan(r.amount)} />
        </DataTable.Col>
        <DataTable.Col source="dueOn">
          <DateField source="dueOn" />
        </DataTable.Col>
        <DataTable.Col source="status">
          <SelectField source="status" choices={choices('trancheStatus', TRANCHE_STATUSES)} />
        </DataTable.Col>
        <DataTable.Col source="approvedBy" />
        <DataTable.Col label="linli.grants.actions">
          <FunctionField render={(r: any) => <TrancheButtons tranche={r} />} />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}

export function DisbursementShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <ReferenceField
          source="award.documentId"
          reference="grants-awards"
          link="show"
          label="resources.grants-disbursements.fields.award"
        />
        <TextField source="label" />
        <FunctionField source="amount" render={(r: any) => yuan(r.amount)} />
        <DateField source="dueOn" />
        <SelectField source="status" choices={choices('trancheStatus', TRANCHE_STATUSES)} />
        <FunctionField render={(r: any) => <TrancheButtons tranche={r} />} />
        <DateField source="approvedAt" showTime />
        <TextField source="approvedBy" />
        <DateField source="paidAt" showTime />
        <DateField source="cancelledAt" showTime />
        <TextField source="note" />
      </SimpleShowLayout>
    </Show>
  );
}

export function ReportList() {
  return (
    <List
      sort={{ field: 'submittedOn', order: 'DESC' }}
      filters={[
        <SelectInput
          key="status"
          source="status"
          choices={choices('reportStatus', REPORT_STATUSES)}
          alwaysOn
        />,
        <SelectInput key="kind" source="kind" choices={choices('reportKind', REPORT_KINDS)} />,
      ]}
    >
      <DataTable bulkActionButtons={false}>
        <DataTable.Col source="award">
          <ReferenceField source="award.documentId" reference="grants-awards" link="show" />
        </DataTable.Col>
        <DataTable.Col source="kind">
          <SelectField source="kind" choices={choices('reportKind', REPORT_KINDS)} />
        </DataTable.Col>
        <DataTable.Col source="submittedOn">
          <DateField source="submittedOn" />
        </DataTable.Col>
        <DataTable.Col source="beneficiaries" />
        <DataTable.Col source="status">
          <SelectField source="status" choices={choices('reportStatus', REPORT_STATUSES)} />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}

export function ReportShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <ReferenceField
          source="award.documentId"
          reference="grants-awards"
          link="show"
          label="resources.grants-reports.fields.award"
        />
        <SelectField source="kind" choices={choices('reportKind', REPORT_KINDS)} />
        <DateField source="submittedOn" />
        <TextField source="beneficiaries" />
        <FunctionField
          source="volunteerMinutes"
          render={(r: any) =>
            r.volunteerMinutes != null ? `${(r.volunteerMinutes / 60).toFixed(1)} h` : ''
          }
        />
        <FunctionField source="spending" render={(r: any) => yuan(r.spending)} />
        <TextField source="narrative" />
        <SelectField source="status" choices={choices('reportStatus', REPORT_STATUSES)} />
        <TextField source="reviewNote" />
        <FunctionField
          label="linli.grants.decide"
          render={(r: any) => <ReportButtons report={r} />}
        />
      </SimpleShowLayout>
    </Show>
  );
}

function ReportButtons({ report }: { report: any }) {
  const translate = useTranslate();
  const act = useAction();
  const { permissions } = usePermissions<string>();
  if (permissions !== 'foundation-staff' || report.status !== 'submitted') return null;
  return (
    <Stack direction="row" spacing={1}>
      <Button
        size="small"
        variant="contained"
        onClick={() => act(`/api/grants/reports/${report.id}/accept`)}
      >
        {translate('linli.grants.accept')}
      </Button>
      <NoteButton
        label="linli.grants.return_report"
        color="warning"
        onSubmit={(note) => act(`/api/grants/reports/${report.id}/return`, { note })}
      />
    </Stack>
  );
}

// ——— The reviewer's desk ——————————————————————————————————————————————————

/** One assignment: the application's answers, and the score sheet or the reviews once scored. */
function ReviewCard({ review }: { review: any }) {
  const translate = useTranslate();
  const send = useAction();
  const [locale] = useLocaleState();
  const zh = locale.startsWith('zh');
  const rubric: any[] = review.round?.rubric ?? [];
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

/** The reviewer's own assignments (评审工作台). */
export function MyReviews() {
  const translate = useTranslate();
  // Reloaded by every action's refresh (rest.ts useRest).
  const reviews = useRest<any[]>('/api/grants/reviews/mine');
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
