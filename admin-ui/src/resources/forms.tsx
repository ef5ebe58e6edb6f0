import ArchiveIcon from '@mui/icons-material/Archive';
import DownloadIcon from '@mui/icons-material/Download';
import PublishIcon from '@mui/icons-material/Publish';
import UnarchiveIcon from '@mui/icons-material/Unarchive';
import {
  Alert,
  Box,
  Button,
  Link as MuiLink,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { Link } from 'react-router-dom';
import {
  AutocompleteInput,
  BooleanField,
  BooleanInput,
  Create,
  DataTable,
  DeleteWithConfirmButton,
  DateField,
  DateTimeInput,
  Edit,
  FunctionField,
  Labeled,
  List,
  NullableBooleanInput,
  SearchInput,
  SelectArrayInput,
  SelectField,
  SelectInput,
  ReferenceInput,
  SaveButton,
  Show,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  TextInput,
  Toolbar,
  required,
  useDataProvider,
  useInput,
  useNotify,
  usePermissions,
  useRecordContext,
  useRefresh,
  useTranslate,
  useUpdate,
} from 'react-admin';
import { useWatch } from 'react-hook-form';
import { definitionIssues } from '../../../plugins/forms/server/src/domain/definition';
import type { FormDefinition } from '../../../plugins/forms/server/src/domain/fields';
import {
  CUSTOM_FIELD_TARGETS,
  FORM_ACCESS,
  FORM_PURPOSES,
  WRITERS,
  choices,
  graphqlEnum,
} from '../choices';
import { Designer, useLang } from '../forms/Designer';
import type { Form, FormVersion } from '../forms/types';
import { ConfirmButton } from '../actions';
import { download, useRest } from '../rest';
import { formatDate } from '../dates';
import { actorText } from '../audit/describe';
import { usePunctuation } from '../punctuation';
import { can } from '../authProvider';
import { LocalisedName } from '../LocalisedName';

const ROLE_CHOICES = [
  'foundation-staff',
  'incubator',
  'community-worker',
  'reviewer',
  'volunteer',
  'resident',
].map((id) => ({
  id,
  name: `enums.role.${id}`,
}));

const canDesign = (role: string | undefined) => !!role && WRITERS['forms-forms']?.includes(role);

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput
    key="purpose"
    source="purpose"
    choices={choices('formPurpose', graphqlEnum(FORM_PURPOSES))}
  />,
  <NullableBooleanInput key="archived" source="archived" />,
];

export function FormList() {
  return (
    <List filters={filters} sort={{ field: 'updatedAt', order: 'DESC' }} exporter={false}>
      <DataTable bulkActionButtons={false}>
        <DataTable.Col source="name">
          <LocalisedName zh="name" en="nameEn" />
        </DataTable.Col>
        <DataTable.Col source="slug" />
        <DataTable.Col source="purpose">
          <SelectField
            source="purpose"
            choices={choices('formPurpose', graphqlEnum(FORM_PURPOSES))}
          />
        </DataTable.Col>
        <DataTable.NumberCol source="liveVersion" />
        <DataTable.Col source="draft" label="linli.forms.has_draft">
          {/* Both states, as 已归档 beside it: an empty cell read as "not known". */}
          <FunctionField
            render={(r: Form) => (
              <BooleanField record={{ id: r.id, draft: !!r.draft }} source="draft" />
            )}
          />
        </DataTable.Col>
        <DataTable.Col source="archived">
          <BooleanField source="archived" />
        </DataTable.Col>
        <DataTable.Col source="updatedAt">
          <DateField source="updatedAt" showTime />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}

interface VersionSummary {
  number: number;
  releasedAt: string;
  releasedBy: string | null;
  submissions: number;
}

/**
 * A form's published versions with their submission counts, from the server (kept in the query
 * cache, so publishing reloads it); null until known.
 */
function useVersionSummary(form: Form | undefined): VersionSummary[] | null {
  return useRest<VersionSummary[]>(
    form?.id ? `/api/forms/forms/${form.id}/versions-summary` : null,
  );
}

/** How many submissions a form has; null until known. */
function useSubmissionCount(form: Form | undefined): number | null {
  const rows = useVersionSummary(form);
  return rows ? rows.reduce((n, v) => n + v.submissions, 0) : null;
}

/** Versions with their submission counts, from the server. */
function Versions() {
  const record = useRecordContext<Form>();
  const translate = useTranslate();
  const p = usePunctuation();
  const rows = useVersionSummary(record);
  if (!record || !rows) return null;
  return (
    <Box>
      <Typography variant="subtitle1">{translate('linli.forms.versions')}</Typography>
      <Table size="small" data-testid="versions">
        <TableHead>
          <TableRow>
            <TableCell>{translate('resources.forms-form-versions.fields.number')}</TableCell>
            <TableCell>{translate('resources.forms-form-versions.fields.releasedAt')}</TableCell>
            <TableCell>{translate('resources.forms-form-versions.fields.releasedBy')}</TableCell>
            <TableCell align="right">{translate('linli.forms.submissions')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((v) => (
            <TableRow key={v.number}>
              <TableCell>
                v{v.number}{' '}
                {v.number === record.liveVersion && (
                  <strong>{p.paren(translate('linli.forms.live'))}</strong>
                )}
              </TableCell>
              <TableCell>{formatDate(v.releasedAt, true)}</TableCell>
              <TableCell>{actorText(v.releasedBy, translate)}</TableCell>
              <TableCell align="right">
                <Link
                  to={`/forms-submissions?filter=${encodeURIComponent(JSON.stringify({ form: record.id, versionNumber: v.number }))}`}
                >
                  {v.submissions}
                </Link>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

function PublishingActions() {
  const record = useRecordContext<Form>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const { permissions } = usePermissions<string>();
  const [update] = useUpdate();
  const submissions = useSubmissionCount(record);
  if (!record || !canDesign(permissions)) return null;
  const problems = record.draft ? definitionIssues(record.draft) : [];
  const version = (record.liveVersion ?? 0) + 1;
  const internal = record.purpose === 'custom_fields';
  // Publishing cannot be undone (a version never changes): say what goes live, and where.
  const consequences = [
    internal ? (
      translate('linli.sheets.publish_live_internal', { version })
    ) : (
      <span key="live" data-testid="publish-live">
        {translate('linli.sheets.publish_live', {
          version,
          url: `${location.origin}/f/${record.slug}`,
        })}
      </span>
    ),
    submissions
      ? translate('linli.sheets.publish_kept', { count: submissions })
      : translate('linli.sheets.publish_none_yet'),
    translate('linli.sheets.publish_frozen'),
  ];
  const archive = (archived: boolean) =>
    update(
      'forms-forms',
      { id: record.id, data: { archived }, previousData: record },
      {
        mutationMode: 'pessimistic',
        onSuccess: () => refresh(),
        onError: (e: Error) => notify(e.message, { type: 'error' }),
      },
    );
  return (
    <Stack direction="row" spacing={1} sx={{ my: 1 }}>
      <ConfirmButton
        label="linli.forms.publish"
        confirmLabel="linli.sheets.publish_confirm"
        url={`/api/forms/forms/${record.id}/publish`}
        consequences={consequences}
        variant="contained"
        startIcon={<PublishIcon />}
        testId="publish"
        disabled={!record.draft || problems.length > 0 || !!record.archived}
        done="linli.sheets.published"
      />
      {record.archived ? (
        <Button startIcon={<UnarchiveIcon />} onClick={() => archive(false)}>
          {translate('linli.forms.unarchive')}
        </Button>
      ) : (
        <Button startIcon={<ArchiveIcon />} onClick={() => archive(true)}>
          {translate('linli.forms.archive')}
        </Button>
      )}
    </Stack>
  );
}

function PublicAccess() {
  const record = useRecordContext<Form>();
  const translate = useTranslate();
  const notify = useNotify();
  const lang = useLang();
  if (!record || record.purpose === 'custom_fields') return null;
  const url = `${location.origin}/f/${record.slug}`;
  const exportFile = (format: 'csv' | 'xlsx') =>
    download(
      `/api/forms/forms/${record.id}/export?format=${format}&lang=${lang}`,
      `${record.slug}-submissions.${format}`,
    ).catch(() => notify('linli.sheets.download_failed', { type: 'error' }));
  return (
    <Stack spacing={1}>
      {record.archived && <Alert severity="info">{translate('linli.forms.archived_note')}</Alert>}
      <Labeled label="linli.forms.public_link">
        <MuiLink href={url} target="_blank" rel="noopener" data-testid="public-link">
          {url}
        </MuiLink>
      </Labeled>
      {record.liveVersion && (
        <Labeled label="linli.forms.qr">
          <Stack direction="row" spacing={2} alignItems="center">
            <img
              src={`/api/forms/${record.slug}/qr.svg`}
              alt="QR"
              width={160}
              height={160}
              data-testid="qr"
            />
            <Stack spacing={1}>
              <Button
                startIcon={<DownloadIcon />}
                href={`/api/forms/${record.slug}/qr.png`}
                download={`${record.slug}-qr.png`}
              >
                {translate('linli.forms.download_png')}
              </Button>
              <Button
                startIcon={<DownloadIcon />}
                href={`/api/forms/${record.slug}/qr.svg`}
                download={`${record.slug}-qr.svg`}
              >
                {translate('linli.forms.download_svg')}
              </Button>
            </Stack>
          </Stack>
        </Labeled>
      )}
      {/* Submissions and their export are for roles that may read submissions (a reviewer may
          read forms but not what residents sent): offer no button that would end in a refusal. */}
      {can('FormsSubmission', 'find') && (
        <Stack direction="row" spacing={1} data-testid="form-submission-actions">
          <Button
            component={Link}
            to={`/forms-submissions?filter=${encodeURIComponent(JSON.stringify({ form: record.id }))}`}
          >
            {translate('linli.forms.view_submissions')}
          </Button>
          <Button startIcon={<DownloadIcon />} onClick={() => exportFile('csv')}>
            {translate('linli.forms.export_csv')}
          </Button>
          <Button startIcon={<DownloadIcon />} onClick={() => exportFile('xlsx')}>
            {translate('linli.forms.export_xlsx')}
          </Button>
        </Stack>
      )}
    </Stack>
  );
}

export function FormShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="name" />
        <TextField source="nameEn" />
        <TextField source="slug" />
        <SelectField
          source="purpose"
          choices={choices('formPurpose', graphqlEnum(FORM_PURPOSES))}
        />
        <SelectField
          source="appliesTo"
          choices={choices('customFieldTarget', CUSTOM_FIELD_TARGETS)}
        />
        <SelectField source="access" choices={choices('formAccess', graphqlEnum(FORM_ACCESS))} />
        <FunctionField
          source="roles"
          render={(r: Form) => (Array.isArray(r.roles) ? r.roles.join('、') : '')}
        />
        <DateField source="opensAt" showTime />
        <DateField source="closesAt" showTime />
        <TextField source="liveVersion" />
        <TextField source="description" />
        <PublishingActions />
        <PublicAccess />
        <Versions />
      </SimpleShowLayout>
    </Show>
  );
}

/** The draft, edited in the designer; a published form without a draft starts one from its live version. */
function DraftInput() {
  const translate = useTranslate();
  const dataProvider = useDataProvider();
  const record = useRecordContext<Form>();
  const { field } = useInput({
    source: 'draft',
    validate: (value: unknown) =>
      value && definitionIssues(value).length > 0 ? 'linli.forms.problems' : undefined,
  });
  const draft = field.value as FormDefinition | null;
  // Offered only for a published form (below), so the record is there.
  const startFromLive = async () => {
    if (!record) return;
    const { data } = await dataProvider.getList<FormVersion>('forms-form-versions', {
      filter: { formKey: record.id, number: record.liveVersion },
      pagination: { page: 1, perPage: 1 },
      sort: { field: 'number', order: 'DESC' },
    });
    field.onChange(structuredClone(data[0]?.definition ?? { fields: [] }));
  };
  if (!draft) {
    return (
      <Stack spacing={1} sx={{ my: 2 }}>
        <Typography>{translate('linli.forms.no_draft')}</Typography>
        <Stack direction="row" spacing={1}>
          {record?.liveVersion && (
            <Button variant="outlined" onClick={startFromLive}>
              {translate('linli.forms.start_draft', { version: record.liveVersion })}
            </Button>
          )}
          <Button onClick={() => field.onChange({ fields: [] })}>
            {translate('linli.forms.start_blank')}
          </Button>
        </Stack>
      </Stack>
    );
  }
  return (
    <Box sx={{ width: '100%', my: 2 }}>
      <Typography variant="h6">{translate('linli.forms.designer')}</Typography>
      <Designer value={draft} onChange={(next) => field.onChange(next)} />
    </Box>
  );
}

/**
 * A published form's settings are its record (saving changes the live page at once), its fields
 * are versioned (they wait in the draft until published): the edit page says which is which.
 */
function WhenChangesApply() {
  const translate = useTranslate();
  return (
    <Alert severity="info" sx={{ mb: 2, width: '100%' }} data-testid="when-changes-apply">
      <Typography variant="body2">{translate('linli.sheets.saved_at_once')}</Typography>
      <Typography variant="body2">{translate('linli.sheets.wait_for_publish')}</Typography>
    </Alert>
  );
}

function FormSettings({ create }: { create?: boolean }) {
  const purpose = useWatch({ name: 'purpose' });
  const access = useWatch({ name: 'access' });
  const record = useRecordContext<Form>();
  const published = !!record?.liveVersion;
  return (
    <>
      {published && <WhenChangesApply />}
      <Stack direction="row" spacing={2} flexWrap="wrap" useFlexGap>
        <TextInput source="name" validate={required()} />
        <TextInput source="nameEn" />
        <TextInput source="slug" validate={required()} disabled={published} helperText={false} />
        <SelectInput
          source="purpose"
          choices={choices('formPurpose', graphqlEnum(FORM_PURPOSES))}
          validate={required()}
          defaultValue="standalone"
          disabled={published}
        />
        {purpose === 'custom_fields' && (
          <SelectInput
            source="appliesTo"
            choices={choices('customFieldTarget', CUSTOM_FIELD_TARGETS)}
            validate={required()}
          />
        )}
      </Stack>
      {purpose !== 'custom_fields' && (
        <Stack direction="row" spacing={2} flexWrap="wrap" useFlexGap>
          <SelectInput
            source="access"
            choices={choices('formAccess', graphqlEnum(FORM_ACCESS))}
            defaultValue="anyone"
            validate={required()}
          />
          {access === 'roles' && <SelectArrayInput source="roles" choices={ROLE_CHOICES} />}
          <DateTimeInput source="opensAt" />
          <DateTimeInput source="closesAt" />
        </Stack>
      )}
      <Stack direction="row" spacing={2} flexWrap="wrap" useFlexGap sx={{ width: '100%' }}>
        <TextInput source="description" multiline sx={{ flex: 1, minWidth: 280 }} />
        <TextInput source="descriptionEn" multiline sx={{ flex: 1, minWidth: 280 }} />
      </Stack>
      {purpose === 'incubation_application' && (
        <ReferenceInput
          source="settings.hub"
          reference="cms-organisations"
          filter={{ kind: 'hub' }}
        >
          <AutocompleteInput optionText="name" label="linli.forms.hub" sx={{ minWidth: 320 }} />
        </ReferenceInput>
      )}
      {!create && <BooleanInput source="archived" />}
      <DraftInput />
    </>
  );
}

/**
 * Save, and delete only while the form has no submissions (the server refuses it after that:
 * a form with submissions is archived), behind a dialog that says it cannot be undone.
 */
function FormEditToolbar() {
  const record = useRecordContext<Form>();
  const translate = useTranslate();
  const submissions = useSubmissionCount(record);
  return (
    <Toolbar sx={{ justifyContent: 'space-between' }}>
      <SaveButton />
      {submissions === 0 && record && (
        <DeleteWithConfirmButton
          mutationMode="pessimistic"
          confirmTitle={translate('linli.sheets.delete_form_title', { name: record.name })}
          confirmContent="linli.sheets.delete_form_content"
        />
      )}
      {!!submissions && (
        <Typography variant="body2" color="text.secondary" data-testid="delete-blocked">
          {translate('linli.sheets.delete_blocked', { count: submissions })}
        </Typography>
      )}
    </Toolbar>
  );
}

export const FormEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show">
    <SimpleForm toolbar={<FormEditToolbar />}>
      <FormSettings />
    </SimpleForm>
  </Edit>
);

export const FormCreate = () => (
  <Create redirect="show">
    <SimpleForm defaultValues={{ draft: { fields: [] }, purpose: 'standalone', access: 'anyone' }}>
      <FormSettings create />
    </SimpleForm>
  </Create>
);
