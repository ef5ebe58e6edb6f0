import UndoIcon from '@mui/icons-material/Undo';
import { Stack, Typography } from '@mui/material';
import { useLocaleState, usePermissions, useRecordContext, useTranslate } from 'react-admin';
import { ConfirmButton } from '../actions';
import type { AdvancePreview, Round } from '../grants/types';
import { useRest, withoutFieldKey } from '../rest';

/**
 * "Next stage" and "undo the last step", each confirmed in a dialog that says what will happen,
 * from the server's own preview (the counts, the closing date in China time, the warnings it will
 * refuse without a reason), so the dialog never promises what the server refuses. Undo is offered
 * only when the server says the last step can still be undone.
 */
export function RoundStage() {
  const record = useRecordContext<Round>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const zh = locale.startsWith('zh');
  const { permissions } = usePermissions<string>();
  const staff = permissions === 'foundation-staff';
  // Keyed by the round's status too, so a move (by anyone) reloads it.
  const preview = useRest<AdvancePreview>(
    record && staff ? `/api/grants/rounds/${record.id}/advance-preview?at=${record.status}` : null,
  );
  if (!record || !staff || !preview || preview.status !== record.status) return null;
  const { counts, next } = preview;
  const stage = (s: string) => translate(`enums.roundStatus.${s}`);
  const consequences: string[] = [];
  if (next) {
    consequences.push(
      translate(`linli.rounds.will.${next}`, {
        ...counts,
        live: counts.submitted + counts.under_review + counts.more_info,
        reviewed: counts.submitted + counts.under_review + counts.more_info - counts.unreviewed,
      }),
    );
    if (next === 'reviewing' && preview.closesOn)
      consequences.push(
        translate('linli.rounds.closing_date', {
          closesOn: preview.closesOn,
          today: preview.today,
        }),
      );
  }
  const warnings = preview.warnings.map((w) =>
    translate(`linli.rounds.warning.${w.code}`, {
      count: w.count,
      closesOn: preview.closesOn,
    }),
  );
  // Opening with something missing: the server will refuse; say what, before anyone clicks.
  const problems = preview.problems.map(
    (p) =>
      `${translate('linli.rounds.cannot_open')} ${withoutFieldKey(zh ? p.messageZh : p.message, [p.path])}`,
  );
  if (preview.reasonRequired) warnings.push(translate('linli.rounds.reason_needed'));
  return (
    <Stack direction="row" spacing={1} alignItems="center" sx={{ my: 1 }}>
      {next && (
        <ConfirmButton
          label={`linli.rounds.advance_to.${next}`}
          url={`/api/grants/rounds/${record.id}/advance`}
          body={(reason) => ({ status: next, ...(reason && { reason }) })}
          consequences={consequences}
          warnings={[...problems, ...warnings]}
          reason={preview.reasonRequired ? 'required' : 'optional'}
          variant="contained"
          color={preview.reasonRequired ? 'warning' : 'primary'}
          testId="round-advance"
        />
      )}
      {preview.undo.possible && preview.undo.to && (
        <ConfirmButton
          label="linli.rounds.undo"
          url={`/api/grants/rounds/${record.id}/undo`}
          consequences={[
            translate('linli.rounds.undo_to', { stage: stage(preview.undo.to) }),
            ...(preview.undo.reason
              ? [translate('linli.rounds.undo_why', { reason: preview.undo.reason })]
              : []),
          ]}
          reason="optional"
          startIcon={<UndoIcon />}
          testId="round-undo"
          done="linli.rounds.undone"
        />
      )}
      {!preview.undo.possible && preview.undo.to && (
        <Typography variant="caption" color="text.secondary" data-testid="round-undo-why">
          {withoutFieldKey(
            (zh ? preview.undo.messageZh : preview.undo.message) ?? '',
            preview.undo.path ? [preview.undo.path] : [],
          )}
        </Typography>
      )}
    </Stack>
  );
}
