import { Typography } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { useRest } from '../rest';
import { mayReadAwardHours } from './access';
import { hoursOf } from './hours';
import { TB_API } from './shared';

/** 志愿服务时长 given to a micro-venture project (confirmed services and credited activities). */
export function AwardHours() {
  const award = useRecordContext<{ id: string }>();
  const translate = useTranslate();
  const answer = useRest<{ minutes: number; services: number; activities: number }>(
    award && mayReadAwardHours() ? `${TB_API}/awards/${award.id}/hours` : null,
  );
  if (!answer) return null;
  return (
    <Typography variant="body2" data-testid="award-volunteer-hours">
      {translate('linli.tb.award_hours', {
        hours: hoursOf(answer.minutes),
        services: answer.services,
        activities: answer.activities,
      })}
    </Typography>
  );
}
