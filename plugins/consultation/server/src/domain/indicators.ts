/**
 * The consultation index (社区协商指数): 7 categories governing 22 indicators. Each indicator is
 * computed per community and year from the consultation records by a formula kept here (its
 * code never changes from the console), or entered by an assessor with evidence (manual); the
 * district edits names, weights, targets and which are active. Scores are exact integers in
 * hundredths of a point: score = min(value / target, 1) × weight.
 */
import { issue, type Issue } from './errors';

export const INDEX_CATEGORIES = [
  'participants',
  'subjects',
  'forms',
  'mechanism',
  'results',
  'venues',
  'support',
] as const;
export type IndexCategory = (typeof INDEX_CATEGORIES)[number];

export const INDEX_CATEGORY_LABELS: Record<IndexCategory, { zh: string; en: string }> = {
  participants: { zh: '协商主体', en: 'Participants' },
  subjects: { zh: '协商客体', en: 'Subjects' },
  forms: { zh: '协商形式', en: 'Forms' },
  mechanism: { zh: '协商机制', en: 'Mechanism' },
  results: { zh: '协商成效', en: 'Results' },
  venues: { zh: '协商场域', en: 'Venues' },
  support: { zh: '协商保障', en: 'Support' },
};

/**
 * - `permille`: a share in thousandths (600 = 60 %);
 * - `count`: how many;
 * - `per_1000_households`: how many for every 1,000 households of the community;
 * - `fen`: money in fen.
 */
export const INDEX_UNITS = ['permille', 'count', 'per_1000_households', 'fen'] as const;
export type IndexUnit = (typeof INDEX_UNITS)[number];

export const INDEX_UNIT_LABELS: Record<IndexUnit, { zh: string; en: string }> = {
  permille: { zh: '‰', en: '‰' },
  count: { zh: '个', en: 'count' },
  per_1000_households: { zh: '每千户', en: 'per 1,000 households' },
  // stored in fen, read and exported in yuan
  fen: { zh: '元', en: 'yuan' },
};

/** What the service counts for one community and year, in a few GROUP BY queries over the scope. */
export interface CommunityAggregates {
  /** households registered in cms, or the community's own figure where none are registered */
  households: number;
  topicsRaised: number;
  topicsByResidents: number;
  topicKinds: number;
  /** topics past screening (ranking and after, not declined or merged) */
  topicsAccepted: number;
  topicsDeclined: number;
  /** topics that reached a meeting (deliberating and after) */
  topicsDeliberated: number;
  /** of those, the ones residents or representatives ranked first */
  topicsRanked: number;
  /** supports and comments on the year's topics */
  opinions: number;
  meetingsHeld: number;
  meetingKinds: number;
  /** meetings held where residents are (compound hall, open air, teahouse) */
  meetingsNear: number;
  attendeeRoles: number;
  meetingPlaces: number;
  /** 1 when the community saved its own procedure */
  procedureConfigured: number;
  decisionsMade: number;
  decisionsPublicised: number;
  /** decisions implemented in the year, or due in the year and still open past their date */
  decisionsDue: number;
  decisionsOnTime: number;
  fundsSpent: number;
  electors: number;
  participants: number;
  ratings: number;
  ratingsSatisfied: number;
  solved: number;
}

export const EMPTY_AGGREGATES: CommunityAggregates = {
  households: 0,
  topicsRaised: 0,
  topicsByResidents: 0,
  topicKinds: 0,
  topicsAccepted: 0,
  topicsDeclined: 0,
  topicsDeliberated: 0,
  topicsRanked: 0,
  opinions: 0,
  meetingsHeld: 0,
  meetingKinds: 0,
  meetingsNear: 0,
  attendeeRoles: 0,
  meetingPlaces: 0,
  procedureConfigured: 0,
  decisionsMade: 0,
  decisionsPublicised: 0,
  decisionsDue: 0,
  decisionsOnTime: 0,
  fundsSpent: 0,
  electors: 0,
  participants: 0,
  ratings: 0,
  ratingsSatisfied: 0,
  solved: 0,
};

/** Where the drill-down finds the records behind a figure. */
export type DrillSource =
  | 'topics'
  | 'solved'
  | 'opinions'
  | 'meetings'
  | 'procedure'
  | 'decisions-made'
  | 'decisions-due'
  | 'decisions-funded'
  | 'votes'
  | 'ratings';

export interface Computed {
  value: number;
  numerator: number;
  /** null for a count (nothing divides it) */
  denominator: number | null;
}

export interface Formula {
  key: string;
  unit: IndexUnit;
  drill: DrillSource;
  /** what the numerator and the denominator count, for the console and the export */
  inputs: { numerator: { zh: string; en: string }; denominator?: { zh: string; en: string } };
  compute(a: CommunityAggregates): Computed;
}

/** part / whole in thousandths, rounded down; an empty whole is 0 (nothing to share). */
export function permille(part: number, whole: number): number {
  if (whole <= 0) return 0;
  return Number((BigInt(Math.max(0, part)) * 1000n) / BigInt(whole));
}

const share = (numerator: number, denominator: number): Computed => ({
  value: permille(numerator, denominator),
  numerator,
  denominator,
});
const count = (n: number): Computed => ({ value: n, numerator: n, denominator: null });
const perHouseholds = (n: number, households: number): Computed => ({
  value: permille(n, households),
  numerator: n,
  denominator: households,
});

const L = (zh: string, en: string) => ({ zh, en });
const HOUSEHOLDS = L('住户数', 'households');

/** The formulas the index computes; an indicator names one by its key. */
export const FORMULAS: readonly Formula[] = [
  {
    key: 'resident-topic-share',
    unit: 'permille',
    drill: 'topics',
    inputs: {
      numerator: L('居民提出的议题', 'topics raised by residents'),
      denominator: L('议题总数', 'topics raised'),
    },
    compute: (a) => share(a.topicsByResidents, a.topicsRaised),
  },
  {
    key: 'opinions-per-1000-households',
    unit: 'per_1000_households',
    drill: 'opinions',
    inputs: { numerator: L('附议和意见', 'supports and comments'), denominator: HOUSEHOLDS },
    compute: (a) => perHouseholds(a.opinions, a.households),
  },
  {
    key: 'attendee-role-variety',
    unit: 'count',
    drill: 'meetings',
    inputs: { numerator: L('参会身份种类', 'kinds of attendees') },
    compute: (a) => count(a.attendeeRoles),
  },
  {
    key: 'topics-per-1000-households',
    unit: 'per_1000_households',
    drill: 'topics',
    inputs: { numerator: L('议题数', 'topics raised'), denominator: HOUSEHOLDS },
    compute: (a) => perHouseholds(a.topicsRaised, a.households),
  },
  {
    key: 'topic-kind-variety',
    unit: 'count',
    drill: 'topics',
    inputs: { numerator: L('议题类别数', 'kinds of topics') },
    compute: (a) => count(a.topicKinds),
  },
  {
    key: 'topics-accepted-share',
    unit: 'permille',
    drill: 'topics',
    inputs: {
      numerator: L('纳入协商的议题', 'topics accepted'),
      denominator: L('已筛选的议题', 'topics screened'),
    },
    compute: (a) => share(a.topicsAccepted, a.topicsAccepted + a.topicsDeclined),
  },
  {
    key: 'meeting-form-variety',
    unit: 'count',
    drill: 'meetings',
    inputs: { numerator: L('协商形式种类', 'forms of meeting') },
    compute: (a) => count(a.meetingKinds),
  },
  {
    key: 'consultations-per-1000-households',
    unit: 'per_1000_households',
    drill: 'meetings',
    inputs: { numerator: L('协商会议', 'meetings held'), denominator: HOUSEHOLDS },
    compute: (a) => perHouseholds(a.meetingsHeld, a.households),
  },
  {
    key: 'near-meeting-share',
    unit: 'permille',
    drill: 'meetings',
    inputs: {
      numerator: L('小区议事厅、坝坝会、茶话会', 'compound, open-air and teahouse meetings'),
      denominator: L('协商会议', 'meetings held'),
    },
    compute: (a) => share(a.meetingsNear, a.meetingsHeld),
  },
  {
    key: 'procedure-configured',
    unit: 'count',
    drill: 'procedure',
    inputs: { numerator: L('已制定协商规程', 'procedure saved') },
    compute: (a) => count(a.procedureConfigured),
  },
  {
    key: 'ranked-topics-share',
    unit: 'permille',
    drill: 'topics',
    inputs: {
      numerator: L('经排序的议题', 'topics ranked'),
      denominator: L('上会议题', 'topics deliberated'),
    },
    compute: (a) => share(a.topicsRanked, a.topicsDeliberated),
  },
  {
    key: 'decisions-publicised-share',
    unit: 'permille',
    drill: 'decisions-made',
    inputs: {
      numerator: L('已公示的决定', 'decisions publicised'),
      denominator: L('通过的决定', 'decisions adopted'),
    },
    compute: (a) => share(a.decisionsPublicised, a.decisionsMade),
  },
  {
    key: 'vote-turnout',
    unit: 'permille',
    drill: 'votes',
    inputs: { numerator: L('参加表决', 'took part'), denominator: L('有表决权', 'electors') },
    compute: (a) => share(a.participants, a.electors),
  },
  {
    key: 'implemented-on-time-share',
    unit: 'permille',
    drill: 'decisions-due',
    inputs: {
      numerator: L('按期完成', 'implemented on time'),
      denominator: L('应完成的决定', 'decisions due'),
    },
    compute: (a) => share(a.decisionsOnTime, a.decisionsDue),
  },
  {
    key: 'problems-solved',
    unit: 'count',
    drill: 'solved',
    inputs: { numerator: L('解决的问题', 'problems solved') },
    compute: (a) => count(a.solved),
  },
  {
    key: 'satisfaction',
    unit: 'permille',
    drill: 'ratings',
    inputs: {
      numerator: L('满意（4–5 星）', 'satisfied (4–5 stars)'),
      denominator: L('评价数', 'ratings'),
    },
    compute: (a) => share(a.ratingsSatisfied, a.ratings),
  },
  {
    key: 'meeting-places-used',
    unit: 'count',
    drill: 'meetings',
    inputs: { numerator: L('使用的协商场所', 'places used') },
    compute: (a) => count(a.meetingPlaces),
  },
  {
    key: 'funds-spent',
    unit: 'fen',
    drill: 'decisions-funded',
    inputs: { numerator: L('实施投入资金', 'funds spent') },
    compute: (a) => count(a.fundsSpent),
  },
];

export const FORMULA_KEYS = FORMULAS.map((f) => f.key);
export const formulaOf = (key: string | null | undefined): Formula | undefined =>
  FORMULAS.find((f) => f.key === key);

export type IndexMethod = 'formula' | 'manual';

export interface IndicatorConfig {
  key: string;
  category: IndexCategory;
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
  /** points out of the index's 100 */
  weight: number;
  method: IndexMethod;
  formulaKey: string | null;
  /** the value that scores full marks, in the indicator's unit */
  target: number;
  /** manual indicators only: the unit their value is entered in */
  unit: IndexUnit;
  evidenceRequired: boolean;
  active: boolean;
  order: number;
}

const formula = (
  order: number,
  category: IndexCategory,
  key: string,
  nameZh: string,
  nameEn: string,
  weight: number,
  target: number,
  descriptionZh: string,
  descriptionEn: string,
): IndicatorConfig => ({
  key,
  category,
  nameZh,
  nameEn,
  descriptionZh,
  descriptionEn,
  weight,
  method: 'formula',
  formulaKey: key,
  target,
  unit: formulaOf(key)?.unit ?? 'count',
  evidenceRequired: false,
  active: true,
  order,
});
const manual = (
  order: number,
  category: IndexCategory,
  key: string,
  nameZh: string,
  nameEn: string,
  weight: number,
  target: number,
  descriptionZh: string,
  descriptionEn: string,
): IndicatorConfig => ({
  key,
  category,
  nameZh,
  nameEn,
  descriptionZh,
  descriptionEn,
  weight,
  method: 'manual',
  formulaKey: null,
  target,
  unit: 'count',
  evidenceRequired: true,
  active: true,
  order,
});

/**
 * The default set, seeded when absent: 18 computed from the records, 4 entered by assessors
 * with evidence (what no record of ours shows: the council's members, venues, training,
 * published rules). The weights add up to 100.
 */
export const DEFAULT_INDICATORS: readonly IndicatorConfig[] = [
  formula(
    1,
    'participants',
    'resident-topic-share',
    '居民提出议题占比',
    'Share of topics raised by residents',
    5,
    600,
    '当年居民（含扫码）提出的议题占议题总数的比例',
    'Topics raised by residents (phone or QR code) among all topics raised in the year',
  ),
  formula(
    2,
    'participants',
    'opinions-per-1000-households',
    '每千户附议和意见数',
    'Supports and comments per 1,000 households',
    5,
    500,
    '当年议题收到的附议和意见，按每千户计',
    'Supports and comments on the year’s topics for every 1,000 households',
  ),
  formula(
    3,
    'participants',
    'attendee-role-variety',
    '参会主体多元度',
    'Variety of attendees',
    5,
    5,
    '当年协商会议到会的身份种类（党员、居民代表、业委会、物业、部门、社会组织、居民）',
    'Kinds of attendees at the year’s meetings (party members, representatives, owners’ committee, property company, departments, social organisations, residents)',
  ),
  manual(
    4,
    'participants',
    'council-members',
    '居民议事会成员数',
    'Members of the residents’ council',
    3,
    15,
    '经推选产生的议事会成员人数，附名单',
    'Elected members of the residents’ council, with the list as evidence',
  ),
  formula(
    5,
    'subjects',
    'topics-per-1000-households',
    '每千户协商议题数',
    'Topics per 1,000 households',
    5,
    10,
    '当年提出的议题，按每千户计',
    'Topics raised in the year for every 1,000 households',
  ),
  formula(
    6,
    'subjects',
    'topic-kind-variety',
    '议题类别覆盖',
    'Kinds of topics',
    4,
    5,
    '当年议题涉及的类别数（停车、加装电梯、绿化……）',
    'Kinds of the year’s topics (parking, lifts, greening …)',
  ),
  formula(
    7,
    'subjects',
    'topics-accepted-share',
    '议题采纳率',
    'Share of topics accepted',
    4,
    700,
    '筛选后纳入协商的议题占已筛选议题的比例',
    'Topics accepted at screening among those screened',
  ),
  formula(
    8,
    'forms',
    'meeting-form-variety',
    '协商形式多样性',
    'Variety of meeting forms',
    4,
    4,
    '当年召开的会议形式种数（议事会、议事厅、坝坝会、茶话会、线上）',
    'Forms of the year’s meetings (council, compound room, open air, teahouse, online)',
  ),
  formula(
    9,
    'forms',
    'consultations-per-1000-households',
    '每千户协商次数',
    'Consultations per 1,000 households',
    5,
    5,
    '当年召开的协商会议，按每千户计',
    'Meetings held in the year for every 1,000 households',
  ),
  formula(
    10,
    'forms',
    'near-meeting-share',
    '身边协商占比',
    'Share of meetings held among residents',
    4,
    500,
    '在小区议事厅、坝坝会、茶话会召开的会议占比',
    'Meetings in compound rooms, in the open air or in teahouses among all meetings held',
  ),
  formula(
    11,
    'mechanism',
    'procedure-configured',
    '协商规程制定',
    'Procedure set',
    4,
    1,
    '社区是否保存了本社区的协商规程',
    'Whether the community saved its own procedure',
  ),
  formula(
    12,
    'mechanism',
    'ranked-topics-share',
    '议题排序率',
    'Share of topics ranked',
    5,
    600,
    '上会议题中经过协商排序的比例',
    'Topics ranked before the meeting among those deliberated',
  ),
  formula(
    13,
    'mechanism',
    'decisions-publicised-share',
    '决定公示率',
    'Share of decisions publicised',
    4,
    1000,
    '当年会议通过的决定中已公示的比例',
    'Decisions of the year’s meetings that were publicised',
  ),
  formula(
    14,
    'results',
    'vote-turnout',
    '表决参与率',
    'Turnout',
    5,
    750,
    '当年结束的表决中参加表决的选民占有表决权者的比例',
    'Electors who took part among all electors of the votes closed in the year',
  ),
  formula(
    15,
    'results',
    'implemented-on-time-share',
    '决定按期落实率',
    'Share of decisions implemented on time',
    7,
    900,
    '当年应完成的决定中按期完成的比例',
    'Decisions implemented by their due date among those due in the year',
  ),
  formula(
    16,
    'results',
    'problems-solved',
    '协商解决问题数',
    'Problems solved',
    6,
    10,
    '当年通过协商解决的问题（议题办结）',
    'Problems solved through consultation in the year',
  ),
  formula(
    17,
    'results',
    'satisfaction',
    '居民满意度',
    'Satisfaction',
    5,
    900,
    '当年评价中 4–5 星的比例',
    'Ratings of 4 or 5 stars among the year’s ratings',
  ),
  manual(
    18,
    'venues',
    'venues-available',
    '协商场所数量',
    'Venues available',
    5,
    3,
    '可用于协商的固定场所数（议事厅、院落、茶馆），附照片',
    'Places available for consultation (meeting rooms, courtyards, teahouses), with photos',
  ),
  formula(
    19,
    'venues',
    'meeting-places-used',
    '协商场所使用',
    'Places used',
    4,
    4,
    '当年会议使用的不同地点数',
    'Different places the year’s meetings were held in',
  ),
  formula(
    20,
    'support',
    'funds-spent',
    '实施投入资金',
    'Funds spent on implementation',
    5,
    10_000_000,
    '当年落实决定投入的资金；满分目标 10 万元',
    'Funds spent implementing the year’s decisions; full marks at ¥100,000',
  ),
  manual(
    21,
    'support',
    'facilitator-training',
    '协商骨干培训次数',
    'Facilitator training sessions',
    3,
    2,
    '当年为议事骨干组织的培训次数，附通知或签到表',
    'Training sessions for facilitators in the year, with the notice or sign-in sheet',
  ),
  manual(
    22,
    'support',
    'rules-published',
    '议事规则公开',
    'Rules published',
    3,
    1,
    '议事规则、居民公约是否公开（1 为是），附公开照片',
    'Whether the consultation rules are published (1 = yes), with a photo',
  ),
];

/** Hundredths of a point: min(value / target, 1) × weight, rounded down, exact. */
export function score(value: number, target: number, weight: number): number {
  if (target <= 0 || weight <= 0 || value <= 0) return 0;
  const capped = BigInt(Math.min(value, target));
  return Number((capped * BigInt(weight) * 100n) / BigInt(target));
}

/**
 * The total out of 100, in hundredths: the scores' sum scaled by the active weights (exactly the
 * sum when the weights add up to 100, as the default set's do).
 */
export function total(scores: readonly number[], weights: readonly number[]): number {
  const weight = weights.reduce((s, w) => s + w, 0);
  if (weight <= 0) return 0;
  const sum = scores.reduce((s, x) => s + x, 0);
  return Number((BigInt(sum) * 100n) / BigInt(weight));
}

export const MAX_WEIGHT = 100;
export const MAX_TARGET = 1_000_000_000_000;
export const MAX_VALUE = 1_000_000_000_000;
export const INDICATOR_KEY = /^[a-z][a-z0-9-]{1,39}$/;

const text = (v: unknown): string | null => (typeof v === 'string' ? v.trim() : null);

/**
 * What an administrator may change on an indicator (a formula's code and the method stay as
 * they are: they say what the figure is), or set on a new manual one when `creating`.
 */
export function checkIndicator(
  body: Record<string, unknown>,
  creating: boolean,
): { issues: Issue[]; patch: Partial<IndicatorConfig> } {
  const issues: Issue[] = [];
  const patch: Partial<IndicatorConfig> = {};
  if (creating) {
    const key = text(body.key);
    if (!key || !INDICATOR_KEY.test(key))
      issues.push(
        issue(
          'key',
          'invalid_value',
          'lower-case letters, digits and dashes (2–40)',
          '请填写 2–40 位小写字母、数字或连字符',
        ),
      );
    else patch.key = key;
    if (!(INDEX_CATEGORIES as readonly unknown[]).includes(body.category))
      issues.push(issue('category', 'invalid_value', 'no such category', '没有此类别'));
    else patch.category = body.category as IndexCategory;
    if (body.method !== undefined && body.method !== 'manual')
      issues.push(
        issue(
          'method',
          'invalid_value',
          'new indicators are entered by hand',
          '新增指标只能为人工录入',
        ),
      );
    if (body.formulaKey !== undefined && body.formulaKey !== null)
      issues.push(
        issue('formulaKey', 'invalid_value', 'formulas are part of the code', '计算公式不能新增'),
      );
    patch.method = 'manual';
    patch.formulaKey = null;
    const unit = body.unit ?? 'count';
    if (!(INDEX_UNITS as readonly unknown[]).includes(unit))
      issues.push(issue('unit', 'invalid_value', 'no such unit', '没有此单位'));
    else patch.unit = unit as IndexUnit;
  } else {
    for (const field of ['key', 'method', 'formulaKey', 'category', 'unit'] as const)
      if (body[field] !== undefined)
        issues.push(issue(field, 'invalid_value', 'cannot be changed', '不能修改'));
  }
  for (const field of ['nameZh', 'nameEn'] as const) {
    const v = body[field];
    if (v === undefined && !creating) continue;
    const s = text(v);
    if (!s) issues.push(issue(field, 'required', 'required', '必填'));
    else if ([...s].length > 100)
      issues.push(issue(field, 'invalid_value', 'at most 100 characters', '不超过 100 字'));
    else patch[field] = s;
  }
  for (const field of ['descriptionZh', 'descriptionEn'] as const) {
    const v = body[field];
    if (v === undefined) continue;
    const s = v === null ? '' : text(v);
    if (s === null || [...s].length > 1000)
      issues.push(
        issue(field, 'invalid_value', 'text of at most 1,000 characters', '不超过 1000 字'),
      );
    else patch[field] = s;
  }
  const integer = (
    field: 'weight' | 'target' | 'order',
    min: number,
    max: number,
    en: string,
    zh: string,
  ) => {
    const v = body[field];
    if (v === undefined) {
      if (creating && field !== 'order') issues.push(issue(field, 'required', 'required', '必填'));
      return;
    }
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max)
      issues.push(issue(field, 'invalid_value', en, zh));
    else patch[field] = v;
  };
  integer('weight', 0, MAX_WEIGHT, 'a whole number of points, 0–100', '请填写 0–100 的整数分值');
  integer(
    'target',
    1,
    MAX_TARGET,
    'a positive whole number in the indicator’s unit',
    '请填写正整数（按指标单位）',
  );
  integer('order', 0, 10_000, 'a whole number, 0–10,000', '请填写 0–10000 的整数');
  for (const field of ['active', 'evidenceRequired'] as const) {
    const v = body[field];
    if (v === undefined) continue;
    if (typeof v !== 'boolean')
      issues.push(issue(field, 'invalid_value', 'true or false', '须为是或否'));
    else patch[field] = v;
  }
  if (creating && patch.evidenceRequired === undefined) patch.evidenceRequired = true;
  if (creating && patch.active === undefined) patch.active = true;
  return { issues, patch };
}

/** A manual value an assessor enters: a whole number, not negative; evidence where required. */
export function checkEntry(
  body: Record<string, unknown>,
  indicator: Pick<IndicatorConfig, 'method' | 'evidenceRequired'> | null,
  files: number,
): { issues: Issue[]; value: number; evidence: string } {
  const issues: Issue[] = [];
  if (!indicator)
    issues.push(issue('indicator', 'invalid_value', 'no such indicator', '没有此指标'));
  else if (indicator.method !== 'manual')
    issues.push(
      issue(
        'indicator',
        'invalid_value',
        'computed from the records, not entered',
        '该指标由系统计算，不能录入',
      ),
    );
  const value = body.value;
  let ok = 0;
  if (value === undefined || value === null || value === '')
    issues.push(issue('value', 'required', 'required', '必填'));
  else if (typeof value !== 'number' || !Number.isSafeInteger(value))
    issues.push(issue('value', 'invalid_value', 'a whole number', '须为整数'));
  else if (value < 0)
    issues.push(issue('value', 'invalid_value', 'cannot be negative', '不能为负数'));
  else if (value > MAX_VALUE) issues.push(issue('value', 'invalid_value', 'too large', '数值过大'));
  else ok = value;
  const raw = body.evidence;
  const evidence = typeof raw === 'string' ? raw.trim() : '';
  if (raw !== undefined && raw !== null && typeof raw !== 'string')
    issues.push(issue('evidence', 'invalid_value', 'text', '须为文字'));
  else if ([...evidence].length > 4000)
    issues.push(issue('evidence', 'invalid_value', 'at most 4,000 characters', '不超过 4000 字'));
  else if (indicator?.evidenceRequired && !evidence && files === 0)
    issues.push(
      issue(
        'evidence',
        'required',
        'this indicator needs evidence: a description or a file',
        '该指标须附佐证材料（说明或文件）',
      ),
    );
  return { issues, value: ok, evidence };
}
