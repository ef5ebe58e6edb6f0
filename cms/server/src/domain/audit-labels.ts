/**
 * What the audit log stores beside the raw before/after so a person can read it: a human name
 * for the record (kept in the entry, so it survives the record's deletion) and the business
 * operation a change was (a donation received, a round moved on), derived from the fields that
 * changed. Pure: the audit service supplies the rows and the related records' names.
 */

import { maskIdNumber, maskPhone } from './mask';

type Row = Record<string, unknown>;

/** An amount in fen as people read it, ¥1,234.00 (exact: integer arithmetic, no floats). */
export function yuanText(fen: unknown): string {
  const n = typeof fen === 'number' || typeof fen === 'string' ? String(fen).trim() : '';
  if (!/^-?\d+$/.test(n)) return '';
  const negative = n.startsWith('-');
  const digits = (negative ? n.slice(1) : n).padStart(3, '0');
  const whole = digits.slice(0, -2).replace(/^0+(?=\d)/, '');
  const cents = digits.slice(-2);
  return `${negative ? '-' : ''}¥${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

/** A related record whose name belongs in another record's label (a tranche's project). */
export interface LabelRelation {
  field: string;
  /** The related record's field that names it. */
  select: string;
}

/**
 * How each content type is named, by uid: a related record's name (the first of `relation`
 * that names one), its own fields (joined by " · "), amounts in fen shown in yuan. Types not
 * listed use `name`/`title`.
 */
export const LABEL_RULES: Record<
  string,
  { own?: readonly string[]; money?: readonly string[]; relation?: readonly LabelRelation[] }
> = {
  'plugin::cms.area': { own: ['name'] },
  'plugin::cms.grid': { own: ['name'] },
  'plugin::cms.compound': { own: ['name'] },
  'plugin::cms.person': { own: ['name'] },
  'plugin::cms.organisation': { own: ['name'] },
  'plugin::cms.incubation': { relation: [{ field: 'organisation', select: 'name' }] },
  'plugin::cms.property-unit': { own: ['building', 'unitNo', 'room'] },
  'plugin::cms.property-owner': { relation: [{ field: 'person', select: 'name' }] },
  'plugin::cms.household': { relation: [{ field: 'head', select: 'name' }] },
  'plugin::grants.fund': { own: ['name'] },
  // The donor as the receipt names them: the organisation or person, else the name given.
  'plugin::grants.donation': {
    relation: [
      { field: 'donorOrganisation', select: 'name' },
      { field: 'donorPerson', select: 'name' },
    ],
    own: ['donorName', 'receiptNo'],
    money: ['amount'],
  },
  'plugin::grants.round': { own: ['title'] },
  'plugin::grants.application': { own: ['projectTitle', 'organisationName'] },
  'plugin::grants.award': { own: ['projectTitle', 'organisationName'], money: ['amount'] },
  'plugin::grants.disbursement': {
    relation: [{ field: 'award', select: 'projectTitle' }],
    own: ['label'],
    money: ['amount'],
  },
  'plugin::grants.report': { relation: [{ field: 'award', select: 'projectTitle' }] },
  'plugin::grants.review': {
    relation: [{ field: 'application', select: 'projectTitle' }],
    own: ['reviewerName'],
  },
  'plugin::time-bank.member': { own: ['name', 'passbookNo'] },
  'plugin::time-bank.family-link': {
    relation: [
      { field: 'member', select: 'name' },
      { field: 'relative', select: 'name' },
    ],
  },
  'plugin::time-bank.category': { own: ['nameZh', 'nameEn'] },
  'plugin::time-bank.request': { own: ['title'] },
  'plugin::time-bank.service': {
    relation: [{ field: 'request', select: 'title' }],
    own: ['number'],
  },
  'plugin::time-bank.activity': { own: ['title'] },
  'plugin::time-bank.participation': { relation: [{ field: 'member', select: 'name' }] },
  'plugin::time-bank.policy-version': { own: ['version', 'effectiveFrom'] },
  'plugin::time-bank.catalogue-item': { own: ['nameZh'] },
  'plugin::time-bank.redemption': {
    relation: [{ field: 'item', select: 'nameZh' }],
    own: ['number'],
  },
  'plugin::time-bank.gift': { relation: [{ field: 'giver', select: 'name' }] },
  'plugin::cases.case-type': { own: ['name', 'key'] },
  'plugin::cases.calendar-year': { own: ['year'] },
  'plugin::forms.form': { own: ['name'] },
  'plugin::forms.form-version': {
    relation: [{ field: 'form', select: 'name' }],
    own: ['number'],
  },
  'plugin::forms.submission': {
    relation: [{ field: 'form', select: 'name' }],
    own: ['receiptCode'],
  },
};

const text = (v: unknown): string =>
  typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';

/**
 * A record's human name, at most 200 characters; `related` is the related record's name (see
 * LABEL_RULES), or null. Empty when nothing names it: the console then falls back to the type.
 */
export function recordLabel(uid: string, row: Row | null, related: string | null): string {
  if (!row) return '';
  const rule = LABEL_RULES[uid] ?? { own: ['name', 'title'] };
  const parts = [
    related ?? '',
    ...(rule.own ?? []).map((f) =>
      uid === 'plugin::forms.form-version' && f === 'number' && row[f] != null
        ? `v${text(row[f])}`
        : text(row[f]),
    ),
    ...(rule.money ?? []).map((f) => yuanText(row[f])),
  ].filter((p) => p !== '');
  return parts.join(' · ').slice(0, 200);
}

/**
 * The operation a change was, for the log's readers: a status or stage that moved names the
 * move (`receive`, `refund`, `pay` …), a form's new live version is `publish`. Null when the
 * change was a plain create, edit or delete. The console translates each key.
 */
export function operationOf(
  uid: string,
  action: 'create' | 'update' | 'delete' | 'view',
  before: Row | null,
  after: Row | null,
): string | null {
  if (action !== 'update') {
    if (action === 'create' && uid === 'plugin::grants.award') return 'award';
    if (action === 'create' && uid === 'plugin::grants.disbursement') return 'add_tranche';
    if (action === 'create' && uid === 'plugin::grants.review') return 'assign';
    if (action === 'create' && uid === 'plugin::grants.report') return 'report';
    return null;
  }
  const moved = (field: string) =>
    before?.[field] !== after?.[field] && typeof after?.[field] === 'string'
      ? (after[field] as string)
      : null;
  const to = moved('status');
  switch (uid) {
    case 'plugin::grants.donation':
      return to === 'received' ? 'receive' : to === 'refunded' ? 'refund' : null;
    case 'plugin::grants.round':
      return to ? 'stage' : null;
    case 'plugin::grants.application':
      return (
        {
          submitted: 'submit',
          under_review: 'review_start',
          more_info: 'ask_more',
          approved: 'award',
          rejected: 'reject',
          withdrawn: 'withdraw',
        }[to ?? ''] ?? null
      );
    case 'plugin::grants.review':
      return to === 'submitted' ? 'review' : to === 'conflict' ? 'conflict' : null;
    case 'plugin::grants.disbursement':
      return (
        ({ approved: 'approve', paid: 'pay', cancelled: 'cancel' } as Record<string, string>)[
          to ?? ''
        ] ?? null
      );
    case 'plugin::grants.report':
      return to === 'accepted' ? 'accept' : to === 'returned' ? 'return' : null;
    case 'plugin::grants.award':
      return to === 'closed' ? 'close' : null;
    case 'plugin::forms.form':
      return before?.liveVersion !== after?.liveVersion && after?.liveVersion != null
        ? 'publish'
        : null;
    case 'plugin::forms.submission':
      return to ? 'status' : null;
    case 'plugin::cms.incubation':
      return moved('stage') ? 'move' : null;
    case 'plugin::time-bank.service':
      return (
        (
          {
            checked_in: 'check_in',
            checked_out: 'check_out',
            disputed: 'dispute',
            confirmed: 'confirm',
            cancelled: 'cancel_service',
          } as Record<string, string>
        )[moved('state') ?? ''] ?? null
      );
    case 'plugin::time-bank.redemption':
      return to === 'fulfilled' ? 'fulfil' : to === 'cancelled' ? 'cancel_redemption' : null;
    case 'plugin::time-bank.activity':
      return to === 'credited' ? 'credit_hours' : to === 'cancelled' ? 'cancel_activity' : null;
    case 'plugin::time-bank.member':
      return to === 'left' ? 'leave' : null;
    case 'plugin::time-bank.family-link':
      return to === 'revoked' ? 'revoke' : null;
    default:
      return null;
  }
}

/**
 * JSON values (a submission's answers, custom fields) may hold phone and ID numbers no
 * declaration names: masked by their shape, so the log never keeps them whole either.
 */
export function maskAnswers(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') {
    const v = value.replace(/[\s-]/g, '');
    if (/^\d{17}[\dXx]$/.test(v)) return maskIdNumber(v);
    if (/^1[3-9]\d{9}$/.test(v)) return maskPhone(v);
    return value;
  }
  if (depth > 12 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => maskAnswers(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value as Row).map(([k, v]) => [k, maskAnswers(v, depth + 1)]),
  );
}

/** Form field kinds whose answers are personal numbers, and how each is masked. */
const PERSONAL_KINDS: Record<string, (value: string) => string> = {
  mobile: maskPhone,
  phone: maskPhone,
  idNumber: maskIdNumber,
};

/**
 * A form's answers for someone who must not read personal numbers (a reviewer): the answers of
 * phone- and ID-number-kind fields masked whatever they look like (also inside repeated groups,
 * whose items carry the same keys), and any other value that has the shape of one masked too.
 */
export function maskAnswersByKind(
  answers: unknown,
  fields: readonly { key: string; kind: string }[],
): unknown {
  const personal = new Map<string, (value: string) => string>();
  for (const f of fields) {
    const mask = PERSONAL_KINDS[f.kind];
    if (mask) personal.set(f.key, mask);
  }
  const walk = (value: unknown, depth: number): unknown => {
    if (depth > 12 || value === null || typeof value !== 'object') return maskAnswers(value);
    if (Array.isArray(value)) return value.map((v) => walk(v, depth + 1));
    return Object.fromEntries(
      Object.entries(value as Row).map(([k, v]) => {
        const mask = personal.get(k);
        if (mask && typeof v === 'string' && v !== '') return [k, mask(v)];
        if (mask && typeof v === 'number') return [k, mask(String(v))];
        return [k, walk(v, depth + 1)];
      }),
    );
  };
  return walk(answers, 0);
}
