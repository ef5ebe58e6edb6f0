import { Box, Card, CardContent, CardHeader, Grid, Link, Typography } from '@mui/material';
import { useMemo } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import { EChart, type ChartOption } from '../dashboard/EChart';
import { useRest } from '../rest';
import { mayReadQueue, mayReadStats } from './access';
import { hoursOf } from './hours';
import { useHours } from './useHours';
import { TB_API } from './shared';
import type { StatsView } from './types';

interface Queue {
  servicesToConfirm?: number;
  disputes?: number;
  redemptionsToFulfil?: number;
  activitiesToCredit?: number;
}

const listLink = (resource: string, filter: Record<string, string>) =>
  `#/${resource}?filter=${encodeURIComponent(JSON.stringify(filter))}`;

/** Each thing that waits in the time bank, and the list where it is done. */
const QUEUE: { key: keyof Queue; href: string }[] = [
  { key: 'servicesToConfirm', href: listLink('time-bank-services', { state: 'checked_out' }) },
  { key: 'disputes', href: listLink('time-bank-services', { state: 'disputed' }) },
  { key: 'redemptionsToFulfil', href: listLink('time-bank-redemptions', { status: 'reserved' }) },
  { key: 'activitiesToCredit', href: listLink('time-bank-activities', { status: 'open' }) },
];

const monthLabel = (month: string, zh: boolean) =>
  zh ? `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月` : month;

/**
 * 时间银行 on the dashboard: hours confirmed by month and by category (ECharts), active
 * volunteers, top teams, requests whose window passed unmet, and what waits for staff. Each
 * part appears only when its route answers; nothing here stops the rest of the dashboard.
 */
export default function TimeBankCard() {
  const translate = useTranslate();
  const hours = useHours();
  const [locale] = useLocaleState();
  const zh = locale.startsWith('zh');
  const stats = useRest<StatsView>(mayReadStats() ? `${TB_API}/stats` : null);
  const queue = useRest<Queue>(mayReadQueue() ? `${TB_API}/dashboard/queue` : null);

  const option = useMemo<ChartOption | null>(() => {
    if (!stats || stats.byMonth.length === 0) return null;
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 32, bottom: 24 },
      xAxis: { type: 'category', data: stats.byMonth.map((m) => monthLabel(m.month, zh)) },
      yAxis: { type: 'value', name: translate('linli.tb.dashboard.hours_axis') },
      series: [
        {
          name: translate('linli.tb.dashboard.hours_series'),
          type: 'bar',
          data: stats.byMonth.map((m) => Number(hoursOf(m.minutes))),
        },
      ],
    };
  }, [stats, zh, translate]);

  const categoryOption = useMemo<ChartOption | null>(() => {
    if (!stats || stats.byCategory.length === 0) return null;
    const rows = [...stats.byCategory].reverse();
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 90, right: 16, top: 8, bottom: 24 },
      xAxis: { type: 'value' },
      yAxis: {
        type: 'category',
        data: rows.map((c) => (zh ? c.nameZh : c.nameEn || c.nameZh)),
      },
      series: [{ type: 'bar', data: rows.map((c) => Number(hoursOf(c.minutes))) }],
    };
  }, [stats, zh]);

  if (!stats && !queue) return null;
  const total = stats?.byMonth.reduce((s, m) => s + m.minutes, 0) ?? 0;
  return (
    <Grid size={{ xs: 12 }}>
      <Card data-testid="time-bank-card">
        <CardHeader
          title={translate('linli.tb.dashboard.title')}
          titleTypographyProps={{ variant: 'subtitle1' }}
          sx={{ pb: 0 }}
        />
        <CardContent>
          <Grid container spacing={2}>
            {stats && (
              <Grid size={{ xs: 12, md: 3 }}>
                {[
                  ['total', hours(total)],
                  ['active_volunteers', stats.activeVolunteers.toLocaleString()],
                  ['unmet', stats.unmetPastWindow.toLocaleString()],
                ].map(([key, value]) => (
                  <Box key={key} sx={{ mb: 1.5 }} data-testid={`tb-stat-${key}`}>
                    <Typography variant="body2" color="text.secondary">
                      {translate(`linli.tb.dashboard.${key}`)}
                    </Typography>
                    <Typography variant="h6">{value}</Typography>
                  </Box>
                ))}
                {stats.topTeams.length > 0 && (
                  <>
                    <Typography variant="body2" color="text.secondary">
                      {translate('linli.tb.dashboard.top_teams')}
                    </Typography>
                    {stats.topTeams.slice(0, 5).map((t) => (
                      <Box
                        key={t.documentId}
                        sx={{ display: 'flex', justifyContent: 'space-between', gap: 1 }}
                      >
                        <Link href={`#/time-bank-members/${t.documentId}/show`} variant="body2">
                          {t.name}
                        </Link>
                        <Typography variant="body2">{hours(t.minutes)}</Typography>
                      </Box>
                    ))}
                  </>
                )}
              </Grid>
            )}
            {stats && (
              <Grid size={{ xs: 12, md: 5 }}>
                {option ? (
                  <EChart
                    option={option}
                    locale={zh ? 'ZH' : 'EN'}
                    height={240}
                    testId="tb-chart-months"
                  />
                ) : (
                  <Typography variant="body2" color="text.secondary">
                    {translate('linli.tb.dashboard.no_hours')}
                  </Typography>
                )}
                {categoryOption && (
                  <EChart
                    option={categoryOption}
                    locale={zh ? 'ZH' : 'EN'}
                    height={Math.max(120, stats.byCategory.length * 28 + 40)}
                    testId="tb-chart-categories"
                  />
                )}
              </Grid>
            )}
            {queue && (
              <Grid size={{ xs: 12, md: stats ? 4 : 12 }} data-testid="tb-queue">
                <Typography variant="body2" color="text.secondary">
                  {translate('linli.tb.dashboard.queue')}
                </Typography>
                {QUEUE.filter((q) => typeof queue[q.key] === 'number').map((q) => (
                  <Box
                    key={q.key}
                    sx={{
                      display: 'flex',
                      justifyContent: 'space-between',
                      alignItems: 'baseline',
                      py: 0.75,
                      borderBottom: 1,
                      borderColor: 'divider',
                    }}
                  >
                    <Link href={q.href} underline="hover" variant="body2" color="text.primary">
                      {translate(`linli.tb.dashboard.${q.key}`)}
                    </Link>
                    <Link
                      href={q.href}
                      underline="hover"
                      variant="h6"
                      color={(queue[q.key] ?? 0) > 0 ? 'primary' : 'text.disabled'}
                      data-testid={`tb-queue-${q.key}`}
                    >
                      {(queue[q.key] ?? 0).toLocaleString()}
                    </Link>
                  </Box>
                ))}
              </Grid>
            )}
          </Grid>
        </CardContent>
      </Card>
    </Grid>
  );
}
