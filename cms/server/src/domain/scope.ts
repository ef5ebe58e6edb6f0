/**
 * Access scopes. A staff user's scope is an area; they see and change records whose area path
 * starts with the scope's path. Everything here is pure: the caller supplies the user's role and
 * scope path.
 */
export const STAFF_ROLES = [
  'foundation-staff',
  'incubator',
  'community-worker',
  'reviewer',
  // Cases: grid workers call cases in from their grid; departments' staff act on the cases
  // dispatched or whistled to their unit (their user's `unit`, an organisation).
  'grid-worker',
  'department',
] as const;
export const MEMBER_ROLES = ['volunteer', 'resident'] as const;
export type RoleType = (typeof STAFF_ROLES)[number] | (typeof MEMBER_ROLES)[number] | 'public';

export type Viewer =
  /** Strapi admin-panel users, API tokens and the server itself: everything, unmasked. */
  | { kind: 'global' }
  /** A staff user: records under `scopePath` only; no scope set means nothing at all. */
  | { kind: 'scoped'; role: string; scopePath: string | null }
  /** Residents, volunteers and the public: public records only, personal data always masked. */
  | { kind: 'public'; role: string };

export const isStaffRole = (role: string): boolean =>
  (STAFF_ROLES as readonly string[]).includes(role);

export function covers(viewer: Viewer, path: string | null | undefined): boolean {
  if (viewer.kind === 'global') return true;
  if (viewer.kind === 'public') return false;
  if (!viewer.scopePath || !path) return false;
  return path.startsWith(viewer.scopePath);
}
