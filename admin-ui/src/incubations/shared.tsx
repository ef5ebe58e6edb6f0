import { Stack } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { ConfirmButton } from '../actions';
import { NEXT_STAGES, WRITERS } from '../choices';
import { useRest } from '../rest';

export const canWrite = (role: string | undefined) =>
  !!role && !!WRITERS['cms-incubations']?.includes(role);

export interface IncubationSettings {
  assessmentBeforeHatching: boolean;
}

/** The incubation rules as the server applies them now (an administrator may change them). */
export function useIncubationSettings(): IncubationSettings | null {
  return useRest<IncubationSettings>('/api/cms/incubation-settings');
}

/**
 * A hub's name. The server names every hub (organisations are public records), also one outside
 * the viewer's area whose own page they cannot open; a hub it did not name is said to be outside.
 */
export function HubName({ hub }: { hub?: { name?: string | null } | null }) {
  const translate = useTranslate();
  return <>{hub?.name || translate('linli.board.hub_outside')}</>;
}

/** The hub column of the incubation list (the list's record carries `hub { documentId name }`). */
export function HubField({ source = 'hub' }: { source?: string; label?: string }) {
  const record = useRecordContext<Record<string, { name?: string | null } | null | undefined>>();
  return <HubName hub={record?.[source]} />;
}

/**
 * The stages an incubation may move to, each a button. Every move is confirmed in a dialog that
 * says what follows and that it cannot be taken back (the stage machine only moves forward);
 * ending (已退出, 未通过) asks for a reason, which the server records. The server decides; its refusal (no passed assessment …) stays in the dialog.
 */
export function MoveButtons({
  id,
  stage,
  name,
  passed,
}: {
  id: string;
  stage: string;
  name: string;
  /** it has a passed assessment (else hatching warns when the rule requires one) */
  passed: boolean;
}) {
  const translate = useTranslate();
  const settings = useIncubationSettings();
  const url = `/api/cms/incubations/${id}/move`;
  return (
    <Stack direction="row" spacing={0.5} sx={{ mt: 1, flexWrap: 'wrap', gap: 0.5 }}>
      {(NEXT_STAGES[stage] ?? []).map((next) => {
        const label = `enums.stage.${next}`;
        if (next === 'withdrawn' || next === 'rejected') {
          return (
            <ConfirmButton
              key={next}
              label={label}
              url={url}
              body={(reason) => ({ stage: next, reason })}
              reason="required"
              reasonLabel="linli.board.reason"
              consequences={[
                translate(`linli.board.end_${next}`, { name }),
                translate('linli.board.end_reason_kept'),
                translate('linli.board.move_irreversible'),
              ]}
              color="error"
              variant="outlined"
              confirmLabel="linli.board.confirm_end"
              testId={`move-${next}`}
              done="linli.board.move_done"
            />
          );
        }
        if (next === 'hatched') {
          const required = settings?.assessmentBeforeHatching ?? true;
          return (
            <ConfirmButton
              key={next}
              label={label}
              url={url}
              body={() => ({ stage: next })}
              consequences={[
                translate('linli.board.hatch_means', { name }),
                ...(required ? [translate('linli.board.hatch_rule')] : []),
                translate('linli.board.move_irreversible'),
              ]}
              warnings={required && !passed ? [translate('linli.board.hatch_no_passed')] : []}
              color="success"
              variant="outlined"
              confirmLabel="linli.board.confirm_hatch"
              testId="move-hatched"
              done="linli.board.move_done"
            />
          );
        }
        // 已申请 → 评估中 and 评估中 → 孵化中: confirmed too, since no move can be taken back.
        return (
          <ConfirmButton
            key={next}
            label={label}
            url={url}
            body={() => ({ stage: next })}
            consequences={[
              translate(`linli.board.move_${next}`, { name }),
              translate('linli.board.move_irreversible'),
            ]}
            variant="outlined"
            confirmLabel="linli.board.confirm_move"
            testId={`move-${next}`}
            done="linli.board.move_done"
          />
        );
      })}
    </Stack>
  );
}
