import { DataTable, DateField, List, ReferenceField, SelectField, SelectInput } from 'react-admin';
import { REPORT_KINDS, REPORT_STATUSES, choices } from '../choices';
import { areaSubtreeFilter } from '../AreaSubtreeFilter';

export function ReportList() {
  return (
    <List
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
