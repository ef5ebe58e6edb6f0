import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { personName } from './names';
import { createRandom, type Random } from './random';
import { dbQuery } from './strapi';

/**
 * The demo's rooms, owners and households. `small` (the default; LINLI_SEED_PROPERTIES=small)
 * fills the demo community's compounds and one rural cluster, a few hundred rooms in all, with
 * one building of at least 30 households for the vote demos; `district` fills every compound of
 * the district at the same size per compound; `none` seeds none. Rooms are shaped by the
 * compound's type (a commercial tower is not a village house), and the demo `resident` account
 * is the head of a household in the demo community.
 */
export type PropertiesSeedSize = 'none' | 'small' | 'district';

export const propertiesSeedSize = (): PropertiesSeedSize => {
  const v = process.env.LINLI_SEED_PROPERTIES;
  return v === 'none' || v === 'district' ? v : 'small';
};

interface CompoundRow {
  id: number;
  households: number | null;
  type: string;
  buildings: number | null;
  areaPath: string | null;
  community: { id: number } | null;
}

interface Shape {
  floors: [number, number];
  units: [number, number];
  perFloor: number;
  /** Floor area in whole m². */
  area: [number, number];
  /** The share of rooms owned half and half by two siblings (resettlement housing). */
  siblings: number;
  single?: boolean;
}

const SHAPES: Record<string, Shape> = {
  commercial: { floors: [6, 33], units: [2, 4], perFloor: 2, area: [89, 144], siblings: 0 },
  work_unit: { floors: [5, 7], units: [2, 3], perFloor: 2, area: [50, 75], siblings: 0 },
  old: { floors: [5, 7], units: [2, 3], perFloor: 2, area: [50, 75], siblings: 0 },
  affordable: { floors: [6, 18], units: [2, 3], perFloor: 2, area: [60, 90], siblings: 0 },
  self_built_resettlement: {
    floors: [5, 9],
    units: [2, 3],
    perFloor: 2,
    area: [80, 100],
    siblings: 0.3,
  },
  relocation_resettlement: {
    floors: [6, 11],
    units: [2, 3],
    perFloor: 2,
    area: [80, 100],
    siblings: 0.3,
  },
  rural_cluster: {
    floors: [1, 1],
    units: [1, 1],
    perFloor: 1,
    area: [120, 200],
    siblings: 0,
    single: true,
  },
};

/**
 * Rooms per compound: the small demo's enough to browse and small enough to seed in seconds
 * (its towers are cut at 8 storeys); the district's as many as the compound says it has.
 */
const SMALL_ROOMS_PER_COMPOUND = 90;
const MAX_ROOMS_PER_COMPOUND = 3000;

interface Planned {
  documentId: string;
  data: Record<string, unknown>;
  relations: Record<string, number | number[] | string | string[]>;
}

let docSerial = 0;
/** Deterministic document ids (24 lower-case letters and digits), distinct from cuid2's. */
const docId = (r: Random) =>
  `p${(docSerial++).toString(36).padStart(8, '0')}${Array.from({ length: 15 }, () =>
    r.pick([...'abcdefghijklmnopqrstuvwxyz0123456789']),
  ).join('')}`;

export async function seedDemoProperties(strapi: Core.Strapi): Promise<number> {
  const size = propertiesSeedSize();
  if (size === 'none') return 0;
  const knex = strapi.db.connection;
  const existing = (await knex('cms_property_units').count('* as n').first()) as {
    n: number | string;
  };
  if (Number(existing.n) > 0) return 0;

  const worker = (await dbQuery(strapi, 'plugin::users-permissions.user').findOne({
    where: { username: 'community-worker' },
    populate: { scope: { select: ['id'] } },
  })) as { scope?: { id: number } | null } | null;
  const all = (await dbQuery(strapi, 'plugin::cms.compound').findMany({
    select: ['id', 'type', 'buildings', 'households', 'areaPath'],
    populate: { community: { select: ['id'] } },
    orderBy: { id: 'asc' },
  })) as CompoundRow[];
  const home = all.filter((c) => worker?.scope && c.community?.id === worker.scope.id);
  const rural = all.find((c) => c.type === 'rural_cluster');
  const chosen =
    size === 'district' ? all : [...home, ...(rural && !home.includes(rural) ? [rural] : [])];
  if (chosen.length === 0) return 0;

  const r = createRandom(20261130);
  let phoneSerial = 0;
  const people: Planned[] = [];
  const units: Planned[] = [];
  const owners: Planned[] = [];
  const households: Planned[] = [];
  const now = new Date();

  chosen.forEach((compound, ci) => {
    const shape = SHAPES[compound.type] ?? (SHAPES.old as Shape);
    const where = {
      community: compound.community?.id ?? [],
      compound: compound.id,
    };
    const person = (): Planned => {
      phoneSerial += 1;
      const p: Planned = {
        documentId: docId(r),
        data: {
          name: personName(r),
          phone: `15${String(700000000 + phoneSerial)}`,
          isResident: true,
          areaPath: compound.areaPath,
        },
        relations: where,
      };
      people.push(p);
      return p;
    };
    const landlords: Planned[] = [];
    let rooms = 0;
    const cap =
      size === 'district'
        ? Math.min(
            MAX_ROOMS_PER_COMPOUND,
            Math.max(SMALL_ROOMS_PER_COMPOUND, compound.households ?? 0),
          )
        : SMALL_ROOMS_PER_COMPOUND;
    const maxFloors = size === 'district' ? shape.floors[1] : 8;
    const buildings = Math.max(
      1,
      size === 'district'
        ? (compound.buildings ?? 3)
        : Math.min(compound.buildings ?? 3, shape.single ? 4 : 3),
    );
    for (let b = 1; b <= buildings && rooms < cap; b += 1) {
      const unitsHere = shape.single ? 1 : r.int(...shape.units);
      // The first compound's first building is the vote demo's: at least 8 floors × 2 units × 2.
      const floors = shape.single
        ? 1
        : ci === 0 && b === 1
          ? Math.max(8, Math.min(r.int(...shape.floors), 12))
          : Math.min(r.int(...shape.floors), maxFloors);
      const housesHere = shape.single ? r.int(12, 25) : 0;
      for (let u = 1; u <= unitsHere; u += 1)
        for (let f = 1; f <= floors; f += 1)
          for (let k = 1; k <= (shape.single ? housesHere : shape.perFloor); k += 1) {
            if (rooms >= cap && !(ci === 0 && b === 1)) continue;
            rooms += 1;
            const building = shape.single ? `${b}组` : String(b);
            const unitNo = shape.single ? '' : String(u);
            const room = shape.single ? String(k) : `${f}${String(k).padStart(2, '0')}`;
            const area = r.int(shape.area[0] * 100, shape.area[1] * 100);
            const unit: Planned = {
              documentId: docId(r),
              data: {
                building,
                unitNo,
                room,
                floorArea: area,
                usage: 'residential',
                roomKey: `${compound.id}|${building}|${unitNo}|${room}`,
                areaPath: compound.areaPath,
              },
              relations: { compound: compound.id },
            };
            units.push(unit);
            // The household: 1–5 people, the head first.
            const size = r.int(1, 5);
            const members = Array.from({ length: size }, () => person());
            const head = members[0] as Planned;
            const occupied = r.next() < 0.92;
            // Owners: mostly the head; couples half and half; a few 2/3 + 1/3; siblings in
            // resettlement housing; now and then a landlord who owns a second room here.
            const roll = r.next();
            let shares: [Planned, number, number][];
            if (landlords.length && roll < 0.06) {
              shares = [[r.pick(landlords), 1, 1]];
            } else if (roll < 0.06 + shape.siblings) {
              shares = [
                [head, 1, 2],
                [person(), 1, 2],
              ];
            } else if (size >= 2 && roll < 0.3 + shape.siblings) {
              shares = [
                [head, 1, 2],
                [members[1] as Planned, 1, 2],
              ];
            } else if (size >= 2 && roll < 0.34 + shape.siblings) {
              shares = [
                [head, 2, 3],
                [members[1] as Planned, 1, 3],
              ];
            } else {
              shares = [[head, 1, 1]];
              if (r.next() < 0.1) landlords.push(head);
            }
            for (const [p, n, d] of shares)
              owners.push({
                documentId: docId(r),
                data: { shareNumerator: n, shareDenominator: d, areaPath: compound.areaPath },
                relations: { propertyUnit: unit.documentId, person: p.documentId },
              });
            if (occupied || (ci === 0 && b === 1))
              households.push({
                documentId: docId(r),
                data: { areaPath: compound.areaPath },
                relations: {
                  propertyUnit: unit.documentId,
                  head: head.documentId,
                  members: members.map((m) => m.documentId),
                },
              });
          }
    }
  });

  await strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
    const ids = new Map<string, number>();
    const write = async (uid: string, rows: Planned[]) => {
      const meta = strapi.db.metadata.get(uid);
      const attributes = meta.attributes as Record<string, { columnName?: string }>;
      const records = rows.map((row) => {
        const record: Record<string, unknown> = {
          document_id: row.documentId,
          created_at: now,
          updated_at: now,
          published_at: now,
        };
        for (const [field, value] of Object.entries(row.data))
          record[attributes[field]?.columnName ?? field] = value;
        return record;
      });
      await insertChunked(trx, meta.tableName, records);
      for (let i = 0; i < rows.length; i += 500) {
        const found = (await trx(meta.tableName)
          .whereIn(
            'document_id',
            rows.slice(i, i + 500).map((x) => x.documentId),
          )
          .select('id', 'document_id')) as { id: number; document_id: string }[];
        for (const f of found) ids.set(f.document_id, f.id);
      }
    };
    const link = async (uid: string, rows: Planned[]) => {
      const meta = strapi.db.metadata.get(uid);
      const attributes = meta.attributes as Record<
        string,
        {
          joinTable?: {
            name: string;
            joinColumn: { name: string };
            inverseJoinColumn: { name: string };
            orderColumnName?: string;
          };
        }
      >;
      const lists = new Map<string, Record<string, unknown>[]>();
      for (const row of rows)
        for (const [field, target] of Object.entries(row.relations)) {
          const jt = attributes[field]?.joinTable;
          if (!jt) throw new Error(`seed: ${uid}.${field} has no join table`);
          const list = lists.get(jt.name) ?? [];
          (Array.isArray(target) ? target : [target]).forEach((t, i) => {
            const to = typeof t === 'number' ? t : ids.get(t);
            if (to === undefined) throw new Error(`seed: ${uid}.${field} points at nothing`);
            list.push({
              [jt.joinColumn.name]: ids.get(row.documentId),
              [jt.inverseJoinColumn.name]: to,
              ...(jt.orderColumnName ? { [jt.orderColumnName]: i + 1 } : {}),
            });
          });
          lists.set(jt.name, list);
        }
      for (const [table, list] of lists) await insertChunked(trx, table, list);
    };
    await write('plugin::cms.person', people);
    await write('plugin::cms.property-unit', units);
    await write('plugin::cms.property-owner', owners);
    await write('plugin::cms.household', households);
    await link('plugin::cms.person', people);
    await link('plugin::cms.property-unit', units);
    await link('plugin::cms.property-owner', owners);
    await link('plugin::cms.household', households);

    // The demo resident and volunteer accounts are heads of households in the demo community's
    // first compound: both live there, raise topics, vote.
    const residents = (await dbQuery(strapi, 'plugin::users-permissions.user').findMany({
      where: { role: { type: { $in: ['resident', 'volunteer'] } } },
      select: ['id'],
      orderBy: { id: 'asc' },
    })) as { id: number }[];
    for (const [i, user] of residents.entries()) {
      const h = households[i];
      if (!h) break;
      await dbQuery(strapi, 'plugin::users-permissions.user').update({
        where: { id: user.id },
        data: { person: ids.get(h.relations.head as string) },
      });
    }
  });
  return units.length;
}

async function insertChunked(
  trx: Knex.Transaction,
  table: string,
  rows: Record<string, unknown>[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object).length;
  // SQLite caps a multi-row insert at 500 terms and both drivers cap bound parameters.
  const size = Math.max(1, Math.min(400, Math.floor(30000 / Math.max(columns, 1))));
  for (let i = 0; i < rows.length; i += size) await trx(table).insert(rows.slice(i, i + size));
}
