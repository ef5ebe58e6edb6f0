import type { Knex } from 'knex';
import { ensureAppendOnly } from '../migrate';

/**
 * The ledger's tables (plugins/ledger; see shared/DESIGN.md §4). Not Strapi content types: the
 * ledger writes them with plain SQL on its hot path. What must never happen the database refuses
 * by itself, whoever writes:
 * - an amount that is not a positive integer, a transfer from an account to itself;
 * - an available balance below the account's limit (CHECK on every update of the totals);
 * - two transfers with one idempotency key, two resolutions of one reservation, two reversals
 *   of one transfer, two entries with one account version (UNIQUE);
 * - any UPDATE or DELETE of a transfer or an entry (triggers): corrections are new transfers.
 */
export const repeatable = true;

export async function up(knex: Knex, client: 'sqlite' | 'postgres'): Promise<void> {
  const pg = client === 'postgres';
  const id = pg ? 'bigserial PRIMARY KEY' : 'INTEGER PRIMARY KEY AUTOINCREMENT';
  const ref = pg ? 'bigint' : 'INTEGER';
  const ts = pg ? 'timestamptz' : 'datetime';

  await knex.raw(`
    CREATE TABLE IF NOT EXISTS ledger_accounts (
      id ${id},
      code varchar(120) NOT NULL UNIQUE,
      name varchar(200),
      unit varchar(10) NOT NULL CHECK (unit IN ('fen', 'minute')),
      min_balance bigint CHECK (min_balance IS NULL OR min_balance <= 0),
      debits_pending bigint NOT NULL DEFAULT 0 CHECK (debits_pending >= 0),
      debits_posted bigint NOT NULL DEFAULT 0 CHECK (debits_posted >= 0),
      credits_pending bigint NOT NULL DEFAULT 0 CHECK (credits_pending >= 0),
      credits_posted bigint NOT NULL DEFAULT 0 CHECK (credits_posted >= 0),
      version integer NOT NULL DEFAULT 0 CHECK (version >= 0),
      created_at ${ts} NOT NULL,
      CONSTRAINT ledger_accounts_within_limit CHECK (
        min_balance IS NULL OR credits_posted - debits_posted - debits_pending >= min_balance)
    )`);

  await knex.raw(`
    CREATE TABLE IF NOT EXISTS ledger_transfers (
      id ${id},
      idempotency_key varchar(100) NOT NULL UNIQUE,
      kind varchar(16) NOT NULL CHECK (kind IN ('posted', 'pending', 'post_pending', 'void_pending', 'reversal')),
      debit_account_id ${ref} NOT NULL REFERENCES ledger_accounts (id),
      credit_account_id ${ref} NOT NULL REFERENCES ledger_accounts (id),
      amount bigint NOT NULL CHECK (amount > 0),
      unit varchar(10) NOT NULL CHECK (unit IN ('fen', 'minute')),
      code varchar(40),
      reference varchar(200),
      pending_id ${ref} UNIQUE REFERENCES ledger_transfers (id),
      reversal_of ${ref} UNIQUE REFERENCES ledger_transfers (id),
      expires_at ${ts},
      created_at ${ts} NOT NULL,
      CHECK (debit_account_id <> credit_account_id),
      CHECK ((kind IN ('post_pending', 'void_pending')) = (pending_id IS NOT NULL)),
      CHECK ((kind = 'reversal') = (reversal_of IS NOT NULL))
    )`);

  await knex.raw(`
    CREATE TABLE IF NOT EXISTS ledger_entries (
      id ${id},
      transfer_id ${ref} NOT NULL REFERENCES ledger_transfers (id),
      account_id ${ref} NOT NULL REFERENCES ledger_accounts (id),
      amount bigint NOT NULL CHECK (amount <> 0),
      balance_after bigint NOT NULL,
      account_version integer NOT NULL CHECK (account_version >= 1),
      created_at ${ts} NOT NULL,
      UNIQUE (account_id, account_version)
    )`);
  await knex.raw(
    'CREATE INDEX IF NOT EXISTS ledger_entries_transfer ON ledger_entries (transfer_id)',
  );
  await knex.raw(
    'CREATE INDEX IF NOT EXISTS ledger_transfers_debit ON ledger_transfers (debit_account_id)',
  );
  await knex.raw(
    'CREATE INDEX IF NOT EXISTS ledger_transfers_credit ON ledger_transfers (credit_account_id)',
  );
  await knex.raw(
    'CREATE INDEX IF NOT EXISTS ledger_transfers_reference ON ledger_transfers (reference)',
  );

  await ensureAppendOnly(knex, client, 'ledger_transfers');
  await ensureAppendOnly(knex, client, 'ledger_entries');
}
