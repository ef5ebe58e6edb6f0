// Area hierarchy rules, materialised paths, masking and relation inputs.
import {
  AREA_LEVELS,
  areaHierarchyIssues,
  areaPath,
  rebasePath,
  type AreaLevel,
} from '../../cms/server/src/domain/area-hierarchy';
import { maskIdNumber, maskPerson, maskPhone } from '../../cms/server/src/domain/mask';
import { readToOne } from '../../cms/server/src/domain/relation-input';
import { covers } from '../../cms/server/src/domain/scope';

const ALLOWED: Record<AreaLevel, (AreaLevel | null)[]> = {
  city: [null],
  // A city-wide deployment puts districts under a city; a district's own has it at the top.
  district: [null, 'city'],
  subdistrict: ['district'],
  town: ['district'],
  community: ['subdistrict', 'town'],
  village: ['subdistrict', 'town'],
};

describe('area hierarchy', () => {
  const parents: (AreaLevel | null)[] = [null, ...AREA_LEVELS];
  const cases = AREA_LEVELS.flatMap((level) => parents.map((parent) => [level, parent] as const));
  it.each(cases)('a %s under %s', (level, parent) => {
    const issues = areaHierarchyIssues({
      level,
      parent: parent ? { level: parent, path: `/x/` } : null,
    });
    expect(issues.length === 0).toBe(ALLOWED[level].includes(parent));
    if (issues.length) expect(issues[0]?.path).toBe('parent');
  });

  it('allows a kind only on communities and villages', () => {
    const parent = { level: 'subdistrict' as const, path: '/1/2/' };
    expect(areaHierarchyIssues({ level: 'community', kind: 'resettlement', parent })).toEqual([]);
    expect(
      areaHierarchyIssues({
        level: 'town',
        kind: 'urban',
        parent: { level: 'district', path: '/1/' },
      })[0]?.path,
    ).toBe('kind');
  });

  it('refuses moving an area under its own subtree', () => {
    const issues = areaHierarchyIssues({
      level: 'community',
      parent: { level: 'subdistrict', path: '/1/2/3/' },
      currentPath: '/1/2/',
    });
    expect(issues.map((i) => i.code)).toContain('parent_cycle');
  });

  it('builds and rebases paths', () => {
    expect(areaPath(null, '510114')).toBe('/510114/');
    expect(areaPath('/510114/', '510114001')).toBe('/510114/510114001/');
    expect(rebasePath('/a/b/c/', '/a/b/', '/a/x/')).toBe('/a/x/c/');
    expect(rebasePath('/a/bb/', '/a/b/', '/a/x/')).toBe('/a/bb/');
  });
});

describe('scope', () => {
  it('covers a subtree by path prefix, and nothing without a scope', () => {
    const viewer = { kind: 'scoped' as const, role: 'community-worker', scopePath: '/1/2/' };
    expect(covers(viewer, '/1/2/')).toBe(true);
    expect(covers(viewer, '/1/2/3/')).toBe(true);
    expect(covers(viewer, '/1/22/')).toBe(false);
    expect(covers(viewer, null)).toBe(false);
    expect(covers({ kind: 'scoped', role: 'incubator', scopePath: null }, '/1/')).toBe(false);
    expect(covers({ kind: 'global' }, null)).toBe(true);
    expect(covers({ kind: 'public', role: 'resident' }, '/1/')).toBe(false);
  });
});

describe('masking', () => {
  it('keeps the first three and last four characters', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
  });
  it('is idempotent and leaves other fields alone', () => {
    const once = maskPerson({ name: '王伟', phone: '13812345678', idNumber: '11010519491231002X' });
    expect(maskPerson(once)).toEqual(once);
    expect(once.name).toBe('王伟');
    expect(maskPerson({ name: 'x', phone: null })).toEqual({ name: 'x', phone: null });
  });
});

describe('to-one relation inputs', () => {
  it.each([
    [undefined, { changed: false }],
    [null, { changed: true, target: null }],
    ['abc', { changed: true, target: { documentId: 'abc' } }],
    [7, { changed: true, target: { id: 7 } }],
    [{ documentId: 'abc' }, { changed: true, target: { documentId: 'abc' } }],
    [{ connect: ['abc'] }, { changed: true, target: { documentId: 'abc' } }],
    [
      { connect: [{ id: 3, documentId: 'abc' }], disconnect: [] },
      { changed: true, target: { documentId: 'abc' } },
    ],
    [
      { connect: [], disconnect: [{ id: 3 }] },
      { changed: true, target: null },
    ],
    [{ connect: [], disconnect: [] }, { changed: false }],
    [{ set: [] }, { changed: true, target: null }],
    [{ set: ['xyz'] }, { changed: true, target: { documentId: 'xyz' } }],
    [true, { invalid: true }],
    [{ foo: 1 }, { invalid: true }],
  ])('%j', (input, expected) => {
    expect(readToOne(input)).toEqual(expected);
  });
});
