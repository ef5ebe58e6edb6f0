// Property units and households: rooms with owners' shares and households, scoped and masked
// like people; the spreadsheet import (preview with per-row errors, commit, re-import) and the
// electorate other plugins count votes by.
import type { Core } from '@strapi/strapi';
import { Workbook } from 'exceljs';
import type { CmsServices } from '../../cms/server/src/shared/contracts/services';
import {
  bootStrapi,
  dbQuery,
  documents,
  failureOf,
  http,
  newUser,
  twoCommunities,
  unique,
  type AreaRow,
  type ValidationIssue,
} from '../helpers/strapi';

describe('property units and households', () => {
  let strapi: Core.Strapi;
  let a: AreaRow;
  let b: AreaRow;
  let workerA: string;
  let workerB: string;
  let compoundA: { id: number; documentId: string };
  let people: { documentId: string; id: number }[];
  let outsider: { documentId: string; id: number };

  const auth = (jwt: string) => ({ Authorization: `Bearer ${jwt}` });
  const properties = () => strapi.plugin('cms').service('properties') as CmsServices['properties'];
  const phone = () => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  const paths = (res: { body: { error: { details: { errors: ValidationIssue[] } } } }) =>
    res.body.error.details.errors.map((e) => e.path.join('.'));

  async function newPerson(jwt: string, community: string) {
    const res = await http(strapi)
      .post('/api/cms/people')
      .set(auth(jwt))
      .send({ data: { name: unique('王'), phone: phone(), community } });
    expect(res.status).toBe(201);
    const row = await dbQuery(strapi, 'plugin::cms.person').findOne({
      where: { documentId: res.body.data.documentId },
      select: ['id', 'documentId'],
    });
    return row as { id: number; documentId: string };
  }

  async function newCompound(jwt: string, community: string) {
    const res = await http(strapi)
      .post('/api/cms/compounds')
      .set(auth(jwt))
      .send({ data: { name: unique('测试小区'), type: 'commercial', community } });
    expect(res.status).toBe(201);
    return (await dbQuery(strapi, 'plugin::cms.compound').findOne({
      where: { documentId: res.body.data.documentId },
      select: ['id', 'documentId'],
    })) as { id: number; documentId: string };
  }

  beforeAll(async () => {
    strapi = await bootStrapi();
    [a, b] = await twoCommunities(strapi);
    workerA = (await newUser(strapi, 'community-worker', { scope: a.documentId })).jwt;
    workerB = (await newUser(strapi, 'community-worker', { scope: b.documentId })).jwt;
    compoundA = await newCompound(workerA, a.documentId);
    people = [];
    for (let i = 0; i < 3; i += 1) people.push(await newPerson(workerA, a.documentId));
    outsider = await newPerson(workerB, b.documentId);
  });
  afterAll(async () => {
    await strapi.destroy();
  });

  const room = (over: Record<string, unknown> = {}) => ({
    compound: compoundA.documentId,
    building: '1',
    unitNo: '1',
    room: unique('R').slice(-10),
    floorArea: 8950,
    usage: 'residential',
    owners: [
      { person: people[0]!.documentId, shareNumerator: 1, shareDenominator: 3 },
      { person: people[1]!.documentId, shareNumerator: 2, shareDenominator: 3 },
    ],
    household: {
      head: people[0]!.documentId,
      members: [people[1]!.documentId, people[2]!.documentId],
    },
    ...over,
  });

  it('creates a room with owners (1/3 + 2/3) and a household, lists it and updates it', async () => {
    const body = room();
    const created = await http(strapi)
      .post('/api/cms/property-units')
      .set(auth(workerA))
      .send(body);
    expect(created.status).toBe(201);
    const id = created.body.data.documentId as string;

    const list = await http(strapi)
      .get('/api/cms/property-units')
      .query({ compound: compoundA.documentId })
      .set(auth(workerA));
    expect(list.status).toBe(200);
    const unit = list.body.data.find((u: { documentId: string }) => u.documentId === id);
    expect(unit).toMatchObject({
      building: '1',
      unitNo: '1',
      room: body.room,
      label: `1栋1单元${body.room}`,
      floorArea: 8950,
      owners: [
        { shareNumerator: 1, shareDenominator: 3, person: { documentId: people[0]!.documentId } },
        { shareNumerator: 2, shareDenominator: 3, person: { documentId: people[1]!.documentId } },
      ],
    });
    expect(unit.household.head.documentId).toBe(people[0]!.documentId);
    expect(unit.household.members).toHaveLength(3);
    // In scope: phones whole.
    expect(unit.owners[0].person.phone).toMatch(/^1\d{10}$/);

    const updated = await http(strapi)
      .put(`/api/cms/property-units/${id}`)
      .set(auth(workerA))
      .send({
        ...room({ room: body.room, floorArea: 10000 }),
        compound: undefined,
        owners: [{ person: people[2]!.documentId, shareNumerator: 1, shareDenominator: 1 }],
        household: null,
      });
    expect(updated.status).toBe(200);
    const after = await properties().list((await properties().placeOf(compoundA.id))!);
    const u2 = after.find((u) => u.documentId === id)!;
    expect(u2.floorArea).toBe(10000);
    expect(u2.owners.map((o) => o.person.documentId)).toEqual([people[2]!.documentId]);
    expect(u2.household).toBeNull();
    const audit = await dbQuery(strapi, 'plugin::cms.audit-entry').findMany({
      where: { contentType: 'plugin::cms.property-unit', recordId: id },
    });
    expect(audit.map((e: { action: string }) => e.action).sort()).toEqual(['create', 'update']);

    const gone = await http(strapi).delete(`/api/cms/property-units/${id}`).set(auth(workerA));
    expect(gone.status).toBe(200);
    // Nothing is left behind in Strapi's join tables.
    const knex = strapi.db.connection;
    for (const table of [
      'cms_property_owners_property_unit_lnk',
      'cms_households_property_unit_lnk',
      'cms_property_units_compound_lnk',
    ])
      expect(await knex(table).where('property_unit_id', u2.id)).toHaveLength(0);
    const again = await http(strapi).delete(`/api/cms/property-units/${id}`).set(auth(workerA));
    expect(again.status).toBe(404);
  });

  it('refuses shares that do not add up to one, naming the field in both languages', async () => {
    const res = await http(strapi)
      .post('/api/cms/property-units')
      .set(auth(workerA))
      .send(
        room({
          owners: [
            { person: people[0]!.documentId, shareNumerator: 1, shareDenominator: 2 },
            { person: people[1]!.documentId, shareNumerator: 1, shareDenominator: 3 },
          ],
        }),
      );
    expect(res.status).toBe(400);
    expect(paths(res)).toEqual(['owners[1].share']);
    expect(res.body.error.details.errors[0].messageZh).toContain('份额之和必须恰好等于 1');
    expect(res.body.error.details.errors[0].message).toContain('add up to exactly 1');

    const half = await http(strapi)
      .post('/api/cms/property-units')
      .set(auth(workerA))
      .send(
        room({
          owners: [
            { person: people[0]!.documentId, shareNumerator: 1, shareDenominator: 2 },
            { person: people[1]!.documentId, shareNumerator: 1, shareDenominator: 2 },
          ],
        }),
      );
    expect(half.status).toBe(201);
  });

  it('keeps the Document Service (admin panel, GraphQL) from writing rooms, owners or households', async () => {
    for (const uid of [
      'plugin::cms.property-unit',
      'plugin::cms.property-owner',
      'plugin::cms.household',
    ])
      expect(await failureOf(documents(strapi, uid).create({ data: {} }))).toContain(
        '/api/cms/property-units',
      );
  });

  it('refuses the same room twice, and malformed input with 4xx, never 500', async () => {
    const body = room();
    expect(
      (await http(strapi).post('/api/cms/property-units').set(auth(workerA)).send(body)).status,
    ).toBe(201);
    const dup = await http(strapi).post('/api/cms/property-units').set(auth(workerA)).send(body);
    expect(dup.status).toBe(400);
    expect(paths(dup)).toEqual(['room']);

    const cases: [string, () => Promise<{ status: number; body: unknown }>][] = [
      [
        'area as text',
        () =>
          http(strapi)
            .post('/api/cms/property-units')
            .set(auth(workerA))
            .send(room({ floorArea: 'abc' })),
      ],
      [
        'area zero',
        () =>
          http(strapi)
            .post('/api/cms/property-units')
            .set(auth(workerA))
            .send(room({ floorArea: 0 })),
      ],
      [
        'area fraction',
        () =>
          http(strapi)
            .post('/api/cms/property-units')
            .set(auth(workerA))
            .send(room({ floorArea: 89.5 })),
      ],
      [
        'unknown usage',
        () =>
          http(strapi)
            .post('/api/cms/property-units')
            .set(auth(workerA))
            .send(room({ usage: 'castle' })),
      ],
      ['no body', () => http(strapi).post('/api/cms/property-units').set(auth(workerA)).send()],
      [
        'array body',
        () => http(strapi).post('/api/cms/property-units').set(auth(workerA)).send([1, 2]),
      ],
      [
        'bad person',
        () =>
          http(strapi)
            .post('/api/cms/property-units')
            .set(auth(workerA))
            .send(room({ owners: [{ person: 'x', shareNumerator: 1, shareDenominator: 1 }] })),
      ],
      [
        'list bad compound',
        () =>
          http(strapi)
            .get('/api/cms/property-units')
            .query({ compound: 'nope' })
            .set(auth(workerA)),
      ],
      ['list no compound', () => http(strapi).get('/api/cms/property-units').set(auth(workerA))],
      [
        'preview rows not array',
        () =>
          http(strapi)
            .post('/api/cms/property-imports/preview')
            .set(auth(workerA))
            .send({ compound: compoundA.documentId, rows: 'x' }),
      ],
      [
        'preview unknown column',
        () =>
          http(strapi)
            .post('/api/cms/property-imports/preview')
            .set(auth(workerA))
            .send({ compound: compoundA.documentId, rows: [{ evil: '1' }] }),
      ],
      [
        'garbage xlsx',
        () =>
          http(strapi)
            .post('/api/cms/property-imports/preview')
            .set(auth(workerA))
            .field('compound', compoundA.documentId)
            .attach('file', Buffer.from('PK\u0003\u0004garbage'), {
              filename: 'x.xlsx',
              contentType: 'application/octet-stream',
            }),
      ],
      [
        'wrong file type',
        () =>
          http(strapi)
            .post('/api/cms/property-imports/preview')
            .set(auth(workerA))
            .field('compound', compoundA.documentId)
            .attach('file', Buffer.from('hello'), {
              filename: 'x.pdf',
              contentType: 'application/pdf',
            }),
      ],
    ];
    for (const [name, send] of cases) {
      const res = await send();
      expect([name, res.status]).toEqual([name, 400]);
    }
    const missing = await http(strapi)
      .put('/api/cms/property-units/abcdefghijklmnopqrstuvwx')
      .set(auth(workerA))
      .send(room());
    expect(missing.status).toBe(404);
  });

  it('is staff in scope only: 403 for another community, a resident and the public', async () => {
    const res = await http(strapi)
      .get('/api/cms/property-units')
      .query({ compound: compoundA.documentId })
      .set(auth(workerB));
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('不在您的管辖范围内');
    const write = await http(strapi)
      .post('/api/cms/property-units')
      .set(auth(workerB))
      .send(room());
    expect(write.status).toBe(403);
    const resident = await newUser(strapi, 'resident');
    const r2 = await http(strapi)
      .get('/api/cms/property-units')
      .query({ compound: compoundA.documentId })
      .set(auth(resident.jwt));
    expect(r2.status).toBe(403);
    const anon = await http(strapi)
      .get('/api/cms/property-units')
      .query({ compound: compoundA.documentId });
    expect(anon.status).toBe(403);
    // A worker cannot name someone else's resident as an owner.
    const foreign = await http(strapi)
      .post('/api/cms/property-units')
      .set(auth(workerA))
      .send(
        room({ owners: [{ person: outsider.documentId, shareNumerator: 1, shareDenominator: 1 }] }),
      );
    expect(foreign.status).toBe(400);
    expect(paths(foreign)).toEqual(['owners[0].person']);
  });

  it("masks an owner's phone and name outside the viewer's scope", async () => {
    const place = (await properties().placeOf(compoundA.id))!;
    const label = unique('M').slice(-10);
    // Outside a request the service acts as the system: an owner who lives in another community.
    await properties().createUnit(place, {
      building: '9',
      unitNo: '',
      room: label,
      floorArea: 5000,
      usage: 'residential',
      owners: [{ person: outsider.documentId, shareNumerator: 1, shareDenominator: 1 }],
      household: null,
    });
    const list = await http(strapi)
      .get('/api/cms/property-units')
      .query({ compound: compoundA.documentId, building: '9' })
      .set(auth(workerA));
    expect(list.status).toBe(200);
    const unit = list.body.data.find((u: { room: string }) => u.room === label);
    const stored = await dbQuery(strapi, 'plugin::cms.person').findOne({
      where: { id: outsider.id },
    });
    expect(unit.owners[0].person.phone).not.toBe(stored.phone);
    expect(unit.owners[0].person.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(unit.owners[0].person.name).toMatch(/^王\*+$/);
  });

  const sheet = (p: string[]) => [
    {
      building: '1',
      unit: '1',
      room: '101',
      area: '100',
      owners: `甲、乙`,
      ownerPhones: `${p[0]}、${p[1]}`,
      shares: '1/2;1/2',
      head: '甲',
      headPhone: p[0]!,
      members: `乙:${p[1]};丙:`,
    },
    {
      building: '1',
      unit: '1',
      room: '102',
      area: '80.5',
      owners: '甲',
      ownerPhones: p[0]!,
      head: '丁',
      headPhone: p[3]!,
      members: `戊:${p[4]}`,
    },
    {
      building: '2',
      unit: '1',
      room: '101',
      area: '90.00',
      usage: '住宅',
      owners: '己;庚',
      ownerPhones: `${p[5]};${p[6]}`,
      shares: '1/3;2/3',
      head: '己',
      headPhone: p[5]!,
    },
  ];

  it('previews an import with per-row errors naming row and column', async () => {
    const p = Array.from({ length: 7 }, phone);
    const rows = [
      ...sheet(p),
      { building: '3', unit: '1', room: '101', area: '89.555', owners: '甲', ownerPhones: p[0]! },
      { building: '3', unit: '1', room: '102', area: '-5' },
      { building: '3', unit: '1', room: '103', area: 'abc' },
      {
        building: '3',
        unit: '1',
        room: '104',
        area: '90',
        owners: '甲、乙',
        ownerPhones: `${p[0]}、${p[1]}`,
        shares: '1/2;1/3',
      },
      { building: '1', unit: '1', room: '101', area: '100' },
    ];
    const res = await http(strapi)
      .post('/api/cms/property-imports/preview')
      .set(auth(workerA))
      .send({ compound: compoundA.documentId, rows });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ good: 3, bad: 5 });
    const issues = (
      res.body.data.rows as { row: number; issues: { column: string; messageZh: string }[] }[]
    )
      .filter((r) => r.issues.length)
      .map((r) => [r.row, r.issues.map((i) => i.column)]);
    expect(issues).toEqual([
      [5, ['area']],
      [6, ['area']],
      [7, ['area']],
      [8, ['shares']],
      [9, ['room']],
    ]);
    expect(res.body.data.rows[0].record).toMatchObject({
      floorArea: 10000,
      owners: [
        { numerator: 1, denominator: 2 },
        { numerator: 1, denominator: 2 },
      ],
    });
    expect(res.body.data.rows[1].record.floorArea).toBe(8050);
  });

  it('commits an import, re-imports it without duplicates, and counts the electorate', async () => {
    const compound = await newCompound(workerA, a.documentId);
    const p = Array.from({ length: 7 }, phone);
    const rows = sheet(p);
    const first = await http(strapi)
      .post('/api/cms/property-imports/commit')
      .set(auth(workerA))
      .send({ compound: compound.documentId, rows });
    expect(first.status).toBe(200);
    expect(first.body.data).toMatchObject({ created: 3, updated: 0, peopleCreated: 7, failed: [] });
    const logged = () =>
      dbQuery(strapi, 'plugin::cms.audit-entry').count({
        where: {
          contentType: { $in: ['plugin::cms.property-owner', 'plugin::cms.household'] },
          areaPath: a.path,
        },
      });
    const loggedBefore = await logged();
    const second = await http(strapi)
      .post('/api/cms/property-imports/commit')
      .set(auth(workerA))
      .send({ compound: compound.documentId, rows });
    expect(second.body.data).toMatchObject({
      created: 0,
      updated: 3,
      peopleCreated: 0,
      failed: [],
    });
    // Owners and households that did not change are not rewritten, nor logged again.
    expect(await logged()).toBe(loggedBefore);

    const place = (await properties().placeOf(compound.id))!;
    const units = await properties().list(place);
    expect(units.map((u) => u.label)).toEqual(['1栋1单元101', '1栋1单元102', '2栋1单元101']);
    expect(units[0]!.household!.members.map((m) => m.name).sort()).toEqual(['丙', '乙', '甲']);
    // The people were created in the compound's community, with their phones.
    const created = await dbQuery(strapi, 'plugin::cms.person').findMany({
      where: { phone: { $in: p } },
      populate: { community: { select: ['documentId'] } },
    });
    // Six with phones; 丙, a member without one, is found again by name on the second import.
    expect(created).toHaveLength(6);
    expect(
      created.every(
        (x: { community: { documentId: string } }) => x.community.documentId === a.documentId,
      ),
    ).toBe(true);
    const id = new Map(created.map((x: { phone: string; id: number }) => [x.phone, x.id]));

    const households = await properties().electorate({ compoundId: compound.id }, 'households');
    expect(households.map((e) => [e.label, e.area, e.personIds.length])).toEqual([
      ['1栋1单元101', 10000, 3],
      ['1栋1单元102', 8050, 2],
      ['2栋1单元101', 9000, 1],
    ]);
    expect(households[0]!.key).toMatch(/^household:\d+$/);
    const building1 = await properties().electorate(
      { compoundId: compound.id, building: '1' },
      'households',
    );
    expect(building1).toHaveLength(2);
    const unit1 = await properties().electorate(
      { compoundId: compound.id, building: '2', unitNo: '1' },
      'households',
    );
    expect(unit1).toHaveLength(1);

    const owners = await properties().electorate({ compoundId: compound.id }, 'owners');
    const byKey = new Map(owners.map((e) => [e.key, e]));
    expect(owners).toHaveLength(4);
    // 甲: half of 101 (5000) and all of 102 (8050); 己 1/3 of 9000; 庚 2/3.
    expect(byKey.get(`owner:${id.get(p[0])}`)).toMatchObject({
      area: 13050,
      // the owner's name (masked; one character stays as it is) tells co-owners apart
      label: '1栋1单元101、1栋1单元102 · 甲',
      personIds: [id.get(p[0])],
    });
    expect(byKey.get(`owner:${id.get(p[1])}`)?.area).toBe(5000);
    expect(byKey.get(`owner:${id.get(p[5])}`)?.area).toBe(3000);
    expect(byKey.get(`owner:${id.get(p[6])}`)?.area).toBe(6000);

    const residents = await properties().electorate({ compoundId: compound.id }, 'residents');
    expect(residents).toHaveLength(6);
    expect(residents.every((e) => e.area === 0 && e.personIds.length === 1)).toBe(true);
  });

  it('imports a CSV upload and serves the template', async () => {
    const compound = await newCompound(workerA, a.documentId);
    const p = phone();
    const csv = `\uFEFF楼栋,单元,房号,建筑面积(㎡),用途,产权人,产权人电话,份额,户主,户主电话,家庭成员\n5,,8,120.25,住宅,陈一,${p},,陈一,${p},\n`;
    const preview = await http(strapi)
      .post('/api/cms/property-imports/preview')
      .set(auth(workerA))
      .field('compound', compound.documentId)
      .attach('file', Buffer.from(csv), { filename: 'rooms.csv', contentType: 'text/csv' });
    expect(preview.status).toBe(200);
    expect(preview.body.data).toMatchObject({ good: 1, bad: 0, firstRow: 2 });
    expect(preview.body.data.rows[0].record).toMatchObject({
      building: '5',
      unitNo: '',
      room: '8',
      floorArea: 12025,
    });

    const template = await http(strapi)
      .get('/api/cms/property-imports/template')
      .set(auth(workerA))
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(template.status).toBe(200);
    const workbook = new Workbook();
    await workbook.xlsx.load(template.body as ArrayBuffer);
    const header = workbook.worksheets[0]!.getRow(1).values as unknown[];
    expect(header.slice(1, 4)).toEqual(['楼栋', '单元', '房号']);

    // The template, filled in, imports as it is.
    const upload = await http(strapi)
      .post('/api/cms/property-imports/preview')
      .set(auth(workerA))
      .field('compound', compound.documentId)
      .attach('file', template.body as Buffer, {
        filename: 'template.xlsx',
        contentType: 'application/octet-stream',
      });
    expect(upload.status).toBe(200);
    expect(upload.body.data).toMatchObject({ good: 1, bad: 0 });
  });

  it('links the demo resident to a household in a demo compound with a building of 30+ households', async () => {
    const user = await dbQuery(strapi, 'plugin::users-permissions.user').findOne({
      where: { username: 'resident' },
    });
    const person = await properties().personOfUser(user.id);
    expect(person).not.toBeNull();
    const theirs = await properties().householdsOfPerson(person!);
    expect(theirs.length).toBeGreaterThan(0);
    const building = await properties().electorate(
      { compoundId: theirs[0]!.compoundId, building: '1' },
      'households',
    );
    expect(building.length).toBeGreaterThanOrEqual(30);
  });
});
