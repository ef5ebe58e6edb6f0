import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import GavelIcon from '@mui/icons-material/Gavel';
import {
  Alert,
  Button,
  IconButton,
  Stack,
  TextField as MuiTextField,
  Typography,
} from '@mui/material';
import { useEffect, useState } from 'react';
import { useGetOne, useLocaleState, useTranslate } from 'react-admin';
import { fenToYuan, yuanToFen } from '../../../plugins/forms/server/src/domain/money';
import { awardAmountIssues, trancheIssues } from '../../../plugins/grants/server/src/domain/rounds';
import { ActionDialog, useDialogAction } from '../actions';
import { issuesByField } from '../grants/issues';
import type { Application, Fund, Round } from '../grants/types';
import { yuan } from '../money';

type Row = { amount: string; dueOn: string };

/**
 * The award and its tranche plan, confirmed: the dialog states the amount in yuan, the fund the
 * money leaves and the plan, and warns that it cannot be undone. The plan is checked before it is
 * sent with the server's own rules (domain/rounds.ts: within the cap and what was requested, the
 * tranches adding up to the award); whatever the server still refuses appears under its field.
 */
export function AwardDialog({ application, round }: { application: Application; round: Round }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const zh = locale.startsWith('zh');
  const { run, errors, setErrors, general, reset } = useDialogAction();
  const { data: fund } = useGetOne<Fund>(
    'grants-funds',
    { id: round.fund?.documentId },
    { enabled: !!round.fund?.documentId },
  );
  const requested = Number(application.requested);
  const [amount, setAmount] = useState(fenToYuan(requested));
  const [tranches, setTranches] = useState<Row[]>([]);
  useEffect(() => {
    const fen = yuanToFen(amount) ?? 0;
    const first = Math.round((fen * 0.6) / 100) * 100;
    setTranches([
      { amount: fenToYuan(first), dueOn: '' },
      { amount: fenToYuan(fen - first), dueOn: '' },
    ]);
  }, [amount]);
  const fen = yuanToFen(amount);
  const planned = tranches.reduce((s, t) => s + (yuanToFen(t.amount) ?? 0), 0);
  const set = (i: number, patch: Partial<Row>) =>
    setTranches(tranches.map((t, j) => (j === i ? { ...t, ...patch } : t)));
  const body = () => ({
    amount: fen,
    tranches: tranches.map((t) => ({
      // A typed amount that is not money goes as typed: the check below names it.
      amount: yuanToFen(t.amount) ?? t.amount,
      ...(t.dueOn && { dueOn: t.dueOn }),
    })),
  });
  const fields = [
    'amount',
    'tranches',
    ...tranches.flatMap((_, i) => [`tranches.${i}.amount`, `tranches.${i}.dueOn`]),
  ];
  const confirm = async () => {
    reset();
    const sent = body();
    const found = [
      ...awardAmountIssues(fen, { cap: Number(round.cap), requested }),
      ...(fen && fen > 0 ? trancheIssues(fen, sent.tranches) : []),
    ];
    if (found.length) {
      setErrors(issuesByField(found, zh));
      return false;
    }
    return run(`/api/grants/applications/${application.id}/award`, sent, { fields });
  };
  const plan = tranches
    .map((t, i) =>
      translate('linli.rounds.tranche_line', {
        n: i + 1,
        amount: yuan(yuanToFen(t.amount) ?? 0),
        due: t.dueOn || translate('linli.rounds.no_due_date'),
      }),
    )
    .join(translate('linli.rounds.list_separator'));
  return (
    <ActionDialog
      label="linli.grants.award"
      buttonProps={{ variant: 'contained', startIcon: <GavelIcon />, 'data-testid': 'award' }}
      confirmLabel="linli.grants.award"
      confirmProps={{ 'data-testid': 'award-confirm' }}
      wide
      error={general}
      onOpen={reset}
      onConfirm={confirm}
    >
      <ul style={{ marginTop: 0, paddingLeft: 20 }} data-testid="award-consequences">
        <li>
          {translate('linli.rounds.award_will', {
            amount: yuan(fen ?? 0),
            fund: fund?.name ?? round.fund?.name ?? '',
          })}
        </li>
        <li>{translate('linli.rounds.award_plan', { n: tranches.length, plan })}</li>
      </ul>
      <Alert severity="warning" sx={{ mb: 1 }}>
        {translate('linli.rounds.award_final')}
      </Alert>
      <MuiTextField
        label={translate('linli.grants.award_amount')}
        value={amount}
        onChange={(e) => setAmount(e.target.value)}
        inputProps={{ 'data-testid': 'award-amount' }}
        error={!!errors.amount}
        helperText={
          errors.amount ??
          translate('linli.rounds.limits', {
            requested: yuan(requested),
            cap: yuan(round.cap),
          })
        }
        sx={{ mt: 1 }}
      />
      <Typography variant="subtitle2" sx={{ mt: 2 }}>
        {translate('linli.grants.tranche_plan')}
      </Typography>
      {tranches.map((t, i) => (
        <Stack direction="row" spacing={1} key={i} sx={{ mt: 1 }} alignItems="flex-start">
          <MuiTextField
            size="small"
            label={translate('linli.grants.tranche_n', { n: i + 1 })}
            value={t.amount}
            onChange={(e) => set(i, { amount: e.target.value })}
            error={!!errors[`tranches.${i}.amount`]}
            helperText={errors[`tranches.${i}.amount`]}
            inputProps={{ 'data-testid': `tranche-${i}-amount` }}
          />
          <MuiTextField
            size="small"
            type="date"
            label={translate('resources.grants-disbursements.fields.dueOn')}
            InputLabelProps={{ shrink: true }}
            value={t.dueOn}
            onChange={(e) => set(i, { dueOn: e.target.value })}
            error={!!errors[`tranches.${i}.dueOn`]}
            helperText={errors[`tranches.${i}.dueOn`]}
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
        color={planned === (fen ?? -1) && !errors.tranches ? 'text.secondary' : 'error'}
        data-testid="plan-total"
      >
        {errors.tranches ??
          translate('linli.rounds.plan_ok', { planned: yuan(planned), amount: yuan(fen ?? 0) })}
      </Typography>
    </ActionDialog>
  );
}
