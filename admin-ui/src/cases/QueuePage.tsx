import AddIcon from '@mui/icons-material/Add';
import {
  Badge,
  Box,
  Button,
  Card,
  Chip,
  MenuItem,
  Stack,
  Tab,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TablePagination,
  Tabs,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useMemo, useState } from 'react';
import { Title, useTranslate } from 'react-admin';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type {
  CaseSummary,
  CaseTypeDetail,
  CaseTypeSummary,
  QueueView,
} from '../../../plugins/cases/server/src/shared/contracts/cases';
import { restBody, restJson, useRest } from '../rest';
import { mayCreateCase, mayListTypes, mayShowType } from './access';
import {
  caseLink,
  CASES_API,
  PAGE_SX,
  SlaBadge,
  StateChip,
  useCategoryText,
  useLabel,
} from './shared';
import { useQuery } from '@tanstack/react-query';

export const QUEUE_VIEWS: readonly QueueView[] = [
  'mine',
  'unit',
  'unassigned',
  'due_soon',
  'overdue',
  'whistled',
  'all',
  'closed',
];

interface QueueAnswer {
  data: CaseSummary[];
  /** `total` stops at 10,000 (`totalCapped`): more than the list's pages can show */
  meta: { page: number; pageSize: number; total: number; totalCapped?: boolean };
  /** each tab's count stops at `countCap` (1000): the badge says "999+" */
  counts: Record<QueueView, number>;
  countCap?: number;
}

/** GET /api/cases/queue with its meta and counts, kept in react-admin's cache (refreshes with it). */
export function useQueue(params: Record<string, string | number | undefined>) {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== '') search.set(k, String(v));
  const url = `${CASES_API}/queue?${search.toString()}`;
  const { data, isPending, error } = useQuery({
    queryKey: ['rest', url],
    queryFn: () => restBody<QueueAnswer>(url),
    retry: false,
  });
  return { answer: data ?? null, isPending, error: error as Error | null };
}

/** The case types (GET /types), for filters and the intake form. */
export function useCaseTypes() {
  const { data } = useQuery({
    queryKey: ['rest', `${CASES_API}/types`],
    queryFn: () => restJson<CaseTypeSummary[]>(`${CASES_API}/types`),
    enabled: mayListTypes(),
    retry: false,
  });
  return data ?? [];
}

/** A table of cases (the queues; the ratings report's rows reuse it). */
export function CaseTable({ rows }: { rows: readonly CaseSummary[] }) {
  const translate = useTranslate();
  const navigate = useNavigate();
  const text = useLabel();
  const categoryText = useCategoryText();
  return (
    <TableContainer sx={{ overflowX: 'auto' }}>
      <Table size="small" data-testid="case-table" sx={{ minWidth: 900 }}>
        <TableHead>
          <TableRow>
            {['number', 'title', 'category', 'area', 'assignee', 'state', 'sla'].map((f) => (
              <TableCell key={f}>{translate(`linli.cases.fields.${f}`)}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((c) => (
            <TableRow
              key={c.documentId}
              hover
              sx={{ cursor: 'pointer' }}
              onClick={() => navigate(caseLink(c.documentId))}
              data-testid="case-row"
            >
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{c.number}</TableCell>
              <TableCell>
                <Stack direction="row" spacing={0.5} alignItems="center">
                  <span>{c.title}</span>
                  {c.whistled && (
                    <Chip
                      size="small"
                      color="secondary"
                      label={translate('linli.cases.whistled')}
                      data-testid="whistled-tag"
                    />
                  )}
                </Stack>
                <Typography variant="caption" color="text.secondary">
                  {text(c.typeName)}
                </Typography>
              </TableCell>
              <TableCell>{categoryText(c)}</TableCell>
              <TableCell>{c.areaName ?? ''}</TableCell>
              <TableCell>{c.assigneeName ?? ''}</TableCell>
              <TableCell>
                <StateChip label={c.stateLabel} kind={c.stateKind} />
              </TableCell>
              <TableCell>
                <SlaBadge
                  status={c.slaStatus}
                  dueAt={c.dueAt}
                  stateDueAt={c.stateDueAt}
                  stateLabel={c.stateLabel}
                />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

/**
 * 事项办理 › 待办: the queues as tabs with their counts, filters by type, state and text, and the
 * cases as a table; a row opens the case. The view and filters live in the address, so a link
 * (or the back button) returns to the same queue.
 */
export function QueuePage() {
  const translate = useTranslate();
  const navigate = useNavigate();
  const text = useLabel();
  const [params, setParams] = useSearchParams();
  const view = (params.get('view') as QueueView | null) ?? 'mine';
  const type = params.get('type') ?? '';
  const state = params.get('state') ?? '';
  const q = params.get('q') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const pageSize = Number(params.get('pageSize') ?? '25') || 25;
  const [typed, setTyped] = useState(q);
  const types = useCaseTypes();
  const set = (patch: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next, { replace: true });
  };
  useEffect(() => {
    const timer = setTimeout(() => {
      if (typed !== q) set({ q: typed });
    }, 400);
    return () => clearTimeout(timer);
  }, [typed]);
  const { answer, isPending, error } = useQueue({ view, type, state, q, page, pageSize });
  // The states a filter may pick: the chosen type's (its published definition), or else those of
  // the cases on screen, so the list never offers a key that no type has.
  const typeDetail = useRest<CaseTypeDetail>(
    type && mayShowType() ? `${CASES_API}/types/${type}` : null,
  );
  const states = useMemo(() => {
    const seen = new Map<string, CaseSummary['stateLabel']>();
    const defined = typeDetail?.current?.workflow.states ?? [];
    for (const st of defined) seen.set(st.key, st.label);
    if (!defined.length) for (const c of answer?.data ?? []) seen.set(c.state, c.stateLabel);
    if (state && !seen.has(state)) seen.set(state, { zh: state, en: state });
    return [...seen.entries()];
  }, [answer, state, typeDetail]);
  return (
    <Box sx={{ ...PAGE_SX, mt: 1 }}>
      <Title title="linli.cases.queue.title" />
      <Stack direction="row" justifyContent="space-between" alignItems="center" sx={{ mb: 1 }}>
        <Typography variant="h6">{translate('linli.cases.queue.title')}</Typography>
        {mayCreateCase() && (
          <Button
            variant="contained"
            startIcon={<AddIcon />}
            onClick={() => navigate('/cases/new')}
            data-testid="case-create"
          >
            {translate('linli.cases.create.title')}
          </Button>
        )}
      </Stack>
      <Card>
        <Tabs
          value={view}
          onChange={(_, v: QueueView) => set({ view: v })}
          variant="scrollable"
          scrollButtons="auto"
          allowScrollButtonsMobile
        >
          {QUEUE_VIEWS.map((v) => (
            <Tab
              key={v}
              value={v}
              data-testid={`queue-tab-${v}`}
              label={
                <Badge
                  color={v === 'overdue' ? 'error' : v === 'due_soon' ? 'warning' : 'primary'}
                  badgeContent={answer?.counts?.[v] ?? 0}
                  max={999}
                  showZero={false}
                  sx={{ '& .MuiBadge-badge': { right: -12 } }}
                >
                  {translate(`linli.cases.queue.${v}`)}
                </Badge>
              }
              sx={{ pr: 3 }}
            />
          ))}
        </Tabs>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ p: 2 }}>
          <TextField
            size="small"
            label={translate('linli.cases.queue.search')}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            inputProps={{ 'data-testid': 'queue-search' }}
          />
          <TextField
            select
            size="small"
            label={translate('linli.cases.fields.type')}
            value={type}
            onChange={(e) => set({ type: e.target.value, state: '' })}
            sx={{ minWidth: 160 }}
          >
            <MenuItem value="">{translate('linli.cases.queue.any')}</MenuItem>
            {types.map((t) => (
              <MenuItem key={t.key} value={t.key}>
                {text({ zh: t.name, en: t.nameEn ?? '' })}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            select
            size="small"
            label={translate('linli.cases.fields.state')}
            value={state}
            onChange={(e) => set({ state: e.target.value })}
            sx={{ minWidth: 160 }}
          >
            <MenuItem value="">{translate('linli.cases.queue.any')}</MenuItem>
            {states.map(([key, label]) => (
              <MenuItem key={key} value={key}>
                {text(label)}
              </MenuItem>
            ))}
          </TextField>
        </Stack>
        {error && (
          <Typography color="error" sx={{ px: 2 }}>
            {error.message}
          </Typography>
        )}
        {!isPending && answer && answer.data.length === 0 && (
          <Typography color="text.secondary" sx={{ p: 2 }} data-testid="queue-empty">
            {translate('linli.cases.queue.empty')}
          </Typography>
        )}
        {answer && answer.data.length > 0 && <CaseTable rows={answer.data} />}
        <TablePagination
          component="div"
          count={answer?.meta.total ?? 0}
          page={Math.max(0, page - 1)}
          rowsPerPage={pageSize}
          rowsPerPageOptions={[10, 25, 50, 100]}
          onPageChange={(_, p) => set({ page: String(p + 1) })}
          onRowsPerPageChange={(e) => set({ pageSize: e.target.value })}
          labelRowsPerPage={translate('ra.navigation.page_rows_per_page')}
          labelDisplayedRows={({ from, to, count }) =>
            translate('ra.navigation.page_range_info', {
              offsetBegin: from,
              offsetEnd: to,
              total: count,
            })
          }
        />
      </Card>
    </Box>
  );
}
