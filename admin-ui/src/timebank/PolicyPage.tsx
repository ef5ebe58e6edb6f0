import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  CardHeader,
  Grid,
  InputAdornment,
  MenuItem,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useMemo, useState } from 'react';
import { Title, useLocaleState, useTranslate } from 'react-admin';
import { ConfirmButton } from '../actions';
import { restJson } from '../rest';
import { mayPreviewPolicy, mayPublishPolicy } from './access';
import { hoursOf, minutesOfHours, rateOf } from './hours';
import { useHours } from './useHours';
import {
  TB_API,
  useCategories,
  useLocalised,
  usePolicy,
  type PolicyShape,
  type PolicyVersionView,
} from './shared';

const KINDS = ['person', 'team', 'organisation', 'pool'] as const;

/** The form's text for each policy field: hours and multipliers as people type them. */
interface Draft {
  roundingStepMinutes: string;
  rounding: string;
  defaultRate: string;
  rates: Record<string, string>;
  minServiceMinutes: string;
  maxServiceMinutes: string;
  starHours: string;
  redeemFromLevel: string;
  capHours: string;
  aboveCap: string;
  expiryMonths: string;
  familyHours: string;
  donationHours: string;
  credit: Record<string, string>;
  effectiveFrom: string;
  note: string;
}

const rateText = (permille: number) => String(permille / 1000);

function draftOf(p: PolicyShape, effectiveFrom: string): Draft {
  return {
    roundingStepMinutes: String(p.roundingStepMinutes),
    rounding: p.rounding,
    defaultRate: rateText(p.defaultRatePermille),
    rates: Object.fromEntries(Object.entries(p.categoryRates).map(([k, v]) => [k, rateText(v)])),
    minServiceMinutes: String(p.minServiceMinutes),
    maxServiceMinutes: String(p.maxServiceMinutes),
    starHours: p.starThresholdsMinutes.map(hoursOf).join(', '),
    redeemFromLevel: String(p.redeemFromLevel),
    capHours: p.storageCapMinutes === null ? '' : hoursOf(p.storageCapMinutes),
    aboveCap: p.aboveCap,
    expiryMonths: p.expiryMonths === null ? '' : String(p.expiryMonths),
    familyHours: hoursOf(p.familyTransferYearlyMinutes),
    donationHours: hoursOf(p.donationYearlyMinutes),
    credit: Object.fromEntries(KINDS.map((k) => [k, hoursOf(p.creditLimitMinutes[k] ?? 0)])),
    effectiveFrom,
    note: '',
  };
}

/** Typed text → a number the server checks (left as typed when it is not one, so it refuses it). */
const num = (text: string): number | string => {
  const t = text.trim();
  return t !== '' && Number.isFinite(Number(t)) ? Number(t) : t;
};
const mins = (text: string): number | string => minutesOfHours(text) ?? text;
const permille = (text: string): number | string =>
  text.trim() !== '' && Number.isFinite(Number(text)) ? Math.round(Number(text) * 1000) : text;

function policyOf(d: Draft): Record<string, unknown> {
  return {
    roundingStepMinutes: num(d.roundingStepMinutes),
    rounding: d.rounding,
    defaultRatePermille: permille(d.defaultRate),
    categoryRates: Object.fromEntries(
      Object.entries(d.rates)
        .filter(([, v]) => v.trim() !== '')
        .map(([k, v]) => [k, permille(v)]),
    ),
    minServiceMinutes: num(d.minServiceMinutes),
    maxServiceMinutes: num(d.maxServiceMinutes),
    starThresholdsMinutes: d.starHours
      .split(/[,，、\s]+/)
      .filter(Boolean)
      .map(mins),
    redeemFromLevel: num(d.redeemFromLevel),
    storageCapMinutes: d.capHours.trim() === '' ? null : mins(d.capHours),
    aboveCap: d.aboveCap,
    expiryMonths: d.expiryMonths.trim() === '' ? null : num(d.expiryMonths),
    familyTransferYearlyMinutes: mins(d.familyHours),
    donationYearlyMinutes: mins(d.donationHours),
    creditLimitMinutes: Object.fromEntries(KINDS.map((k) => [k, mins(d.credit[k] ?? '0')])),
  };
}

interface PreviewIssue {
  path: string;
  message: string;
  messageZh: string;
}

/** Where a server issue's path shows in the form (`categoryRates.repair` → that rate's input). */
const FIELD_OF: Record<string, string> = {
  defaultRatePermille: 'defaultRate',
  starThresholdsMinutes: 'starHours',
  storageCapMinutes: 'capHours',
  familyTransferYearlyMinutes: 'familyHours',
  donationYearlyMinutes: 'donationHours',
};

const tomorrowInChina = () => {
  const now = new Date(Date.now() + 8 * 3600_000 + 86400_000);
  return now.toISOString().slice(0, 10);
};

/** The versions, newest first, read-only: a version once published is never edited. */
function Versions({ versions }: { versions: PolicyVersionView[] }) {
  const translate = useTranslate();
  const hours = useHours();
  return (
    <Card variant="outlined" sx={{ mt: 2 }} data-testid="policy-versions">
      <CardHeader
        title={translate('linli.tb.policy.versions')}
        titleTypographyProps={{ variant: 'subtitle1' }}
      />
      <CardContent sx={{ pt: 0, overflowX: 'auto' }}>
        <Table size="small" sx={{ '& th': { whiteSpace: 'nowrap' } }}>
          <TableHead>
            <TableRow>
              <TableCell>{translate('linli.tb.policy.version')}</TableCell>
              <TableCell>{translate('linli.tb.policy.effective_from')}</TableCell>
              <TableCell>{translate('linli.tb.policy.default_rate')}</TableCell>
              <TableCell>{translate('linli.tb.policy.rounding_step')}</TableCell>
              <TableCell>{translate('linli.tb.policy.cap')}</TableCell>
              <TableCell>{translate('linli.tb.policy.note')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {[...versions].reverse().map((v) => (
              <TableRow key={v.version} data-testid="policy-version">
                <TableCell>v{v.version}</TableCell>
                <TableCell>{v.effectiveFrom}</TableCell>
                <TableCell>{rateOf(v.policy.defaultRatePermille)}</TableCell>
                <TableCell>
                  {translate('linli.tb.minutes', { n: v.policy.roundingStepMinutes })}
                </TableCell>
                <TableCell>
                  {v.policy.storageCapMinutes === null
                    ? translate('linli.tb.policy.no_cap')
                    : hours(v.policy.storageCapMinutes)}
                </TableCell>
                <TableCell>{v.note ?? ''}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}

/**
 * 时间银行规则: the policy in force, an editor for the next version (rates as ×1.5, limits in
 * hours), a preview that runs the server's own checks, and publishing from a future day with a
 * confirmation; earlier versions stay as they were.
 */
export function PolicyPage() {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const answer = usePolicy();
  const categories = useCategories();
  const name = useLocalised();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [issues, setIssues] = useState<PreviewIssue[] | null>(null);
  const current = answer?.current ?? null;
  useEffect(() => {
    if (current && !draft) setDraft(draftOf(current.policy, tomorrowInChina()));
  }, [current, draft]);
  const body = useMemo(
    () =>
      draft
        ? { effectiveFrom: draft.effectiveFrom, policy: policyOf(draft), note: draft.note }
        : null,
    [draft],
  );
  if (!answer || !draft || !body) return <Title title="linli.tb.policy.title" />;
  const editable = mayPublishPolicy();
  const errors: Record<string, string> = {};
  for (const i of issues ?? []) {
    const [head, tail] = i.path.split('.');
    const key = tail
      ? `${head === 'categoryRates' ? 'rates' : 'credit'}.${tail}`
      : (FIELD_OF[head ?? ''] ?? head ?? '');
    const text = (locale === 'en' ? i.message : i.messageZh).replace(/^[^:：]*[:：]\s*/, '');
    if (!(key in errors)) errors[key] = text;
  }
  const set = (patch: Partial<Draft>) => {
    setDraft({ ...draft, ...patch });
    setIssues(null);
  };
  const field = (key: keyof Draft, label: string, extra: object = {}) => ({
    fullWidth: true,
    size: 'small' as const,
    label: translate(label),
    value: draft[key] as string,
    disabled: !editable,
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => set({ [key]: e.target.value }),
    error: !!errors[key],
    helperText: errors[key],
    inputProps: { 'data-testid': `policy-${key}` },
    ...extra,
  });
  const preview = async () => {
    const q = new URLSearchParams({
      effectiveFrom: draft.effectiveFrom,
      policy: JSON.stringify(body.policy),
    });
    try {
      const r = await restJson<{ issues: PreviewIssue[] }>(`${TB_API}/policy/preview?${q}`);
      setIssues(r.issues ?? []);
    } catch (error) {
      setIssues([
        { path: '', message: (error as Error).message, messageZh: (error as Error).message },
      ]);
    }
  };
  const codes = Array.from(
    new Set([...categories.map((c) => c.code), ...Object.keys(draft.rates)]),
  );
  return (
    <Box sx={{ p: { xs: 1, sm: 2 } }} data-testid="policy-page">
      <Title title="linli.tb.policy.title" />
      {current && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {translate('linli.tb.policy.in_force', {
            version: current.version,
            from: current.effectiveFrom,
          })}
        </Typography>
      )}
      <Card variant="outlined">
        <CardHeader
          title={translate(editable ? 'linli.tb.policy.next' : 'linli.tb.policy.current')}
          titleTypographyProps={{ variant: 'subtitle1' }}
        />
        <CardContent>
          <Typography variant="subtitle2" sx={{ mb: 1 }}>
            {translate('linli.tb.policy.rates')}
          </Typography>
          <Grid container spacing={2}>
            <Grid size={{ xs: 6, md: 3 }}>
              <TextField
                {...field('defaultRate', 'linli.tb.policy.default_rate', { type: 'number' })}
                InputProps={{ startAdornment: <InputAdornment position="start">×</InputAdornment> }}
              />
            </Grid>
            {codes.map((code) => {
              const c = categories.find((x) => x.code === code);
              const key = `rates.${code}`;
              return (
                <Grid key={code} size={{ xs: 6, md: 3 }}>
                  <TextField
                    fullWidth
                    size="small"
                    type="number"
                    label={c ? name(c.nameZh, c.nameEn) : code}
                    placeholder={draft.defaultRate}
                    value={draft.rates[code] ?? ''}
                    disabled={!editable}
                    onChange={(e) => set({ rates: { ...draft.rates, [code]: e.target.value } })}
                    error={!!errors[key]}
                    helperText={errors[key]}
                    InputProps={{
                      startAdornment: <InputAdornment position="start">×</InputAdornment>,
                    }}
                    inputProps={{ 'data-testid': `policy-rate-${code}` }}
                  />
                </Grid>
              );
            })}
          </Grid>
          <Typography variant="subtitle2" sx={{ mt: 3, mb: 1 }}>
            {translate('linli.tb.policy.counting')}
          </Typography>
          <Grid container spacing={2}>
            <Grid size={{ xs: 6, md: 3 }}>
              <TextField
                {...field('roundingStepMinutes', 'linli.tb.policy.rounding_step_minutes', {
                  type: 'number',
                })}
              />
            </Grid>
            <Grid size={{ xs: 6, md: 3 }}>
              <TextField select {...field('rounding', 'linli.tb.policy.rounding')}>
                {['down', 'nearest'].map((r) => (
                  <MenuItem key={r} value={r}>
                    {translate(`linli.tb.policy.rounding_${r}`)}
                  </MenuItem>
                ))}
              </TextField>
            </Grid>
            <Grid size={{ xs: 6, md: 3 }}>
              <TextField
                {...field('minServiceMinutes', 'linli.tb.policy.min_service', { type: 'number' })}
              />
            </Grid>
            <Grid size={{ xs: 6, md: 3 }}>
              <TextField
                {...field('maxServiceMinutes', 'linli.tb.policy.max_service', { type: 'number' })}
              />
            </Grid>
          </Grid>
          <Typography variant="subtitle2" sx={{ mt: 3, mb: 1 }}>
            {translate('linli.tb.policy.stars_and_storage')}
          </Typography>
          <Grid container spacing={2}>
            <Grid size={{ xs: 12, md: 6 }}>
              <TextField
                {...field('starHours', 'linli.tb.policy.star_hours')}
                helperText={errors.starHours ?? translate('linli.tb.policy.star_hours_help')}
              />
            </Grid>
            <Grid size={{ xs: 6, md: 3 }}>
              <TextField
                {...field('redeemFromLevel', 'linli.tb.policy.redeem_level', { type: 'number' })}
              />
            </Grid>
            <Grid size={{ xs: 6, md: 3 }}>
              <TextField
                {...field('expiryMonths', 'linli.tb.policy.expiry_months', { type: 'number' })}
                helperText={errors.expiryMonths ?? translate('linli.tb.policy.blank_never')}
              />
            </Grid>
            <Grid size={{ xs: 6, md: 3 }}>
              <TextField
                {...field('capHours', 'linli.tb.policy.cap_hours', { type: 'number' })}
                helperText={errors.capHours ?? translate('linli.tb.policy.blank_no_cap')}
              />
            </Grid>
            <Grid size={{ xs: 6, md: 3 }}>
              <TextField select {...field('aboveCap', 'linli.tb.policy.above_cap')}>
                {['pool', 'refuse'].map((r) => (
                  <MenuItem key={r} value={r}>
                    {translate(`linli.tb.policy.above_cap_${r}`)}
                  </MenuItem>
                ))}
              </TextField>
            </Grid>
            <Grid size={{ xs: 6, md: 3 }}>
              <TextField
                {...field('familyHours', 'linli.tb.policy.family_hours', { type: 'number' })}
              />
            </Grid>
            <Grid size={{ xs: 6, md: 3 }}>
              <TextField
                {...field('donationHours', 'linli.tb.policy.donation_hours', { type: 'number' })}
              />
            </Grid>
          </Grid>
          <Typography variant="subtitle2" sx={{ mt: 3, mb: 1 }}>
            {translate('linli.tb.policy.credit_limits')}
          </Typography>
          <Grid container spacing={2}>
            {KINDS.map((k) => (
              <Grid key={k} size={{ xs: 6, md: 3 }}>
                <TextField
                  fullWidth
                  size="small"
                  type="number"
                  label={translate(`linli.tb.enums.memberKind.${k}`)}
                  value={draft.credit[k] ?? ''}
                  disabled={!editable}
                  onChange={(e) => set({ credit: { ...draft.credit, [k]: e.target.value } })}
                  error={!!errors[`credit.${k}`]}
                  helperText={
                    errors[`credit.${k}`] ?? translate('linli.tb.policy.hours_below_zero')
                  }
                />
              </Grid>
            ))}
          </Grid>
          {editable && (
            <>
              <Typography variant="subtitle2" sx={{ mt: 3, mb: 1 }}>
                {translate('linli.tb.policy.publishing')}
              </Typography>
              <Grid container spacing={2}>
                <Grid size={{ xs: 12, md: 3 }}>
                  <TextField
                    {...field('effectiveFrom', 'linli.tb.policy.effective_from', { type: 'date' })}
                    InputLabelProps={{ shrink: true }}
                  />
                </Grid>
                <Grid size={{ xs: 12, md: 9 }}>
                  <TextField {...field('note', 'linli.tb.policy.note')} />
                </Grid>
              </Grid>
              {issues && issues.length === 0 && (
                <Alert severity="success" sx={{ mt: 2 }} data-testid="policy-preview-ok">
                  {translate('linli.tb.policy.preview_ok')}
                </Alert>
              )}
              {issues && issues.some((i) => !i.path) && (
                <Alert severity="error" sx={{ mt: 2 }}>
                  {issues
                    .filter((i) => !i.path)
                    .map((i) => (locale === 'en' ? i.message : i.messageZh))}
                </Alert>
              )}
              {issues && issues.length > 0 && issues.some((i) => i.path) && (
                <Alert severity="error" sx={{ mt: 2 }} data-testid="policy-preview-issues">
                  {translate('linli.tb.policy.preview_issues', { count: issues.length })}
                </Alert>
              )}
              <Box sx={{ display: 'flex', gap: 1, mt: 2 }}>
                {mayPreviewPolicy() && (
                  <Button variant="outlined" onClick={preview} data-testid="policy-preview">
                    {translate('linli.tb.policy.preview')}
                  </Button>
                )}
                <ConfirmButton
                  label="linli.tb.policy.publish"
                  variant="contained"
                  testId="policy-publish"
                  url={`${TB_API}/policy`}
                  body={() => body}
                  consequences={[
                    translate('linli.tb.policy.publish_what', {
                      version: (answer.versions.at(-1)?.version ?? 0) + 1,
                      from: draft.effectiveFrom,
                    }),
                    translate('linli.tb.policy.publish_kept'),
                    translate('linli.tb.policy.publish_final'),
                  ]}
                  onDone={() => {
                    setDraft(null);
                    setIssues(null);
                  }}
                />
              </Box>
            </>
          )}
        </CardContent>
      </Card>
      <Versions versions={answer.versions} />
    </Box>
  );
}
