import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  FormControlLabel,
  MenuItem,
  Stack,
  Switch,
  TextField,
} from '@mui/material';
import { useEffect, useState } from 'react';
import { Title, useNotify, useTranslate } from 'react-admin';
import { useSearchParams } from 'react-router-dom';
import type {
  ProcedureAnswer,
  ProcedureConfig,
} from '../../../plugins/consultation/server/src/shared/contracts/consultation';
import { useRest } from '../rest';
import { API, CommunitySelect, PAGE_SX, send, useRefusal } from './shared';

const NUMBERS = ['minSupport', 'publicDays', 'evaluationDays'] as const;
const LABELS: Record<string, string> = {
  minSupport: 'min_support',
  publicDays: 'public_days',
  evaluationDays: 'evaluation_days',
};

/** 协商程序: a community's settings within the default procedure. */
export function ProcedurePage() {
  const translate = useTranslate();
  const notify = useNotify();
  const [params, setParams] = useSearchParams();
  const area = params.get('area') ?? '';
  const answer = useRest<ProcedureAnswer>(area ? `${API}/procedures/${area}` : null);
  const [config, setConfig] = useState<ProcedureConfig | null>(null);
  const [numbers, setNumbers] = useState<Record<string, string>>({});
  const refusal = useRefusal(['rank', 'rankers', ...NUMBERS]);
  useEffect(() => {
    if (!answer) return;
    setConfig(answer.config);
    setNumbers(Object.fromEntries(NUMBERS.map((k) => [k, String(answer.config[k])])));
  }, [answer]);
  const f = (k: string) => translate(`linli.consultation.fields.${k}`);
  const yesNo = (b: boolean) => translate(`linli.consultation.procedure.${b ? 'yes' : 'no'}`);
  return (
    <Box sx={{ ...PAGE_SX, mt: 1, maxWidth: 760 }} data-testid="procedure-page">
      <Title title={translate('linli.consultation.procedure.title')} />
      <Card>
        <CardContent>
          <Alert severity="info" sx={{ mb: 2 }}>
            {translate('linli.consultation.procedure.hint')}
          </Alert>
          <CommunitySelect
            value={area}
            onChange={(v) => setParams(v ? { area: v } : {}, { replace: true })}
          />
        </CardContent>
      </Card>
      {answer && config && (
        <Card>
          <CardContent>
            <Stack spacing={2}>
              <FormControlLabel
                control={
                  <Switch
                    checked={config.rank}
                    onChange={(e) => setConfig({ ...config, rank: e.target.checked })}
                  />
                }
                label={`${f('rank_on')}（${translate('linli.consultation.procedure.default', { value: yesNo(answer.defaults.rank) })}）`}
              />
              <TextField
                select
                label={f('rankers')}
                value={config.rankers}
                onChange={(e) =>
                  setConfig({ ...config, rankers: e.target.value as ProcedureConfig['rankers'] })
                }
                error={!!refusal.fields.rankers}
                helperText={refusal.fields.rankers}
              >
                {(['residents', 'representatives'] as const).map((r) => (
                  <MenuItem key={r} value={r}>
                    {translate(`linli.consultation.rankers.${r}`)}
                  </MenuItem>
                ))}
              </TextField>
              {NUMBERS.map((k) => (
                <TextField
                  key={k}
                  type="number"
                  label={f(LABELS[k] as string)}
                  value={numbers[k] ?? ''}
                  onChange={(e) => setNumbers({ ...numbers, [k]: e.target.value })}
                  error={!!refusal.fields[k]}
                  helperText={
                    refusal.fields[k] ??
                    translate('linli.consultation.procedure.default', { value: answer.defaults[k] })
                  }
                  inputProps={{ 'data-testid': `procedure-${k}` }}
                />
              ))}
              {refusal.message && <Alert severity="error">{refusal.message}</Alert>}
              <Stack direction="row">
                <Button
                  variant="contained"
                  data-testid="procedure-save"
                  onClick={async () => {
                    refusal.clear();
                    try {
                      await send(
                        `/procedures/${area}`,
                        {
                          rank: config.rank,
                          rankers: config.rankers,
                          ...Object.fromEntries(NUMBERS.map((k) => [k, Number(numbers[k])])),
                        },
                        'PUT',
                      );
                      notify('linli.consultation.saved', { type: 'success' });
                    } catch (e) {
                      refusal.set(e);
                    }
                  }}
                >
                  {translate('linli.consultation.save')}
                </Button>
              </Stack>
            </Stack>
          </CardContent>
        </Card>
      )}
    </Box>
  );
}
