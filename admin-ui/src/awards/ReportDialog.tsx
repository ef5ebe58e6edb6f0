import AddIcon from '@mui/icons-material/Add';
import { MenuItem, Stack, TextField as MuiTextField } from '@mui/material';
import { useTranslate } from 'react-admin';
import { yuanToFen } from '../../../plugins/forms/server/src/domain/money';
import { REPORT_KINDS } from '../choices';
import { ActionDialog, useDialogAction, useFieldValues } from '../actions';
import { todayInChina } from '../../../cms/server/src/domain/china-time';

/** The server's field for each input (hours are kept as minutes). */
const FIELDS = [
  'kind',
  'submittedOn',
  'beneficiaries',
  'volunteerMinutes',
  'spending',
  'narrative',
];

/** A progress or final report, typed in; what the server refuses appears under its field. */
export function ReportDialog({ awardId }: { awardId: string }) {
  const translate = useTranslate();
  const { run, errors, general, reset } = useDialogAction();
  const err = (field: string) => ({ error: !!errors[field], helperText: errors[field] });
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
    return run(
      `/api/grants/awards/${awardId}/reports`,
      {
        kind: r.kind,
        submittedOn: r.submittedOn,
        ...(r.beneficiaries !== '' && { beneficiaries: Number(r.beneficiaries) }),
        // Hours as people count them; minutes as the books keep them.
        ...(r.hours !== '' && {
          volunteerMinutes: Number.isFinite(hours) ? Math.round(hours * 60) : r.hours,
        }),
        ...(r.spending !== '' && { spending: yuanToFen(r.spending) ?? r.spending }),
        narrative: r.narrative,
      },
      { fields: FIELDS },
    );
  };
  return (
    <ActionDialog
      label="linli.grants.add_report"
      buttonProps={{ startIcon: <AddIcon />, 'data-testid': 'add-report' }}
      confirmProps={{ 'data-testid': 'report-save' }}
      wide
      error={general}
      onOpen={reset}
      onConfirm={save}
    >
      <Stack spacing={2} sx={{ mt: 1 }}>
        <MuiTextField
          select
          label={label('kind')}
          {...bind('kind')}
          {...err('kind')}
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
          {...err('submittedOn')}
        />
        <MuiTextField
          label={label('beneficiaries')}
          {...bind('beneficiaries')}
          {...err('beneficiaries')}
        />
        <MuiTextField
          label={translate('linli.grants.volunteer_hours')}
          {...bind('hours')}
          {...err('volunteerMinutes')}
        />
        <MuiTextField label={label('spending')} {...bind('spending')} {...err('spending')} />
        <MuiTextField
          multiline
          minRows={3}
          label={label('narrative')}
          {...bind('narrative')}
          {...err('narrative')}
          inputProps={{ 'data-testid': 'report-narrative' }}
        />
      </Stack>
    </ActionDialog>
  );
}
