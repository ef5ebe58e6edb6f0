import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { LedgerError } from '../domain/errors';
import {
  checkTimeout,
  checkTransfer,
  isAmount,
  type ReserveInput,
  type TransferInput,
} from '../domain/transfer';
import { executor, expireDue } from './internal/execute';
import { n, store, type InTransaction, type Transfer } from './internal/store';

const checkKey = (key: unknown): string => {
  if (typeof key !== 'string' || key.length < 1 || key.length > 100)
    throw new LedgerError('invalid_key');
  return key;
};

/**
 * Moving money and time: transfers (one, or a batch all or none), two-phase reservations
 * (reserve, then post in full or in part, or void; lapsed ones expire), and reversals.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const db = store(strapi);
  const execute = executor(strapi, db);
  const knex = (): Knex => db.knex();

  return {
    /** Posts one transfer. */
    async transfer(input: TransferInput): Promise<Transfer> {
      const [t] = await execute([{ type: 'transfer', input: checkTransfer(input), index: 0 }]);
      return t as Transfer;
    },

    /** Posts several transfers: all of them or none. */
    async transferAll(inputs: TransferInput[]): Promise<Transfer[]> {
      if (!Array.isArray(inputs) || inputs.length === 0)
        throw new LedgerError('invalid_batch', 'an empty batch');
      return execute(
        inputs.map((input, index) => ({
          type: 'transfer',
          input: checkTransfer(input, index),
          index,
        })),
      );
    },

    /** Reserves an amount (a pending transfer), to be posted in full or in part, or voided. */
    async reserve(input: ReserveInput): Promise<Transfer> {
      const timeout = checkTimeout(input?.timeoutSeconds);
      const [t] = await execute([
        { type: 'reserve', input: checkTransfer(input), timeout, index: 0 },
      ]);
      return t as Transfer;
    },

    async postPending(key: string, pendingId: number, amount?: number): Promise<Transfer> {
      checkKey(key);
      if (amount !== undefined && !isAmount(amount)) throw new LedgerError('invalid_amount');
      const [t] = await execute([
        { type: 'resolve', post: true, key, pendingId, amount, index: 0 },
      ]);
      return t as Transfer;
    },

    async voidPending(key: string, pendingId: number): Promise<Transfer> {
      checkKey(key);
      const [t] = await execute([{ type: 'resolve', post: false, key, pendingId, index: 0 }]);
      return t as Transfer;
    },

    /** A posted transfer undone by its mirror image — never by an edit. */
    async reverse(key: string, transferId: number): Promise<Transfer> {
      checkKey(key);
      const [t] = await execute([{ type: 'reverse', key, transferId, index: 0 }]);
      return t as Transfer;
    },

    /** Voids every reservation whose time has run out (also done whenever its account is used). */
    async expireAll(): Promise<number> {
      const due = await knex()('ledger_transfers as t')
        .join('ledger_accounts as d', 'd.id', 't.debit_account_id')
        .join('ledger_accounts as c', 'c.id', 't.credit_account_id')
        .where('t.kind', 'pending')
        .where('t.expires_at', '<=', new Date())
        .whereNotExists(
          knex()('ledger_transfers as r').whereRaw('r.pending_id = t.id').select(knex().raw('1')),
        )
        .select('d.code as debit', 'c.code as credit');
      if (due.length === 0) return 0;
      const before = await knex()('ledger_transfers')
        .where('kind', 'void_pending')
        .count({ c: '*' });
      await strapi.db.transaction(async ({ trx }: InTransaction) => {
        const accounts = await db.lockAccounts(
          trx,
          due.flatMap((d: { debit: string; credit: string }) => [d.debit, d.credit]),
        );
        await expireDue(trx, db, accounts, new Date());
        await db.saveAccounts(trx, accounts);
      });
      const after = await knex()('ledger_transfers')
        .where('kind', 'void_pending')
        .count({ c: '*' });
      return n((after[0] as { c: unknown }).c) - n((before[0] as { c: unknown }).c);
    },
  };
};
