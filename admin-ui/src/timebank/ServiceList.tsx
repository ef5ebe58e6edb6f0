import { PhoneOr } from '../PhoneList';
import {
  DataTable,
  DateField,
  FilterButton,
  List,
  ReferenceField,
  SearchInput,
  SelectField,
  SelectInput,
  TextField,
  TopToolbar,
  useTranslate,
} from 'react-admin';
import { areaSubtreeFilter } from '../AreaSubtreeFilter';
import { HOUR_TYPES, SERVICE_STATES, tbChoices } from './choices';
import { HoursField } from './shared';
import type { ServiceRecord } from './types';

function ServiceStateText({ state }: { state: string }) {
  const translate = useTranslate();
  return <>{translate(`linli.tb.enums.serviceState.${state}`)}</>;
}

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput
    key="state"
    source="state"
    choices={tbChoices('serviceState', SERVICE_STATES)}
    alwaysOn
  />,
  <SelectInput key="hourType" source="hourType" choices={tbChoices('hourType', HOUR_TYPES)} />,
  areaSubtreeFilter,
];

export function ServiceList() {
  return (
    <List
      filters={filters}
      sort={{ field: 'acceptedAt', order: 'DESC' }}
      actions={
        <TopToolbar>
          <FilterButton />
        </TopToolbar>
      }
    >
      <PhoneOr
        primaryText={(r: ServiceRecord) => `${r.number} · ${r.volunteer?.name ?? ''}`}
        secondaryText={(r: ServiceRecord) => r.request?.title ?? ''}
        tertiaryText={(r: ServiceRecord) => <ServiceStateText state={r.state} />}
      >
        <DataTable bulkActionButtons={false} rowClick="show">
          <DataTable.Col source="number">
            <TextField source="number" />
          </DataTable.Col>
          <DataTable.Col source="request">
            <ReferenceField
              source="request.documentId"
              reference="time-bank-requests"
              link={false}
            />
          </DataTable.Col>
          <DataTable.Col source="volunteer">
            <ReferenceField
              source="volunteer.documentId"
              reference="time-bank-members"
              link={false}
            />
          </DataTable.Col>
          <DataTable.Col source="recipient">
            <ReferenceField
              source="recipient.documentId"
              reference="time-bank-members"
              link={false}
            />
          </DataTable.Col>
          <DataTable.Col source="state">
            <SelectField source="state" choices={tbChoices('serviceState', SERVICE_STATES)} />
          </DataTable.Col>
          <DataTable.Col source="countedMinutes">
            <HoursField source="countedMinutes" />
          </DataTable.Col>
          <DataTable.Col source="checkedOutAt">
            <DateField source="checkedOutAt" showTime />
          </DataTable.Col>
        </DataTable>
      </PhoneOr>
    </List>
  );
}
