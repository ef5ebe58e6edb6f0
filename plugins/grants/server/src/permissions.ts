import type { Core } from '@strapi/strapi';

/* eslint-disable @typescript-eslint/no-explicit-any -- users-permissions rows */

const READ_FUNDS = ['fund.find', 'fund.findOne', 'actions.fundBalance', 'actions.summary'];
const KEEP_BOOKS = [
  ...READ_FUNDS,
  'fund.create',
  'fund.update',
  'fund.delete',
  'donation.find',
  'donation.findOne',
  'donation.create',
  'donation.update',
  'donation.delete',
  'actions.receive',
  'actions.refund',
  'actions.receipt',
];

/** Foundation staff keep the books; incubators see the funds; nobody else touches money. */
export const GRANTS_ROLE_MATRIX: Record<string, string[]> = {
  'foundation-staff': KEEP_BOOKS,
  incubator: READ_FUNDS,
  // Listed so that a grants permission given to them by hand is taken away again.
  'community-worker': [],
  reviewer: [],
  volunteer: [],
  resident: [],
  public: [],
};

/** Seeded at every boot through the cms plugin's permissions service. */
export async function seedGrantsPermissions(strapi: Core.Strapi): Promise<void> {
  await (strapi.plugin('cms').service('permissions') as any).syncPlugin(
    'grants',
    GRANTS_ROLE_MATRIX,
  );
}
