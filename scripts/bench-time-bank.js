'use strict';
// The time bank benchmark (run by `npm run bench`, or alone: `node scripts/bench-time-bank.js`):
// crediting a 500-person activity in one batch; confirming single services in-process and over
// HTTP; a passbook page (the ledger's keyset `recent`) at the start, middle and end of an account
// with millions of entries; matching candidates for a request in a subdistrict of 50,000
// members. Each figure is printed beside a floor measured in the same run (the bare SQL the
// work cannot avoid) and their ratio. On a scratch SQLite file, and on a scratch PostgreSQL
// database when DATABASE_URL is set. Figures only: nothing here passes or fails.
const os = require('os');
const bench = require('./bench-lib');
const { boot, timed, call, percentile } = bench;

const ACTIVITY_PEOPLE = 500;
const ACTIVITIES = 3;
const CONFIRMS = Number(process.env.TB_BENCH_CONFIRMS || 30);
const SUBDISTRICT_MEMBERS = 50_000;
// The passbook's size. Writing 10 million entries took 10 minutes on PostgreSQL on the shared
// 2-core machine (and would take longer on SQLite), beyond what `npm run bench` may spend: the
// defaults are smaller, the size is printed with every figure, and
// TB_BENCH_ENTRIES_PG=10000000 (or _SQLITE) measures the full count.
const ENTRIES = {
  sqlite: Number(process.env.TB_BENCH_ENTRIES_SQLITE || 2_000_000),
  postgres: Number(process.env.TB_BENCH_ENTRIES_PG || 1_000_000),
};

let sequence = 0;
/** A documentId as Strapi writes them: 24 of [a-z0-9]. */
const documentId = (prefix) => {
  sequence += 1;
  return `${prefix}${sequence.toString(36).padStart(24 - prefix.length, '0')}`;
};

/** Bulk rows of a content type and their relations, with Strapi's metadata for the names. */
async function insertRows(app, uid, rows) {
  const knex = app.db.connection;
  const meta = app.db.metadata.get(uid);
  const now = new Date();
  const records = rows.map((row) => {
    const record = { document_id: row.documentId, created_at: now, updated_at: now };
    for (const [field, value] of Object.entries(row.data)) {
      const attribute = meta.attributes[field];
      record[attribute.columnName || field] =
        attribute.type === 'json' && value !== null ? JSON.stringify(value) : value;
    }
    return record;
  });
  const size = Math.floor(30000 / Object.keys(records[0]).length / 2);
  for (let i = 0; i < records.length; i += Math.min(size, 400))
    await knex(meta.tableName).insert(records.slice(i, i + Math.min(size, 400)));
  const ids = new Map();
  for (let i = 0; i < rows.length; i += 500) {
    const found = await knex(meta.tableName)
      .whereIn(
        'document_id',
        rows.slice(i, i + 500).map((r) => r.documentId),
      )
      .select('id', 'document_id');
    for (const f of found) ids.set(f.document_id, Number(f.id));
  }
  const links = new Map();
  for (const row of rows)
    for (const [field, target] of Object.entries(row.links || {})) {
      const jt = meta.attributes[field].joinTable;
      const list = links.get(field) || [];
      list.push({
        [jt.joinColumn.name]: ids.get(row.documentId),
        [jt.inverseJoinColumn.name]: target,
      });
      links.set(field, list);
    }
  for (const [field, list] of links) {
    const table = meta.attributes[field].joinTable.name;
    for (let i = 0; i < list.length; i += 400) await knex(table).insert(list.slice(i, i + 400));
  }
  return ids;
}

async function measure(label) {
  const app = await boot();
  const pg = app.db.dialect.client === 'postgres';
  const knex = app.db.connection;
  const rows = [];
  const line = (name, value, floor) => {
    rows.push([name, value + (floor ? `  (${floor.toFixed(1)}× the floor)` : '')]);
    if (process.env.TB_BENCH_VERBOSE) console.error(`${name}: ${value}`);
  };
  const tb = (name) => app.plugin('time-bank').service(name);
  const ledger = app.plugin('ledger').service('ledger');
  const staff = { staff: true, member: null };
  const DAY = 86400_000;
  try {
    // The places: a district, a subdistrict and ten communities.
    const areas = app.db.query('plugin::cms.area');
    const district = await areas.create({
      data: { name: '基准区', code: '990000', level: 'district', path: '/990000/' },
    });
    const sub = await areas.create({
      data: {
        name: '基准街道',
        code: '990001',
        level: 'subdistrict',
        path: '/990000/990001/',
        parent: district.id,
      },
    });
    const communities = [];
    for (let i = 0; i < 10; i += 1)
      communities.push(
        await areas.create({
          data: {
            name: `基准社区${i}`,
            code: `99000100${i}`,
            level: 'community',
            path: `/990000/990001/99000100${i}/`,
            parent: sub.id,
          },
        }),
      );
    const home = communities[0];
    await tb('policy').ensureDefault();
    await tb('members').ensureWorldAccounts();
    const { policy } = await tb('policy').inForce();

    // A staff user over the district, signed in over HTTP.
    const role = await app.db
      .query('plugin::users-permissions.role')
      .findOne({ where: { type: 'foundation-staff' } });
    await app.plugin('users-permissions').service('user').add({
      username: 'bench-staff',
      email: 'bench-staff@linli.local',
      password: 'Bench-pass-2026',
      provider: 'local',
      confirmed: true,
      blocked: false,
      role: role.id,
      scope: district.id,
    });
    const port = app.server.httpServer.address().port;
    const jwt = JSON.parse(
      await call(port, 'POST', '/api/auth/local', {
        identifier: 'bench-staff',
        password: 'Bench-pass-2026',
      }),
    ).jwt;

    // 50,000 members in the subdistrict (people and teams, bulk rows); the first 1,200 with
    // accounts, for the activities and the services.
    const cats = ['eldercare', 'escort', 'shopping', 'repair', 'disability', 'childcare'];
    const planned = Array.from({ length: SUBDISTRICT_MEMBERS }, (_, i) => {
      const place = communities[i % communities.length];
      const doc = documentId('bm');
      return {
        documentId: doc,
        data: {
          kind: i % 40 === 39 ? 'team' : 'person',
          name: `成员${i}`,
          areaPath: place.path,
          passbookNo: `BENCH${i}`,
          accountCode: `time-bank.member:${doc}`,
          categories: [cats[i % cats.length], cats[(i * 7) % cats.length]],
          joinedOn: '2025-01-01',
          status: 'active',
          earnedMinutes: 0,
        },
        links: { area: place.id },
      };
    });
    const t0 = Date.now();
    const ids = await insertRows(app, 'plugin::time-bank.member', planned);
    const withAccounts = planned.filter((m) => m.data.kind === 'person').slice(0, 1200);
    await app.db.transaction(async () => {
      for (const m of withAccounts)
        await ledger.openAccount({
          code: m.data.accountCode,
          unit: 'minute',
          minBalance: -policy.creditLimitMinutes.person,
          name: m.data.name,
        });
    });
    const setupMembers = Date.now() - t0;
    const pool = await tb('members').join({
      kind: 'pool',
      name: '基准时间池',
      area: home.documentId,
    });
    for (let i = 0; i < 3; i += 1)
      await tb('members').issue(pool.documentId, { minutes: 10_000_000 });
    const elder = await tb('members').join({
      kind: 'person',
      name: '基准老人',
      area: home.documentId,
    });

    // The floor: the statements one transfer needs, bare SQL between cold accounts (1,000
    // accounts without a limit, as the ledger bench's floor).
    const floorCodes = Array.from({ length: 1000 }, (_, i) => `floor:${i}`);
    for (let i = 0; i < floorCodes.length; i += 100)
      await knex('ledger_accounts').insert(
        floorCodes
          .slice(i, i + 100)
          .map((code) => ({ code, unit: 'minute', min_balance: null, created_at: new Date() })),
      );
    const accountIds = (await knex('ledger_accounts').whereIn('code', floorCodes).select('id')).map(
      (r) => Number(r.id),
    );
    const floorTransfer = async (trx, i, tag) => {
      const d = accountIds[(i * 7) % accountIds.length];
      const c = accountIds[(i * 7 + 1) % accountIds.length];
      const q = trx('ledger_accounts').whereIn('id', [d, c]).orderBy('id');
      const accounts = pg ? await q.forNoKeyUpdate() : await q;
      const byId = new Map(accounts.map((a) => [Number(a.id), a]));
      await trx('ledger_transfers').where('idempotency_key', `${tag}${i}`).first('id');
      const [row] = await trx('ledger_transfers')
        .insert({
          idempotency_key: `${tag}${i}`,
          kind: 'posted',
          debit_account_id: d,
          credit_account_id: c,
          amount: 1,
          unit: 'minute',
          created_at: new Date(),
        })
        .returning('id');
      const id = typeof row === 'object' ? row.id : row;
      const da = byId.get(d);
      const ca = byId.get(c);
      await trx('ledger_entries').insert([
        {
          transfer_id: id,
          account_id: d,
          amount: -1,
          balance_after: Number(da.credits_posted) - Number(da.debits_posted) - 1,
          account_version: Number(da.version) + 1,
          created_at: new Date(),
        },
        {
          transfer_id: id,
          account_id: c,
          amount: 1,
          balance_after: Number(ca.credits_posted) + 1 - Number(ca.debits_posted),
          account_version: Number(ca.version) + 1,
          created_at: new Date(),
        },
      ]);
      await trx('ledger_accounts')
        .where('id', d)
        .update({ debits_posted: Number(da.debits_posted) + 1, version: Number(da.version) + 1 });
      await trx('ledger_accounts')
        .where('id', c)
        .update({ credits_posted: Number(ca.credits_posted) + 1, version: Number(ca.version) + 1 });
    };
    const floorSingle = await timed(300, (i) =>
      knex.transaction((trx) => floorTransfer(trx, i, 'floor1:')),
    );
    line(
      'floor: bare SQL of one transfer (single, cold accounts)',
      `${floorSingle.perSecond.toFixed(0)}/s  p50 ${floorSingle.p50.toFixed(2)} ms  p99 ${floorSingle.p99.toFixed(2)} ms`,
    );
    const floorBatch = await timed(ACTIVITIES, (b) =>
      knex.transaction(async (trx) => {
        for (let i = 0; i < ACTIVITY_PEOPLE; i += 1)
          await floorTransfer(trx, b * ACTIVITY_PEOPLE + i, 'floorB:');
      }),
    );
    line(
      `floor: bare SQL of ${ACTIVITY_PEOPLE} transfers in one transaction`,
      `${floorBatch.p50.toFixed(0)} ms`,
    );

    // Crediting an activity of 500 people, in one ledger batch.
    const creditTimes = [];
    for (let a = 0; a < ACTIVITIES; a += 1) {
      const starts = new Date(Date.now() - 3 * 3600_000);
      const activity = await app.documents('plugin::time-bank.activity').create({
        data: {
          title: `基准活动${a}`,
          area: home.documentId,
          pool: pool.documentId,
          startsAt: starts,
          endsAt: new Date(starts.getTime() + 2 * 3600_000),
          capacity: 1000,
        },
      });
      await insertRows(
        app,
        'plugin::time-bank.participation',
        withAccounts.slice(a * 300, a * 300 + ACTIVITY_PEOPLE).map((m) => ({
          documentId: documentId('bp'),
          data: {
            status: 'checked_out',
            hourType: 'credit',
            minutes: 120,
            areaPath: home.path,
          },
          links: { activity: activity.id, member: ids.get(m.documentId) },
        })),
      );
      const t = Date.now();
      const result = await tb('activities').credit(activity.documentId);
      creditTimes.push(Date.now() - t);
      if (result.credited !== ACTIVITY_PEOPLE) throw new Error(`credited ${result.credited}`);
    }
    const credit = percentile(creditTimes, 50);
    line(
      `credit a ${ACTIVITY_PEOPLE}-person activity (one batch; median of ${ACTIVITIES})`,
      `${credit} ms, ${(credit / ACTIVITY_PEOPLE).toFixed(2)} ms per person`,
      credit / floorBatch.p50,
    );

    // Confirming single services: prepared (posted, accepted, recorded), then confirmed.
    const prepare = async (n) => {
      const list = [];
      for (let i = 0; i < n; i += 1) {
        const request = await tb('exchange').post(
          {
            title: '陪同就医',
            category: 'eldercare',
            member: elder.documentId,
            windowStart: new Date(Date.now() + DAY).toISOString(),
            windowEnd: new Date(Date.now() + 3 * DAY).toISOString(),
            estimatedMinutes: 120,
            volunteersNeeded: 1,
          },
          staff,
        );
        const service = await tb('exchange').accept(
          request.documentId,
          { volunteer: withAccounts[(i * 13) % withAccounts.length].documentId },
          staff,
        );
        await tb('exchange').record(service.documentId, { minutes: 90 }, staff);
        list.push(service.documentId);
      }
      return list;
    };
    const inProcess = await prepare(CONFIRMS);
    const confirmed = await timed(inProcess.length, (i) =>
      tb('exchange').confirm(inProcess[i], {}, staff),
    );
    const rate = (r) =>
      `${r.perSecond.toFixed(0)}/s  p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms`;
    line(
      `confirm a service, in-process (${CONFIRMS}, sequential)`,
      rate(confirmed),
      floorSingle.perSecond / confirmed.perSecond,
    );
    const overHttp = await prepare(CONFIRMS);
    const confirmedHttp = await timed(overHttp.length, (i) =>
      call(port, 'POST', `/api/time-bank/services/${overHttp[i]}/confirm`, {}, jwt),
    );
    line(
      `confirm a service, over HTTP (${CONFIRMS}, sequential)`,
      rate(confirmedHttp),
      floorSingle.perSecond / confirmedHttp.perSecond,
    );

    // Matching: candidates for a request among the subdistrict's 50,000 members.
    const request = await tb('exchange').post(
      {
        title: '上门陪伴',
        category: 'eldercare',
        member: elder.documentId,
        windowStart: new Date(Date.now() + DAY).toISOString(),
        windowEnd: new Date(Date.now() + 3 * DAY).toISOString(),
        estimatedMinutes: 120,
        volunteersNeeded: 1,
      },
      staff,
    );
    const floorMatch = await timed(30, () =>
      knex('time_bank_members')
        .where('status', 'active')
        .whereIn('kind', ['person', 'team'])
        .where('area_path', 'like', `${sub.path}%`)
        .select('id', 'document_id', 'categories', 'area_path')
        .limit(2000),
    );
    line(
      'floor: bare SQL, 2,000 of the subdistrict’s members',
      `p50 ${floorMatch.p50.toFixed(1)} ms  p99 ${floorMatch.p99.toFixed(1)} ms`,
    );
    const match = await timed(30, () => tb('exchange').candidates(request.documentId));
    line(
      `candidates(), in-process (${SUBDISTRICT_MEMBERS.toLocaleString('en')} in the subdistrict)`,
      `p50 ${match.p50.toFixed(1)} ms  p99 ${match.p99.toFixed(1)} ms`,
      match.p99 / floorMatch.p99,
    );
    const matchHttp = await timed(30, () =>
      call(port, 'GET', `/api/time-bank/requests/${request.documentId}/candidates`, null, jwt),
    );
    line(
      'GET /requests/:id/candidates, over HTTP',
      `p50 ${matchHttp.p50.toFixed(1)} ms  p99 ${matchHttp.p99.toFixed(1)} ms`,
      matchHttp.p99 / floorMatch.p99,
    );

    // A passbook with millions of entries: written with bulk SQL (scratch database only: one
    // account's entries and their transfers, without the counterparts' entries).
    const count = pg ? ENTRIES.postgres : ENTRIES.sqlite;
    const book = 'bench:passbook';
    await ledger.openAccount({ code: book, unit: 'minute', minBalance: null });
    await ledger.openAccount({ code: 'bench:counterpart', unit: 'minute', minBalance: null });
    const [acc] = await knex('ledger_accounts').where('code', book).select('id');
    const [other] = await knex('ledger_accounts').where('code', 'bench:counterpart').select('id');
    const bulkStarted = Date.now();
    const step = pg ? 1_000_000 : 500_000;
    const [{ base }] = await knex('ledger_transfers').select(
      knex.raw('COALESCE(MAX(id), 0) AS base'),
    );
    for (let from = 1; from <= count; from += step) {
      const to = Math.min(count, from + step - 1);
      const series = pg
        ? `generate_series(${from}, ${to}) AS s(g)`
        : `(WITH RECURSIVE s(g) AS (SELECT ${from} UNION ALL SELECT g + 1 FROM s WHERE g < ${to}) SELECT g FROM s) AS s`;
      await knex.raw(
        `INSERT INTO ledger_transfers (id, idempotency_key, kind, debit_account_id, credit_account_id, amount, unit, code, reference, created_at)
         SELECT ${Number(base)} + g, 'pb:' || g, 'posted', ${other.id}, ${acc.id}, 1, 'minute', 'activity', 'time-bank.activity:bench', ? FROM ${series}`,
        [new Date()],
      );
      await knex.raw(
        `INSERT INTO ledger_entries (transfer_id, account_id, amount, balance_after, account_version, created_at)
         SELECT ${Number(base)} + g, ${acc.id}, 1, g, g, ? FROM ${series}`,
        [new Date()],
      );
    }
    if (pg) {
      await knex.raw(
        `SELECT setval(pg_get_serial_sequence('ledger_transfers', 'id'), (SELECT MAX(id) FROM ledger_transfers))`,
      );
      await knex.raw('ANALYZE ledger_entries');
      await knex.raw('ANALYZE ledger_transfers');
    } else await knex.raw('ANALYZE');
    line(
      `scratch passbook: ${count.toLocaleString('en')} entries written with bulk SQL`,
      `${((Date.now() - bulkStarted) / 1000).toFixed(0)} s`,
    );
    const [{ maxId }] = await knex('ledger_entries').select(knex.raw('MAX(id) AS "maxId"'));
    const floorPage = await timed(200, (i) =>
      knex('ledger_entries')
        .where('id', Number(maxId) - ((i * 7919) % count))
        .first(),
    );
    line(
      'floor: one entry by primary key',
      `p50 ${floorPage.p50.toFixed(2)} ms  p99 ${floorPage.p99.toFixed(2)} ms`,
    );
    for (const [where, before] of [
      ['start (newest)', 0],
      ['middle', Math.floor(count / 2)],
      ['end (oldest)', 60],
    ]) {
      const page = await timed(50, () => ledger.recent(book, before, 50));
      line(
        `passbook page of 50 at ${count.toLocaleString('en')} entries: ${where}`,
        `p50 ${page.p50.toFixed(2)} ms  p99 ${page.p99.toFixed(2)} ms`,
        page.p50 / floorPage.p50,
      );
    }
    line('setup: 50,000 members in bulk, 1,200 accounts', `${(setupMembers / 1000).toFixed(1)} s`);
  } finally {
    await app.destroy();
    console.log(`\nTime bank bench — ${label} (${os.cpus().length} cores)`);
    for (const [name, value] of rows) console.log(`  ${name.padEnd(66)} ${value}`);
  }
}

bench.onEachDatabase({ script: __filename, name: 'time-bank', measure }).catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
