import { PhoneOr } from '../PhoneList';
import { Stack } from '@mui/material';
import {
  DataTable,
  DateField,
  FilterButton,
  List,
  NumberField,
  ReferenceField,
  SearchInput,
  SelectField,
  SelectInput,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useRecordContext,
  useGetOne,
  useTranslate,
} from 'react-admin';
import { ConfirmButton } from '../actions';
import { areaSubtreeFilter } from '../AreaSubtreeFilter';
import { mayCancelRedemption, mayFulfil } from './access';
import { REDEMPTION_STATUSES, tbChoices } from './choices';
import { useHours } from './useHours';
import { HoursField, TB_API, useLocalised } from './shared';
import type { RedemptionRecord } from './types';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput
    key="status"
    source="status"
    choices={tbChoices('redemptionStatus', REDEMPTION_STATUSES)}
    alwaysOn
  />,
  areaSubtreeFilter,
];

function RedemptionStatus({ status }: { status: string }) {
  const translate = useTranslate();
  return <>{translate(`linli.tb.enums.redemptionStatus.${status}`)}</>;
}

/** 兑现 / 取消: fulfilling spends the held hours; cancelling gives them back. */
export function RedemptionButtons() {
  const r = useRecordContext<RedemptionRecord>();
  const translate = useTranslate();
  const hours = useHours();
  // The list's relation carries only the item's id: its name is read (and cached) here.
  const { data: item } = useGetOne<{ id: string; nameZh: string; nameEn?: string | null }>(
    'time-bank-catalogue-items',
    { id: r?.item?.documentId ?? '' },
    { enabled: !!r?.item?.documentId && r.status === 'reserved' },
  );
  const name = useLocalised();
  if (!r || r.status !== 'reserved') return null;
  const what = {
    item: item ? name(item.nameZh, item.nameEn) : '',
    quantity: r.quantity,
    name: r.member?.name ?? '',
    hours: hours(r.minutes),
  };
  return (
    <Stack direction="row" spacing={1} onClick={(e) => e.stopPropagation()}>
      {mayFulfil() && (
        <ConfirmButton
          label="linli.tb.redemptions.fulfil"
          testId="redemption-fulfil"
          url={`${TB_API}/redemptions/${r.id}/fulfil`}
          consequences={[
            translate('linli.tb.redemptions.fulfil_what', what),
            translate('linli.tb.redemptions.fulfil_final'),
          ]}
        />
      )}
      {mayCancelRedemption() && (
        <ConfirmButton
          label="linli.tb.redemptions.cancel"
          color="warning"
          testId="redemption-cancel"
          url={`${TB_API}/redemptions/${r.id}/cancel`}
          reason="required"
          consequences={[translate('linli.tb.redemptions.cancel_what', what)]}
        />
      )}
    </Stack>
  );
}

export function RedemptionList() {
  return (
    <List
      filters={filters}
      sort={{ field: 'createdAt', order: 'DESC' }}
      actions={
        <TopToolbar>
          <FilterButton />
        </TopToolbar>
      }
    >
      <PhoneOr
        primaryText={(r: RedemptionRecord) => `${r.number} · ${r.member?.name ?? ''}`}
        secondaryText={(r: RedemptionRecord) => <RedemptionStatus status={r.status} />}
      >
        <DataTable bulkActionButtons={false} rowClick="show">
          <DataTable.Col source="number">
            <TextField source="number" />
          </DataTable.Col>
          <DataTable.Col source="item">
            <ReferenceField
              source="item.documentId"
              reference="time-bank-catalogue-items"
              link={false}
            />
          </DataTable.Col>
          <DataTable.Col source="member">
            <ReferenceField source="member.documentId" reference="time-bank-members" link={false} />
          </DataTable.Col>
          <DataTable.Col source="quantity">
            <NumberField source="quantity" />
          </DataTable.Col>
          <DataTable.Col source="minutes">
            <HoursField source="minutes" />
          </DataTable.Col>
          <DataTable.Col source="status">
            <SelectField
              source="status"
              choices={tbChoices('redemptionStatus', REDEMPTION_STATUSES)}
            />
          </DataTable.Col>
          <DataTable.Col label="linli.tb.actions">
            <RedemptionButtons />
          </DataTable.Col>
        </DataTable>
      </PhoneOr>
    </List>
  );
}

export const RedemptionShow = () => (
  <Show>
    <SimpleShowLayout>
      <TextField source="number" />
      <SelectField source="status" choices={tbChoices('redemptionStatus', REDEMPTION_STATUSES)} />
      <RedemptionButtons />
      <ReferenceField source="item.documentId" reference="time-bank-catalogue-items" link="show" />
      <ReferenceField source="member.documentId" reference="time-bank-members" link="show" />
      <NumberField source="quantity" />
      <HoursField source="minutes" />
      <DateField source="fulfilledAt" showTime />
      <TextField source="fulfilledBy" />
      <DateField source="cancelledAt" showTime />
      <TextField source="cancelReason" />
    </SimpleShowLayout>
  </Show>
);
