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
};

export async function seedGrantsPermissions(strapi: Core.Strapi): Promise<void> {
  const roles = strapi.db.query('plugin::users-permissions.role' as any);
  const permissions = strapi.db.query('plugin::users-permissions.permission' as any);
  for (const role of await roles.findMany({ select: ['id', 'type'] })) {
    const wanted = new Set((GRANTS_ROLE_MATRIX[role.type] ?? []).map((a) => `plugin::grants.${a}`));
    const existing: any[] = await permissions.findMany({
      where: { role: { id: role.id } },
      select: ['id', 'action'],
    });
    const have = new Set(existing.map((p) => p.action as string));
    for (const p of existing) {
      if (p.action.startsWith('plugin::grants.') && !wanted.has(p.action))
        await permissions.delete({ where: { id: p.id } });
    }
    for (const action of wanted)
      if (!have.has(action)) await permissions.create({ data: { action, role: role.id } });
  }
}
