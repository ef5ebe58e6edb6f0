import DoneAllIcon from '@mui/icons-material/DoneAll';
import NotificationsIcon from '@mui/icons-material/Notifications';
import {
  Badge,
  Box,
  Button,
  Card,
  Divider,
  IconButton,
  List,
  ListItemButton,
  ListItemText,
  Menu,
  MenuItem,
  Pagination,
  Stack,
  Tooltip,
  Typography,
} from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Title, useNotify, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import type { Notification } from '../../../plugins/cases/server/src/shared/contracts/cases';
import { postAction } from '../actions';
import { formatDate } from '../dates';
import { restBody } from '../rest';
import { mayReadAll, mayReadInbox, mayReadNotification } from './access';
import { caseLink, CASES_API, PAGE_SX } from './shared';

interface InboxAnswer {
  data: Notification[];
  /** `total` counts what the query asked for (the unread only, with `unread=true`) */
  meta: { unread: number; total: number; page?: number; pageSize?: number };
}

const INBOX = `${CASES_API}/inbox`;
/** The server's page (services/inbox.ts), when its answer does not say. */
const PAGE_SIZE = 20;

/** The inbox, read again every minute and whenever the window gets the focus back. */
function useInbox(url: string, enabled = true) {
  return useQuery({
    queryKey: ['rest', url],
    queryFn: () => restBody<InboxAnswer>(url),
    enabled: enabled && mayReadInbox(),
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
    retry: false,
  });
}

/** Mark one notification (or all) read, then reload every inbox query (the bell and the page). */
function useMarkRead() {
  const client = useQueryClient();
  const notify = useNotify();
  return async (id: number | 'all') => {
    try {
      await postAction(id === 'all' ? `${INBOX}/read-all` : `${INBOX}/${id}/read`);
      await client.invalidateQueries({
        predicate: (q) => String(q.queryKey[1] ?? '').startsWith(INBOX),
      });
    } catch (error) {
      notify((error as Error).message, {
        type: 'error',
        messageArgs: { _: (error as Error).message },
      });
    }
  };
}

function NotificationText({ n }: { n: Notification }) {
  return (
    <ListItemText
      primary={
        <Stack direction="row" spacing={1} alignItems="baseline">
          <Typography variant="body2" fontWeight={n.readAt ? 400 : 700}>
            {n.title}
          </Typography>
          {n.caseNumber && (
            <Typography variant="caption" color="text.secondary">
              {n.caseNumber}
            </Typography>
          )}
        </Stack>
      }
      secondary={
        <>
          {n.body && (
            <Typography component="span" variant="body2" display="block" color="text.secondary">
              {n.body}
            </Typography>
          )}
          <Typography component="span" variant="caption" color="text.secondary">
            {formatDate(n.createdAt, true)}
          </Typography>
        </>
      }
    />
  );
}

/**
 * The bell in the top bar: the unread count, and the latest unread notifications in a menu;
 * choosing one marks it read and opens its case.
 */
export function InboxBell() {
  const translate = useTranslate();
  const navigate = useNavigate();
  const markRead = useMarkRead();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const { data } = useInbox(`${INBOX}?unread=true`);
  if (!mayReadInbox()) return null;
  const unread = data?.meta.unread ?? 0;
  const open = (n: Notification) => {
    setAnchor(null);
    if (!n.readAt && mayReadNotification()) void markRead(n.id);
    navigate(n.caseDocumentId ? caseLink(n.caseDocumentId) : '/case-inbox');
  };
  return (
    <>
      <Tooltip title={translate('linli.cases.inbox.title')}>
        <IconButton
          color="inherit"
          onClick={(e) => setAnchor(e.currentTarget)}
          data-testid="inbox-bell"
        >
          <Badge badgeContent={unread} color="error" max={99} data-testid="inbox-unread">
            <NotificationsIcon />
          </Badge>
        </IconButton>
      </Tooltip>
      <Menu
        anchorEl={anchor}
        open={!!anchor}
        onClose={() => setAnchor(null)}
        slotProps={{ paper: { sx: { width: { xs: '92vw', sm: 380 }, maxHeight: 480 } } }}
      >
        {(data?.data ?? []).slice(0, 8).map((n) => (
          <MenuItem
            key={n.id}
            onClick={() => open(n)}
            sx={{ whiteSpace: 'normal' }}
            data-testid="inbox-item"
          >
            <NotificationText n={n} />
          </MenuItem>
        ))}
        {unread === 0 && (
          <MenuItem disabled>
            <Typography variant="body2">{translate('linli.cases.inbox.none_unread')}</Typography>
          </MenuItem>
        )}
        <Divider />
        <Stack direction="row" justifyContent="space-between" sx={{ px: 1 }}>
          <Button
            size="small"
            onClick={() => {
              setAnchor(null);
              navigate('/case-inbox');
            }}
          >
            {translate('linli.cases.inbox.all')}
          </Button>
          {unread > 0 && mayReadAll() && (
            <Button size="small" startIcon={<DoneAllIcon />} onClick={() => void markRead('all')}>
              {translate('linli.cases.inbox.read_all')}
            </Button>
          )}
        </Stack>
      </Menu>
    </>
  );
}

/** 消息 (/case-inbox): every notification, newest first, each opening its case. */
export function InboxPage() {
  const translate = useTranslate();
  const navigate = useNavigate();
  const markRead = useMarkRead();
  const [page, setPage] = useState(1);
  const [onlyUnread, setOnlyUnread] = useState(false);
  const { data } = useInbox(`${INBOX}?page=${page}${onlyUnread ? '&unread=true' : ''}`);
  const total = data?.meta.total ?? 0;
  const pageSize = data?.meta.pageSize ?? PAGE_SIZE;
  return (
    <Box sx={{ ...PAGE_SX, mt: 1 }} data-testid="inbox-page">
      <Title title="linli.cases.inbox.title" />
      <Stack
        direction="row"
        spacing={1}
        alignItems="center"
        flexWrap="wrap"
        useFlexGap
        sx={{ mb: 1 }}
      >
        <Typography variant="h6" sx={{ flex: 1 }}>
          {translate('linli.cases.inbox.title')}
          {data ? ` · ${translate('linli.cases.inbox.unread', { n: data.meta.unread })}` : ''}
        </Typography>
        <Button
          size="small"
          onClick={() => {
            setOnlyUnread(!onlyUnread);
            setPage(1);
          }}
        >
          {translate(onlyUnread ? 'linli.cases.inbox.show_all' : 'linli.cases.inbox.show_unread')}
        </Button>
        {mayReadAll() && (data?.meta.unread ?? 0) > 0 && (
          <Button
            size="small"
            variant="outlined"
            startIcon={<DoneAllIcon />}
            onClick={() => void markRead('all')}
          >
            {translate('linli.cases.inbox.read_all')}
          </Button>
        )}
      </Stack>
      <Card>
        <List dense>
          {(data?.data ?? []).map((n) => (
            <Stack key={n.id} direction="row" alignItems="center">
              <ListItemButton
                onClick={() => {
                  if (!n.readAt && mayReadNotification()) void markRead(n.id);
                  if (n.caseDocumentId) navigate(caseLink(n.caseDocumentId));
                }}
                data-testid="inbox-row"
              >
                <NotificationText n={n} />
              </ListItemButton>
              {!n.readAt && mayReadNotification() && (
                <Button
                  size="small"
                  sx={{ mr: 1, whiteSpace: 'nowrap' }}
                  onClick={() => void markRead(n.id)}
                >
                  {translate('linli.cases.inbox.mark_read')}
                </Button>
              )}
            </Stack>
          ))}
        </List>
        {data && data.data.length === 0 && (
          <Typography color="text.secondary" sx={{ p: 2 }}>
            {translate('linli.cases.inbox.empty')}
          </Typography>
        )}
        {total > pageSize && (
          <Pagination
            sx={{ p: 1 }}
            page={page}
            count={Math.ceil(total / pageSize)}
            onChange={(_, p) => setPage(p)}
          />
        )}
      </Card>
    </Box>
  );
}
