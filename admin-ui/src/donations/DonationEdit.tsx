import { Alert } from '@mui/material';
import {
  DeleteButton,
  Edit,
  SaveButton,
  Toolbar,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import type { Donation } from '../grants/types';
import { DonationForm } from './DonationInputs';

/**
 * What the server lets a donation do decides the buttons: only a pledge may be deleted (a
 * received one is kept and refunded instead), and a refunded one is closed — nothing to save.
 */
function DonationToolbar() {
  const record = useRecordContext<Donation>();
  const translate = useTranslate();
  if (record?.status === 'refunded')
    return (
      <Alert severity="info" sx={{ m: 2 }} data-testid="donation-closed">
        {translate('linli.money.refunded_closed')}
      </Alert>
    );
  return (
    <Toolbar sx={{ justifyContent: 'space-between' }}>
      <SaveButton />
      {record?.status === 'pledged' && <DeleteButton mutationMode="pessimistic" />}
    </Toolbar>
  );
}

export const DonationEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show">
    <DonationForm toolbar={<DonationToolbar />} />
  </Edit>
);
