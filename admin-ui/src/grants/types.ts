import type { Identifier } from 'react-admin';
import type { Criterion } from '../../../plugins/grants/server/src/domain/rounds';
import type {
  StageCounts,
  StageWarning,
} from '../../../plugins/grants/server/src/domain/round-stages';
import type { FormDefinition } from '../../../plugins/forms/server/src/domain/fields';
import type {
  APPLICATION_STATUSES,
  AWARD_STATUSES,
  DONATION_CHANNELS,
  DONATION_STATUSES,
  DONOR_KINDS,
  FUND_KINDS,
  FUND_STATUSES,
  REPORT_KINDS,
  REPORT_STATUSES,
  ROUND_STATUSES,
  TRANCHE_STATUSES,
} from '../choices';

/**
 * The grants records the console reads: from the data provider (GraphQL: `id` is the
 * documentId, money is fen as Strapi's Long travels — a JSON number, relations are
 * `{ documentId, <label> }`) and from the plugin's REST answers (money in fen as numbers).
 * Only the fields the screens read.
 */

export type { Criterion };

/** Fen as GraphQL's Long carries it: a JSON number (digits as text from REST); read it with fenOf. */
export type Long = string | number;

/** A relation as the data provider selects it: its documentId and, maybe, its label field. */
export interface Related {
  documentId: string;
  name?: string;
  title?: string;
}

type Of<T extends readonly string[]> = T[number];
export type RoundStatus = Of<typeof ROUND_STATUSES>;
export type ApplicationStatus = Of<typeof APPLICATION_STATUSES>;
export type TrancheStatus = Of<typeof TRANCHE_STATUSES>;

export interface Fund {
  id: string;
  code: string;
  name: string;
  kind: Of<typeof FUND_KINDS>;
  status: Of<typeof FUND_STATUSES>;
}

export interface Donation {
  id: string;
  donorKind: Of<typeof DONOR_KINDS>;
  donorPerson?: Related | null;
  donorOrganisation?: Related | null;
  donorName?: string | null;
  amount: Long;
  channel: Of<typeof DONATION_CHANNELS>;
  status: Of<typeof DONATION_STATUSES>;
  receiptNo?: string | null;
  fund?: Related | null;
  donatedOn?: string | null;
}

export interface Round {
  id: string;
  title: string;
  titleEn?: string | null;
  status: RoundStatus;
  budget: Long;
  cap: Long;
  awarded?: Long | null;
  fund?: Related | null;
  form?: Related | null;
  /** checked by the server's rubricIssues; may be unset */
  rubric?: Criterion[] | null;
}

export interface Application {
  id: string;
  projectTitle: string;
  organisationName: string;
  requested: Long;
  score?: number | null;
  status: ApplicationStatus;
  round?: Related | null;
  submission?: Related | null;
}

export interface Award {
  id: string;
  amount: Long;
  approved?: Long | null;
  paid?: Long | null;
  returned?: Long | null;
  status: Of<typeof AWARD_STATUSES>;
}

/** A tranche: a disbursement record, or a row of an award's plan (REST: the stored row). */
export interface Tranche {
  id: Identifier;
  documentId?: string;
  number?: number;
  label?: string | null;
  amount: Long | number;
  dueOn?: string | null;
  status: TrancheStatus;
}

export interface Report {
  id: string;
  award?: Related | null;
  kind: Of<typeof REPORT_KINDS>;
  volunteerMinutes?: number | null;
  spending?: Long | null;
  status: Of<typeof REPORT_STATUSES>;
}

// ---- REST answers (/api/grants/…), money in fen ----

/** GET /funds/:id/balance */
export type FundBalance = Record<'available' | 'reserved' | 'committed' | 'total', number>;

/** GET /funds/balances?ids=… — each fund's balance and what its awards have paid out. */
export type FundBalances = FundBalance & { paid: number };

/** GET /funds/:id/statement */
export interface FundStatement {
  opening: number;
  closing: number;
  donations: number;
  donationsByChannel: Record<string, { count: number; amount: number }>;
  refunds: number;
  awarded: number;
  disbursed: number;
  returned: number;
  funding: number;
  other: number;
  reconciles: boolean;
}

/** GET /rounds/:id/ranking */
export interface RoundRanking {
  round: { budget: number; awarded: number };
  rows: {
    documentId: string;
    rank: number | null;
    projectTitle: string;
    organisationName: string;
    requested: number;
    score: number | null;
    status: ApplicationStatus;
    reviews: Record<'assigned' | 'submitted' | 'conflicts' | 'yes' | 'maybe' | 'no', number>;
    award: { documentId: string; amount: number } | null;
  }[];
}

/** GET /awards/:id/plan: the award with its stored tranche and report rows. */
export interface AwardPlan {
  tranches: (Tranche & { documentId: string; number: number })[];
  reports: {
    documentId: string;
    kind: Of<typeof REPORT_KINDS>;
    submittedOn: string;
    beneficiaries: number | null;
    volunteerMinutes: number | null;
    spending: Long | number | null;
    narrative: string | null;
    status: Of<typeof REPORT_STATUSES>;
  }[];
}

/** GET /reviewers: the users who may review. */
export interface Reviewer {
  id: number;
  username: string;
  role: string;
}

/** GET /applications/:id/reviews, as the server lets this user see them. */
export interface ReviewRow {
  documentId: string;
  reviewer: { id?: number; username: string };
  status: 'assigned' | 'conflict' | 'submitted';
  conflictNote?: string | null;
  scores?: Record<string, number | null> | null;
  weightedScore?: number | null;
  recommendation?: 'yes' | 'maybe' | 'no' | null;
  comment?: string | null;
}

/** GET /reviews/mine: the reviewer's assignments, with the application and its round. */
export interface Assignment {
  documentId: string;
  status: ReviewRow['status'];
  round?: {
    title: string;
    titleEn?: string | null;
    rubric?: Criterion[] | null;
    status?: RoundStatus;
  } | null;
  application: {
    documentId: string;
    status?: ApplicationStatus;
    projectTitle: string;
    organisationName: string;
    requested: number | string;
    summary?: string | null;
    definition?: FormDefinition | null;
    answers?: Record<string, unknown> | null;
  };
}

/** GET /rounds/:id/advance-preview: what the next step would do; whether undo is possible. */
export interface AdvancePreview {
  status: RoundStatus;
  next: RoundStatus | null;
  today: string;
  closesOn: string | null;
  closingReached: boolean;
  counts: StageCounts;
  awards: number;
  warnings: StageWarning[];
  reasonRequired: boolean;
  /** why the round cannot open yet (field issues, as the server would refuse) */
  problems: { path: string; message: string; messageZh: string }[];
  undo: {
    possible: boolean;
    to: RoundStatus | null;
    /** the field the refusal names (its messages start with it, for API clients) */
    path: string | null;
    message: string | null;
    messageZh: string | null;
    reason: string | null;
  };
}
