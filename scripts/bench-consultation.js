'use strict';
// The consultation benchmark (run by `npm run bench`, or alone: `node scripts/bench-consultation.js`):
// a vote of 20,000 households — the size of a large resettlement community — from the room
// list to the result. The rooms and households are imported through the cms import (the
// console's path, in chunks of 500 rows); the vote is opened (its electorate frozen), one-time
// codes are issued for the paper notices, and every household casts its ballot with its code
// over HTTP (16 clients at once); then 500 used codes are tried again at once (all must be
// refused) and the database is asked for any elector with two ballots; the close computes the
// result, a recount reproduces it; the district's consultation index is computed when the
// plugin has one. Each figure is printed beside a floor measured in the same run (the bare
// writes a ballot cannot avoid, through the same knex) and "within an hour": the rate a vote
// of this size needs (households / 3,600 s). On a scratch SQLite file, and on a scratch
// PostgreSQL database when DATABASE_URL is set. Figures only: nothing passes or fails.
//
// All the clients share one address, so the bench lifts the per-address look-up allowance
// the code ballot page counts against (plugin forms, rateLimit) — a real vote comes from many.
// Size: CONSULTATION_BENCH_HOUSEHOLDS (20,000).
const os = require('os');
const path = require('path');
const http = require('http');
const { distDir } = require('./lib');
const bench = require('./bench-lib');
const { concurrent } = bench;

const HOUSEHOLDS = Number(process.env.CONSULTATION_BENCH_HOUSEHOLDS || 20_000);
const CLIENTS = 16;
const RETRIES = Math.min(500, HOUSEHOLDS);

const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
/** A ballot over HTTP on the clients' kept-alive connections: its status. */
const post = async (port, url, body) =>
  (await bench.request(port, 'POST', url, body, { agent })).status;
/** The cases sweep's timer off; the code ballot page's per-address allowance lifted. */
const boot = () =>
  bench.boot((app) => {
    app.cron.remove('cases-sweep');
    app.config.set('plugin::forms.rateLimit', { max: 1e9, windowSeconds: 600 });
  });

async function measure(label) {
  const app = await boot();
  const knex = app.db.connection;
  const rows = [];
  const line = (name, value) => rows.push([name, value]);
  const ms = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
  const port = app.server.httpServer.address().port;
  const hourRate = HOUSEHOLDS / 3600;
  try {
    const { seedDemo } = require(path.join(distDir, 'database', 'seed'));
    await seedDemo(app);
    const community = await knex('cms_areas').where({ level: 'community' }).orderBy('code').first();
    const compound = await app.db.query('plugin::cms.compound').create({
      data: {
        documentId: 'benchcompound000000000001'.slice(0, 24),
        name: '安置小区（基准测试）',
        community: community.id,
        type: 'relocation_resettlement',
        areaPath: community.path,
      },
    });
    const properties = app.plugin('cms').service('properties');
    const place = await properties.placeOf(compound.id);

    // The room list, as a compound's spreadsheet has it: 100 buildings, 4 units, 50 rooms each.
    const sheet = Array.from({ length: HOUSEHOLDS }, (_, i) => {
      const phone = `17${String(100000000 + i).slice(-9)}`;
      return {
        building: String(1 + Math.floor(i / 200)),
        unit: String(1 + (Math.floor(i / 50) % 4)),
        room: String(101 + (i % 50)),
        area: `${80 + (i % 21)}.${String((i * 37) % 100).padStart(2, '0')}`,
        usage: '住宅',
        owners: `业主${i}`,
        ownerPhones: phone,
        shares: '',
        head: `业主${i}`,
        headPhone: phone,
        members: '',
      };
    });
    let t = Date.now();
    for (let i = 0; i < sheet.length; i += 500)
      await properties.commitImport(place, sheet.slice(i, i + 500), i + 2);
    const importMs = Date.now() - t;
    line(
      `import ${HOUSEHOLDS.toLocaleString('en')} rooms with owners and households (cms, chunks of 500)`,
      `${(importMs / 1000).toFixed(1)} s, ${Math.round((HOUSEHOLDS * 1000) / importMs)} rows/s`,
    );

    const votes = app.plugin('consultation').service('votes');
    const vote = await votes.create({
      title: '安置小区停车管理方案表决',
      electorate: 'households',
      rule: 'simple-majority',
      compound: compound.documentId,
      closesAt: new Date(Date.now() + 3 * 86400_000).toISOString(),
    });
    t = Date.now();
    await votes.open(vote.documentId);
    line(
      `open: freeze ${HOUSEHOLDS.toLocaleString('en')} households as electors`,
      `${ms(Date.now() - t)} ms`,
    );
    t = Date.now();
    const codes = await votes.issueCodes(vote.documentId, {});
    line(
      `issue ${codes.length.toLocaleString('en')} one-time ballot codes`,
      `${ms(Date.now() - t)} ms`,
    );

    // The floor: what one ballot cannot avoid, through the same knex — mark the code used and
    // insert the ballot, in one transaction — for 500 scratch electors of a scratch vote.
    const scratchVote = 1_000_000_000;
    const ids = [];
    for (let i = 0; i < 500; i += 50) {
      await knex('consultation_electors').insert(
        Array.from({ length: 50 }, (_, j) => ({
          document_id: `benchfloor${String(i + j).padStart(14, '0')}`,
          vote_id: scratchVote,
          elector_key: `household:${i + j}`,
          area: 0,
          code_hash: `floor-${i + j}`,
        })),
      );
    }
    for (const r of await knex('consultation_electors')
      .where({ vote_id: scratchVote })
      .select('id'))
      ids.push(r.id);
    const floor = await concurrent(ids.length, CLIENTS, async (i) => {
      await knex.transaction(async (trx) => {
        await trx('consultation_electors')
          .where({ code_hash: `floor-${i}` })
          .whereNull('code_used_at')
          .update({ code_used_at: new Date() });
        await trx('consultation_ballots').insert({
          document_id: `benchfloorb${String(i).padStart(13, '0')}`,
          vote_id: scratchVote,
          elector_id: ids[i],
          choice: 'yes',
          channel: 'code',
          cast_at: new Date(),
        });
      });
      return 'ok';
    });
    await knex('consultation_ballots').where({ vote_id: scratchVote }).delete();
    await knex('consultation_electors').where({ vote_id: scratchVote }).delete();
    line(
      `floor: mark the code used + insert the ballot (knex, ${CLIENTS} at once)`,
      `${Math.round(floor.perSecond)}/s  p50 ${ms(floor.p50)} ms  p99 ${ms(floor.p99)} ms`,
    );

    const cast = await concurrent(codes.length, CLIENTS, (i) =>
      post(port, '/api/consultation/ballot-code', {
        code: codes[i].code,
        choice: i % 10 < 6 ? 'yes' : i % 10 < 9 ? 'no' : 'abstain',
      }),
    );
    line(
      `${codes.length.toLocaleString('en')} code ballots over HTTP, ${CLIENTS} clients`,
      `${Math.round(cast.perSecond)}/s  p50 ${ms(cast.p50)} ms  p99 ${ms(cast.p99)} ms; ` +
        `${cast.seconds.toFixed(0)} s in all; statuses ${[...cast.outcomes].map(([s, n]) => `${s}×${n}`).join(' ')}`,
    );
    line(
      '  … as a ratio',
      `${(cast.perSecond / floor.perSecond).toFixed(2)}× the floor; ${(cast.perSecond / hourRate).toFixed(0)}× the rate "within an hour" needs (${hourRate.toFixed(1)}/s)`,
    );
    const again = await concurrent(RETRIES, CLIENTS, (i) =>
      post(port, '/api/consultation/ballot-code', { code: codes[i].code, choice: 'no' }),
    );
    line(
      `${RETRIES} used codes tried again at once`,
      `statuses ${[...again.outcomes].map(([s, n]) => `${s}×${n}`).join(' ')}`,
    );
    const voteRow = await knex('consultation_votes')
      .where({ document_id: vote.documentId })
      .first('id');
    const doubles = await knex('consultation_ballots')
      .where({ vote_id: voteRow.id })
      .groupBy('elector_id')
      .havingRaw('COUNT(*) > 1')
      .select('elector_id');
    const ballots = await knex('consultation_ballots')
      .where({ vote_id: voteRow.id })
      .count({ n: '*' })
      .first();
    line(
      'ballots counted / electors with two ballots',
      `${Number(ballots.n).toLocaleString('en')} / ${doubles.length}`,
    );

    t = Date.now();
    const closed = await votes.close(vote.documentId, { system: true });
    line(
      'close: the result by count and by area',
      `${ms(Date.now() - t)} ms; turnout ${closed.result.participating.count.toLocaleString('en')}, yes ${closed.result.yes.count.toLocaleString('en')}, passed ${closed.passed}`,
    );
    t = Date.now();
    const recount = await votes.recount(vote.documentId);
    line('recount', `${ms(Date.now() - t)} ms; matches ${recount.matches}`);

    const scores = app.plugin('consultation').service('scores');
    if (scores && typeof scores.ranking === 'function') {
      t = Date.now();
      const year = Number(new Date().toISOString().slice(0, 4));
      await scores.ranking({ year: String(year) });
      line(
        "the district's consultation index (every community, one year)",
        `${ms(Date.now() - t)} ms`,
      );
    }
  } finally {
    agent.destroy();
    await app.destroy();
  }
  console.log(`\n${label}`);
  const width = Math.max(...rows.map((r) => r[0].length));
  for (const [name, value] of rows) console.log(`  ${name.padEnd(width)}  ${value}`);
}

bench
  .onEachDatabase({
    script: __filename,
    name: 'consultation',
    measure,
    headline: `Consultation bench: a vote of ${HOUSEHOLDS.toLocaleString('en')} households; ${os.cpus().length} cores, Node ${process.version}.`,
  })
  // The kept-alive sockets would hold the process open.
  .then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
