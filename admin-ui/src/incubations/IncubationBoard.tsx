import {
  Alert,
  Autocomplete,
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  FormControlLabel,
  Link as MuiLink,
  Stack,
  Switch,
  TextField,
  Typography,
} from '@mui/material';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import {
  Title,
  useGetList,
  useNotify,
  usePermissions,
  useRefresh,
  useTranslate,
  type RaRecord,
} from 'react-admin';
import { restJson } from '../rest';
import { HubName, MoveButtons, canWrite, useIncubationSettings } from './shared';

const BOARD_STAGES = ['applied', 'assessing', 'incubating', 'hatched'] as const;
/** The columns whose incubations are assessed periodically (and may be due). */
const ASSESSED = new Set<string>(['assessing', 'incubating']);
const PAGE_SIZE = 20;

/** A card as GET /api/cms/incubation-board answers it. */
export interface BoardCardData {
  documentId: string;
  stage: string;
  organisation: { documentId: string; name: string } | null;
  hub: { documentId: string; name: string } | null;
  lastAssessedOn: string | null;
  due: boolean;
  overdue: boolean;
  passed: boolean;
}
interface BoardPage {
  cards: BoardCardData[];
  total: number;
  due: number;
  overdue: number;
  page: number;
  pageSize: number;
}
interface BoardFilters {
  q: string;
  hub: string | null;
  area: string | null;
  due: boolean;
  overdue: boolean;
}

function BoardCard({ card, canMove }: { card: BoardCardData; canMove: boolean }) {
  const translate = useTranslate();
  const name = card.organisation?.name ?? '';
  return (
    <Card variant="outlined" sx={{ mb: 1 }} data-testid="incubation-card">
      <CardContent sx={{ p: 1.5, '&:last-child': { pb: 1.5 } }}>
        <Typography variant="body2" fontWeight="bold">
          {name}
        </Typography>
        <Typography variant="caption" color="text.secondary" component="div">
          <HubName hub={card.hub} />
        </Typography>
        {ASSESSED.has(card.stage) && (
          <Stack direction="row" spacing={1} alignItems="center" sx={{ mt: 0.5 }}>
            {card.due && (
              <Chip
                size="small"
                color="warning"
                label={translate('linli.board.due')}
                data-testid="due-chip"
              />
            )}
            {card.overdue && (
              <Chip
                size="small"
                color="error"
                label={translate('linli.board.overdue')}
                data-testid="overdue-chip"
              />
            )}
            <Typography variant="caption" color="text.secondary">
              {card.lastAssessedOn
                ? translate('linli.board.last_assessed', { date: card.lastAssessedOn })
                : translate('linli.board.never_assessed')}
            </Typography>
          </Stack>
        )}
        <MuiLink
          component={Link}
          to={`/cms-incubations/${card.documentId}/show`}
          variant="caption"
          data-testid="card-open"
        >
          {translate('linli.board.open')}
        </MuiLink>
        {canMove && (
          <MoveButtons id={card.documentId} stage={card.stage} name={name} passed={card.passed} />
        )}
      </CardContent>
    </Card>
  );
}

function BoardColumn({
  stage,
  filters,
  canMove,
}: {
  stage: string;
  filters: BoardFilters;
  canMove: boolean;
}) {
  const translate = useTranslate();
  const query = useInfiniteQuery({
    // Under 'rest', so react-admin's refresh() after a move reloads every column.
    queryKey: ['rest', 'incubation-board', stage, filters],
    initialPageParam: 1,
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({
        stage,
        page: String(pageParam),
        pageSize: String(PAGE_SIZE),
      });
      if (filters.q) params.set('q', filters.q);
      if (filters.hub) params.set('hub', filters.hub);
      if (filters.area) params.set('area', filters.area);
      if (filters.due) params.set('due', 'true');
      if (filters.overdue) params.set('overdue', 'true');
      return restJson<BoardPage>(`/api/cms/incubation-board?${params}`);
    },
    getNextPageParam: (last: BoardPage) =>
      last.page * last.pageSize < last.total ? last.page + 1 : undefined,
  });
  const pages = query.data?.pages ?? [];
  const cards = pages.flatMap((p) => p.cards);
  const meta = pages[0];
  return (
    <Box sx={{ flex: 1, minWidth: 240 }} data-testid={`board-${stage}`}>
      <Typography variant="subtitle1">
        {translate(`enums.stage.${stage}`)}{' '}
        <span data-testid="column-total">({meta ? meta.total : '…'})</span>
      </Typography>
      <Typography variant="caption" color="warning.main" component="div" sx={{ mb: 1 }}>
        {meta && ASSESSED.has(stage)
          ? [
              meta.due > 0 ? translate('linli.board.due_count', { count: meta.due }) : '',
              meta.overdue > 0
                ? translate('linli.board.overdue_count', { count: meta.overdue })
                : '',
            ]
              .filter(Boolean)
              .join(' · ') || ' '
          : ' '}
      </Typography>
      {query.error && <Alert severity="error">{(query.error as Error).message}</Alert>}
      {meta && meta.total === 0 && (
        <Typography variant="body2" color="text.secondary">
          {translate('linli.board.empty')}
        </Typography>
      )}
      {cards.map((card) => (
        <BoardCard key={card.documentId} card={card} canMove={canMove} />
      ))}
      {meta && cards.length > 0 && (
        <Typography variant="caption" color="text.secondary" component="div" sx={{ mb: 1 }}>
          {translate('linli.board.shown', { shown: cards.length, total: meta.total })}
        </Typography>
      )}
      {query.hasNextPage && (
        <Button
          fullWidth
          variant="text"
          disabled={query.isFetchingNextPage}
          onClick={() => void query.fetchNextPage()}
          data-testid="load-more"
        >
          {translate('linli.board.load_more')}
        </Button>
      )}
    </Box>
  );
}

/** Picks one record of `resource` by name, searching the server as the user types. */
function RecordPicker({
  resource,
  filter,
  label,
  value,
  onChange,
  testId,
}: {
  resource: string;
  filter: Record<string, unknown>;
  label: string;
  value: string | null;
  onChange: (id: string | null) => void;
  testId: string;
}) {
  const translate = useTranslate();
  const [input, setInput] = useState('');
  const [chosen, setChosen] = useState<RaRecord | null>(null);
  const { data = [] } = useGetList(resource, {
    filter: { ...filter, ...(input ? { q: input } : {}) },
    pagination: { page: 1, perPage: 50 },
    sort: { field: 'name', order: 'ASC' },
  });
  const options = chosen && !data.some((r) => r.id === chosen.id) ? [chosen, ...data] : data;
  return (
    <Autocomplete
      size="small"
      sx={{ width: 280 }}
      options={options}
      value={options.find((r) => r.id === value) ?? null}
      getOptionLabel={(r: RaRecord) => String(r.name ?? '')}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      filterOptions={(x) => x}
      onInputChange={(_e, text, reason) => {
        if (reason === 'input') setInput(text);
        if (reason === 'clear') setInput('');
      }}
      onChange={(_e, record) => {
        setChosen(record);
        onChange(record ? String(record.id) : null);
      }}
      renderInput={(params) => (
        <TextField
          {...params}
          label={translate(label)}
          inputProps={{ ...params.inputProps, 'data-testid': testId }}
        />
      )}
    />
  );
}

/** Foundation staff switch the hatching rule here; everyone else reads it. */
function HatchingRule({ role }: { role: string | undefined }) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const settings = useIncubationSettings();
  if (!settings) return null;
  const on = settings.assessmentBeforeHatching;
  const save = async (value: boolean) => {
    try {
      await restJson('/api/cms/incubation-settings', {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ assessmentBeforeHatching: value }),
      });
      notify('linli.board.rule_saved', { type: 'success' });
      refresh();
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };
  return (
    <Alert severity="info" sx={{ mb: 2 }} data-testid="hatching-rule">
      {role === 'foundation-staff' ? (
        <FormControlLabel
          control={<Switch checked={on} onChange={(e) => void save(e.target.checked)} />}
          label={translate('linli.board.rule_switch')}
        />
      ) : (
        translate(on ? 'linli.board.rule_on' : 'linli.board.rule_off')
      )}
    </Alert>
  );
}

/**
 * The pipeline by stage, each column paged ("load more") with its total; searched by
 * organisation name, filtered by hub, by area (everything under it), to those due for
 * assessment and to those with a milestone overdue. Each card offers only its legal next stages.
 */
export function IncubationBoard() {
  const translate = useTranslate();
  const { permissions } = usePermissions<string>();
  const [text, setText] = useState('');
  // The two switches live in the address (`?due=true`, `?overdue=true`): the dashboard's "due
  // for assessment" and "milestones overdue" open the board so, a reload or a shared link keeps
  // them, and the menu's 孵化看板 (no query) clears them.
  const [params, setParams] = useSearchParams();
  const [picked, setPicked] = useState<Omit<BoardFilters, 'due' | 'overdue'>>({
    q: '',
    hub: null,
    area: null,
  });
  const filters: BoardFilters = {
    ...picked,
    due: params.get('due') === 'true',
    overdue: params.get('overdue') === 'true',
  };
  const setSwitch = (key: 'due' | 'overdue', on: boolean) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (on) next.set(key, 'true');
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  // Search once typing pauses, not on every keystroke (each is four requests).
  useEffect(() => {
    const timer = setTimeout(() => setPicked((f) => ({ ...f, q: text.trim() })), 300);
    return () => clearTimeout(timer);
  }, [text]);
  // Only the assessed columns can hold incubations due; only the incubating one, milestones overdue.
  const stages = filters.overdue
    ? BOARD_STAGES.filter((s) => s === 'incubating')
    : filters.due
      ? BOARD_STAGES.filter((s) => ASSESSED.has(s))
      : BOARD_STAGES;
  return (
    <Box sx={{ p: 2 }}>
      <Title title={translate('linli.board.title')} />
      <HatchingRule role={permissions} />
      <Box sx={{ mb: 2, display: 'flex', flexWrap: 'wrap', gap: 2, alignItems: 'center' }}>
        <TextField
          size="small"
          sx={{ width: 240 }}
          label={translate('linli.board.search')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          inputProps={{ 'data-testid': 'board-search' }}
        />
        <RecordPicker
          resource="cms-organisations"
          filter={{ kind: 'hub' }}
          label="linli.board.hub"
          value={filters.hub}
          onChange={(hub) => setPicked((f) => ({ ...f, hub }))}
          testId="board-hub"
        />
        <RecordPicker
          resource="cms-areas"
          filter={{}}
          label="linli.board.area"
          value={filters.area}
          onChange={(area) => setPicked((f) => ({ ...f, area }))}
          testId="board-area"
        />
        {(['due', 'overdue'] as const).map((key) => (
          <FormControlLabel
            key={key}
            control={
              <Switch
                checked={filters[key]}
                onChange={(e) => setSwitch(key, e.target.checked)}
                data-testid={`board-${key}`}
              />
            }
            label={translate(`linli.board.${key}_only`)}
          />
        ))}
      </Box>
      {/* The columns scroll sideways inside the board; the page itself must not. Width 0 with
          a minimum of 100% keeps the columns' total width out of the page's own (it widened
          the page by the layout's padding at 1280 px). */}
      <Stack
        direction="row"
        spacing={2}
        sx={{ overflowX: 'auto', alignItems: 'flex-start', width: 0, minWidth: '100%' }}
      >
        {stages.map((stage) => (
          <BoardColumn
            key={stage}
            stage={stage}
            filters={filters}
            canMove={canWrite(permissions)}
          />
        ))}
      </Stack>
    </Box>
  );
}
