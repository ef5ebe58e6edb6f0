import type { IndexUnit } from '../../../../plugins/consultation/server/src/domain/indicators';
import { can } from '../../authProvider';
import { yuan } from '../../money';

export const INDEX_API = '/api/consultation/index';
export const REPORTS_API = '/api/consultation/reports';

/** The consultation index's REST actions under `plugin::consultation.scores` (GET /api/cms/me). */
const action = (name: string) => can('plugin::consultation.scores', name);
export const mayReadIndex = () => action('ranking');
export const mayEnterIndex = () => action('enter');
export const mayEditIndicators = () => action('updateIndicator');
export const mayReadSolved = () => can('plugin::consultation.reports', 'solved');

export type {
  DrillRow,
  Indicator,
  IndicatorScore,
  RankingAnswer,
  ScoresAnswer,
} from '../../../../plugins/consultation/server/src/shared/contracts/consultation-index';

/** Hundredths of a point as points: 433 → "4.33". */
export const points = (v: number) => (v / 100).toFixed(2);

/** A value in its unit, as people read it: ‰ as a percentage, fen as yuan. */
export function shown(value: number, unit: IndexUnit): string {
  if (unit === 'permille') return `${(value / 10).toFixed(1)}%`;
  if (unit === 'fen') return yuan(value);
  return String(value);
}

export const chinaYearNow = () =>
  Number(new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 4));
