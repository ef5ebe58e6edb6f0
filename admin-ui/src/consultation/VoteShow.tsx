import {
  Alert,
  Box,
  Card,
  CardContent,
  Chip,
  FormControlLabel,
  MenuItem,
  Radio,
  RadioGroup,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Title, useRefresh, useTranslate } from 'react-admin';
import { useNavigate, useParams } from 'react-router-dom';
import type {
  ElectorRow,
  IssuedCode,
  Recount,
  TallyResult,
  VoteDetail,
  VoteRule,
} from '../../../plugins/consultation/server/src/shared/contracts/consultation';
import type { Threshold } from '../../../plugins/consultation/server/src/domain/rules';
import { CaseDialog } from '../cases/CaseDialog';
import { usePunctuation } from '../punctuation';
import { formatDate } from '../dates';
import { restBody, restJson } from '../rest';
import { mayRunVote } from './access';
import {
  API,
  PAGE_SX,
  Turnout,
  areaText,
  query,
  send,
  shareText,
  usePaged,
  useRefusal,
  useResultReason,
  useRuleWords,
} from './shared';

/** Where the code ballot page is, for the notices' QR codes. */
export const codeBallotUrl = () => `${window.location.origin}/v`;
/** The codes just issued, kept for the print page in this tab only (they are shown once). */
export const CODES_KEY = 'linli.consultation.codes';

/** A vote: its question and rule in words, the live turnout, and the staff's steps. */
export function VoteShow() {
  const { id = '' } = useParams();
  const translate = useTranslate();
  const url = `${API}/votes/${id}`;
  const { data: vote } = useQuery({
    queryKey: ['rest', url],
    queryFn: () => restJson<VoteDetail>(url),
    retry: false,
    refetchInterval: (q) =>
      (q.state.data as VoteDetail | undefined)?.status === 'open' ? 10_000 : false,
  });
  if (!vote)
    return <Typography sx={{ p: 2 }}>{translate('linli.consultation.loading')}</Typography>;
  return (
    <Box sx={{ ...PAGE_SX, mt: 1 }} data-testid="vote-show">
      <Title title={`${vote.number} ${vote.title}`} />
      <Summary vote={vote} />
      {vote.status !== 'draft' && <TurnoutPanel vote={vote} />}
      {vote.result && <ResultPanel vote={vote} result={vote.result} />}
      {!vote.result && vote.interim && <ResultPanel vote={vote} result={vote.interim} interim />}
      {vote.status !== 'draft' && <Electors vote={vote} />}
    </Box>
  );
}

function Summary({ vote }: { vote: VoteDetail }) {
  const translate = useTranslate();
  const refresh = useRefresh();
  const ruleWords = useRuleWords();
  const refusal = useRefusal(['vote']);
  const [recount, setRecount] = useState<Recount | null>(null);
  const f = (k: string) => translate(`linli.consultation.fields.${k}`);
  const zh = translate('linli.consultation.choice.yes') === '同意';
  const { paren } = usePunctuation();
  // The place's name holds the building and unit already (河香园2期1栋).
  const where = [
    vote.areaName,
    vote.building ? '' : translate('linli.consultation.vote.whole_compound'),
  ]
    .filter(Boolean)
    .join(' · ');
  const act = (path: string, after?: () => void) => async () => {
    refusal.clear();
    try {
      await send(path);
      after?.();
      refresh();
      return true;
    } catch (e) {
      refusal.set(e);
      return false;
    }
  };
  const electorate = translate(`linli.consultation.electorate.${vote.electorateKind}`);
  return (
    <Card>
      <CardContent>
        <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap" sx={{ mb: 1 }}>
          <Typography variant="h5">{vote.title}</Typography>
          <Chip
            size="small"
            color={vote.status === 'open' ? 'warning' : 'default'}
            label={translate(`linli.consultation.vote_status.${vote.status}`)}
            data-testid="vote-status"
          />
        </Stack>
        <Box
          component="dl"
          sx={{ display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '6px 16px' }}
        >
          <Dt>{f('number')}</Dt>
          <Dd>{vote.number}</Dd>
          {vote.question && (
            <>
              <Dt>{f('question')}</Dt>
              <Dd>{vote.question}</Dd>
            </>
          )}
          <Dt>{f('electorate')}</Dt>
          <Dd>
            {electorate} · {where}
            {vote.electorCount !== null &&
              paren(
                `${translate('linli.consultation.vote.electors_n', { n: vote.electorCount })}${vote.electorArea ? `${zh ? '，' : ', '}${areaText(vote.electorArea)}` : ''}`,
              )}
          </Dd>
          <Dt>{f('rule')}</Dt>
          <Dd>
            <span data-testid="vote-rule-name">
              {vote.ruleName ? (zh ? vote.ruleName.zh : vote.ruleName.en) : vote.ruleKey}
            </span>
            <Typography variant="body2" color="text.secondary" data-testid="vote-rule-words">
              {ruleWords(vote.rule)}
            </Typography>
          </Dd>
          <Dt>{f('closes_at')}</Dt>
          <Dd>{formatDate(vote.closesAt, true)}</Dd>
        </Box>
        {refusal.message && (
          <Alert severity="error" sx={{ mt: 1 }}>
            {refusal.message}
          </Alert>
        )}
        {mayRunVote() && (
          <Stack direction="row" spacing={1} sx={{ mt: 2 }} flexWrap="wrap" useFlexGap>
            {vote.status === 'draft' && (
              <CaseDialog
                title={translate('linli.consultation.vote.open')}
                variant="contained"
                testId="vote-open"
                onOpen={refusal.clear}
                warning={translate('linli.consultation.vote.open_then', { electorate })}
                error={refusal.message ?? refusal.fields.vote}
                onConfirm={act(`/votes/${vote.documentId}/open`)}
              />
            )}
            {vote.status === 'open' && !vote.closed && (
              <>
                <PrintCodes vote={vote} />
                <PaperBallot vote={vote} />
              </>
            )}
            {vote.status === 'open' && (
              <CaseDialog
                title={translate('linli.consultation.vote.close')}
                variant="contained"
                color="warning"
                testId="vote-close"
                onOpen={refusal.clear}
                warning={translate('linli.consultation.vote.close_then')}
                error={refusal.message ?? refusal.fields.vote}
                onConfirm={act(`/votes/${vote.documentId}/close`)}
              />
            )}
            {vote.status === 'closed' && (
              <CaseDialog
                title={translate('linli.consultation.vote.recount')}
                testId="vote-recount"
                onOpen={() => {
                  setRecount(null);
                  void restJson<Recount>(`${API}/votes/${vote.documentId}/recount`).then(
                    setRecount,
                    (e: unknown) => refusal.set(e),
                  );
                }}
                consequence={
                  recount
                    ? translate(
                        recount.matches
                          ? 'linli.consultation.vote.recount_ok'
                          : 'linli.consultation.vote.recount_bad',
                      )
                    : translate('linli.consultation.loading')
                }
                error={refusal.message}
                onConfirm={() => Promise.resolve(true)}
              />
            )}
            {vote.status === 'closed' && recount && (
              <Alert severity={recount.matches ? 'success' : 'error'} data-testid="recount-result">
                {translate(
                  recount.matches
                    ? 'linli.consultation.vote.recount_ok'
                    : 'linli.consultation.vote.recount_bad',
                )}
              </Alert>
            )}
          </Stack>
        )}
        {vote.status === 'open' && (
          <Typography variant="caption" color="text.secondary" component="div" sx={{ mt: 1 }}>
            {translate('linli.consultation.vote.live')}
          </Typography>
        )}
      </CardContent>
    </Card>
  );
}

const Dt = ({ children }: { children: ReactNode }) => (
  <Typography component="dt" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>
    {children}
  </Typography>
);
const Dd = ({ children }: { children: ReactNode }) => (
  <Typography component="dd" sx={{ m: 0 }}>
    {children}
  </Typography>
);

const usesArea = (rule: VoteRule) => Boolean(rule.quorum.area || rule.approval.area);

function TurnoutPanel({ vote }: { vote: VoteDetail }) {
  const translate = useTranslate();
  const count = (n: number) => String(n);
  return (
    <Card data-testid="vote-turnout">
      <CardContent>
        <Typography variant="h6" sx={{ mb: 1 }}>
          {translate('linli.consultation.vote.turnout')}
        </Typography>
        <Turnout
          label={translate('linli.consultation.vote.by_count')}
          part={vote.turnout.count}
          whole={vote.electorCount ?? 0}
          text={count}
          testId="turnout-count"
        />
        {(usesArea(vote.rule) || vote.electorateKind === 'owners') && (
          <Turnout
            label={translate('linli.consultation.vote.by_area')}
            part={vote.turnout.area}
            whole={vote.electorArea ?? 0}
            text={areaText}
            testId="turnout-area"
          />
        )}
      </CardContent>
    </Card>
  );
}

/**
 * The result, by count and by area against the rule. `interim`: the running figures of an open
 * vote whose rule lets them be shown (otherwise the server sends none), as they would stand if
 * the vote closed now.
 */
function ResultPanel({
  vote,
  result,
  interim = false,
}: {
  vote: VoteDetail;
  result: TallyResult;
  interim?: boolean;
}) {
  const translate = useTranslate();
  const reason = useResultReason();
  const { paren, colon } = usePunctuation();
  const zh = translate('linli.consultation.choice.yes') === '同意';
  const t = (k: string) => translate(`linli.consultation.vote.${k}`);
  const base = vote.rule.approval.base === 'electorate' ? result.electorate : result.participating;
  const rows: {
    what: string;
    measure: 'count' | 'area';
    part: number;
    whole: number;
    need: Threshold;
    met: boolean;
  }[] = [];
  for (const m of ['count', 'area'] as const) {
    const q = vote.rule.quorum[m];
    if (q)
      rows.push({
        what: t('quorum'),
        measure: m,
        part: result.participating[m],
        whole: result.electorate[m],
        need: q,
        met: !!result.quorum[m],
      });
  }
  for (const m of ['count', 'area'] as const) {
    const a = vote.rule.approval[m];
    if (a)
      rows.push({
        what: t('approval'),
        measure: m,
        part: result.yes[m],
        whole: base[m],
        need: a,
        met: !!result.approval[m],
      });
  }
  const fmt = (m: 'count' | 'area', n: number) => (m === 'area' ? areaText(n) : String(n));
  return (
    <Card data-testid={interim ? 'vote-interim' : 'vote-result'}>
      <CardContent>
        <Stack direction="row" spacing={1} alignItems="center" sx={{ mb: 1 }}>
          <Typography variant="h6">{t(interim ? 'interim' : 'result')}</Typography>
          <Chip
            variant={interim ? 'outlined' : 'filled'}
            color={result.passed ? 'success' : 'error'}
            label={t(
              interim
                ? result.passed
                  ? 'interim_passing'
                  : 'interim_failing'
                : result.passed
                  ? 'passed'
                  : 'failed',
            )}
            data-testid={interim ? 'vote-interim-passing' : 'vote-passed'}
          />
        </Stack>
        {interim ? (
          <Alert severity="info" sx={{ mb: 2 }}>
            {t('interim_hint')}
          </Alert>
        ) : (
          <Alert
            severity={result.passed ? 'success' : 'warning'}
            sx={{ mb: 2 }}
            data-testid="vote-reason"
          >
            {reason(result)}
          </Alert>
        )}
        <Typography variant="body2" sx={{ mb: 1 }}>
          {t('yes_no_abstain')}
          {colon(`${result.yes.count} / ${result.no.count} / ${result.abstain.count}`)}
          {usesArea(vote.rule) &&
            paren(
              `${areaText(result.yes.area)} / ${areaText(result.no.area)} / ${areaText(result.abstain.area)}`,
            )}
        </Typography>
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell />
              <TableCell>{t('measure')}</TableCell>
              <TableCell>{t('actual')}</TableCell>
              <TableCell>{t('needed')}</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((r, i) => (
              <TableRow
                key={i}
                data-testid={`result-${r.what === t('quorum') ? 'quorum' : 'approval'}-${r.measure}`}
              >
                <TableCell>{r.what}</TableCell>
                <TableCell>{t(r.measure === 'count' ? 'by_count' : 'by_area')}</TableCell>
                <TableCell>
                  {fmt(r.measure, r.part)} / {fmt(r.measure, r.whole)}
                  {paren(`${r.whole ? ((r.part / r.whole) * 100).toFixed(2) : '0'}%`)}
                </TableCell>
                <TableCell>
                  {translate(
                    r.need.strict
                      ? 'linli.consultation.vote.more_than'
                      : 'linli.consultation.vote.at_least',
                    { share: shareText(r.need, zh) },
                  )}
                </TableCell>
                <TableCell>
                  <Chip
                    size="small"
                    color={r.met ? 'success' : 'error'}
                    label={t(r.met ? 'met' : 'not_met')}
                  />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}

function Electors({ vote }: { vote: VoteDetail }) {
  const translate = useTranslate();
  const { paren } = usePunctuation();
  const [q, setQ] = useState('');
  const { rows, total } = usePaged<ElectorRow>(
    `${API}/votes/${vote.documentId}/electors?${query({ q, pageSize: 200 })}`,
    vote.status === 'open' ? 10_000 : undefined,
  );
  const f = (k: string) => translate(`linli.consultation.fields.${k}`);
  // A household that lost its notice gets a new code (the old one stops working), while open.
  const reissue = vote.status === 'open' && !vote.closed && mayRunVote();
  return (
    <Card data-testid="vote-electors">
      <CardContent>
        <Stack direction="row" spacing={2} alignItems="center" sx={{ mb: 1 }}>
          <Typography variant="h6" sx={{ whiteSpace: 'nowrap' }}>
            {translate('linli.consultation.vote.electors')}
            {paren(String(total))}
          </Typography>
          <TextField
            size="small"
            label={translate('linli.consultation.vote.search_elector')}
            value={q}
            onChange={(e) => setQ(e.target.value)}
          />
        </Stack>
        <Table size="small">
          <TableHead>
            <TableRow>
              {[
                'elector',
                'area',
                'channel',
                'cast_at',
                ...(vote.status === 'closed' ? ['choice'] : []),
              ].map((k) => (
                <TableCell key={k}>{f(k)}</TableCell>
              ))}
              {reissue && <TableCell />}
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((e) => (
              <TableRow key={e.documentId} data-testid="elector-row">
                <TableCell>{e.label}</TableCell>
                <TableCell>{areaText(e.area)}</TableCell>
                <TableCell>
                  {e.channel ? translate(`linli.consultation.channel.${e.channel}`) : ''}
                  {e.proxyName ? paren(e.proxyName) : ''}
                </TableCell>
                <TableCell>{formatDate(e.castAt, true)}</TableCell>
                {vote.status === 'closed' && (
                  <TableCell>
                    {e.choice ? translate(`linli.consultation.choice.${e.choice}`) : ''}
                  </TableCell>
                )}
                {reissue && (
                  <TableCell align="right">
                    {!e.castAt && e.codeIssuedAt && <ReissueCode vote={vote} elector={e} />}
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}

/** Keeps codes just issued for the notices page (this tab only) and goes there to print. */
function useShowNotices(vote: VoteDetail) {
  const navigate = useNavigate();
  return (codes: IssuedCode[]) => {
    sessionStorage.setItem(
      CODES_KEY,
      JSON.stringify({ vote: vote.documentId, title: vote.title, closesAt: vote.closesAt, codes }),
    );
    navigate(`/consultation/votes/${vote.documentId}/notices`);
  };
}

/** 补发票码: a new code for one elector whose notice was lost; the old code no longer works. */
function ReissueCode({ vote, elector }: { vote: VoteDetail; elector: ElectorRow }) {
  const translate = useTranslate();
  const refusal = useRefusal(['electors']);
  const showNotices = useShowNotices(vote);
  return (
    <CaseDialog
      title={translate('linli.consultation.vote.reissue')}
      testId="vote-reissue"
      onOpen={refusal.clear}
      warning={translate('linli.consultation.vote.reissue_then', { elector: elector.label })}
      error={refusal.message ?? refusal.fields.electors}
      onConfirm={async () => {
        try {
          showNotices(
            await send<IssuedCode[]>(`/votes/${vote.documentId}/codes`, {
              electors: [elector.documentId],
            }),
          );
          return true;
        } catch (e) {
          refusal.set(e);
          return false;
        }
      }}
    />
  );
}

function PrintCodes({ vote }: { vote: VoteDetail }) {
  const translate = useTranslate();
  const showNotices = useShowNotices(vote);
  const refusal = useRefusal(['vote']);
  const waiting = usePaged<ElectorRow>(
    `${API}/votes/${vote.documentId}/electors?${query({ voted: 'false', pageSize: 200 })}`,
  ).rows.filter((e) => !e.codeIssuedAt).length;
  return (
    <CaseDialog
      title={translate('linli.consultation.vote.print')}
      testId="vote-codes"
      onOpen={refusal.clear}
      warning={translate('linli.consultation.vote.print_then', { count: waiting })}
      error={refusal.message}
      onConfirm={async () => {
        try {
          showNotices(await send<IssuedCode[]>(`/votes/${vote.documentId}/codes`));
          return true;
        } catch (e) {
          refusal.set(e);
          return false;
        }
      }}
    />
  );
}

function PaperBallot({ vote }: { vote: VoteDetail }) {
  const translate = useTranslate();
  const { paren } = usePunctuation();
  const refresh = useRefresh();
  const [q, setQ] = useState('');
  const [elector, setElector] = useState('');
  const [choice, setChoice] = useState('yes');
  const [proxy, setProxy] = useState('');
  const [scan, setScan] = useState<File | null>(null);
  const refusal = useRefusal(['elector', 'choice', 'proxyName', 'scan']);
  const { rows } = usePaged<ElectorRow>(
    `${API}/votes/${vote.documentId}/electors?${query({ q, pageSize: 50 })}`,
  );
  const f = (k: string) => translate(`linli.consultation.fields.${k}`);
  return (
    <CaseDialog
      title={translate('linli.consultation.vote.paper')}
      testId="vote-paper"
      wide
      onOpen={() => {
        refusal.clear();
        setElector('');
        setProxy('');
        setScan(null);
      }}
      consequence={translate('linli.consultation.vote.paper_then')}
      error={refusal.message}
      confirmDisabled={!elector}
      onConfirm={async () => {
        const data = { elector, choice, ...(proxy ? { proxyName: proxy } : {}) };
        try {
          if (scan) {
            const form = new FormData();
            form.append('files.scan', scan, scan.name);
            form.append('data', JSON.stringify(data));
            await restBody(`${API}/votes/${vote.documentId}/paper`, { method: 'POST', body: form });
          } else await send(`/votes/${vote.documentId}/paper`, data);
          refresh();
          return true;
        } catch (e) {
          refusal.set(e);
          return false;
        }
      }}
    >
      <TextField
        fullWidth
        size="small"
        margin="dense"
        label={translate('linli.consultation.vote.search_elector')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        inputProps={{ 'data-testid': 'paper-search' }}
      />
      <TextField
        select
        fullWidth
        margin="dense"
        label={f('elector')}
        value={elector}
        onChange={(e) => setElector(e.target.value)}
        error={!!refusal.fields.elector}
        helperText={refusal.fields.elector}
        inputProps={{ 'data-testid': 'paper-elector' }}
      >
        {rows.map((e) => (
          <MenuItem key={e.documentId} value={e.documentId} data-testid="paper-elector-option">
            {e.label}
            {paren(areaText(e.area))}
            {e.channel ? ` · ${translate('linli.consultation.vote.voted_already')}` : ''}
          </MenuItem>
        ))}
      </TextField>
      <RadioGroup row value={choice} onChange={(e) => setChoice(e.target.value)}>
        {(['yes', 'no', 'abstain'] as const).map((c) => (
          <FormControlLabel
            key={c}
            value={c}
            control={<Radio inputProps={{ 'aria-label': c }} data-testid={`paper-${c}`} />}
            label={translate(`linli.consultation.choice.${c}`)}
          />
        ))}
      </RadioGroup>
      <TextField
        fullWidth
        margin="dense"
        label={f('proxy')}
        value={proxy}
        onChange={(e) => setProxy(e.target.value)}
        error={!!refusal.fields.proxyName}
        helperText={refusal.fields.proxyName}
        inputProps={{ 'data-testid': 'paper-proxy' }}
      />
      <Box sx={{ mt: 1 }}>
        <Typography variant="body2" color="text.secondary">
          {f('scan')}
        </Typography>
        <input
          type="file"
          accept="image/*,application/pdf"
          onChange={(e) => setScan(e.target.files?.[0] ?? null)}
          data-testid="paper-scan"
        />
        {refusal.fields.scan && <Alert severity="error">{refusal.fields.scan}</Alert>}
      </Box>
    </CaseDialog>
  );
}
