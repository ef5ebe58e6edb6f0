import KeyboardArrowDownIcon from '@mui/icons-material/KeyboardArrowDown';
import KeyboardArrowUpIcon from '@mui/icons-material/KeyboardArrowUp';
import {
  Box,
  Card,
  Collapse,
  IconButton,
  Link,
  MenuItem,
  Rating,
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
import { Fragment, useState } from 'react';
import { Title, useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import type { DepartmentRating } from '../../../plugins/cases/server/src/shared/contracts/cases';
import { restBody } from '../rest';
import { caseLink, CASES_API, PAGE_SX } from './shared';

interface RatingsAnswer {
  data: DepartmentRating[];
  year: number;
  weightPermille: number;
}

/** Hundredths as a decimal: 433 → "4.33". */
export const hundredths = (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : (v / 100).toFixed(2);

/** "社区评价占 1/3" for 333‰; otherwise the share in percent. */
function useWeightText() {
  const translate = useTranslate();
  return (permille: number) => {
    const fractions: [number, string][] = [
      [333, '1/3'],
      [500, '1/2'],
      [250, '1/4'],
      [667, '2/3'],
    ];
    const share = fractions.find(([p]) => p === permille)?.[1] ?? `${(permille / 10).toFixed(1)}%`;
    return translate('linli.cases.ratings.weight', { share });
  };
}

const COLUMNS = [
  'rank',
  'department',
  'whistles',
  'on_time',
  'late',
  'not_reported',
  'acted',
  'average',
  'points',
  'score',
] as const;

/**
 * 部门评价 (/case-ratings): each department's whistles in a year — reported on time or late or
 * not at all, acted on, the communities' average rating — its points and its score, ranked; a
 * row opens to its cases.
 */
export function RatingsPage() {
  const translate = useTranslate();
  const weightText = useWeightText();
  const thisYear = Number(
    new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 4),
  );
  const [year, setYear] = useState(thisYear);
  const [open, setOpen] = useState<number | null>(null);
  const url = `${CASES_API}/reports/departments?year=${year}`;
  const { data, error } = useQuery({
    queryKey: ['rest', url],
    queryFn: () => restBody<RatingsAnswer>(url),
    retry: false,
  });
  return (
    <Box sx={{ ...PAGE_SX, mt: 1 }} data-testid="ratings-page">
      <Title title="linli.cases.ratings.title" />
      <Stack
        direction="row"
        spacing={2}
        alignItems="center"
        sx={{ mb: 1 }}
        flexWrap="wrap"
        useFlexGap
      >
        <Typography variant="h6">{translate('linli.cases.ratings.title')}</Typography>
        <TextField
          select
          size="small"
          label={translate('linli.cases.ratings.year')}
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
        {data && (
          <Typography variant="body2" color="text.secondary" data-testid="ratings-weight">
            {weightText(data.weightPermille)}
          </Typography>
        )}
      </Stack>
      {error && <Typography color="error">{(error as Error).message}</Typography>}
      <Card>
        <TableContainer sx={{ overflowX: 'auto' }}>
          <Table size="small" sx={{ minWidth: 960 }} data-testid="ratings-table">
            <TableHead>
              <TableRow>
                <TableCell padding="checkbox" />
                {COLUMNS.map((c) => (
                  <TableCell key={c} align={c === 'department' ? 'left' : 'right'}>
                    {translate(`linli.cases.ratings.${c}`)}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {(data?.data ?? []).map((r) => (
                <Fragment key={r.departmentId}>
                  <TableRow hover data-testid="rating-row">
                    <TableCell padding="checkbox">
                      <IconButton
                        size="small"
                        aria-label={translate('linli.cases.ratings.cases')}
                        onClick={() => setOpen(open === r.departmentId ? null : r.departmentId)}
                      >
                        {open === r.departmentId ? (
                          <KeyboardArrowUpIcon />
                        ) : (
                          <KeyboardArrowDownIcon />
                        )}
                      </IconButton>
                    </TableCell>
                    <TableCell align="right">{r.rank}</TableCell>
                    <TableCell>{r.departmentName}</TableCell>
                    <TableCell align="right">{r.whistles}</TableCell>
                    <TableCell align="right">{r.reportedOnTime}</TableCell>
                    <TableCell align="right">{r.reportedLate}</TableCell>
                    <TableCell align="right">{r.notReported}</TableCell>
                    <TableCell align="right">{r.acted}</TableCell>
                    <TableCell align="right">{hundredths(r.averageRating)}</TableCell>
                    <TableCell align="right">{r.points}</TableCell>
                    <TableCell align="right">
                      <strong>{hundredths(r.score)}</strong>
                    </TableCell>
                  </TableRow>
                  <TableRow>
                    <TableCell
                      colSpan={COLUMNS.length + 1}
                      sx={{ py: 0, borderBottom: open === r.departmentId ? undefined : 0 }}
                    >
                      <Collapse in={open === r.departmentId} unmountOnExit>
                        <Stack direction="row" gap={2} flexWrap="wrap" sx={{ py: 1 }}>
                          {r.cases.length === 0 && (
                            <Typography variant="body2" color="text.secondary">
                              {translate('linli.cases.ratings.no_cases')}
                            </Typography>
                          )}
                          {r.cases.map((c) => (
                            <Stack
                              key={c.documentId}
                              direction="row"
                              spacing={0.5}
                              alignItems="center"
                            >
                              <Link component={RouterLink} to={caseLink(c.documentId)}>
                                {c.number}
                              </Link>
                              {c.rating !== null && (
                                <Rating value={c.rating} readOnly size="small" />
                              )}
                            </Stack>
                          ))}
                        </Stack>
                      </Collapse>
                    </TableCell>
                  </TableRow>
                </Fragment>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
        {data && data.data.length === 0 && (
          <Typography color="text.secondary" sx={{ p: 2 }}>
            {translate('linli.cases.ratings.empty')}
          </Typography>
        )}
      </Card>
    </Box>
  );
}
