/**
 * Which areas the "所属区域（含下级）" filter offers a viewer: districts, subdistricts and towns
 * (communities are picked by the lists' own area filters) strictly inside the viewer's scope.
 * Picking the scope itself would filter nothing, and an area above it would show nothing more
 * than the scope does; a community worker therefore has nothing to pick.
 */

/** The levels one picks a subtree at. */
export const SUBTREE_LEVELS: readonly string[] = ['district', 'subdistrict', 'town'];

/** Levels with no pickable level below them: a viewer scoped there has no subtree to pick. */
const LEAF_LEVELS: readonly string[] = ['community', 'village'];

export interface ScopeArea {
  level: string;
  path: string;
}

/** Whether a viewer with this scope (null: the whole district) may have sub-areas to pick. */
export const mayPickSubtree = (scope: ScopeArea | null): boolean =>
  !scope || !LEAF_LEVELS.includes(scope.level);

/** The areas offered, in tree order, indented by depth below the scope. */
export function subtreeChoices(
  areas: readonly { name: string; path: string; level?: string }[],
  scope: ScopeArea | null,
): { id: string; name: string }[] {
  if (!mayPickSubtree(scope)) return [];
  const depth = (path: string) => path.split('/').filter(Boolean).length;
  const top = scope ? depth(scope.path) + 1 : 1;
  return areas
    .filter((a) => !a.level || SUBTREE_LEVELS.includes(a.level))
    .filter((a) => !scope || (a.path.startsWith(scope.path) && a.path !== scope.path))
    .map((a) => ({
      id: a.path,
      name: `${'\u3000'.repeat(Math.max(0, depth(a.path) - top))}${a.name}`,
    }));
}
