// The subtree filter offers only areas strictly inside the viewer's scope, and nothing to a
// community worker (whose scope has no district, subdistrict or town below it).
import { mayPickSubtree, subtreeChoices } from './areaSubtree';

const areas = [
  { name: '龙泉驿区', path: '/510112/', level: 'district' },
  { name: '龙泉街道', path: '/510112/001/', level: 'subdistrict' },
  { name: '洪河镇', path: '/510112/002/', level: 'town' },
  { name: '别的区', path: '/510113/', level: 'district' },
];

describe('area subtree filter', () => {
  it('offers every subtree level to a viewer with the whole district', () => {
    expect(subtreeChoices(areas, null).map((c) => c.name)).toEqual([
      '龙泉驿区',
      '\u3000龙泉街道',
      '\u3000洪河镇',
      '别的区',
    ]);
  });

  it('offers only the areas under a district worker, never the district itself', () => {
    expect(subtreeChoices(areas, { level: 'district', path: '/510112/' })).toEqual([
      { id: '/510112/001/', name: '龙泉街道' },
      { id: '/510112/002/', name: '洪河镇' },
    ]);
  });

  it('offers nothing to a community worker', () => {
    const community = { level: 'community', path: '/510112/001/003/' };
    expect(mayPickSubtree(community)).toBe(false);
    expect(subtreeChoices(areas, community)).toEqual([]);
    expect(mayPickSubtree({ level: 'subdistrict', path: '/510112/001/' })).toBe(true);
    expect(subtreeChoices(areas, { level: 'subdistrict', path: '/510112/001/' })).toEqual([]);
  });
});
