import { Box } from '@mui/material';
import {
  AutocompleteInput,
  Create,
  DataTable,
  DateField,
  DateInput,
  Edit,
  List,
  ReferenceField,
  ReferenceInput,
  SelectField,
  SelectInput,
  Show,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  TextInput,
  required,
  usePermissions,
  useRecordContext,
} from 'react-admin';
import { todayInChina } from '../../../cms/server/src/domain/china-time';
import { PhoneOr } from '../PhoneList';
import { hasPassedAssessment } from '../../../cms/server/src/domain/incubation-records';
import { NEXT_STAGES, STAGES, choices } from '../choices';
import { CustomFieldsInput, CustomFieldsShow, useCustomFieldsForList } from '../forms/customFields';
import { areaSubtreeFilter } from '../AreaSubtreeFilter';
import { columnsOf, nameCell } from '../exporters';
import { AssessmentsPanel, MilestonesPanel } from './AssessmentPanels';
import { HubField, MoveButtons, canWrite } from './shared';

const filters = [
  areaSubtreeFilter,
  <SelectInput key="stage" source="stage" choices={choices('stage', STAGES)} alwaysOn />,
  <ReferenceInput key="hub" source="hub" reference="cms-organisations" filter={{ kind: 'hub' }}>
    <AutocompleteInput optionText="name" />
  </ReferenceInput>,
];

const c = columnsOf('cms-incubations');

/** The CSV: who is incubated where, the stage and the date of each step, and the mentor. */
const columns = [
  c.related('organisation'),
  // As the list names it: a hub the server did not name is outside the viewer's area.
  c.custom('hub', (r, t) => nameCell(r.hub) || t('linli.board.hub_outside')),
  c.choice('stage', 'stage'),
  c.date('appliedOn'),
  c.date('assessingOn'),
  c.date('incubatingOn'),
  c.date('hatchedOn'),
  c.date('closedOn'),
  c.related('mentor'),
];

export function IncubationList() {
  const custom = useCustomFieldsForList('incubation', 'cms-incubations', columns);
  const { permissions } = usePermissions<string>();
  return (
    <List
      filters={[...filters, ...custom.filters]}
      exporter={custom.exporter}
      sort={{ field: 'appliedOn', order: 'DESC' }}
    >
      <PhoneOr
        primaryText={
          <ReferenceField
            source="organisation.documentId"
            reference="cms-organisations"
            link={false}
          />
        }
        secondaryText={<HubField />}
        tertiaryText={() => <SelectField source="stage" choices={choices('stage', STAGES)} />}
      >
        <DataTable bulkActionButtons={canWrite(permissions) ? undefined : false}>
          <DataTable.Col source="organisation">
            <ReferenceField
              source="organisation.documentId"
              reference="cms-organisations"
              link="show"
            />
          </DataTable.Col>
          {/* The hub's name as the incubation carries it: a hub outside the viewer's area is
            still named, though its own page is not theirs to open. */}
          <DataTable.Col source="hub">
            <HubField />
          </DataTable.Col>
          <DataTable.Col source="stage">
            <SelectField source="stage" choices={choices('stage', STAGES)} />
          </DataTable.Col>
          <DataTable.Col source="appliedOn">
            <DateField source="appliedOn" />
          </DataTable.Col>
          <DataTable.Col source="hatchedOn">
            <DateField source="hatchedOn" />
          </DataTable.Col>
        </DataTable>
      </PhoneOr>
    </List>
  );
}

/** The stage moves, confirmed where they end the incubation. */
function ShowMoves() {
  const record = useRecordContext<{
    id: string;
    stage: string;
    organisation?: { name?: string } | null;
    assessments?: unknown;
  }>();
  const { permissions } = usePermissions<string>();
  if (!record || !canWrite(permissions)) return null;
  return (
    <Box data-testid="show-moves">
      <MoveButtons
        id={record.id}
        stage={record.stage}
        name={record.organisation?.name ?? ''}
        passed={hasPassedAssessment(record.assessments)}
      />
    </Box>
  );
}

export const IncubationShow = () => (
  <Show>
    <SimpleShowLayout>
      <ReferenceField
        source="organisation.documentId"
        reference="cms-organisations"
        link="show"
        label="resources.cms-incubations.fields.organisation"
      />
      <HubField source="hub" />
      <SelectField source="stage" choices={choices('stage', STAGES)} />
      <ShowMoves />
      <DateField source="appliedOn" />
      <DateField source="assessingOn" />
      <DateField source="incubatingOn" />
      <DateField source="hatchedOn" />
      <DateField source="closedOn" />
      <TextField source="closedReason" emptyText="—" />
      <CustomFieldsShow appliesTo="incubation" />
      <AssessmentsPanel />
      <MilestonesPanel />
    </SimpleShowLayout>
  </Show>
);

/** Only the stage it is in and the legal next ones are offered. */
function StageInput() {
  const record = useRecordContext();
  const current = (record?.stage as string) ?? 'applied';
  const offered = [current, ...(NEXT_STAGES[current] ?? [])];
  return <SelectInput source="stage" choices={choices('stage', offered)} validate={required()} />;
}

export const IncubationEdit = () => (
  <Edit mutationMode="pessimistic">
    <SimpleForm>
      <StageInput />
      <DateInput source="appliedOn" />
      <DateInput source="assessingOn" />
      <DateInput source="incubatingOn" />
      <DateInput source="hatchedOn" />
      <DateInput source="closedOn" />
      {/* Required by the server when the stage ends the incubation (已退出, 未通过). */}
      <TextInput source="closedReason" multiline fullWidth />
      <CustomFieldsInput appliesTo="incubation" />
    </SimpleForm>
  </Edit>
);

export const IncubationCreate = () => (
  <Create redirect="show">
    <SimpleForm defaultValues={{ appliedOn: todayInChina() }}>
      <ReferenceInput
        source="organisation.documentId"
        reference="cms-organisations"
        filter={{ kind: 'social_organisation' }}
      >
        <AutocompleteInput
          optionText="name"
          validate={required()}
          label="resources.cms-incubations.fields.organisation"
        />
      </ReferenceInput>
      <ReferenceInput
        source="hub.documentId"
        reference="cms-organisations"
        filter={{ kind: 'hub' }}
      >
        <AutocompleteInput
          optionText="name"
          validate={required()}
          label="resources.cms-incubations.fields.hub"
        />
      </ReferenceInput>
      <DateInput source="appliedOn" />
      <CustomFieldsInput appliesTo="incubation" />
    </SimpleForm>
  </Create>
);
