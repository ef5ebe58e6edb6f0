/**
 * GET /api/cms/me's `can`: for each GraphQL object type the role reaches (e.g. `CmsOrganisation`),
 * the users-permissions actions its role holds on that content type (`find`, `findOne`, `create`,
 * `update`, `delete`), sorted; a custom controller's actions under its UID
 * (`plugin::grants.grant-actions` → `['myReviews', …]`). A type absent from it may not be read.
 */
export type MeCapabilities = Record<string, string[]>;

/** GET /api/cms/me — the signed-in user, as the console reads it. */
export interface MeResponse {
  data: {
    id: string;
    username: string;
    email: string;
    role: { type: string; name: string } | null;
    scope: { documentId: string; name: string; level: string; path: string } | null;
    can: MeCapabilities;
  };
}
