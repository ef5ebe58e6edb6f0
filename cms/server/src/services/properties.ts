import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Knex } from 'knex';
import { DomainError, issue, type DomainIssue } from '../domain/errors';
import { maskName } from '../domain/mask';
import {
  ownedArea,
  parseImportRow,
  roomKey,
  roomLabel,
  shareIssues,
  USAGES,
  type ImportColumn,
  type ImportRecord,
  type PersonInput,
  type RowIssue,
  type Usage,
} from '../domain/properties';
import { covers, type Viewer } from '../domain/scope';
import { CMS } from '../uids';
import { dbQuery } from '../utils';
import type auditFactory from './audit';
import { newDocumentId } from './document-id';
import type kitFactory from './kit';
import type viewerFactory from './viewer';

type Row = Record<string, unknown>;

/** A voter of a consultation: one household, one owner, or one resident. */
export interface Elector {
  /** `household:<id>`, `owner:<personId>` or `resident:<personId>`. */
  key: string;
  /** The room(s), never a person's name ("3栋2单元501"). */
  label: string;
  /** Floor area in hundredths of a m² that this vote weighs (0 for residents). */
  area: number;
  personIds: number[];
}

export type ElectorKind = 'households' | 'owners' | 'residents';

/** Where a vote is held: a compound, or one building of it, or one unit (单元) of a building. */
export interface Place {
  compoundId: number;
  building?: string | null;
  unitNo?: string | null;
}

export interface CompoundPlace {
  id: number;
  documentId: string;
  name: string;
  type: string;
  areaPath: string | null;
  communityId: number | null;
}

/** A person as the room list shows them: masked outside the viewer's scope. */
export interface PersonView {
  id: number;
  documentId: string;
  name: string;
  phone: string | null;
}

export interface UnitView {
  id: number;
  documentId: string;
  building: string;
  unitNo: string;
  room: string;
  label: string;
  floorArea: number;
  usage: Usage;
  owners: { person: PersonView; shareNumerator: number; shareDenominator: number }[];
  household: {
    id: number;
    documentId: string;
    head: PersonView | null;
    members: PersonView[];
  } | null;
}

/** A room as the edit form sends it; people by documentId. */
export interface UnitInput {
  building: string;
  unitNo: string;
  room: string;
  floorArea: number;
  usage: Usage;
  owners: { person: string; shareNumerator: number; shareDenominator: number }[];
  household: { head: string; members: string[] } | null;
}

export type ImportCells = Partial<Record<ImportColumn, string>>;

export interface PreviewRow {
  row: number;
  cells: ImportCells;
  record: ImportRecord | null;
  issues: RowIssue[];
  /** Whether the room already exists (the import will update it). */
  exists: boolean;
}

export interface CommitResult {
  created: number;
  updated: number;
  peopleCreated: number;
  failed: RowIssue[];
}

interface JoinMeta {
  table: string;
  from: string;
  to: string;
}

/** Rows are written and audited in batches of this many, each batch one transaction. */
const BATCH = 100;
/** People are read by id in slices, so no list becomes one enormous `IN (…)`. */
const SLICE = 500;

const PU_TABLE = 'cms_property_units';
const PO_TABLE = 'cms_property_owners';
const PEOPLE_TABLE = 'cms_people';

/** Rooms in natural order ("2" before "10"); one collator, since localeCompare per call is slow. */
const collator = new Intl.Collator('zh', { numeric: true });
const byRoom = (
  a: { building: string; unitNo: string; room: string },
  b: { building: string; unitNo: string; room: string },
) =>
  collator.compare(a.building, b.building) ||
  collator.compare(a.unitNo, b.unitNo) ||
  collator.compare(a.room, b.room);

const forbidden = () =>
  new errors.ForbiddenError('This compound is outside your scope / 该小区不在您的管辖范围内', {
    errors: [
      {
        path: ['compound'],
        message: 'compound: outside your scope',
        messageZh: 'compound：不在您的管辖范围内',
      },
    ],
  });

/**
 * Property units (房屋), their owners (产权人) and households (住户), for the console and for other
 * plugins (consultation counts its electorate here). Writes check the owners' shares add up to
 * one, are audited, and run in one transaction each (an import: one per batch).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const kit = () => strapi.plugin('cms').service('kit') as ReturnType<typeof kitFactory>;
  const viewers = () => strapi.plugin('cms').service('viewer') as ReturnType<typeof viewerFactory>;
  const audit = () => strapi.plugin('cms').service('audit') as ReturnType<typeof auditFactory>;
  /**
   * The connection to read with: the caller's transaction when there is one (consultation may
   * count an electorate inside its own), since raw knex does not join it by itself and SQLite
   * has a single connection to wait for.
   */
  const connection = async (): Promise<Knex> =>
    strapi.db.inTransaction()
      ? ((await strapi.db.transaction()).get() as Knex)
      : strapi.db.connection;

  /** A relation's join table, by Strapi's own metadata (names are Strapi's to choose). */
  const join = (uid: string, field: string): JoinMeta => {
    const attribute = (strapi.db.metadata.get(uid).attributes as Record<string, Row>)[field] as
      | {
          joinTable?: {
            name: string;
            joinColumn: { name: string };
            inverseJoinColumn: { name: string };
          };
        }
      | undefined;
    const jt = attribute?.joinTable;
    if (!jt) throw new Error(`properties: ${uid}.${field} has no join table`);
    return { table: jt.name, from: jt.joinColumn.name, to: jt.inverseJoinColumn.name };
  };

  /** The ids of the rooms in a place, as a subquery (never loaded into memory). */
  const unitIdsIn = (k: Knex, place: Place): Knex.QueryBuilder => {
    const cu = join(CMS.propertyUnit, 'compound');
    const q = k(`${PU_TABLE} as pu`)
      .join(`${cu.table} as cu`, `cu.${cu.from}`, 'pu.id')
      .where(`cu.${cu.to}`, place.compoundId)
      .select('pu.id');
    if (place.building) q.andWhere('pu.building', place.building);
    if (place.building && typeof place.unitNo === 'string') {
      if (place.unitNo === '')
        q.andWhere((w) => w.whereNull('pu.unit_no').orWhere('pu.unit_no', ''));
      else q.andWhere('pu.unit_no', place.unitNo);
    }
    return q;
  };

  async function unitsIn(
    k: Knex,
    place: Place,
  ): Promise<{ id: number; building: string; unitNo: string; room: string; floorArea: number }[]> {
    const rows = (await k(PU_TABLE)
      .whereIn('id', unitIdsIn(k, place))
      .select('id', 'building', 'unit_no', 'room', 'floor_area')) as Row[];
    return rows
      .map((r) => ({
        id: Number(r.id),
        building: String(r.building ?? ''),
        unitNo: String(r.unit_no ?? ''),
        room: String(r.room ?? ''),
        floorArea: Number(r.floor_area),
      }))
      .sort(byRoom);
  }

  /** Households of the rooms in a place: id → room id, head, members (head included). */
  async function householdsIn(
    k: Knex,
    place: Place,
    withHeads = true,
  ): Promise<Map<number, { unitId: number; head: number | null; members: number[] }>> {
    const hu = join(CMS.household, 'propertyUnit');
    const hh = join(CMS.household, 'head');
    const hm = join(CMS.household, 'members');
    const links = (await k(hu.table)
      .whereIn(hu.to, unitIdsIn(k, place))
      .select(`${hu.from} as household`, `${hu.to} as unit`)) as Row[];
    const out = new Map<number, { unitId: number; head: number | null; members: number[] }>();
    for (const l of links)
      out.set(Number(l.household), { unitId: Number(l.unit), head: null, members: [] });
    const householdIds = () => k(hu.table).whereIn(hu.to, unitIdsIn(k, place)).select(hu.from);
    // The electorate skips the heads: every write keeps the head among the members.
    const heads = !withHeads
      ? []
      : ((await k(hh.table)
          .whereIn(hh.from, householdIds())
          .select(`${hh.from} as household`, `${hh.to} as person`)) as Row[]);
    for (const h of heads) {
      const entry = out.get(Number(h.household));
      if (entry) entry.head = Number(h.person);
    }
    const members = (await k(hm.table)
      .whereIn(hm.from, householdIds())
      .select(`${hm.from} as household`, `${hm.to} as person`)) as Row[];
    for (const m of members) out.get(Number(m.household))?.members.push(Number(m.person));
    return out;
  }

  /** Owners of the rooms in a place: room id → owners with their shares. */
  async function ownersIn(
    k: Knex,
    place: Place,
  ): Promise<Map<number, { person: number; numerator: number; denominator: number }[]>> {
    const ou = join(CMS.propertyOwner, 'propertyUnit');
    const op = join(CMS.propertyOwner, 'person');
    const rows = (await k(`${PO_TABLE} as po`)
      .join(`${ou.table} as ou`, `ou.${ou.from}`, 'po.id')
      .join(`${op.table} as op`, `op.${op.from}`, 'po.id')
      .whereIn(`ou.${ou.to}`, unitIdsIn(k, place))
      .orderBy('po.id')
      .select(
        `ou.${ou.to} as unit`,
        `op.${op.to} as person`,
        'po.share_numerator as numerator',
        'po.share_denominator as denominator',
      )) as Row[];
    const out = new Map<number, { person: number; numerator: number; denominator: number }[]>();
    for (const r of rows) {
      const list = out.get(Number(r.unit)) ?? [];
      list.push({
        person: Number(r.person),
        numerator: Number(r.numerator),
        denominator: Number(r.denominator),
      });
      out.set(Number(r.unit), list);
    }
    return out;
  }

  async function peopleByIds(k: Knex, ids: Iterable<number>): Promise<Map<number, Row>> {
    const list = [...new Set(ids)];
    const out = new Map<number, Row>();
    for (let i = 0; i < list.length; i += SLICE) {
      const rows = (await k(PEOPLE_TABLE)
        .whereIn('id', list.slice(i, i + SLICE))
        .select('id', 'document_id', 'name', 'phone', 'area_path')) as Row[];
      for (const r of rows) out.set(Number(r.id), r);
    }
    return out;
  }

  /** A person for the viewer: phone and name masked where the viewer's scope does not cover them. */
  function personView(row: Row | undefined, viewer: Viewer): PersonView | null {
    if (!row) return null;
    const areaPath = (row.area_path as string | null) ?? null;
    const shown = viewer.kind === 'global' || covers(viewer, areaPath);
    const masked = kit().mask(
      CMS.person,
      { name: row.name, phone: row.phone ?? null, areaPath },
      viewer,
    ) as { phone: string | null };
    const name = String(row.name ?? '');
    return {
      id: Number(row.id),
      documentId: String(row.document_id),
      name: shown ? name : maskName(name),
      phone: masked.phone,
    };
  }

  async function placeOf(compoundId: number): Promise<CompoundPlace | null> {
    const row = (await dbQuery(strapi, CMS.compound).findOne({
      where: { id: compoundId },
      select: ['id', 'documentId', 'name', 'type', 'areaPath'],
      populate: { community: { select: ['id'] } },
    })) as (Row & { community?: { id: number } | null }) | null;
    if (!row) return null;
    return {
      id: Number(row.id),
      documentId: String(row.documentId),
      name: String(row.name),
      type: String(row.type),
      areaPath: (row.areaPath as string | null) ?? null,
      communityId: row.community?.id ?? null,
    };
  }

  /**
   * The compound with this documentId, for a staff user whose scope covers it: 404 for no such
   * compound, 403 for one outside the scope (residents and the public: 403 always).
   */
  async function reachCompound(documentId: string): Promise<CompoundPlace> {
    const viewer = await viewers().current();
    if (viewer.kind === 'public') throw forbidden();
    const row = (await dbQuery(strapi, CMS.compound).findOne({
      where: { documentId },
      select: ['id'],
    })) as { id: number } | null;
    const place = row ? await placeOf(row.id) : null;
    if (!place) throw new errors.NotFoundError('No such compound / 没有这个小区');
    if (viewer.kind === 'scoped' && !covers(viewer, place.areaPath)) throw forbidden();
    return place;
  }

  /** The room with this documentId and its compound, for a staff user in scope. */
  async function reachUnit(documentId: string): Promise<{ unit: Row; place: CompoundPlace }> {
    const viewer = await viewers().current();
    if (viewer.kind === 'public') throw forbidden();
    const unit = (await dbQuery(strapi, CMS.propertyUnit).findOne({
      where: { documentId },
      populate: { compound: { select: ['id'] } },
    })) as (Row & { compound?: { id: number } | null }) | null;
    const place = unit?.compound ? await placeOf(unit.compound.id) : null;
    if (!unit || !place) throw new errors.NotFoundError('No such room / 没有这个房屋');
    if (viewer.kind === 'scoped' && !covers(viewer, place.areaPath)) throw forbidden();
    return { unit, place };
  }

  async function list(place: CompoundPlace, building?: string): Promise<UnitView[]> {
    const viewer = await viewers().current();
    const k = await connection();
    const where: Place = { compoundId: place.id, building: building ?? null };
    const [units, owners, households, docs] = await Promise.all([
      unitsIn(k, where),
      ownersIn(k, where),
      householdsIn(k, where),
      k(PU_TABLE)
        .whereIn('id', unitIdsIn(k, where))
        .select('id', 'document_id', 'usage')
        .then((rows: Row[]) => rows),
    ]);
    const docOf = new Map(docs.map((d) => [Number(d.id), d]));
    const householdDocs = new Map<number, string>();
    const householdIds = [...households.keys()];
    for (let i = 0; i < householdIds.length; i += SLICE) {
      const rows = (await k('cms_households')
        .whereIn('id', householdIds.slice(i, i + SLICE))
        .select('id', 'document_id')) as Row[];
      for (const r of rows) householdDocs.set(Number(r.id), String(r.document_id));
    }
    const byUnit = new Map<number, [number, { head: number | null; members: number[] }]>();
    for (const [id, h] of households) byUnit.set(h.unitId, [id, h]);
    const people = await peopleByIds(k, [
      ...[...owners.values()].flat().map((o) => o.person),
      ...[...households.values()].flatMap((h) => [...(h.head ? [h.head] : []), ...h.members]),
    ]);
    const view = (id: number) => personView(people.get(id), viewer);
    return units.map((u) => {
      const h = byUnit.get(u.id);
      return {
        id: u.id,
        documentId: String(docOf.get(u.id)?.document_id ?? ''),
        building: u.building,
        unitNo: u.unitNo,
        room: u.room,
        label: roomLabel(u.building, u.unitNo, u.room),
        floorArea: u.floorArea,
        usage: (docOf.get(u.id)?.usage as Usage | undefined) ?? 'residential',
        owners: (owners.get(u.id) ?? []).flatMap((o) => {
          const person = view(o.person);
          return person
            ? [{ person, shareNumerator: o.numerator, shareDenominator: o.denominator }]
            : [];
        }),
        household: h
          ? {
              id: h[0],
              documentId: householdDocs.get(h[0]) ?? '',
              head: h[1].head ? view(h[1].head) : null,
              members: h[1].members.flatMap((m) => view(m) ?? []),
            }
          : null,
      };
    });
  }

  /** People by documentId, each within the viewer's reach (the kit's scope filter for people). */
  async function reachPeople(documentIds: string[], paths: string[]): Promise<Map<string, number>> {
    const viewer = await viewers().current();
    const filter = kit().scopeFilter(CMS.person, viewer);
    const unique = [...new Set(documentIds)];
    const found = (await dbQuery(strapi, CMS.person).findMany({
      where: filter
        ? { $and: [{ documentId: { $in: unique } }, filter] }
        : { documentId: { $in: unique } },
      select: ['id', 'documentId'],
    })) as { id: number; documentId: string }[];
    const ids = new Map(found.map((p) => [p.documentId, p.id]));
    const issues: DomainIssue[] = [];
    documentIds.forEach((d, i) => {
      if (!ids.has(d))
        issues.push(
          issue(
            'out_of_scope',
            paths[i] as string,
            `${paths[i]}: no such person`,
            `${paths[i]}：没有这个人`,
          ),
        );
    });
    if (issues.length) throw new DomainError(issues);
    return ids;
  }

  /** Refuses a room whose fields or owners' shares are wrong, naming each field. */
  function assertUnit(input: UnitInput): void {
    const issues: DomainIssue[] = shareIssues(
      input.owners.map((o) => ({ numerator: o.shareNumerator, denominator: o.shareDenominator })),
    ).map((i) => issue('invalid_value', i.path, i.message, i.messageZh));
    if (
      !Number.isSafeInteger(input.floorArea) ||
      input.floorArea < 1 ||
      input.floorArea > 2147483647
    )
      issues.push(
        issue(
          'invalid_value',
          'floorArea',
          'floorArea: a positive whole number of hundredths of a m²',
          'floorArea：面积须为正整数（单位：0.01 平方米）',
        ),
      );
    if (!(USAGES as readonly string[]).includes(input.usage))
      issues.push(issue('invalid_value', 'usage', 'usage: unknown usage', 'usage：未知用途'));
    if (input.household && !input.household.members.includes(input.household.head))
      input.household.members = [input.household.head, ...input.household.members];
    if (issues.length) throw new DomainError(issues);
  }

  /**
   * Writes one room, its owners (replacing them) and its household, inside the caller's
   * transaction; returns whether it created the room. People are ids here.
   */
  async function writeUnit(
    place: CompoundPlace,
    data: Omit<UnitInput, 'owners' | 'household'> & {
      owners: { person: number; shareNumerator: number; shareDenominator: number }[] | null;
      household: { head: number; members: number[] } | null | undefined;
    },
    existing: Row | null,
    operation: string,
  ): Promise<{ created: boolean; documentId: string }> {
    const key = roomKey(place.id, data.building, data.unitNo, data.room);
    const scalars = {
      building: data.building,
      unitNo: data.unitNo,
      room: data.room,
      floorArea: data.floorArea,
      usage: data.usage,
      roomKey: key,
      areaPath: place.areaPath,
    };
    const units = dbQuery(strapi, CMS.propertyUnit);
    let unit: Row;
    if (existing) {
      unit = (await units.update({ where: { id: existing.id }, data: scalars })) as Row;
    } else {
      unit = (await units.create({
        data: {
          ...scalars,
          documentId: newDocumentId(),
          compound: place.id,
          publishedAt: new Date(),
        },
      })) as Row;
    }
    const unitId = Number(unit.id);
    const actor = viewers().actor();
    const record = (
      uid: string,
      action: 'create' | 'update' | 'delete',
      before: Row | null,
      after: Row | null,
    ) =>
      audit().record({
        contentType: uid,
        action,
        recordId: String((after ?? before)?.documentId ?? ''),
        before,
        after,
        actor,
        // Changes made by an import say so in the log; a plain edit is a plain create or update.
        ...(operation === 'import' ? { operation } : {}),
      });
    await record(CMS.propertyUnit, existing ? 'update' : 'create', existing, unit);
    if (data.owners) {
      const owners = dbQuery(strapi, CMS.propertyOwner);
      const populate = {
        person: { select: ['id', 'documentId'] },
        propertyUnit: { select: ['documentId'] },
      };
      const old = (await owners.findMany({
        where: { propertyUnit: { id: unitId } },
        populate,
        orderBy: { id: 'asc' },
      })) as (Row & { id: number; person?: { id: number } | null })[];
      const shape = (list: { person: number; n: number; d: number }[]) =>
        JSON.stringify(list.map((o) => [o.person, o.n, o.d]));
      const same =
        shape(
          old.map((o) => ({
            person: o.person?.id ?? 0,
            n: Number(o.shareNumerator),
            d: Number(o.shareDenominator),
          })),
        ) ===
        shape(
          data.owners.map((o) => ({
            person: o.person,
            n: o.shareNumerator,
            d: o.shareDenominator,
          })),
        );
      // Unchanged owners are left as they are: a re-import writes (and logs) nothing for them.
      if (!same) {
        // One by one: the query engine's deleteMany leaves the rows' join-table links behind.
        for (const o of old) {
          await owners.delete({ where: { id: o.id } });
          await record(CMS.propertyOwner, 'delete', o, null);
        }
        for (const o of data.owners) {
          const created = (await owners.create({
            data: {
              documentId: newDocumentId(),
              propertyUnit: unitId,
              person: o.person,
              shareNumerator: o.shareNumerator,
              shareDenominator: o.shareDenominator,
              areaPath: place.areaPath,
              publishedAt: new Date(),
            },
            populate,
          })) as Row;
          await record(CMS.propertyOwner, 'create', null, created);
        }
      }
    }
    if (data.household !== undefined) {
      const households = dbQuery(strapi, CMS.household);
      const populate = {
        head: { select: ['id', 'documentId', 'name'] },
        members: { select: ['id', 'documentId'] },
        propertyUnit: { select: ['documentId'] },
      };
      const current = (await households.findOne({
        where: { propertyUnit: { id: unitId } },
        populate,
      })) as
        | (Row & { id: number; head?: { id: number } | null; members?: { id: number }[] })
        | null;
      if (data.household === null) {
        if (current) {
          await households.delete({ where: { id: current.id } });
          await record(CMS.household, 'delete', current, null);
        }
      } else if (current) {
        const sameHousehold =
          current.head?.id === data.household.head &&
          JSON.stringify((current.members ?? []).map((m) => m.id).sort()) ===
            JSON.stringify([...data.household.members].sort());
        if (!sameHousehold) {
          const updated = (await households.update({
            where: { id: current.id },
            data: {
              head: data.household.head,
              members: data.household.members,
              areaPath: place.areaPath,
            },
            populate,
          })) as Row;
          await record(CMS.household, 'update', current, updated);
        }
      } else {
        const created = (await households.create({
          data: {
            documentId: newDocumentId(),
            propertyUnit: unitId,
            head: data.household.head,
            members: data.household.members,
            areaPath: place.areaPath,
            publishedAt: new Date(),
          },
          populate,
        })) as Row;
        await record(CMS.household, 'create', null, created);
      }
    }
    return { created: !existing, documentId: String(unit.documentId) };
  }

  /**
   * The room already holding this building, unit and room, if any. Through the query engine,
   * which joins the caller's transaction (raw knex would wait for a second connection, and
   * SQLite has one).
   */
  async function roomTaken(
    place: CompoundPlace,
    input: { building: string; unitNo: string; room: string },
  ): Promise<number | null> {
    const row = (await dbQuery(strapi, CMS.propertyUnit).findOne({
      where: { roomKey: roomKey(place.id, input.building, input.unitNo, input.room) },
      select: ['id'],
    })) as { id: number } | null;
    return row?.id ?? null;
  }

  const duplicateRoom = () =>
    new DomainError([
      issue(
        'invalid_value',
        'room',
        'room: this compound already has this building, unit and room',
        'room：本小区已有相同楼栋、单元和房号的房屋',
      ),
    ]);

  /** People named by phone in the compound's community, created when missing. */
  async function resolvePeople(
    place: CompoundPlace,
    wanted: PersonInput[],
  ): Promise<{ byPhone: Map<string, number>; created: number }> {
    const phones = [...new Set(wanted.flatMap((p) => (p.phone ? [p.phone] : [])))];
    const byPhone = new Map<string, number>();
    for (let i = 0; i < phones.length; i += SLICE) {
      const found = (await dbQuery(strapi, CMS.person).findMany({
        where: {
          phone: { $in: phones.slice(i, i + SLICE) },
          ...(place.communityId ? { community: { id: place.communityId } } : {}),
        },
        select: ['id', 'phone'],
        orderBy: { id: 'asc' },
      })) as { id: number; phone: string }[];
      for (const p of found) if (!byPhone.has(p.phone)) byPhone.set(p.phone, p.id);
    }
    let created = 0;
    for (const p of wanted) {
      if (!p.phone || byPhone.has(p.phone)) continue;
      byPhone.set(p.phone, await createPerson(place, p));
      created += 1;
    }
    return { byPhone, created };
  }

  async function createPerson(place: CompoundPlace, p: PersonInput): Promise<number> {
    const row = (await dbQuery(strapi, CMS.person).create({
      data: {
        documentId: newDocumentId(),
        name: p.name,
        phone: p.phone,
        isResident: true,
        community: place.communityId,
        compound: place.id,
        areaPath: place.areaPath,
        publishedAt: new Date(),
      },
    })) as { id: number; documentId: string };
    await audit().record({
      contentType: CMS.person,
      action: 'create',
      recordId: row.documentId,
      before: null,
      after: row,
      actor: viewers().actor(),
      operation: 'import',
    });
    return row.id;
  }

  /** Parses rows; also refuses a room named twice in one sheet (the second time). */
  async function parseRows(
    place: CompoundPlace,
    rows: ImportCells[],
    firstRow: number,
  ): Promise<PreviewRow[]> {
    const seen = new Map<string, number>();
    const parsed = rows.map((cells, i) => {
      const row = firstRow + i;
      const { record, issues } = parseImportRow(cells, row);
      if (record) {
        const key = roomKey(place.id, record.building, record.unitNo, record.room);
        const before = seen.get(key);
        if (before !== undefined)
          issues.push({
            row,
            column: 'room',
            message: `room: the same room as row ${before}`,
            messageZh: `房号：与第 ${before} 行是同一房屋`,
          });
        else seen.set(key, row);
      }
      return { row, cells, record: issues.length ? null : record, issues, exists: false };
    });
    const keys = [...seen.keys()];
    const k = await connection();
    const existing = new Set<string>();
    for (let i = 0; i < keys.length; i += SLICE) {
      const found = (await k(PU_TABLE)
        .whereIn('room_key', keys.slice(i, i + SLICE))
        .select('room_key')) as Row[];
      for (const f of found) existing.add(String(f.room_key));
    }
    for (const p of parsed)
      if (p.record)
        p.exists = existing.has(
          roomKey(place.id, p.record.building, p.record.unitNo, p.record.room),
        );
    return parsed;
  }

  return {
    placeOf,
    reachCompound,
    reachUnit,
    list,

    /**
     * Who votes in a place, and with what area: one elector per household (`household:<id>`,
     * its room's area), per distinct owner (`owner:<personId>`, Σ floor(area × share) over their
     * rooms in the place), or per distinct household member (`resident:<personId>`, area 0).
     * A handful of bulk queries whatever the size of the place.
     */
    async electorate(place: Place, kind: ElectorKind): Promise<Elector[]> {
      const k = await connection();
      const units = await unitsIn(k, place);
      const unitById = new Map(units.map((u) => [u.id, u]));
      const label = (id: number) => {
        const u = unitById.get(id);
        return u ? roomLabel(u.building, u.unitNo, u.room) : '';
      };
      // Owners and residents are told apart by name (masked: the label is printed on notices
      // and shown to whoever counts), two owners of one room being two electors.
      const namesOf = async (ids: number[]): Promise<Map<number, string>> => {
        const names = new Map<number, string>();
        for (let i = 0; i < ids.length; i += SLICE)
          for (const r of (await k('cms_people')
            .whereIn('id', ids.slice(i, i + SLICE))
            .select('id', 'name')) as { id: number; name: string | null }[])
            names.set(Number(r.id), r.name ? maskName(r.name) : '');
        return names;
      };
      const named = (rooms: string, name: string | undefined) =>
        name ? `${rooms} · ${name}` : rooms;
      if (kind === 'owners') {
        const owners = await ownersIn(k, place);
        const out = new Map<number, { rooms: number[]; area: number }>();
        for (const u of units)
          for (const o of owners.get(u.id) ?? []) {
            const e = out.get(o.person) ?? { rooms: [], area: 0 };
            e.rooms.push(u.id);
            e.area += ownedArea(u.floorArea, {
              numerator: o.numerator,
              denominator: o.denominator,
            });
            out.set(o.person, e);
          }
        const names = await namesOf([...out.keys()]);
        return [...out].map(([person, e]) => ({
          key: `owner:${person}`,
          label: named([...new Set(e.rooms)].map(label).join('、'), names.get(person)),
          area: e.area,
          personIds: [person],
        }));
      }
      const households = await householdsIn(k, place, false);
      const position = new Map(units.map((u, n) => [u.id, n]));
      const ordered = [...households].sort(
        ([, a], [, b]) => (position.get(a.unitId) ?? 0) - (position.get(b.unitId) ?? 0),
      );
      if (kind === 'households') {
        return ordered.map(([id, h]) => ({
          key: `household:${id}`,
          label: label(h.unitId),
          area: unitById.get(h.unitId)?.floorArea ?? 0,
          personIds: [...new Set([...(h.head ? [h.head] : []), ...h.members])],
        }));
      }
      const residents = new Map<number, number[]>();
      for (const [, h] of ordered)
        for (const p of new Set([...(h.head ? [h.head] : []), ...h.members])) {
          const rooms = residents.get(p) ?? [];
          rooms.push(h.unitId);
          residents.set(p, rooms);
        }
      const names = await namesOf([...residents.keys()]);
      return [...residents].map(([person, rooms]) => ({
        key: `resident:${person}`,
        label: named(rooms.map(label).join('、'), names.get(person)),
        area: 0,
        personIds: [person],
      }));
    },

    /** The resident (person id) a signed-in user is, if linked. */
    async personOfUser(userId: number): Promise<number | null> {
      const row = (await dbQuery(strapi, 'plugin::users-permissions.user').findOne({
        where: { id: userId },
        select: ['id'],
        populate: { person: { select: ['id'] } },
      })) as { person?: { id: number } | null } | null;
      return row?.person?.id ?? null;
    },

    /** The households a person heads or belongs to, with their rooms and compounds. */
    async householdsOfPerson(
      personId: number,
    ): Promise<{ householdId: number; unitId: number; compoundId: number; label: string }[]> {
      const hm = join(CMS.household, 'members');
      const hu = join(CMS.household, 'propertyUnit');
      const cu = join(CMS.propertyUnit, 'compound');
      const k = await connection();
      const rows = (await k(`${hm.table} as hm`)
        .join(`${hu.table} as hu`, `hu.${hu.from}`, `hm.${hm.from}`)
        .join(`${PU_TABLE} as pu`, 'pu.id', `hu.${hu.to}`)
        .join(`${cu.table} as cu`, `cu.${cu.from}`, 'pu.id')
        .where(`hm.${hm.to}`, personId)
        .select(
          `hm.${hm.from} as household`,
          'pu.id as unit',
          `cu.${cu.to} as compound`,
          'pu.building',
          'pu.unit_no',
          'pu.room',
        )) as Row[];
      return rows.map((r) => ({
        householdId: Number(r.household),
        unitId: Number(r.unit),
        compoundId: Number(r.compound),
        label: roomLabel(String(r.building), (r.unit_no as string | null) ?? '', String(r.room)),
      }));
    },

    /** Creates a room with its owners and household (people by documentId, in the viewer's reach). */
    async createUnit(place: CompoundPlace, input: UnitInput): Promise<{ documentId: string }> {
      assertUnit(input);
      const people = await reachPeople(...peopleOf(input));
      return strapi.db.transaction(async () => {
        if (await roomTaken(place, input)) throw duplicateRoom();
        const { documentId } = await writeUnit(place, withIds(input, people), null, 'create');
        return { documentId };
      });
    },

    /** Replaces a room's fields, owners and household. */
    async updateUnit(documentId: string, input: UnitInput): Promise<{ documentId: string }> {
      const { unit, place } = await reachUnit(documentId);
      assertUnit(input);
      const people = await reachPeople(...peopleOf(input));
      return strapi.db.transaction(async () => {
        const taken = await roomTaken(place, input);
        if (taken && taken !== Number(unit.id)) throw duplicateRoom();
        await writeUnit(place, withIds(input, people), unit, 'update');
        return { documentId };
      });
    },

    /** Deletes a room, its owners and its household. */
    async deleteUnit(documentId: string): Promise<void> {
      const { unit } = await reachUnit(documentId);
      await strapi.db.transaction(async () => {
        // One by one: the query engine's deleteMany leaves the rows' join-table links behind.
        for (const uid of [CMS.propertyOwner, CMS.household]) {
          const rows = (await dbQuery(strapi, uid).findMany({
            where: { propertyUnit: { id: unit.id } },
            select: ['id', 'documentId', 'areaPath'],
          })) as Row[];
          for (const row of rows) {
            await dbQuery(strapi, uid).delete({ where: { id: row.id } });
            await audit().record({
              contentType: uid,
              action: 'delete',
              recordId: String(row.documentId),
              before: row,
              after: null,
              actor: viewers().actor(),
            });
          }
        }
        await dbQuery(strapi, CMS.propertyUnit).delete({ where: { id: unit.id } });
        await audit().record({
          contentType: CMS.propertyUnit,
          action: 'delete',
          recordId: documentId,
          before: unit,
          after: null,
          actor: viewers().actor(),
        });
      });
    },

    /** Each row parsed, with its problems (row, column, both languages) and whether it exists. */
    async previewImport(
      place: CompoundPlace,
      rows: ImportCells[],
      firstRow = 2,
    ): Promise<{ rows: PreviewRow[]; good: number; bad: number }> {
      const parsed = await parseRows(place, rows, firstRow);
      const bad = parsed.filter((p) => p.issues.length).length;
      return { rows: parsed, good: parsed.length - bad, bad };
    },

    /**
     * Writes the good rows (bad ones are reported and skipped), in transactions of BATCH rows:
     * a room found by building, unit and room is updated, so importing a sheet twice changes
     * nothing the second time. Owners are replaced when the row names any; the household when
     * it names a head.
     */
    async commitImport(
      place: CompoundPlace,
      rows: ImportCells[],
      firstRow = 2,
    ): Promise<CommitResult> {
      const parsed = await parseRows(place, rows, firstRow);
      const result: CommitResult = { created: 0, updated: 0, peopleCreated: 0, failed: [] };
      for (const p of parsed) result.failed.push(...p.issues);
      const good = parsed.filter((p) => p.record) as (PreviewRow & { record: ImportRecord })[];
      for (let i = 0; i < good.length; i += BATCH) {
        const batch = good.slice(i, i + BATCH);
        await strapi.db.transaction(async () => {
          const people = await resolvePeople(
            place,
            batch.flatMap((p) => [
              ...p.record.owners,
              ...(p.record.head ? [p.record.head] : []),
              ...p.record.members,
            ]),
          );
          result.peopleCreated += people.created;
          for (const { record } of batch) {
            const existing = ((await dbQuery(strapi, CMS.propertyUnit).findOne({
              where: { roomKey: roomKey(place.id, record.building, record.unitNo, record.room) },
            })) ?? null) as Row | null;
            let household: { head: number; members: number[] } | undefined;
            if (record.head) {
              const head = people.byPhone.get(record.head.phone as string) as number;
              const members: number[] = [head];
              const current = existing ? await currentMembers(Number(existing.id)) : [];
              for (const m of record.members) {
                let id = m.phone ? people.byPhone.get(m.phone) : undefined;
                // A member without a phone is the same person as the household's member of that
                // name, so a second import does not add them again.
                id ??= current.find((c) => c.name === m.name && !members.includes(c.id))?.id;
                if (id === undefined) {
                  id = await createPerson(place, m);
                  result.peopleCreated += 1;
                }
                if (!members.includes(id)) members.push(id);
              }
              household = { head, members };
            }
            const { created } = await writeUnit(
              place,
              {
                building: record.building,
                unitNo: record.unitNo,
                room: record.room,
                floorArea: record.floorArea,
                usage: record.usage,
                owners: record.owners.length
                  ? record.owners.map((o) => ({
                      person: people.byPhone.get(o.phone as string) as number,
                      shareNumerator: o.numerator,
                      shareDenominator: o.denominator,
                    }))
                  : null,
                household,
              },
              existing,
              'import',
            );
            if (created) result.created += 1;
            else result.updated += 1;
          }
        });
      }
      return result;
    },
  };

  async function currentMembers(unitId: number): Promise<{ id: number; name: string }[]> {
    const h = (await dbQuery(strapi, CMS.household).findOne({
      where: { propertyUnit: { id: unitId } },
      select: ['id'],
      populate: { members: { select: ['id', 'name'] } },
    })) as { members?: { id: number; name: string }[] } | null;
    return h?.members ?? [];
  }
};

/** The documentIds a room's input names, with the field each is in. */
function peopleOf(input: UnitInput): [string[], string[]] {
  const ids: string[] = [];
  const paths: string[] = [];
  input.owners.forEach((o, i) => {
    ids.push(o.person);
    paths.push(`owners[${i}].person`);
  });
  if (input.household) {
    ids.push(input.household.head);
    paths.push('household.head');
    input.household.members.forEach((m, i) => {
      ids.push(m);
      paths.push(`household.members[${i}]`);
    });
  }
  return [ids, paths];
}

function withIds(input: UnitInput, people: Map<string, number>) {
  return {
    ...input,
    owners: input.owners.map((o) => ({
      person: people.get(o.person) as number,
      shareNumerator: o.shareNumerator,
      shareDenominator: o.shareDenominator,
    })),
    household: input.household
      ? {
          head: people.get(input.household.head) as number,
          members: [...new Set(input.household.members.map((m) => people.get(m) as number))],
        }
      : null,
  };
}
