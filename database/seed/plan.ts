import {
  CREDIT_CODE_ALPHABET,
  creditCodeCheckCharacter,
} from '../../cms/server/src/domain/credit-code';
import { todayInChina } from '../../cms/server/src/domain/china-time';
import { idNumberCheckCharacter } from '../../cms/server/src/domain/id-number';
import { SERVICE_CATEGORIES } from '../../cms/server/src/domain/enums';
import { newDocumentId } from '../../cms/server/src/services/document-id';
import { compoundName, personName, placeName } from './names';
import { createRandom, type Random } from './random';

/**
 * The demo data as plain rows, computed without a database: a district shaped like Xindu
 * (shared/domain/FIGURES.md), or a whole city of such districts for scale tests.
 */

export interface PlannedRow {
  documentId: string;
  /**
   * The record's columns, of any of six content types, read back by the plan and its tests as
   * each needs (households summed, paths extended, dates compared).
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- six content types' columns, read back field by field
  data: Record<string, any>;
  /** relation field → documentId (to-one) or documentIds (to-many) */
  relations: Record<string, string | string[]>;
}

export interface SeedPlan {
  areas: PlannedRow[];
  grids: PlannedRow[];
  compounds: PlannedRow[];
  people: PlannedRow[];
  organisations: PlannedRow[];
  incubations: PlannedRow[];
  /** documentIds the demo accounts are scoped to */
  anchors: {
    district: string;
    subdistrict: string;
    community: string;
    otherCommunity: string;
    hub: string;
    /** A city's plans only: the city above the districts (the city-wide account's scope). */
    city?: string;
  };
}

export interface DistrictSpec {
  code: string;
  name: string;
  subdistricts: string[];
  towns: string[];
  /** communities and villages under each subdistrict, then under each town */
  subdistrictShape: { communities: number; villages: number };
  townShape: { communities: number; villages: number };
  microGrids: number;
  microGridMembers: number;
  partnerUnits: number;
}

/** Xindu district, Chengdu: 7 subdistricts, 2 towns, 105 communities, 79 villages, 10,161 micro-grids. */
export const XINDU: DistrictSpec = {
  code: '510114',
  name: '新都区',
  subdistricts: [
    '新都街道',
    '大丰街道',
    '三河街道',
    '桂湖街道',
    '石板滩街道',
    '新繁街道',
    '斑竹园街道',
  ],
  towns: ['清流镇', '军屯镇'],
  subdistrictShape: { communities: 13, villages: 5 },
  townShape: { communities: 7, villages: 22 },
  microGrids: 10161,
  microGridMembers: 12518,
  partnerUnits: 633,
};

// A seeded organisation serves a named field: every category but 'other'.
const SEEDED_CATEGORIES = SERVICE_CATEGORIES.filter((c) => c !== 'other');
const COMMUNITY_COMPOUND_TYPES = [
  'commercial',
  'commercial',
  'work_unit',
  'old',
  'old',
  'affordable',
  'relocation_resettlement',
  'self_built_resettlement',
];
const DEPARTMENTS = [
  '民政局',
  '财政局',
  '住建局',
  '城管局',
  '卫健局',
  '教育局',
  '人社局',
  '司法局',
  '应急局',
  '公安分局',
  '市场监管局',
  '生态环境局',
  '农业农村局',
  '交通运输局',
  '文广旅局',
  '退役军人事务局',
  '医保局',
  '水务局',
  '规划和自然资源局',
  '社治委',
];
const ORG_WORDS = [
  '邻里互助会',
  '志愿服务队',
  '老年协会',
  '文体协会',
  '亲子成长中心',
  '社工服务中心',
  '环保促进会',
  '调解委员会',
  '助残服务社',
  '书画社',
  '乡贤理事会',
  '妇女之家',
];

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const isoDate = (d: Date): string => d.toISOString().slice(0, 10);
const addDays = (iso: string, days: number): string =>
  isoDate(new Date(Date.parse(iso) + days * 86400000));

function creditCode(r: Random, regionCode: string, category: string, serial: number): string {
  const orgCode =
    pad(serial, 6) +
    Array.from({ length: 3 }, () => r.pick(Array.from(CREDIT_CODE_ALPHABET))).join('');
  const first17 = category + regionCode + orgCode;
  return first17 + creditCodeCheckCharacter(first17);
}

function idNumber(r: Random, regionCode: string): string {
  const birth = new Date(Date.UTC(r.int(1945, 2004), r.int(0, 11), r.int(1, 28)));
  const first17 =
    regionCode + birth.toISOString().slice(0, 10).replace(/-/g, '') + pad(r.int(0, 999), 3);
  return first17 + idNumberCheckCharacter(first17);
}

const phone = (r: Random): string =>
  `1${r.pick(['3', '5', '7', '8', '9'])}${pad(r.int(0, 999999999), 9)}`;

const STAGE_DATES = ['appliedOn', 'assessingOn', 'incubatingOn', 'hatchedOn', 'closedOn'];

/**
 * Moves an incubation's dates (its stages', assessments' and milestones') earlier, all by the
 * same number of days, so that none lies after `today`: a demo seeded any day never shows a
 * hatching to come. `slack` spreads those moved a little before today, without drawing from the
 * random sequence (which would change everything planned after).
 */
function notAfter(data: PlannedRow['data'], today: string, slack: number): void {
  const dates = [
    ...STAGE_DATES.map((f) => data[f] as string | undefined),
    ...[...data.assessments, ...data.milestones].map((x: { date: string }) => x.date),
  ].filter((d): d is string => typeof d === 'string');
  const latest = dates.reduce((a, b) => (b > a ? b : a), today);
  if (latest === today) return;
  const shift = -(Date.parse(latest) - Date.parse(today)) / 86400000 - (slack % 60);
  for (const f of STAGE_DATES) if (data[f]) data[f] = addDays(data[f], shift);
  for (const x of [...data.assessments, ...data.milestones]) x.date = addDays(x.date, shift);
}

/**
 * Plans one district. `grassrootsLimit` trims it (the last district of a city); `today` (in
 * China) bounds every date planned.
 */
export function planDistrict(
  spec: DistrictSpec,
  seed = 2026,
  grassrootsLimit = Infinity,
  today = todayInChina(),
): SeedPlan {
  const r = createRandom(seed);
  const plan: SeedPlan = {
    areas: [],
    grids: [],
    compounds: [],
    people: [],
    organisations: [],
    incubations: [],
    anchors: { district: '', subdistrict: '', community: '', otherCommunity: '', hub: '' },
  };
  const row = (
    data: PlannedRow['data'],
    relations: Record<string, string | string[]> = {},
  ): PlannedRow => ({
    documentId: newDocumentId(),
    data,
    relations,
  });

  const district = row({
    name: spec.name,
    code: spec.code,
    level: 'district',
    path: `/${spec.code}/`,
  });
  plan.areas.push(district);
  plan.anchors.district = district.documentId;

  type Grassroots = { row: PlannedRow; parent: PlannedRow; hub?: PlannedRow };
  const grassroots: Grassroots[] = [];
  const parents: { row: PlannedRow; shape: { communities: number; villages: number } }[] = [];
  spec.subdistricts.forEach((name, i) => {
    const code = `${spec.code}${pad(i + 1, 3)}`;
    const p = row(
      { name, code, level: 'subdistrict', path: `/${spec.code}/${code}/` },
      { parent: district.documentId },
    );
    parents.push({ row: p, shape: spec.subdistrictShape });
  });
  spec.towns.forEach((name, i) => {
    const code = `${spec.code}${pad(101 + i, 3)}`;
    const p = row(
      { name, code, level: 'town', path: `/${spec.code}/${code}/` },
      { parent: district.documentId },
    );
    parents.push({ row: p, shape: spec.townShape });
  });
  let placeIndex = Number(spec.code) % 997;
  for (const { row: parent, shape } of parents) {
    plan.areas.push(parent);
    const count = shape.communities + shape.villages;
    for (let i = 0; i < count && grassroots.length < grassrootsLimit; i += 1) {
      const village = i >= shape.communities;
      const code = `${parent.data.code}${pad(i + 1, 3)}`;
      const kind = village
        ? r.next() < 0.85
          ? 'agricultural'
          : 'resettlement'
        : r.pick(['urban', 'urban', 'urban', 'urban', 'resettlement', 'industrial']);
      const area = row(
        {
          name: `${placeName(placeIndex++)}${village ? '村' : '社区'}`,
          code,
          level: village ? 'village' : 'community',
          kind,
          path: `${parent.data.path}${code}/`,
          households: 0,
          population: 0,
        },
        { parent: parent.documentId },
      );
      plan.areas.push(area);
      grassroots.push({ row: area, parent });
    }
  }
  plan.anchors.subdistrict = (parents[0] as { row: PlannedRow }).row.documentId;
  plan.anchors.community = (grassroots[0] as Grassroots).row.documentId;
  plan.anchors.otherCommunity = (
    grassroots[grassroots.length > 20 ? 20 : 1] as Grassroots
  ).row.documentId;

  // Micro-grids spread evenly over the grassroots areas; eight make a grid of ~400 households.
  const microPerArea = grassroots.map(
    (_, i) =>
      Math.floor(spec.microGrids / grassroots.length) +
      (i < spec.microGrids % grassroots.length ? 1 : 0),
  );
  let extraMembers = spec.microGridMembers - spec.microGrids;
  const microTotal = microPerArea.reduce((a, b) => a + b, 0);
  const person = (
    area: PlannedRow,
    flags: Record<string, boolean>,
    compound?: PlannedRow,
  ): PlannedRow => {
    const p = row(
      {
        name: personName(r),
        phone: phone(r),
        idNumber: r.next() < 0.7 ? idNumber(r, spec.code) : null,
        areaPath: area.data.path,
        isGridWorker: false,
        isMicroGridMember: false,
        isBuildingCaptain: false,
        isVolunteer: false,
        isDonor: false,
        isResident: true,
        ...flags,
      },
      compound
        ? { community: area.documentId, compound: compound.documentId }
        : { community: area.documentId },
    );
    plan.people.push(p);
    return p;
  };

  grassroots.forEach(({ row: area }, ai) => {
    const village = area.data.level === 'village';
    const compounds: PlannedRow[] = [];
    const compoundCount = village ? r.int(1, 3) : r.int(3, 8);
    const micro = microPerArea[ai] as number;
    const gridCount = Math.ceil(micro / 8);
    const grids: PlannedRow[] = [];
    let areaHouseholds = 0;
    for (let g = 0; g < gridCount; g += 1) {
      const gridCode = `${area.data.code}-G${pad(g + 1, 2)}`;
      const worker = person(area, { isGridWorker: true });
      const grid = row(
        {
          name: `${area.data.name}第${g + 1}网格`,
          code: gridCode,
          level: 'grid',
          households: 0,
          areaPath: area.data.path,
        },
        { community: area.documentId, worker: worker.documentId },
      );
      grids.push(grid);
      plan.grids.push(grid);
    }
    for (let c = 0; c < compoundCount; c += 1) {
      const type = village
        ? c === 0
          ? 'rural_cluster'
          : r.pick(['rural_cluster', 'self_built_resettlement'])
        : r.pick(COMMUNITY_COMPOUND_TYPES);
      const compound = row(
        {
          name: compoundName(r, area.data.name.slice(0, 2)) + (c > 0 ? `${c + 1}期` : ''),
          type,
          households: 0,
          buildings: r.int(2, 30),
          propertyManagement:
            type === 'commercial'
              ? r.pick(['company', 'company', 'trust'])
              : type === 'old'
                ? r.pick(['trust', 'self', 'none'])
                : r.pick(['self', 'none', 'company']),
          areaPath: area.data.path,
        },
        { community: area.documentId, grid: (grids[c % grids.length] as PlannedRow).documentId },
      );
      compounds.push(compound);
      plan.compounds.push(compound);
    }
    for (let m = 0; m < micro; m += 1) {
      const grid = grids[Math.floor(m / 8)] as PlannedRow;
      const households = r.int(38, 62);
      areaHouseholds += households;
      grid.data.households += households;
      const compound = compounds[m % compounds.length] as PlannedRow;
      compound.data.households += households;
      const members = [
        person(
          area,
          {
            isMicroGridMember: true,
            isBuildingCaptain: r.next() < 0.5,
            isVolunteer: r.next() < 0.4,
          },
          compound,
        ),
      ];
      // The district's 12,518 members over 10,161 micro-grids: some micro-grids have two.
      if (
        extraMembers > 0 &&
        r.next() < (spec.microGridMembers - spec.microGrids) / microTotal + 0.02
      ) {
        members.push(
          person(area, { isMicroGridMember: true, isVolunteer: r.next() < 0.5 }, compound),
        );
        extraMembers -= 1;
      }
      plan.grids.push(
        row(
          {
            name: `${grid.data.name}${(m % 8) + 1}号微网格`,
            code: `${grid.data.code}-M${pad((m % 8) + 1, 2)}`,
            level: 'micro',
            households,
            areaPath: area.data.path,
          },
          {
            community: area.documentId,
            parent: grid.documentId,
            worker: (members[0] as PlannedRow).documentId,
            members: members.map((p) => p.documentId),
          },
        ),
      );
    }
    for (let i = 0; i < 8; i += 1) {
      person(
        area,
        { isVolunteer: r.next() < 0.3, isDonor: r.next() < 0.1 },
        compounds[i % compounds.length],
      );
    }
    area.data.households = areaHouseholds;
    area.data.population = Math.round(areaHouseholds * (2.5 + r.next() * 0.6));
  });
  // Any members left over after the random pass go to the first micro-grids, so the total is exact.
  const areaById = new Map(plan.areas.map((a) => [a.documentId, a]));
  for (const grid of plan.grids) {
    if (extraMembers <= 0) break;
    if (grid.data.level !== 'micro' || (grid.relations.members as string[]).length > 1) continue;
    const areaRow = areaById.get(grid.relations.community as string) as PlannedRow;
    const extra = person(areaRow, { isMicroGridMember: true });
    (grid.relations.members as string[]).push(extra.documentId);
    extraMembers -= 1;
  }
  district.data.households = grassroots.reduce((s, g) => s + g.row.data.households, 0);
  district.data.population = grassroots.reduce((s, g) => s + g.row.data.population, 0);
  for (const { row: p } of parents) {
    const children = grassroots.filter((g) => g.parent === p);
    p.data.households = children.reduce((s, g) => s + g.row.data.households, 0);
    p.data.population = children.reduce((s, g) => s + g.row.data.population, 0);
  }

  // Organisations: the foundation, hubs, departments, community social organisations,
  // social enterprises and partner units.
  let serial = 1;
  const org = (data: PlannedRow['data'], area: PlannedRow, contact?: PlannedRow): PlannedRow => {
    const o = row(
      { members: r.int(5, 120), areaPath: area.data.path, ...data },
      contact
        ? { area: area.documentId, contactPerson: contact.documentId }
        : { area: area.documentId },
    );
    plan.organisations.push(o);
    return o;
  };
  const residentOf = new Map<string, PlannedRow>();
  for (const p of plan.people) {
    const community = p.relations.community as string;
    if (!p.data.isGridWorker && !residentOf.has(community)) residentOf.set(community, p);
  }
  const randomPerson = (area: PlannedRow): PlannedRow | undefined =>
    residentOf.get(area.documentId);
  org(
    {
      name: `${spec.name}社区发展基金会`,
      kind: 'foundation',
      legalForm: 'foundation',
      registration: 'registered',
      creditCode: creditCode(r, spec.code, '53', serial++),
      serviceCategory: 'community_building',
      foundedOn: '2018-06-12',
    },
    district,
  );
  const districtHub = org(
    {
      name: `${spec.name}社会组织孵化中心`,
      kind: 'hub',
      legalForm: 'social_service_agency',
      registration: 'registered',
      creditCode: creditCode(r, spec.code, '52', serial++),
      serviceCategory: 'community_building',
      foundedOn: '2016-03-01',
    },
    district,
  );
  plan.anchors.hub = districtHub.documentId;
  const hubs = new Map<string, PlannedRow>();
  for (const { row: p } of parents) {
    hubs.set(
      p.documentId,
      org(
        {
          name: `${p.data.name}社会组织服务中心`,
          kind: 'hub',
          legalForm: 'social_service_agency',
          registration: 'registered',
          creditCode: creditCode(r, spec.code, '52', serial++),
          serviceCategory: 'community_building',
          foundedOn: isoDate(new Date(Date.UTC(r.int(2017, 2021), r.int(0, 11), r.int(1, 28)))),
        },
        p,
      ),
    );
  }
  DEPARTMENTS.forEach((d) =>
    org(
      {
        name: `${spec.name}${d}`,
        kind: 'department',
        legalForm: 'government',
        registration: 'registered',
        creditCode: creditCode(r, spec.code, '11', serial++),
      },
      district,
    ),
  );
  const socialOrgs: { org: PlannedRow; parent: PlannedRow }[] = [];
  grassroots.forEach(({ row: area, parent }) => {
    for (let k = 0; k < 2; k += 1) {
      const registration = r.next() < 0.3 ? 'registered' : r.next() < 0.85 ? 'filed' : 'none';
      const o = org(
        {
          name: `${area.data.name}${r.pick(ORG_WORDS)}${k ? '（二）' : ''}`,
          kind: 'social_organisation',
          legalForm:
            registration === 'registered'
              ? r.pick(['association', 'social_service_agency'])
              : 'unincorporated',
          registration,
          creditCode:
            registration === 'registered'
              ? creditCode(r, spec.code, r.pick(['51', '52']), serial++)
              : null,
          serviceCategory: r.pick(SEEDED_CATEGORIES),
          foundedOn: isoDate(new Date(Date.UTC(r.int(2012, 2025), r.int(0, 11), r.int(1, 28)))),
          description: '扎根社区，服务居民。',
        },
        area,
        randomPerson(area),
      );
      socialOrgs.push({ org: o, parent });
    }
  });
  for (let i = 0; i < 10; i += 1) {
    const { row: area } = grassroots[(i * 17) % grassroots.length] as Grassroots;
    org(
      {
        name: `${area.data.name}社区生活服务社会企业`,
        kind: 'social_enterprise',
        legalForm: 'social_enterprise',
        registration: 'registered',
        creditCode: creditCode(r, spec.code, '92', serial++),
        serviceCategory: 'community_building',
      },
      area,
    );
  }
  for (let i = 0; i < spec.partnerUnits; i += 1) {
    const { row: area } = grassroots[i % grassroots.length] as Grassroots;
    org(
      {
        name: `共建单位${pad(i + 1, 3)}（${area.data.name}）`,
        kind: 'partner_unit',
        legalForm: r.pick(['company', 'government']),
        registration: 'registered',
        creditCode: creditCode(r, spec.code, r.pick(['91', '12']), serial++),
      },
      area,
    );
  }

  // Incubations at every stage, with dates in order and assessments for those that got that far.
  const stages: [string, number][] = [
    ['applied', 15],
    ['assessing', 12],
    ['incubating', 38],
    ['hatched', 80],
    ['withdrawn', 9],
    ['rejected', 6],
  ];
  let next = 0;
  for (const [stage, count] of stages) {
    for (let i = 0; i < count && next < socialOrgs.length; i += 1, next += 1) {
      const { org: o, parent } = socialOrgs[(next * 7) % socialOrgs.length] as {
        org: PlannedRow;
        parent: PlannedRow;
      };
      const appliedOn = isoDate(new Date(Date.UTC(r.int(2022, 2025), r.int(0, 11), r.int(1, 28))));
      const data: PlannedRow['data'] = {
        stage,
        appliedOn,
        areaPath: o.data.areaPath,
        assessments: [],
        milestones: [],
      };
      const reached =
        ['assessing', 'incubating', 'hatched'].includes(stage) ||
        (stage !== 'applied' && r.next() < 0.5);
      if (reached) data.assessingOn = addDays(appliedOn, r.int(7, 30));
      if (['incubating', 'hatched'].includes(stage)) {
        data.incubatingOn = addDays(data.assessingOn, r.int(14, 45));
        data.assessments.push({
          date: data.incubatingOn,
          governance: r.int(50, 90),
          finance: r.int(40, 90),
          services: r.int(50, 95),
          volunteers: r.int(40, 95),
          note: '入壳评估',
        });
        data.milestones.push({ date: data.incubatingOn, title: '入壳', done: true });
      }
      if (stage === 'hatched') {
        data.hatchedOn = addDays(data.incubatingOn, r.int(180, 400));
        data.assessments.push({
          date: data.hatchedOn,
          governance: r.int(70, 98),
          finance: r.int(65, 95),
          services: r.int(70, 98),
          volunteers: r.int(60, 98),
          note: '出壳评估',
        });
        data.milestones.push({ date: data.hatchedOn, title: '出壳', done: true });
      }
      if (stage === 'withdrawn' || stage === 'rejected')
        data.closedOn = addDays(data.assessingOn ?? appliedOn, r.int(5, 60));
      notAfter(data, today, next);
      const hub = (r.next() < 0.3 ? districtHub : hubs.get(parent.documentId)) as PlannedRow;
      plan.incubations.push(row(data, { organisation: o.documentId, hub: hub.documentId }));
    }
  }
  return plan;
}

/** The city's area code (the city's own six digits, as Chengdu's are 510100). */
const CITY_CODE = '510100';

/**
 * A city of Xindu-shaped districts with `grassroots` communities and villages in all (Chengdu:
 * 4,351), under one city area (示范市) that the city-wide account is scoped to.
 */
export function planCity(grassroots: number, seed = 2026): SeedPlan[] {
  const perDistrict =
    XINDU.subdistricts.length *
      (XINDU.subdistrictShape.communities + XINDU.subdistrictShape.villages) +
    XINDU.towns.length * (XINDU.townShape.communities + XINDU.townShape.villages);
  const plans: SeedPlan[] = [];
  for (let d = 0, left = grassroots; left > 0; d += 1, left -= perDistrict) {
    const share = Math.min(left, perDistrict);
    const spec: DistrictSpec = {
      ...XINDU,
      code: String(510200 + d * 3).slice(0, 6),
      name: `示范${d + 1}区`,
      microGrids: Math.round((XINDU.microGrids * share) / perDistrict),
      microGridMembers: Math.round((XINDU.microGridMembers * share) / perDistrict),
      partnerUnits: Math.round((XINDU.partnerUnits * share) / perDistrict),
    };
    plans.push(planDistrict(spec, seed + d, share));
  }
  // The city above them: its area first, each district under it, every path beneath it.
  const city: PlannedRow = {
    documentId: newDocumentId(),
    data: { name: '示范市', code: CITY_CODE, level: 'city', path: `/${CITY_CODE}/` },
    relations: {},
  };
  const under = (path: unknown) =>
    typeof path === 'string' && path.startsWith('/') ? `/${CITY_CODE}${path}` : path;
  for (const plan of plans) {
    const { areas, grids, compounds, people, organisations, incubations } = plan;
    for (const rows of [areas, grids, compounds, people, organisations, incubations]) {
      for (const row of rows) {
        if ('path' in row.data) row.data.path = under(row.data.path);
        if ('areaPath' in row.data) row.data.areaPath = under(row.data.areaPath);
      }
    }
    const district = plan.areas.find((a) => a.data.level === 'district');
    if (district) district.relations.parent = city.documentId;
    plan.anchors.city = city.documentId;
  }
  (plans[0] as SeedPlan).areas.unshift(city);
  return plans;
}
