import { Stack } from '@mui/material';
import {
  DateField,
  FunctionField,
  ReferenceField,
  SelectField,
  Show,
  SimpleShowLayout,
  TextField,
  usePermissions,
} from 'react-admin';
import { REPORT_KINDS, REPORT_STATUSES, choices } from '../choices';
import type { Report } from '../grants/types';
import { yuan } from '../money';
import { ConfirmButton } from '../actions';
import { AcceptReport } from '../awards/AcceptReport';

export function ReportShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <ReferenceField
          source="award.documentId"
          reference="grants-awards"
          link="show"
          label="resources.grants-reports.fields.award"
        />
        <SelectField source="kind" choices={choices('reportKind', REPORT_KINDS)} />
        <DateField source="submittedOn" />
        <TextField source="beneficiaries" />
        <FunctionField
          source="volunteerMinutes"
          render={(r: Report) =>
            r.volunteerMinutes != null ? `${(r.volunteerMinutes / 60).toFixed(1)} h` : ''
          }
        />
        <FunctionField source="spending" render={(r: Report) => yuan(r.spending)} />
        <TextField source="narrative" />
        <SelectField source="status" choices={choices('reportStatus', REPORT_STATUSES)} />
        <TextField source="reviewNote" />
        <FunctionField
          label="linli.grants.decide"
          render={(r: Report) => <ReportButtons report={r} />}
        />
      </SimpleShowLayout>
    </Show>
  );
}

function ReportButtons({ report }: { report: Report }) {
  const { permissions } = usePermissions<string>();
  if (permissions !== 'foundation-staff' || report.status !== 'submitted') return null;
  return (
    <Stack direction="row" spacing={1}>
      <AcceptReport reportId={report.id} kind={report.kind} awardId={report.award?.documentId} />
      <ConfirmButton
        label="linli.grants.return_report"
        url={`/api/grants/reports/${report.id}/return`}
        body={(note) => ({ note })}
        reason="required"
        reasonPath="note"
        reasonLabel="linli.grants.note"
        color="warning"
        testId="report-return"
      />
    </Stack>
  );
}
