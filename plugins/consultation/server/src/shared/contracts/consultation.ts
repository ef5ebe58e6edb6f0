/**
 * The consultation REST API (/api/consultation/…) as the console and the phone pages read it:
 * answer shapes, imported as types. Times are ISO strings; floor areas are hundredths of a
 * square metre (64000 = 640.00 m²); money is fen.
 *
 * Topics (residents of the community; staff of its area):
 *   GET  /topics?stage=a,b&kind=&area=&q=&sort=support&page=&pageSize=  → { data: TopicRow[], meta: { pagination } }
 *   POST /topics                        { title, body?, kind?, area?, compound?, building?, unitNo?, phone? } → { data: TopicDetail }
 *   GET  /topics/:id                    → { data: TopicDetail }
 *   POST /topics/:id/support            → { data: TopicRow }                    (附议, once)
 *   POST /topics/:id/comments           { body } → { data: TopicComment }
 *   POST /topics/:id/screen             { decision: accept|decline|merge, reason?, into? } → { data: TopicRow }
 *   POST /topics/:id/rate               { rating: 1..5, body?, resident?: person documentId } → { data: TopicRow }
 *                                       (resident: staff entering a paper evaluation form)
 *   POST /topics/:id/close              { note? } → { data: TopicRow }          (办结)
 *   GET  /ranking?area=                 → { data: TopicRow[] }  (being ranked, best first)
 *   POST /ranking                       { order: topic documentIds, representative?: person documentId } → { data: { ranked } }
 *                                       (where representatives rank, staff enter each one's ranking)
 *   POST /ranking/close                 { area } → { data: TopicRow[] }
 *   GET  /ranking/entries?area=         → { data: RankEntry[] }  (representatives' rankings entered; staff)
 *   POST /ranking/withdraw              { area, representative } → { data: { withdrawn } }  (staff)
 *   GET  /mine                          → { data: TopicRow[] }  (raised by me)
 *   GET  /procedure                     → { data: ProcedureConfig }  (my community's: who ranks)
 *
 * Meetings and decisions (staff):
 *   GET  /meetings?kind=&page=          → { data: MeetingRow[], meta: { pagination } }
 *   POST /meetings                      MeetingInput → { data: MeetingDetail }
 *   GET  /meetings/:id                  → { data: MeetingDetail }
 *   PUT  /meetings/:id                  Partial<MeetingInput> → { data: MeetingDetail }
 *   POST /meetings/:id/decisions        DecisionInput → { data: DecisionRow }
 *   POST /decisions/:id/implement       ImplementInput → { data: DecisionRow }
 *   POST /decisions/:id/tasks/:index/done → { data: DecisionRow }
 *   POST /decisions/:id/complete        { fundsSpent?: fen, note? } → { data: DecisionRow }
 *
 * Votes:
 *   GET  /rules                         → { data: VoteRuleRow[] }
 *   POST /rules                         { key, nameZh, nameEn, descriptionZh?, descriptionEn?, rule } → { data: VoteRuleRow }  (district staff)
 *   GET  /votes?status=&page=           → { data: VoteRow[], meta: { pagination } }
 *   POST /votes                         VoteInput & { title, question? } → { data: VoteRow }
 *   GET  /votes/mine                    → { data: MyVoteRow[] }
 *   GET  /votes/:id                     → { data: VoteDetail }
 *   POST /votes/:id/open                → { data: VoteRow }   (the electorate is frozen)
 *   POST /votes/:id/codes               { electors?: documentIds } → { data: IssuedCode[] }  (shown once)
 *   GET  /votes/:id/electors?q=&voted=&page=&pageSize= → { data: ElectorRow[], meta: { pagination } }
 *   POST /votes/:id/ballot              { choice } → { data }                     (a resident on the phone)
 *   POST /votes/:id/paper               multipart files.scan + data JSON, or JSON { elector, choice, proxyName? } → { data: PaperReceipt }
 *   POST /votes/:id/close               → { data: VoteRow }
 *   GET  /votes/:id/recount             → { data: Recount }
 *   POST /ballot-code                   { code, choice } → { data: CodeReceipt }  (no account)
 *
 * Procedure and reports (staff):
 *   GET  /procedures/:area              → { data: ProcedureAnswer }
 *   PUT  /procedures/:area              Partial<ProcedureConfig> → { data: ProcedureAnswer }
 *   GET  /reports/solved?year=          → { data: SolvedReport }
 *
 * Refusals are Strapi's `{ error: { status, message, details: { errors: [{ path, message, messageZh }] } } }`.
 */
import type {
  AttendeeRole,
  MeetingKind,
  ProcedureConfig,
  Stage,
  TopicKind,
} from '../../domain/procedure';
import type { Choice, ElectorateKind, Figures, TallyResult, VoteRule } from '../../domain/rules';

export type {
  AttendeeRole,
  Choice,
  ElectorateKind,
  Figures,
  MeetingKind,
  ProcedureConfig,
  Stage,
  TallyResult,
  TopicKind,
  VoteRule,
};

export interface Pagination {
  page: number;
  pageSize: number;
  total: number;
}
export interface Paged<T> {
  data: T[];
  meta: { pagination: Pagination };
}

export type TopicSource = 'resident' | 'grid' | 'staff';

export interface TopicRow {
  id: number;
  documentId: string;
  number: string;
  title: string;
  body: string | null;
  kind: TopicKind;
  source: TopicSource;
  stage: Stage;
  areaPath: string;
  areaName: string | null;
  communityId: number | null;
  compoundId: number | null;
  building: string | null;
  unitNo: string | null;
  /** null for residents (who raised a topic is personal) */
  raisedByUserId: number | null;
  raisedByName: string | null;
  raisedByPhone: string | null;
  receiptCode: string | null;
  mergedIntoId: number | null;
  supportCount: number;
  commentCount: number;
  rankScore: number | null;
  rankVoters: number | null;
  rankPosition: number | null;
  declineReason: string | null;
  publicUntil: string | null;
  solved: boolean;
  solvedAt: string | null;
  ratingSum: number | null;
  ratingCount: number | null;
  revision: number;
  stageAt: string;
  createdAt: string;
}

/** A residents' representative's ranking as staff entered it: the topics best first. */
export interface RankEntry {
  representative: { documentId: string; name: string };
  at: string;
  order: { documentId: string; number: string }[];
}

/** One entry of a topic's record: who did what, when. */
export interface TopicStep {
  action: string;
  fromStage: Stage | null;
  toStage: Stage | null;
  at: string;
  /** masked for residents */
  actorName: string | null;
  note: string | null;
  data: Record<string, unknown> | null;
}

export interface TopicComment {
  documentId: string;
  authorName: string | null;
  body: string;
  /** a rating (评议) when set, 1–5 */
  rating: number | null;
  at: string;
  mine: boolean;
}

/** A vote as the topic screen lists it. */
export interface TopicVote {
  documentId: string;
  number: string;
  title: string;
  status: VoteStatus;
  closesAt: string | null;
  passed: boolean | null;
  electorateKind: ElectorateKind;
  ruleKey: string;
}

export interface TopicDetail extends TopicRow {
  steps: TopicStep[];
  comments: TopicComment[];
  decisions: DecisionRow[];
  votes: TopicVote[];
  /** the signed-in resident supports it */
  supported: boolean;
  mergedInto: { documentId: string; number: string; title: string } | null;
  procedure: ProcedureConfig;
  /** the reader is staff covering it (reads who raised it) */
  staff: boolean;
}

export interface Attendee {
  role: AttendeeRole;
  count: number;
  names?: string;
}

export interface MeetingInput {
  kind: MeetingKind;
  title: string;
  heldAt: string;
  place?: string | null;
  /** the community's documentId */
  area: string;
  /** topic documentIds on the agenda */
  topics: string[];
  attendees?: Attendee[];
  minutes?: string | null;
}

export interface MeetingRow {
  id: number;
  documentId: string;
  kind: MeetingKind;
  title: string;
  heldAt: string;
  place: string | null;
  areaPath: string;
  areaName: string | null;
  communityId: number | null;
  attendees: Attendee[] | null;
  minutes: string | null;
  topicIds: number[] | null;
  status: 'planned' | 'held';
}

export interface MeetingDetail extends MeetingRow {
  topics: { documentId: string; number: string; title: string; stage: Stage; kind: TopicKind }[];
  decisions: DecisionRow[];
}

export interface VoteInput {
  electorate: ElectorateKind;
  /** a rule's key */
  rule: string;
  /** the compound's documentId */
  compound: string;
  building?: string;
  unitNo?: string;
  closesAt: string;
}

export interface DecisionInput {
  /** the topic's documentId */
  topic: string;
  text: string;
  outcome?: 'adopt' | 'reject';
  vote?: VoteInput;
}

export interface Task {
  title: string;
  /** YYYY-MM-DD */
  dueOn: string | null;
  doneAt: string | null;
}

export type DecisionStatus =
  | 'adopted'
  | 'voting'
  | 'rejected'
  | 'publicising'
  | 'implementing'
  | 'done';

export interface FollowUp {
  kind: 'tasks' | 'case' | 'grant';
  tasks?: Task[];
  caseNumber?: string;
  /** the case's documentId */
  caseId?: string;
  note?: string;
  /** why implementation started before the publicity period ended */
  early?: string;
}

export interface DecisionRow {
  id: number;
  documentId: string;
  topicId: number;
  meetingId: number;
  text: string | null;
  needsVote: boolean;
  status: DecisionStatus;
  /** YYYY-MM-DD */
  publicFrom: string | null;
  publicUntil: string | null;
  followUp: FollowUp | null;
  dueOn: string | null;
  implementedAt: string | null;
  areaPath: string;
  /** fen (a string on PostgreSQL's bigint) */
  fundsSpent: string | number | null;
}

export interface ImplementInput {
  kind: 'tasks' | 'case' | 'grant';
  tasks?: { title: string; dueOn?: string | null }[];
  earlyReason?: string;
  dueOn?: string;
  note?: string;
}

export interface VoteRuleRow {
  id: number;
  documentId: string;
  key: string;
  nameZh: string;
  nameEn: string;
  descriptionZh: string | null;
  descriptionEn: string | null;
  rule: VoteRule;
  preset: boolean;
}

export type VoteStatus = 'draft' | 'open' | 'closed';

export interface VoteRow {
  id: number;
  documentId: string;
  number: string;
  title: string;
  question: string | null;
  topicId: number | null;
  decisionId: number | null;
  electorateKind: ElectorateKind;
  compoundId: number;
  building: string | null;
  unitNo: string | null;
  areaPath: string;
  areaName: string | null;
  ruleKey: string;
  rule: VoteRule;
  status: VoteStatus;
  opensAt: string | null;
  closesAt: string | null;
  electorCount: number | null;
  /** hundredths of m² */
  electorArea: number | null;
  result: TallyResult | null;
  passed: boolean | null;
  closedAt: string | null;
  closedBy: string | null;
  revision: number;
}

/** The reader's household's (or own) place in a vote. */
export interface MyBallot {
  elector: string;
  label: string;
  choice: Choice | null;
  channel: 'phone' | 'code' | 'paper' | null;
  castAt: string | null;
}

export interface VoteDetail extends VoteRow {
  ruleName: { zh: string; en: string } | null;
  /** past its closing time or closed */
  closed: boolean;
  /** ballots so far, by count and by area */
  turnout: Figures;
  /** the running result, only where the rule shows it */
  interim: TallyResult | null;
  /** null for staff */
  mine: MyBallot[] | null;
}

export interface MyVoteRow {
  documentId: string;
  number: string;
  title: string;
  status: VoteStatus;
  closesAt: string | null;
  passed: boolean | null;
  label: string;
  choice: Choice | null;
}

export interface IssuedCode {
  electorId: string;
  label: string;
  /** XXXXX-XXXXX, shown this once */
  code: string;
}

export interface ElectorRow {
  documentId: string;
  label: string;
  area: number;
  codeIssuedAt: string | null;
  codeUsedAt: string | null;
  channel: 'phone' | 'code' | 'paper' | null;
  castAt: string | null;
  proxyName: string | null;
  /** after the close, or where the rule shows the running result */
  choice?: Choice | null;
}

export interface PaperReceipt {
  elector: string;
  choice: Choice;
  changed: boolean;
}

export interface CodeReceipt {
  vote: { documentId: string; title: string; number: string };
  elector: string;
  choice: Choice;
}

export interface Recount {
  stored: TallyResult | null;
  recounted: TallyResult;
  matches: boolean;
}

export interface ProcedureAnswer {
  /** the community's documentId */
  area: string;
  config: ProcedureConfig;
  defaults: ProcedureConfig;
}

export interface SolvedReport {
  total: number;
  byKind: { kind: TopicKind; label: { zh: string; en: string }; solved: number }[];
  byCommunity: { area: string; name: string; total: number; byKind: Record<string, number> }[];
}
