import { Button, Checkbox, FormControlLabel, Stack } from '@mui/material';
import { useState } from 'react';
import { useGetOne, usePermissions, useRecordContext, useTranslate } from 'react-admin';
import { ActionDialog, ConfirmButton, useAction, useDialogAction } from '../actions';
import type { Application, Reviewer, Round } from '../grants/types';
import { restJson } from '../rest';
import { AwardDialog } from './AwardDialog';
import { staffMayMove } from '../../../plugins/grants/server/src/domain/rounds';
import { usePunctuation } from '../punctuation';

/** Chooses reviewers from the users who may review. */
function AssignReviewers({ applicationId }: { applicationId: string }) {
  const translate = useTranslate();
  const p = usePunctuation();
  const { run, errors, general, reset } = useDialogAction();
  const [users, setUsers] = useState<Reviewer[]>([]);
  const [chosen, setChosen] = useState<number[]>([]);
  return (
    <ActionDialog
      label="linli.grants.assign"
      buttonProps={{ 'data-testid': 'assign-reviewers' }}
      error={general ?? errors.reviewers}
      onOpen={() => {
        reset();
        restJson<Reviewer[]>('/api/grants/reviewers').then(setUsers, () => setUsers([]));
      }}
      onConfirm={() =>
        run(
          `/api/grants/applications/${applicationId}/reviewers`,
          { reviewers: chosen },
          { fields: ['reviewers'] },
        )
      }
    >
      {users.map((u) => (
        <FormControlLabel
          key={u.id}
          label={`${u.username}${p.paren(translate(`enums.role.${u.role}`))}`}
          control={
            <Checkbox
              checked={chosen.includes(u.id)}
              onChange={(e) =>
                setChosen(e.target.checked ? [...chosen, u.id] : chosen.filter((i) => i !== u.id))
              }
            />
          }
          sx={{ display: 'flex' }}
        />
      ))}
    </ActionDialog>
  );
}

/**
 * What staff do with an application. Rejecting and withdrawing end it and cannot be undone: each
 * confirms in a dialog that says so, with the reason (required) under its own field when the
 * server refuses it. Asking for more information asks the applicant a question they will see.
 */
export function ApplicationActions() {
  const record = useRecordContext<Application>();
  const translate = useTranslate();
  const act = useAction();
  const { permissions } = usePermissions<string>();
  const { data: round } = useGetOne<Round>(
    'grants-rounds',
    { id: record?.round?.documentId },
    { enabled: !!record?.round?.documentId },
  );
  if (!record || permissions !== 'foundation-staff') return null;
  const live = ['submitted', 'under_review', 'more_info'].includes(record.status);
  const url = `/api/grants/applications/${record.id}/status`;
  const to = (status: string) => (note: string) => ({ status, note });
  const title = record.projectTitle;
  return (
    <Stack direction="row" spacing={1} sx={{ my: 1 }} flexWrap="wrap">
      {record.status === 'draft' && (
        <Button variant="contained" onClick={() => act(url, { status: 'submitted', note: '' })}>
          {translate('linli.grants.submit_draft')}
        </Button>
      )}
      {['draft', 'submitted', 'under_review', 'more_info'].includes(record.status) && (
        <ConfirmButton
          label="linli.grants.withdraw"
          url={url}
          body={to('withdrawn')}
          consequences={[translate('linli.rounds.withdraw_will', { title })]}
          reason="required"
          reasonLabel="linli.rounds.withdraw_reason"
          reasonPath="note"
          color="warning"
          testId="withdraw"
        />
      )}
      {live && round?.status === 'awarding' && <AwardDialog application={record} round={round} />}
      {live && !!round && ['open', 'reviewing'].includes(round.status) && (
        <AssignReviewers applicationId={record.id} />
      )}
      {/* The server's own rule: asked before review (submitted) or during it. */}
      {staffMayMove(record.status, 'more_info') && (
        <ConfirmButton
          label="linli.grants.ask_more_info"
          url={url}
          body={to('more_info')}
          reason="required"
          reasonLabel="linli.rounds.more_info_reason"
          reasonPath="note"
          testId="ask-more-info"
        />
      )}
      {record.status === 'more_info' && staffMayMove(record.status, 'under_review') && (
        <Button onClick={() => act(url, { status: 'under_review', note: '' })}>
          {translate('linli.grants.back_to_review')}
        </Button>
      )}
      {live && (
        <ConfirmButton
          label="linli.grants.reject"
          url={url}
          body={to('rejected')}
          consequences={[translate('linli.rounds.reject_will', { title })]}
          reason="required"
          reasonLabel="linli.rounds.reject_reason"
          reasonPath="note"
          color="error"
          testId="reject"
        />
      )}
    </Stack>
  );
}
