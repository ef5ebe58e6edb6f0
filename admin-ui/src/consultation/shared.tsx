import { Box, Chip, LinearProgress, MenuItem, TextField, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useGetList, useRefresh, useTranslate } from 'react-admin';
import type {
  Paged,
  Stage,
  TallyResult,
  VoteRule,
} from '../../../plugins/consultation/server/src/shared/contracts/consultation';
import {
  resultReason,
  type Measure,
  type Threshold,
} from '../../../plugins/consultation/server/src/domain/rules';
import { fieldErrors, restBody } from '../rest';
import { percent, shareText } from './shares';
import { usePunctuation } from '../punctuation';

export const API = '/api/consultation';
export const topicLink = (id: string) => `/consultation/topics/${id}`;
export const meetingLink = (id: string) => `/consultation/meetings/${id}`;
export const voteLink = (id: string) => `/consultation/votes/${id}`;
export const PAGE_SX = { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: 2 } as const;

/** Board columns: the stages a topic is worked in, in order. */
export const BOARD_STAGES: readonly Stage[] = [
  'collecting',
  'ranking',
  'deliberating',
  'voting',
  'publicising',
  'implementing',
  'evaluating',
];

const STAGE_COLOURS: Partial<
  Record<Stage, 'default' | 'primary' | 'success' | 'warning' | 'info'>
> = {
  collecting: 'info',
  screening: 'info',
  ranking: 'primary',
  deliberating: 'primary',
  voting: 'warning',
  publicising: 'warning',
  implementing: 'success',
  evaluating: 'success',
};

export function StageChip({ stage }: { stage: Stage }) {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      color={STAGE_COLOURS[stage] ?? 'default'}
      label={translate(`linli.consultation.stage.${stage}`)}
      data-testid="topic-stage"
    />
  );
}

/** A paged REST list, kept in react-admin's cache (so refresh() reloads it). */
export function usePaged<T>(url: string | null, refetchInterval?: number) {
  const { data, isPending, error } = useQuery({
    queryKey: ['rest', url],
    queryFn: () => restBody<Paged<T>>(url as string),
    enabled: !!url,
    retry: false,
    refetchInterval,
  });
  return { rows: data?.data ?? [], total: data?.meta.pagination.total ?? 0, isPending, error };
}

export const query = (params: Record<string, string | number | undefined | null>) => {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') search.set(k, String(v));
  return search.toString();
};

export { areaText, percent, shareText } from './shares';

/** A rule's thresholds in words. */
export function useRuleWords() {
  const translate = useTranslate();
  const zh = translate('linli.consultation.choice.yes') === '同意';
  const one = (t: Threshold | undefined) =>
    t
      ? translate(
          t.strict ? 'linli.consultation.vote.more_than' : 'linli.consultation.vote.at_least',
          {
            share: shareText(t, zh),
          },
        )
      : null;
  const pair = (m: { count?: Threshold; area?: Threshold }) => {
    const parts = [
      m.count && translate('linli.consultation.vote.of_count', { t: one(m.count) }),
      m.area && translate('linli.consultation.vote.of_area', { t: one(m.area) }),
    ].filter(Boolean);
    return parts.length
      ? parts.join(zh ? '，' : ', ')
      : translate('linli.consultation.vote.no_threshold');
  };
  return (rule: VoteRule) =>
    translate('linli.consultation.vote.rule_words', {
      quorum: pair(rule.quorum),
      approval: pair(rule.approval),
      base: translate(`linli.consultation.base.${rule.approval.base}`),
    });
}

/** Why a vote passed or failed, in words: 按人数通过，按面积未通过. */
export function useResultReason() {
  const translate = useTranslate();
  return (result: TallyResult): string => {
    const word = (m: Measure) => translate(`linli.consultation.vote.${m}_word`);
    const why = resultReason(result);
    if (!why.quorumMet) return translate('linli.consultation.vote.quorum_failed');
    if (result.passed)
      return translate('linli.consultation.vote.reason_pass', {
        measures: why.met.map(word).join(translate('linli.consultation.vote.and')),
      });
    const text = [
      ...why.met.map((m) => translate('linli.consultation.vote.passed_by', { what: word(m) })),
      ...why.failed.map((m) => translate('linli.consultation.vote.failed_by', { what: word(m) })),
    ]
      .join('')
      .replace(/[，,]\s*$/, '');
    return text.charAt(0).toUpperCase() + text.slice(1);
  };
}

/** A bar with its figures: 4 / 6 (66.7 %). */
export function Turnout({
  label,
  part,
  whole,
  text,
  testId,
}: {
  label: string;
  part: number;
  whole: number;
  text: (n: number) => string;
  testId?: string;
}) {
  const pct = percent(part, whole);
  const { paren } = usePunctuation();
  return (
    <Box sx={{ mb: 1.5 }} data-testid={testId}>
      <Box sx={{ display: 'flex', justifyContent: 'space-between', gap: 2 }}>
        <Typography variant="body2">{label}</Typography>
        <Typography variant="body2">
          {text(part)} / {text(whole)}
          {paren(`${pct.toFixed(1)}%`)}
        </Typography>
      </Box>
      <LinearProgress variant="determinate" value={pct} sx={{ height: 8, borderRadius: 4 }} />
    </Box>
  );
}

export interface Community {
  id: string;
  name: string;
  path: string;
}

/** The communities (and villages) the signed-in staff cover, for pickers and filters. */
export function useCommunities(): Community[] {
  const { data = [] } = useGetList('cms-areas', {
    filter: { level: ['community', 'village'] },
    pagination: { page: 1, perPage: 200 },
    sort: { field: 'path', order: 'ASC' },
  });
  return data as unknown as Community[];
}

export function CommunitySelect({
  value,
  onChange,
  allowAll = false,
  error,
  testId = 'community-select',
}: {
  value: string;
  onChange: (id: string) => void;
  allowAll?: boolean;
  error?: string;
  testId?: string;
}) {
  const translate = useTranslate();
  const communities = useCommunities();
  // Staff of one community need not pick it.
  const only = !allowAll && communities.length === 1 ? communities[0]?.id : undefined;
  useEffect(() => {
    if (only && !value) onChange(only);
  }, [only, value, onChange]);
  return (
    <TextField
      select
      fullWidth={false}
      size="small"
      label={translate('linli.consultation.fields.community')}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      sx={{ minWidth: 200 }}
      error={!!error}
      helperText={error}
      inputProps={{ 'data-testid': testId }}
    >
      {allowAll && <MenuItem value="">{translate('linli.consultation.all_communities')}</MenuItem>}
      {communities.map((c) => (
        <MenuItem key={c.id} value={c.id}>
          {c.name}
        </MenuItem>
      ))}
    </TextField>
  );
}

/**
 * A dialog's refusal: the server's field errors by path (shown under their fields) and the
 * words for a refusal on no shown field (shown on the dialog).
 */
export function useRefusal(shown: readonly string[]) {
  const [fields, setFields] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  return {
    fields,
    message,
    clear() {
      setFields({});
      setMessage(null);
    },
    set(error: unknown) {
      const all = fieldErrors(error);
      const mine: Record<string, string> = {};
      const other: string[] = [];
      for (const [path, text] of Object.entries(all))
        if (shown.some((s) => path === s || path.startsWith(`${s}.`) || path.startsWith(`${s}[`)))
          mine[shown.find((s) => path === s || path.startsWith(s)) ?? path] ??= text;
        else other.push(text);
      setFields(mine);
      setMessage(
        other.length
          ? other.join('；')
          : Object.keys(mine).length
            ? null
            : error instanceof Error
              ? error.message
              : String(error),
      );
    },
  };
}

/**
 * A dialog's confirm: do the action and reload the screen (true: the dialog closes); a refusal
 * stays on the dialog, under its fields (false).
 */
export function useConfirmAction(refusal: { set(error: unknown): void }) {
  const refresh = useRefresh();
  return (action: () => Promise<unknown>) => async (): Promise<boolean> => {
    try {
      await action();
      refresh();
      return true;
    } catch (e) {
      refusal.set(e);
      return false;
    }
  };
}

/** POST/PUT JSON to the consultation API; answers `data`. */
export async function send<T>(path: string, body: unknown = {}, method = 'POST'): Promise<T> {
  return (
    await restBody<{ data: T }>(`${API}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    })
  ).data;
}
