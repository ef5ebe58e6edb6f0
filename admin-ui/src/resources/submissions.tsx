import DownloadIcon from '@mui/icons-material/Download';
import { Button, Typography } from '@mui/material';
import {
  AutocompleteInput,
  DataTable,
  DateField,
  DateTimeInput,
  Edit,
  FilterButton,
  FunctionField,
  List,
  NumberInput,
  ReferenceField,
  ReferenceInput,
  SaveButton,
  SearchInput,
  SelectField,
  SelectInput,
  Show,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  TextInput,
  Toolbar,
  TopToolbar,
  useListContext,
  useNotify,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { Link } from 'react-router-dom';
import { SUBMISSION_STATUSES, choices, graphqlEnum } from '../choices';
import { Answers, useVersionDefinition } from '../forms/answers';
import { useLang } from '../forms/Designer';
import type { Submission } from '../forms/types';
import { download } from '../rest';
import { areaSubtreeFilter } from '../AreaSubtreeFilter';

const filters = [
  areaSubtreeFilter,
  <SearchInput key="q" source="q" alwaysOn />,
  <ReferenceInput key="form" source="form" reference="forms-forms" alwaysOn>
    <AutocompleteInput optionText="name" sx={{ minWidth: 240 }} />
  </ReferenceInput>,
  <SelectInput
    key="status"
    source="status"
    choices={choices('submissionStatus', graphqlEnum(SUBMISSION_STATUSES))}
  />,
  <NumberInput key="versionNumber" source="versionNumber" />,
  <DateTimeInput key="from" source="createdAt_gte" label="linli.filter.from" />,
  <DateTimeInput key="to" source="createdAt_lte" label="linli.filter.to" />,
];

/** Export under each version's labels (CSV or Excel): needs one form chosen in the filter. */
function ExportButtons() {
  const { filterValues } = useListContext();
  const translate = useTranslate();
  const notify = useNotify();
  const lang = useLang();
  const form = filterValues.form as string | undefined;
  // The REST export reads stored values: in-progress, not GraphQL's in_progress.
  const status = filterValues.status
    ? `&status=${encodeURIComponent(String(filterValues.status).replace(/_/g, '-'))}`
    : '';
  const go = (format: 'csv' | 'xlsx') =>
    form &&
    download(
      `/api/forms/forms/${form}/export?format=${format}&lang=${lang}${status}`,
      `submissions.${format}`,
    ).catch(() => notify('linli.sheets.download_failed', { type: 'error' }));
  return (
    <>
      <Button
        size="small"
        startIcon={<DownloadIcon />}
        disabled={!form}
        title={form ? '' : translate('linli.forms.choose_form')}
        onClick={() => go('csv')}
      >
        {translate('linli.forms.export_csv')}
      </Button>
      <Button
        size="small"
        startIcon={<DownloadIcon />}
        disabled={!form}
        title={form ? '' : translate('linli.forms.choose_form')}
        onClick={() => go('xlsx')}
      >
        {translate('linli.forms.export_xlsx')}
      </Button>
    </>
  );
}

export function SubmissionList() {
  return (
    <List
      filters={filters}
      sort={{ field: 'createdAt', order: 'DESC' }}
      exporter={false}
      actions={
        <TopToolbar>
          <FilterButton />
          <ExportButtons />
        </TopToolbar>
      }
    >
      <DataTable bulkActionButtons={false}>
        <DataTable.Col source="receiptCode" />
        <DataTable.Col source="form">
          <ReferenceField source="form.documentId" reference="forms-forms" link="show" />
        </DataTable.Col>
        <DataTable.NumberCol source="versionNumber" />
        <DataTable.Col source="status">
          <SelectField
            source="status"
            choices={choices('submissionStatus', graphqlEnum(SUBMISSION_STATUSES))}
          />
        </DataTable.Col>
        <DataTable.Col source="submitterName" />
        <DataTable.Col source="createdAt">
          <DateField source="createdAt" showTime />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}

function SubmissionAnswers() {
  const record = useRecordContext<Submission>();
  const translate = useTranslate();
  const lang = useLang();
  const definition = useVersionDefinition(record?.formKey, record?.versionNumber);
  if (!record || !definition) return null;
  return (
    <>
      <Typography variant="subtitle1">{translate('linli.forms.answers')}</Typography>
      <Answers definition={definition} data={record.data ?? {}} lang={lang} />
    </>
  );
}

const TARGET_RESOURCE: Record<string, string> = {
  'plugin::cms.incubation': 'cms-incubations',
  'plugin::cms.organisation': 'cms-organisations',
};

export function SubmissionShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="receiptCode" />
        <ReferenceField
          source="form.documentId"
          reference="forms-forms"
          link="show"
          label="resources.forms-submissions.fields.form"
        />
        <TextField source="versionNumber" />
        <SelectField
          source="status"
          choices={choices('submissionStatus', graphqlEnum(SUBMISSION_STATUSES))}
        />
        <TextField source="statusNote" />
        <TextField source="submitterName" />
        <DateField source="createdAt" showTime />
        <FunctionField
          source="target"
          render={(r: Submission) =>
            r.target && TARGET_RESOURCE[r.target.uid] ? (
              <Link to={`/${TARGET_RESOURCE[r.target.uid]}/${r.target.documentId}/show`}>
                {r.target.label ?? r.target.documentId}
              </Link>
            ) : (
              ''
            )
          }
        />
        <SubmissionAnswers />
      </SimpleShowLayout>
    </Show>
  );
}

/** Save only: the server keeps every submission, so no delete is offered that it would refuse. */
function SubmissionEditToolbar() {
  const translate = useTranslate();
  return (
    <Toolbar sx={{ justifyContent: 'space-between' }}>
      <SaveButton />
      <Typography variant="body2" color="text.secondary">
        {translate('linli.sheets.submissions_kept')}
      </Typography>
    </Toolbar>
  );
}

/** Staff move a submission along and note why; the answers themselves never change. */
export const SubmissionEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show">
    <SimpleForm toolbar={<SubmissionEditToolbar />}>
      <TextField source="receiptCode" />
      <SelectInput
        source="status"
        choices={choices('submissionStatus', graphqlEnum(SUBMISSION_STATUSES))}
      />
      <TextInput source="statusNote" multiline fullWidth />
      <SubmissionAnswers />
    </SimpleForm>
  </Edit>
);
