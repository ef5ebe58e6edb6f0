import type { Knex } from 'knex';

/**
 * Posted transfers and reservations in one round trip on PostgreSQL (issue 15):
 * `ledger_post_transfers(transfers, now)` does in the database what the engine
 * (plugins/ledger/server/src/services/internal) does in seven statements, keeping every guarantee.
 * Each element is `{key, debit, credit, amount, code, reference}`, with `kind: "pending"` and
 * `timeout` (seconds, or null for none) for a reservation, which holds the amount in the pending
 * totals and writes no entries (as transfer-op.ts does):
 * - the accounts are locked in id order (`FOR NO KEY UPDATE`), so opposite transfers between the
 *   same accounts never deadlock;
 * - every check runs before anything is written (accounts exist, one unit, the debit account's
 *   limit after each transfer in order, totals within a bigint), so a refusal writes nothing and
 *   leaves a caller's transaction usable: it is answered as `{"error": code, "index", "field",
 *   "detail"}`, the codes of domain/errors.ts;
 * - then the transfers, their two entries each (balance after, contiguous account versions) and
 *   the totals are written; the tables' own CHECKs, UNIQUE indexes and append-only triggers still
 *   refuse what must never happen.
 * What it does not do it hands back as `{"fallback": reason}`, and the engine runs the request as
 * before: a key already used (a replay or a conflict is the engine's to answer), one key twice in
 * a batch, or a reservation on these accounts whose time has run out (the engine voids it in the
 * same transaction). Two requests racing with one new key: one insert wins the UNIQUE index, the
 * other statement fails and the engine answers it as a replay.
 *
 * SQLite keeps the engine's path (one writer; no stored functions).
 */
export const repeatable = true;

const FUNCTION = `
CREATE OR REPLACE FUNCTION ledger_post_transfers(p_transfers jsonb, p_now timestamptz)
RETURNS jsonb
LANGUAGE plpgsql
AS $fn$
DECLARE
  max_total constant numeric := 9223372036854775807;
  n integer := jsonb_array_length(p_transfers);
  a_id bigint[] := '{}';
  a_code text[] := '{}';
  a_unit text[] := '{}';
  a_min numeric[] := '{}';
  a_dpend numeric[] := '{}';
  a_dpost numeric[] := '{}';
  a_cpend numeric[] := '{}';
  a_cpost numeric[] := '{}';
  a_ver integer[] := '{}';
  a_dirty boolean[] := '{}';
  t_d integer[] := '{}';
  t_c integer[] := '{}';
  t_amount bigint[] := '{}';
  t_pending boolean[] := '{}';
  pending boolean;
  t_dbal numeric[] := '{}';
  t_dver integer[] := '{}';
  t_cbal numeric[] := '{}';
  t_cver integer[] := '{}';
  t jsonb;
  r record;
  i integer;
  d integer;
  c integer;
  amount bigint;
  ids bigint[] := '{}';
  units text[] := '{}';
  -- The keys and account codes as arrays: "= ANY (array)" is answered from the UNIQUE indexes,
  -- where a join with jsonb_array_elements (estimated at 100 rows) reads the whole table.
  keys text[] := ARRAY(SELECT e->>'key' FROM jsonb_array_elements(p_transfers) e);
  codes text[] := ARRAY(
    SELECT e->>'debit' FROM jsonb_array_elements(p_transfers) e
    UNION SELECT e->>'credit' FROM jsonb_array_elements(p_transfers) e);
BEGIN
  IF n = 0 THEN
    RETURN jsonb_build_object('fallback', 'empty');
  END IF;
  IF (SELECT count(DISTINCT k) FROM unnest(keys) k) < n THEN
    RETURN jsonb_build_object('fallback', 'repeated_key');
  END IF;
  IF EXISTS (SELECT 1 FROM ledger_transfers WHERE idempotency_key = ANY (keys)) THEN
    RETURN jsonb_build_object('fallback', 'key_used');
  END IF;

  FOR r IN
    SELECT id, code, unit, min_balance, debits_pending, debits_posted, credits_pending,
      credits_posted, version
    FROM ledger_accounts
    WHERE code = ANY (codes)
    ORDER BY id
    FOR NO KEY UPDATE
  LOOP
    a_id := array_append(a_id, r.id);
    a_code := array_append(a_code, r.code::text);
    a_unit := array_append(a_unit, r.unit::text);
    a_min := array_append(a_min, r.min_balance::numeric);
    a_dpend := array_append(a_dpend, r.debits_pending::numeric);
    a_dpost := array_append(a_dpost, r.debits_posted::numeric);
    a_cpend := array_append(a_cpend, r.credits_pending::numeric);
    a_cpost := array_append(a_cpost, r.credits_posted::numeric);
    a_ver := array_append(a_ver, r.version);
    a_dirty := array_append(a_dirty, false);
  END LOOP;

  IF EXISTS (
    SELECT 1 FROM ledger_transfers p
    WHERE p.kind = 'pending' AND p.debit_account_id = ANY (a_id) AND p.expires_at <= p_now
      AND NOT EXISTS (SELECT 1 FROM ledger_transfers x WHERE x.pending_id = p.id)
  ) THEN
    RETURN jsonb_build_object('fallback', 'due_reservations');
  END IF;

  -- Every check first, in the batch's order, on the locked totals: nothing is written unless
  -- every transfer passes.
  FOR i IN 1..n LOOP
    t := p_transfers -> (i - 1);
    d := array_position(a_code, t->>'debit');
    c := array_position(a_code, t->>'credit');
    IF d IS NULL THEN
      RETURN jsonb_build_object('error', 'account_not_found', 'detail', t->>'debit',
        'index', i - 1, 'field', 'debit');
    END IF;
    IF c IS NULL THEN
      RETURN jsonb_build_object('error', 'account_not_found', 'detail', t->>'credit',
        'index', i - 1, 'field', 'credit');
    END IF;
    IF a_unit[d] <> a_unit[c] THEN
      RETURN jsonb_build_object('error', 'unit_mismatch', 'index', i - 1);
    END IF;
    amount := (t->>'amount')::bigint;
    IF a_min[d] IS NOT NULL AND a_cpost[d] - a_dpost[d] - a_dpend[d] - amount < a_min[d] THEN
      RETURN jsonb_build_object('error', 'exceeds_credits', 'index', i - 1,
        'detail', a_code[d] || ' has ' || (a_cpost[d] - a_dpost[d] - a_dpend[d]) || ' available');
    END IF;
    pending := coalesce(t->>'kind', 'posted') = 'pending';
    IF pending THEN
      -- A reservation holds the amount (pending totals) and writes no entries yet.
      a_dpend[d] := a_dpend[d] + amount;
      IF a_dpend[d] > max_total THEN
        RETURN jsonb_build_object('error', 'total_out_of_range', 'detail', a_code[d],
          'index', i - 1);
      END IF;
      a_cpend[c] := a_cpend[c] + amount;
      IF a_cpend[c] > max_total THEN
        RETURN jsonb_build_object('error', 'total_out_of_range', 'detail', a_code[c],
          'index', i - 1);
      END IF;
    ELSE
      a_dpost[d] := a_dpost[d] + amount;
      IF a_dpost[d] > max_total THEN
        RETURN jsonb_build_object('error', 'total_out_of_range', 'detail', a_code[d],
          'index', i - 1);
      END IF;
      a_cpost[c] := a_cpost[c] + amount;
      IF a_cpost[c] > max_total THEN
        RETURN jsonb_build_object('error', 'total_out_of_range', 'detail', a_code[c],
          'index', i - 1);
      END IF;
      a_ver[d] := a_ver[d] + 1;
      a_ver[c] := a_ver[c] + 1;
    END IF;
    a_dirty[d] := true;
    a_dirty[c] := true;
    t_d := array_append(t_d, d);
    t_c := array_append(t_c, c);
    t_amount := array_append(t_amount, amount);
    t_pending := array_append(t_pending, pending);
    t_dbal := array_append(t_dbal, (a_cpost[d] - a_dpost[d]));
    t_dver := array_append(t_dver, a_ver[d]);
    t_cbal := array_append(t_cbal, (a_cpost[c] - a_dpost[c]));
    t_cver := array_append(t_cver, a_ver[c]);
  END LOOP;

  -- The transfers in one statement, ids given in the batch's order; then their entries in one
  -- statement, each transfer's debit then credit, so entry ids follow each account's versions.
  WITH made AS (
    INSERT INTO ledger_transfers (idempotency_key, kind, debit_account_id, credit_account_id,
      amount, unit, code, reference, expires_at, created_at)
    SELECT e->>'key', CASE WHEN t_pending[pos] THEN 'pending' ELSE 'posted' END,
      a_id[t_d[pos]], a_id[t_c[pos]], t_amount[pos], a_unit[t_d[pos]], e->>'code', e->>'reference',
      CASE WHEN t_pending[pos] AND (e->>'timeout') IS NOT NULL
        THEN p_now + make_interval(secs => (e->>'timeout')::integer) END,
      p_now
    FROM jsonb_array_elements(p_transfers) WITH ORDINALITY AS x(e, pos)
    ORDER BY pos
    RETURNING id, idempotency_key, unit
  )
  SELECT array_agg(made.id ORDER BY k.pos), array_agg(made.unit::text ORDER BY k.pos)
  INTO ids, units
  FROM made
  JOIN jsonb_array_elements(p_transfers) WITH ORDINALITY AS k(e, pos)
    ON k.e->>'key' = made.idempotency_key;

  INSERT INTO ledger_entries (transfer_id, account_id, amount, balance_after, account_version,
    created_at)
  SELECT ids[pos], a_id[CASE WHEN side = 0 THEN t_d[pos] ELSE t_c[pos] END],
    CASE WHEN side = 0 THEN -t_amount[pos] ELSE t_amount[pos] END,
    CASE WHEN side = 0 THEN t_dbal[pos] ELSE t_cbal[pos] END,
    CASE WHEN side = 0 THEN t_dver[pos] ELSE t_cver[pos] END, p_now
  FROM generate_subscripts(ids, 1) AS g(pos), (VALUES (0), (1)) AS sides(side)
  WHERE NOT t_pending[pos]
  ORDER BY pos, side;

  UPDATE ledger_accounts a
  SET debits_pending = v.dpend, debits_posted = v.dpost, credits_pending = v.cpend,
    credits_posted = v.cpost, version = v.ver
  FROM unnest(a_id, a_dpend, a_dpost, a_cpend, a_cpost, a_ver, a_dirty)
    AS v(id, dpend, dpost, cpend, cpost, ver, dirty)
  WHERE a.id = v.id AND v.dirty;

  RETURN jsonb_build_object('ids', to_jsonb(ids), 'units', to_jsonb(units));
END
$fn$`;

export async function up(knex: Knex, client: 'sqlite' | 'postgres'): Promise<void> {
  // The due-reservation check reads a hot account's pending transfers: an index on them alone
  // keeps it from walking the account's whole history (both databases run the same check).
  await knex.raw(
    `CREATE INDEX IF NOT EXISTS ledger_transfers_pending_due
     ON ledger_transfers (debit_account_id, expires_at) WHERE kind = 'pending'`,
  );
  if (client !== 'postgres') return;
  await knex.raw(FUNCTION);
}
