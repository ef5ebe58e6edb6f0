/**
 * What the cms plugin offers other plugins through `strapi.plugin('cms').service(name)`: the
 * kit's services, typed. Other plugins import this file with `import type` only (the boundaries
 * lint refuses anything else), so no cms code reaches them at run time — they still call the
 * service — but a changed signature fails their compile instead of their users.
 */
import type audit from '../../services/audit';
import type authCache from '../../services/auth-cache';
import type directory from '../../services/directory';
import type errors from '../../services/errors';
import type identifiers from '../../services/identifiers';
import type kit from '../../services/kit';
import type properties from '../../services/properties';
import type viewer from '../../services/viewer';
import type * as chinaTime from '../../domain/china-time';

/**
 * Role type → actions. A short action (`form.find`) is the syncing plugin's own
 * (`plugin::forms.form.find`); a full one (`plugin::users-permissions.user.me`) is another
 * plugin's, added when missing and never removed by this sync.
 */
export type RoleMatrix = Record<string, readonly string[]>;

export interface SyncResult {
  added: number;
  removed: number;
}

export interface PermissionsService {
  /**
   * Makes each role's `plugin::<plugin>.*` permissions exactly what `matrix` gives it: missing
   * ones added, others removed — also from roles the matrix does not name. Roles are created by
   * the cms plugin's bootstrap, which runs before any plugin that depends on it.
   */
  syncRolePermissions(plugin: string, matrix: RoleMatrix): Promise<SyncResult>;
}

export type ChinaTimeService = Pick<
  typeof chinaTime,
  | 'addDays'
  | 'chinaDate'
  | 'chinaDateRange'
  | 'chinaMidnight'
  | 'chinaPeriod'
  | 'chinaYear'
  | 'isIsoDate'
  | 'todayInChina'
>;

/** The cms services other plugins may call, by service name. */
export interface CmsServices {
  audit: ReturnType<typeof audit>;
  authCache: ReturnType<typeof authCache>;
  chinaTime: ChinaTimeService;
  directory: ReturnType<typeof directory>;
  errors: ReturnType<typeof errors>;
  identifiers: ReturnType<typeof identifiers>;
  kit: ReturnType<typeof kit>;
  permissions: PermissionsService;
  /** Property units, owners and households; `electorate` counts who votes in a place. */
  properties: ReturnType<typeof properties>;
  viewer: ReturnType<typeof viewer>;
}

export type {
  Elector,
  ElectorKind,
  Place,
  CompoundPlace,
  UnitView,
  UnitInput,
  ImportCells,
  PreviewRow,
  CommitResult,
} from '../../services/properties';
