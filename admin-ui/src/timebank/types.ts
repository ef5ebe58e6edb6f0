/**
 * The time bank's records as the console's GraphQL reads them (relations as `{ documentId,
 * <label> }`), and the REST answers it uses (the plugin's shared contract).
 */
export type {
  BalanceView,
  CandidateView,
  CreditResult,
  MemberKind,
  PassbookLine,
  PassbookPage,
  ServiceState,
  StatsView,
} from '../../../plugins/time-bank/server/src/shared/contracts/time-bank';

interface Ref {
  documentId: string;
  name?: string;
  title?: string;
  code?: string;
}

export interface MemberRecord {
  id: string;
  documentId: string;
  kind: 'person' | 'team' | 'organisation' | 'pool';
  name: string;
  passbookNo?: string | null;
  status: 'active' | 'left';
  earnedMinutes?: number | null;
  area?: Ref | null;
  person?: Ref | null;
  organisation?: Ref | null;
  leader?: Ref | null;
  teamMembers?: Ref[] | null;
  categories?: string[] | null;
  joinedOn?: string | null;
}

export interface RequestRecord {
  id: string;
  side: 'need' | 'offer';
  title: string;
  description?: string | null;
  category?: Ref | null;
  member?: Ref | null;
  area?: Ref | null;
  address?: string | null;
  windowStart: string;
  windowEnd: string;
  estimatedMinutes: number;
  volunteersNeeded: number;
  taken: number;
  status: 'open' | 'full' | 'cancelled' | 'done';
  onBehalf?: boolean | null;
}

export interface ServiceRecord {
  id: string;
  number: string;
  state: 'accepted' | 'checked_in' | 'checked_out' | 'disputed' | 'confirmed' | 'cancelled';
  hourType: 'credit' | 'honour';
  request?: Ref | null;
  volunteer?: Ref | null;
  recipient?: Ref | null;
  payer?: Ref | null;
  category?: Ref | null;
  acceptedAt?: string | null;
  checkedInAt?: string | null;
  checkedOutAt?: string | null;
  rawMinutes?: number | null;
  countedMinutes?: number | null;
  creditedMinutes?: number | null;
  confirmedAt?: string | null;
  confirmedBy?: string | null;
  confirmedOnBehalf?: boolean | null;
  disputeReason?: string | null;
  resolution?: string | null;
  cancelReason?: string | null;
  toPoolMinutes?: number | null;
  policyVersion?: number | null;
}

export interface ActivityRecord {
  id: string;
  title: string;
  description?: string | null;
  category?: Ref | null;
  pool?: Ref | null;
  organiser?: Ref | null;
  area?: Ref | null;
  place?: string | null;
  startsAt: string;
  endsAt: string;
  capacity?: number | null;
  checkinCode?: string | null;
  status: 'open' | 'credited' | 'cancelled';
  creditedAt?: string | null;
  creditedMinutes?: number | null;
}

export interface ParticipationRecord {
  id: string;
  member?: Ref | null;
  status: 'signed_up' | 'checked_in' | 'checked_out' | 'credited' | 'absent';
  hourType: 'credit' | 'honour';
  checkedInAt?: string | null;
  checkedOutAt?: string | null;
  minutes?: number | null;
  creditedMinutes?: number | null;
}

export interface RedemptionRecord {
  id: string;
  number: string;
  status: 'reserved' | 'fulfilled' | 'cancelled';
  quantity: number;
  minutes: number;
  item?: { documentId: string; nameZh?: string } | null;
  member?: Ref | null;
}

export interface FamilyLinkRecord {
  id: string;
  member?: Ref | null;
  relative?: Ref | null;
  relation: string;
  evidence?: string | null;
  status: 'active' | 'revoked';
  registeredBy?: string | null;
  revokedAt?: string | null;
}
