import DownloadIcon from '@mui/icons-material/Download';
import EditNoteIcon from '@mui/icons-material/EditNote';
import {
  Alert,
  Box,
  Button,
  Card,
  Link,
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
import { download, restBody } from '../../rest';
import { DrillDialog } from './DrillDialog';
import { EntryDialog } from './EntryDialog';
import {
  chinaYearNow,
  INDEX_API,
  mayEnterIndex,
  points,
  shown,
  type IndicatorScore,
  type RankingAnswer,
  type ScoresAnswer,
} from './api';

const PAGE_SX = { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', mt: 1 } as const;

/**
 * 协商指数 (/consultation-index): the communities of the viewer's area ranked by their index for a
 * year, with each category's points; a community opens to its indicators (value, target, score,
 * what the figure is computed from, evidence); a figure opens to the records behind it; manual
 * indicators are entered with evidence; the whole year exports as a workbook.
 */
export function IndexPage() {
  const translate = useTranslate();
  const notify = useNotify();
  const [locale] = useLocaleState();
  const zh = locale.startsWith('zh');
  const thisYear = chinaYearNow();
  const [year, setYear] = useState(thisYear);
  const [community, setCommunity] = useState<{ area: string; name: string } | null>(null);
  const rankingUrl = `${INDEX_API}/ranking?year=${year}`;
  const ranking = useQuery({
    queryKey: ['rest', rankingUrl],
    queryFn: () => restBody<{ data: RankingAnswer }>(rankingUrl),
    retry: false,
  });
  const data = ranking.data?.data;

  const exportXlsx = () =>
    download(
      `${INDEX_API}/export?year=${year}&format=xlsx&lang=${zh ? 'zh' : 'en'}`,
      `consultation-index-${year}.xlsx`,
    ).catch(() => notify('linli.cindex.export_failed', { type: 'error' }));

  return (
    <Box sx={PAGE_SX} data-testid="consultation-index-page">
      <Title title="linli.cindex.title" />
      <Stack
        direction="row"
        spacing={2}
        alignItems="center"
        sx={{ mb: 1 }}
        flexWrap="wrap"
        useFlexGap
      >
        <Typography variant="h6">{translate('linli.cindex.title')}</Typography>
        <TextField
          select
          size="small"
          label={translate('linli.cindex.year')}
          value={year}
          onChange={(e) => setYear(Number(e.target.value))}
          sx={{ width: 120 }}
          data-testid="index-year"
        >
          {Array.from({ length: 5 }, (_, i) => thisYear - i).map((y) => (
            <MenuItem key={y} value={y}>
              {y}
            </MenuItem>
          ))}
        </TextField>
        <Button startIcon={<DownloadIcon />} onClick={() => void exportXlsx()}>
          {translate('linli.cindex.export')}
        </Button>
        {community && (
          <Button onClick={() => setCommunity(null)}>{translate('linli.cindex.back')}</Button>
        )}
      </Stack>
      {ranking.error && <Alert severity="error">{(ranking.error as Error).message}</Alert>}
      {community ? (
        <CommunityScores year={year} community={community} />
      ) : (
        <Card>
          <TableContainer sx={{ overflowX: 'auto' }}>
            <Table size="small" sx={{ minWidth: 900 }} data-testid="index-ranking">
              <TableHead>
                <TableRow>
                  <TableCell align="right">{translate('linli.cindex.rank')}</TableCell>
                  <TableCell>{translate('linli.cindex.community')}</TableCell>
                  <TableCell align="right">{translate('linli.cindex.total')}</TableCell>
                  {(data?.categories ?? []).map((c) => (
                    <TableCell key={c.key} align="right">
                      {zh ? c.label.zh : c.label.en}
                      <Typography variant="caption" display="block" color="text.secondary">
                        {c.weight}
                      </Typography>
                    </TableCell>
                  ))}
                  <TableCell align="right">{translate('linli.cindex.missing')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {(data?.communities ?? []).map((c) => (
                  <TableRow key={c.area} hover data-testid="index-ranking-row">
                    <TableCell align="right">{c.rank}</TableCell>
                    <TableCell>
                      <Link
                        component="button"
                        onClick={() => setCommunity({ area: c.area, name: c.name })}
                      >
                        {c.name}
                      </Link>
                    </TableCell>
                    <TableCell align="right">
                      <strong>{points(c.total)}</strong>
                    </TableCell>
                    {INDEX_CATEGORIES.map((k) => (
                      <TableCell key={k} align="right">
                        {points(c.categories[k] ?? 0)}
                      </TableCell>
                    ))}
                    <TableCell align="right">{c.missingManual || ''}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
          {ranking.isLoading && (
            <Typography sx={{ p: 2 }} color="text.secondary">
              {translate('linli.cindex.loading')}
            </Typography>
          )}
          {data && data.communities.length === 0 && (
            <Typography sx={{ p: 2 }} color="text.secondary">
              {translate('linli.cindex.empty')}
            </Typography>
          )}
        </Card>
      )}
    </Box>
  );
}

/** One community's indicators for the year, by category. */
function CommunityScores({
  year,
  community,
}: {
  year: number;
  community: { area: string; name: string };
}) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const zh = locale.startsWith('zh');
  const url = `${INDEX_API}/scores?year=${year}&area=${community.area}`;
  const scores = useQuery({
    queryKey: ['rest', url],
    queryFn: () => restBody<{ data: ScoresAnswer }>(url),
    retry: false,
  });
  const [drill, setDrill] = useState<IndicatorScore | null>(null);
  const [entry, setEntry] = useState<IndicatorScore | null>(null);
  const row = scores.data?.data.communities[0];
  const name = (i: IndicatorScore) => (zh ? i.nameZh : i.nameEn);
  const unit = (i: IndicatorScore) => translate(`linli.cindex.units.${i.unit}`);
  return (
    <Card data-testid="index-community">
      <Stack direction="row" spacing={2} sx={{ p: 2 }} alignItems="baseline">
        <Typography variant="h6">{community.name}</Typography>
        {row && (
          <Typography variant="h6" color="primary" data-testid="index-community-total">
            {translate('linli.cindex.total')} {points(row.total)}
          </Typography>
        )}
      </Stack>
      {scores.error && <Alert severity="error">{(scores.error as Error).message}</Alert>}
      <TableContainer sx={{ overflowX: 'auto' }}>
        <Table size="small" sx={{ minWidth: 1000 }}>
          <TableHead>
            <TableRow>
              <TableCell>{translate('linli.cindex.category')}</TableCell>
              <TableCell>{translate('linli.cindex.indicator')}</TableCell>
              <TableCell align="right">{translate('linli.cindex.value')}</TableCell>
              <TableCell align="right">{translate('linli.cindex.target')}</TableCell>
              <TableCell align="right">{translate('linli.cindex.weight')}</TableCell>
              <TableCell align="right">{translate('linli.cindex.score')}</TableCell>
              <TableCell>{translate('linli.cindex.inputs')}</TableCell>
              <TableCell>{translate('linli.cindex.evidence')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {(row?.indicators ?? []).map((i) => (
              <TableRow key={i.key} hover data-testid="index-indicator-row" data-key={i.key}>
                <TableCell>{translate(`linli.cindex.categories.${i.category}`)}</TableCell>
                <TableCell>
                  {name(i)}
                  <Typography variant="caption" display="block" color="text.secondary">
                    {translate(`linli.cindex.methods.${i.method}`)}
                  </Typography>
                </TableCell>
                <TableCell align="right">
                  {i.entered ? (
                    <Link component="button" onClick={() => setDrill(i)}>
                      {shown(i.value, i.unit)}
                      {i.unit === 'count' || i.unit === 'per_1000_households' ? ` ${unit(i)}` : ''}
                    </Link>
                  ) : (
                    <Typography variant="body2" color="warning.main">
                      {translate('linli.cindex.not_entered')}
                    </Typography>
                  )}
                </TableCell>
                <TableCell align="right">{shown(i.target, i.unit)}</TableCell>
                <TableCell align="right">{i.weight}</TableCell>
                <TableCell align="right">
                  <strong>{points(i.score)}</strong>
                </TableCell>
                <TableCell>
                  {i.numerator !== null && i.denominator !== null
                    ? `${i.numerator} / ${i.denominator}`
                    : i.numerator !== null
                      ? i.unit === 'fen'
                        ? shown(i.numerator, i.unit)
                        : String(i.numerator)
                      : ''}
                </TableCell>
                <TableCell>
                  {i.method === 'manual' && (
                    <Stack spacing={0.5}>
                      {i.evidence && <Typography variant="body2">{i.evidence}</Typography>}
                      {i.evidenceFiles.map((f) => (
                        <Link key={f.id} href={f.url} target="_blank" rel="noreferrer">
                          {f.name}
                        </Link>
                      ))}
                      {mayEnterIndex() && (
                        <Button
                          size="small"
                          startIcon={<EditNoteIcon />}
                          onClick={() => setEntry(i)}
                          data-testid="index-enter"
                        >
                          {translate('linli.cindex.enter')}
                        </Button>
                      )}
                    </Stack>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      {drill && (
        <DrillDialog
          year={year}
          area={community.area}
          indicator={drill.key}
          title={name(drill)}
          onClose={() => setDrill(null)}
        />
      )}
      {entry && (
        <EntryDialog
          year={year}
          area={community.area}
          indicator={entry}
          onClose={() => setEntry(null)}
          onSaved={() => {
            setEntry(null);
            void scores.refetch();
          }}
        />
      )}
    </Card>
  );
}
