import {
  Box,
  IconButton,
  List,
  ListItem,
  ListItemText,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import type {
  RankEntry,
  TopicRow,
} from '../../../plugins/consultation/server/src/shared/contracts/consultation';
import { CaseDialog } from '../cases/CaseDialog';
import { formatDate } from '../dates';
import { PersonPicker, type PersonChoice } from '../PersonPicker';
import { useRest } from '../rest';
import { API, query, send, useConfirmAction, useRefusal } from './shared';

/**
 * Where a community's representatives rank (协商排序由居民代表进行), staff enter each
 * representative's ranking from the paper they filled in at the meeting: the representative,
 * then the topics in their order. Entering again for the same representative replaces their
 * ranking; one entered by mistake is withdrawn.
 */
export function RepresentativeRanking({
  area,
  communityPath,
  topics,
}: {
  /** the community's documentId */
  area: string;
  /** the community's area path, to pick its residents */
  communityPath: string;
  /** the topics being ranked, in their current order */
  topics: TopicRow[];
}) {
  const translate = useTranslate();
  const entries = useRest<RankEntry[]>(`${API}/ranking/entries?${query({ area })}`) ?? [];
  return (
    <Box data-testid="representative-ranking" sx={{ mt: 2 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mb: 1 }}>
        <Typography variant="subtitle1">
          {translate('linli.consultation.ranking.representatives')}
        </Typography>
        <EnterRanking communityPath={communityPath} topics={topics} />
      </Box>
      {entries.length === 0 ? (
        <Typography color="text.secondary" data-testid="rank-entries-empty">
          {translate('linli.consultation.ranking.no_entries')}
        </Typography>
      ) : (
        <Table size="small" data-testid="rank-entries">
          <TableHead>
            <TableRow>
              <TableCell>{translate('linli.consultation.ranking.representative')}</TableCell>
              <TableCell>{translate('linli.consultation.ranking.order')}</TableCell>
              <TableCell>{translate('linli.consultation.ranking.entered_at')}</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {entries.map((e) => (
              <TableRow key={e.representative.documentId} data-testid="rank-entry">
                <TableCell>{e.representative.name}</TableCell>
                <TableCell>{e.order.map((t) => t.number).join(' › ')}</TableCell>
                <TableCell>{formatDate(e.at, true)}</TableCell>
                <TableCell align="right">
                  <WithdrawRanking area={area} entry={e} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}

function EnterRanking({ communityPath, topics }: { communityPath: string; topics: TopicRow[] }) {
  const translate = useTranslate();
  const refusal = useRefusal(['representative', 'order']);
  const confirm = useConfirmAction(refusal);
  const [representative, setRepresentative] = useState<PersonChoice | null>(null);
  // Each sheet is entered from the topics in their numbers' order, not the running ranking,
  // so what earlier entries gave does not lean on the next one.
  const byNumber = () => [...topics].sort((a, b) => a.number.localeCompare(b.number));
  const [order, setOrder] = useState<TopicRow[]>(byNumber);
  const swap = (i: number, j: number) => {
    const next = [...order];
    [next[i], next[j]] = [next[j] as TopicRow, next[i] as TopicRow];
    setOrder(next);
  };
  return (
    <CaseDialog
      title={translate('linli.consultation.ranking.enter')}
      testId="rank-enter"
      wide
      onOpen={() => {
        refusal.clear();
        setRepresentative(null);
        setOrder(byNumber());
      }}
      consequence={translate('linli.consultation.ranking.enter_hint')}
      error={refusal.message}
      confirmDisabled={!representative}
      onConfirm={confirm(() =>
        send('/ranking', {
          representative: representative?.id,
          order: order.map((t) => t.documentId),
        }),
      )}
    >
      <Box sx={{ display: 'flex', mt: 1 }}>
        <PersonPicker
          label={translate('linli.consultation.ranking.representative')}
          value={representative}
          onChange={setRepresentative}
          testId="rank-representative"
          under={communityPath}
          error={refusal.fields.representative}
        />
      </Box>
      <List dense data-testid="rank-order">
        {order.map((t, i) => (
          <ListItem
            key={t.documentId}
            data-testid="rank-order-item"
            secondaryAction={
              <>
                <IconButton
                  size="small"
                  aria-label={translate('linli.consultation.ranking.up')}
                  disabled={i === 0}
                  onClick={() => swap(i, i - 1)}
                >
                  <ArrowUpwardIcon fontSize="small" />
                </IconButton>
                <IconButton
                  size="small"
                  aria-label={translate('linli.consultation.ranking.down')}
                  disabled={i === order.length - 1}
                  onClick={() => swap(i, i + 1)}
                >
                  <ArrowDownwardIcon fontSize="small" />
                </IconButton>
              </>
            }
          >
            <ListItemText primary={`${i + 1}. ${t.title}`} secondary={t.number} />
          </ListItem>
        ))}
      </List>
      {refusal.fields.order && (
        <Typography color="error" variant="body2">
          {refusal.fields.order}
        </Typography>
      )}
    </CaseDialog>
  );
}

function WithdrawRanking({ area, entry }: { area: string; entry: RankEntry }) {
  const translate = useTranslate();
  const refusal = useRefusal([]);
  const confirm = useConfirmAction(refusal);
  return (
    <CaseDialog
      title={translate('linli.consultation.ranking.withdraw')}
      color="error"
      testId="rank-withdraw"
      onOpen={refusal.clear}
      warning={translate('linli.consultation.ranking.withdraw_then', {
        name: entry.representative.name,
      })}
      error={refusal.message}
      onConfirm={confirm(() =>
        send('/ranking/withdraw', { area, representative: entry.representative.documentId }),
      )}
    />
  );
}
