import { Stack } from '@mui/material';
import { usePermissions, useTranslate } from 'react-admin';
import { ConfirmButton } from '../actions';
import { yuan } from '../money';
import type { Tranche } from './types';

/**
 * Approve, pay or cancel one tranche: what staff may do next with it. Each moves money, so each
 * confirms in a dialog that names the tranche, its amount in yuan and what the ledger will do.
 */
export function TrancheButtons({ tranche }: { tranche: Tranche }) {
  const translate = useTranslate();
  const { permissions } = usePermissions<string>();
  if (permissions !== 'foundation-staff') return null;
  const url = (what: string) =>
    `/api/grants/disbursements/${tranche.documentId ?? tranche.id}/${what}`;
  const amount = yuan(tranche.amount);
  const what = translate('linli.money.tranche_what', {
    tranche:
      tranche.label ||
      (tranche.number ? translate('linli.money.tranche_n', { n: tranche.number }) : ''),
    amount,
  });
  return (
    <Stack direction="row" spacing={1}>
      {tranche.status === 'scheduled' && (
        <ConfirmButton
          label="linli.grants.approve"
          variant="outlined"
          testId="tranche-approve"
          url={url('approve')}
          consequences={[what, translate('linli.money.approve_reserves', { amount })]}
          done="linli.money.tranche_approved"
        />
      )}
      {tranche.status === 'approved' && (
        <ConfirmButton
          label="linli.grants.pay"
          variant="contained"
          testId="tranche-pay"
          url={url('pay')}
          consequences={[what, translate('linli.money.pay_posts', { amount })]}
          done="linli.money.tranche_paid"
        />
      )}
      {['scheduled', 'approved'].includes(tranche.status) && (
        <ConfirmButton
          label="linli.grants.cancel_tranche"
          color="warning"
          testId="tranche-cancel"
          url={url('cancel')}
          reason="optional"
          reasonLabel="linli.grants.note"
          body={(note) => (note ? { note } : {})}
          consequences={[
            what,
            translate(
              tranche.status === 'approved'
                ? 'linli.money.cancel_voids'
                : 'linli.money.cancel_scheduled',
              { amount },
            ),
          ]}
          done="linli.money.tranche_cancelled"
        />
      )}
    </Stack>
  );
}
