import { gql, useQuery } from '@apollo/client';
import { Box, Card, CardContent, CardHeader, Grid, Link, Typography } from '@mui/material';
import { Title, useGetIdentity, useTranslate } from 'react-admin';
import { useEffect, useState } from 'react';
import { COMPOUND_TYPES, ORGANISATION_KINDS, READERS, SERVICE_CATEGORIES, STAGES } from './choices';
import { restJson } from './rest';
import { yuanText } from '../../plugins/grants/server/src/domain/donations';
import { client } from './dataProvider';

/**
 * The user's scope at a glance. One GraphQL request of aliased counts (the server scopes each
 * one), drawn as bars; every figure links to the list behind it.
 */
type Figure = {
  key: string;
  resource: string;
  connection: string;
  field: string;
  value: string;
  label: string;
};

const figures: Figure[] = [
  {
    key: 'community',
    resource: 'cms-areas',
    connection: 'cmsAreas_connection',
    field: 'level',
    value: 'community',
    label: 'enums.level.community',
  },
  {
    key: 'village',
    resource: 'cms-areas',
    connection: 'cmsAreas_connection',
    field: 'level',
    value: 'village',
    label: 'enums.level.village',
  },
  {
    key: 'grid',
    resource: 'cms-grids',
    connection: 'cmsGrids_connection',
    field: 'level',
    value: 'grid',
    label: 'enums.gridLevel.grid',
  },
  {
    key: 'micro',
    resource: 'cms-grids',
    connection: 'cmsGrids_connection',
    field: 'level',
    value: 'micro',
    label: 'enums.gridLevel.micro',
  },
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

const COUNTS = gql(
  `query LinliDashboard { ${figures
    .map(
      (f) =>
        `${f.key}: ${f.connection}(filters: { ${f.field}: { eq: "${f.value}" } }, pagination: { pageSize: 1 }) { pageInfo { total } }`,
    )
    .join(' ')} }`,
);

function Bars({
  title,
  keys,
  counts,
}: {
  title: string;
  keys: string[];
  counts: Record<string, number>;
}) {
  const translate = useTranslate();
  const rows = figures.filter((f) => keys.includes(f.key));
  const max = Math.max(1, ...rows.map((f) => counts[f.key] ?? 0));
  return (
    <Card sx={{ height: '100%' }}>
      <CardHeader title={translate(title)} titleTypographyProps={{ variant: 'subtitle1' }} />
      <CardContent>
        {rows.map((f) => {
          const count = counts[f.key] ?? 0;
          const href = `#/${f.resource}?filter=${encodeURIComponent(JSON.stringify({ [f.field]: f.value }))}`;
          return (
            <Box key={f.key} sx={{ mb: 1 }} data-testid={`figure-${f.key}`}>
              <Box sx={{ display: 'flex', justifyContent: 'space-between' }}>
                <Typography variant="body2">{translate(f.label)}</Typography>
                <Link href={href} variant="body2" fontWeight="bold">
                  {count.toLocaleString()}
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
      </CardContent>
    </Card>
  );
}

const money = (fen: number) => yuanText(fen);

/** The foundation's money at a glance, from the ledger (for those who may see the funds). */
function MoneyTiles({ role }: { role?: string }) {
  const translate = useTranslate();
  const [s, setS] = useState<Record<string, number> | null>(null);
  const allowed = !!role && READERS['grants-funds']?.includes(role);
  useEffect(() => {
    if (allowed)
      restJson<Record<string, number>>('/api/grants/summary').then(setS, () => setS(null));
  }, [allowed]);
  if (!allowed || !s) return null;
  const tiles: [string, string, string][] = [
    [
      'raised',
      money(s.raised ?? 0),
      translate('linli.dashboard.donations_count', { count: s.donations ?? 0 }),
    ],
    ['available', money(s.available ?? 0), ''],
    ['committed', money(s.committed ?? 0), ''],
  ];
  return (
    <>
      {tiles.map(([key, value, note]) => (
        <Grid key={key} size={{ xs: 12, md: 4 }}>
          <Card data-testid={`money-${key}`}>
            <CardHeader
              title={translate(`linli.dashboard.money_${key}`)}
              titleTypographyProps={{ variant: 'subtitle1' }}
            />
            <CardContent>
              <Link href="#/grants-funds" underline="hover" variant="h5">
                {value}
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

export function Dashboard() {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const { data } = useQuery(COUNTS, { client, fetchPolicy: 'network-only' });
  const counts: Record<string, number> = Object.fromEntries(
    Object.entries((data ?? {}) as Record<string, { pageInfo: { total: number } } | null>).map(
      ([k, v]) => [k, v?.pageInfo.total ?? 0],
    ),
  );
  const keys = (prefix: string) =>
    figures.filter((f) => f.key.startsWith(prefix)).map((f) => f.key);
  return (
    <Box sx={{ p: 2 }}>
      <Title title="ra.page.dashboard" />
      <Typography variant="h6" sx={{ mb: 0.5 }}>
        {translate('linli.dashboard.welcome', { name: identity?.fullName ?? '' })}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }} data-testid="identity">
        {identity?.role ? translate(`enums.role.${identity.role.type}`) : ''} ·{' '}
        {translate('linli.scope')}：{identity?.scope?.name ?? translate('linli.no_scope')}
      </Typography>
      <Grid container spacing={2}>
        <MoneyTiles role={identity?.role?.type} />
        <Grid size={{ xs: 12, md: 6 }}>
          <Bars title="linli.dashboard.areas" keys={['community', 'village']} counts={counts} />
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <Bars title="linli.dashboard.grids" keys={['grid', 'micro']} counts={counts} />
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <Bars title="linli.dashboard.compounds" keys={keys('compound_')} counts={counts} />
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <Bars title="linli.dashboard.organisations" keys={keys('org_')} counts={counts} />
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <Bars title="linli.dashboard.categories" keys={keys('category_')} counts={counts} />
        </Grid>
        <Grid size={{ xs: 12 }}>
          <Bars title="linli.dashboard.pipeline" keys={keys('stage_')} counts={counts} />
          <Typography variant="body2" sx={{ mt: 1 }} data-testid="hatched-to-date">
            {translate('linli.dashboard.hatched_to_date', { count: counts.stage_hatched ?? 0 })}
          </Typography>
        </Grid>
      </Grid>
    </Box>
  );
}
