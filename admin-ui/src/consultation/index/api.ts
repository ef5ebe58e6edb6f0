import type {
  IndexCategory,
  IndexMethod,
  IndexUnit,
} from '../../../../plugins/consultation/server/src/domain/indicators';
import { can } from '../../authProvider';

export const INDEX_API = '/api/consultation/index';
export const REPORTS_API = '/api/consultation/reports';

/** The consultation index's REST actions under `plugin::consultation.scores` (GET /api/cms/me). */
const action = (name: string) => can('plugin::consultation.scores', name);
export const mayReadIndex = () => action('ranking');
export const mayEnterIndex = () => action('enter');
export const mayEditIndicators = () => action('updateIndicator');
export const mayReadSolved = () => can('plugin::consultation.reports', 'solved');

export interface Indicator {
  key: string;
  category: IndexCategory;
  nameZh: string;
  nameEn: string;
  descriptionZh: string | null;
  descriptionEn: string | null;
  weight: number;
  method: IndexMethod;
  formulaKey: string | null;
  unit: IndexUnit;
  target: number;
  evidenceRequired: boolean;
  active: boolean;
  order: number;
  formula: {
    key: string;
    inputs: {
      numerator: { zh: string; en: string };
      denominator?: { zh: string; en: string };
    };
  } | null;
}

export interface IndicatorScore {
  key: string;
  category: IndexCategory;
  nameZh: string;
  nameEn: string;
  method: IndexMethod;
  unit: IndexUnit;
  weight: number;
  target: number;
  evidenceRequired: boolean;
  value: number;
  score: number;
  numerator: number | null;
  denominator: number | null;
  entered: boolean;
  evidence: string | null;
  evidenceFiles: { id: number; name: string; url: string }[];
  enteredAt: string | null;
  enteredByName: string | null;
}

export interface RankingAnswer {
  year: number;
  weightTotal: number;
  categories: { key: IndexCategory; label: { zh: string; en: string }; weight: number }[];
  communities: {
    rank: number;
    area: string;
    name: string;
    total: number;
    categories: Record<IndexCategory, number>;
    missingManual: number;
  }[];
}

export interface ScoresAnswer {
  year: number;
  communities: {
    area: string;
    name: string;
    total: number;
    categories: Record<IndexCategory, number>;
    indicators: IndicatorScore[];
  }[];
}

export type DrillRow = Record<string, unknown> & { kind: string; id: string | number };

/** Hundredths of a point as points: 433 → "4.33". */
export const points = (v: number) => (v / 100).toFixed(2);

/** A value in its unit, as people read it: ‰ as a percentage, fen as yuan. */
export function shown(value: number, unit: IndexUnit): string {
  if (unit === 'permille') return `${(value / 10).toFixed(1)}%`;
  if (unit === 'fen') return `¥${(value / 100).toFixed(2)}`;
  return String(value);
}

export const chinaYearNow = () =>
  Number(new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 4));
