import {
  DataTable,
  DateField,
  FunctionField,
  List,
  ReferenceField,
  SearchInput,
  SelectField,
  SelectInput,
} from 'react-admin';
import { ROUND_STATUSES, choices } from '../choices';
import type { Round } from '../grants/types';
import { yuan } from '../money';
import { areaSubtreeFilter } from '../AreaSubtreeFilter';
import { LocalisedName, localisedName } from '../LocalisedName';
import { columnsOf, useLabelledExporter, type Column } from '../exporters';
import { can } from '../authProvider';

const c = columnsOf('grants-rounds');
const titleOf = localisedName('title', 'titleEn');

/** The CSV: the list's columns and the cap per project; the fund only for roles that read funds. */
const columns = (withFund: boolean): Column[] => [
  c.custom('title', (r) => titleOf(r)),
  ...(withFund ? [c.related('fund')] : []),
  c.choice('status', 'roundStatus'),
  c.money('budget'),
  c.money('cap'),
  c.money('awarded'),
  c.date('opensOn'),
  c.date('closesOn'),
];

export function RoundList() {
  const exporter = useLabelledExporter('grants-rounds', columns(can('GrantsFund', 'find')));
  return (
    <List
      exporter={exporter}
      sort={{ field: 'opensOn', order: 'DESC' }}
      filters={[
        areaSubtreeFilter,
        <SearchInput key="q" source="q" alwaysOn />,
        <SelectInput
          key="status"
          source="status"
          choices={choices('roundStatus', ROUND_STATUSES)}
        />,
      ]}
    >
      <DataTable bulkActionButtons={false}>
        <DataTable.Col source="title">
          <LocalisedName zh="title" en="titleEn" />
        </DataTable.Col>
        {/* Reviewers may not read funds: an empty column would only puzzle them. */}
        {can('GrantsFund', 'find') && (
          <DataTable.Col source="fund">
            <ReferenceField source="fund.documentId" reference="grants-funds" link={false} />
          </DataTable.Col>
        )}
        <DataTable.Col source="status">
          <SelectField source="status" choices={choices('roundStatus', ROUND_STATUSES)} />
        </DataTable.Col>
        <DataTable.Col source="budget">
          <FunctionField render={(r: Round) => yuan(r.budget)} />
        </DataTable.Col>
        <DataTable.Col source="awarded">
          <FunctionField render={(r: Round) => yuan(r.awarded)} />
        </DataTable.Col>
        <DataTable.Col source="opensOn">
          <DateField source="opensOn" />
        </DataTable.Col>
        <DataTable.Col source="closesOn">
          <DateField source="closesOn" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
