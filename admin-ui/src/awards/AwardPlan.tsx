import { Box, Chip, Stack, Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';
import { usePermissions, useRecordContext, useTranslate } from 'react-admin';
import { yuanToFen } from '../../../plugins/forms/server/src/domain/money';
import { TrancheButtons } from '../grants/TrancheButtons';
import type { Award, AwardPlan as Plan } from '../grants/types';
import { yuan } from '../money';
import { ConfirmButton } from '../actions';
import { useRest } from '../rest';
import { AcceptReport } from './AcceptReport';
import { ReportDialog } from './ReportDialog';

/** The award's tranches and reports, each with what may be done next. */
export function AwardPlan() {
  const record = useRecordContext<Award>();
  const translate = useTranslate();
  const { permissions } = usePermissions<string>();
  const plan = useRest<Plan>(record?.id ? `/api/grants/awards/${record.id}/plan` : null);
  // No record, no plan: the read waits for the record (rest.ts useRest).
  if (!record || !plan) return null;
  const staff = permissions === 'foundation-staff';
  return (
    <Box>
      <Typography variant="subtitle1">{translate('linli.grants.tranche_plan')}</Typography>
      <Table size="small" data-testid="tranches">
        <TableBody>
          {plan.tranches.map((t) => (
            <TableRow key={t.documentId} data-testid={`tranche-${t.number}`}>
              <TableCell>{t.label ?? `#${t.number}`}</TableCell>
              <TableCell>{yuan(t.amount)}</TableCell>
              <TableCell>{t.dueOn ?? ''}</TableCell>
              <TableCell>
                <Chip
                  size="small"
                  label={translate(`enums.trancheStatus.${t.status}`)}
                  data-testid="tranche-status"
                />
              </TableCell>
              <TableCell>{record.status === 'active' && <TrancheButtons tranche={t} />}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {staff && record.status === 'active' && (
        <ConfirmButton
          label="linli.grants.add_tranche"
          url={`/api/grants/awards/${record.id}/tranches`}
          body={(text) => ({ amount: yuanToFen(text) ?? text })}
          reason="required"
          reasonPath="amount"
          reasonLabel="linli.grants.add_tranche"
          testId="add-tranche"
        />
      )}
      <Typography variant="subtitle1" sx={{ mt: 2 }}>
        {translate('resources.grants-reports.name', { smart_count: 2 })}
      </Typography>
      <Table size="small" data-testid="reports">
        <TableBody>
          {plan.reports.map((r) => (
            <TableRow key={r.documentId}>
              <TableCell>{translate(`enums.reportKind.${r.kind}`)}</TableCell>
              <TableCell>{r.submittedOn}</TableCell>
              <TableCell>
                {r.beneficiaries ?? '—'} {translate('linli.grants.people')} ·{' '}
                {r.volunteerMinutes != null ? (r.volunteerMinutes / 60).toFixed(1) : '—'} h ·{' '}
                {yuan(r.spending)}
              </TableCell>
              <TableCell sx={{ maxWidth: 360, whiteSpace: 'pre-wrap' }}>{r.narrative}</TableCell>
              <TableCell>
                <Chip
                  size="small"
                  label={translate(`enums.reportStatus.${r.status}`)}
                  data-testid="report-status"
                />
              </TableCell>
              <TableCell>
                {staff && r.status === 'submitted' && record.status === 'active' && (
                  <Stack direction="row" spacing={1}>
                    <AcceptReport reportId={r.documentId} kind={r.kind} awardId={record.id} />
                    <ConfirmButton
                      label="linli.grants.return_report"
                      url={`/api/grants/reports/${r.documentId}/return`}
                      body={(note) => ({ note })}
                      reason="required"
                      reasonPath="note"
                      reasonLabel="linli.grants.note"
                      color="warning"
                      testId="report-return"
                    />
                  </Stack>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {staff && record.status === 'active' && <ReportDialog awardId={record.id} />}
    </Box>
  );
}
