import { DataTable, DateField, List, ReferenceField, SelectField, SelectInput } from 'react-admin';
import { REPORT_KINDS, REPORT_STATUSES, choices } from '../choices';
import { areaSubtreeFilter } from '../AreaSubtreeFilter';
import { columnsOf, useLabelledExporter, withRelatedNames } from '../exporters';

const c = columnsOf('grants-reports');

/** The CSV: the list's columns (the award by its project) and the report's figures. */
const columns = [
  c.related('award'),
  c.choice('kind', 'reportKind'),
  c.date('submittedOn'),
  c.number('beneficiaries'),
  // In hours, as the report's page shows them.
  c.custom(
    'volunteerMinutes',
    (r) => (typeof r.volunteerMinutes === 'number' ? (r.volunteerMinutes / 60).toFixed(1) : ''),
    'number',
  ),
  c.money('spending'),
  c.choice('status', 'reportStatus'),
  c.text('reviewNote'),
];

export function ReportList() {
  const exporter = useLabelledExporter(
    'grants-reports',
    columns,
    withRelatedNames('award', 'grants-awards', 'projectTitle'),
  );
  return (
    <List
      exporter={exporter}
      sort={{ field: 'submittedOn', order: 'DESC' }}
      filters={[
        areaSubtreeFilter,
        <SelectInput
          key="status"
          source="status"
          choices={choices('reportStatus', REPORT_STATUSES)}
          alwaysOn
        />,
        <SelectInput key="kind" source="kind" choices={choices('reportKind', REPORT_KINDS)} />,
      ]}
    >
      <DataTable bulkActionButtons={false}>
        <DataTable.Col source="award">
          <ReferenceField source="award.documentId" reference="grants-awards" link="show" />
        </DataTable.Col>
        <DataTable.Col source="kind">
          <SelectField source="kind" choices={choices('reportKind', REPORT_KINDS)} />
        </DataTable.Col>
        <DataTable.Col source="submittedOn">
          <DateField source="submittedOn" />
        </DataTable.Col>
        <DataTable.Col source="beneficiaries" />
        <DataTable.Col source="status">
          <SelectField source="status" choices={choices('reportStatus', REPORT_STATUSES)} />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
