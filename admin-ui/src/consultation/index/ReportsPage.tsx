import {
  Alert,
  Box,
  Card,
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
import { lazy, Suspense, useMemo, useState } from 'react';
import { Title, useLocaleState, useTranslate } from 'react-admin';
import type { ChartOption } from '../../dashboard/EChart';
import { restBody } from '../../rest';
import { chinaYearNow, REPORTS_API } from './api';

// ECharts is loaded with this page only (the dashboard's modular build: bar charts, no more).
const EChart = lazy(() => import('../../dashboard/EChart').then((m) => ({ default: m.EChart })));

interface SolvedAnswer {
  total: number;
  byKind: { kind: string; label: { zh: string; en: string }; solved: number }[];
  byCommunity: { area: string; name: string; total: number; byKind: Record<string, number> }[];
}

const PAGE_SX = { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', mt: 1 } as const;

/**
 * 协商成效 (/consultation-results): problems solved through consultation in a year (topics whose
 * decision was implemented), by kind in a bar chart and by community in a table.
 */
export function ReportsPage() {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const zh = locale.startsWith('zh');
  const thisYear = chinaYearNow();
  const [year, setYear] = useState(thisYear);
  const url = `${REPORTS_API}/solved?year=${year}`;
  const { data, error } = useQuery({
    queryKey: ['rest', url],
    queryFn: () => restBody<{ data: SolvedAnswer }>(url),
    retry: false,
  });
  const report = data?.data;
  const kinds = report?.byKind ?? [];
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 16, top: 16, bottom: 40 },
      xAxis: { type: 'category', data: kinds.map((k) => (zh ? k.label.zh : k.label.en)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: translate('linli.cindex.reports.solved'),
          data: kinds.map((k) => k.solved),
        },
      ],
    }),
    [kinds, zh, translate],
  );
  const shownKinds = kinds.filter((k) => report?.byCommunity.some((c) => c.byKind[k.kind]));
  return (
    <Box sx={PAGE_SX} data-testid="consultation-results-page">
      <Title title="linli.cindex.reports.title" />
      <Stack direction="row" spacing={2} alignItems="center" sx={{ mb: 1 }}>
        <Typography variant="h6">{translate('linli.cindex.reports.title')}</Typography>
        <TextField
          select
          size="small"
          label={translate('linli.cindex.year')}
          value={year}
          onChange={(e) => setYear(Number(e.target.value))}
          sx={{ width: 120 }}
        >
          {Array.from({ length: 5 }, (_, i) => thisYear - i).map((y) => (
            <MenuItem key={y} value={y}>
              {y}
            </MenuItem>
          ))}
        </TextField>
        {report && (
          <Typography color="primary" data-testid="solved-total">
            {translate('linli.cindex.reports.total', { n: report.total })}
          </Typography>
        )}
      </Stack>
      {error && <Alert severity="error">{(error as Error).message}</Alert>}
      <Card sx={{ p: 2, mb: 2 }}>
        <Typography variant="subtitle1">{translate('linli.cindex.reports.by_kind')}</Typography>
        <Suspense fallback={null}>
          <EChart option={option} locale={zh ? 'ZH' : 'EN'} testId="solved-chart" />
        </Suspense>
      </Card>
      <Card>
        <Typography variant="subtitle1" sx={{ p: 2, pb: 0 }}>
          {translate('linli.cindex.reports.by_community')}
        </Typography>
        <TableContainer sx={{ overflowX: 'auto' }}>
          <Table size="small" data-testid="solved-table">
            <TableHead>
              <TableRow>
                <TableCell>{translate('linli.cindex.community')}</TableCell>
                <TableCell align="right">{translate('linli.cindex.reports.solved')}</TableCell>
                {shownKinds.map((k) => (
                  <TableCell key={k.kind} align="right">
                    {zh ? k.label.zh : k.label.en}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {(report?.byCommunity ?? []).map((c) => (
                <TableRow key={c.area} hover>
                  <TableCell>{c.name}</TableCell>
                  <TableCell align="right">
                    <strong>{c.total}</strong>
                  </TableCell>
                  {shownKinds.map((k) => (
                    <TableCell key={k.kind} align="right">
                      {c.byKind[k.kind] ?? ''}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
        {report && report.byCommunity.length === 0 && (
          <Typography color="text.secondary" sx={{ p: 2 }}>
            {translate('linli.cindex.reports.empty')}
          </Typography>
        )}
      </Card>
    </Box>
  );
}
