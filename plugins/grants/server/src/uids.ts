export const GRANTS = {
  fund: 'plugin::grants.fund',
  donation: 'plugin::grants.donation',
} as const;

export const DOCUMENT_ID_PATTERN = /^[a-z0-9]{24}$/;

/** Where donations come from, in the ledger: the outside world, unlimited. */
export const WORLD_DONATIONS = 'world:donations:fen';
export const fundAccount = (fundDocumentId: string, which: 'available' | 'committed') =>
  `grants.fund:${fundDocumentId}:${which}`;
