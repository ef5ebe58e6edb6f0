export const TB = {
  member: 'plugin::time-bank.member',
  familyLink: 'plugin::time-bank.family-link',
  category: 'plugin::time-bank.category',
  request: 'plugin::time-bank.request',
  service: 'plugin::time-bank.service',
  activity: 'plugin::time-bank.activity',
  participation: 'plugin::time-bank.participation',
  policyVersion: 'plugin::time-bank.policy-version',
  catalogueItem: 'plugin::time-bank.catalogue-item',
  redemption: 'plugin::time-bank.redemption',
  gift: 'plugin::time-bank.gift',
  lot: 'plugin::time-bank.lot',
} as const;

export const DOCUMENT_ID_PATTERN = /^[a-z0-9]{24}$/;

/**
 * The ledger accounts of the time bank, all in minutes. A member's account is named by its
 * documentId. Minutes enter the bank only from ISSUED (a community issuing hours to its pool);
 * redemptions leave to REDEEMED and expired lots to EXPIRED — three outside accounts, so that
 * every member's and pool's balance is a sum of transfers the ledger can reconcile.
 */
export const memberAccount = (memberDocumentId: string) => `time-bank.member:${memberDocumentId}`;
export const WORLD_ISSUED = 'world:time-bank:issued:minute';
export const WORLD_REDEEMED = 'world:time-bank:redeemed:minute';
export const WORLD_EXPIRED = 'world:time-bank:expired:minute';
