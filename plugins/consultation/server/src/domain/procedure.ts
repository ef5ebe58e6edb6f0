/**
 * The consultation procedure (征求民意 → 协商筛选 → 协商排序 → 会议协商 → 公示 → 实施 → 评议): the
 * stages a topic passes through, and what a community may configure within the default.
 */
export const TOPIC_KINDS = [
  'parking',
  'lift',
  'greening',
  'property',
  'environment',
  'facilities',
  'safety',
  'elderly',
  'children',
  'other',
] as const;
export type TopicKind = (typeof TOPIC_KINDS)[number];

export const TOPIC_KIND_LABELS: Record<TopicKind, { zh: string; en: string }> = {
  parking: { zh: '停车', en: 'Parking' },
  lift: { zh: '加装电梯', en: 'Lift installation' },
  greening: { zh: '绿化', en: 'Greening' },
  property: { zh: '物业管理', en: 'Property management' },
  environment: { zh: '环境卫生', en: 'Environment' },
  facilities: { zh: '公共设施', en: 'Public facilities' },
  safety: { zh: '安全', en: 'Safety' },
  elderly: { zh: '养老服务', en: 'Elderly care' },
  children: { zh: '儿童友好', en: 'Children' },
  other: { zh: '其他', en: 'Other' },
};

export const STAGES = [
  'collecting',
  'screening',
  'ranking',
  'deliberating',
  'voting',
  'publicising',
  'implementing',
  'evaluating',
  'closed',
  'declined',
  'merged',
] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_LABELS: Record<Stage, { zh: string; en: string }> = {
  collecting: { zh: '征求意见', en: 'Collecting opinions' },
  screening: { zh: '协商筛选', en: 'Screening' },
  ranking: { zh: '协商排序', en: 'Ranking' },
  deliberating: { zh: '会议协商', en: 'Deliberating' },
  voting: { zh: '表决中', en: 'Voting' },
  publicising: { zh: '公示中', en: 'Publicised' },
  implementing: { zh: '实施中', en: 'Implementing' },
  evaluating: { zh: '评议中', en: 'Evaluating' },
  closed: { zh: '已办结', en: 'Closed' },
  declined: { zh: '未采纳', en: 'Declined' },
  merged: { zh: '已合并', en: 'Merged' },
};

/** Topics still open to residents' support and comments. */
export const OPEN_STAGES: readonly Stage[] = ['collecting', 'screening', 'ranking'];

export const MEETING_KINDS = [
  'council',
  'compound_hall',
  'open_air',
  'teahouse',
  'online',
] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const MEETING_KIND_LABELS: Record<MeetingKind, { zh: string; en: string }> = {
  council: { zh: '居民议事会', en: 'Residents’ council' },
  compound_hall: { zh: '小区议事厅', en: 'Compound meeting room' },
  open_air: { zh: '坝坝会', en: 'Open-air meeting' },
  teahouse: { zh: '幺店子茶话会', en: 'Teahouse meeting' },
  online: { zh: '线上协商', en: 'Online' },
};

export const ATTENDEE_ROLES = [
  'party_members',
  'representatives',
  'owners_committee',
  'property_company',
  'departments',
  'social_organisations',
  'residents',
] as const;
export type AttendeeRole = (typeof ATTENDEE_ROLES)[number];
export const ATTENDEE_ROLE_LABELS: Record<AttendeeRole, { zh: string; en: string }> = {
  party_members: { zh: '党员', en: 'Party members' },
  representatives: { zh: '居民代表', en: 'Residents’ representatives' },
  owners_committee: { zh: '业委会', en: 'Owners’ committee' },
  property_company: { zh: '物业公司', en: 'Property company' },
  departments: { zh: '职能部门', en: 'Departments' },
  social_organisations: { zh: '社会组织', en: 'Social organisations' },
  residents: { zh: '居民', en: 'Residents' },
};

/** What a community may set, within the default. */
export interface ProcedureConfig {
  /** rank the accepted topics before deliberating (协商排序); off: accepted topics go straight on */
  rank: boolean;
  /** who ranks: residents of the community on their phones, or representatives (entered by staff) */
  rankers: 'residents' | 'representatives';
  /** supports a topic needs before it can be accepted at screening (0: none) */
  minSupport: number;
  /** days a decision is publicised (公示) before it is implemented */
  publicDays: number;
  /** days after implementation that residents rate it */
  evaluationDays: number;
}

export const DEFAULT_PROCEDURE: ProcedureConfig = {
  rank: true,
  rankers: 'residents',
  minSupport: 0,
  publicDays: 5,
  evaluationDays: 30,
};

/** The community of a place (the first three levels of its path: /district/subdistrict/community/). */
export function communityPath(path: string | null | undefined): string | null {
  if (!path) return null;
  const parts = path.split('/').filter(Boolean);
  return parts.length >= 3 ? `/${parts.slice(0, 3).join('/')}/` : null;
}
