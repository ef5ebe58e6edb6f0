import {
  Alert,
  Box,
  Card,
  CardContent,
  CardHeader,
  Grid,
  LinearProgress,
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
import { useMemo, useState, type ReactNode } from 'react';
import { Loading, Title, useLocaleState, useTranslate } from 'react-admin';
import type { CasesDashboard } from '../../../plugins/cases/server/src/shared/contracts/cases';
import { EChart, type ChartOption } from '../dashboard/EChart';
import { restJson } from '../rest';
import { useQuery } from '@tanstack/react-query';
import { CASES_API, PAGE_SX, useLabel } from './shared';

const percent = (part: number, whole: number) =>
  whole > 0 ? Math.round((part * 1000) / whole) / 10 : 0;

function Figure({ label, value, colour }: { label: string; value: number; colour?: string }) {
  const translate = useTranslate();
  return (
    <Card sx={{ height: '100%' }}>
      <CardContent>
        <Typography variant="caption" color="text.secondary">
          {translate(label)}
        </Typography>
        <Typography
          variant="h5"
          sx={{ color: colour }}
          data-testid={`figure-${label.split('.').pop()}`}
        >
          {value.toLocaleString()}
        </Typography>
      </CardContent>
    </Card>
  );
}

function Panel({ title, children }: { title: string; children: ReactNode }) {
  const translate = useTranslate();
  return (
    <Card sx={{ height: '100%' }}>
      <CardHeader
        title={translate(title)}
        titleTypographyProps={{ variant: 'subtitle1' }}
        sx={{ pb: 0 }}
      />
      <CardContent>{children}</CardContent>
    </Card>
  );
}

/** Rows of received / overdue / satisfied by category or by area. */
function BreakdownTable({
  rows,
  nameTitle,
}: {
  rows: {
    key: string;
    name: string;
    received: number;
    overdue: number;
    satisfied: number;
    rated: number;
  }[];
  nameTitle: string;
}) {
  const translate = useTranslate();
  return (
    <TableContainer sx={{ overflowX: 'auto' }}>
      <Table size="small" sx={{ minWidth: 420 }}>
        <TableHead>
          <TableRow>
            <TableCell>{translate(nameTitle)}</TableCell>
            <TableCell align="right">{translate('linli.cases.dashboard.received')}</TableCell>
            <TableCell align="right">{translate('linli.cases.dashboard.overdue')}</TableCell>
            <TableCell align="right">{translate('linli.cases.dashboard.satisfied_rate')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={r.key}>
              <TableCell>{r.name}</TableCell>
              <TableCell align="right">{r.received}</TableCell>
              <TableCell align="right">{r.overdue}</TableCell>
              <TableCell align="right">
                {r.rated ? `${percent(r.satisfied, r.rated)}%` : '—'}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

/**
 * 事项统计 (/case-dashboard): cases received, open, on time, overdue and closed in the viewer's
 * area; the residents' satisfaction; by category and by area; and the weekly trend (drawn with
 * the dashboard's ECharts build).
 */
export function DashboardPage() {
  const translate = useTranslate();
  const text = useLabel();
  const [locale] = useLocaleState();
  const [weeks, setWeeks] = useState(12);
  const url = `${CASES_API}/reports/dashboard?weeks=${weeks}`;
  const { data, error } = useQuery({
    queryKey: ['rest', url],
    queryFn: () => restJson<CasesDashboard>(url),
    retry: false,
  });
  const option = useMemo<ChartOption | null>(() => {
    if (!data) return null;
    const names = ['received', 'closed', 'overdue'].map((k) =>
      translate(`linli.cases.dashboard.${k}`),
    );
    return {
      tooltip: { trigger: 'axis' },
      legend: { data: names, top: 0 },
      grid: { left: 8, right: 8, bottom: 8, top: 36, containLabel: true },
      xAxis: { type: 'category', data: data.weekly.map((w) => w.week) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: names[0], type: 'bar', data: data.weekly.map((w) => w.received) },
        { name: names[1], type: 'bar', data: data.weekly.map((w) => w.closed) },
        { name: names[2], type: 'line', data: data.weekly.map((w) => w.overdue) },
      ],
    };
  }, [data, translate]);
  if (error)
    return (
      <Alert severity="error" sx={{ mt: 2 }} data-testid="dashboard-error">
        {error.message}
      </Alert>
    );
  if (!data) return <Loading />;
  const s = data.satisfaction;
  const shares = [
    ['satisfied', s.satisfied, 'success'],
    ['basic', s.basic, 'info'],
    ['dissatisfied', s.dissatisfied, 'error'],
  ] as const;
  return (
    <Box sx={{ ...PAGE_SX, mt: 1, pb: 4 }} data-testid="cases-dashboard">
      <Title title="linli.cases.dashboard.title" />
      <Stack direction="row" spacing={2} alignItems="center" sx={{ mb: 1 }}>
        <Typography variant="h6">{translate('linli.cases.dashboard.title')}</Typography>
        <TextField
          select
          size="small"
          label={translate('linli.cases.dashboard.weeks')}
          value={weeks}
          onChange={(e) => setWeeks(Number(e.target.value))}
          sx={{ width: 130 }}
        >
          {[4, 8, 12, 26, 52].map((w) => (
            <MenuItem key={w} value={w}>
              {translate('linli.cases.dashboard.n_weeks', { n: w })}
            </MenuItem>
          ))}
        </TextField>
      </Stack>
      <Grid container spacing={2}>
        {(
          [
            ['received', data.received, undefined],
            ['open', data.open, undefined],
            ['on_time', data.onTime, 'success.main'],
            ['overdue', data.overdue, 'error.main'],
            ['closed', data.closed, undefined],
          ] as const
        ).map(([k, v, c]) => (
          <Grid key={k} size={{ xs: 6, sm: 4, md: 2.4 }}>
            <Figure label={`linli.cases.dashboard.${k}`} value={v} colour={c} />
          </Grid>
        ))}
        <Grid size={{ xs: 12, md: 4 }}>
          <Panel title="linli.cases.dashboard.satisfaction">
            <Typography variant="caption" color="text.secondary">
              {translate('linli.cases.dashboard.rated', { n: s.rated })}
            </Typography>
            {shares.map(([k, n, colour]) => (
              <Box key={k} sx={{ mt: 1 }} data-testid={`satisfaction-${k}`}>
                <Stack direction="row" justifyContent="space-between">
                  <Typography variant="body2">{translate(`linli.cases.dashboard.${k}`)}</Typography>
                  <Typography variant="body2">{percent(n, s.rated)}%</Typography>
                </Stack>
                <LinearProgress variant="determinate" color={colour} value={percent(n, s.rated)} />
              </Box>
            ))}
          </Panel>
        </Grid>
        <Grid size={{ xs: 12, md: 8 }}>
          <Panel title="linli.cases.dashboard.weekly">
            {option && (
              <EChart
                option={option}
                locale={locale === 'en' ? 'EN' : 'ZH'}
                height={260}
                testId="chart-cases-weekly"
              />
            )}
          </Panel>
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <Panel title="linli.cases.dashboard.by_category">
            <BreakdownTable
              nameTitle="linli.cases.fields.category"
              rows={data.byCategory.map((c) => ({ ...c, name: text(c.label) || c.key }))}
            />
          </Panel>
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <Panel title="linli.cases.dashboard.by_area">
            <BreakdownTable
              nameTitle="linli.cases.fields.area"
              rows={data.byArea.map((a) => ({ ...a, key: a.path }))}
            />
          </Panel>
        </Grid>
      </Grid>
    </Box>
  );
}
