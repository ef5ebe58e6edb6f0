import type { Core } from '@strapi/strapi';
import type { RoleMatrix } from './shared/contracts/services';
import { dbQuery, getService } from './utils';

const READ = ['find', 'findOne'];
const WRITE = ['find', 'findOne', 'create', 'update', 'delete'];
/** The board and the incubation settings are read by whoever reads incubations. */
const INCUBATION_READ = [...READ, 'board', 'settings'];
const INCUBATION_WRITE = [
  ...WRITE,
  'board',
  'settings',
  'move',
  'recordAssessment',
  'recordMilestone',
];
/**
 * The dashboard's incubation queue and trend (the `dashboard` controller, not a content type),
 * for the roles that move incubations.
 */
const DASHBOARD = ['queue', 'trends'];
/** Property units and households: the room list, a room's edit, the import and its template. */
const PROPERTIES = [
  'list',
  'create',
  'update',
  'delete',
  'importPreview',
  'importCommit',
  'template',
];
/** The audit log: read, and the list of record types to filter it by. */
const AUDIT = [...READ, 'types'];

export interface RoleSpec {
  name: string;
  description: string;
  /** content type short name → actions */
  cms: Record<string, string[]>;
}

/**
 * Who may do what with cms records: the one matrix, seeded at every boot. Areas are written
 * only by administrators in Strapi's admin panel. Scope (which records) is enforced separately,
 * on top of this (what kinds of action).
 */
export const ROLE_MATRIX: Record<string, RoleSpec> = {
  'foundation-staff': {
    name: 'Foundation staff 基金会工作人员',
    description: 'Donations, funds, grants; creates and edits organisations and incubations',
    cms: {
      area: READ,
      grid: READ,
      compound: READ,
      person: [...READ, 'revealIdNumber'],
      organisation: WRITE,
      // Foundation staff administer the incubation rules (an assessment before hatching …).
      incubation: [...INCUBATION_WRITE, 'updateSettings'],
      dashboard: DASHBOARD,
      'audit-entry': AUDIT,
      properties: PROPERTIES,
    },
  },
  incubator: {
    name: 'Incubator 孵化平台',
    description: 'Hub organisations: create and edit organisations and incubations',
    cms: {
      area: READ,
      grid: READ,
      compound: READ,
      person: [...READ, 'revealIdNumber'],
      organisation: WRITE,
      incubation: INCUBATION_WRITE,
      dashboard: DASHBOARD,
      'audit-entry': AUDIT,
    },
  },
  'community-worker': {
    name: 'Community worker 社区工作者',
    description: 'Create and edit people, grids and compounds in their scope',
    cms: {
      area: READ,
      grid: WRITE,
      compound: WRITE,
      person: [...WRITE, 'revealIdNumber'],
      organisation: READ,
      incubation: INCUBATION_READ,
      // Incubations are not a community worker's to move: the hatched trend only.
      dashboard: ['trends'],
      'audit-entry': AUDIT,
      properties: PROPERTIES,
    },
  },
  'grid-worker': {
    name: 'Grid worker 网格员',
    description: 'Calls cases in from their grid and follows them; reads people in scope',
    cms: {
      area: READ,
      grid: READ,
      compound: READ,
      person: READ,
      organisation: READ,
      // Grid workers keep their area's room lists: they know who lives where.
      properties: PROPERTIES,
    },
  },
  department: {
    name: 'Department 职能部门',
    description: 'Staff of a department or unit: act on the cases dispatched or whistled to it',
    cms: { area: READ, organisation: READ },
  },
  reviewer: {
    name: 'Reviewer 评审专家',
    description: 'Reads organisations and incubations to review applications',
    cms: { area: READ, organisation: READ, incubation: INCUBATION_READ },
  },
  volunteer: {
    name: 'Volunteer 志愿者',
    description: 'Reads what is public',
    cms: { area: READ, organisation: READ },
  },
  resident: {
    name: 'Resident 居民',
    description: 'Reads what is public',
    cms: { area: READ, organisation: READ },
  },
  public: {
    name: 'Public',
    description: 'Anyone, unauthenticated: reads what is public',
    cms: { area: READ, organisation: READ },
  },
};

/**
 * Account actions. Listed here, not left to users-permissions' first-boot defaults, because
 * those are applied only when it creates the roles itself, and bootstrap order is not ours.
 */
const PUBLIC_ACTIONS = [
  'plugin::users-permissions.auth.callback',
  'plugin::users-permissions.auth.connect',
  'plugin::users-permissions.auth.register',
  'plugin::users-permissions.auth.forgotPassword',
  'plugin::users-permissions.auth.resetPassword',
  'plugin::users-permissions.auth.emailConfirmation',
  'plugin::users-permissions.auth.sendEmailConfirmation',
];
const SIGNED_IN_ACTIONS = [
  'plugin::users-permissions.user.me',
  'plugin::users-permissions.auth.changePassword',
  'me.show',
];

/**
 * Creates the roles that are missing and makes each role's cms permissions exactly the matrix,
 * through the same sync every plugin uses.
 */
export async function seedRolesAndPermissions(strapi: Core.Strapi): Promise<void> {
  const roles = dbQuery(strapi, 'plugin::users-permissions.role');
  const existing: { type: string }[] = await roles.findMany({ select: ['type'] });
  for (const [type, spec] of Object.entries(ROLE_MATRIX)) {
    if (!existing.some((r) => r.type === type))
      await roles.create({ data: { type, name: spec.name, description: spec.description } });
  }
  const matrix: RoleMatrix = Object.fromEntries(
    Object.entries(ROLE_MATRIX).map(([type, spec]) => [
      type,
      [
        ...Object.entries(spec.cms).flatMap(([ct, actions]) => actions.map((a) => `${ct}.${a}`)),
        ...(type === 'public' ? PUBLIC_ACTIONS : SIGNED_IN_ACTIONS),
      ],
    ]),
  );
  await getService(strapi, 'permissions').syncRolePermissions('cms', matrix);
  // New sign-ups are residents, never staff.
  const store = strapi.store({ type: 'plugin', name: 'users-permissions', key: 'advanced' });
  const advanced = ((await store.get()) ?? {}) as Record<string, unknown>;
  if (advanced.default_role !== 'resident')
    await store.set({ value: { ...advanced, default_role: 'resident' } });
}
