import { PRESETS } from './domain/presets';
import type { CaseTypeDefinition } from './domain/types';

/**
 * The case types a district starts with, published at first boot (administrators edit them in
 * the console like any other): residents' requests, whose intake form is the public
 * `resident-request` form, and the whistle to departments.
 */
export const CASE_TYPE_PRESETS: {
  key: string;
  name: string;
  nameEn: string;
  numberPrefix: string;
  intakeForm: string | null;
  definition: CaseTypeDefinition;
}[] = PRESETS.map((p) => ({
  key: p.key.replace(/_/g, '-'),
  name: p.name.zh,
  nameEn: p.name.en,
  numberPrefix: p.numberPrefix,
  intakeForm: p.key === 'resident_request' ? 'resident-request' : null,
  definition: p.definition,
}));
