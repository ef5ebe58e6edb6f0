import type { Core } from '@strapi/strapi';
import type { RoleMatrix } from '../../../../cms/server/src/shared/contracts/services';
import { cmsService } from './utils';

const PUBLIC = [
  'public-form.show',
  'public-form.submit',
  'public-form.upload',
  'public-form.receipt',
  'public-form.receiptFile',
  'public-form.qr',
];
/** Signed in: a person's own page. */
const OWN = ['mine.show'];
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
  // The dashboard's count of submissions waiting (in the viewer's area).
  'dashboard.queue',
];
const DESIGN_FORMS = ['form.create', 'form.update', 'form.delete', 'staff.publish'];

/**
 * Who may do what with forms, by role (the cms plugin creates the roles). Everyone, signed in or
 * not, may open and submit public forms — a form's own access setting narrows that per form.
 * Foundation staff and incubators design forms; community workers read forms and work on the
 * submissions in their scope.
 */
export const FORMS_ROLE_MATRIX: RoleMatrix = {
  'foundation-staff': [...PUBLIC, ...OWN, ...READ_FORMS, ...WORK_SUBMISSIONS, ...DESIGN_FORMS],
  incubator: [...PUBLIC, ...OWN, ...READ_FORMS, ...WORK_SUBMISSIONS, ...DESIGN_FORMS],
  'community-worker': [...PUBLIC, ...OWN, ...READ_FORMS, ...WORK_SUBMISSIONS],
  reviewer: [...PUBLIC, ...OWN, ...READ_FORMS],
  volunteer: [...PUBLIC, ...OWN],
  resident: [...PUBLIC, ...OWN],
  public: PUBLIC,
};

/** Makes each role's `plugin::forms.*` permissions exactly the matrix (the cms kit's sync). */
export async function seedFormsPermissions(strapi: Core.Strapi): Promise<void> {
  await cmsService(strapi, 'permissions').syncRolePermissions('forms', FORMS_ROLE_MATRIX);
}
