import { issue, type Issue } from './donations';
import { documentAfter, type Row } from './relation-input';

/**
 * The rules of a fund's own record, pure: its ledger accounts and area path are computed (never
 * written by a client), its code is a short capital code, a community micro-fund belongs to a
 * community, and a fund that has received donations is closed, never deleted.
 */

/** Set by opening the fund's ledger accounts. */
export const FUND_ACCOUNT_FIELDS = ['availableAccount', 'committedAccount'] as const;

export const FUND_CODE_PATTERN = /^[A-Z0-9][A-Z0-9-]{1,39}$/;

/** A fund may be deleted only while no donation names it. */
export function fundDeleteIssues(donations: number): Issue[] {
  return donations > 0
    ? [
        issue(
          'id',
          'has_donations',
          `the fund has ${donations} donations; close it instead`,
          `该基金已有 ${donations} 笔捐赠，请改为关闭`,
        ),
      ]
    : [];
}

/** A create or update of a fund, as the client sent it (before its area is defaulted). */
export function fundWriteIssues(current: Row | null, data: Row): Issue[] {
  const issues: Issue[] = [];
  for (const k of FUND_ACCOUNT_FIELDS) {
    if (k in data && data[k] !== (current?.[k] ?? null))
      issues.push(issue(k, 'computed_field', 'is set by the ledger', '由账务系统设置'));
  }
  if ('code' in data && (typeof data.code !== 'string' || !FUND_CODE_PATTERN.test(data.code)))
    issues.push(
      issue(
        'code',
        'invalid_value',
        'use 2–40 capital letters, digits and dashes',
        '请使用2到40个大写字母、数字或连字符',
      ),
    );
  if ('areaPath' in data && data.areaPath !== (current?.areaPath ?? null))
    issues.push(issue('areaPath', 'computed_field', 'follows the area', '由所属区域决定'));
  if (fundKind(current, data) === 'community' && !documentAfter(current, data, 'area'))
    issues.push(
      issue(
        'area',
        'required',
        'a community micro-fund belongs to a community',
        '社区微基金须指定所属社区',
      ),
    );
  return issues;
}

const fundKind = (current: Row | null, data: Row): unknown => data.kind ?? current?.kind;

export interface FundPlacement {
  /** The area the fund names after the write (a documentId), if any. */
  area: string | null | undefined;
  /**
   * A new fund that names no area (and is not a community micro-fund, which must name one)
   * belongs where the person creating it works: the kit's home area.
   */
  defaultsToHome: boolean;
  /** Whether the area path is (re)computed from the area: on create, and when the area changes. */
  placesPath: boolean;
}

/**
 * Where a fund belongs after a create or update: the kit scopes everything the fund moves by
 * its area path.
 */
export function fundPlacement(action: 'create' | 'update', current: Row | null, data: Row) {
  const area = documentAfter(current, data, 'area');
  return {
    area,
    defaultsToHome: !area && action === 'create' && fundKind(current, data) !== 'community',
    placesPath: action === 'create' || 'area' in data,
  } satisfies FundPlacement;
}
