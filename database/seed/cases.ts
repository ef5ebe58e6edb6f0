import type { Core } from '@strapi/strapi';
import {
  addWorkingMinutes,
  workingMinutesBetween,
  type Calendar,
} from '../../plugins/cases/server/src/domain/calendar';
import type { CategoryNode } from '../../plugins/cases/server/src/domain/types';
import type { Actor, CaseRow } from '../../plugins/cases/server/src/services/cases';
import { getService as casesService } from '../../plugins/cases/server/src/utils';
import { personName } from './names';
import { createRandom, type Random } from './random';
import { dbQuery } from './strapi';

/**
 * The cases demo, filed through the cases services as the people who would have done it — the
 * resident on the QR form, the hotline, the grid worker, the community, the street office's
 * centre, the departments — each step at its own past time (the clock's `at`), so numbers,
 * deadlines, the timeline and the overdue marks are what the real flow would have left. Nothing
 * is inserted around the services.
 *
 * `small` (the default, and what the tests seed): a few hundred cases over the last 90 days,
 * most of them in the demo community-worker's community and its subdistrict, with 住建局 called
 * in often, so every demo account's queues have content. `district` (LINLI_SEED_CASES=district)
 * adds a year of cases across every community and village, sent to the 20 departments.
 */

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;
const CHINA_OFFSET = 8 * HOUR;
const TYPE = 'resident-request';

export type CasesSeedSize = 'small' | 'district';

/** LINLI_SEED_CASES: `district` adds the district's year; unset or `small` seeds the small demo. */
export const casesSeedSize = (): CasesSeedSize =>
  process.env.LINLI_SEED_CASES === 'district' ? 'district' : 'small';

export const SMALL_CASES = { cases: 320, days: 90 };
export const DISTRICT_CASES = { cases: 30_000, days: 365 };

/**
 * The published satisfaction split (FIGURES.md, Tieshanping: 66.5 % satisfied, 18.5 % basically
 * satisfied, 15 % dissatisfied) as a bag of 200 ratings drawn without replacement, so any run of
 * a few hundred ratings lands on it within a point or two.
 */
export const SATISFACTION_BAG: Record<number, number> = { 5: 80, 4: 53, 3: 37, 2: 18, 1: 12 };

type Channel = 'qr' | 'phone' | 'grid' | 'proactive';
const CHANNELS: [Channel, number][] = [
  ['qr', 45],
  ['phone', 25],
  ['grid', 20],
  ['proactive', 10],
];

type Fate =
  | 'new'
  | 'unsigned'
  | 'handling'
  | 'waiting'
  | 'replied'
  | 'closed'
  | 'reopened'
  | 'transferred'
  | 'merged'
  | 'split';

const FATES: [Fate, number][] = [
  ['new', 4],
  ['unsigned', 5],
  ['handling', 13],
  ['waiting', 3],
  ['replied', 6],
  ['closed', 56],
  ['reopened', 5],
  ['transferred', 6],
  ['merged', 2],
  ['split', 1],
];

/** What residents write, by the resident-request type's items. */
const TITLES: Record<string, string[]> = {
  garbage: ['小区垃圾清运不及时', '垃圾桶满溢无人清理', '建筑垃圾堆在单元门口'],
  street_cleaning: ['路面油污无人清扫', '落叶堆积堵塞人行道'],
  public_toilet: ['公厕无人保洁异味大'],
  pests: ['地下室老鼠多', '小区绿化带蚊虫滋生'],
  road_damage: ['小区门口路面塌陷', '人行道地砖松动'],
  street_light: ['楼道灯坏了晚上看不见路', '小区路灯不亮'],
  waterlogging: ['雨天地下车库积水', '路口排水不畅积水'],
  manhole: ['井盖破损存在安全隐患'],
  property_service: ['物业不回应维修诉求', '单元门禁坏了没人修'],
  elevator: ['电梯经常困人', '电梯停运一周未修'],
  parking: ['小区乱停车堵塞通道', '僵尸车长期占用车位'],
  property_fees: ['物业费收费标准有疑问'],
  fire_hazard: ['楼道堆放杂物', '电动车在楼道充电'],
  fire_lane: ['消防通道被车辆占用'],
  public_order: ['夜间有人聚集喧哗'],
  noise: ['楼上装修噪音扰民', '广场舞音响声音太大'],
  leak: ['楼上漏水到我家'],
  pets: ['邻居养狗不拴绳'],
  home_care: ['独居老人需要定期探访'],
  meals: ['希望社区开设老年助餐点'],
  disability: ['无障碍坡道损坏'],
  suggestion: ['建议增设健身器材', '建议增加儿童游乐设施'],
  other_matter: ['咨询社区办事流程'],
};

/** Whom the centre transfers a category to when the community cannot handle it. */
const TRANSFER_TO: Record<string, string[]> = {
  environment: ['城管局', '生态环境局'],
  facilities: ['住建局', '交通运输局', '水务局', '城管局'],
  property: ['住建局', '市场监管局'],
  safety: ['应急局', '公安分局'],
  neighbours: ['司法局', '公安分局'],
  care: ['民政局', '卫健局', '医保局', '退役军人事务局', '人社局'],
  other: ['社治委', '教育局', '文广旅局', '农业农村局', '规划和自然资源局', '财政局'],
};

/** Which department a whistle item calls (吹哨报到's 3 categories, 20+ items). */
const WHISTLE_TO: Record<string, string> = {
  illegal_building: '城管局',
  street_vending: '城管局',
  mobile_vendors: '城管局',
  cooking_fumes: '生态环境局',
  noise: '生态环境局',
  garbage: '城管局',
  parking: '公安分局',
  road_damage: '交通运输局',
  greenery: '城管局',
  street_light: '城管局',
  waterlogging: '水务局',
  housing_safety: '住建局',
  fire_hazard: '应急局',
  group_rental: '公安分局',
  disputes: '司法局',
  dogs: '公安分局',
  food_safety: '市场监管局',
  pollution: '生态环境局',
  elevator: '住建局',
  pipe_leak: '水务局',
  utility_outage: '住建局',
  gas_safety: '住建局',
  cables: '住建局',
};

interface Place {
  id: number;
  documentId: string;
  path: string;
  name: string;
}
interface Department {
  id: number;
  documentId: string;
  name: string;
  short: string;
}
interface DemoUser {
  id: number;
  username: string;
  scope: Place | null;
  unit: { id: number } | null;
}

/** One case as it runs: the row once filed, its whistles, whom it is with. */
interface Running {
  row: CaseRow | null;
  place: Place;
  handler: Actor;
  whistles: string[];
  failed: boolean;
}

interface Step {
  at: number;
  seq: number;
  c: Running;
  label: string;
  run: () => Promise<void>;
}

export interface CasesSeedResult {
  cases: number;
  byState: Record<string, number>;
  reopened: number;
  merged: number;
  split: number;
  pressed: number;
  extended: number;
  whistles: number;
  rated: number;
  refused: number;
  ms: number;
}

const system = (name: string): Actor => ({
  userId: null,
  role: 'system',
  unitId: null,
  scopePath: '',
  isReporter: false,
  name,
  global: true,
});

const staff = (
  role: 'community-worker' | 'grid-worker' | 'department',
  scopePath: string | null,
  name: string,
  userId: number | null = null,
  unitId: number | null = null,
): Actor => ({ userId, role, unitId, scopePath, isReporter: false, name, global: false });

/** Seeds the demo cases once per size; null when there was nothing to do. */
export async function seedDemoCases(strapi: Core.Strapi): Promise<CasesSeedResult | null> {
  if (!strapi.plugin('cases')) return null;
  const started = Date.now();
  const before = await lastCaseId(strapi);
  const ctx = await context(strapi);
  if (!ctx) return null;
  let refused = 0;
  let ran = false;
  if (!(await smallSeeded(strapi, ctx))) {
    refused += await simulate(strapi, ctx, 'small');
    ran = true;
  }
  if (casesSeedSize() === 'district' && !(await districtSeeded(strapi))) {
    refused += await simulate(strapi, ctx, 'district');
    ran = true;
  }
  if (!ran) return null;
  // The timers, as the one-minute sweep would have run them: due soon and overdue from the
  // deadlines the steps stored, whistles not reported in time.
  await casesService(strapi, 'sweep').runOnce(new Date());
  return { ...(await countSince(strapi, before)), refused, ms: Date.now() - started };
}

/** The one log line for the seed. */
export function casesSeedLine(r: CasesSeedResult): string {
  const states = Object.entries(r.byState)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  return (
    `Seeded the demo cases: ${r.cases} cases (${states}; ${r.reopened} reopened, ${r.merged} merged, ` +
    `${r.split} split, ${r.pressed} pressed, ${r.extended} with extensions), ${r.whistles} whistles, ` +
    `${r.rated} rated${r.refused ? `, ${r.refused} steps refused` : ''} in ${r.ms} ms.`
  );
}

async function lastCaseId(strapi: Core.Strapi): Promise<number> {
  const last = (await dbQuery(strapi, 'plugin::cases.case').findOne({
    select: ['id'],
    orderBy: { id: 'desc' },
  })) as { id: number } | null;
  return last?.id ?? 0;
}

interface SeedContext {
  cal: Calendar;
  categories: CategoryNode[];
  whistleCategories: CategoryNode[];
  worker: DemoUser;
  street: DemoUser | null;
  grid: DemoUser | null;
  dept: DemoUser | null;
  resident: { id: number } | null;
  community: Place;
  subdistrict: Place | null;
  nearby: Place[];
  everywhere: Place[];
  departments: Department[];
}

async function demoUser(strapi: Core.Strapi, username: string): Promise<DemoUser | null> {
  return (await dbQuery(strapi, 'plugin::users-permissions.user').findOne({
    where: { username },
    select: ['id', 'username'],
    populate: {
      scope: { select: ['id', 'documentId', 'path', 'name'] },
      unit: { select: ['id'] },
    },
  })) as DemoUser | null;
}

async function context(strapi: Core.Strapi): Promise<SeedContext | null> {
  const worker = await demoUser(strapi, 'community-worker');
  if (!worker?.scope) return null;
  const street = await demoUser(strapi, 'street-office');
  const places = (await dbQuery(strapi, 'plugin::cms.area').findMany({
    where: { level: { $in: ['community', 'village'] } },
    select: ['id', 'documentId', 'path', 'name'],
    orderBy: { path: 'asc' },
  })) as Place[];
  const subdistrict = street?.scope ?? null;
  const orgs = (await dbQuery(strapi, 'plugin::cms.organisation').findMany({
    where: { kind: 'department' },
    select: ['id', 'documentId', 'name'],
    orderBy: { id: 'asc' },
  })) as Omit<Department, 'short'>[];
  const district = (await dbQuery(strapi, 'plugin::cms.area').findOne({
    where: { level: 'district' },
    select: ['name'],
  })) as { name: string } | null;
  const departments = orgs.map((o) => ({
    ...o,
    short:
      district && o.name.startsWith(district.name) ? o.name.slice(district.name.length) : o.name,
  }));
  const { definition } = await casesService(strapi, 'types').published(TYPE);
  const resident = (await dbQuery(strapi, 'plugin::users-permissions.user').findOne({
    where: { username: 'resident' },
    select: ['id'],
  })) as { id: number } | null;
  return {
    cal: await casesService(strapi, 'calendar').current(),
    categories: definition.categories,
    whistleCategories: definition.whistle?.categories ?? [],
    worker,
    street,
    grid: await demoUser(strapi, 'grid-worker'),
    dept: await demoUser(strapi, 'department'),
    resident,
    community: worker.scope,
    subdistrict,
    nearby: subdistrict
      ? places.filter((p) => p.path.startsWith(subdistrict.path) && p.id !== worker.scope?.id)
      : [],
    everywhere: places,
    departments,
  };
}

/**
 * The small demo is marked by the cases the demo resident reported (it always files some, so
 * the resident's own list has lines); the district's by cases older than the small demo's span.
 */
async function smallSeeded(strapi: Core.Strapi, ctx: SeedContext): Promise<boolean> {
  if (!ctx.resident) return true;
  return !!(await dbQuery(strapi, 'plugin::cases.case').findOne({
    where: { reporterUserId: ctx.resident.id },
    select: ['id'],
  }));
}

async function districtSeeded(strapi: Core.Strapi): Promise<boolean> {
  const old = new Date(Date.now() - (SMALL_CASES.days + 30) * DAY);
  return !!(await dbQuery(strapi, 'plugin::cases.case').findOne({
    where: { createdAt: { $lt: old } },
    select: ['id'],
  }));
}

async function countSince(strapi: Core.Strapi, before: number) {
  const q = () => dbQuery(strapi, 'plugin::cases.case');
  const mine = { id: { $gt: before } };
  const byState: Record<string, number> = {};
  for (const s of ['new', 'dispatched', 'handling', 'waiting_info', 'replied', 'closed']) {
    const n = await q().count({ where: { ...mine, state: s } });
    if (n) byState[s] = n;
  }
  const cases = await q().count({ where: mine });
  const whistles = await dbQuery(strapi, 'plugin::cases.whistle').count({
    where: { caseId: { $gt: before } },
  });
  return {
    cases,
    byState,
    reopened: await q().count({ where: { ...mine, reopenCount: { $gt: 0 } } }),
    merged: await q().count({ where: { ...mine, mergedIntoId: { $notNull: true } } }),
    split: await q().count({ where: { ...mine, parentId: { $notNull: true } } }),
    pressed: await q().count({ where: { ...mine, pressCount: { $gt: 0 } } }),
    extended: await q().count({ where: { ...mine, extension: { $notNull: true } } }),
    whistles,
    rated: await q().count({ where: { ...mine, satisfaction: { $notNull: true } } }),
  };
}

/** The instant `minutes` working minutes before `now` (the calendar counts only forwards). */
function workingAgo(cal: Calendar, now: number, minutes: number): number {
  let lo = now - 60 * DAY;
  let hi = now;
  for (let i = 0; i < 40; i += 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (workingMinutesBetween(cal, new Date(mid), new Date(now)) > minutes) lo = mid;
    else hi = mid;
  }
  return hi - MINUTE;
}

function weighted<T>(r: Random, table: [T, number][]): T {
  const total = table.reduce((s, [, w]) => s + w, 0);
  let x = r.next() * total;
  for (const [v, w] of table) {
    x -= w;
    if (x < 0) return v;
  }
  return (table[table.length - 1] as [T, number])[0];
}

/** A whole number in [a, b). */
const between = (r: Random, a: number, b: number) => a + Math.floor(r.next() * (b - a));

/** A daytime instant (China 07:30–21:30) `days` days before `now`, never after it. */
function daytime(r: Random, now: number, days: number): number {
  const day = Math.floor((now + CHINA_OFFSET) / DAY) - Math.floor(days);
  let at = day * DAY - CHINA_OFFSET + between(r, 7.5 * HOUR, 21.5 * HOUR);
  if (at > now - 5 * MINUTE) at -= DAY;
  return at;
}

/**
 * Plans every case as a chain of steps at increasing times, runs all steps of all cases in time
 * order (numbers follow the dates, as they would), and drops the steps that would fall after
 * now: a case planned to close but filed yesterday is simply still open. Returns how many steps
 * the services refused (logged; the case keeps the steps it got).
 */
async function simulate(strapi: Core.Strapi, ctx: SeedContext, size: CasesSeedSize) {
  const spec = size === 'small' ? SMALL_CASES : DISTRICT_CASES;
  const r = createRandom(size === 'small' ? 20261130 : 20261201);
  const now = Date.now();
  const cases = casesService(strapi, 'cases');
  const receipts = casesService(strapi, 'receipts');
  const whistles = casesService(strapi, 'whistles');
  const clock = casesService(strapi, 'clock');
  const steps: Step[] = [];
  let seq = 0;
  const at = (c: Running, t: number, label: string, run: () => Promise<void>) => {
    steps.push({ at: t, seq: seq++, c, label, run });
  };

  const worker = ctx.worker;
  const streetActor = ctx.street?.scope
    ? staff('community-worker', ctx.street.scope.path, ctx.street.username, ctx.street.id)
    : null;
  // The demo accounts act in their own areas (so the cases are theirs: signed, in 'mine');
  // elsewhere the community's staff act under the community's name.
  const communityActor = (place: Place): Actor =>
    place.id === ctx.community.id
      ? staff('community-worker', place.path, worker.username, worker.id)
      : streetActor && place.id === ctx.subdistrict?.id
        ? streetActor
        : staff('community-worker', place.path, `${place.name}社区工作站`);
  const gridActor = (place: Place): Actor =>
    place.id === ctx.community.id && ctx.grid
      ? staff('grid-worker', place.path, ctx.grid.username, ctx.grid.id)
      : staff('grid-worker', place.path, `${place.name}网格员`);
  const inSubdistrict = (p: Place) => !!ctx.subdistrict && p.path.startsWith(ctx.subdistrict.path);
  const centreOf = (p: Place): Actor =>
    streetActor && inSubdistrict(p) ? streetActor : system('区综治中心');
  const housing = ctx.departments.find((d) => d.id === ctx.dept?.unit?.id) ?? null;
  const deptActor = (d: Department): Actor =>
    ctx.dept && d.id === ctx.dept.unit?.id
      ? staff('department', ctx.dept.scope?.path ?? null, ctx.dept.username, ctx.dept.id, d.id)
      : staff('department', null, d.name, null, d.id);
  const deptNamed = (short: string) => ctx.departments.find((d) => d.short === short) ?? null;

  // The satisfaction bag, refilled and shuffled every 200 ratings.
  let bag: number[] = [];
  const nextRating = (): number => {
    if (!bag.length) {
      bag = Object.entries(SATISFACTION_BAG).flatMap(([v, n]) => Array<number>(n).fill(Number(v)));
      for (let i = bag.length - 1; i > 0; i -= 1) {
        const j = Math.floor(r.next() * (i + 1));
        [bag[i], bag[j]] = [bag[j] as number, bag[i] as number];
      }
    }
    return bag.pop() as number;
  };

  const executed = new Map<number, Running[]>();

  const transition = async (c: Running, who: Actor, key: string, extra: object = {}) => {
    const row = c.row as CaseRow;
    c.row = await cases.withCase(row.documentId, who, async (fresh) =>
      cases.applyTransition(
        fresh,
        await cases.definitionOf(fresh),
        who,
        { transition: key, expectedState: fresh.state, ...extra },
        clock.now(),
      ),
    );
  };
  const refresh = async (c: Running) => {
    c.row = (await dbQuery(strapi, 'plugin::cases.case').findOne({
      where: { id: (c.row as CaseRow).id },
    })) as CaseRow;
  };

  const itemsOf = (key: string) => ctx.categories.find((c) => c.key === key)?.children ?? [];

  /** Chooses where a case is, by size: the small demo crowds the demo accounts' areas. */
  const placeFor = (): { place: Place; level: 'community' | 'subdistrict' } => {
    if (size === 'district') return { place: r.pick(ctx.everywhere), level: 'community' };
    const x = r.next();
    if (x < 0.45 || !ctx.nearby.length) return { place: ctx.community, level: 'community' };
    if (x < 0.8) return { place: r.pick(ctx.nearby), level: 'community' };
    if (x < 0.84 && ctx.subdistrict && streetActor)
      return { place: ctx.subdistrict, level: 'subdistrict' };
    return { place: r.pick(ctx.everywhere), level: 'community' };
  };

  /** Plans one case of the given fate; the pinned ones also fix its start, place and department. */
  let planned = 0;
  const plan = (given: {
    t0?: number;
    fate: Fate;
    /** pinned on purpose (the cases the demo accounts' queues need): no random extras */
    pinned?: boolean;
    whistle?: boolean;
    place?: Place;
    dept?: Department;
    level?: 'community' | 'subdistrict';
  }) => {
    planned += 1;
    const fate = given.fate;
    const pinned = !!given.pinned;
    const chosen = given.place
      ? { place: given.place, level: given.level ?? ('community' as const) }
      : placeFor();
    const { place, level } = chosen;
    const maxAge = spec.days;
    const age: Record<Fate, [number, number]> = {
      new: [0.05, 4],
      unsigned: [0.1, 6],
      handling: [0.3, 12],
      waiting: [1, 10],
      replied: [0.5, 3],
      closed: [8, maxAge],
      reopened: [4, maxAge],
      transferred: [0.2, maxAge],
      merged: [1, maxAge],
      split: [0.5, 5],
    };
    const [a, b] = age[fate];
    let t = given.t0 ?? daytime(r, now, a + r.next() * (b - a));
    const category = r.pick(ctx.categories);
    const item = r.pick(category.children ?? [category]);
    const title = r.pick(TITLES[item.key] ?? [item.label.zh]);
    const channel = fate === 'new' ? 'phone' : weighted(r, CHANNELS);
    const byResident =
      size === 'small' && channel === 'qr' && place.id === ctx.community.id && r.next() < 0.25;
    const handler =
      level === 'subdistrict' && streetActor
        ? streetActor
        : place.id === ctx.community.id && ctx.grid && r.next() < 0.3
          ? gridActor(place)
          : communityActor(place);
    const c: Running = { row: null, place, handler, whistles: [], failed: false };
    const centre = centreOf(place);
    const intakeBy: Actor =
      channel === 'qr'
        ? system('扫码提交')
        : channel === 'phone'
          ? system('12345热线')
          : channel === 'grid'
            ? gridActor(place)
            : communityActor(place);
    const reporter = personName(r);
    at(c, t, 'intake', async () => {
      c.row = await cases.intake(
        {
          type: TYPE,
          title,
          description: `${title}，请尽快处理。`,
          // a call the hotline could not classify waits at the centre, unassigned
          ...(fate === 'new' ? {} : { category: category.key, item: item.key }),
          area: place.documentId,
          address: `${place.name}${between(r, 1, 30)}栋${between(r, 1, 6)}单元`,
          reporterName: reporter,
          reporterPhone: `1${r.pick(['38', '39', '58', '86', '77'])}${String(between(r, 0, 1e8)).padStart(8, '0')}`,
        },
        {
          channel,
          who: intakeBy,
          reporterUserId: byResident && ctx.resident ? ctx.resident.id : null,
        },
      );
      const list = executed.get(place.id) ?? [];
      list.push(c);
      executed.set(place.id, list);
    });
    if (fate === 'new') {
      // Some unclassified calls the community already called departments in on.
      if (housing && (given.whistle || (size === 'small' && r.next() < 0.2)))
        planWhistle(c, t + between(r, 30 * MINUTE, 3 * HOUR), housing, 'never');
      return;
    }
    if (fate === 'merged') {
      at(c, t + between(r, 20 * MINUTE, 3 * HOUR), 'merge', async () => {
        const others = (executed.get(place.id) ?? []).filter(
          (o) => o !== c && o.row && !o.row.mergedIntoId && o.row.id < (c.row as CaseRow).id,
        );
        const into = others[others.length - 1];
        if (!into?.row) return;
        await cases.merge((c.row as CaseRow).documentId, {
          into: into.row.documentId,
          note: `与${into.row.number}反映的是同一问题，合并办理`,
        });
        await refresh(c);
      });
      return;
    }
    if (fate === 'unsigned') return;
    if (fate === 'transferred') {
      const dept =
        given.dept ??
        (size === 'small' && housing && r.next() < 0.7
          ? housing
          : (deptNamed(r.pick(TRANSFER_TO[category.key] ?? ['住建局'])) ?? housing));
      if (!dept) return;
      t += between(r, 15 * MINUTE, 90 * MINUTE);
      at(c, t, 'transfer', () =>
        transition(c, centre, 'transfer', {
          target: { kind: 'organisation', id: dept.documentId },
          note: `属${dept.short}职责，转${dept.short}办理`,
        }),
      );
      // One in eight sits unsigned at the department, past its two hours.
      if (!pinned && r.next() < 0.12) return;
      t += between(r, 10 * MINUTE, 100 * MINUTE);
      const d = deptActor(dept);
      at(c, t, 'sign', () => transition(c, d, 'sign'));
      if (pinned) return;
      t += between(r, 1 * DAY, 8 * DAY);
      at(c, t, 'reply', () =>
        transition(c, d, 'reply', { note: `${dept.short}已现场核查并处置：${title}问题已解决。` }),
      );
      planAfterReply(c, t, centre, d);
      return;
    }
    t += between(r, 8 * MINUTE, 110 * MINUTE);
    const h = handler;
    at(c, t, 'sign', () => transition(c, h, 'sign'));
    if (fate === 'split') {
      at(c, t + between(r, 30 * MINUTE, 4 * HOUR), 'split', async () => {
        const parts = itemsOf(category.key)
          .slice(0, 2)
          .map((it) => ({
            title: `${r.pick(TITLES[it.key] ?? [it.label.zh])}（拆分）`,
            item: it.key,
          }));
        await cases.split((c.row as CaseRow).documentId, {
          parts,
          note: '一件诉求涉及多个事项，拆分分别办理',
        });
      });
      return;
    }
    if (pinned) return;
    // Everything around the handling (press, extension) happens before the reply.
    const end =
      fate === 'handling' || fate === 'waiting'
        ? now
        : fate === 'replied'
          ? between(r, t + HOUR, Math.max(t + 2 * HOUR, now))
          : t + between(r, 4 * HOUR, 5 * DAY);
    const pressAt = between(r, t + HOUR, Math.max(t + 2 * HOUR, end));
    if (r.next() < 0.12 && pressAt < end) {
      at(c, pressAt, 'press', async () => {
        await cases.press((c.row as CaseRow).documentId, { note: '请加快办理，按时答复居民' });
      });
    }
    const ask = between(r, t + 2 * HOUR, Math.max(t + 3 * HOUR, end));
    if (r.next() < 0.07 && ask < end) {
      at(c, ask, 'extension', async () => {
        await cases.requestExtension((c.row as CaseRow).documentId, {
          workingDays: between(r, 2, 6),
          reason: '需协调产权单位和施工队，工期较长',
        });
      });
      if (fate !== 'handling' || r.next() < 0.6) {
        const grant = r.next() < 0.75;
        const decided = Math.max(ask + 1, Math.min(ask + between(r, HOUR, 6 * HOUR), end - 1));
        at(c, decided, 'decide extension', async () => {
          await cases.decideExtension((c.row as CaseRow).documentId, {
            grant,
            note: grant ? '同意延期，请按新期限办结' : '不同意延期，请按期办结',
          });
        });
      }
    }
    let replyFrom = t;
    if (fate !== 'waiting' && r.next() < (size === 'small' ? 0.14 : 0.08)) {
      const pool = whistleDepartment(fate);
      if (pool) replyFrom = planWhistle(c, t + between(r, HOUR, 6 * HOUR), pool.dept, pool.report);
    }
    if (fate === 'handling') return;
    if (fate === 'waiting') {
      at(c, between(r, t + 30 * MINUTE, Math.max(t + HOUR, now)), 'ask info', () =>
        transition(c, h, 'ask_info', { note: '请补充现场照片和具体位置' }),
      );
      return;
    }
    const replyAt = Math.max(replyFrom + HOUR, end);
    at(c, replyAt, 'reply', () =>
      transition(c, h, 'reply', { note: `已联系相关人员处理，${title}问题已解决，感谢您的反映。` }),
    );
    if (fate === 'replied') return;
    if (fate === 'reopened') {
      let u = replyAt + between(r, 2 * HOUR, DAY);
      at(c, u, 'resident rates low', async () => {
        await receipts.rate((c.row as CaseRow).receiptCode, {
          satisfaction: r.next() < 0.5 ? 1 : 2,
          note: '问题没有解决',
        });
      });
      u += between(r, HOUR, DAY);
      at(c, u, 'resident reopens', async () => {
        await receipts.reopen((c.row as CaseRow).receiptCode, {
          reason: '答复说已解决，但问题依旧存在',
        });
        await refresh(c);
      });
      u += between(r, DAY, 4 * DAY);
      at(c, u, 'reply again', () =>
        transition(c, h, 'reply', { note: '已再次上门处理并复查，问题已解决。' }),
      );
      planAfterReply(c, u, centre, h);
      return;
    }
    planAfterReply(c, replyAt, centre, h);
  };

  /** After the reply: the resident rates (or not), the centre closes, staff may call back. */
  function planAfterReply(c: Running, replyAt: number, centre: Actor, handler: Actor) {
    let t = replyAt;
    const x = r.next();
    if (x < 0.65) {
      t += between(r, HOUR, 2 * DAY);
      at(c, t, 'resident rates', async () => {
        await receipts.rate((c.row as CaseRow).receiptCode, { satisfaction: nextRating() });
      });
    }
    t += between(r, 2 * HOUR, DAY);
    at(c, t, 'close', () => transition(c, centre, 'close'));
    if (x >= 0.65 && x < 0.87) {
      const caller = handler.role === 'department' ? communityActor(c.place) : handler;
      at(c, t + between(r, HOUR, 2 * DAY), 'call back', async () => {
        const done = c.row as CaseRow;
        await cases.callback(
          done.documentId,
          { satisfaction: nextRating(), note: '电话回访，居民对处理结果表示认可' },
          caller.role === 'grid-worker' ? communityActor(c.place) : caller,
        );
      });
    }
  }

  function whistleDepartment(
    fate: Fate,
  ): { dept: Department; report: 'on_time' | 'late' | 'never' } | null {
    const report = weighted<'on_time' | 'late' | 'never'>(
      r,
      fate === 'handling'
        ? [
            ['on_time', 50],
            ['late', 25],
            ['never', 25],
          ]
        : [
            ['on_time', 70],
            ['late', 30],
          ],
    );
    const housing = ctx.departments.find((d) => d.id === ctx.dept?.unit?.id);
    if (size === 'small' && housing && r.next() < 0.6) return { dept: housing, report };
    const item = r.pick(ctx.whistleCategories.flatMap((w) => w.children ?? []));
    const dept = deptNamed(WHISTLE_TO[item.key] ?? '住建局');
    return dept ? { dept, report } : null;
  }

  /** The whistle's chain; answers when the community may reply (after it rated the department). */
  function planWhistle(
    c: Running,
    t: number,
    dept: Department,
    report: 'on_time' | 'late' | 'never',
  ): number {
    const items = ctx.whistleCategories.flatMap((w) =>
      (w.children ?? []).map((i) => ({ category: w.key, item: i.key, label: i.label.zh })),
    );
    const own = items.filter((i) => WHISTLE_TO[i.item] === dept.short);
    const chosen = r.pick(own.length ? own : items);
    const community = communityActor(c.place);
    at(c, t, 'whistle', async () => {
      const detail = await whistles.whistle(
        (c.row as CaseRow).documentId,
        {
          departments: [dept.documentId],
          category: chosen.category,
          item: chosen.item,
          note: `${chosen.label}问题社区无法单独解决，请${dept.short}到场处置`,
        },
        community,
      );
      const w = detail.whistles.find((x) => x.departmentId === dept.id && x.state === 'called');
      if (w) c.whistles.push(w.documentId);
      await refresh(c);
    });
    if (report === 'never') return t;
    const d = deptActor(dept);
    let u =
      report === 'on_time'
        ? t + between(r, 15 * MINUTE, 90 * MINUTE)
        : addWorkingMinutes(ctx.cal, new Date(t), 120).getTime() + between(r, HOUR, DAY);
    at(c, u, 'department reports', async () => {
      const w = c.whistles[c.whistles.length - 1];
      if (w) await whistles.report(w, { note: `${dept.short}已到场` }, d);
    });
    u += between(r, 4 * HOUR, 3 * DAY);
    at(c, u, 'department acts', async () => {
      const w = c.whistles[c.whistles.length - 1];
      if (w) await whistles.act(w, { note: `${dept.short}已依职责处置完毕` }, d);
    });
    u += between(r, 2 * HOUR, DAY);
    const rating = weighted(r, [
      [5, 45],
      [4, 30],
      [3, 15],
      [2, 6],
      [1, 4],
    ] as [number, number][]);
    at(c, u, 'community rates department', async () => {
      const w = c.whistles[c.whistles.length - 1];
      if (w)
        await whistles.rate(
          w,
          { rating, note: rating >= 4 ? '响应及时，处置到位' : '处置不够彻底' },
          community,
        );
    });
    return u;
  }

  // The cases every demo account's first screen needs, placed on purpose: due soon at the
  // community, at the street office and at 住建局 (the rest is random and may miss the window).
  if (size === 'small') {
    const signWindow = workingAgo(ctx.cal, now, 105);
    const resolveWindow = workingAgo(ctx.cal, now, 2_200);
    const pinned = true;
    const community = ctx.community;
    plan({ pinned, t0: signWindow, fate: 'unsigned', place: community });
    plan({ pinned, t0: resolveWindow, fate: 'handling', place: community });
    plan({ pinned, t0: resolveWindow - 20 * MINUTE, fate: 'handling', place: community });
    // an unclassified call the community whistled 住建局 to, who never reported: 住建局's
    // unassigned queue, and an overdue whistle
    plan({
      pinned,
      t0: workingAgo(ctx.cal, now, 600),
      fate: 'new',
      place: community,
      whistle: true,
    });
    if (ctx.subdistrict && streetActor)
      plan({
        pinned,
        t0: resolveWindow,
        fate: 'handling',
        place: ctx.subdistrict,
        level: 'subdistrict',
      });
    if (housing) {
      plan({ pinned, t0: resolveWindow, fate: 'transferred', place: community, dept: housing });
      plan({ pinned, t0: workingAgo(ctx.cal, now, 2_600), fate: 'transferred', dept: housing });
    }
  }
  // The fates by quota, shuffled: even the rare ones (split, merged) are there in any run.
  const left = spec.cases - planned;
  const total = FATES.reduce((sum, [, w]) => sum + w, 0);
  const fates = FATES.flatMap(([fate, w]) =>
    Array<Fate>(Math.max(1, Math.round((w * left) / total))).fill(fate),
  );
  for (let i = fates.length - 1; i > 0; i -= 1) {
    const j = Math.floor(r.next() * (i + 1));
    [fates[i], fates[j]] = [fates[j] as Fate, fates[i] as Fate];
  }
  for (const fate of fates) plan({ fate });

  steps.sort((a, b) => a.at - b.at || a.seq - b.seq);
  let refused = 0;
  let done = 0;
  const every = size === 'district' ? Math.max(1, Math.floor(steps.length / 20)) : Infinity;
  for (const s of steps) {
    done += 1;
    if (done % every === 0)
      strapi.log.info(`Demo cases (${size}): ${done} of ${steps.length} steps…`);
    if (s.at > now || s.c.failed || (s.label !== 'intake' && !s.c.row)) continue;
    try {
      await clock.at(new Date(s.at), s.run);
    } catch (error) {
      // A step the services refuse (a state the plan did not foresee) ends that case's story
      // where it is; the count goes in the log line, the first few reasons here.
      s.c.failed = true;
      refused += 1;
      if (refused <= 5)
        strapi.log.warn(
          `Demo cases: ${s.label} on ${s.c.row?.number ?? 'a new case'} refused: ${String(error)}`,
        );
    }
  }
  return refused;
}
