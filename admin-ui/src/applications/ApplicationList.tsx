import {
  AutocompleteInput,
  DataTable,
  FunctionField,
  List,
  ReferenceField,
  ReferenceInput,
  SearchInput,
  SelectField,
  SelectInput,
} from 'react-admin';
import { APPLICATION_STATUSES, choices } from '../choices';
import { percent } from '../grants/percent';
import { yuan } from '../money';

/* eslint-disable @typescript-eslint/no-explicit-any -- records and REST answers */

export function ApplicationList() {
  return (
    <List
      sort={{ field: 'score', order: 'DESC' }}
      filters={[
        <SearchInput key="q" source="q" alwaysOn />,
        <ReferenceInput key="round" source="round" reference="grants-rounds">
          <AutocompleteInput optionText="title" />
        </ReferenceInput>,
        <SelectInput
          key="status"
          source="status"
          choices={choices('applicationStatus', APPLICATION_STATUSES)}
        />,
      ]}
    >
      <DataTable bulkActionButtons={false}>
        <DataTable.Col source="projectTitle" />
        <DataTable.Col source="organisationName" />
        <DataTable.Col source="requested">
          <FunctionField render={(r: any) => yuan(r.requested)} />
        </DataTable.Col>
        <DataTable.Col source="score">
          <FunctionField render={(r: any) => percent(r.score)} />
        </DataTable.Col>
        <DataTable.Col source="status">
          <SelectField
            source="status"
            choices={choices('applicationStatus', APPLICATION_STATUSES)}
          />
        </DataTable.Col>
        <DataTable.Col source="round">
          <ReferenceField source="round.documentId" reference="grants-rounds" link={false} />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
