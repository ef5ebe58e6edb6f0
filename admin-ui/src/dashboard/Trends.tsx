import { Card, CardContent, CardHeader, Grid, Typography } from '@mui/material';
import { useMemo } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import type { CmsTrends } from '../../../cms/server/src/shared/contracts/dashboard';
import type { GrantsTrends } from '../../../plugins/grants/server/src/shared/contracts/dashboard';
import { yuan } from '../money';
import { useRest } from '../rest';
import { EChart, type ChartOption } from './EChart';

const MONEY_ROLES = ['foundation-staff', 'incubator'];
const INCUBATION_ROLES = ['foundation-staff', 'incubator', 'community-worker'];
const APPLICATION_ORDER = [
  'draft',
  'submitted',
  'under_review',
  'more_info',
  'approved',
  'rejected',
  'withdrawn',
];

/** "2026-11" → 2026年11月 / Nov 2026; "2026Q4" → 2026年第4季度 / Q4 2026. */
const monthLabel = (month: string, zh: boolean) =>
  zh
    ? `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`
    : new Date(`${month}-01T00:00:00Z`).toLocaleDateString('en', {
        month: 'short',
        year: 'numeric',
        timeZone: 'UTC',
      });
const quarterLabel = (quarter: string, zh: boolean) =>
  zh
    ? `${quarter.slice(0, 4)}年第${quarter.slice(5)}季度`
    : `${quarter.slice(4)} ${quarter.slice(0, 4)}`;

function ChartCard({
  title,
  note,
  children,
}: {
  title: string;
  note?: string;
  children: React.ReactNode;
}) {
  return (
    <Card sx={{ height: '100%' }}>
      <CardHeader title={title} titleTypographyProps={{ variant: 'subtitle1' }} sx={{ pb: 0 }} />
      <CardContent>
        {note && (
          <Typography variant="body2" color="text.secondary">
            {note}
          </Typography>
        )}
        {children}
      </CardContent>
    </Card>
  );
}

/**
 * The trend charts, in their own chunk (ECharts loads with them, never with the login page):
 * money in and out by month, applications by stage in the current rounds, incubations hatched
 * by quarter. The server aggregates within the viewer's area; each chart is shown only to the
 * roles whose routes answer it.
 */
export default function Trends({ role }: { role: string }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const zh = locale.startsWith('zh');
  const chartLocale = zh ? 'ZH' : 'EN';
  const money = useRest<GrantsTrends>(
    MONEY_ROLES.includes(role) ? '/api/grants/dashboard/trends' : null,
  );
  const hatched = useRest<CmsTrends>(
    INCUBATION_ROLES.includes(role) ? '/api/cms/dashboard/trends' : null,
  );

  const moneyOption = useMemo<ChartOption | null>(() => {
    const t = money;
    if (!t) return null;
    const donations = translate('linli.dashboard.trends.donations');
    const payments = translate('linli.dashboard.trends.payments');
    return {
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v) => yuan(Math.round(Number(v) * 100)),
      },
      legend: { data: [donations, payments], top: 0 },
      grid: { left: 8, right: 8, bottom: 8, top: 36, containLabel: true },
      xAxis: { type: 'category', data: t.donations.map((m) => monthLabel(m.month, zh)) },
      yAxis: {
        type: 'value',
        axisLabel: { formatter: (v: number) => `¥${v.toLocaleString(zh ? 'zh-CN' : 'en')}` },
      },
      // Yuan on the chart (fen / 100); the tooltip turns it back into exact ¥1,234.00.
      series: [
        { name: donations, type: 'bar', data: t.donations.map((m) => m.amount / 100) },
        { name: payments, type: 'bar', data: t.payments.map((m) => m.amount / 100) },
      ],
    };
  }, [money, translate, zh]);

  const applicationsOption = useMemo<ChartOption | null>(() => {
    const t = money;
    if (!t) return null;
    const statuses = APPLICATION_ORDER.filter((s) => (t.applications[s] ?? 0) > 0);
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 24, bottom: 8, top: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        inverse: true,
        data: statuses.map((s) => translate(`enums.applicationStatus.${s}`)),
      },
      series: [
        {
          name: translate('linli.dashboard.trends.applications'),
          type: 'bar',
          data: statuses.map((s) => t.applications[s]),
          label: {
            show: true,
            position: 'right',
            formatter: ({ value }) => (value ? String(value) : ''),
          },
        },
      ],
    };
  }, [money, translate]);

  const hatchedOption = useMemo<ChartOption | null>(() => {
    const t = hatched;
    if (!t) return null;
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 8, bottom: 8, top: 16, containLabel: true },
      xAxis: { type: 'category', data: t.hatched.map((q) => quarterLabel(q.quarter, zh)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: translate('linli.dashboard.trends.hatched'),
          type: 'bar',
          data: t.hatched.map((q) => q.count),
          label: {
            show: true,
            position: 'top',
            formatter: ({ value }) => (value ? String(value) : ''),
          },
        },
      ],
    };
  }, [hatched, translate, zh]);

  const rounds = money?.rounds ?? 0;
  return (
    <>
      {moneyOption && (
        <Grid size={{ xs: 12, lg: 8 }}>
          <ChartCard
            title={translate('linli.dashboard.trends.money')}
            note={translate('linli.dashboard.trends.money_note')}
          >
            <EChart option={moneyOption} locale={chartLocale} height={340} testId="chart-money" />
          </ChartCard>
        </Grid>
      )}
      {applicationsOption && (
        <Grid size={{ xs: 12, lg: 4 }}>
          <ChartCard
            title={translate('linli.dashboard.trends.applications')}
            note={translate('linli.dashboard.trends.applications_note', { smart_count: rounds })}
          >
            {rounds > 0 ? (
              <EChart
                option={applicationsOption}
                locale={chartLocale}
                testId="chart-applications"
              />
            ) : (
              <Typography variant="body2">
                {translate('linli.dashboard.trends.no_rounds')}
              </Typography>
            )}
          </ChartCard>
        </Grid>
      )}
      {hatchedOption && (
        <Grid size={{ xs: 12, lg: 8 }}>
          <ChartCard title={translate('linli.dashboard.trends.hatched')}>
            <EChart
              option={hatchedOption}
              locale={chartLocale}
              height={240}
              testId="chart-hatched"
            />
          </ChartCard>
        </Grid>
      )}
    </>
  );
}
