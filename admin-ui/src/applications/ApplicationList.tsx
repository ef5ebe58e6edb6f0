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
import type { Application } from '../grants/types';
import { columnsOf, useLabelledExporter } from '../exporters';
import { yuan } from '../money';
import { areaSubtreeFilter } from '../AreaSubtreeFilter';

const c = columnsOf('grants-applications');

/** The CSV: the list's columns and the applicant's code, receipt and review count, in words. */
const columns = [
  c.text('projectTitle'),
  c.text('organisationName'),
  c.text('creditCode'),
  c.related('round'),
  c.money('requested'),
  c.score('score'),
  c.number('reviewsSubmitted'),
  c.choice('status', 'applicationStatus'),
  c.text('receiptCode'),
];

export function ApplicationList() {
  const exporter = useLabelledExporter('grants-applications', columns);
  return (
    <List
      exporter={exporter}
      sort={{ field: 'score', order: 'DESC' }}
      filters={[
        areaSubtreeFilter,
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
          <FunctionField render={(r: Application) => yuan(r.requested)} />
        </DataTable.Col>
        <DataTable.Col source="score">
          <FunctionField render={(r: Application) => percent(r.score)} />
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
