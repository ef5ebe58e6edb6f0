import AddIcon from '@mui/icons-material/Add';
import {
  Box,
  Button,
  Card,
  CardActionArea,
  CardContent,
  Chip,
  MenuItem,
  Stack,
  Tab,
  Tabs,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { Title, useTranslate } from 'react-admin';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { STAGES, TOPIC_KINDS } from '../../../plugins/consultation/server/src/domain/procedure';
import type { TopicRow } from '../../../plugins/consultation/server/src/shared/contracts/consultation';
import { formatDate } from '../dates';
import { mayRaise } from './access';
import { PagedTable } from './PagedTable';
import {
  API,
  BOARD_STAGES,
  CommunitySelect,
  PAGE_SX,
  StageChip,
  query,
  topicLink,
  usePaged,
} from './shared';

/** 议题: the list with its filters, and the procedure board (one column per stage). */
export function TopicsPage() {
  const translate = useTranslate();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const view = params.get('view') === 'board' ? 'board' : 'list';
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'page') next.delete('page');
    setParams(next, { replace: true });
  };
  const stage = params.get('stage') ?? '';
  const kind = params.get('kind') ?? '';
  const area = params.get('area') ?? '';
  const [words, setWords] = useState(params.get('q') ?? '');
  return (
    <Box sx={PAGE_SX} data-testid="topics-page">
      <Title title={translate('linli.consultation.menu.topics')} />
      <Stack direction="row" spacing={2} alignItems="center" flexWrap="wrap" useFlexGap>
        <Tabs value={view} onChange={(_, v: string) => set('view', v === 'board' ? 'board' : '')}>
          <Tab value="list" label={translate('linli.consultation.list_view')} />
          <Tab
            value="board"
            label={translate('linli.consultation.board_view')}
            data-testid="board-tab"
          />
        </Tabs>
        <Box sx={{ flex: 1 }} />
        {mayRaise() && (
          <Button
            variant="contained"
            startIcon={<AddIcon />}
            onClick={() => navigate('/consultation/topics/new')}
            data-testid="new-topic"
          >
            {translate('linli.consultation.new_topic')}
          </Button>
        )}
      </Stack>
      <Stack direction="row" spacing={2} flexWrap="wrap" useFlexGap>
        {view === 'list' && (
          <TextField
            select
            fullWidth={false}
            size="small"
            label={translate('linli.consultation.fields.stage')}
            value={stage}
            onChange={(e) => set('stage', e.target.value)}
            sx={{ minWidth: 160 }}
            inputProps={{ 'data-testid': 'stage-filter' }}
          >
            <MenuItem value="">{translate('linli.consultation.all_stages')}</MenuItem>
            {STAGES.map((s) => (
              <MenuItem key={s} value={s}>
                {translate(`linli.consultation.stage.${s}`)}
              </MenuItem>
            ))}
          </TextField>
        )}
        <TextField
          select
          fullWidth={false}
          size="small"
          label={translate('linli.consultation.fields.kind')}
          value={kind}
          onChange={(e) => set('kind', e.target.value)}
          sx={{ minWidth: 160 }}
        >
          <MenuItem value="">{translate('linli.consultation.all_kinds')}</MenuItem>
          {TOPIC_KINDS.map((k) => (
            <MenuItem key={k} value={k}>
              {translate(`linli.consultation.kind.${k}`)}
            </MenuItem>
          ))}
        </TextField>
        <CommunitySelect value={area} onChange={(v) => set('area', v)} allowAll />
        <TextField
          fullWidth={false}
          size="small"
          label={translate('linli.consultation.fields.words')}
          value={words}
          onChange={(e) => setWords(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') set('q', words.trim());
          }}
          onBlur={() => set('q', words.trim())}
          inputProps={{ 'data-testid': 'topic-words' }}
        />
      </Stack>
      {view === 'list' ? (
        <TopicList
          filter={{ stage, kind, area, q: params.get('q') ?? '' }}
          page={Number(params.get('page') ?? 1)}
          onPage={(p) => set('page', p > 1 ? String(p) : '')}
        />
      ) : (
        <Board filter={{ kind, area, q: params.get('q') ?? '' }} />
      )}
    </Box>
  );
}

type Filter = Record<string, string>;

function TopicList({
  filter,
  page,
  onPage,
}: {
  filter: Filter;
  page: number;
  onPage: (page: number) => void;
}) {
  const translate = useTranslate();
  return (
    <PagedTable<TopicRow>
      path="/topics"
      params={filter}
      page={page}
      onPage={onPage}
      link={topicLink}
      empty="linli.consultation.none_found"
      testId="topic-table"
      rowTestId="topic-row"
      minWidth={860}
      columns={[
        { field: 'number', nowrap: true, cell: (t) => t.number },
        { field: 'title', cell: (t) => t.title },
        {
          field: 'kind',
          nowrap: true,
          cell: (t) => translate(`linli.consultation.kind.${t.kind}`),
        },
        { field: 'community', cell: (t) => t.areaName },
        { field: 'stage', cell: (t) => <StageChip stage={t.stage} /> },
        { field: 'supports', cell: (t) => t.supportCount },
        { field: 'created', nowrap: true, cell: (t) => formatDate(t.createdAt) },
      ]}
    />
  );
}

/** 协商看板: one column per stage with its count; collecting includes screening. */
function Board({ filter }: { filter: Filter }) {
  return (
    <Box
      sx={{
        display: 'grid',
        gridTemplateColumns: `repeat(${BOARD_STAGES.length}, minmax(140px, 1fr))`,
        gap: 1.5,
        overflowX: 'auto',
        pb: 1,
      }}
      data-testid="topic-board"
    >
      {BOARD_STAGES.map((s) => (
        <Column key={s} stage={s} filter={filter} />
      ))}
    </Box>
  );
}

function Column({ stage, filter }: { stage: (typeof BOARD_STAGES)[number]; filter: Filter }) {
  const translate = useTranslate();
  const navigate = useNavigate();
  const stages = stage === 'collecting' ? 'collecting,screening' : stage;
  const { rows, total } = usePaged<TopicRow>(
    `${API}/topics?${query({ ...filter, stage: stages, pageSize: 20, sort: 'support' })}`,
  );
  return (
    <Box
      sx={{ bgcolor: 'action.hover', borderRadius: 1, p: 1, minHeight: 200 }}
      data-testid={`board-column-${stage}`}
    >
      <Stack direction="row" justifyContent="space-between" alignItems="center" sx={{ mb: 1 }}>
        <Typography variant="subtitle2">
          {translate(`linli.consultation.stage.${stage}`)}
        </Typography>
        <Chip size="small" label={total} data-testid="board-count" />
      </Stack>
      <Stack spacing={1}>
        {rows.map((t) => (
          <Card key={t.documentId} variant="outlined">
            <CardActionArea onClick={() => navigate(topicLink(t.documentId))}>
              <CardContent sx={{ p: 1, '&:last-child': { pb: 1 } }}>
                <Typography variant="body2" sx={{ fontWeight: 600 }}>
                  {t.title}
                </Typography>
                <Typography variant="caption" color="text.secondary" component="div">
                  {t.number} · {translate(`linli.consultation.kind.${t.kind}`)}
                </Typography>
                <Typography variant="caption" color="text.secondary" component="div">
                  {t.areaName} ·{' '}
                  {translate('linli.consultation.supported_by', { count: t.supportCount })}
                </Typography>
              </CardContent>
            </CardActionArea>
          </Card>
        ))}
      </Stack>
    </Box>
  );
}

/** The board as its own menu entry (协商看板). */
export function TopicsBoard() {
  const translate = useTranslate();
  const [params] = useSearchParams();
  return (
    <Box sx={{ ...PAGE_SX, mt: 1 }} data-testid="board-page">
      <Title title={translate('linli.consultation.menu.board')} />
      <Board filter={{ kind: params.get('kind') ?? '', area: params.get('area') ?? '', q: '' }} />
    </Box>
  );
}
