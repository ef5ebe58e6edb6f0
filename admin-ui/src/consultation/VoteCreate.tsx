import { Stack, TextField } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import type { VoteRow } from '../../../plugins/consultation/server/src/shared/contracts/consultation';
import { CaseDialog } from '../cases/CaseDialog';
import { CommunitySelect, send, useRefusal, voteLink } from './shared';
import { useVoteDraft, VOTE_FIELDS, VoteFields } from './VoteFields';

/**
 * 发起表决 outside a meeting: a matter a compound's owners or households decide by themselves
 * (e.g. renewing the property company's contract). The vote is created as a draft; staff check
 * it and open it on its page, where the electorate is frozen.
 */
export function VoteCreate() {
  const translate = useTranslate();
  const navigate = useNavigate();
  const [community, setCommunity] = useState('');
  const [title, setTitle] = useState('');
  const [question, setQuestion] = useState('');
  const vote = useVoteDraft();
  const refusal = useRefusal(['title', 'question', ...VOTE_FIELDS]);
  const f = (k: string) => translate(`linli.consultation.fields.${k}`);
  const err = (k: string) => refusal.fields[k];
  return (
    <CaseDialog
      title={translate('linli.consultation.vote.create')}
      variant="contained"
      testId="vote-create"
      wide
      onOpen={() => {
        refusal.clear();
        setTitle('');
        setQuestion('');
        vote.reset();
      }}
      consequence={translate('linli.consultation.vote.create_then')}
      error={refusal.message}
      confirmDisabled={!community}
      onConfirm={async () => {
        try {
          const created = await send<VoteRow>('/votes', {
            title,
            ...(question ? { question } : {}),
            ...vote.input(),
          });
          navigate(voteLink(created.documentId));
          return true;
        } catch (e) {
          refusal.set(e);
          return false;
        }
      }}
    >
      <Stack spacing={1.5} sx={{ mt: 1 }}>
        <CommunitySelect
          value={community}
          onChange={(c) => {
            setCommunity(c);
            vote.set({ compound: '' });
          }}
          testId="vote-community"
        />
        <TextField
          label={f('question')}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          error={!!err('title')}
          helperText={err('title')}
          inputProps={{ 'data-testid': 'vote-title' }}
        />
        <TextField
          multiline
          minRows={2}
          label={translate('linli.consultation.vote.question_detail')}
          value={question}
          onChange={(e) => setQuestion(e.target.value)}
          error={!!err('question')}
          helperText={err('question')}
        />
      </Stack>
      <VoteFields
        draft={vote.draft}
        set={vote.set}
        community={community || undefined}
        error={err}
      />
    </CaseDialog>
  );
}
