import { createHash, randomInt } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import {
  checkRule,
  RULE_PRESETS,
  tally,
  usesArea,
  type Choice,
  type ElectorateKind,
  type TallyResult,
  type VoteRule,
} from '../domain/rules';
import { CONSULTATION, DOCUMENT_ID_PATTERN } from '../uids';
import type { VoteRow } from '../shared/contracts/consultation';
import { getService } from '../utils';
import { consultationKit, type ConsultationKit, type Who } from './kit';

type Row = Record<string, unknown>;

interface Elector {
  key: string;
  label: string;
  area: number;
  personIds: number[];
}
/** The cms service that knows who lives in and owns a compound's rooms. */
interface Properties {
  electorate(
    place: { compoundId: number; building?: string | null; unitNo?: string | null },
    kind: ElectorateKind,
  ): Promise<Elector[]>;
}

const CHOICES: readonly Choice[] = ['yes', 'no', 'abstain'];
/** Ballot codes: no 0/O, 1/I/L — read off paper and typed on a phone. */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const CODE_LENGTH = 10;
/** Far below 2^31 (the area column): 20 million m² of floor area in one vote. */
const MAX_TOTAL_AREA = 2_000_000_000;

export const normaliseCode = (code: string): string => code.toUpperCase().replace(/[^0-9A-Z]/g, '');
export const hashCode = (code: string): string =>
  createHash('sha256')
    .update(`linli-ballot:${normaliseCode(code)}`)
    .digest('hex');
const newCode = (): string => {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
};

const str = (v: unknown): string | null =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
/** JSON with keys sorted at every level: equal figures, equal text. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
const chunks = <T>(rows: T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
};

/**
 * Votes (表决): on a decision, for a frozen electorate (a compound's, building's or unit's
 * households, its owners weighted by floor area, or its residents), under a rule kept as data.
 * Ballots come from signed-in residents, from one-time codes printed on the paper notice, or
 * from paper entered by staff with the scan; the database keeps one ballot per elector. The
 * close computes the result by count and by area, stores it, audits it; a recount reproduces it.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const kit: ConsultationKit = consultationKit(strapi);
  const votes = () => strapi.db.query(CONSULTATION.vote);
  const knex = () => strapi.db.connection;
  const now = () => getService(strapi, 'clock').now();
  const properties = () => strapi.plugin('cms').service('properties') as Properties;

  async function load(id: unknown): Promise<VoteRow> {
    if (typeof id !== 'string' || !DOCUMENT_ID_PATTERN.test(id)) return kit.notFound();
    const row = (await votes().findOne({ where: { documentId: id } })) as VoteRow | null;
    if (!row) return kit.notFound();
    return row;
  }

  async function staffFor(vote: Pick<VoteRow, 'areaPath'>): Promise<Who> {
    const who = await kit.who();
    if (!kit.covers(who, vote.areaPath))
      kit.forbidden('This vote is outside your area (此表决不在您的辖区内)');
    return who;
  }

  const isClosedAt = (vote: VoteRow, at: Date) =>
    vote.status === 'closed' || (vote.closesAt !== null && at >= new Date(vote.closesAt));

  function refuseUnlessOpen(vote: VoteRow, at: Date): void {
    if (vote.status === 'draft')
      kit.refuse('vote', 'vote_not_open', 'the vote has not opened yet', '表决尚未开始');
    if (isClosedAt(vote, at))
      kit.refuse('vote', 'vote_closed', 'the vote has closed', '表决已截止');
  }

  /**
   * Writes an elector's ballot under the elector's lock: the first ballot, or — where the
   * rule lets electors change their minds and the ballot was not cast with a code — a change.
   * The unique index (vote, elector) refuses a second row whatever this code does.
   */
  async function writeBallot(
    trx: Knex.Transaction,
    vote: VoteRow,
    electorId: number,
    choice: Choice,
    channel: 'phone' | 'code' | 'paper',
    who: Who,
    extra: { proxyName?: string | null } = {},
  ): Promise<{ id: number; changed: boolean }> {
    await kit.lock(trx, 'consultation_electors', electorId);
    const at = now();
    const existing = (await trx('consultation_ballots')
      .where({ vote_id: vote.id, elector_id: electorId })
      .first('id', 'channel', 'changes')) as
      | { id: number; channel: string; changes: number | null }
      | undefined;
    if (existing) {
      if (!vote.rule.allowChange || channel === 'code' || existing.channel === 'code')
        kit.refuse(
          'vote',
          'already_voted',
          'a ballot was already cast for this household or owner',
          '该户（业主）已投票',
        );
      await trx('consultation_ballots')
        .where({ id: existing.id })
        .update({
          choice,
          channel,
          cast_by_user_id: who.userId,
          proxy_name: extra.proxyName ?? null,
          cast_at: at,
          changes: Number(existing.changes ?? 0) + 1,
          updated_at: at,
        });
      return { id: existing.id, changed: true };
    }
    const documentId = kit.newDocumentId();
    await trx('consultation_ballots').insert({
      document_id: documentId,
      vote_id: vote.id,
      elector_id: electorId,
      choice,
      channel,
      cast_by_user_id: who.userId,
      proxy_name: extra.proxyName ?? null,
      cast_at: at,
      changes: 0,
      area_path: vote.areaPath,
      created_at: at,
      updated_at: at,
    });
    const row = (await trx('consultation_ballots')
      .where({ document_id: documentId })
      .first('id')) as { id: number };
    return { id: row.id, changed: false };
  }

  function choiceOf(body: Row): Choice {
    const choice = body.choice;
    if (typeof choice !== 'string' || !(CHOICES as readonly string[]).includes(choice))
      return kit.refuse('choice', 'invalid_choice', 'yes, no or abstain', '请选择同意、反对或弃权');
    return choice as Choice;
  }

  async function figures(vote: VoteRow): Promise<{
    electors: { area: number }[];
    ballots: { area: number; choice: Choice }[];
  }> {
    const electors = (await knex()('consultation_electors')
      .where({ vote_id: vote.id })
      .select('area')) as { area: number | string }[];
    const ballots = (await knex()('consultation_ballots as b')
      .join('consultation_electors as e', 'e.id', 'b.elector_id')
      .where('b.vote_id', vote.id)
      .select('e.area as area', 'b.choice as choice')) as {
      area: number | string;
      choice: Choice;
    }[];
    return {
      electors: electors.map((e) => ({ area: Number(e.area) })),
      ballots: ballots.map((b) => ({ area: Number(b.area), choice: b.choice })),
    };
  }

  async function turnout(vote: VoteRow): Promise<{ count: number; area: number }> {
    const row = (await knex()('consultation_ballots as b')
      .join('consultation_electors as e', 'e.id', 'b.elector_id')
      .where('b.vote_id', vote.id)
      .count({ count: '*' })
      .sum({ area: 'e.area' })
      .first()) as { count: number | string; area: number | string | null };
    return { count: Number(row.count), area: Number(row.area ?? 0) };
  }

  const api = {
    load,
    hashCode,

    // ------------------------------------------------------------------ rules

    async ensurePresets(): Promise<void> {
      for (const preset of RULE_PRESETS) {
        const found = await strapi.db
          .query(CONSULTATION.voteRule)
          .findOne({ where: { key: preset.key }, select: ['id'] });
        if (!found)
          await strapi.db.query(CONSULTATION.voteRule).create({
            data: { documentId: kit.newDocumentId(), ...preset, preset: true },
          });
      }
    },

    async rules(): Promise<Row[]> {
      return (await strapi.db
        .query(CONSULTATION.voteRule)
        .findMany({ orderBy: [{ preset: 'desc' }, { id: 'asc' }] })) as Row[];
    },

    async ruleOf(key: unknown): Promise<{ key: string; rule: VoteRule; preset: boolean }> {
      const row =
        typeof key === 'string'
          ? ((await strapi.db.query(CONSULTATION.voteRule).findOne({ where: { key } })) as {
              key: string;
              rule: VoteRule;
              preset: boolean;
            } | null)
          : null;
      if (!row) return kit.refuse('rule', 'invalid_value', 'no such rule', '没有此表决规则');
      return row;
    },

    /** An administrator's own rule (the presets stay as the law has them). */
    async saveRule(body: Row): Promise<Row> {
      const key = str(body.key);
      const issues = [];
      if (!key || !/^[a-z0-9-]{2,40}$/.test(key))
        issues.push(
          kit.issue(
            'key',
            'invalid_value',
            'lower-case letters, digits and dashes (2–40)',
            '仅限小写字母、数字和连字符（2–40 位）',
          ),
        );
      const nameZh = str(body.nameZh);
      const nameEn = str(body.nameEn);
      if (!nameZh)
        issues.push(kit.issue('nameZh', 'required', 'give the rule a name', '请填写规则名称'));
      if (!nameEn)
        issues.push(
          kit.issue('nameEn', 'required', 'give the rule an English name', '请填写英文名称'),
        );
      const checked = checkRule(body.rule);
      issues.push(...checked.issues);
      if (issues.length) throw kit.invalid(issues);
      const existing = (await strapi.db
        .query(CONSULTATION.voteRule)
        .findOne({ where: { key } })) as (Row & { id: number; preset: boolean }) | null;
      if (existing?.preset)
        kit.refuse(
          'key',
          'not_allowed',
          'the presets follow the law and are not changed',
          '预设规则依法设定，不能修改',
        );
      const data = {
        key,
        nameZh,
        nameEn,
        descriptionZh: str(body.descriptionZh),
        descriptionEn: str(body.descriptionEn),
        rule: checked.rule,
        preset: false,
      };
      const saved = (
        existing
          ? await strapi.db
              .query(CONSULTATION.voteRule)
              .update({ where: { id: existing.id }, data })
          : await strapi.db
              .query(CONSULTATION.voteRule)
              .create({ data: { documentId: kit.newDocumentId(), ...data } })
      ) as Row;
      await kit.record(CONSULTATION.voteRule, existing ? 'update' : 'create', existing, saved);
      return saved;
    },

    // ------------------------------------------------------------------ votes

    /**
     * A vote's fields checked together — its electorate (a place and a kind) and its rule —
     * without writing anything: a meeting checks its vote before it records the decision.
     */
    async prepare(body: Row): Promise<Row> {
      const who = await kit.who();
      const issues = [];
      const title = str(body.title);
      if (!title)
        issues.push(kit.issue('title', 'required', 'give the vote a title', '请填写表决事项'));
      else if ([...title].length > 120)
        issues.push(kit.issue('title', 'invalid_value', 'at most 120 characters', '不超过 120 字'));
      const kind = body.electorate;
      if (kind !== 'households' && kind !== 'owners' && kind !== 'residents')
        issues.push(
          kit.issue(
            'electorate',
            'required',
            'households, owners or residents',
            '请选择按户、按业主或按居民表决',
          ),
        );
      const closesAt = typeof body.closesAt === 'string' ? new Date(body.closesAt) : null;
      if (!closesAt || Number.isNaN(closesAt.getTime()))
        issues.push(
          kit.issue('closesAt', 'invalid_date', 'give the closing time', '请填写截止时间'),
        );
      else if (closesAt <= now())
        issues.push(
          kit.issue('closesAt', 'invalid_date', 'must be in the future', '截止时间须晚于现在'),
        );
      if (issues.length) throw kit.invalid(issues);
      const { key: ruleKey, rule } = await api.ruleOf(body.rule);
      if (kind === 'residents' && usesArea(rule))
        kit.refuse(
          'rule',
          'invalid_rule',
          'residents have no floor area: choose a rule by count, or vote by households or owners',
          '按居民表决没有面积：请选择按人数计的规则，或改为按户、按业主表决',
        );
      const compound =
        typeof body.compound === 'string' && DOCUMENT_ID_PATTERN.test(body.compound)
          ? ((await strapi.db.query('plugin::cms.compound').findOne({
              where: { documentId: body.compound },
              select: ['id', 'name', 'areaPath'],
            })) as { id: number; name: string; areaPath: string } | null)
          : null;
      if (!compound) return kit.refuse('compound', 'required', 'choose a compound', '请选择小区');
      if (!kit.covers(who, compound.areaPath))
        kit.refuse(
          'compound',
          'invalid_value',
          'choose a compound in your area',
          '请选择您所辖范围内的小区',
        );
      const building = str(body.building);
      const unitNo = str(body.unitNo);
      if (unitNo && !building)
        kit.refuse('building', 'required', 'a unit belongs to a building', '请先填写楼栋');
      return {
        title,
        question: str(body.question),
        electorateKind: kind,
        compoundId: compound.id,
        building,
        unitNo,
        areaPath: compound.areaPath,
        areaName: `${compound.name}${building ? `${building}栋` : ''}${unitNo ? `${unitNo}单元` : ''}`,
        ruleKey,
        rule,
        closesAt,
      };
    },

    /** A vote in draft, its fields checked (or as `prepare` checked them). */
    async create(
      body: Row,
      options: { decisionId?: number | null; topicId?: number | null; prepared?: Row } = {},
    ): Promise<VoteRow> {
      const fields = options.prepared ?? (await api.prepare(body));
      const at = now();
      const created = await strapi.db.transaction(async ({ trx }) => {
        const number = await getService(strapi, 'topics').nextNumber(trx, 'vote', 'BJ', at);
        return (await votes().create({
          data: {
            documentId: kit.newDocumentId(),
            number,
            ...fields,
            topicId: options.topicId ?? null,
            decisionId: options.decisionId ?? null,
            status: 'draft',
            revision: 0,
          },
        })) as VoteRow;
      });
      await kit.record(CONSULTATION.vote, 'create', null, created);
      return created;
    },

    /**
     * Opens a vote: its electorate is frozen from the register of households and owners as it
     * stands now (moving in later does not add a vote), each elector with the people who may
     * cast its ballot.
     */
    async open(id: unknown): Promise<VoteRow> {
      const vote = await load(id);
      await staffFor(vote);
      if (vote.status !== 'draft')
        kit.refuse('vote', 'invalid_stage', 'the vote is open already', '表决已开始');
      const electors = await properties().electorate(
        { compoundId: vote.compoundId, building: vote.building, unitNo: vote.unitNo },
        vote.electorateKind,
      );
      if (electors.length === 0)
        kit.refuse(
          'electorate',
          'not_eligible',
          'nobody is registered there: import the households and owners first',
          '该范围内没有登记的住户或业主：请先导入房屋与住户',
        );
      const totalArea = electors.reduce((sum, e) => sum + e.area, 0);
      if (totalArea > MAX_TOTAL_AREA)
        kit.refuse('electorate', 'invalid_value', 'the floor area is out of range', '面积超出范围');
      if (usesArea(vote.rule) && totalArea <= 0)
        kit.refuse(
          'electorate',
          'invalid_value',
          'the rule weighs floor area but none is registered',
          '该规则按面积计，但登记的面积为零',
        );
      const at = now();
      await strapi.db.transaction(async ({ trx }) => {
        await kit.lock(trx, 'consultation_votes', vote.id);
        const changed = await trx('consultation_votes')
          .where({ id: vote.id, status: 'draft' })
          .update({
            status: 'open',
            opens_at: at,
            elector_count: electors.length,
            elector_area: totalArea,
            revision: vote.revision + 1,
            updated_at: at,
          });
        if (!changed)
          kit.refuse(
            'vote',
            'stale_state',
            'someone else opened it; reload',
            '表决已被他人开始，请刷新',
          );
        for (const chunk of chunks(electors, 400)) {
          const keyed = chunk.map((e) => ({ e, documentId: kit.newDocumentId() }));
          await trx('consultation_electors').insert(
            keyed.map(({ e, documentId }) => ({
              document_id: documentId,
              vote_id: vote.id,
              elector_key: e.key,
              label: e.label.slice(0, 200),
              area: e.area,
              person_ids: JSON.stringify(e.personIds),
              area_path: vote.areaPath,
              created_at: at,
              updated_at: at,
            })),
          );
          const ids = (await trx('consultation_electors')
            .whereIn(
              'document_id',
              keyed.map((k) => k.documentId),
            )
            .select('id', 'elector_key')) as { id: number; elector_key: string }[];
          const idOf = new Map(ids.map((r) => [r.elector_key, r.id]));
          const people = chunk.flatMap((e) =>
            [...new Set(e.personIds)].map((personId) => ({
              vote_id: vote.id,
              person_id: personId,
              elector_id: idOf.get(e.key) as number,
            })),
          );
          for (const part of chunks(people, 300))
            await trx('consultation_elector_people').insert(part);
        }
      });
      const after = await load(vote.documentId);
      await kit.record(CONSULTATION.vote, 'update', vote, after, 'open');
      return after;
    },

    /**
     * One-time ballot codes for the paper notices: one per elector that has not voted, or for
     * the electors named (a notice lost: the old code stops working). Only their hashes are
     * kept, so the codes are shown this once, to be printed.
     */
    async issueCodes(
      id: unknown,
      body: Row,
    ): Promise<{ electorId: string; label: string; code: string }[]> {
      const vote = await load(id);
      await staffFor(vote);
      refuseUnlessOpen(vote, now());
      const named = Array.isArray(body.electors)
        ? body.electors.filter((e) => typeof e === 'string')
        : null;
      const query = knex()('consultation_electors as e')
        .leftJoin('consultation_ballots as b', 'b.elector_id', 'e.id')
        .where('e.vote_id', vote.id)
        .whereNull('b.id');
      if (named) query.whereIn('e.document_id', named as string[]);
      else query.whereNull('e.code_hash');
      const rows = (await query.select('e.id', 'e.document_id', 'e.label').orderBy('e.label')) as {
        id: number;
        document_id: string;
        label: string;
      }[];
      if (named && rows.length !== named.length)
        kit.refuse(
          'electors',
          'invalid_value',
          'only electors of this vote who have not voted get a new code',
          '只能为本表决中尚未投票的选民补发票码',
        );
      const at = now();
      const out: { electorId: string; label: string; code: string }[] = [];
      await strapi.db.transaction(async ({ trx }) => {
        for (const row of rows) {
          const code = newCode();
          await trx('consultation_electors')
            .where({ id: row.id })
            .update({
              code_hash: hashCode(code),
              code_issued_at: at,
              code_used_at: null,
              updated_at: at,
            });
          out.push({ electorId: row.document_id, label: row.label, code });
        }
      });
      await kit.record(
        CONSULTATION.vote,
        'update',
        null,
        { documentId: vote.documentId, codesIssued: out.length },
        'issue codes',
      );
      return out;
    },

    /** A signed-in resident's ballot, for the household or ownership they belong to. */
    async cast(id: unknown, body: Row): Promise<Row> {
      const vote = await load(id);
      const who = await kit.who();
      const choice = choiceOf(body);
      refuseUnlessOpen(vote, now());
      const person = await kit.personOf(who.userId);
      const electors = person
        ? ((await knex()('consultation_elector_people as p')
            .join('consultation_electors as e', 'e.id', 'p.elector_id')
            .where({ 'p.vote_id': vote.id, 'p.person_id': person.id })
            .select('e.id', 'e.document_id', 'e.label')) as {
            id: number;
            document_id: string;
            label: string;
          }[])
        : [];
      const elector =
        typeof body.elector === 'string'
          ? electors.find((e) => e.document_id === body.elector)
          : electors[0];
      if (!elector)
        kit.refuse(
          'electorate',
          'not_eligible',
          'you are not in this vote’s electorate',
          '您不在本次表决的范围内',
        );
      const written = await strapi.db.transaction(({ trx }) =>
        writeBallot(trx, vote, elector.id, choice, 'phone', who),
      );
      // A first ballot is its own record (who, how, when); a change of mind is audited.
      if (written.changed)
        await kit.record(CONSULTATION.ballot, 'update', null, {
          documentId: vote.documentId,
          elector: elector.label,
          channel: 'phone',
        });
      return { elector: elector.label, choice, changed: written.changed };
    },

    /** A ballot with the one-time code from the paper notice: no account needed, used once. */
    async castByCode(body: Row): Promise<Row> {
      const code = typeof body.code === 'string' ? normaliseCode(body.code) : '';
      if (code.length !== CODE_LENGTH)
        kit.refuse(
          'code',
          'invalid_code',
          'a ballot code has 10 letters and digits',
          '投票码为 10 位字母和数字',
        );
      const choice = choiceOf(body);
      const elector = (await knex()('consultation_electors')
        .where({ code_hash: hashCode(code) })
        .first('id', 'vote_id', 'label', 'code_used_at')) as
        | { id: number; vote_id: number; label: string; code_used_at: string | null }
        | undefined;
      if (!elector)
        return kit.refuse(
          'code',
          'invalid_code',
          'no such ballot code (a code replaced by a new notice no longer works)',
          '投票码无效（补发过新通知的，请用新通知上的投票码）',
        );
      const vote = (await votes().findOne({ where: { id: elector.vote_id } })) as VoteRow;
      refuseUnlessOpen(vote, now());
      const who = await kit.who();
      await strapi.db.transaction(async ({ trx }) => {
        await kit.lock(trx, 'consultation_electors', elector.id);
        const used = await trx('consultation_electors')
          .where({ id: elector.id, code_hash: hashCode(code) })
          .whereNull('code_used_at')
          .update({ code_used_at: now(), updated_at: now() });
        if (!used)
          kit.refuse('code', 'code_used', 'this ballot code has been used', '该投票码已使用');
        await writeBallot(trx, vote, elector.id, choice, 'code', {
          ...who,
          name: who.name || '投票码',
        });
      });
      return {
        vote: { documentId: vote.documentId, title: vote.title, number: vote.number },
        elector: elector.label,
        choice,
      };
    },

    /** A paper ballot entered by staff, with the scan, and the proxy who signed it if any. */
    async paper(id: unknown, body: Row, scanFileId: number | null): Promise<Row> {
      const vote = await load(id);
      const who = await staffFor(vote);
      const choice = choiceOf(body);
      refuseUnlessOpen(vote, now());
      const elector = (
        typeof body.elector === 'string'
          ? await knex()('consultation_electors')
              .where({ vote_id: vote.id, document_id: body.elector })
              .first('id', 'label')
          : undefined
      ) as { id: number; label: string } | undefined;
      if (!elector)
        return kit.refuse(
          'elector',
          'not_eligible',
          'choose a household or owner of this vote',
          '请选择本次表决范围内的住户或业主',
        );
      const proxyName = str(body.proxyName);
      if (proxyName && [...proxyName].length > 50)
        kit.refuse('proxyName', 'invalid_value', 'at most 50 characters', '不超过 50 字');
      const written = await strapi.db.transaction(({ trx }) =>
        writeBallot(trx, vote, elector.id, choice, 'paper', who, { proxyName }),
      );
      if (scanFileId)
        await strapi.db.query(CONSULTATION.ballot).update({
          where: { id: written.id },
          data: { scan: [scanFileId] },
        });
      await kit.record(CONSULTATION.ballot, written.changed ? 'update' : 'create', null, {
        documentId: vote.documentId,
        elector: elector.label,
        channel: 'paper',
        proxyName,
      });
      return { elector: elector.label, choice, changed: written.changed };
    },

    /**
     * Closes a vote and computes its result per the rule (turnout and approval by count and by
     * area); the result is stored, audited and what the decision follows.
     */
    async close(id: unknown, options: { system?: boolean } = {}): Promise<VoteRow> {
      const vote = await load(id);
      const who = options.system ? await kit.who() : await staffFor(vote);
      if (vote.status !== 'open')
        kit.refuse(
          'vote',
          'vote_not_open',
          'only an open vote is closed',
          '只有进行中的表决可以截止',
        );
      const { electors, ballots } = await figures(vote);
      const result = tally(electors, ballots, vote.rule);
      const at = now();
      await strapi.db.transaction(async ({ trx }) => {
        await kit.lock(trx, 'consultation_votes', vote.id);
        const changed = await trx('consultation_votes')
          .where({ id: vote.id, status: 'open' })
          .update({
            status: 'closed',
            result: JSON.stringify(result),
            passed: result.passed,
            closed_at: at,
            closed_by: who.name || null,
            revision: vote.revision + 1,
            updated_at: at,
          });
        if (!changed)
          kit.refuse('vote', 'stale_state', 'closed already; reload', '表决已截止，请刷新');
      });
      const after = await load(vote.documentId);
      await kit.record(CONSULTATION.vote, 'update', vote, after, 'close');
      if (vote.decisionId) await getService(strapi, 'decisions').voteClosed(after, who);
      return after;
    },

    /** The result computed again from the ballots, beside the one stored at the close. */
    async recount(
      id: unknown,
    ): Promise<{ stored: TallyResult | null; recounted: TallyResult; matches: boolean }> {
      const vote = await load(id);
      await staffFor(vote);
      if (vote.status !== 'closed')
        kit.refuse(
          'vote',
          'vote_not_open',
          'a vote is recounted after its close',
          '表决截止后才能复核',
        );
      const { electors, ballots } = await figures(vote);
      const recounted = tally(electors, ballots, vote.rule);
      const stored = vote.result;
      // PostgreSQL's jsonb keeps keys in its own order: compare the figures, not the text.
      return { stored, recounted, matches: canonical(stored) === canonical(recounted) };
    },

    /** Votes past their closing time, closed by the sweep. */
    async closeDue(): Promise<number> {
      const due = (await votes().findMany({
        where: { status: 'open', closesAt: { $lte: now() } },
        select: ['documentId'],
        limit: 100,
      })) as { documentId: string }[];
      let closed = 0;
      for (const v of due) {
        try {
          await api.close(v.documentId, { system: true });
          closed++;
        } catch {
          // another process closed it first
        }
      }
      return closed;
    },

    /**
     * What anyone may read of a vote: its question, electorate and rule, the live turnout; the
     * running yes/no only where the rule shows it; the result once closed. A resident sees
     * whether (and how) their own household voted.
     */
    async show(id: unknown): Promise<Row> {
      const vote = await load(id);
      const who = await kit.who();
      const staff = kit.covers(who, vote.areaPath);
      const person = staff ? null : await kit.personOf(who.userId);
      if (!staff && !person)
        kit.forbidden('Sign in as a resident of this compound (请以本小区居民身份登录)');
      const turnoutNow = await turnout(vote);
      let interim: TallyResult | null = null;
      if (vote.status === 'open' && vote.rule.showInterim) {
        const { electors, ballots } = await figures(vote);
        interim = tally(electors, ballots, vote.rule);
      }
      const mine = person
        ? ((await knex()('consultation_elector_people as p')
            .join('consultation_electors as e', 'e.id', 'p.elector_id')
            .leftJoin('consultation_ballots as b', 'b.elector_id', 'e.id')
            .where({ 'p.vote_id': vote.id, 'p.person_id': person.id })
            .select(
              'e.document_id as elector',
              'e.label',
              'b.choice',
              'b.channel',
              'b.cast_at as castAt',
            )) as Row[])
        : null;
      if (!staff && mine && mine.length === 0)
        kit.forbidden('You are not in this vote’s electorate (您不在本次表决的范围内)');
      const rule = (await strapi.db.query(CONSULTATION.voteRule).findOne({
        where: { key: vote.ruleKey },
        select: ['key', 'nameZh', 'nameEn'],
      })) as Row | null;
      return {
        ...vote,
        ruleName: rule ? { zh: rule.nameZh, en: rule.nameEn } : null,
        closed: isClosedAt(vote, now()),
        turnout: turnoutNow,
        interim,
        mine,
      };
    },

    /** The electorate of a vote for staff: who has voted and how (paper entry picks from it). */
    async electors(id: unknown, query: Row): Promise<Row> {
      const vote = await load(id);
      await staffFor(vote);
      const page = Math.max(1, Math.min(10_000, Number(query.page) || 1));
      const pageSize = Math.max(1, Math.min(200, Number(query.pageSize) || 50));
      const q = str(query.q);
      const base = knex()('consultation_electors as e')
        .leftJoin('consultation_ballots as b', 'b.elector_id', 'e.id')
        .where('e.vote_id', vote.id);
      if (q) base.where('e.label', 'like', `%${q.replace(/[%_]/g, '')}%`);
      if (query.voted === 'true') base.whereNotNull('b.id');
      if (query.voted === 'false') base.whereNull('b.id');
      const total = (await base.clone().count({ n: '*' }).first()) as { n: number | string };
      const rows = (await base
        .clone()
        .select(
          'e.document_id as documentId',
          'e.label',
          'e.area',
          'e.code_issued_at as codeIssuedAt',
          'e.code_used_at as codeUsedAt',
          'b.channel',
          'b.cast_at as castAt',
          'b.proxy_name as proxyName',
          ...(vote.status === 'closed' || vote.rule.showInterim ? ['b.choice'] : []),
        )
        .orderBy('e.label')
        .offset((page - 1) * pageSize)
        .limit(pageSize)) as Row[];
      return {
        data: rows.map((r) => ({ ...r, area: Number(r.area) })),
        meta: { pagination: { page, pageSize, total: Number(total.n) } },
      };
    },

    async list(query: Row): Promise<Row> {
      const who = await kit.who();
      const page = Math.max(1, Math.min(10_000, Number(query.page) || 1));
      const pageSize = Math.max(1, Math.min(100, Number(query.pageSize) || 25));
      const where: Row = {};
      if (!who.global) {
        if (!who.staff || who.scopePath === null) return kit.forbidden('Staff only (仅限工作人员)');
        where.areaPath = { $startsWith: who.scopePath };
      }
      if (typeof query.status === 'string' && ['draft', 'open', 'closed'].includes(query.status))
        where.status = query.status;
      const [data, total] = await Promise.all([
        votes().findMany({
          where,
          orderBy: { id: 'desc' },
          offset: (page - 1) * pageSize,
          limit: pageSize,
        }),
        votes().count({ where }),
      ]);
      return { data, meta: { pagination: { page, pageSize, total } } };
    },

    /** The open votes a signed-in resident may cast a ballot in, and those they voted in. */
    async mine(): Promise<Row[]> {
      const who = await kit.who();
      const person = await kit.personOf(who.userId);
      if (!person) return [];
      return (await knex()('consultation_elector_people as p')
        .join('consultation_votes as v', 'v.id', 'p.vote_id')
        .join('consultation_electors as e', 'e.id', 'p.elector_id')
        .leftJoin('consultation_ballots as b', 'b.elector_id', 'e.id')
        .where('p.person_id', person.id)
        .whereIn('v.status', ['open', 'closed'])
        .select(
          'v.document_id as documentId',
          'v.number',
          'v.title',
          'v.status',
          'v.closes_at as closesAt',
          'v.passed',
          'e.label',
          'b.choice',
        )
        .orderBy('v.id', 'desc')
        .limit(50)) as Row[];
    },
  };
  return api;
};
