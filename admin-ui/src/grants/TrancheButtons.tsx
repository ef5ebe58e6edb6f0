import { Button, Stack } from '@mui/material';
import { usePermissions, useTranslate } from 'react-admin';
import { NoteButton, useAction } from '../actions';
import type { Tranche } from './types';

/** Approve, pay or cancel one tranche: what staff may do next with it. */
export function TrancheButtons({ tranche }: { tranche: Tranche }) {
  const translate = useTranslate();
  const act = useAction();
  const { permissions } = usePermissions<string>();
  if (permissions !== 'foundation-staff') return null;
  const url = (what: string) =>
    `/api/grants/disbursements/${tranche.documentId ?? tranche.id}/${what}`;
  return (
    <Stack direction="row" spacing={1}>
      {tranche.status === 'scheduled' && (
        <Button
          size="small"
          variant="outlined"
          data-testid="tranche-approve"
          onClick={() => act(url('approve'))}
        >
          {translate('linli.grants.approve')}
        </Button>
      )}
      {tranche.status === 'approved' && (
        <Button
          size="small"
          variant="contained"
          data-testid="tranche-pay"
          onClick={() => act(url('pay'))}
        >
          {translate('linli.grants.pay')}
        </Button>
      )}
      {['scheduled', 'approved'].includes(tranche.status) && (
        <NoteButton
          label="linli.grants.cancel_tranche"
          color="warning"
          onSubmit={(note) => act(url('cancel'), { note })}
        />
      )}
    </Stack>
  );
}
