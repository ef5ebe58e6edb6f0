import { MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useGetList, useTranslate } from 'react-admin';
import type {
  VoteInput,
  VoteRuleRow,
} from '../../../plugins/consultation/server/src/shared/contracts/consultation';
import { useRest } from '../rest';
import { fromLocal, toLocal } from './MeetingForm';
import { API, useRuleWords } from './shared';

/** The fields of a vote's draft, as the dialogs hold them (the time in China's local form). */
export interface VoteDraft {
  electorate: VoteInput['electorate'];
  rule: string;
  compound: string;
  building: string;
  unitNo: string;
  closesAt: string;
}

/** The paths of a vote's fields the server may refuse, to show under them. */
export const VOTE_FIELDS = ['electorate', 'rule', 'compound', 'building', 'unitNo', 'closesAt'];

/** A new draft: the owners, the Civil Code's ordinary double majority, closing in a week. */
export function useVoteDraft() {
  const fresh = (): VoteDraft => ({
    electorate: 'owners',
    rule: 'civil-code-ordinary',
    compound: '',
    building: '',
    unitNo: '',
    closesAt: toLocal(new Date(Date.now() + 7 * 86400_000).toISOString()),
  });
  const [draft, setDraft] = useState<VoteDraft>(fresh);
  return {
    draft,
    set: (change: Partial<VoteDraft>) => setDraft((d) => ({ ...d, ...change })),
    reset: () => setDraft(fresh()),
    /** what POST /votes (or a decision's `vote`) takes */
    input: (): VoteInput => ({
      electorate: draft.electorate,
      rule: draft.rule,
      compound: draft.compound,
      ...(draft.building ? { building: draft.building } : {}),
      ...(draft.unitNo ? { unitNo: draft.unitNo } : {}),
      closesAt: fromLocal(draft.closesAt),
    }),
  };
}

/**
 * Who votes (households, owners or residents of a compound, building or unit), under which rule
 * (its words shown), until when: the same fields for a vote decided at a meeting and for one
 * staff call outside a meeting.
 */
export function VoteFields({
  draft,
  set,
  community,
  error,
}: {
  draft: VoteDraft;
  set: (change: Partial<VoteDraft>) => void;
  /** the community's documentId, whose compounds are offered */
  community: string | undefined;
  error: (field: string) => string | undefined;
}) {
  const translate = useTranslate();
  const ruleWords = useRuleWords();
  const zh = translate('linli.consultation.choice.yes') === '同意';
  const rules = useRest<VoteRuleRow[]>(`${API}/rules`) ?? [];
  const { data: compounds = [] } = useGetList(
    'cms-compounds',
    {
      filter: { community },
      pagination: { page: 1, perPage: 200 },
      sort: { field: 'name', order: 'ASC' },
    },
    { enabled: !!community },
  );
  const f = (k: string) => translate(`linli.consultation.fields.${k}`);
  const chosen = rules.find((r) => r.key === draft.rule);
  return (
    <Stack spacing={1.5} sx={{ mt: 1 }}>
      <TextField
        select
        label={f('electorate')}
        value={draft.electorate}
        onChange={(e) => set({ electorate: e.target.value as VoteDraft['electorate'] })}
        error={!!error('electorate')}
        helperText={error('electorate')}
        inputProps={{ 'data-testid': 'vote-electorate' }}
      >
        {(['households', 'owners', 'residents'] as const).map((k) => (
          <MenuItem key={k} value={k}>
            {translate(`linli.consultation.electorate.${k}`)}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        label={f('rule')}
        value={draft.rule}
        onChange={(e) => set({ rule: e.target.value })}
        error={!!error('rule')}
        helperText={error('rule') ?? (chosen ? ruleWords(chosen.rule) : undefined)}
        inputProps={{ 'data-testid': 'vote-rule' }}
        SelectProps={{
          renderValue: (v) => {
            const r = rules.find((x) => x.key === v);
            return r ? (zh ? r.nameZh : r.nameEn) : String(v);
          },
        }}
      >
        {rules.map((r) => (
          <MenuItem
            key={r.key}
            value={r.key}
            sx={{ display: 'block', whiteSpace: 'normal', maxWidth: 560 }}
          >
            <Typography>{zh ? r.nameZh : r.nameEn}</Typography>
            <Typography variant="caption" color="text.secondary" component="div">
              {(zh ? r.descriptionZh : r.descriptionEn) ?? ruleWords(r.rule)}
            </Typography>
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        label={f('compound')}
        value={draft.compound}
        onChange={(e) => set({ compound: e.target.value })}
        error={!!error('compound')}
        helperText={error('compound')}
        inputProps={{ 'data-testid': 'vote-compound' }}
      >
        {compounds.map((c) => (
          <MenuItem key={String(c.id)} value={String(c.id)}>
            {String((c as { name?: string }).name ?? c.id)}
          </MenuItem>
        ))}
      </TextField>
      <Stack direction="row" spacing={1}>
        <TextField
          label={f('building')}
          value={draft.building}
          onChange={(e) => set({ building: e.target.value })}
          error={!!error('building')}
          helperText={error('building') ?? translate('linli.consultation.meeting.building_hint')}
          inputProps={{ 'data-testid': 'vote-building' }}
        />
        <TextField
          label={f('unit')}
          value={draft.unitNo}
          onChange={(e) => set({ unitNo: e.target.value })}
          error={!!error('unitNo')}
          helperText={error('unitNo')}
        />
      </Stack>
      <TextField
        type="datetime-local"
        label={f('closes_at')}
        InputLabelProps={{ shrink: true }}
        value={draft.closesAt}
        onChange={(e) => set({ closesAt: e.target.value })}
        error={!!error('closesAt')}
        helperText={error('closesAt')}
        inputProps={{ 'data-testid': 'vote-closes-at' }}
      />
    </Stack>
  );
}
