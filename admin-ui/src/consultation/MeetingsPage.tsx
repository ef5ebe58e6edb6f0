import AddIcon from '@mui/icons-material/Add';
import {
  Box,
  Button,
  Card,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TablePagination,
  TableRow,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { Title, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import type { MeetingRow } from '../../../plugins/consultation/server/src/shared/contracts/consultation';
import { formatDate } from '../dates';
import { mayCreateMeeting } from './access';
import { API, PAGE_SX, meetingLink, query, usePaged } from './shared';

/** 会议: the meetings held (or planned) in the staff's area, newest first. */
export function MeetingsPage() {
  const translate = useTranslate();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const { rows, total, isPending } = usePaged<MeetingRow>(
    `${API}/meetings?${query({ page, pageSize: 25 })}`,
  );
  const f = (k: string) => translate(`linli.consultation.fields.${k}`);
  return (
    <Box sx={PAGE_SX} data-testid="meetings-page">
      <Title title={translate('linli.consultation.menu.meetings')} />
      <Stack direction="row" justifyContent="flex-end" sx={{ mt: 1 }}>
        {mayCreateMeeting() && (
          <Button
            variant="contained"
            startIcon={<AddIcon />}
            onClick={() => navigate('/consultation/meetings/new')}
            data-testid="new-meeting"
          >
            {translate('linli.consultation.meeting.new')}
          </Button>
        )}
      </Stack>
      <Card>
        <TableContainer sx={{ overflowX: 'auto' }}>
          <Table size="small" data-testid="meeting-table" sx={{ minWidth: 760 }}>
            <TableHead>
              <TableRow>
                {['held_at', 'title', 'meeting_kind', 'community', 'place', 'agenda'].map((k) => (
                  <TableCell key={k} sx={{ whiteSpace: 'nowrap' }}>
                    {f(k)}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((m) => (
                <TableRow
                  key={m.documentId}
                  hover
                  sx={{ cursor: 'pointer' }}
                  onClick={() => navigate(meetingLink(m.documentId))}
                  data-testid="meeting-row"
                >
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDate(m.heldAt, true)}</TableCell>
                  <TableCell>{m.title}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    {translate(`linli.consultation.meeting_kind.${m.kind}`)}
                  </TableCell>
                  <TableCell>{m.areaName}</TableCell>
                  <TableCell>{m.place}</TableCell>
                  <TableCell>{m.topicIds?.length ?? 0}</TableCell>
                </TableRow>
              ))}
              {!isPending && rows.length === 0 && (
                <TableRow>
                  <TableCell colSpan={6}>
                    <Typography color="text.secondary">
                      {translate('linli.consultation.meeting.none')}
                    </Typography>
                  </TableCell>
                </TableRow>
              )}
            </TableBody>
          </Table>
        </TableContainer>
        <TablePagination
          component="div"
          count={total}
          page={page - 1}
          rowsPerPage={25}
          rowsPerPageOptions={[25]}
          labelDisplayedRows={({ from, to, count }) =>
            translate('ra.navigation.page_range_info', {
              offsetBegin: from,
              offsetEnd: to,
              total: count,
            })
          }
          onPageChange={(_, p) => setPage(p + 1)}
        />
      </Card>
    </Box>
  );
}
