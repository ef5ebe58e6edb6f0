import { PhoneOr } from '../PhoneList';
import {
  CreateButton,
  DataTable,
  DateField,
  Edit,
  Create,
  FilterButton,
  List,
  ReferenceField,
  SearchInput,
  SelectField,
  SelectInput,
  TopToolbar,
  useRecordContext,
  SaveButton,
  Toolbar,
} from 'react-admin';
import { areaSubtreeFilter } from '../AreaSubtreeFilter';
import { can } from '../authProvider';
import { formatDate } from '../dates';
import { ACTIVITY_STATUSES, tbChoices } from './choices';
import { ActivityForm } from './ActivityInputs';
import type { ActivityRecord } from './types';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput
    key="status"
    source="status"
    choices={tbChoices('activityStatus', ACTIVITY_STATUSES)}
  />,
  areaSubtreeFilter,
];

export function ActivityList() {
  return (
    <List
      filters={filters}
      sort={{ field: 'startsAt', order: 'DESC' }}
      actions={
        <TopToolbar>
          <FilterButton />
          {can('TimeBankActivity', 'create') && <CreateButton />}
        </TopToolbar>
      }
    >
      <PhoneOr
        primaryText={(r: ActivityRecord) => r.title}
        secondaryText={(r: ActivityRecord) =>
          `${formatDate(r.startsAt, true).slice(0, 16)} ${r.place ?? ''}`
        }
      >
        <DataTable bulkActionButtons={false} rowClick="show">
          <DataTable.Col source="title" />
          <DataTable.Col source="category">
            <ReferenceField
              source="category.documentId"
              reference="time-bank-categories"
              link={false}
            />
          </DataTable.Col>
          <DataTable.Col source="area">
            <ReferenceField source="area.documentId" reference="cms-areas" link={false} />
          </DataTable.Col>
          <DataTable.Col source="place" />
          <DataTable.Col source="startsAt">
            <DateField source="startsAt" showTime />
          </DataTable.Col>
          <DataTable.Col source="capacity" />
          <DataTable.Col source="status">
            <SelectField source="status" choices={tbChoices('activityStatus', ACTIVITY_STATUSES)} />
          </DataTable.Col>
        </DataTable>
      </PhoneOr>
    </List>
  );
}

export const ActivityCreate = () => (
  <Create redirect="show">
    <ActivityForm />
  </Create>
);

/** A credited or cancelled activity is closed: nothing to save. */
function ActivityToolbar() {
  const record = useRecordContext<ActivityRecord>();
  return <Toolbar>{record?.status === 'open' && <SaveButton />}</Toolbar>;
}

export const ActivityEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show">
    <ActivityForm toolbar={<ActivityToolbar />} />
  </Edit>
);
