import { LedgerError } from '../../domain/errors';
import { sameBody } from '../../domain/transfer';
import { append, assertCanDebit, keyOf, move, post, type Op, type Step } from './moves';
import { mustHave, type Kind, type Transfer } from './store';

/**
 * The second phase of a reservation: post it (in full or in part) or void it. The whole
 * reservation is released either way; what is posted moves for good.
 */
export async function applyResolution(
  step: Step,
  op: Extract<Op, { type: 'resolve' }>,
): Promise<Transfer> {
  const key = keyOf(op);
  const existing = step.done.get(key) ?? null;
  const pending = await step.book.transferById(op.pendingId);
  if (!pending || pending.kind !== 'pending')
    throw new LedgerError('pending_not_found', String(op.pendingId), op.index);
  const kind: Kind = op.post ? 'post_pending' : 'void_pending';
  const amount = op.post ? (op.amount ?? pending.amount) : pending.amount;
  if (existing) {
    if (
      !sameBody(existing, {
        kind,
        debit: pending.debit,
        credit: pending.credit,
        amount,
        pendingId: pending.id,
      })
    ) {
      throw new LedgerError('exists_with_different_body', key, op.index);
    }
    return { ...existing, replayed: true };
  }
  const resolution = await step.book.resolutionOf(pending.id);
  // Voided because its time ran out (perhaps just now, by expireDue in this transaction).
  if (resolution?.kind === 'void_pending' && resolution.key === `expire:${pending.id}`) {
    throw new LedgerError('pending_expired', undefined, op.index);
  }
  if (resolution) {
    throw new LedgerError(
      resolution.kind === 'post_pending' ? 'pending_already_posted' : 'pending_already_voided',
      undefined,
      op.index,
    );
  }
  if (op.post && pending.expiresAt && new Date(pending.expiresAt) <= step.now) {
    throw new LedgerError('pending_expired', undefined, op.index);
  }
  if (!Number.isSafeInteger(amount) || amount <= 0)
    throw new LedgerError('invalid_amount', undefined, op.index);
  if (amount > pending.amount) throw new LedgerError('exceeds_pending_amount', undefined, op.index);
  const debit = mustHave(step.accounts, pending.debit, op.index, 'id');
  const credit = mustHave(step.accounts, pending.credit, op.index, 'id');
  move(debit, 'debits_pending', -BigInt(pending.amount), op.index);
  move(credit, 'credits_pending', -BigInt(pending.amount), op.index);
  const t = await append(
    step,
    {
      idempotency_key: key,
      kind,
      debit_account_id: debit.id,
      credit_account_id: credit.id,
      amount,
      unit: pending.unit,
      code: pending.code,
      reference: pending.reference,
      pending_id: pending.id,
      created_at: step.now,
    },
    debit,
    credit,
  );
  if (op.post) {
    assertCanDebit(debit, amount, op.index);
    await post(step, t.id, debit, credit, amount, op.index);
  }
  step.done.set(key, t);
  return t;
}
