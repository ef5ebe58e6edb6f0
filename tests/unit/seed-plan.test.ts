// The demo district's plan reproduces Xindu's published figures (shared/domain/FIGURES.md).
import { isValidCreditCode } from '../../cms/server/src/domain/credit-code';
import { isValidIdNumber } from '../../cms/server/src/domain/id-number';
import { planCity, planDistrict, XINDU } from '../../database/seed/plan';

describe('the Xindu-shaped demo district', () => {
  const plan = planDistrict(XINDU);
  const count = <T>(rows: T[], pred: (r: T) => boolean) => rows.filter(pred).length;

  it('has 7 subdistricts, 2 towns, 105 communities and 79 villages', () => {
    const levels = plan.areas.map((a) => a.data.level);
    expect(count(levels, (l) => l === 'district')).toBe(1);
    expect(count(levels, (l) => l === 'subdistrict')).toBe(7);
    expect(count(levels, (l) => l === 'town')).toBe(2);
    expect(count(levels, (l) => l === 'community')).toBe(105);
    expect(count(levels, (l) => l === 'village')).toBe(79);
  });

  it('has 10,161 micro-grids with 12,518 members, grids of 300–500 households', () => {
    const micro = plan.grids.filter((g) => g.data.level === 'micro');
    expect(micro).toHaveLength(10161);
    expect(micro.reduce((n, g) => n + (g.relations.members as string[]).length, 0)).toBe(12518);
    expect(count(plan.people, (p) => p.data.isMicroGridMember)).toBe(12518);
    const grids = plan.grids.filter((g) => g.data.level === 'grid');
    for (const g of grids) expect(g.data.households).toBeLessThanOrEqual(500);
    expect(grids.filter((g) => g.data.households >= 300).length / grids.length).toBeGreaterThan(
      0.85,
    );
  });

  it('has compounds of all seven types, hubs, partner units and incubations at every stage', () => {
    expect(new Set(plan.compounds.map((c) => c.data.type)).size).toBe(7);
    expect(count(plan.organisations, (o) => o.data.kind === 'hub')).toBeGreaterThanOrEqual(10);
    expect(count(plan.organisations, (o) => o.data.kind === 'partner_unit')).toBe(633);
    expect(new Set(plan.incubations.map((i) => i.data.stage))).toEqual(
      new Set(['applied', 'assessing', 'incubating', 'hatched', 'withdrawn', 'rejected']),
    );
  });

  it('dates no incubation, assessment or milestone after the seeding day', () => {
    const latest = (today: string) => {
      const dates: string[] = [];
      for (const { data } of planDistrict(XINDU, 2026, Infinity, today).incubations) {
        for (const f of ['appliedOn', 'assessingOn', 'incubatingOn', 'hatchedOn', 'closedOn'])
          if (data[f]) dates.push(data[f]);
        for (const x of [...data.assessments, ...data.milestones]) dates.push(x.date);
      }
      return dates.sort().at(-1);
    };
    expect(latest('2026-11-30')! <= '2026-11-30').toBe(true);
    expect(latest('2025-03-01')! <= '2025-03-01').toBe(true);
    const hatched = plan.incubations.filter((i) => i.data.stage === 'hatched');
    for (const { data } of hatched) {
      expect(data.incubatingOn < data.hatchedOn).toBe(true);
      expect(data.appliedOn < data.incubatingOn).toBe(true);
    }
  });

  it('writes only valid credit codes and ID numbers, unique codes', () => {
    for (const o of plan.organisations)
      if (o.data.creditCode) expect(isValidCreditCode(o.data.creditCode)).toBe(true);
    for (const p of plan.people)
      if (p.data.idNumber) expect(isValidIdNumber(p.data.idNumber)).toBe(true);
    const codes = plan.organisations.map((o) => o.data.creditCode).filter(Boolean);
    expect(new Set(codes).size).toBe(codes.length);
    const gridCodes = plan.grids.map((g) => g.data.code);
    expect(new Set(gridCodes).size).toBe(gridCodes.length);
  });

  it('keeps every path consistent with its parent', () => {
    const byId = new Map(plan.areas.map((a) => [a.documentId, a]));
    for (const a of plan.areas) {
      const parent = a.relations.parent ? byId.get(a.relations.parent as string) : null;
      expect(a.data.path).toBe(`${parent?.data.path ?? '/'}${a.data.code}/`);
    }
  });
});

describe('a city for scale tests', () => {
  it('spreads 4,351 communities and villages over Xindu-shaped districts', () => {
    const plans = planCity(4351);
    const grassroots = plans
      .flatMap((p) => p.areas)
      .filter((a) => ['community', 'village'].includes(a.data.level));
    expect(grassroots).toHaveLength(4351);
    const codes = plans.flatMap((p) => p.areas.map((a) => a.data.code));
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('puts every district, and every path, under one city', () => {
    const plans = planCity(400);
    const areas = plans.flatMap((p) => p.areas);
    const cities = areas.filter((a) => a.data.level === 'city');
    expect(cities).toHaveLength(1);
    const city = cities[0]!;
    expect(plans.every((p) => p.anchors.city === city.documentId)).toBe(true);
    const districts = areas.filter((a) => a.data.level === 'district');
    expect(districts.length).toBeGreaterThan(1);
    for (const d of districts) expect(d.relations.parent).toBe(city.documentId);
    const paths = plans.flatMap((p) =>
      [...p.areas, ...p.grids, ...p.compounds, ...p.people, ...p.organisations, ...p.incubations]
        .map((row) => row.data.path ?? row.data.areaPath)
        .filter((path): path is string => typeof path === 'string'),
    );
    expect(paths.length).toBeGreaterThan(1000);
    for (const path of paths) expect(path.startsWith(city.data.path)).toBe(true);
  });
});
