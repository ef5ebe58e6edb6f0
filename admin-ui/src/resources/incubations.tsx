import { Box, Button, Card, CardContent, Stack, Typography } from '@mui/material';
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
  Title,
  required,
  useGetList,
  useNotify,
  usePermissions,
  useRecordContext,
  useTranslate,
  useRefresh,
  useUpdate,
  type RaRecord,
} from 'react-admin';
import { NEXT_STAGES, STAGES, WRITERS, choices } from '../choices';
import { CustomFieldsInput, CustomFieldsShow, useCustomFieldsForList } from '../forms/customFields';
import { areaSubtreeFilter } from '../AreaSubtreeFilter';

const canWrite = (role: string | undefined) => !!role && WRITERS['cms-incubations']?.includes(role);
const filters = [
  areaSubtreeFilter,
  <SelectInput key="stage" source="stage" choices={choices('stage', STAGES)} alwaysOn />,
  <ReferenceInput key="hub" source="hub" reference="cms-organisations" filter={{ kind: 'hub' }}>
    <AutocompleteInput optionText="name" />
  </ReferenceInput>,
];

export function IncubationList() {
  const custom = useCustomFieldsForList('incubation', 'incubations');
  const { permissions } = usePermissions<string>();
  return (
    <List
      filters={[...filters, ...custom.filters]}
      exporter={custom.exporter}
      sort={{ field: 'appliedOn', order: 'DESC' }}
    >
      <DataTable bulkActionButtons={canWrite(permissions) ? undefined : false}>
        <DataTable.Col source="organisation">
          <ReferenceField
            source="organisation.documentId"
            reference="cms-organisations"
            link="show"
          />
        </DataTable.Col>
        <DataTable.Col source="hub">
          <ReferenceField source="hub.documentId" reference="cms-organisations" link="show" />
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
    </List>
  );
}

export const IncubationShow = () => (
  <Show>
    <SimpleShowLayout>
      <ReferenceField source="organisation.documentId" reference="cms-organisations" link="show" />
      <ReferenceField source="hub.documentId" reference="cms-organisations" link="show" />
      <SelectField source="stage" choices={choices('stage', STAGES)} />
      <DateField source="appliedOn" />
      <DateField source="assessingOn" />
      <DateField source="incubatingOn" />
      <DateField source="hatchedOn" />
      <DateField source="closedOn" />
      <CustomFieldsShow appliesTo="incubation" />
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
      <CustomFieldsInput appliesTo="incubation" />
    </SimpleForm>
  </Edit>
);

export const IncubationCreate = () => (
  <Create redirect="show">
    <SimpleForm>
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

const BOARD_STAGES = ['applied', 'assessing', 'incubating', 'hatched'] as const;

type BoardRecord = RaRecord & {
  stage: string;
  organisation?: { name?: string };
  hub?: { name?: string };
};

function BoardCard({ record, canMove }: { record: BoardRecord; canMove: boolean }) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [update, { isPending }] = useUpdate();
  const move = (stage: string) =>
    update(
      'cms-incubations',
      { id: record.id, data: { stage }, previousData: record },
      {
        mutationMode: 'pessimistic',
        onSuccess: () => {
          notify('ra.notification.updated', { messageArgs: { smart_count: 1 } });
          // Both columns and their counts change: reload them all.
          refresh();
        },
        onError: (error: unknown) => notify((error as Error).message, { type: 'error' }),
      },
    );
  return (
    <Card variant="outlined" sx={{ mb: 1 }} data-testid="incubation-card">
      <CardContent sx={{ p: 1.5, '&:last-child': { pb: 1.5 } }}>
        <Typography variant="body2" fontWeight="bold">
          {record.organisation?.name}
        </Typography>
        <Typography variant="caption" color="text.secondary">
          {record.hub?.name}
        </Typography>
        {canMove && (
          <Stack direction="row" spacing={0.5} sx={{ mt: 1, flexWrap: 'wrap' }}>
            {(NEXT_STAGES[record.stage] ?? []).map((next) => (
              <Button
                key={next}
                size="small"
                variant="outlined"
                disabled={isPending}
                onClick={() => move(next)}
              >
                {translate(`enums.stage.${next}`)}
              </Button>
            ))}
          </Stack>
        )}
      </CardContent>
    </Card>
  );
}

function BoardColumn({ stage, canMove }: { stage: string; canMove: boolean }) {
  const translate = useTranslate();
  const { data = [], total } = useGetList('cms-incubations', {
    filter: { stage },
    pagination: { page: 1, perPage: 20 },
    sort: { field: 'updatedAt', order: 'DESC' },
  });
  return (
    <Box sx={{ flex: 1, minWidth: 220 }} data-testid={`board-${stage}`}>
      <Typography variant="subtitle1" sx={{ mb: 1 }}>
        {translate(`enums.stage.${stage}`)} ({total ?? '…'})
      </Typography>
      {data.map((record) => (
        <BoardCard key={record.id} record={record as BoardRecord} canMove={canMove} />
      ))}
    </Box>
  );
}

/** The pipeline by stage; each card offers only its legal next stages. */
export function IncubationBoard() {
  const translate = useTranslate();
  const { permissions } = usePermissions<string>();
  return (
    <Box sx={{ p: 2 }}>
      <Title title={translate('linli.board.title')} />
      <Stack direction="row" spacing={2} sx={{ overflowX: 'auto' }}>
        {BOARD_STAGES.map((stage) => (
          <BoardColumn key={stage} stage={stage} canMove={canWrite(permissions)} />
        ))}
      </Stack>
    </Box>
  );
}
