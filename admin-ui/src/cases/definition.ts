import type { CaseTypeDefinition } from '../../../plugins/cases/server/src/domain/types';

/** A new type's starting definition: one open state, one closed, a closing transition. */
export const EMPTY_DEFINITION: CaseTypeDefinition = {
  categories: [],
  workflow: {
    initial: 'received',
    states: [
      { key: 'received', label: { zh: '已受理', en: 'Received' }, kind: 'open' },
      { key: 'closed', label: { zh: '已办结', en: 'Closed' }, kind: 'closed' },
    ],
    transitions: [
      {
        key: 'close',
        label: { zh: '办结', en: 'Close' },
        from: ['received'],
        to: 'closed',
        by: ['centre'],
        effect: 'close',
        requires: { note: true },
      },
    ],
  },
  resolveMinutes: 2400,
  warnPercent: 80,
  dispatch: [],
  reopenDays: 7,
};
