import AddIcon from '@mui/icons-material/Add';
import {
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField as MuiTextField,
} from '@mui/material';
import {
  DateField,
  FunctionField,
  ReferenceField,
  SelectField,
  Show,
  SimpleShowLayout,
  TextField,
  useGetOne,
  useLocaleState,
  usePermissions,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { yuanToFen } from '../../../plugins/forms/server/src/domain/money';
import { ROUND_STATUSES, choices } from '../choices';
import type { Form } from '../forms/types';
import type { Round } from '../grants/types';
import { yuan } from '../money';
import { ActionDialog, useDialogAction, useFieldValues } from '../actions';
import { can } from '../authProvider';
import { Ranking } from './Ranking';
import { RoundStage } from './RoundStage';

const PAPER_FIELDS = ['organisationName', 'projectTitle', 'requested', 'summary'] as const;

/** An application handed in on paper, typed in as a draft; refusals under their fields. */
function PaperApplication() {
  const record = useRecordContext<Round>();
  const translate = useTranslate();
  const { run, errors, general, reset } = useDialogAction();
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
      error={general}
      onOpen={reset}
      onConfirm={() =>
        run(
          `/api/grants/rounds/${record.id}/applications`,
          { ...a, requested: yuanToFen(a.requested) ?? a.requested },
          { fields: PAPER_FIELDS },
        )
      }
    >
      <Stack spacing={2} sx={{ mt: 1 }}>
        {PAPER_FIELDS.map((f) => (
          <MuiTextField
            key={f}
            label={label(f)}
            multiline={f === 'summary'}
            minRows={f === 'summary' ? 3 : undefined}
            {...bind(f)}
            error={!!errors[f]}
            helperText={errors[f]}
          />
        ))}
      </Stack>
    </ActionDialog>
  );
}

function RubricTable() {
  const record = useRecordContext<Round>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (!Array.isArray(record?.rubric)) return null;
  const total = record.rubric.reduce((s, c) => s + c.weight, 0);
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
        {record.rubric.map((c) => (
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

function PublicFormLink() {
  const record = useRecordContext<Round>();
  const { data: form } = useGetOne<Form>(
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
        {can('GrantsFund', 'find') && (
          <ReferenceField
            source="fund.documentId"
            reference="grants-funds"
            link="show"
            label="resources.grants-rounds.fields.fund"
          />
        )}
        <FunctionField source="budget" render={(r: Round) => yuan(r.budget)} />
        <FunctionField source="cap" render={(r: Round) => yuan(r.cap)} />
        <FunctionField source="awarded" render={(r: Round) => yuan(r.awarded)} />
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
        {/* The ranking is staff's (a reviewer reads rounds, not the others' scores). */}
        {can('plugin::grants.grant-actions', 'ranking') && <Ranking />}
      </SimpleShowLayout>
    </Show>
  );
}
