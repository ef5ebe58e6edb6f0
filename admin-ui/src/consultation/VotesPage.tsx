import { Box, MenuItem, Stack, TextField } from '@mui/material';
import { useState } from 'react';
import { Title, useTranslate } from 'react-admin';
import type { VoteRow } from '../../../plugins/consultation/server/src/shared/contracts/consultation';
import { formatDate } from '../dates';
import { mayCreateVote } from './access';
import { PagedTable } from './PagedTable';
import { PAGE_SX, voteLink } from './shared';
import { VoteCreate } from './VoteCreate';

/** 表决: the votes in the staff's area, newest first, by status. */
export function VotesPage() {
  const translate = useTranslate();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState('');
  const f = (k: string) => translate(`linli.consultation.fields.${k}`);
  return (
    <Box sx={PAGE_SX} data-testid="votes-page">
      <Title title={translate('linli.consultation.menu.votes')} />
      <Stack direction="row" spacing={2} alignItems="center" sx={{ mt: 1 }}>
        <TextField
          select
          fullWidth={false}
          size="small"
          label={f('status')}
          value={status}
          onChange={(e) => {
            setStatus(e.target.value);
            setPage(1);
          }}
          sx={{ minWidth: 160 }}
        >
          <MenuItem value="">{translate('linli.consultation.all_stages')}</MenuItem>
          {(['draft', 'open', 'closed'] as const).map((s) => (
            <MenuItem key={s} value={s}>
              {translate(`linli.consultation.vote_status.${s}`)}
            </MenuItem>
          ))}
        </TextField>
        {mayCreateVote() && <VoteCreate />}
      </Stack>
      <PagedTable<VoteRow>
        path="/votes"
        params={{ status }}
        page={page}
        onPage={setPage}
        link={voteLink}
        empty="linli.consultation.vote.none"
        testId="vote-table"
        rowTestId="vote-row"
        minWidth={800}
        columns={[
          { field: 'number', nowrap: true, cell: (v) => v.number },
          { field: 'question', cell: (v) => v.title },
          { field: 'vote_place', cell: (v) => v.areaName },
          {
            field: 'electorate',
            nowrap: true,
            cell: (v) => translate(`linli.consultation.electorate.${v.electorateKind}`),
          },
          {
            field: 'status',
            nowrap: true,
            cell: (v) => translate(`linli.consultation.vote_status.${v.status}`),
          },
          { field: 'closes_at', nowrap: true, cell: (v) => formatDate(v.closesAt, true) },
          {
            field: 'outcome',
            cell: (v) =>
              v.passed === null
                ? ''
                : translate(
                    v.passed ? 'linli.consultation.vote.passed' : 'linli.consultation.vote.failed',
                  ),
          },
        ]}
      />
    </Box>
  );
}
