import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import GavelIcon from '@mui/icons-material/Gavel';
import { Button, IconButton, Stack, TextField as MuiTextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslate } from 'react-admin';
import { fenToYuan, yuanToFen } from '../../../plugins/forms/server/src/domain/money';
import { yuan } from '../money';
import { ActionDialog, useAction } from '../actions';
import type { Application } from '../grants/types';

/** The award and its tranche plan: amounts in yuan, the plan adding up to the award. */
export function AwardDialog({ application }: { application: Application }) {
  const translate = useTranslate();
  const act = useAction();
  const requested = Number(application.requested);
  const [amount, setAmount] = useState(fenToYuan(requested));
  const [tranches, setTranches] = useState<{ amount: string; dueOn: string }[]>([]);
  useEffect(() => {
    const fen = yuanToFen(amount) ?? 0;
    const first = Math.round((fen * 0.6) / 100) * 100;
    setTranches([
      { amount: fenToYuan(first), dueOn: '' },
      { amount: fenToYuan(fen - first), dueOn: '' },
    ]);
  }, [amount]);
  const planned = tranches.reduce((s, t) => s + (yuanToFen(t.amount) ?? 0), 0);
  const set = (i: number, patch: Partial<{ amount: string; dueOn: string }>) =>
    setTranches(tranches.map((t, j) => (j === i ? { ...t, ...patch } : t)));
  return (
    <ActionDialog
      label="linli.grants.award"
      buttonProps={{ variant: 'contained', startIcon: <GavelIcon />, 'data-testid': 'award' }}
      confirmLabel="linli.grants.award"
      confirmProps={{ 'data-testid': 'award-confirm' }}
      wide
      onConfirm={() =>
        act(`/api/grants/applications/${application.id}/award`, {
          amount: yuanToFen(amount),
          tranches: tranches.map((t) => ({
            amount: yuanToFen(t.amount),
            ...(t.dueOn && { dueOn: t.dueOn }),
          })),
        })
      }
    >
      <MuiTextField
        label={translate('linli.grants.award_amount')}
        value={amount}
        onChange={(e) => setAmount(e.target.value)}
        inputProps={{ 'data-testid': 'award-amount' }}
        sx={{ mt: 1 }}
      />
      <Typography variant="subtitle2" sx={{ mt: 2 }}>
        {translate('linli.grants.tranche_plan')}
      </Typography>
      {tranches.map((t, i) => (
        <Stack direction="row" spacing={1} key={i} sx={{ mt: 1 }}>
          <MuiTextField
            size="small"
            label={translate('linli.grants.tranche_n', { n: i + 1 })}
            value={t.amount}
            onChange={(e) => set(i, { amount: e.target.value })}
          />
          <MuiTextField
            size="small"
            type="date"
            label={translate('resources.grants-disbursements.fields.dueOn')}
            InputLabelProps={{ shrink: true }}
            value={t.dueOn}
            onChange={(e) => set(i, { dueOn: e.target.value })}
          />
          <IconButton
            aria-label="remove"
            onClick={() => setTranches(tranches.filter((_, j) => j !== i))}
            disabled={tranches.length === 1}
          >
            <DeleteIcon />
          </IconButton>
        </Stack>
      ))}
      <Button
        startIcon={<AddIcon />}
        onClick={() => setTranches([...tranches, { amount: '', dueOn: '' }])}
      >
        {translate('linli.grants.add_tranche')}
      </Button>
      <Typography
        variant="body2"
        color={planned === (yuanToFen(amount) ?? -1) ? 'text.secondary' : 'error'}
      >
        {translate('linli.grants.plan_total', {
          planned: yuan(planned),
          amount: yuan(yuanToFen(amount) ?? 0),
        })}
      </Typography>
    </ActionDialog>
  );
}
