'use strict';
// The floor a ledger transfer is compared with on PostgreSQL (issue 15): what the database can
// do for one transfer in one round trip. A PL/pgSQL function, in a scratch schema of its own,
// locks both accounts in id order, inserts the transfer and its two entries, and updates both
// totals — the work the ledger must do, with none of its checks — called through `pg` directly,
// as pgbench would, by 1 and by 16 connections, and in statements of 100 calls. The same run's
// ledger figures are printed as ratios to it.
const { Pool } = require('pg');
const { timed, concurrent, paced: pacedCalls, bareJsonServer } = require('./bench-lib');

const SCHEMA_SQL = (s) => `
CREATE SCHEMA ${s};
CREATE TABLE ${s}.accounts (
  id bigserial PRIMARY KEY,
  debits bigint NOT NULL DEFAULT 0,
  credits bigint NOT NULL DEFAULT 0,
  version integer NOT NULL DEFAULT 0);
CREATE TABLE ${s}.transfers (
  id bigserial PRIMARY KEY,
  key varchar(100) NOT NULL UNIQUE,
  debit bigint NOT NULL REFERENCES ${s}.accounts (id),
  credit bigint NOT NULL REFERENCES ${s}.accounts (id),
  amount bigint NOT NULL CHECK (amount > 0),
  created_at timestamptz NOT NULL);
CREATE TABLE ${s}.entries (
  id bigserial PRIMARY KEY,
  transfer_id bigint NOT NULL REFERENCES ${s}.transfers (id),
  account_id bigint NOT NULL REFERENCES ${s}.accounts (id),
  amount bigint NOT NULL,
  balance_after bigint NOT NULL,
  version integer NOT NULL,
  created_at timestamptz NOT NULL,
  UNIQUE (account_id, version));
CREATE INDEX ON ${s}.entries (transfer_id);
CREATE FUNCTION ${s}.transfer(p_key text, p_debit bigint, p_credit bigint, p_amount bigint)
RETURNS bigint LANGUAGE plpgsql AS $fn$
DECLARE
  tid bigint;
  dv integer; cv integer; db bigint; cb bigint;
BEGIN
  PERFORM 1 FROM ${s}.accounts WHERE id IN (p_debit, p_credit) ORDER BY id FOR NO KEY UPDATE;
  UPDATE ${s}.accounts SET debits = debits + p_amount, version = version + 1
    WHERE id = p_debit RETURNING version, credits - debits INTO dv, db;
  UPDATE ${s}.accounts SET credits = credits + p_amount, version = version + 1
    WHERE id = p_credit RETURNING version, credits - debits INTO cv, cb;
  INSERT INTO ${s}.transfers (key, debit, credit, amount, created_at)
    VALUES (p_key, p_debit, p_credit, p_amount, now()) RETURNING id INTO tid;
  INSERT INTO ${s}.entries (transfer_id, account_id, amount, balance_after, version, created_at)
    VALUES (tid, p_debit, -p_amount, db, dv, now()), (tid, p_credit, p_amount, cb, cv, now());
  RETURN tid;
END
$fn$;
INSERT INTO ${s}.accounts (debits) SELECT 0 FROM generate_series(1, 1002);
`;

/**
 * Installs the floor in database `url` (a scratch schema of its own) and returns what measures it:
 *
 * - `measure()`: `{ one, sixteen, batch }`, each with perSecond, p50 and p99 (ms). Hot accounts
 *   (ids 1 and 2, both directions) as the ledger bench's hot figures; `n` calls for one
 *   connection, `n` shared by sixteen. With `overHttp`, also the floor behind a bare Node HTTP
 *   server (`{ http }`): the server calls the function once per request, and
 *   `overHttp(port, hotPairs)` drives it as the ledger's HTTP API is driven, resolving to figures
 *   of its own — what HTTP alone costs, with nothing of Strapi's or the ledger's.
 * - `paced(perSecond, { hot })`: the function called on a fixed schedule through the 16
 *   connections for five seconds, each call timed from when it was due — the database's own
 *   latency at a given load, beside the API's paced figure at the same rate. Hot: accounts 1 and
 *   2, as above; otherwise pairs spread over the other 1,000 accounts.
 * - `close()`: drops the schema.
 */
async function openTransferFloor(url) {
  const schema = `linli_floor_${process.pid}_${Date.now().toString(36)}`;
  const setup = new Pool({ connectionString: url, max: 1 });
  await setup.query(SCHEMA_SQL(schema));
  const fn = `${schema}.transfer`;
  const pair = (i) => (i % 2 ? [1, 2] : [2, 1]);
  const one = new Pool({ connectionString: url, max: 1 });
  const sixteen = new Pool({ connectionString: url, max: 16 });
  // Warm both pools' connections (and the function's plan) before timing; a failure here drops
  // the scratch schema, as the caller's close() would.
  try {
    await one.query(`SELECT ${fn}('warm:1', 3, 4, 1)`);
    await Promise.all(
      Array.from({ length: 16 }, (_, c) =>
        sixteen.query(`SELECT ${fn}($1, 5, 6, 1)`, [`warm:16:${c}`]),
      ),
    );
  } catch (error) {
    await close();
    throw error;
  }
  let pacedRuns = 0;

  async function measure({ n = 2000, batches = 20, batch = 100, overHttp = null } = {}) {
    const single = await timed(n, (i) => {
      const [d, c] = pair(i);
      return one.query(`SELECT ${fn}($1, $2, $3, 1)`, [`one:${i}`, d, c]);
    });
    const many = await concurrent(n, 16, async (i) => {
      const [d, c] = pair(i);
      await sixteen.query(`SELECT ${fn}($1, $2, $3, 1)`, [`sixteen:${i}`, d, c]);
      return 'ok';
    });
    const batched = await timed(batches, (b) =>
      one.query(
        `SELECT ${fn}('batch:' || $1 || ':' || g, 1 + g % 2, 2 - g % 2, 1)
         FROM generate_series(0, $2 - 1) g`,
        [b, batch],
      ),
    );
    let overHttpFigures = null;
    if (overHttp) {
      const server = await bareJsonServer(async (body) => {
        const { rows } = await sixteen.query(`SELECT ${fn}($1, $2, $3, $4) AS id`, [
          body.key,
          body.debit,
          body.credit,
          body.amount,
        ]);
        return { id: rows[0].id };
      });
      try {
        overHttpFigures = await overHttp(server.port, [
          [1, 2],
          [2, 1],
        ]);
      } finally {
        await server.close();
      }
    }
    return {
      one: single,
      sixteen: many,
      batch: { perSecond: batched.perSecond * batch, p50: batched.p50, p99: batched.p99 },
      http: overHttpFigures,
    };
  }

  function paced(perSecond, { hot = true } = {}) {
    const run = (pacedRuns += 1);
    const coldPair = (i) => [3 + ((2 * i) % 1000), 4 + ((2 * i) % 1000)];
    return pacedCalls(Math.round(perSecond * 5), perSecond, (i) => {
      const [d, c] = hot ? pair(i) : coldPair(i);
      return sixteen.query(`SELECT ${fn}($1, $2, $3, 1)`, [`paced:${run}:${i}`, d, c]);
    });
  }

  async function close() {
    await one.end();
    await sixteen.end();
    await setup.query(`DROP SCHEMA ${schema} CASCADE`);
    await setup.end();
  }

  return { measure, paced, close };
}

module.exports = { openTransferFloor };
