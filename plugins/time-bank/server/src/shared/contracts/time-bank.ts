/**
 * What the time bank's REST actions take and answer (routes/index.ts), shared with the console
 * and the phone pages. Minutes are integers; instants are ISO strings; a member, request,
 * service … is named by its documentId. Every answer is `{ data: … }`; a refusal is Strapi's
 * error shape, `details.errors[]` naming the field with `message` (en) and `messageZh`.
 */

export type MemberKind = 'person' | 'team' | 'organisation' | 'pool';
export type ServiceState =
  | 'accepted'
  | 'checked_in'
  | 'checked_out'
  | 'disputed'
  | 'confirmed'
  | 'cancelled';
export type HourType = 'credit' | 'honour';

/** A member as the actions answer it (lists come from GraphQL / the core routes). */
export interface MemberView {
  documentId: string;
  kind: MemberKind;
  name: string;
  passbookNo: string;
  status: 'active' | 'left';
  areaPath: string | null;
  area: { documentId: string; name: string } | null;
}

/** GET /members/:id/balance and part of GET /me. */
export interface BalanceView {
  /** Minutes available now (posted, less what redemptions hold). */
  available: number;
  /** Minutes held by redemptions not yet fulfilled. */
  reserved: number;
  /** Cumulative minutes earned by service and activities (star level counts these). */
  earned: number;
  level: number;
  /** Minutes still to earn for the next star, null at the top. */
  toNextLevel: number | null;
  mayRedeem: boolean;
  /** The storage cap in minutes, null when none. */
  cap: number | null;
  /** Minutes that expire within 30 days (oldest lots first), 0 when the policy has no expiry. */
  expiringSoon: number;
}

/** One line of a passbook (存折), newest first. */
export interface PassbookLine {
  transferId: string;
  at: string;
  /** Positive: a deposit (存入); negative: a withdrawal (支取). */
  minutes: number;
  balanceAfter: number;
  /** service | activity | redemption | gift-family | gift-donation | issue | expiry | cap | reversal … */
  code: string;
  /** What it was, for people: 「为王阿姨陪诊（服务 TB-2026-000123）」. */
  description: { zh: string; en: string };
  counterparty: string | null;
}
/** GET /members/:id/passbook?before=<transferId>&limit=50 (keyset, newest first). */
export interface PassbookPage {
  member: MemberView;
  balance: BalanceView;
  lines: PassbookLine[];
  /** Pass as `before` for the next page; null on the last. */
  next: string | null;
}

/** GET /me: the signed-in resident or volunteer. */
export interface MeView {
  member: MemberView | null;
  balance: BalanceView | null;
  /** The relation as seen from the viewer's side (their parent, their child …). */
  family: { documentId: string; relation: string; relative: MemberView; status: string }[];
  /** The community pools the member may donate hours to (their community's and above). */
  pools: MemberView[];
  /** The communities one may join in (for the join page), when not yet a member. */
  communities: { documentId: string; name: string }[];
  categories: CategoryView[];
}

export interface CategoryView {
  code: string;
  nameZh: string;
  nameEn: string;
}

/** POST /requests (staff, or a resident for themselves; `member` only when staff post on behalf). */
export interface RequestInput {
  side?: 'need' | 'offer';
  title: string;
  category: string; // category code
  description?: string;
  member?: string; // the elder's member documentId (staff)
  area?: string; // community documentId (defaults to the member's)
  microGrid?: string;
  compound?: string;
  address?: string;
  windowStart: string;
  windowEnd: string;
  estimatedMinutes: number;
  volunteersNeeded?: number;
  awardDocumentId?: string;
}

export interface RequestView {
  documentId: string;
  side: 'need' | 'offer';
  title: string;
  description: string | null;
  category: CategoryView | null;
  member: MemberView | null;
  address: string | null;
  windowStart: string;
  windowEnd: string;
  estimatedMinutes: number;
  volunteersNeeded: number;
  taken: number;
  status: 'open' | 'full' | 'cancelled' | 'done';
  /** For GET /me/nearby: how near (micro-grid, grid, community, subdistrict, district). */
  nearness?: 'micro-grid' | 'grid' | 'community' | 'subdistrict' | 'district';
}

/** GET /requests/:id/candidates */
export interface CandidateView {
  member: MemberView;
  score: number;
  reasons: { zh: string; en: string }[];
  openCommitments: number;
  confirmedServices: number;
}

/** POST /requests/:id/accept { volunteer? } → the service; GET /me/services lists them. */
export interface ServiceView {
  documentId: string;
  number: string;
  state: ServiceState;
  hourType: HourType;
  request: { documentId: string; title: string; windowStart: string; windowEnd: string } | null;
  volunteer: MemberView | null;
  recipient: MemberView | null;
  category: CategoryView | null;
  acceptedAt: string | null;
  checkedInAt: string | null;
  checkedOutAt: string | null;
  rawMinutes: number | null;
  countedMinutes: number | null;
  creditedMinutes: number | null;
  confirmedAt: string | null;
  confirmedBy: string | null;
  confirmedOnBehalf: boolean;
  disputeReason: string | null;
  /** Who paid (the person served, or a community pool), once confirmed. */
  payer: MemberView | null;
  paidByPool: boolean;
  /** For the phone: what the viewer may do now. */
  mine?: { asVolunteer: boolean; asRecipient: boolean };
}

/** POST /services/:id/confirm { onBehalf?: boolean } ; /dispute { reason } ; /resolve { minutes, resolution } ;
 * /record { minutes } (offline honour hours, staff) ; /cancel { reason } */

/** POST /activities/:id/roster { entries: [{ member, minutes }] } (honour hours, organiser's roster);
 * POST /activities/:id/credit {} credits every checked-out or rostered participant in one batch;
 * POST /checkin { code } toggles the signed-in member's check-in / check-out at the venue. */
export interface CreditResult {
  credited: number;
  minutes: number;
  transfers: number;
}

/** POST /catalogue-items/:id/redeem { quantity, member? } → the redemption (minutes reserved). */
export interface RedemptionView {
  documentId: string;
  number: string;
  status: 'reserved' | 'fulfilled' | 'cancelled';
  quantity: number;
  minutes: number;
  item: { documentId: string; nameZh: string; nameEn: string | null } | null;
  member: MemberView | null;
}

/** POST /checkin { code } answers where and what: checked_in, or checked_out with the minutes counted. */
export interface CheckinResult {
  activity: string;
  status: 'checked_in' | 'checked_out';
  minutes: number | null;
  at: string;
}

/** POST /gifts { kind: 'family' | 'donation', to: member documentId or passbook number, minutes, note?, from? (staff) } */
export interface GiftInput {
  kind: 'family' | 'donation';
  to: string;
  minutes: number;
  note?: string;
  from?: string;
}

/** GET /stats?area=&team=&from=&to= : totals by month and by category, confirmed minutes. */
export interface StatsView {
  byMonth: { month: string; minutes: number; services: number; activities: number }[];
  byCategory: { code: string; nameZh: string; nameEn: string; minutes: number }[];
  activeVolunteers: number;
  topTeams: { documentId: string; name: string; minutes: number }[];
  unmetPastWindow: number;
}

/** GET /me/activities: open activities in my subdistrict, soonest first; sign up with POST /activities/:id/signup. */
export interface ActivityView {
  documentId: string;
  title: string;
  description: string | null;
  place: string | null;
  community: string | null;
  category: CategoryView | null;
  startsAt: string;
  endsAt: string;
  capacity: number | null;
  /** How many have signed up so far. */
  signedUp: number;
  /** Mine: signed_up, checked_in, checked_out, credited — or null when not signed up. */
  myStatus: string | null;
}
