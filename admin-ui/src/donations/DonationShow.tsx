import PrintIcon from '@mui/icons-material/Print';
import ReplayIcon from '@mui/icons-material/Replay';
import TaskAltIcon from '@mui/icons-material/TaskAlt';
import { Button, Stack } from '@mui/material';
import {
  BooleanField,
  EditButton,
  TopToolbar,
  DateField,
  FunctionField,
  ReferenceField,
  SelectField,
  Show,
  SimpleShowLayout,
  TextField,
  usePermissions,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { DONATION_CHANNELS, DONATION_STATUSES, DONOR_KINDS, WRITERS, choices } from '../choices';
import { getToken } from '../authProvider';
import { yuan } from '../money';
import { ConfirmButton } from '../actions';
import type { Donation } from '../grants/types';
import { donorOf } from './donorOf';

/** Receive, refund, print: the donation's life, each step through the server, each confirmed. */
function DonationActions() {
  const record = useRecordContext<Donation>();
  const translate = useTranslate();
  const { permissions } = usePermissions<string>();
  if (!record || !WRITERS['grants-donations']?.includes(permissions as string)) return null;
  const amount = yuan(record.amount);
  const fund = record.fund?.name ?? '';
  const donor =
    record.donorKind === 'anonymous' ? translate('linli.money.anonymous') : donorOf(record);
  const print = async () => {
    const res = await fetch(`/api/grants/donations/${record.id}/receipt`, {
      headers: { Authorization: `Bearer ${getToken()}` },
    });
    const html = await res.text();
    const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
    window.open(url, '_blank');
  };
  return (
    <Stack direction="row" spacing={1} sx={{ my: 1 }}>
      {record.status === 'pledged' && (
        <ConfirmButton
          label="linli.money.receive"
          variant="contained"
          startIcon={<TaskAltIcon />}
          testId="donation-receive"
          url={`/api/grants/donations/${record.id}/receive`}
          consequences={[
            translate('linli.money.receive_what', {
              amount,
              fund,
              donor,
            }),
            translate('linli.money.receive_posts'),
            translate('linli.money.receive_receipt'),
          ]}
          done="linli.money.received_done"
        />
      )}
      {record.status === 'received' && (
        <>
          <Button startIcon={<PrintIcon />} onClick={print}>
            {translate('linli.money.receipt')}
          </Button>
          <ConfirmButton
            label="linli.money.refund"
            color="warning"
            startIcon={<ReplayIcon />}
            testId="donation-refund"
            url={`/api/grants/donations/${record.id}/refund`}
            reason="required"
            reasonLabel="linli.money.refund_reason"
            consequences={[
              translate('linli.money.refund_what', {
                amount,
                fund,
                receiptNo: record.receiptNo ?? '',
              }),
              translate('linli.money.refund_reverses', { amount }),
              translate('linli.money.refund_closes'),
            ]}
            done="linli.money.refunded_done"
          />
        </>
      )}
    </Stack>
  );
}

/** Edit is offered while the donation may still change (a refunded one is closed). */
function DonationShowActions() {
  const record = useRecordContext<Donation>();
  const { permissions } = usePermissions<string>();
  const writer = WRITERS['grants-donations']?.includes(permissions as string);
  return (
    <TopToolbar>{writer && record && record.status !== 'refunded' && <EditButton />}</TopToolbar>
  );
}

export function DonationShow() {
  return (
    <Show actions={<DonationShowActions />}>
      <SimpleShowLayout>
        <SelectField source="status" choices={choices('donationStatus', DONATION_STATUSES)} />
        <TextField source="receiptNo" />
        <DonationActions />
        <SelectField source="donorKind" choices={choices('donorKind', DONOR_KINDS)} />
        <FunctionField source="donorName" render={donorOf} />
        <BooleanField source="namedConsent" />
        <FunctionField source="amount" render={(r: Donation) => yuan(r.amount)} />
        <SelectField source="channel" choices={choices('donationChannel', DONATION_CHANNELS)} />
        <TextField source="inKindDescription" />
        <DateField source="donatedOn" />
        <ReferenceField
          source="fund.documentId"
          reference="grants-funds"
          link="show"
          label="resources.grants-donations.fields.fund"
        />
        <BooleanField source="restricted" />
        <DateField source="receivedAt" showTime />
        <DateField source="refundedAt" showTime />
        <TextField source="refundReason" />
        <TextField source="note" />
      </SimpleShowLayout>
    </Show>
  );
}
