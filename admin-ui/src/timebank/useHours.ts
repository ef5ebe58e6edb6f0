import { useTranslate } from 'react-admin';
import { hoursOf } from './hours';

/** "1.5 小时" / "1.5 h" (the sign kept for withdrawals: "-2 小时"). */
export function useHours() {
  const translate = useTranslate();
  return (minutes: number | null | undefined) =>
    minutes === null || minutes === undefined
      ? ''
      : translate('linli.tb.hours', { h: hoursOf(minutes) });
}
