import {
  Box,
  Card,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TablePagination,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { Title, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import type { VoteRow } from '../../../plugins/consultation/server/src/shared/contracts/consultation';
import { formatDate } from '../dates';
import { mayCreateVote } from './access';
import { API, PAGE_SX, query, usePaged, voteLink } from './shared';
import { VoteCreate } from './VoteCreate';

/** 表决: the votes in the staff's area, newest first, by status. */
export function VotesPage() {
  const translate = useTranslate();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState('');
  const { rows, total, isPending } = usePaged<VoteRow>(
    `${API}/votes?${query({ page, pageSize: 25, status })}`,
  );
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
      <Card>
        <TableContainer sx={{ overflowX: 'auto' }}>
          <Table size="small" data-testid="vote-table" sx={{ minWidth: 800 }}>
            <TableHead>
              <TableRow>
                {[
                  'number',
                  'question',
                  'community',
                  'electorate',
                  'status',
                  'closes_at',
                  'outcome',
                ].map((k) => (
                  <TableCell key={k} sx={{ whiteSpace: 'nowrap' }}>
                    {f(k)}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((v) => (
                <TableRow
                  key={v.documentId}
                  hover
                  sx={{ cursor: 'pointer' }}
                  onClick={() => navigate(voteLink(v.documentId))}
                  data-testid="vote-row"
                >
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{v.number}</TableCell>
                  <TableCell>{v.title}</TableCell>
                  <TableCell>{v.areaName}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    {translate(`linli.consultation.electorate.${v.electorateKind}`)}
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    {translate(`linli.consultation.vote_status.${v.status}`)}
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    {formatDate(v.closesAt, true)}
                  </TableCell>
                  <TableCell>
                    {v.passed === null
                      ? ''
                      : translate(
                          v.passed
                            ? 'linli.consultation.vote.passed'
                            : 'linli.consultation.vote.failed',
                        )}
                  </TableCell>
                </TableRow>
              ))}
              {!isPending && rows.length === 0 && (
                <TableRow>
                  <TableCell colSpan={7}>
                    <Typography color="text.secondary">
                      {translate('linli.consultation.vote.none')}
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
