import AddIcon from '@mui/icons-material/Add';
import { Box, Button, Stack } from '@mui/material';
import { useState } from 'react';
import { Title, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import type { MeetingRow } from '../../../plugins/consultation/server/src/shared/contracts/consultation';
import { formatDate } from '../dates';
import { mayCreateMeeting } from './access';
import { PagedTable } from './PagedTable';
import { PAGE_SX, meetingLink } from './shared';

/** 会议: the meetings held (or planned) in the staff's area, newest first. */
export function MeetingsPage() {
  const translate = useTranslate();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
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
      <PagedTable<MeetingRow>
        path="/meetings"
        page={page}
        onPage={setPage}
        link={meetingLink}
        empty="linli.consultation.meeting.none"
        testId="meeting-table"
        rowTestId="meeting-row"
        columns={[
          { field: 'held_at', nowrap: true, cell: (m) => formatDate(m.heldAt, true) },
          { field: 'title', cell: (m) => m.title },
          {
            field: 'meeting_kind',
            nowrap: true,
            cell: (m) => translate(`linli.consultation.meeting_kind.${m.kind}`),
          },
          { field: 'community', cell: (m) => m.areaName },
          { field: 'place', cell: (m) => m.place },
          { field: 'agenda', cell: (m) => m.topicIds?.length ?? 0 },
        ]}
      />
    </Box>
  );
}
