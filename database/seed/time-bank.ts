import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import {
  addDays,
  chinaDate,
  chinaMidnight,
  chinaYear,
  todayInChina,
} from '../../cms/server/src/domain/china-time';
import { countedMinutes, creditedMinutes } from '../../plugins/time-bank/server/src/domain/time';
import { pathAt } from '../../plugins/time-bank/server/src/services/exchange';
import { n, type Doc } from '../../plugins/time-bank/server/src/services/shared';
import { TB, WORLD_ISSUED, memberAccount } from '../../plugins/time-bank/server/src/uids';
import { getService as timeBankService } from '../../plugins/time-bank/server/src/utils';
import { personName } from './names';
import { createRandom } from './random';
import { dbQuery, documents, ledgerService } from './strapi';

type Row = { id: number; documentId: string; path?: string; name?: string };

/**
 * The time bank's demo: a district pool and a pool in the community worker's community, funded
 * with issued hours; the demo volunteer and resident as members of that community (the resident
 * an elder whose care the pool pays for); a registered family link for the resident; a catalogue
 * (爱心超市). Everything goes through the time-bank services, so the ledger reconciles.
 * Idempotent: nothing is seeded twice.
 */
export async function seedDemoTimeBank(strapi: Core.Strapi): Promise<number> {
  const small = await seedSmallDemo(strapi);
  // The test runs seed only the small demo (LINLI_SEED_TIMEBANK=small, set by scripts/test.js):
  // the district's year takes most of a minute, in each of a run's three databases, and only
  // tests/api/time-bank-demo.test.ts needs it — it seeds it itself, through this same function.
  if (process.env.LINLI_SEED_TIMEBANK === 'small') return small;
  const district = await seedDistrictTimeBank(strapi);
  return small + district;
}

async function seedSmallDemo(strapi: Core.Strapi): Promise<number> {
  const members = timeBankService(strapi, 'members');
  if (await dbQuery(strapi, 'plugin::time-bank.member').findOne({ where: { kind: 'pool' } }))
    return 0;
  const worker = await dbQuery(strapi, 'plugin::users-permissions.user').findOne({
    where: { username: 'community-worker' },
    populate: { scope: true },
  });
  const community = (worker?.scope ?? null) as Row | null;
  const district: Row | null = await dbQuery(strapi, 'plugin::cms.area').findOne({
    where: { level: 'district' },
    select: ['id', 'documentId', 'path', 'name'],
  });
  if (!community || !district) return 0;
  const districtPool = await members.join({
    kind: 'pool',
    name: `${district.name}时间池`,
    area: district.documentId,
  });
  const communityPool = await members.join({
    kind: 'pool',
    name: `${community.name}时间池`,
    area: community.documentId,
  });
  await members.issue(districtPool.documentId as string, {
    minutes: 600_000,
    key: 'seed:issue:district',
  });
  await members.issue(communityPool.documentId as string, {
    minutes: 120_000,
    key: 'seed:issue:community',
  });

  let seeded = 2;
  const users = new Map<string, number>();
  for (const username of ['volunteer', 'resident']) {
    const user = await dbQuery(strapi, 'plugin::users-permissions.user').findOne({
      where: { username },
      select: ['id'],
    });
    if (user) users.set(username, user.id);
  }
  const volunteerUser = users.get('volunteer');
  const residentUser = users.get('resident');
  const volunteer = volunteerUser
    ? await members.join(
        {
          kind: 'person',
          name: '志愿者小李',
          area: community.documentId,
          categories: ['eldercare', 'escort', 'shopping'],
        },
        { user: volunteerUser },
      )
    : null;
  const resident = residentUser
    ? await members.join(
        { kind: 'person', name: '王阿姨', area: community.documentId, categories: [] },
        { user: residentUser },
      )
    : null;
  const daughter = await members.join({
    kind: 'person',
    name: '王阿姨的女儿',
    area: community.documentId,
    categories: ['shopping'],
  });
  seeded += [volunteer, resident, daughter].filter(Boolean).length;
  if (resident)
    await members.link({
      member: resident.documentId,
      relative: daughter.documentId,
      relation: 'child',
      evidence: '户口簿（演示数据）',
    });
  // The volunteer starts with some hours of service already confirmed, so the passbook has lines
  // and the catalogue can be used (redeeming starts at one star).
  if (volunteer && resident) {
    const exchange = timeBankService(strapi, 'exchange');
    const staff = { staff: true, member: null };
    const day = 86400_000;
    for (let i = 0; i < 11; i++) {
      const request = await exchange.post(
        {
          title: ['陪王阿姨去医院复诊', '帮王阿姨买菜', '上门陪伴聊天'][i % 3],
          category: 'eldercare',
          member: resident.documentId,
          windowStart: new Date(Date.now() + day).toISOString(),
          windowEnd: new Date(Date.now() + 3 * day).toISOString(),
          estimatedMinutes: 600,
          volunteersNeeded: 1,
        },
        staff,
      );
      const service = await exchange.accept(
        request.documentId as string,
        { volunteer: volunteer.documentId },
        staff,
      );
      await exchange.record(service.documentId as string, { minutes: 600 }, staff);
      await exchange.confirm(service.documentId as string, {}, staff);
    }
  }
  const items: [string, string, 'service' | 'goods', number, number, string][] = [
    ['大米 5 公斤', 'Rice 5 kg', 'goods', 120, 40, district.documentId],
    ['食用油 1 桶', 'Cooking oil', 'goods', 90, 40, district.documentId],
    ['理发一次', 'A haircut', 'service', 60, 100, community.documentId],
    ['家电清洗', 'Appliance cleaning', 'service', 180, 20, community.documentId],
    ['体检套餐', 'Health check', 'service', 600, 5, district.documentId],
  ];
  for (const [nameZh, nameEn, kind, priceMinutes, stock, area] of items)
    await strapi.documents('plugin::time-bank.catalogue-item' as never).create({
      data: { nameZh, nameEn, kind, priceMinutes, stock, area, active: true } as never,
    });
  return seeded;
}

// ---------------------------------------------------------------------------------------------
// The district's time bank: 427 teams, a few thousand volunteers and elders, a year of services,
// activities, gifts and redemptions (FIGURES.md: 427 volunteer service teams on 香城时间交易所).

/** The sizes of the district's time bank, as the demo test reads them. */
export const DISTRICT_TB = {
  teams: 427,
  volunteers: 3000,
  elders: 600,
  /** Volunteers who serve about once a week: they reach the first star and redeem. */
  stars: 40,
  /** Services paid by the community pools (elders' care, disability support), in bulk. */
  poolServices: 3200,
  /** Services of other categories, paid by the person served from gifted or earned hours. */
  paidServices: 300,
  /** Services run step by step through the exchange service (post → accept → … → confirm). */
  flowServices: 12,
  activities: 100,
  gifts: 40,
  familyLinks: 12,
  redemptions: 40,
  /** The last communities by code stay empty: the API tests take them as fresh ones. */
  untouchedCommunities: 3,
} as const;

/**
 * Seed markers: the demo's bulk rows have documentIds that start with these, so a test counts
 * the demo's own rows whatever other tests add to the same database.
 */
export const DISTRICT_TB_PREFIX = {
  // Seven characters: a documentId Strapi draws at random (24 of [a-z0-9]) starts with one of
  // these about once in 10^11, so counting by prefix counts the demo's rows and nothing else.
  pool: 'tbdemop',
  team: 'tbdemot',
  volunteer: 'tbdemov',
  elder: 'tbdemoe',
  request: 'tbdemoq',
  service: 'tbdemos',
  participation: 'tbdemoa',
  activity: 'tbdemoy',
} as const;

const TEAM_KINDS: [string, string[]][] = [
  ['助老服务队', ['eldercare', 'escort', 'shopping']],
  ['党员先锋队', ['party', 'environment', 'eldercare']],
  ['巾帼志愿服务队', ['childcare', 'eldercare']],
  ['青年志愿服务队', ['environment', 'repair', 'party']],
  ['邻里互助队', ['shopping', 'repair', 'eldercare']],
  ['助残志愿服务队', ['disability', 'escort']],
  ['环境美化志愿队', ['environment']],
  ['便民维修服务队', ['repair']],
  ['关爱儿童志愿队', ['childcare']],
  ['文明劝导志愿队', ['party', 'environment']],
  ['就医陪诊志愿队', ['escort', 'eldercare']],
];
const VOLUNTEER_CATEGORIES = [
  'eldercare',
  'eldercare',
  'eldercare',
  'escort',
  'shopping',
  'disability',
  'childcare',
  'repair',
  'environment',
  'party',
];
const POOL_TITLES: Record<string, string[]> = {
  eldercare: [
    '上门陪伴聊天',
    '陪同就医复诊',
    '助餐送餐上门',
    '帮忙打扫卫生',
    '代买生活用品',
    '读报陪伴',
  ],
  disability: ['陪同康复训练', '助残出行陪护', '上门康复陪伴'],
};
const PAID_TITLES: Record<string, string[]> = {
  repair: ['修水龙头', '换灯泡和插座', '疏通下水道', '修理门锁'],
  shopping: ['代买药品', '代取快递', '代办社保手续'],
  escort: ['陪同去医院检查', '陪同办理住院'],
  childcare: ['放学接送孩子', '辅导作业'],
  environment: ['楼道清理', '阳台绿植整理'],
};
const ACTIVITY_TITLES = [
  '重阳节敬老慰问',
  '社区环境大扫除',
  '垃圾分类宣传',
  '义诊进社区',
  '防诈骗宣传',
  '关爱留守儿童',
  '邻里节',
  '文明交通劝导',
  '党员志愿服务日',
  '消防安全演练',
];

type Id = number;
interface Place {
  id: Id;
  documentId: string;
  name: string;
  path: string;
  level: string;
}
interface Planned {
  documentId: string;
  id?: Id;
  kind: 'person' | 'team' | 'pool';
  name: string;
  place: Place;
  categories: string[];
  joinedOn: string;
  teams: string[];
  leader?: string;
  balance: number;
  earned: number;
}
/** A member as the time-bank services read it when paying (id, account, kind, name, place). */
type Payee = Doc;

const DAY_MS = 86400_000;
const ID_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Attribute metadata the bulk writer reads (scalars and join-table relations). */
interface AttributeMeta {
  type: string;
  columnName?: string;
  joinTable?: {
    name: string;
    joinColumn: { name: string };
    inverseJoinColumn: { name: string };
    orderColumnName?: string;
    inverseOrderColumnName?: string;
  };
}

/**
 * Rows of a time-bank content type written with bulk INSERTs, with Strapi's own metadata for
 * table, column and join-table names: only for records whose minutes are then moved by the
 * services (members before their accounts are opened, services and participations before they
 * are paid), never for the ledger's tables. Answers documentId → id.
 */
async function insertRows(
  strapi: Core.Strapi,
  trx: Knex.Transaction,
  uid: string,
  rows: { documentId: string; data: Record<string, unknown>; links: Record<string, Id[]> }[],
): Promise<Map<string, Id>> {
  const meta = strapi.db.metadata.get(uid);
  const attributes = meta.attributes as Record<string, AttributeMeta | undefined>;
  const now = new Date();
  const records = rows.map((row) => {
    const record: Record<string, unknown> = {
      document_id: row.documentId,
      created_at: now,
      updated_at: now,
      published_at: now,
    };
    for (const [field, value] of Object.entries(row.data)) {
      const attribute = attributes[field];
      if (!attribute) throw new Error(`seed: ${uid} has no attribute ${field}`);
      record[attribute.columnName ?? field] =
        attribute.type === 'json' && value !== null ? JSON.stringify(value) : value;
    }
    return record;
  });
  await chunked(trx, meta.tableName, records);
  const ids = new Map<string, Id>();
  const docs = rows.map((r) => r.documentId);
  for (let i = 0; i < docs.length; i += 500) {
    const found: { id: Id; document_id: string }[] = await trx(meta.tableName)
      .whereIn('document_id', docs.slice(i, i + 500))
      .select('id', 'document_id');
    for (const f of found) ids.set(f.document_id, Number(f.id));
  }
  const links = new Map<string, Record<string, unknown>[]>();
  const inverseOrder = new Map<string, number>();
  for (const row of rows) {
    for (const [field, targets] of Object.entries(row.links)) {
      const joinTable = attributes[field]?.joinTable;
      if (!joinTable) throw new Error(`seed: ${uid}.${field} has no join table`);
      const list = links.get(field) ?? [];
      targets.forEach((target, i) => {
        const link: Record<string, unknown> = {
          [joinTable.joinColumn.name]: ids.get(row.documentId),
          [joinTable.inverseJoinColumn.name]: target,
        };
        if (joinTable.orderColumnName) link[joinTable.orderColumnName] = i + 1;
        if (joinTable.inverseOrderColumnName) {
          const key = `${field}:${target}`;
          const next = (inverseOrder.get(key) ?? 0) + 1;
          inverseOrder.set(key, next);
          link[joinTable.inverseOrderColumnName] = next;
        }
        list.push(link);
      });
      links.set(field, list);
    }
  }
  for (const [field, list] of links) await chunked(trx, attributes[field]!.joinTable!.name, list);
  return ids;
}

async function chunked(
  trx: Knex.Transaction,
  table: string,
  rows: Record<string, unknown>[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object).length;
  // SQLite caps bound parameters and knex's compound SELECT at 500 terms.
  const size = Math.max(1, Math.min(400, Math.floor(30000 / Math.max(columns, 1))));
  for (let i = 0; i < rows.length; i += size) await trx(table).insert(rows.slice(i, i + size));
}

/**
 * The district's time bank, once (its teams mark it): a pool per community funded with issued
 * minutes; 427 teams with leaders and members; volunteers and elders; a year of services —
 * mostly elders' care paid by the pools, some other help paid by the person served from hours
 * gifted or earned before —; a hundred activities credited in batches; gifts; redemptions.
 * Members, requests, services and participations are written in bulk (the services are too
 * slow for thousands), but every minute moves through the time-bank services (hours.earnAll,
 * activities.credit, members.give, redemptions) or, for issuing into pools, ledger.transferAll;
 * a few dozen services go step by step through the exchange service. Dates are then set back
 * over the past year on the time-bank rows; the ledger's own entries carry the seeding day.
 */
export async function seedDistrictTimeBank(strapi: Core.Strapi): Promise<number> {
  const q = (uid: string) => dbQuery(strapi, uid);
  const marker = await q(TB.member).findOne({
    where: { documentId: { $startsWith: DISTRICT_TB_PREFIX.team } },
    select: ['id'],
  });
  if (marker) return 0;
  const r = createRandom(20261130);
  const phases: string[] = [];
  let lap = Date.now();
  const mark = (name: string) => {
    phases.push(`${name} ${((Date.now() - lap) / 1000).toFixed(1)} s`);
    lap = Date.now();
  };
  const docId = (prefix: string) => {
    let s = prefix;
    while (s.length < 24) s += ID_CHARS[Math.floor(r.next() * ID_CHARS.length)];
    return s;
  };
  const members = timeBankService(strapi, 'members');
  const hours = timeBankService(strapi, 'hours');
  const policies = timeBankService(strapi, 'policy');
  const ledger = ledgerService(strapi);
  await members.ensureWorldAccounts();
  const { policy, version } = await policies.inForce();

  const all: Place[] = await q('plugin::cms.area').findMany({
    where: { level: { $in: ['community', 'village'] } },
    select: ['id', 'documentId', 'name', 'path', 'level'],
    orderBy: { code: 'asc' },
  });
  const untouched = new Set(
    all
      .filter((p) => p.level === 'community')
      .slice(-DISTRICT_TB.untouchedCommunities)
      .map((p) => p.id),
  );
  const places = all.filter((p) => !untouched.has(p.id));
  if (places.length === 0) return 0;
  const existingPools: Doc[] = await q(TB.member).findMany({
    where: { kind: 'pool' },
    select: ['id', 'documentId', 'areaPath', 'accountCode', 'name', 'kind'],
  });
  const today = todayInChina();
  const joined = () => addDays(today, -r.int(380, 1500));

  // The members, planned.
  const planned: Planned[] = [];
  const plan = (
    prefix: string,
    kind: Planned['kind'],
    name: string,
    place: Place,
    categories: string[],
  ): Planned => {
    const m: Planned = {
      documentId: docId(prefix),
      kind,
      name,
      place,
      categories,
      joinedOn: kind === 'pool' ? addDays(today, -400) : joined(),
      teams: [],
      balance: 0,
      earned: 0,
    };
    planned.push(m);
    return m;
  };
  for (const place of places)
    if (!existingPools.some((p) => p.areaPath === place.path))
      plan(DISTRICT_TB_PREFIX.pool, 'pool', `${place.name}时间池`, place, []);
  const teamsOf = new Map<Id, Planned[]>();
  const shuffledPlaces = [...places].sort(() => r.next() - 0.5);
  for (let i = 0; i < DISTRICT_TB.teams; i++) {
    const place = shuffledPlaces[i % shuffledPlaces.length] as Place;
    const list = teamsOf.get(place.id) ?? [];
    const [suffix, categories] = TEAM_KINDS[(i * 7 + place.id) % TEAM_KINDS.length] as [
      string,
      string[],
    ];
    const taken = new Set(list.map((t) => t.name));
    let name = `${place.name}${suffix}`;
    for (let k = 1; taken.has(name); k++)
      name = `${place.name}${TEAM_KINDS[(i * 7 + place.id + k) % TEAM_KINDS.length]![0]}`;
    list.push(plan(DISTRICT_TB_PREFIX.team, 'team', name, place, categories));
    teamsOf.set(place.id, list);
  }
  const volunteersOf = new Map<Id, Planned[]>();
  const volunteers: Planned[] = [];
  for (let i = 0; i < DISTRICT_TB.volunteers; i++) {
    const place = places[i < places.length ? i : r.int(0, places.length - 1)] as Place;
    const cats = new Set<string>([r.pick(VOLUNTEER_CATEGORIES)]);
    for (let k = r.int(0, 2); k > 0; k--) cats.add(r.pick(VOLUNTEER_CATEGORIES));
    if (i < DISTRICT_TB.stars) cats.add('eldercare');
    const v = plan(DISTRICT_TB_PREFIX.volunteer, 'person', personName(r), place, [...cats]);
    volunteers.push(v);
    volunteersOf.set(place.id, [...(volunteersOf.get(place.id) ?? []), v]);
    const teams = teamsOf.get(place.id) ?? [];
    const own = volunteersOf.get(place.id)!.length;
    // The first volunteers of a community lead its teams; most others join one.
    if (teams.length && (own <= teams.length || r.next() < 0.85)) {
      const team = teams[own <= teams.length ? own - 1 : r.int(0, teams.length - 1)] as Planned;
      v.teams.push(team.documentId);
      team.leader ??= v.documentId;
    }
  }
  const eldersOf = new Map<Id, Planned[]>();
  const elders: Planned[] = [];
  for (let i = 0; i < DISTRICT_TB.elders; i++) {
    const place = places[i < places.length ? i : r.int(0, places.length - 1)] as Place;
    const e = plan(DISTRICT_TB_PREFIX.elder, 'person', personName(r), place, []);
    elders.push(e);
    eldersOf.set(place.id, [...(eldersOf.get(place.id) ?? []), e]);
  }

  // Written in bulk, accounts opened by the ledger, pools funded by issued minutes: one transaction.
  const byDoc = new Map(planned.map((m) => [m.documentId, m]));
  const poolOf = new Map<string, Payee>(
    existingPools.filter((p) => p.areaPath).map((p) => [p.areaPath as string, p]),
  );
  await strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
    const ids = await insertRows(
      strapi,
      trx,
      TB.member,
      planned.map((m) => ({
        documentId: m.documentId,
        data: {
          kind: m.kind,
          name: m.name,
          areaPath: m.place.path,
          passbookNo: `seed:${m.documentId}`,
          accountCode: memberAccount(m.documentId),
          categories: m.categories,
          joinedOn: m.joinedOn,
          status: 'active',
          earnedMinutes: 0,
        },
        links: { area: [m.place.id] },
      })),
    );
    for (const m of planned) m.id = ids.get(m.documentId);
    const teamLinks = planned
      .filter((m) => m.teams.length)
      .map((m) => ({ documentId: m.documentId, ids: m.teams.map((t) => byDoc.get(t)!.id!) }));
    const leaders = planned.filter((m) => m.leader);
    const meta = strapi.db.metadata.get(TB.member);
    const attributes = meta.attributes as Record<string, AttributeMeta | undefined>;
    for (const [field, rows] of [
      ['teams', teamLinks],
      [
        'leader',
        leaders.map((t) => ({ documentId: t.documentId, ids: [byDoc.get(t.leader!)!.id!] })),
      ],
    ] as const) {
      const jt = attributes[field]!.joinTable!;
      const order = new Map<Id, number>();
      await chunked(
        trx,
        jt.name,
        rows.flatMap((row) =>
          row.ids.map((target, i) => {
            const link: Record<string, unknown> = {
              [jt.joinColumn.name]: byDoc.get(row.documentId)!.id,
              [jt.inverseJoinColumn.name]: target,
            };
            if (jt.orderColumnName) link[jt.orderColumnName] = i + 1;
            if (jt.inverseOrderColumnName) {
              order.set(target, (order.get(target) ?? 0) + 1);
              link[jt.inverseOrderColumnName] = order.get(target);
            }
            return link;
          }),
        ),
      );
    }
    // Passbook numbers as members.join gives them: TB, the year joined, the row's id.
    const pad = (width: number) =>
      strapi.db.dialect.client === 'postgres'
        ? `lpad(CAST(id AS TEXT), ${width}, '0')`
        : `substr('0000000000' || id, -${width})`;
    for (const year of new Set(planned.map((m) => m.joinedOn.slice(2, 4))))
      await trx('time_bank_members')
        .whereIn(
          'document_id',
          planned.filter((m) => m.joinedOn.slice(2, 4) === year).map((m) => m.documentId),
        )
        .update({ passbook_no: trx.raw(`'TB${year}' || ${pad(7)}`) });
    for (const m of planned)
      await ledger.openAccount({
        code: memberAccount(m.documentId),
        unit: 'minute',
        minBalance: -policy.creditLimitMinutes[m.kind],
        name: `${m.name}`,
      });
    const pools = planned.filter((m) => m.kind === 'pool');
    await ledger.transferAll(
      pools.map((p) => ({
        key: `seed:issue:${p.documentId}`,
        debit: WORLD_ISSUED,
        credit: memberAccount(p.documentId),
        amount: 150_000,
        code: 'issue',
        reference: `time-bank.member:${p.documentId}`,
      })),
    );
  });
  mark('members');
  const payee = (m: Planned): Payee =>
    ({
      id: m.id,
      documentId: m.documentId,
      kind: m.kind,
      name: m.name,
      areaPath: m.place.path,
      accountCode: memberAccount(m.documentId),
    }) as unknown as Payee;
  for (const m of planned) if (m.kind === 'pool') poolOf.set(m.place.path, payee(m));

  // A year of services, planned: who served whom, when, for how long, who paid.
  const categories: Doc[] = await q(TB.category).findMany({
    select: ['id', 'documentId', 'code'],
  });
  const categoryId = new Map(categories.map((c) => [c.code as string, c.id]));
  const categoryDoc = new Map(categories.map((c) => [c.code as string, c.documentId as string]));
  interface PlannedService {
    volunteer: Planned;
    recipient: Planned;
    payer: Payee;
    payerPlanned: Planned | null;
    code: string;
    title: string;
    raw: number;
    counted: number;
    credited: number;
    hourType: 'credit' | 'honour';
    windowStart: Date;
    checkedIn: Date;
    checkedOut: Date;
    confirmed: Date;
    onBehalf: boolean;
  }
  const stars = volunteers.slice(0, DISTRICT_TB.stars);
  const near = (list: Map<Id, Planned[]>, place: Place, fallback: Planned[]): Planned => {
    const local = list.get(place.id);
    return local?.length ? r.pick(local) : r.pick(fallback);
  };
  const planService = (
    volunteer: Planned,
    recipient: Planned,
    code: string,
    titles: string[],
    payerPlanned: Planned | null,
  ): PlannedService => {
    const raw = r.pick([60, 75, 90, 120, 120, 150, 180, 240]) + r.int(0, 20);
    const counted = countedMinutes(raw, policy);
    const daysAgo = r.int(2, 364);
    const windowStart = new Date(chinaMidnight(addDays(today, -daysAgo)).getTime() + 9 * 3600_000);
    const checkedIn = new Date(windowStart.getTime() + r.int(0, 8 * 60) * 60_000);
    const checkedOut = new Date(checkedIn.getTime() + raw * 60_000);
    return {
      volunteer,
      recipient,
      payer: payerPlanned ? payee(payerPlanned) : (poolOf.get(recipient.place.path) as Payee),
      payerPlanned,
      code,
      title: r.pick(titles),
      raw,
      counted,
      credited: creditedMinutes(counted, code, policy),
      hourType: r.next() < 0.6 ? 'credit' : 'honour',
      windowStart,
      checkedIn,
      checkedOut,
      confirmed: new Date(checkedOut.getTime() + r.int(5, 24 * 60) * 60_000),
      onBehalf: r.next() < 0.35,
    };
  };
  const poolServices: PlannedService[] = [];
  for (let i = 0; i < DISTRICT_TB.poolServices; i++) {
    const volunteer = r.next() < 0.7 ? r.pick(stars) : r.pick(volunteers);
    const code = r.next() < 0.88 ? 'eldercare' : 'disability';
    const recipient = near(eldersOf, volunteer.place, elders);
    poolServices.push(planService(volunteer, recipient, code, POOL_TITLES[code]!, null));
  }

  // Pays a batch of planned services through hours.earnAll and writes their rows (confirmed).
  const writeServices = async (list: PlannedService[]): Promise<number> => {
    let minutes = 0;
    for (let from = 0; from < list.length; from += 400) {
      const batch = list.slice(from, from + 400);
      await strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
        const requestDocs = batch.map(() => docId(DISTRICT_TB_PREFIX.request));
        const serviceDocs = batch.map(() => docId(DISTRICT_TB_PREFIX.service));
        const requestIds = await insertRows(
          strapi,
          trx,
          TB.request,
          batch.map((s, i) => ({
            documentId: requestDocs[i]!,
            data: {
              side: 'need',
              title: s.title,
              onBehalf: true,
              postedBy: '社区工作人员',
              areaPath: s.recipient.place.path,
              windowStart: s.windowStart,
              windowEnd: new Date(s.windowStart.getTime() + 2 * DAY_MS),
              estimatedMinutes: Math.max(60, s.counted),
              volunteersNeeded: 1,
              taken: 1,
              status: 'done',
            },
            links: {
              category: [categoryId.get(s.code)!],
              member: [s.recipient.id!],
              area: [s.recipient.place.id],
            },
          })),
        );
        const { toPool } = await hours.earnAll(
          batch.map((s, i) => ({
            payer: s.payer,
            earner: payee(s.volunteer),
            minutes: s.credited,
            key: `service:${serviceDocs[i]}`,
            code: 'service' as const,
            reference: `time-bank.service:${serviceDocs[i]}`,
            day: chinaDate(s.confirmed),
          })),
          policy,
        );
        await insertRows(
          strapi,
          trx,
          TB.service,
          batch.map((s, i) => ({
            documentId: serviceDocs[i]!,
            data: {
              number: `seed:${chinaYear(s.windowStart)}:${serviceDocs[i]}`,
              state: 'confirmed',
              hourType: s.hourType,
              policyVersion: version,
              acceptedAt: new Date(s.windowStart.getTime() - r.int(1, 48) * 3600_000),
              checkedInAt: s.hourType === 'credit' ? s.checkedIn : null,
              checkedOutAt: s.checkedOut,
              rawMinutes: s.raw,
              countedMinutes: s.counted,
              creditedMinutes: s.credited,
              toPoolMinutes: toPool[i] ?? 0,
              confirmedAt: s.confirmed,
              confirmedBy: s.onBehalf ? '社区工作人员' : s.recipient.name,
              confirmedOnBehalf: s.onBehalf,
              areaPath: s.recipient.place.path,
            },
            links: {
              request: [requestIds.get(requestDocs[i]!)!],
              volunteer: [s.volunteer.id!],
              recipient: [s.recipient.id!],
              payer: [s.payer.id],
              category: [categoryId.get(s.code)!],
            },
          })),
        );
        for (const year of new Set(batch.map((s) => chinaYear(s.windowStart))))
          await trx('time_bank_services')
            .where('number', 'like', `seed:${year}:%`)
            .update({
              number: trx.raw(
                `'FW${year}-' || ${
                  strapi.db.dialect.client === 'postgres'
                    ? `lpad(CAST(id AS TEXT), 6, '0')`
                    : `substr('000000' || id, -6)`
                }`,
              ),
            });
      });
      for (const s of batch) {
        s.volunteer.balance += s.credited;
        s.volunteer.earned += s.credited;
        if (s.payerPlanned) s.payerPlanned.balance -= s.credited;
        minutes += s.credited;
      }
    }
    return minutes;
  };
  await writeServices(poolServices);
  mark('pool services');

  // Family links and gifts, through the members service: elders get hours to pay with.
  for (let i = 0; i < DISTRICT_TB.familyLinks; i++) {
    const elder = elders[i * 7] as Planned;
    const child = volunteersOf.get(elder.place.id)?.find((v) => v.balance >= 600 && v !== elder);
    if (!child) continue;
    await members.link({
      member: elder.documentId,
      relative: child.documentId,
      relation: 'child',
      evidence: '户口簿（演示数据）',
    });
    const minutes = Math.min(600, child.balance);
    await members.give(payee(child), {
      kind: 'family',
      to: elder.documentId,
      minutes,
      note: '给妈妈的时长',
    });
    child.balance -= minutes;
    elder.balance += minutes;
  }
  let gifts = 0;
  for (let i = 0; gifts < DISTRICT_TB.gifts && i < DISTRICT_TB.gifts * 3; i++) {
    const giver = stars[i % stars.length] as Planned;
    const receiver = near(eldersOf, giver.place, elders);
    const minutes = r.pick([120, 180, 240, 300]);
    if (giver.balance < minutes + 1000) continue;
    await members.give(payee(giver), {
      kind: 'donation',
      to: receiver.documentId,
      minutes,
      note: '爱心捐赠',
    });
    giver.balance -= minutes;
    receiver.balance += minutes;
    gifts++;
  }

  mark('gifts');
  // Help of other categories, paid by the person served from what was gifted or earned.
  const paid: PlannedService[] = [];
  const payers = [...elders, ...volunteers].filter((m) => m.balance > 0);
  for (let i = 0; i < DISTRICT_TB.paidServices * 3 && paid.length < DISTRICT_TB.paidServices; i++) {
    const recipient = r.pick(payers);
    const code = r.pick(Object.keys(PAID_TITLES));
    const volunteer = near(volunteersOf, recipient.place, volunteers);
    if (volunteer === recipient) continue;
    const s = planService(volunteer, recipient, code, PAID_TITLES[code]!, recipient);
    if (recipient.balance < s.credited) continue;
    recipient.balance -= s.credited;
    paid.push(s);
  }
  for (const s of paid) s.payerPlanned!.balance += s.credited;
  await writeServices(paid);
  mark('paid services');
  // Activities: created as staff do, participants entered, credited in one batch each.
  let activities = 0;
  for (let i = 0; i < DISTRICT_TB.activities; i++) {
    const place = r.pick(places);
    const local = volunteersOf.get(place.id) ?? [];
    const around = volunteers.filter((v) =>
      v.place.path.startsWith(place.path.slice(0, -1).replace(/\/[^/]+$/, '/')),
    );
    const people = [
      ...new Set([...local, ...around.sort(() => r.next() - 0.5).slice(0, r.int(2, 10))]),
    ];
    if (!people.length) continue;
    const starts = new Date(
      chinaMidnight(addDays(today, -r.int(3, 360))).getTime() + r.int(8, 15) * 3600_000,
    );
    const length = r.pick([90, 120, 150, 180, 240]);
    const ends = new Date(starts.getTime() + length * 60_000);
    const code = r.pick(['party', 'environment', 'eldercare', 'childcare']);
    const activity = await documents(strapi, TB.activity).create({
      data: {
        title: `${place.name}${r.pick(ACTIVITY_TITLES)}`,
        category: categoryDoc.get(code),
        area: place.documentId,
        pool: poolOf.get(place.path)?.documentId,
        place: `${place.name}党群服务中心`,
        startsAt: starts,
        endsAt: ends,
        capacity: 200,
      },
    });
    await strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
      await insertRows(
        strapi,
        trx,
        TB.participation,
        people.map((m) => {
          const minutes = countedMinutes(Math.max(30, length - r.int(0, 40)), policy);
          return {
            documentId: docId(DISTRICT_TB_PREFIX.participation),
            data: {
              status: 'checked_out',
              hourType: 'credit',
              checkedInAt: starts,
              checkedOutAt: new Date(starts.getTime() + minutes * 60_000),
              minutes,
              areaPath: place.path,
            },
            links: { activity: [activity.id], member: [m.id!] },
          };
        }),
      );
    });
    const credited = await timeBankService(strapi, 'activities').credit(activity.documentId);
    await q(TB.activity).update({
      where: { id: activity.id },
      data: { creditedAt: new Date(ends.getTime() + DAY_MS), creditedBy: '社区工作人员' },
    });
    if (credited.credited) activities++;
  }

  mark('activities');
  // A few dozen services step by step through the exchange service, then set back in time.
  const exchange = timeBankService(strapi, 'exchange');
  const staff = { staff: true, member: null };
  for (let i = 0; i < DISTRICT_TB.flowServices; i++) {
    const elder = elders[(i * 13) % elders.length] as Planned;
    const volunteer = near(volunteersOf, elder.place, volunteers);
    const code = i % 4 === 3 ? 'disability' : 'eldercare';
    const request = await exchange.post(
      {
        title: r.pick(POOL_TITLES[code]!),
        category: code,
        member: elder.documentId,
        // Its window is open now: a service is checked in only within it (then set back).
        windowStart: new Date().toISOString(),
        windowEnd: new Date(Date.now() + 2 * DAY_MS).toISOString(),
        estimatedMinutes: 120,
        volunteersNeeded: 1,
      },
      staff,
    );
    const service = await exchange.accept(
      request.documentId as string,
      { volunteer: volunteer.documentId },
      staff,
    );
    const id = service.documentId as string;
    if (i % 8 === 7) {
      await exchange.cancel(id, '老人临时住院，服务取消', staff);
      continue;
    }
    const minutes = r.pick([60, 90, 120, 150]);
    if (i % 2) await exchange.record(id, { minutes }, staff);
    else {
      await exchange.checkIn(id, staff);
      await q(TB.service).update({
        where: { documentId: id },
        data: { checkedInAt: new Date(Date.now() - minutes * 60_000) },
      });
      await exchange.checkOut(id, staff);
    }
    const done = await exchange.confirm(id, {}, staff);
    const at = new Date(Date.now() - r.int(3, 300) * DAY_MS);
    const out = new Date(at.getTime() - r.int(10, 600) * 60_000);
    await q(TB.service).update({
      where: { documentId: id },
      data: {
        acceptedAt: new Date(out.getTime() - 2 * DAY_MS),
        checkedInAt: i % 2 ? null : new Date(out.getTime() - minutes * 60_000),
        checkedOutAt: out,
        confirmedAt: at,
      },
    });
    await q(TB.request).update({
      where: { documentId: request.documentId },
      data: {
        windowStart: new Date(out.getTime() - DAY_MS),
        windowEnd: new Date(out.getTime() + DAY_MS),
      },
    });
    volunteer.balance += n(done.creditedMinutes);
  }
  // Open needs for the dashboard and matching: posted, not yet taken.
  for (let i = 0; i < 10; i++) {
    const elder = elders[(i * 29 + 5) % elders.length] as Planned;
    await exchange.post(
      {
        title: r.pick(POOL_TITLES.eldercare!),
        category: 'eldercare',
        member: elder.documentId,
        windowStart: new Date(Date.now() + (1 + (i % 5)) * DAY_MS).toISOString(),
        windowEnd: new Date(Date.now() + (3 + (i % 5)) * DAY_MS).toISOString(),
        estimatedMinutes: 120,
        volunteersNeeded: 1 + (i % 2),
      },
      staff,
    );
  }

  mark('exchange flows');
  // Redemptions at each subdistrict's 爱心超市: most fulfilled, some cancelled.
  const subdistricts = [...new Set(places.map((p) => pathAt(p.path, 2)))];
  const shop: Doc[] = [];
  for (const path of subdistricts) {
    const area: Doc | null = await q('plugin::cms.area').findOne({
      where: { path },
      select: ['documentId', 'name'],
    });
    if (!area) continue;
    for (const [nameZh, nameEn, kind, priceMinutes] of [
      [`${area.name}爱心超市·洗衣液`, 'Laundry liquid', 'goods', 60],
      [`${area.name}爱心超市·米面油礼包`, 'Rice, flour and oil', 'goods', 180],
      [`${area.name}爱心超市·家政保洁 2 小时`, 'Two hours of cleaning', 'service', 300],
    ] as const)
      shop.push(
        (await documents(strapi, TB.catalogueItem).create({
          data: {
            nameZh,
            nameEn,
            kind,
            priceMinutes,
            stock: 200,
            area: area.documentId,
            active: true,
          },
        })) as unknown as Doc,
      );
  }
  const redemptions = timeBankService(strapi, 'redemptions');
  const redeemers: Doc[] = await q(TB.member).findMany({
    where: {
      documentId: { $startsWith: DISTRICT_TB_PREFIX.volunteer },
      earnedMinutes: { $gte: policy.starThresholdsMinutes[policy.redeemFromLevel - 1] ?? 0 },
    },
    orderBy: { id: 'asc' },
  });
  let redeemed = 0;
  for (let i = 0; redeemers.length && i < DISTRICT_TB.redemptions; i++) {
    const member = redeemers[i % redeemers.length] as Doc;
    const own = shop.filter((s) => String(member.areaPath).startsWith(String(s.areaPath ?? '')));
    const item = r.pick(own.length ? own : shop);
    const balance = await members.balance(member);
    if (balance.available < n(item.priceMinutes)) continue;
    const made = await redemptions.redeem(
      item.documentId as string,
      { member: member.documentId, quantity: 1 },
      staff,
    );
    if (i % 6 === 5)
      await redemptions.cancel(made.documentId as string, '库存调整，改日再兑', staff);
    else await redemptions.fulfil(made.documentId as string, staff);
    redeemed++;
  }
  mark('redemptions');
  strapi.log.info(
    `Time bank demo: ${planned.length} members (${DISTRICT_TB.teams} teams), ` +
      `${poolServices.length + paid.length} services in bulk, ${activities} activities, ` +
      `${gifts} donations, ${redeemed} redemptions (${phases.join(', ')}).`,
  );
  return planned.length;
}
