import { Button, Checkbox, FormControlLabel, Stack } from '@mui/material';
import { useState } from 'react';
import { useGetOne, usePermissions, useRecordContext, useTranslate } from 'react-admin';
import { ActionDialog, NoteButton, useAction } from '../actions';
import type { Application, Reviewer, Round } from '../grants/types';
import { restJson } from '../rest';
import { AwardDialog } from './AwardDialog';

/** Chooses reviewers from the users who may review. */
function AssignReviewers({ applicationId }: { applicationId: string }) {
  const translate = useTranslate();
  const act = useAction();
  const [users, setUsers] = useState<Reviewer[]>([]);
  const [chosen, setChosen] = useState<number[]>([]);
  return (
    <ActionDialog
      label="linli.grants.assign"
      buttonProps={{ 'data-testid': 'assign-reviewers' }}
      onOpen={() =>
        restJson<Reviewer[]>('/api/grants/reviewers').then(setUsers, () => setUsers([]))
      }
      onConfirm={() =>
        act(`/api/grants/applications/${applicationId}/reviewers`, { reviewers: chosen })
      }
    >
      {users.map((u) => (
        <FormControlLabel
          key={u.id}
          label={`${u.username}（${translate(`enums.role.${u.role}`)}）`}
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
  const status = (to: string) => (note: string) =>
    act(`/api/grants/applications/${record.id}/status`, { status: to, note });
  return (
    <Stack direction="row" spacing={1} sx={{ my: 1 }} flexWrap="wrap">
      {record.status === 'draft' && (
        <Button variant="contained" onClick={() => status('submitted')('')}>
          {translate('linli.grants.submit_draft')}
        </Button>
      )}
      {['draft', 'submitted', 'under_review', 'more_info'].includes(record.status) && (
        <NoteButton label="linli.grants.withdraw" color="warning" onSubmit={status('withdrawn')} />
      )}
      {live && round?.status === 'awarding' && <AwardDialog application={record} />}
      {live && !!round && ['open', 'reviewing'].includes(round.status) && (
        <AssignReviewers applicationId={record.id} />
      )}
      {record.status === 'under_review' && (
        <NoteButton
          label="linli.grants.ask_more_info"
          onSubmit={status('more_info')}
          testId="ask-more-info"
        />
      )}
      {record.status === 'more_info' && (
        <Button onClick={() => status('under_review')('')}>
          {translate('linli.grants.back_to_review')}
        </Button>
      )}
      {live && (
        <NoteButton label="linli.grants.reject" color="error" onSubmit={status('rejected')} />
      )}
    </Stack>
  );
}
