import AddIcon from '@mui/icons-material/Add';
import { MenuItem, Stack, TextField as MuiTextField } from '@mui/material';
import { useTranslate } from 'react-admin';
import { yuanToFen } from '../../../plugins/forms/server/src/domain/money';
import { REPORT_KINDS } from '../choices';
import { ActionDialog, useAction, useFieldValues } from '../actions';
import { todayInChina } from '../../../cms/server/src/domain/china-time';

export function ReportDialog({ awardId }: { awardId: string }) {
  const translate = useTranslate();
  const act = useAction();
  const today = todayInChina();
  const [r, bind] = useFieldValues({
    kind: 'progress',
    submittedOn: today,
    beneficiaries: '',
    hours: '',
    spending: '',
    narrative: '',
  });
  const label = (field: string) => translate(`resources.grants-reports.fields.${field}`);
  const save = () => {
    const hours = Number(r.hours);
    return act(`/api/grants/awards/${awardId}/reports`, {
      kind: r.kind,
      submittedOn: r.submittedOn,
      ...(r.beneficiaries !== '' && { beneficiaries: Number(r.beneficiaries) }),
      // Hours as people count them; minutes as the books keep them.
      ...(r.hours !== '' && {
        volunteerMinutes: Number.isFinite(hours) ? Math.round(hours * 60) : r.hours,
      }),
      ...(r.spending !== '' && { spending: yuanToFen(r.spending) ?? r.spending }),
      narrative: r.narrative,
    });
  };
  return (
    <ActionDialog
      label="linli.grants.add_report"
      buttonProps={{ startIcon: <AddIcon />, 'data-testid': 'add-report' }}
      confirmProps={{ 'data-testid': 'report-save' }}
      wide
      onConfirm={save}
    >
      <Stack spacing={2} sx={{ mt: 1 }}>
        <MuiTextField
          select
          label={label('kind')}
          {...bind('kind')}
          inputProps={{ 'data-testid': 'report-kind' }}
        >
          {REPORT_KINDS.map((k) => (
            <MenuItem key={k} value={k}>
              {translate(`enums.reportKind.${k}`)}
            </MenuItem>
          ))}
        </MuiTextField>
        <MuiTextField
          type="date"
          label={label('submittedOn')}
          InputLabelProps={{ shrink: true }}
          {...bind('submittedOn')}
        />
        <MuiTextField label={label('beneficiaries')} {...bind('beneficiaries')} />
        <MuiTextField label={translate('linli.grants.volunteer_hours')} {...bind('hours')} />
        <MuiTextField label={label('spending')} {...bind('spending')} />
        <MuiTextField
          multiline
          minRows={3}
          label={label('narrative')}
          {...bind('narrative')}
          inputProps={{ 'data-testid': 'report-narrative' }}
        />
      </Stack>
    </ActionDialog>
  );
}
