import { issue, type Issue } from './donations';
import { LIVE_APPLICATION } from './rounds';

/**
 * What an applicant sees of their application through the receipt code the round's form gave
 * them, pure: the application's timeline (kept on the application), the projection the public
 * page reads, and the rules of an answer to a more-information request. The projection carries
 * no ids, no ledger references, no reviewers or scores, and nothing the applicant did not type
 * or was not meant to read (staff notes reach it only as the question asked and the reason for
 * a rejection).
 */

/** A file sent with an answer, as kept on the application. */
export interface TimelineFile {
  id: number;
  name: string;
  mime: string;
  size: number;
  url: string;
}

/** One thing that happened to an application, kept in its `timeline` (JSON, append-only). */
export interface TimelineEntry {
  /** ISO time */
  at: string;
  kind: 'status' | 'answer';
  /** kind status: the status moved to */
  status?: string;
  /** kind status: the staff's note (shown to the applicant only for more_info and rejected) */
  note?: string | null;
  /** kind answer: the applicant's text and files */
  text?: string;
  files?: TimelineFile[];
}

/** Statuses whose staff note is written for the applicant: the question, the reason. */
export const NOTE_FOR_APPLICANT = ['more_info', 'rejected'];

/**
 * The note a withdrawal by the applicant leaves on the application: one stored text (the
 * Chinese, as staff notes are written), which the console shows in the reader's language.
 */
export const WITHDRAWN_BY_APPLICANT = '申请人撤回';

export const ANSWER_MAX_LENGTH = 4000;
export const ANSWER_MAX_FILES = 5;

/** The timeline with one more entry (an unreadable stored value starts a new one). */
export function appendTimeline(previous: unknown, entry: TimelineEntry): TimelineEntry[] {
  return [...(Array.isArray(previous) ? (previous as TimelineEntry[]) : []), entry];
}

export const canWithdraw = (status: string): boolean => LIVE_APPLICATION.includes(status);
export const canAnswer = (status: string): boolean => status === 'more_info';

/** An answer as it arrives: its text and the ids of files uploaded for it. */
export function answerIssues(input: unknown): {
  issues: Issue[];
  text: string;
  files: number[];
} {
  const body = (input && typeof input === 'object' ? input : {}) as {
    text?: unknown;
    files?: unknown;
  };
  const issues: Issue[] = [];
  const text = typeof body.text === 'string' ? body.text.trim() : '';
  if (body.text !== undefined && typeof body.text !== 'string')
    issues.push(issue('text', 'invalid_value', 'the answer is text', '补充说明须为文字'));
  else if (text.length < 2)
    issues.push(
      issue('text', 'required', 'say what you are sending', '请填写补充说明（至少 2 个字）'),
    );
  else if (text.length > ANSWER_MAX_LENGTH)
    issues.push(
      issue(
        'text',
        'invalid_value',
        `at most ${ANSWER_MAX_LENGTH} characters`,
        `补充说明不超过 ${ANSWER_MAX_LENGTH} 字`,
      ),
    );
  const files: number[] = [];
  if (body.files !== undefined && body.files !== null) {
    if (
      !Array.isArray(body.files) ||
      !body.files.every((f) => typeof f === 'number' && Number.isSafeInteger(f) && f > 0)
    )
      issues.push(
        issue('files', 'invalid_value', 'the files uploaded for this answer', '附件格式不正确'),
      );
    else if (body.files.length > ANSWER_MAX_FILES)
      issues.push(
        issue(
          'files',
          'invalid_value',
          `at most ${ANSWER_MAX_FILES} files`,
          `附件最多 ${ANSWER_MAX_FILES} 个`,
        ),
      );
    else files.push(...(body.files as number[]));
  }
  return { issues, text, files };
}

/** One line of the applicant's history. */
export interface ApplicantEvent {
  /** ISO time or date; null when the moment was not recorded (a round put all under review) */
  at: string | null;
  event:
    | 'submitted'
    | 'under_review'
    | 'more_info'
    | 'answered'
    | 'rejected'
    | 'withdrawn'
    | 'awarded'
    | 'paid'
    | 'report_submitted'
    | 'report_accepted'
    | 'report_returned';
  note?: string | null;
  text?: string;
  files?: Omit<TimelineFile, 'id'>[];
  /** awarded, paid: in fen */
  amount?: number;
  /** report events */
  report?: 'progress' | 'final';
}

export interface ApplicantTranche {
  number: number;
  label: string | null;
  amount: number;
  dueOn: string | null;
  status: 'scheduled' | 'approved' | 'paid' | 'cancelled';
  paidAt: string | null;
}

export interface ApplicantReport {
  kind: 'progress' | 'final';
  submittedOn: string;
  status: 'submitted' | 'accepted' | 'returned';
  note: string | null;
}

/** The page's whole answer: safe to show to whoever holds the receipt code. */
export interface ApplicantView {
  receiptCode: string;
  round: { title: string; titleEn: string | null };
  projectTitle: string;
  organisationName: string;
  /** fen */
  requested: number;
  submittedAt: string;
  status: string;
  question: string | null;
  reason: string | null;
  canWithdraw: boolean;
  canAnswer: boolean;
  history: ApplicantEvent[];
  award: null | {
    amount: number;
    paid: number;
    status: 'active' | 'closed';
    tranches: ApplicantTranche[];
    reports: ApplicantReport[];
    /** the reports still to hand in (a returned one is due again) */
    reportsDue: ('progress' | 'final')[];
  };
}

/** One line of a signed-in applicant's list of their applications. */
export type ApplicantSummary = Pick<
  ApplicantView,
  'receiptCode' | 'projectTitle' | 'status' | 'submittedAt' | 'round'
>;

/** Rows as the service loads them, only the columns read here. */
export interface ApplicantSource {
  application: {
    receiptCode: string;
    projectTitle: string;
    organisationName: string;
    requested: number | string;
    status: string;
    statusNote?: string | null;
    createdAt: string | Date;
    timeline?: unknown;
  };
  round: { title: string; titleEn?: string | null } | null;
  award: {
    amount: number | string;
    paid: number | string;
    status: string;
    awardedAt?: string | Date | null;
  } | null;
  tranches: {
    number: number;
    label?: string | null;
    amount: number | string;
    dueOn?: string | null;
    status: string;
    paidAt?: string | Date | null;
  }[];
  reports: {
    kind: string;
    submittedOn: string;
    status: string;
    reviewNote?: string | null;
    decidedAt?: string | Date | null;
  }[];
}

const iso = (v: string | Date | null | undefined): string | null =>
  v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : String(v);

const STATUS_EVENTS = new Set(['under_review', 'more_info', 'rejected', 'withdrawn']);

/** The applicant's view of their application, from its rows. */
export function applicantView(source: ApplicantSource): ApplicantView {
  const { application: a, round, award } = source;
  const note = (status: string, text: string | null | undefined) =>
    NOTE_FOR_APPLICANT.includes(status) && text ? text : null;
  const history: ApplicantEvent[] = [{ at: iso(a.createdAt), event: 'submitted' }];
  const timeline = Array.isArray(a.timeline) ? (a.timeline as TimelineEntry[]) : [];
  for (const t of timeline) {
    if (t.kind === 'answer')
      history.push({
        at: t.at,
        event: 'answered',
        text: t.text ?? '',
        files: (t.files ?? []).map(({ name, mime, size, url }) => ({ name, mime, size, url })),
      });
    else if (t.status && STATUS_EVENTS.has(t.status))
      history.push({
        at: t.at,
        event: t.status as ApplicantEvent['event'],
        note: note(t.status, t.note),
      });
  }
  // Opening a round's review puts every submitted application under review at once, without a
  // timeline entry each: say it happened, without a time.
  const reviewed = ['under_review', 'more_info', 'approved'].includes(a.status);
  if (reviewed && !history.some((h) => h.event === 'under_review'))
    history.splice(1, 0, { at: null, event: 'under_review' });
  // An older application moved before timelines were kept: its current state still shows.
  const last = history[history.length - 1];
  if (STATUS_EVENTS.has(a.status) && last?.event !== a.status)
    history.push({
      at: null,
      event: a.status as ApplicantEvent['event'],
      note: note(a.status, a.statusNote),
    });

  let awardView: ApplicantView['award'] = null;
  if (award) {
    history.push({ at: iso(award.awardedAt), event: 'awarded', amount: Number(award.amount) });
    const tranches: ApplicantTranche[] = source.tranches.map((t) => ({
      number: t.number,
      label: t.label ?? null,
      amount: Number(t.amount),
      dueOn: t.dueOn ?? null,
      status: t.status as ApplicantTranche['status'],
      paidAt: iso(t.paidAt),
    }));
    for (const t of tranches)
      if (t.status === 'paid') history.push({ at: t.paidAt, event: 'paid', amount: t.amount });
    const reports: ApplicantReport[] = source.reports.map((r) => ({
      kind: r.kind as ApplicantReport['kind'],
      submittedOn: r.submittedOn,
      status: r.status as ApplicantReport['status'],
      note: r.status === 'returned' ? (r.reviewNote ?? null) : null,
    }));
    for (const r of source.reports) {
      const report = r.kind as ApplicantReport['kind'];
      history.push({ at: r.submittedOn, event: 'report_submitted', report });
      if (r.status === 'accepted' || r.status === 'returned')
        history.push({
          at: iso(r.decidedAt),
          event: r.status === 'accepted' ? 'report_accepted' : 'report_returned',
          report,
          note: r.status === 'returned' ? (r.reviewNote ?? null) : null,
        });
    }
    const handedIn = (kind: string) =>
      reports.some((r) => r.kind === kind && r.status !== 'returned');
    const reportsDue: ('progress' | 'final')[] = [];
    if (award.status === 'active') {
      // A returned progress report is due again; a final report is due until one is in.
      if (reports.some((r) => r.kind === 'progress') && !handedIn('progress'))
        reportsDue.push('progress');
      if (!handedIn('final')) reportsDue.push('final');
    }
    awardView = {
      amount: Number(award.amount),
      paid: Number(award.paid),
      status: award.status === 'closed' ? 'closed' : 'active',
      tranches,
      reports,
      reportsDue,
    };
  }
  // In time order; an event without a time stays after the one before it.
  const keyed = history.map((h, i) => ({ h, i }));
  let lastAt = '';
  const withKey = keyed.map(({ h, i }) => {
    if (h.at) lastAt = h.at;
    return { h, i, key: h.at ?? lastAt };
  });
  withKey.sort((x, y) => (x.key === y.key ? x.i - y.i : x.key < y.key ? -1 : 1));

  return {
    receiptCode: a.receiptCode,
    round: { title: round?.title ?? '', titleEn: round?.titleEn ?? null },
    projectTitle: a.projectTitle,
    organisationName: a.organisationName,
    requested: Number(a.requested),
    submittedAt: iso(a.createdAt) ?? '',
    status: a.status,
    question: a.status === 'more_info' ? (a.statusNote ?? null) : null,
    reason: a.status === 'rejected' ? (a.statusNote ?? null) : null,
    canWithdraw: canWithdraw(a.status),
    canAnswer: canAnswer(a.status),
    history: withKey.map((x) => x.h),
    award: awardView,
  };
}
