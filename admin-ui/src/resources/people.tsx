import { Button, Stack, Tooltip } from '@mui/material';
import { useState } from 'react';
import {
  AutocompleteInput,
  BooleanField,
  BooleanInput,
  Create,
  DataTable,
  Edit,
  List,
  NullableBooleanInput,
  ReferenceField,
  ReferenceInput,
  SearchInput,
  Show,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  TextInput,
  regex,
  required,
  useNotify,
  usePermissions,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { postAction } from '../actions';
import { WRITERS } from '../choices';
import { CustomFieldsInput, CustomFieldsShow, useCustomFieldsForList } from '../forms/customFields';
import { areaSubtreeFilter } from '../AreaSubtreeFilter';
import { PhoneOr } from '../PhoneList';
import { columnsOf } from '../exporters';

const TAGS = [
  'isGridWorker',
  'isMicroGridMember',
  'isBuildingCaptain',
  'isVolunteer',
  'isDonor',
  'isResident',
] as const;
const canWrite = (role: string | undefined) => !!role && WRITERS['cms-people']?.includes(role);

const filters = [
  areaSubtreeFilter,
  <SearchInput key="q" source="q" alwaysOn />,
  <ReferenceInput
    key="community"
    source="community"
    reference="cms-areas"
    filter={{ level: ['community', 'village'] }}
  >
    <AutocompleteInput optionText="name" />
  </ReferenceInput>,
  ...TAGS.map((tag) => <NullableBooleanInput key={tag} source={tag} />),
];

const c = columnsOf('cms-people');

/**
 * The CSV: who and where, and each tag as 是/否. The ID number as the server sent it: masked,
 * as on the list (the whole number is only ever shown one person at a time, and logged).
 */
const columns = [
  c.text('name'),
  c.text('phone'),
  c.text('idNumber'),
  c.related('community'),
  c.related('compound'),
  ...TAGS.map((tag) => c.yesNo(tag)),
];

export function PersonList() {
  const custom = useCustomFieldsForList('person', 'cms-people', columns);
  const { permissions } = usePermissions<string>();
  return (
    <List
      filters={[...filters, ...custom.filters]}
      exporter={custom.exporter}
      sort={{ field: 'name', order: 'ASC' }}
    >
      {/* Sorted only by what has an index (name): at a city's scale a sort by another column
          reads and sorts every row in scope (75–1,900 ms at a million people). The tags, kinds
          and places are filters instead. README "City-wide lists". */}
      <PhoneOr
        primaryText={(r: { name?: string }) => r.name ?? ''}
        secondaryText={
          <ReferenceField source="community.documentId" reference="cms-areas" link={false} />
        }
        tertiaryText={(r: { phone?: string | null }) => r.phone ?? ''}
      >
        <DataTable bulkActionButtons={canWrite(permissions) ? undefined : false}>
          <DataTable.Col source="name" />
          <DataTable.Col source="phone" disableSort />
          <DataTable.Col source="community" disableSort>
            <ReferenceField
              source="community.documentId"
              reference="cms-areas"
              link="show"
              label="resources.cms-people.fields.community"
            />
          </DataTable.Col>
          <DataTable.Col source="isGridWorker" disableSort>
            <BooleanField source="isGridWorker" />
          </DataTable.Col>
          <DataTable.Col source="isMicroGridMember" disableSort>
            <BooleanField source="isMicroGridMember" />
          </DataTable.Col>
          <DataTable.Col source="isVolunteer" disableSort>
            <BooleanField source="isVolunteer" />
          </DataTable.Col>
        </DataTable>
      </PhoneOr>
    </List>
  );
}

/**
 * The ID number as the server sends it, masked even to the person's own community worker; 显示
 * asks the server for the whole number (it answers only to the person's own scope, and records
 * that it was looked at in the audit log), 隐藏 masks it again.
 */
// `source` names the field, and SimpleShowLayout labels it by its source.
function IdNumberField({ source }: { source: 'idNumber' }) {
  const record = useRecordContext<{ id: string; idNumber?: string | null }>();
  const translate = useTranslate();
  const notify = useNotify();
  const [whole, setWhole] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const shown = record?.[source];
  if (!record || !shown) return <TextField source={source} emptyText="—" />;
  const masked = shown.includes('*');
  const reveal = async () => {
    setBusy(true);
    try {
      const answer = await postAction<{ idNumber: string | null }>(
        `/api/cms/people/${record.id}/reveal-id-number`,
      );
      setWhole(answer.idNumber);
    } catch {
      notify('audit.reveal_failed', { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack direction="row" spacing={1} alignItems="center">
      <span data-testid="person-id-number">{whole ?? shown}</span>
      {masked && (
        <Tooltip title={translate('audit.reveal_hint')}>
          <Button
            size="small"
            disabled={busy}
            onClick={() => (whole ? setWhole(null) : void reveal())}
            data-testid="reveal-id-number"
          >
            {translate(whole ? 'audit.hide' : 'audit.reveal')}
          </Button>
        </Tooltip>
      )}
    </Stack>
  );
}

export const PersonShow = () => (
  <Show>
    <SimpleShowLayout>
      <TextField source="name" />
      <TextField source="phone" emptyText="—" />
      <IdNumberField source="idNumber" />
      <ReferenceField
        source="community.documentId"
        reference="cms-areas"
        link="show"
        label="resources.cms-people.fields.community"
      />
      <ReferenceField
        source="compound.documentId"
        reference="cms-compounds"
        link="show"
        label="resources.cms-people.fields.compound"
        emptyText="—"
      />
      {TAGS.map((tag) => (
        <BooleanField key={tag} source={tag} />
      ))}
      <CustomFieldsShow appliesTo="person" />
    </SimpleShowLayout>
  </Show>
);

/**
 * A whole ID number's shape; or the masked number as loaded (the server keeps the stored one
 * when it comes back unchanged), so a form that does not touch it still saves.
 */
const idNumberShape = (value: unknown) =>
  typeof value !== 'string' ||
  value === '' ||
  /^\d{17}[\dXx]$/.test(value) ||
  /^\d{3}\*{11}[\dXx]{4}$/.test(value)
    ? undefined
    : 'linli.validation.id_number';

function PersonForm() {
  return (
    <SimpleForm>
      <TextInput source="name" validate={required()} />
      <TextInput source="phone" validate={regex(/^1[3-9]\d{9}$/, 'linli.validation.phone')} />
      <TextInput source="idNumber" validate={idNumberShape} />
      <ReferenceInput
        source="community.documentId"
        reference="cms-areas"
        filter={{ level: ['community', 'village'] }}
      >
        <AutocompleteInput
          optionText="name"
          validate={required()}
          label="resources.cms-people.fields.community"
        />
      </ReferenceInput>
      <ReferenceInput source="compound.documentId" reference="cms-compounds">
        <AutocompleteInput optionText="name" label="resources.cms-people.fields.compound" />
      </ReferenceInput>
      {TAGS.map((tag) => (
        <BooleanInput key={tag} source={tag} />
      ))}
      <CustomFieldsInput appliesTo="person" />
    </SimpleForm>
  );
}

export const PersonEdit = () => (
  <Edit mutationMode="pessimistic">
    <PersonForm />
  </Edit>
);
export const PersonCreate = () => (
  <Create redirect="show">
    <PersonForm />
  </Create>
);
