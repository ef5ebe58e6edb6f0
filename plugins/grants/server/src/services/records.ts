import type { Core } from '@strapi/strapi';
import {
  donationData,
  donationFundAfter,
  donationDeleteIssues,
  donationWriteIssues,
  type DonationFund,
} from '../domain/donation-rules';
import { fundDeleteIssues, fundPlacement, fundWriteIssues } from '../domain/fund-rules';
import type { Row } from '../domain/relation-input';
import {
  roundData,
  roundDeleteIssues,
  roundFormAfter,
  roundWriteIssues,
} from '../domain/round-rules';
import { GRANTS } from '../uids';
import { invalid } from './errors';
import type fundsFactory from './funds';

/** The records whose Document Service writes (REST, GraphQL, the admin panel) these rules check. */
export const RECORD_UIDS = [GRANTS.fund, GRANTS.donation, GRANTS.round] as const;
export type RecordUid = (typeof RECORD_UIDS)[number];
type Action = 'create' | 'update' | 'delete';

/** What a write's checks read of the record as it stands. */
const POPULATE: Record<RecordUid, Record<string, true>> = {
  [GRANTS.fund]: { area: true },
  [GRANTS.donation]: { fund: true, donorPerson: true, donorOrganisation: true },
  [GRANTS.round]: { fund: true, form: true },
};

/** The cms kit's areas, as funds are placed in them. */
interface AreaKit {
  homeArea(): Promise<{ documentId: string; path: string } | null>;
  area(documentId: string): Promise<{ path: string } | null>;
}
/** The forms plugin's definitions service, as a round's form is checked. */
interface FormDefinitions {
  purposeOf(formDocumentId: string): Promise<string | null>;
}

/**
 * Direct writes of funds, donations and rounds, as the document middleware hands them over:
 * the record as it stands, the rules of domain/fund-rules.ts, domain/donation-rules.ts and
 * domain/round-rules.ts applied to what the client sent, the data to store, and after the write
 * what follows from it (a fund's ledger accounts).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const query = (uid: string) => strapi.db.query(uid as never);
  const kit = () => strapi.plugin('cms').service('kit') as AreaKit;
  const definitions = () => strapi.plugin('forms').service('definitions') as FormDefinitions;
  const funds = () => strapi.plugin('grants').service('funds') as ReturnType<typeof fundsFactory>;

  const fail = (issues: ReturnType<typeof fundWriteIssues>) => {
    if (issues.length) throw invalid(strapi, issues);
  };

  async function prepareFund(action: Action, current: Row | null, data: Row): Promise<Row> {
    if (action === 'delete') {
      const donations = await query(GRANTS.donation).count({
        where: { fund: { id: (current as Row).id } },
      });
      fail(fundDeleteIssues(donations));
      return data;
    }
    fail(fundWriteIssues(current, data));
    const out = { ...data };
    const place = fundPlacement(action, current, data);
    let area = place.area;
    if (place.defaultsToHome) {
      const home = await kit().homeArea();
      if (home) out.area = area = home.documentId;
    }
    if (place.placesPath) out.areaPath = (area ? await kit().area(area) : null)?.path ?? null;
    return out;
  }

  async function prepareDonation(action: Action, current: Row | null, data: Row): Promise<Row> {
    if (action === 'delete') {
      fail(donationDeleteIssues(current as Row, data));
      return data;
    }
    const fundId = donationFundAfter(current, data);
    const fund: DonationFund | null = fundId
      ? await query(GRANTS.fund).findOne({
          where: { documentId: fundId },
          select: ['kind', 'status'],
        })
      : null;
    fail(donationWriteIssues(current, data, fund));
    return donationData(data);
  }

  async function prepareRound(action: Action, current: Row | null, data: Row): Promise<Row> {
    if (action === 'delete') {
      fail(roundDeleteIssues(current as Row));
      return data;
    }
    const formId = roundFormAfter(current, data);
    const purpose = formId ? await definitions().purposeOf(formId) : undefined;
    fail(roundWriteIssues(current, data, purpose));
    return roundData(action, data);
  }

  const preparers: Record<RecordUid, typeof prepareFund> = {
    [GRANTS.fund]: prepareFund,
    [GRANTS.donation]: prepareDonation,
    [GRANTS.round]: prepareRound,
  };

  return {
    /** Whether the rules here govern direct writes of `uid`. */
    governs: (uid: string): uid is RecordUid => (RECORD_UIDS as readonly string[]).includes(uid),

    /** The record as stored, with what its rules read of its relations; null when absent. */
    async load(uid: RecordUid, documentId: string): Promise<Row | null> {
      return query(uid).findOne({ where: { documentId }, populate: POPULATE[uid] });
    },

    /** The record as stored after a write, without its relations. */
    async loadSaved(uid: RecordUid, documentId: string): Promise<Row | null> {
      return query(uid).findOne({ where: { documentId } });
    },

    /**
     * Checks a create, update or delete (a 400 naming each field when refused) and returns the
     * data to write, with its derived fields.
     */
    async prepare(uid: RecordUid, action: Action, data: Row, current: Row | null): Promise<Row> {
      return preparers[uid](action, current, data);
    },

    /**
     * What follows a write, inside its transaction: a fund gets its ledger accounts (opened
     * idempotently); returns the fields to add to the answer.
     */
    async settle(uid: RecordUid, saved: Row | null): Promise<Row> {
      if (uid !== GRANTS.fund || !saved) return {};
      await funds().ensureAccounts(saved as { id: number; documentId: string });
      return query(uid).findOne({
        where: { id: saved.id },
        select: ['availableAccount', 'committedAccount'],
      });
    },
  };
};
