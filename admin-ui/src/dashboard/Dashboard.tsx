import { gql, useQuery as useGraphql } from '@apollo/client';
import {
  Box,
  Card,
  CardContent,
  CardHeader,
  Grid,
  LinearProgress,
  Link,
  Typography,
} from '@mui/material';
import { Suspense, lazy, useMemo } from 'react';
import { Title, useGetIdentity, useTranslate } from 'react-admin';
import type { CmsQueue } from '../../../cms/server/src/shared/contracts/dashboard';
import type { FormsQueue } from '../../../plugins/forms/server/src/shared/contracts/dashboard';
import type { GrantsQueue } from '../../../plugins/grants/server/src/shared/contracts/dashboard';
import {
  COMPOUND_TYPES,
  ORGANISATION_KINDS,
  READERS,
  SERVICE_CATEGORIES,
  STAGES,
} from '../choices';
import { client } from '../dataProvider';
import { yuan } from '../money';
import { useRest } from '../rest';

// ECharts comes with the charts only, in a chunk of its own.
const Trends = lazy(() => import('./Trends'));
const TimeBankCard = lazy(() => import('../timebank/TimeBankCard'));

/** Who may read a console resource (those READERS does not name are public). */
const reads = (role: string, resource: string) =>
  !READERS[resource] || READERS[resource].includes(role);

const listLink = (resource: string, filter: Record<string, string>) =>
  `#/${resource}?filter=${encodeURIComponent(JSON.stringify(filter))}`;

type Plugin = 'grants' | 'cms' | 'forms';
interface QueueItem {
  plugin: Plugin;
  key: keyof GrantsQueue | keyof CmsQueue | keyof FormsQueue;
  href: string;
}

/** Each thing that can wait for someone, where it is counted and where it is done. */
const QUEUE: QueueItem[] = [
  { plugin: 'grants', key: 'reviewsToScore', href: '#/my-reviews' },
  {
    plugin: 'grants',
    key: 'pledges',
    href: listLink('grants-donations', { status: 'pledged' }),
  },
  {
    plugin: 'grants',
    key: 'applicationsToAssign',
    href: listLink('grants-applications', { status: 'submitted' }),
  },
  {
    plugin: 'grants',
    key: 'applicationsUnderReview',
    href: listLink('grants-applications', { status: 'under_review' }),
  },
  {
    plugin: 'grants',
    key: 'tranchesToApprove',
    href: listLink('grants-disbursements', { status: 'scheduled' }),
  },
  {
    plugin: 'grants',
    key: 'tranchesToPay',
    href: listLink('grants-disbursements', { status: 'approved' }),
  },
  {
    plugin: 'grants',
    key: 'reportsToAccept',
    href: listLink('grants-reports', { status: 'submitted' }),
  },
  {
    plugin: 'cms',
    key: 'incubationsApplied',
    href: listLink('cms-incubations', { stage: 'applied' }),
  },
  {
    plugin: 'cms',
    key: 'incubationsAssessing',
    href: listLink('cms-incubations', { stage: 'assessing' }),
  },
  {
    plugin: 'cms',
    key: 'incubationsDueForAssessment',
    href: '#/incubation-board?due=true',
  },
  {
    plugin: 'cms',
    key: 'milestonesOverdue',
    href: '#/incubation-board?overdue=true',
  },
  {
    plugin: 'forms',
    key: 'submissionsReceived',
    href: listLink('forms-submissions', { status: 'received' }),
  },
  {
    plugin: 'forms',
    key: 'submissionsInProgress',
    href: listLink('forms-submissions', { status: 'in-progress' }),
  },
];

/** Which plugin's queue route each role holds (mirrors the plugins' permission matrices). */
const QUEUE_ROLES: Record<Plugin, readonly string[]> = {
  grants: ['foundation-staff', 'reviewer'],
  cms: ['foundation-staff', 'incubator'],
  forms: ['foundation-staff', 'incubator', 'community-worker'],
};
const TREND_ROLES = ['foundation-staff', 'incubator', 'community-worker'];
const hasQueue = (role: string) => Object.values(QUEUE_ROLES).some((roles) => roles.includes(role));

/**
 * What waits for the signed-in user: one request per plugin, each counted by the server within
 * the user's area; each line links to the list, filtered, where the work is done. A plugin whose
 * queue the role does not hold is not asked (no refusal, no error toast).
 */
/** One plugin's queue counts, asked only of a role that holds the route. */
const usePluginQueue = (plugin: Plugin, role: string) =>
  useRest<Record<string, number | undefined>>(
    QUEUE_ROLES[plugin].includes(role) ? `/api/${plugin}/dashboard/queue` : null,
  );

function WorkQueue({ role }: { role: string }) {
  const translate = useTranslate();
  const answers: Record<Plugin, Record<string, number | undefined> | undefined> = {
    grants: usePluginQueue('grants', role) ?? undefined,
    cms: usePluginQueue('cms', role) ?? undefined,
    forms: usePluginQueue('forms', role) ?? undefined,
  };
  const items = QUEUE.flatMap((item) => {
    const count = answers[item.plugin]?.[item.key];
    return typeof count === 'number' ? [{ ...item, count }] : [];
  });
  const waiting = items.filter((i) => i.count > 0);
  return (
    <Card data-testid="work-queue">
      <CardHeader
        title={translate('linli.dashboard.queue.title')}
        titleTypographyProps={{ variant: 'subtitle1' }}
        sx={{ pb: 0 }}
      />
      <CardContent sx={{ pt: 0 }}>
        {/* Still counting: a bar, not an empty queue that reads as "nothing waits". */}
        {items.length === 0 && (
          <LinearProgress sx={{ mt: 2 }} aria-label={translate('ra.page.loading')} />
        )}
        {items.length > 0 && waiting.length === 0 && (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            {translate('linli.dashboard.queue.nothing')}
          </Typography>
        )}
        {items.map((item) => (
          <Box
            key={item.key}
            data-testid={`queue-${item.key}`}
            sx={{
              display: 'flex',
              alignItems: 'baseline',
              justifyContent: 'space-between',
              gap: 2,
              py: 0.75,
              borderBottom: 1,
              borderColor: 'divider',
            }}
          >
            <Link
              href={item.href}
              underline="hover"
              variant="body2"
              color={item.count > 0 ? 'text.primary' : 'text.secondary'}
            >
              {translate(`linli.dashboard.queue.${item.key}`)}
            </Link>
            <Link
              href={item.href}
              underline="hover"
              variant="h6"
              color={item.count > 0 ? 'primary' : 'text.disabled'}
              data-testid={`queue-${item.key}-count`}
            >
              {item.count.toLocaleString()}
            </Link>
          </Box>
        ))}
      </CardContent>
    </Card>
  );
}

/** The foundation's money at a glance, from the ledger (for those who may see the funds). */
function MoneyTiles({ role }: { role: string }) {
  const translate = useTranslate();
  const s = useRest<Record<string, number>>(
    reads(role, 'grants-funds') ? '/api/grants/summary' : null,
  );
  if (!s) return null;
  const tiles: [string, number, string][] = [
    [
      'raised',
      s.raised ?? 0,
      translate('linli.dashboard.donations_count', { count: s.donations ?? 0 }),
    ],
    ['available', s.available ?? 0, ''],
    ['committed', s.committed ?? 0, ''],
  ];
  return (
    <>
      {tiles.map(([key, fen, note]) => (
        <Grid key={key} size={{ xs: 12, md: 4 }}>
          <Card data-testid={`money-${key}`}>
            <CardHeader
              title={translate(`linli.dashboard.money_${key}`)}
              titleTypographyProps={{ variant: 'subtitle1' }}
            />
            <CardContent>
              <Link href="#/grants-funds" underline="hover" variant="h5">
                {yuan(fen)}
              </Link>
              {note && (
                <Typography variant="body2" color="text.secondary">
                  {note}
                </Typography>
              )}
            </CardContent>
          </Card>
        </Grid>
      ))}
    </>
  );
}

/** A count the overview shows: a GraphQL connection's total for one filter value. */
interface Figure {
  key: string;
  resource: string;
  connection: string;
  field: string;
  value: string;
  label: string;
}

const FIGURES: Figure[] = [
  ...['community', 'village'].map((level) => ({
    key: level,
    resource: 'cms-areas',
    connection: 'cmsAreas_connection',
    field: 'level',
    value: level,
    label: `enums.level.${level}`,
  })),
  ...['grid', 'micro'].map((level) => ({
    key: level,
    resource: 'cms-grids',
    connection: 'cmsGrids_connection',
    field: 'level',
    value: level,
    label: `enums.gridLevel.${level}`,
  })),
  ...COMPOUND_TYPES.map((t) => ({
    key: `compound_${t}`,
    resource: 'cms-compounds',
    connection: 'cmsCompounds_connection',
    field: 'type',
    value: t,
    label: `enums.compoundType.${t}`,
  })),
  ...ORGANISATION_KINDS.map((k) => ({
    key: `org_${k}`,
    resource: 'cms-organisations',
    connection: 'cmsOrganisations_connection',
    field: 'kind',
    value: k,
    label: `enums.organisationKind.${k}`,
  })),
  ...SERVICE_CATEGORIES.map((c) => ({
    key: `category_${c}`,
    resource: 'cms-organisations',
    connection: 'cmsOrganisations_connection',
    field: 'serviceCategory',
    value: c,
    label: `enums.serviceCategory.${c}`,
  })),
  ...STAGES.map((s) => ({
    key: `stage_${s}`,
    resource: 'cms-incubations',
    connection: 'cmsIncubations_connection',
    field: 'stage',
    value: s,
    label: `enums.stage.${s}`,
  })),
];

const SECTIONS: { title: string; prefix: string; wide?: boolean }[] = [
  { title: 'linli.dashboard.areas', prefix: 'community|village' },
  { title: 'linli.dashboard.grids', prefix: 'grid|micro' },
  { title: 'linli.dashboard.compounds', prefix: 'compound_' },
  { title: 'linli.dashboard.organisations', prefix: 'org_' },
  { title: 'linli.dashboard.categories', prefix: 'category_' },
  { title: 'linli.dashboard.pipeline', prefix: 'stage_', wide: true },
];
const inSection = (f: Figure, prefix: string) =>
  prefix.includes('|') ? prefix.split('|').includes(f.key) : f.key.startsWith(prefix);

/**
 * The user's area at a glance: one GraphQL request of aliased counts (the server scopes each),
 * asking only for the connections the role may read, so no role meets a refusal.
 */
function Overview({ role }: { role: string }) {
  const translate = useTranslate();
  const figures = useMemo(() => FIGURES.filter((f) => reads(role, f.resource)), [role]);
  const query = useMemo(
    () =>
      gql(
        `query LinliDashboard { ${figures
          .map(
            (f) =>
              `${f.key}: ${f.connection}(filters: { ${f.field}: { eq: "${f.value}" } }, pagination: { pageSize: 1 }) { pageInfo { total } }`,
          )
          .join(' ')} }`,
      ),
    [figures],
  );
  const { data, loading } = useGraphql(query, { client, fetchPolicy: 'network-only' });
  const counts: Record<string, number> = Object.fromEntries(
    Object.entries((data ?? {}) as Record<string, { pageInfo: { total: number } } | null>).map(
      ([k, v]) => [k, v?.pageInfo.total ?? 0],
    ),
  );
  return (
    <>
      {SECTIONS.map((section) => {
        const rows = figures.filter((f) => inSection(f, section.prefix));
        if (!rows.length) return null;
        const max = Math.max(1, ...rows.map((f) => counts[f.key] ?? 0));
        return (
          <Grid key={section.title} size={{ xs: 12, md: section.wide ? 12 : 6 }}>
            <Card sx={{ height: '100%' }}>
              <CardHeader
                title={translate(section.title)}
                titleTypographyProps={{ variant: 'subtitle1' }}
              />
              <CardContent>
                {/* Until the counts come, "…" rather than zeros a person would believe. */}
                {loading && <LinearProgress sx={{ mb: 1 }} />}
                {rows.map((f) => {
                  const count = counts[f.key] ?? 0;
                  return (
                    <Box key={f.key} sx={{ mb: 1 }} data-testid={`figure-${f.key}`}>
                      <Box sx={{ display: 'flex', justifyContent: 'space-between' }}>
                        <Typography variant="body2">{translate(f.label)}</Typography>
                        <Link
                          href={listLink(f.resource, { [f.field]: f.value })}
                          variant="body2"
                          fontWeight="bold"
                        >
                          {loading ? '…' : count.toLocaleString()}
                        </Link>
                      </Box>
                      <Box sx={{ height: 8, bgcolor: 'action.hover', borderRadius: 1 }}>
                        <Box
                          sx={{
                            height: 8,
                            width: `${(count / max) * 100}%`,
                            bgcolor: 'primary.main',
                            borderRadius: 1,
                          }}
                        />
                      </Box>
                    </Box>
                  );
                })}
                {section.prefix === 'stage_' && (
                  <Typography variant="body2" sx={{ mt: 1 }} data-testid="hatched-to-date">
                    {translate('linli.dashboard.hatched_to_date', {
                      count: loading ? '…' : (counts.stage_hatched ?? 0),
                    })}
                  </Typography>
                )}
              </CardContent>
            </Card>
          </Grid>
        );
      })}
    </>
  );
}

/**
 * The dashboard: what waits for the user (the work queue), the money, the trends, and the area
 * at a glance — each part shown only to the roles that may read it.
 */
export function Dashboard() {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const role: string = identity?.role?.type ?? '';
  return (
    <Box sx={{ p: 2 }}>
      <Title title="ra.page.dashboard" />
      <Typography variant="h6" sx={{ mb: 0.5 }}>
        {translate('linli.dashboard.welcome', { name: identity?.fullName ?? '' })}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }} data-testid="identity">
        {role ? translate(`enums.role.${role}`) : ''} ·{' '}
        {translate('linli.dashboard.scope_line', {
          scope: identity?.scope?.name ?? translate('linli.no_scope'),
        })}
      </Typography>
      {role && (
        <Grid container spacing={2}>
          <MoneyTiles role={role} />
          {hasQueue(role) && (
            <Grid size={{ xs: 12, md: 6, lg: 4 }}>
              <WorkQueue role={role} />
            </Grid>
          )}
          {TREND_ROLES.includes(role) && (
            <Suspense fallback={null}>
              <Trends role={role} />
            </Suspense>
          )}
          <Suspense fallback={null}>
            <TimeBankCard />
          </Suspense>
          <Overview role={role} />
        </Grid>
      )}
    </Box>
  );
}
