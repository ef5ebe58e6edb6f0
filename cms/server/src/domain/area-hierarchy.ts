import { issue, type DomainIssue } from './errors';

export const AREA_LEVELS = [
  'city',
  'district',
  'subdistrict',
  'town',
  'community',
  'village',
] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];
export const AREA_KINDS = ['urban', 'industrial', 'agricultural', 'resettlement'] as const;

/** Which levels an area of each level may hang under; an empty list means it is a root. */
export const ALLOWED_PARENT_LEVELS: Record<AreaLevel, readonly AreaLevel[]> = {
  city: [],
  // Under a city (a city-wide deployment, whose staff see every district), or a root (one
  // district's own deployment, as the demo is).
  district: ['city'],
  subdistrict: ['district'],
  town: ['district'],
  community: ['subdistrict', 'town'],
  village: ['subdistrict', 'town'],
};

/** Levels that may also stand at the top, without a parent. */
const MAY_BE_ROOT: readonly AreaLevel[] = ['city', 'district'];

const LEVEL_ZH: Record<AreaLevel, string> = {
  city: '市',
  district: '区县',
  subdistrict: '街道',
  town: '镇',
  community: '社区',
  village: '村',
};

export const isGrassroots = (level: AreaLevel): boolean =>
  level === 'community' || level === 'village';

export interface AreaShape {
  level: AreaLevel;
  kind?: string | null;
  parent?: { level: AreaLevel; path: string } | null;
  /** The path this area has now, when it is being updated. */
  currentPath?: string | null;
}

/** Everything wrong with an area's place in the hierarchy. */
export function areaHierarchyIssues(area: AreaShape): DomainIssue[] {
  const issues: DomainIssue[] = [];
  const allowed = ALLOWED_PARENT_LEVELS[area.level];
  if (allowed.length === 0 && area.parent) {
    issues.push(
      issue(
        'invalid_parent_level',
        'parent',
        `a ${area.level} has no parent`,
        `${LEVEL_ZH[area.level]}不能有上级区域`,
      ),
    );
  }
  if (allowed.length > 0 && !area.parent && !MAY_BE_ROOT.includes(area.level)) {
    issues.push(
      issue(
        'parent_required',
        'parent',
        `a ${area.level} needs a parent of level ${allowed.join(' or ')}`,
        `${LEVEL_ZH[area.level]}必须有上级区域（${allowed.map((l) => LEVEL_ZH[l]).join('或')}）`,
      ),
    );
  }
  if (area.parent && allowed.length > 0 && !allowed.includes(area.parent.level)) {
    issues.push(
      issue(
        'invalid_parent_level',
        'parent',
        `a ${area.level}'s parent must be a ${allowed.join(' or ')}, not a ${area.parent.level}`,
        `${LEVEL_ZH[area.level]}的上级必须是${allowed.map((l) => LEVEL_ZH[l]).join('或')}，不能是${LEVEL_ZH[area.parent.level]}`,
      ),
    );
  }
  if (area.parent && area.currentPath && area.parent.path.startsWith(area.currentPath)) {
    issues.push(
      issue('parent_cycle', 'parent', 'an area cannot move under itself', '区域不能移动到自身之下'),
    );
  }
  if (area.kind && !isGrassroots(area.level)) {
    issues.push(
      issue(
        'kind_not_allowed',
        'kind',
        'only communities and villages have a kind',
        '只有社区和村可以设置社区分类',
      ),
    );
  }
  return issues;
}

/** The materialised path of an area: its ancestors' codes and its own, slash-delimited. */
export const areaPath = (parentPath: string | null | undefined, code: string): string =>
  `${parentPath ?? '/'}${code}/`;

/** The path a descendant has after its ancestor moved from oldPrefix to newPrefix. */
export const rebasePath = (path: string, oldPrefix: string, newPrefix: string): string =>
  path.startsWith(oldPrefix) ? newPrefix + path.slice(oldPrefix.length) : path;
