import { LedgerError } from '../../domain/errors';
import { sameBody } from '../../domain/transfer';
import { append, assertCanDebit, keyOf, post, type Op, type Step } from './moves';
import { mustHave, type Transfer } from './store';

/** A posted transfer undone by its mirror image, once — never by an edit. */
export async function applyReversal(
  step: Step,
  op: Extract<Op, { type: 'reverse' }>,
): Promise<Transfer> {
  const key = keyOf(op);
  const existing = step.done.get(key) ?? null;
  const original = await step.book.transferById(op.transferId);
  if (!original) throw new LedgerError('transfer_not_found', String(op.transferId), op.index);
  if (existing) {
    if (
      !sameBody(existing, {
        kind: 'reversal',
        debit: original.credit,
        credit: original.debit,
        amount: original.amount,
      })
    ) {
      throw new LedgerError('exists_with_different_body', key, op.index);
    }
    return { ...existing, replayed: true };
  }
  if (original.kind !== 'posted' && original.kind !== 'post_pending')
    throw new LedgerError('not_reversible', undefined, op.index);
  if (await step.book.isReversed(original.id)) {
    throw new LedgerError('already_reversed', undefined, op.index);
  }
  const debit = mustHave(step.accounts, original.credit, op.index, 'id');
  const credit = mustHave(step.accounts, original.debit, op.index, 'id');
  assertCanDebit(debit, original.amount, op.index);
  const t = await append(
    step,
    {
      idempotency_key: key,
      kind: 'reversal',
      debit_account_id: debit.id,
      credit_account_id: credit.id,
      amount: original.amount,
      unit: original.unit,
      code: original.code,
      reference: original.reference,
      reversal_of: original.id,
      created_at: step.now,
    },
    debit,
    credit,
  );
  await post(step, t.id, debit, credit, original.amount, op.index);
  step.done.set(key, t);
  return t;
}
