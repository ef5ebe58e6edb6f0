import {
  FunctionField,
  ReferenceField,
  SelectField,
  Show,
  SimpleShowLayout,
  TextField,
  useGetOne,
  useLocaleState,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { APPLICATION_STATUSES, choices } from '../choices';
import { Answers, useVersionDefinition } from '../forms/answers';
import type { Submission } from '../forms/types';
import { percent } from '../grants/percent';
import { ReviewsTable } from '../grants/ReviewsTable';
import type { Application, Round } from '../grants/types';
import { yuan } from '../money';
import { ApplicationActions } from './ApplicationActions';
import { ApplicantAnswers } from './ApplicantAnswers';
import { WITHDRAWN_BY_APPLICANT } from '../../../plugins/grants/server/src/domain/applicant';

function ApplicationAnswers() {
  const record = useRecordContext<Application>();
  const [locale] = useLocaleState();
  const { data: submission } = useGetOne<Submission>(
    'forms-submissions',
    { id: record?.submission?.documentId },
    { enabled: !!record?.submission?.documentId },
  );
  const definition = useVersionDefinition(submission?.formKey, submission?.versionNumber);
  if (!submission || !definition) return null;
  return (
    <Answers
      definition={definition}
      data={submission.data ?? {}}
      lang={locale.startsWith('zh') ? 'zh' : 'en'}
    />
  );
}

function ApplicationReviews() {
  const record = useRecordContext<Application>();
  const { data: round } = useGetOne<Round>(
    'grants-rounds',
    { id: record?.round?.documentId },
    { enabled: !!record?.round?.documentId },
  );
  if (!record) return null;
  return <ReviewsTable applicationId={record.id} rubric={round?.rubric} />;
}

export function ApplicationShow() {
  const translate = useTranslate();
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="projectTitle" />
        <TextField source="organisationName" />
        <SelectField source="status" choices={choices('applicationStatus', APPLICATION_STATUSES)} />
        <FunctionField
          source="statusNote"
          render={(r: Application & { statusNote?: string | null }) =>
            r.statusNote === WITHDRAWN_BY_APPLICANT
              ? translate('linli.applicant.withdrawnNote')
              : (r.statusNote ?? '')
          }
        />
        <FunctionField label="linli.applicant.answers" render={() => <ApplicantAnswers />} />
        <ApplicationActions />
        <ReferenceField
          source="round.documentId"
          reference="grants-rounds"
          link="show"
          label="resources.grants-applications.fields.round"
        />
        <ReferenceField
          source="organisation.documentId"
          reference="cms-organisations"
          link="show"
          label="resources.grants-applications.fields.organisation"
          emptyText="—"
        />
        <FunctionField source="requested" render={(r: Application) => yuan(r.requested)} />
        <FunctionField source="score" render={(r: Application) => percent(r.score)} />
        <TextField source="summary" />
        <TextField source="receiptCode" />
        <FunctionField label="linli.grants.reviews" render={() => <ApplicationReviews />} />
        <FunctionField
          label="resources.forms-submissions.fields.data"
          render={() => <ApplicationAnswers />}
        />
      </SimpleShowLayout>
    </Show>
  );
}
