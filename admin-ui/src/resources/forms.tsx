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
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import {
  AutocompleteInput,
  BooleanField,
  BooleanInput,
  Create,
  DataTable,
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
  Show,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  TextInput,
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
import { download, restJson } from '../rest';
import { formatDate } from '../dates';

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
        <DataTable.Col source="name" />
        <DataTable.Col source="slug" />
        <DataTable.Col source="purpose">
          <SelectField
            source="purpose"
            choices={choices('formPurpose', graphqlEnum(FORM_PURPOSES))}
          />
        </DataTable.Col>
        <DataTable.NumberCol source="liveVersion" />
        <DataTable.Col source="draft" label="linli.forms.has_draft">
          <FunctionField render={(r: Form) => (r.draft ? '✎' : '')} />
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

/** Versions with their submission counts, from the server. */
function Versions() {
  const record = useRecordContext<Form>();
  const translate = useTranslate();
  const [rows, setRows] = useState<
    { number: number; releasedAt: string; releasedBy: string | null; submissions: number }[] | null
  >(null);
  useEffect(() => {
    if (record?.id)
      restJson<typeof rows>(`/api/forms/forms/${record.id}/versions-summary`).then(setRows, () =>
        setRows([]),
      );
  }, [record?.id, record?.liveVersion]);
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
                  <strong>（{translate('linli.forms.live')}）</strong>
                )}
              </TableCell>
              <TableCell>{formatDate(v.releasedAt, true)}</TableCell>
              <TableCell>{v.releasedBy ?? ''}</TableCell>
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
  if (!record || !canDesign(permissions)) return null;
  const problems = record.draft ? definitionIssues(record.draft) : [];
  const publish = async () => {
    try {
      const form = await restJson<{ liveVersion: number }>(
        `/api/forms/forms/${record.id}/publish`,
        { method: 'POST' },
      );
      notify('linli.forms.published', {
        type: 'success',
        messageArgs: { version: form.liveVersion },
      });
      refresh();
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };
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
      <Button
        variant="contained"
        startIcon={<PublishIcon />}
        disabled={!record.draft || problems.length > 0 || !!record.archived}
        onClick={publish}
      >
        {translate('linli.forms.publish')}
      </Button>
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
  const lang = useLang();
  if (!record || record.purpose === 'custom_fields') return null;
  const url = `${location.origin}/f/${record.slug}`;
  const exportFile = (format: 'csv' | 'xlsx') =>
    download(
      `/api/forms/forms/${record.id}/export?format=${format}&lang=${lang}`,
      `${record.slug}-submissions.${format}`,
    );
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
      <Stack direction="row" spacing={1}>
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

function FormSettings({ create }: { create?: boolean }) {
  const purpose = useWatch({ name: 'purpose' });
  const access = useWatch({ name: 'access' });
  const record = useRecordContext<Form>();
  const published = !!record?.liveVersion;
  return (
    <>
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

export const FormEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show">
    <SimpleForm>
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
