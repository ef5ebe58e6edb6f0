export const GRANTS = {
  fund: 'plugin::grants.fund',
  donation: 'plugin::grants.donation',
  round: 'plugin::grants.round',
  application: 'plugin::grants.application',
  review: 'plugin::grants.review',
  award: 'plugin::grants.award',
  disbursement: 'plugin::grants.disbursement',
  report: 'plugin::grants.report',
} as const;

export const DOCUMENT_ID_PATTERN = /^[a-z0-9]{24}$/;

/** Where donations come from, in the ledger: the outside world, unlimited. */
export const WORLD_DONATIONS = 'world:donations:fen';
/** Where paid grants go: out of the foundation's books, to the grantees. */
export const WORLD_GRANTEES = 'world:grantees:fen';
export const fundAccount = (fundDocumentId: string, which: 'available' | 'committed') =>
  `grants.fund:${fundDocumentId}:${which}`;
