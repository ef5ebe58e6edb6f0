import PrintIcon from '@mui/icons-material/Print';
import ReplayIcon from '@mui/icons-material/Replay';
import TaskAltIcon from '@mui/icons-material/TaskAlt';
import { Button, Stack } from '@mui/material';
import {
  BooleanField,
  DateField,
  FunctionField,
  ReferenceField,
  SelectField,
  Show,
  SimpleShowLayout,
  TextField,
  useNotify,
  usePermissions,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { DONATION_CHANNELS, DONATION_STATUSES, DONOR_KINDS, WRITERS, choices } from '../choices';
import { getToken } from '../authProvider';
import { yuan } from '../money';
import { NoteButton, postAction } from '../actions';
import type { Donation } from '../grants/types';
import { donorOf } from './donorOf';

/** Receive, refund, print: the donation's life, each step through the server. */
function DonationActions() {
  const record = useRecordContext<Donation>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const { permissions } = usePermissions<string>();
  if (!record || !WRITERS['grants-donations']?.includes(permissions as string)) return null;
  const act = async (what: 'receive' | 'refund', body: object = {}) => {
    try {
      // The donation as it now stands (its receipt number once received).
      const d = await postAction<Pick<Donation, 'receiptNo'>>(
        `/api/grants/donations/${record.id}/${what}`,
        body,
      );
      notify(what === 'receive' ? 'linli.money.received' : 'linli.money.refunded', {
        type: 'success',
        messageArgs: { receiptNo: d.receiptNo },
      });
      refresh();
      return true;
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
      return false;
    }
  };
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
        <Button variant="contained" startIcon={<TaskAltIcon />} onClick={() => act('receive')}>
          {translate('linli.money.receive')}
        </Button>
      )}
      {record.status === 'received' && (
        <>
          <Button startIcon={<PrintIcon />} onClick={print}>
            {translate('linli.money.receipt')}
          </Button>
          <NoteButton
            label="linli.money.refund"
            color="warning"
            startIcon={<ReplayIcon />}
            noteLabel="linli.money.refund_reason"
            confirmLabel="linli.money.refund"
            onSubmit={(reason) => act('refund', { reason })}
          />
        </>
      )}
    </Stack>
  );
}

export function DonationShow() {
  return (
    <Show>
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
