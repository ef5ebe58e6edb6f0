import AddIcon from '@mui/icons-material/Add';
import SaveIcon from '@mui/icons-material/Save';
import {
  Alert,
  Box,
  Button,
  Card,
  Checkbox,
  IconButton,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Title, useLocaleState, useNotify, useTranslate } from 'react-admin';
import { INDEX_CATEGORIES } from '../../../../plugins/consultation/server/src/domain/indicators';
import { fenToYuan, yuanToFen } from '../../../../plugins/forms/server/src/domain/money';
import { fieldErrors, restBody, restJson } from '../../rest';
import { INDEX_API, mayEditIndicators, type Indicator } from './api';

type Draft = Pick<Indicator, 'nameZh' | 'nameEn' | 'weight' | 'target' | 'active'>;

const PAGE_SX = { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', mt: 1 } as const;
const asNumber = (v: string) => (/^-?\d+$/.test(v.trim()) ? Number(v.trim()) : v);

/**
 * 指数指标 (/consultation-index/indicators): the index's indicators; district-wide staff edit
 * names, weights, targets and which are active, and add manual indicators. A computed
 * indicator's formula is shown, never editable: it is code.
 */
export function IndicatorsPage() {
  const translate = useTranslate();
  const url = `${INDEX_API}/indicators`;
  const { data, error, refetch } = useQuery({
    queryKey: ['rest', url],
    queryFn: () => restBody<{ data: Indicator[] }>(url),
    retry: false,
  });
  const list = data?.data ?? [];
  const editable = mayEditIndicators();
  const total = list.filter((i) => i.active).reduce((s, i) => s + i.weight, 0);
  return (
    <Box sx={PAGE_SX} data-testid="index-indicators-page">
      <Title title="linli.cindex.config.title" />
      <Stack direction="row" spacing={2} alignItems="baseline" sx={{ mb: 1 }}>
        <Typography variant="h6">{translate('linli.cindex.config.title')}</Typography>
        <Typography color={total === 100 ? 'text.secondary' : 'warning.main'}>
          {translate('linli.cindex.config.weight_total', { total })}
        </Typography>
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {translate(editable ? 'linli.cindex.config.hint' : 'linli.cindex.config.district_only')}
      </Typography>
      {error && <Alert severity="error">{(error as Error).message}</Alert>}
      <Card>
        <TableContainer sx={{ overflowX: 'auto' }}>
          <Table size="small" sx={{ minWidth: 1100 }}>
            <TableHead>
              <TableRow>
                <TableCell>{translate('linli.cindex.category')}</TableCell>
                <TableCell>{translate('linli.cindex.config.name_zh')}</TableCell>
                <TableCell>{translate('linli.cindex.config.name_en')}</TableCell>
                <TableCell>{translate('linli.cindex.config.formula')}</TableCell>
                <TableCell align="right">{translate('linli.cindex.weight')}</TableCell>
                <TableCell align="right">{translate('linli.cindex.target')}</TableCell>
                <TableCell>{translate('linli.cindex.config.active')}</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {list.map((i) => (
                <IndicatorRow
                  key={i.key}
                  indicator={i}
                  editable={editable}
                  onSaved={() => void refetch()}
                />
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      </Card>
      {editable && <AddIndicator onSaved={() => void refetch()} />}
    </Box>
  );
}

function IndicatorRow({
  indicator,
  editable,
  onSaved,
}: {
  indicator: Indicator;
  editable: boolean;
  onSaved: () => void;
}) {
  const translate = useTranslate();
  const notify = useNotify();
  const [locale] = useLocaleState();
  const zh = locale.startsWith('zh');
  // A money target is typed in yuan; it is kept in fen.
  const money = indicator.unit === 'fen';
  const [draft, setDraft] = useState<Record<keyof Draft, string | boolean>>({
    nameZh: indicator.nameZh,
    nameEn: indicator.nameEn,
    weight: String(indicator.weight),
    target: money ? fenToYuan(indicator.target) : String(indicator.target),
    active: indicator.active,
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = async () => {
    setErrors({});
    try {
      await restJson(`${INDEX_API}/indicators/${indicator.key}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          nameZh: draft.nameZh,
          nameEn: draft.nameEn,
          weight: asNumber(String(draft.weight)),
          target: money
            ? (yuanToFen(String(draft.target)) ?? draft.target)
            : asNumber(String(draft.target)),
          active: draft.active,
        }),
      });
      notify('linli.cindex.config.saved', { type: 'success' });
      onSaved();
    } catch (error) {
      const fields = fieldErrors(error);
      setErrors(fields);
      if (!Object.keys(fields).length) notify((error as Error).message, { type: 'error' });
    }
  };
  const field = (key: 'nameZh' | 'nameEn' | 'weight' | 'target', width: number) => (
    <TextField
      size="small"
      value={draft[key]}
      disabled={!editable}
      onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
      error={!!errors[key]}
      helperText={errors[key]}
      sx={{ width }}
      inputProps={{ 'data-testid': `indicator-${indicator.key}-${key}` }}
    />
  );
  return (
    <TableRow data-testid="index-indicator-config" data-key={indicator.key}>
      <TableCell>{translate(`linli.cindex.categories.${indicator.category}`)}</TableCell>
      <TableCell>{field('nameZh', 200)}</TableCell>
      <TableCell>{field('nameEn', 220)}</TableCell>
      <TableCell>
        <Typography variant="body2">
          {indicator.formula
            ? [indicator.formula.inputs.numerator, indicator.formula.inputs.denominator]
                .filter((w) => !!w)
                .map((w) => (zh ? w!.zh : w!.en))
                .join(' ÷ ')
            : translate('linli.cindex.methods.manual')}
        </Typography>
        <Typography variant="caption" color="text.secondary">
          {translate(`linli.cindex.units.${indicator.unit}`)}
        </Typography>
      </TableCell>
      <TableCell align="right">{field('weight', 80)}</TableCell>
      <TableCell align="right">{field('target', 130)}</TableCell>
      <TableCell>
        <Checkbox
          checked={draft.active === true}
          disabled={!editable}
          onChange={(e) => setDraft({ ...draft, active: e.target.checked })}
        />
      </TableCell>
      <TableCell>
        {editable && (
          <IconButton
            aria-label={translate('linli.cindex.config.save')}
            onClick={() => void save()}
          >
            <SaveIcon />
          </IconButton>
        )}
      </TableCell>
    </TableRow>
  );
}

function AddIndicator({ onSaved }: { onSaved: () => void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const empty = {
    key: '',
    category: 'support',
    nameZh: '',
    nameEn: '',
    weight: '0',
    target: '1',
  };
  const [draft, setDraft] = useState(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = async () => {
    setErrors({});
    try {
      await restJson(`${INDEX_API}/indicators`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          ...draft,
          weight: asNumber(draft.weight),
          target: asNumber(draft.target),
        }),
      });
      notify('linli.cindex.config.saved', { type: 'success' });
      setDraft(empty);
      onSaved();
    } catch (error) {
      const fields = fieldErrors(error);
      setErrors(fields);
      if (!Object.keys(fields).length) notify((error as Error).message, { type: 'error' });
    }
  };
  const text = (key: keyof typeof empty, label: string, width = 180) => (
    <TextField
      size="small"
      label={translate(label)}
      value={draft[key]}
      onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
      error={!!errors[key]}
      helperText={errors[key]}
      sx={{ width }}
    />
  );
  return (
    <Card sx={{ mt: 2, p: 2 }}>
      <Typography variant="subtitle1" sx={{ mb: 1 }}>
        {translate('linli.cindex.config.add')}
      </Typography>
      <Stack direction="row" spacing={1} flexWrap="wrap" useFlexGap alignItems="start">
        {text('key', 'linli.cindex.config.key', 260)}
        <TextField
          select
          size="small"
          label={translate('linli.cindex.category')}
          value={draft.category}
          onChange={(e) => setDraft({ ...draft, category: e.target.value })}
          sx={{ width: 140 }}
        >
          {INDEX_CATEGORIES.map((c) => (
            <MenuItem key={c} value={c}>
              {translate(`linli.cindex.categories.${c}`)}
            </MenuItem>
          ))}
        </TextField>
        {text('nameZh', 'linli.cindex.config.name_zh')}
        {text('nameEn', 'linli.cindex.config.name_en')}
        {text('weight', 'linli.cindex.weight', 90)}
        {text('target', 'linli.cindex.target', 120)}
        <Button startIcon={<AddIcon />} variant="contained" onClick={() => void save()}>
          {translate('linli.cindex.config.save')}
        </Button>
      </Stack>
    </Card>
  );
}
