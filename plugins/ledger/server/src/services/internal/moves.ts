import { MAX_TOTAL } from '../../domain/exact';
import { LedgerError } from '../../domain/errors';
import type { ReserveInput, TransferInput } from '../../domain/transfer';
import type { Book } from './book';
import {
  available,
  toTransfer,
  type AccountRow,
  type Transfer,
  type TransferInsert,
} from './store';

/** One step of a call to the engine; a batch is several, all in one transaction. */
export type Op =
  | { type: 'transfer'; input: TransferInput; index: number }
  | { type: 'reserve'; input: ReserveInput; timeout: number | null; index: number }
  | {
      type: 'resolve';
      post: boolean;
      key: string;
      pendingId: number;
      amount?: number;
      index: number;
    }
  | { type: 'reverse'; key: string; transferId: number; index: number };

export const keyOf = (op: Op) =>
  op.type === 'transfer' || op.type === 'reserve' ? op.input.key : op.key;

/** What one operation sees: the locked accounts, the moment, the transfers made under its keys. */
export interface Step {
  book: Book;
  accounts: Map<string, AccountRow>;
  now: Date;
  done: Map<string, Transfer>;
}

type Total = 'debits_pending' | 'debits_posted' | 'credits_pending' | 'credits_posted';

/** Adds to (or, negative, takes from) an account's total, refusing what the column cannot hold. */
export function move(a: AccountRow, total: Total, amount: bigint, index: number): void {
  const next = a[total] + amount;
  if (next > MAX_TOTAL) throw new LedgerError('total_out_of_range', a.code, index);
  a[total] = next;
  a.dirty = true;
}

export function assertCanDebit(a: AccountRow, amount: number, index: number): void {
  if (a.min_balance !== null && available(a) - BigInt(amount) < a.min_balance) {
    throw new LedgerError('exceeds_credits', `${a.code} has ${available(a)} available`, index);
  }
}

/** Appends the two entries of a posted movement and moves the posted totals. */
export async function post(
  step: Step,
  transferId: number,
  debit: AccountRow,
  credit: AccountRow,
  amount: number,
  index: number,
): Promise<void> {
  const value = BigInt(amount);
  move(debit, 'debits_posted', value, index);
  move(credit, 'credits_posted', value, index);
  debit.version += 1;
  credit.version += 1;
  await step.book.insertEntries([
    {
      transfer_id: transferId,
      account_id: debit.id,
      amount: -amount,
      balance_after: debit.credits_posted - debit.debits_posted,
      account_version: debit.version,
      created_at: step.now,
    },
    {
      transfer_id: transferId,
      account_id: credit.id,
      amount,
      balance_after: credit.credits_posted - credit.debits_posted,
      account_version: credit.version,
      created_at: step.now,
    },
  ]);
}

/** Appends a transfer and answers it without reading it back. */
export async function append(
  step: Step,
  row: TransferInsert,
  debit: AccountRow,
  credit: AccountRow,
): Promise<Transfer> {
  const id = await step.book.insertTransfer(row);
  return toTransfer({ ...row, id, debit_code: debit.code, credit_code: credit.code });
}
