import type { Core } from '@strapi/strapi';
import { LedgerError } from '../domain/errors';
import { checkAccount, type AccountInput } from '../domain/transfer';
import {
  store,
  toBalance,
  type AccountRow,
  type Balance,
  type InTransaction,
} from './internal/store';

/** Accounts: opened once (idempotently) with a unit and a limit; their balances. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const db = store(strapi);
  return {
    /** Opens an account, or returns it if one with this code exists with the same unit and limit. */
    async openAccount(input: AccountInput): Promise<Balance> {
      const a = checkAccount(input);
      const row: AccountRow = await strapi.db.transaction(async ({ trx }: InTransaction) => {
        await trx('ledger_accounts')
          .insert({
            code: a.code,
            name: a.name ?? null,
            unit: a.unit,
            min_balance: a.minBalance,
            created_at: new Date(),
          })
          .onConflict('code')
          .ignore();
        return (await db.loadAccount(trx, a.code)) as AccountRow;
      });
      const limit = a.minBalance === null ? null : BigInt(a.minBalance);
      if (row.unit !== a.unit || row.min_balance !== limit) {
        throw new LedgerError('account_exists_with_different_unit', a.code);
      }
      return toBalance(row);
    },

    async balance(code: string): Promise<Balance> {
      const row = await db.reading((k) => db.loadAccount(k, code));
      if (!row) throw new LedgerError('account_not_found', code);
      return toBalance(row);
    },
  };
};
