import {
  Alert,
  Box,
  Card,
  Checkbox,
  Chip,
  FormControlLabel,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { Title, useNotify, useRefresh, useTranslate } from 'react-admin';
import type { VoteRuleRow } from '../../../plugins/consultation/server/src/shared/contracts/consultation';
import type { Threshold } from '../../../plugins/consultation/server/src/domain/rules';
import { CaseDialog } from '../cases/CaseDialog';
import { useRest } from '../rest';
import { maySaveRule } from './access';
import { parseShare } from './shares';
import { API, PAGE_SX, send, useRefusal, useRuleWords } from './shared';

const MEASURES = ['quorum_count', 'quorum_area', 'approval_count', 'approval_area'] as const;
type Measure = (typeof MEASURES)[number];
const PATHS: Record<Measure, string> = {
  quorum_count: 'rule.quorum.count',
  quorum_area: 'rule.quorum.area',
  approval_count: 'rule.approval.count',
  approval_area: 'rule.approval.area',
};

/** 表决规则: the presets and the administrators' own, each in words; district staff add more. */
export function RulesPage() {
  const translate = useTranslate();
  const ruleWords = useRuleWords();
  const rules = useRest<VoteRuleRow[]>(`${API}/rules`) ?? [];
  const zh = translate('linli.consultation.choice.yes') === '同意';
  return (
    <Box sx={{ ...PAGE_SX, mt: 1 }} data-testid="rules-page">
      <Title title={translate('linli.consultation.menu.rules')} />
      {maySaveRule() && <AddRule />}
      <Card>
        <Table size="small" data-testid="rules-table">
          <TableHead>
            <TableRow>
              <TableCell>{translate('linli.consultation.fields.rule')}</TableCell>
              <TableCell>{translate('linli.consultation.fields.body')}</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {rules.map((r) => (
              <TableRow key={r.key} data-testid="rule-row">
                <TableCell sx={{ minWidth: 180 }}>
                  <Typography sx={{ fontWeight: 600 }}>{zh ? r.nameZh : r.nameEn}</Typography>
                </TableCell>
                <TableCell>
                  {(zh ? r.descriptionZh : r.descriptionEn) && (
                    <Typography variant="body2">
                      {zh ? r.descriptionZh : r.descriptionEn}
                    </Typography>
                  )}
                  <Typography variant="body2" color="text.secondary">
                    {ruleWords(r.rule)}
                  </Typography>
                </TableCell>
                <TableCell>
                  <Chip
                    size="small"
                    label={translate(
                      r.preset
                        ? 'linli.consultation.rules.preset'
                        : 'linli.consultation.rules.custom',
                    )}
                  />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Card>
    </Box>
  );
}

function AddRule() {
  const translate = useTranslate();
  const refresh = useRefresh();
  const notify = useNotify();
  const [form, setForm] = useState({
    key: '',
    nameZh: '',
    nameEn: '',
    descriptionZh: '',
    descriptionEn: '',
  });
  const [shares, setShares] = useState<Record<Measure, string>>({
    quorum_count: '',
    quorum_area: '',
    approval_count: '',
    approval_area: '',
  });
  const [strict, setStrict] = useState<Record<Measure, boolean>>({
    quorum_count: false,
    quorum_area: false,
    approval_count: false,
    approval_area: false,
  });
  const [base, setBase] = useState<'participating' | 'electorate'>('participating');
  const [allowChange, setAllowChange] = useState(false);
  const [showInterim, setShowInterim] = useState(false);
  const [local, setLocal] = useState<Record<string, string>>({});
  const refusal = useRefusal([
    'key',
    'nameZh',
    'nameEn',
    'descriptionZh',
    'descriptionEn',
    ...Object.values(PATHS),
    'rule',
  ]);
  const f = (k: string) => translate(`linli.consultation.fields.${k}`);
  const errorOf = (m: Measure) => local[m] ?? refusal.fields[PATHS[m]];
  return (
    <Stack direction="row">
      <CaseDialog
        title={translate('linli.consultation.rules.add')}
        variant="contained"
        testId="rule-add"
        wide
        onOpen={() => {
          refusal.clear();
          setLocal({});
        }}
        consequence={translate('linli.consultation.rules.fraction_hint')}
        error={refusal.message ?? refusal.fields.rule}
        onConfirm={async () => {
          const found: Record<string, string> = {};
          const t: Partial<Record<Measure, Threshold>> = {};
          for (const m of MEASURES) {
            const p = parseShare(shares[m]);
            if (p === null) found[m] = translate('linli.consultation.rules.bad_fraction');
            else if (p) t[m] = { ...p, ...(strict[m] ? { strict: true } : {}) };
          }
          setLocal(found);
          if (Object.keys(found).length) return false;
          try {
            await send('/rules', {
              ...Object.fromEntries(Object.entries(form).filter(([, v]) => v.trim() !== '')),
              rule: {
                quorum: {
                  ...(t.quorum_count ? { count: t.quorum_count } : {}),
                  ...(t.quorum_area ? { area: t.quorum_area } : {}),
                },
                approval: {
                  base,
                  ...(t.approval_count ? { count: t.approval_count } : {}),
                  ...(t.approval_area ? { area: t.approval_area } : {}),
                },
                allowChange,
                showInterim,
              },
            });
            notify('linli.consultation.rules.saved', { type: 'success' });
            refresh();
            return true;
          } catch (e) {
            refusal.set(e);
            return false;
          }
        }}
      >
        <Stack spacing={1.5}>
          <Stack direction="row" spacing={1}>
            {(['key', 'nameZh', 'nameEn'] as const).map((k) => (
              <TextField
                key={k}
                size="small"
                label={f(k === 'key' ? 'key' : k === 'nameZh' ? 'name_zh' : 'name_en')}
                value={form[k]}
                onChange={(e) => setForm({ ...form, [k]: e.target.value })}
                error={!!refusal.fields[k]}
                helperText={refusal.fields[k]}
                inputProps={{ 'data-testid': `rule-${k}` }}
              />
            ))}
          </Stack>
          {(['descriptionZh', 'descriptionEn'] as const).map((k) => (
            <TextField
              key={k}
              size="small"
              multiline
              label={f(k === 'descriptionZh' ? 'description_zh' : 'description_en')}
              value={form[k]}
              onChange={(e) => setForm({ ...form, [k]: e.target.value })}
              error={!!refusal.fields[k]}
              helperText={refusal.fields[k]}
            />
          ))}
          {MEASURES.map((m) => (
            <Stack key={m} direction="row" spacing={1} alignItems="center">
              <TextField
                size="small"
                label={f(m)}
                placeholder="2/3"
                value={shares[m]}
                onChange={(e) => setShares({ ...shares, [m]: e.target.value })}
                error={!!errorOf(m)}
                helperText={errorOf(m)}
                inputProps={{ 'data-testid': `rule-${m}` }}
              />
              <FormControlLabel
                control={
                  <Checkbox
                    checked={strict[m]}
                    onChange={(e) => setStrict({ ...strict, [m]: e.target.checked })}
                  />
                }
                label={f('strict')}
              />
            </Stack>
          ))}
          <TextField
            select
            size="small"
            label={f('approval_base')}
            value={base}
            onChange={(e) => setBase(e.target.value as typeof base)}
          >
            {(['participating', 'electorate'] as const).map((b) => (
              <MenuItem key={b} value={b}>
                {translate(`linli.consultation.base.${b}`)}
              </MenuItem>
            ))}
          </TextField>
          <FormControlLabel
            control={
              <Checkbox checked={allowChange} onChange={(e) => setAllowChange(e.target.checked)} />
            }
            label={f('allow_change')}
          />
          <FormControlLabel
            control={
              <Checkbox checked={showInterim} onChange={(e) => setShowInterim(e.target.checked)} />
            }
            label={f('show_interim')}
          />
          {Object.keys(local).length > 0 && (
            <Alert severity="error">{translate('linli.consultation.rules.bad_fraction')}</Alert>
          )}
        </Stack>
      </CaseDialog>
    </Stack>
  );
}
