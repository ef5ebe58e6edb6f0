import type { Core } from '@strapi/strapi';

/* eslint-disable @typescript-eslint/no-explicit-any -- users-permissions rows */

const PUBLIC = [
  'public-form.show',
  'public-form.submit',
  'public-form.upload',
  'public-form.receipt',
  'public-form.qr',
];
const READ_FORMS = [
  'form.find',
  'form.findOne',
  'form-version.find',
  'form-version.findOne',
  'staff.versions',
];
const WORK_SUBMISSIONS = [
  'submission.find',
  'submission.findOne',
  'submission.update',
  'staff.export',
];
const DESIGN_FORMS = ['form.create', 'form.update', 'form.delete', 'staff.publish'];

/**
 * Who may do what with forms, by role (the cms plugin creates the roles). Everyone, signed in or
 * not, may open and submit public forms — a form's own access setting narrows that per form.
 * Foundation staff and incubators design forms; community workers read forms and work on the
 * submissions in their scope.
 */
export const FORMS_ROLE_MATRIX: Record<string, string[]> = {
  'foundation-staff': [...PUBLIC, ...READ_FORMS, ...WORK_SUBMISSIONS, ...DESIGN_FORMS],
  incubator: [...PUBLIC, ...READ_FORMS, ...WORK_SUBMISSIONS, ...DESIGN_FORMS],
  'community-worker': [...PUBLIC, ...READ_FORMS, ...WORK_SUBMISSIONS],
  reviewer: [...PUBLIC, ...READ_FORMS],
  volunteer: PUBLIC,
  resident: PUBLIC,
  public: PUBLIC,
};

/** Makes each role's `plugin::forms.*` permissions exactly the matrix. */
export async function seedFormsPermissions(strapi: Core.Strapi): Promise<void> {
  const roles = strapi.db.query('plugin::users-permissions.role' as any);
  const permissions = strapi.db.query('plugin::users-permissions.permission' as any);
  for (const [type, actions] of Object.entries(FORMS_ROLE_MATRIX)) {
    const role = await roles.findOne({ where: { type } });
    if (!role) {
      strapi.log.warn(
        `forms: role ${type} does not exist yet; its form permissions were not seeded`,
      );
      continue;
    }
    const wanted = new Set(actions.map((a) => `plugin::forms.${a}`));
    const existing: any[] = await permissions.findMany({
      where: { role: { id: role.id } },
      select: ['id', 'action'],
    });
    const have = new Set(existing.map((p) => p.action as string));
    for (const p of existing) {
      if (p.action.startsWith('plugin::forms.') && !wanted.has(p.action))
        await permissions.delete({ where: { id: p.id } });
    }
    for (const action of wanted)
      if (!have.has(action)) await permissions.create({ data: { action, role: role.id } });
  }
}
