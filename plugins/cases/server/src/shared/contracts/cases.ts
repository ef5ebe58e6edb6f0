/**
 * The cases REST API (/api/cases/…) as the console and the phone pages use it: request and
 * answer shapes, imported as types. Times are ISO strings; working time limits are minutes.
 *
 * Case types and the calendar (district-wide staff):
 *   GET  /types                         → { data: CaseTypeSummary[] }
 *   POST /types                         { key, name, nameEn?, numberPrefix, intakeForm?, draft? } → { data: CaseTypeDetail }
 *   GET  /types/:key                    → { data: CaseTypeDetail }
 *   PUT  /types/:key                    { name?, nameEn?, description?, intakeForm?, active?, draft? } → { data: CaseTypeDetail }
 *   POST /types/:key/check              { definition } → { data: WorkflowCheck }   (the designer's live check)
 *   POST /types/:key/publish            → { data: CaseTypeDetail }  (400 with the issues when broken)
 *   GET  /calendar                      → { data: CalendarYearRow[] }
 *   PUT  /calendar/:year                { holidays, workdays, hours, source? } → { data: CalendarYearRow }
 *
 * Cases (staff; the kit scopes them by the case's area; a department sees what is assigned or whistled to it):
 *   GET  /queue?view=&type=&state=&q=&page=&pageSize=  → { data: CaseSummary[], meta: { page, pageSize, total, totalCapped }, counts: Record<QueueView, number>, countCap }
 *        (each tab's count stops at countCap, shown as "1000+"; the current view's total at 10,000)
 *   POST /cases                         CaseIntake → { data: CaseSummary }
 *   GET  /cases/:id                     → { data: CaseDetail }
 *   POST /cases/:id/transition          { transition, expectedState, note?, attachments?: number[], target?: DispatchTarget, fields? } → { data: CaseDetail }
 *   POST /cases/:id/press               { note } → { data: CaseDetail }                      (督办)
 *   POST /cases/:id/extension           { workingDays, reason } → { data: CaseDetail }       (延期申请)
 *   POST /cases/:id/extension/decide    { grant: boolean, note? } → { data: CaseDetail }
 *   POST /cases/:id/merge               { into: documentId, note? } → { data: CaseDetail }
 *   POST /cases/:id/split               { parts: { title, category?, item? }[], note? } → { data: CaseDetail }
 *   POST /cases/:id/comment             { note, attachments?: number[] } → { data: CaseDetail }
 *   POST /cases/:id/callback            { satisfaction: 1..5, note? } → { data: CaseDetail }  (回访 by staff)
 *   POST /cases/:id/whistle             { departments: documentId[], category, item?, note } → { data: CaseDetail }
 *   POST /whistles/:id/report           { note? } → { data: CaseDetail }     (报到, the department)
 *   POST /whistles/:id/act              { note, attachments?: number[] } → { data: CaseDetail }
 *   POST /whistles/:id/rate             { rating: 1..5, note? } → { data: CaseDetail }   (the community)
 *   POST /attachments                   multipart `files` → { data: Attachment[] }  (checked like form uploads)
 *   GET  /targets                       → { data: { communities, organisations, people } } (whom one may dispatch to)
 *   GET  /reports/departments?year=     → { data: DepartmentRating[], year, weightPermille }
 *   GET  /reports/dashboard?weeks=      → { data: CasesDashboard }
 *
 * The inbox (any signed-in user):
 *   GET  /inbox?unread=true&page=       → { data: Notification[], meta: { unread, total } }
 *   POST /inbox/:id/read ; POST /inbox/read-all
 *
 * The grid worker's phone page:
 *   GET  /mine                          → { data: CaseSummary[] } (called in by me or assigned to me)
 *
 * The resident, by receipt code (public, rate-limited like the forms receipt):
 *   GET  /receipt/:code                 → { data: ReceiptView }
 *   POST /receipt/:code/rate            { satisfaction: 1..5, note? } → { data: ReceiptView }
 *   POST /receipt/:code/reopen          { reason } → { data: ReceiptView }
 */
import type { CaseTypeDefinition, Localised, StateKind, Transition } from '../../domain/types';

export type QueueView =
  | 'mine'
  | 'unit'
  | 'unassigned'
  | 'due_soon'
  | 'overdue'
  | 'whistled'
  | 'all'
  | 'closed';

export type SlaStatus = 'none' | 'on_time' | 'due_soon' | 'overdue' | 'paused' | 'met' | 'missed';

export interface CaseTypeSummary {
  documentId: string;
  key: string;
  name: string;
  nameEn: string | null;
  numberPrefix: string;
  currentVersion: number;
  intakeForm: string | null;
  active: boolean;
}

export interface CaseTypeDetail extends CaseTypeSummary {
  description: string | null;
  /** the definition being edited (may be broken) */
  draft: CaseTypeDefinition | null;
  /** the published definition new cases start on */
  current: CaseTypeDefinition | null;
  versions: { version: number; publishedOn: string; author: string | null }[];
}

export interface WorkflowCheck {
  issues: { path: string; code: string; message: string; messageZh: string }[];
  reachable: string[];
  deadEnds: string[];
  untakeable: string[];
}

export interface CalendarYearRow {
  year: number;
  holidays: string[];
  workdays: string[];
  hours: [number, number][];
  source: string | null;
  confirmed: boolean;
}

export interface DispatchTarget {
  kind: 'community' | 'organisation' | 'person';
  /** the community's area documentId, the organisation's documentId, or the user's id */
  id: string | number;
}

export interface CaseIntake {
  type: string; // the case type's key
  channel: 'phone' | 'grid' | 'proactive';
  title: string;
  description?: string;
  category?: string;
  item?: string;
  area: string; // documentId of a community (or anything below a district)
  address?: string;
  reporterName?: string;
  reporterPhone?: string;
  attachments?: number[];
}

export interface CaseSummary {
  documentId: string;
  number: string;
  typeKey: string;
  typeName: Localised;
  title: string;
  category: string | null;
  categoryLabel: Localised | null;
  item: string | null;
  itemLabel: Localised | null;
  channel: string;
  state: string;
  stateLabel: Localised;
  stateKind: StateKind;
  areaName: string | null;
  areaPath: string | null;
  assigneeName: string | null;
  slaStatus: SlaStatus;
  dueAt: string | null;
  stateDueAt: string | null;
  whistled: boolean;
  satisfaction: number | null;
  createdAt: string;
}

export interface Attachment {
  id: number;
  name: string;
  mime: string;
  size: number;
  url: string;
}

export interface TimelineStep {
  id: number;
  at: string;
  action: string;
  /** the step in words: the transition's own label, or the operation's (督办, 吹哨 …) */
  label: Localised;
  fromState: string | null;
  toState: string | null;
  actorName: string | null;
  note: string | null;
  data: Record<string, unknown> | null;
  attachments: Attachment[];
}

export interface WhistleRow {
  documentId: string;
  departmentId: number;
  departmentName: string;
  category: string | null;
  item: string | null;
  state: 'called' | 'reported' | 'acted' | 'rated' | 'withdrawn';
  calledAt: string;
  reportDueAt: string | null;
  reportedAt: string | null;
  actDueAt: string | null;
  actedAt: string | null;
  lateReport: boolean;
  action: string | null;
  rating: number | null;
  ratingNote: string | null;
  points: number;
  /** what the viewer may do on it now */
  mayReport: boolean;
  mayAct: boolean;
  mayRate: boolean;
}

export interface CaseDetail extends CaseSummary {
  description: string | null;
  address: string | null;
  /** masked unless the viewer's scope covers the case */
  reporterName: string | null;
  reporterPhone: string | null;
  receiptCode: string;
  typeVersion: number;
  signedAt: string | null;
  reply: string | null;
  repliedAt: string | null;
  closedAt: string | null;
  satisfaction: number | null;
  satisfactionNote: string | null;
  ratedBy: 'reporter' | 'callback' | null;
  reopenCount: number;
  pressCount: number;
  extension: {
    state: 'requested' | 'granted' | 'refused';
    workingDays: number;
    reason: string;
    decidedNote?: string;
  } | null;
  mergedInto: { documentId: string; number: string } | null;
  parent: { documentId: string; number: string } | null;
  children: { documentId: string; number: string }[];
  attachments: Attachment[];
  timeline: TimelineStep[];
  whistles: WhistleRow[];
  /** the workflow transitions the viewer may take now (the case screen's buttons) */
  actions: (Pick<Transition, 'key' | 'label' | 'effect' | 'requires'> & { to: string })[];
  /** the other operations the viewer may do now */
  operations: (
    | 'press'
    | 'extend'
    | 'decide_extension'
    | 'merge'
    | 'split'
    | 'comment'
    | 'callback'
    | 'whistle'
  )[];
  categories: CaseTypeDefinition['categories'];
  whistleCategories: CaseTypeDefinition['categories'] | null;
}

export interface Notification {
  id: number;
  kind: string;
  title: string;
  body: string | null;
  caseDocumentId: string | null;
  caseNumber: string | null;
  readAt: string | null;
  createdAt: string;
}

export interface DepartmentRating {
  departmentId: number;
  departmentName: string;
  whistles: number;
  reportedOnTime: number;
  reportedLate: number;
  notReported: number;
  acted: number;
  /** hundredths: 433 = 4.33 */
  averageRating: number | null;
  points: number;
  /** hundredths of a 0–100 score */
  score: number;
  rank: number;
  cases: { documentId: string; number: string; rating: number | null }[];
}

export interface CasesDashboard {
  received: number;
  open: number;
  onTime: number;
  overdue: number;
  closed: number;
  satisfaction: { satisfied: number; basic: number; dissatisfied: number; rated: number };
  byCategory: {
    key: string;
    label: Localised;
    received: number;
    overdue: number;
    satisfied: number;
    rated: number;
  }[];
  byArea: {
    path: string;
    name: string;
    received: number;
    overdue: number;
    satisfied: number;
    rated: number;
  }[];
  weekly: { week: string; received: number; closed: number; overdue: number }[];
}

export interface ReceiptView {
  number: string;
  typeName: Localised;
  title: string;
  stateLabel: Localised;
  stateKind: StateKind;
  dueAt: string | null;
  reply: string | null;
  repliedAt: string | null;
  satisfaction: number | null;
  mayRate: boolean;
  mayReopen: boolean;
  reopenUntil: string | null;
  steps: { at: string; label: Localised; note: string | null }[];
}
