import { PhoneOr } from '../PhoneList';
import {
  CreateButton,
  DataTable,
  FilterButton,
  FunctionField,
  List,
  ReferenceField,
  ReferenceInput,
  SearchInput,
  SelectField,
  SelectInput,
  AutocompleteInput,
  TopToolbar,
} from 'react-admin';
import { areaSubtreeFilter } from '../AreaSubtreeFilter';
import { formatDate } from '../dates';
import { mayPostRequest } from './access';
import { REQUEST_SIDES, REQUEST_STATUSES, tbChoices } from './choices';
import type { RequestRecord } from './types';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput
    key="status"
    source="status"
    choices={tbChoices('requestStatus', REQUEST_STATUSES)}
  />,
  <SelectInput key="side" source="side" choices={tbChoices('side', REQUEST_SIDES)} />,
  <ReferenceInput key="category" source="category" reference="time-bank-categories">
    <AutocompleteInput />
  </ReferenceInput>,
  areaSubtreeFilter,
];

/** When: one line for a window that starts and ends on the same day. */
export const windowOf = (r: { windowStart?: string | null; windowEnd?: string | null }) => {
  const start = formatDate(r.windowStart, true).slice(0, 16);
  const end = formatDate(r.windowEnd, true).slice(0, 16);
  return start.slice(0, 10) === end.slice(0, 10)
    ? `${start} – ${end.slice(11)}`
    : `${start} – ${end}`;
};

export function RequestList() {
  return (
    <List
      filters={filters}
      sort={{ field: 'windowStart', order: 'DESC' }}
      actions={
        <TopToolbar>
          <FilterButton />
          {mayPostRequest() && <CreateButton label="linli.tb.requests.create" />}
        </TopToolbar>
      }
    >
      <PhoneOr
        primaryText={(r: RequestRecord) => r.title}
        secondaryText={(r: RequestRecord) => windowOf(r)}
        tertiaryText={(r: RequestRecord) => `${r.taken ?? 0} / ${r.volunteersNeeded ?? 1}`}
      >
        <DataTable bulkActionButtons={false} rowClick="show">
          <DataTable.Col source="side">
            <SelectField source="side" choices={tbChoices('side', REQUEST_SIDES)} />
          </DataTable.Col>
          <DataTable.Col source="title" />
          <DataTable.Col source="category">
            <ReferenceField
              source="category.documentId"
              reference="time-bank-categories"
              link={false}
            />
          </DataTable.Col>
          <DataTable.Col source="member">
            <ReferenceField source="member.documentId" reference="time-bank-members" link="show" />
          </DataTable.Col>
          <DataTable.Col source="windowStart">
            <FunctionField render={windowOf} />
          </DataTable.Col>
          <DataTable.Col source="taken" label="linli.tb.requests.taken_of">
            <FunctionField
              render={(r: RequestRecord) => `${r.taken ?? 0} / ${r.volunteersNeeded ?? 1}`}
            />
          </DataTable.Col>
          <DataTable.Col source="status">
            <SelectField source="status" choices={tbChoices('requestStatus', REQUEST_STATUSES)} />
          </DataTable.Col>
        </DataTable>
      </PhoneOr>
    </List>
  );
}
