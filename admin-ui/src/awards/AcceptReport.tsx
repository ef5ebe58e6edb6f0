import { useGetOne, useTranslate } from 'react-admin';
import { ConfirmButton } from '../actions';
import type { Award } from '../grants/types';
import { yuan } from '../money';

/**
 * Accepting a report, confirmed. A final report closes the award and returns what was not paid
 * to the fund's available balance: the dialog says how much, and that it cannot be undone.
 */
export function AcceptReport({
  reportId,
  kind,
  awardId,
}: {
  reportId: string;
  kind: 'progress' | 'final';
  awardId?: string;
}) {
  const translate = useTranslate();
  const { data: award } = useGetOne<Award>(
    'grants-awards',
    { id: awardId },
    { enabled: !!awardId && kind === 'final' },
  );
  const rest = award ? Number(award.amount) - Number(award.paid ?? 0) : null;
  return (
    <ConfirmButton
      label="linli.grants.accept"
      url={`/api/grants/reports/${reportId}/accept`}
      body={(note) => (note ? { note } : {})}
      reasonPath="note"
      reason="optional"
      reasonLabel="linli.grants.note"
      consequences={[
        translate('linli.rounds.accept_will', {
          kind: translate(`enums.reportKind.${kind}`),
          closes:
            kind === 'final'
              ? translate('linli.rounds.accept_final', { rest: rest === null ? '…' : yuan(rest) })
              : translate('linli.rounds.accept_progress'),
        }),
      ]}
      color={kind === 'final' ? 'warning' : 'primary'}
      variant="contained"
      testId="report-accept"
    />
  );
}
