/**
 * The consultation index's REST answers (/api/consultation/index/…) as the console reads them,
 * imported as types. Scores are hundredths of a point; values are in their indicator's unit
 * (‰, fen, counts).
 */
import type { IndexCategory, IndexMethod, IndexUnit } from '../../domain/indicators';

/** GET /index/indicators: one indicator with the words of its formula's inputs. */
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

/** One indicator's figure for one community and year. */
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
  /** hundredths of a point */
  score: number;
  numerator: number | null;
  denominator: number | null;
  /** a manual indicator nobody entered yet: scores 0 */
  entered: boolean;
  evidence: string | null;
  evidenceFiles: { id: number; name: string; url: string }[];
  enteredAt: string | null;
  enteredByName: string | null;
}

/** GET /index/ranking?year= */
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

/** GET /index/scores?year=&area= */
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

/** GET /index/drill: the records behind one figure. */
export type DrillRow = Record<string, unknown> & { kind: string; id: string | number };
