import {
  Alert,
  Box,
  Card,
  CardContent,
  Link as MuiLink,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Title, useRefresh, useTranslate } from 'react-admin';
import { Link, useSearchParams } from 'react-router-dom';
import type {
  ProcedureAnswer,
  TopicRow,
} from '../../../plugins/consultation/server/src/shared/contracts/consultation';
import { CaseDialog } from '../cases/CaseDialog';
import { restJson, useRest } from '../rest';
import { mayCloseRanking } from './access';
import { RepresentativeRanking } from './RepresentativeRanking';
import {
  API,
  CommunitySelect,
  PAGE_SX,
  query,
  send,
  topicLink,
  useCommunities,
  useRefusal,
} from './shared';

/** 协商排序: a community's topics being ranked, in the order their points give, and the close. */
export function RankingPage() {
  const translate = useTranslate();
  const refresh = useRefresh();
  const [params, setParams] = useSearchParams();
  const area = params.get('area') ?? '';
  const [closed, setClosed] = useState(false);
  const refusal = useRefusal(['area']);
  const url = area ? `${API}/ranking?${query({ area })}` : null;
  const { data: rows = [] } = useQuery({
    queryKey: ['rest', url],
    queryFn: () => restJson<TopicRow[]>(url as string),
    enabled: !!url,
    retry: false,
  });
  const procedure = useRest<ProcedureAnswer>(area ? `${API}/procedures/${area}` : null);
  const byRepresentatives = procedure?.config.rankers === 'representatives';
  const communityPath = useCommunities().find((c) => c.id === area)?.path ?? '';
  return (
    <Box sx={{ ...PAGE_SX, mt: 1 }} data-testid="ranking-page">
      <Title title={translate('linli.consultation.ranking.title')} />
      <Card>
        <CardContent>
          <Alert severity="info" sx={{ mb: 2 }}>
            {translate(
              byRepresentatives
                ? 'linli.consultation.ranking.hint_representatives'
                : 'linli.consultation.ranking.hint',
            )}
          </Alert>
          <CommunitySelect
            value={area}
            onChange={(v) => {
              setClosed(false);
              setParams(v ? { area: v } : {}, { replace: true });
            }}
          />
        </CardContent>
      </Card>
      {!area ? (
        <Typography color="text.secondary">
          {translate('linli.consultation.choose_community')}
        </Typography>
      ) : (
        <Card>
          <CardContent>
            {closed && (
              <Alert severity="success" sx={{ mb: 1 }}>
                {translate('linli.consultation.ranking.closed')}
              </Alert>
            )}
            {rows.length === 0 ? (
              <Typography color="text.secondary" data-testid="ranking-empty">
                {translate('linli.consultation.ranking.none')}
              </Typography>
            ) : (
              <Table size="small" data-testid="ranking-table">
                <TableHead>
                  <TableRow>
                    {['rank', 'number', 'title', 'points', 'voters', 'supports'].map((f) => (
                      <TableCell key={f}>{translate(`linli.consultation.fields.${f}`)}</TableCell>
                    ))}
                  </TableRow>
                </TableHead>
                <TableBody>
                  {rows.map((t, i) => (
                    <TableRow key={t.documentId} data-testid="ranking-row">
                      <TableCell>{i + 1}</TableCell>
                      <TableCell>{t.number}</TableCell>
                      <TableCell>
                        <MuiLink component={Link} to={topicLink(t.documentId)}>
                          {t.title}
                        </MuiLink>
                      </TableCell>
                      <TableCell>{t.rankScore ?? 0}</TableCell>
                      <TableCell>{t.rankVoters ?? 0}</TableCell>
                      <TableCell>{t.supportCount}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
            {rows.length > 0 && byRepresentatives && communityPath && (
              <RepresentativeRanking
                key={rows.map((t) => t.documentId).join()}
                area={area}
                communityPath={communityPath}
                topics={rows}
              />
            )}
            {rows.length > 0 && mayCloseRanking() && (
              <Box sx={{ mt: 2 }}>
                <CaseDialog
                  title={translate('linli.consultation.ranking.close')}
                  variant="contained"
                  testId="ranking-close"
                  onOpen={refusal.clear}
                  warning={translate('linli.consultation.ranking.close_then', {
                    count: rows.length,
                  })}
                  error={refusal.message ?? refusal.fields.area}
                  onConfirm={async () => {
                    try {
                      await send('/ranking/close', { area });
                      setClosed(true);
                      refresh();
                      return true;
                    } catch (e) {
                      refusal.set(e);
                      return false;
                    }
                  }}
                />
              </Box>
            )}
          </CardContent>
        </Card>
      )}
    </Box>
  );
}
