import { PhoneOr } from '../PhoneList';
import {
  AutocompleteInput,
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
  TextField,
  TopToolbar,
  useTranslate,
} from 'react-admin';
import { areaSubtreeFilter } from '../AreaSubtreeFilter';
import { mayJoinMembers } from './access';
import { MEMBER_KINDS, MEMBER_STATUSES, tbChoices } from './choices';
import { starLevel } from './hours';
import { usePolicy } from './shared';
import type { MemberRecord } from './types';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="kind" source="kind" choices={tbChoices('memberKind', MEMBER_KINDS)} />,
  <ReferenceInput
    key="area"
    source="area"
    reference="cms-areas"
    filter={{ level: ['community', 'village'] }}
  >
    <AutocompleteInput optionText="name" />
  </ReferenceInput>,
  <SelectInput key="status" source="status" choices={tbChoices('memberStatus', MEMBER_STATUSES)} />,
  areaSubtreeFilter,
];

/** The stars a member has reached, from the cumulative minutes earned and the policy in force. */
export function Stars({ earned }: { earned: number | null | undefined }) {
  const policy = usePolicy();
  const translate = useTranslate();
  const thresholds = policy?.current?.policy.starThresholdsMinutes;
  if (!thresholds) return null;
  const level = starLevel(earned, thresholds);
  return (
    <span title={translate('linli.tb.members.level', { level })} data-testid="member-stars">
      {level > 0 ? '★'.repeat(level) : translate('linli.tb.members.no_star')}
    </span>
  );
}

export function MemberList() {
  return (
    <List
      filters={filters}
      sort={{ field: 'name', order: 'ASC' }}
      actions={
        <TopToolbar>
          <FilterButton />
          {mayJoinMembers() && <CreateButton label="linli.tb.members.join" />}
        </TopToolbar>
      }
    >
      <PhoneOr
        primaryText={(r: MemberRecord) => r.name}
        secondaryText={(r: MemberRecord) => r.passbookNo ?? ''}
        tertiaryText={(r: MemberRecord) => <Stars earned={r.earnedMinutes} />}
      >
        <DataTable bulkActionButtons={false} rowClick="show">
          <DataTable.Col source="kind">
            <SelectField source="kind" choices={tbChoices('memberKind', MEMBER_KINDS)} />
          </DataTable.Col>
          <DataTable.Col source="name" />
          <DataTable.Col source="passbookNo">
            <TextField source="passbookNo" />
          </DataTable.Col>
          <DataTable.Col source="area">
            <ReferenceField source="area.documentId" reference="cms-areas" link={false} />
          </DataTable.Col>
          <DataTable.Col source="status">
            <SelectField source="status" choices={tbChoices('memberStatus', MEMBER_STATUSES)} />
          </DataTable.Col>
          <DataTable.Col source="earnedMinutes" label="linli.tb.members.stars">
            <FunctionField render={(r: MemberRecord) => <Stars earned={r.earnedMinutes} />} />
          </DataTable.Col>
        </DataTable>
      </PhoneOr>
    </List>
  );
}
