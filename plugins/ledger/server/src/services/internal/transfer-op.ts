import { LedgerError } from '../../domain/errors';
import { sameBody } from '../../domain/transfer';
import { append, assertCanDebit, keyOf, move, post, type Op, type Step } from './moves';
import { mustHave, type Kind, type Transfer } from './store';

/** A transfer posted at once, or reserved (pending) until posted or voided. */
export async function applyTransfer(
  step: Step,
  op: Extract<Op, { type: 'transfer' | 'reserve' }>,
): Promise<Transfer> {
  const key = keyOf(op);
  const existing = step.done.get(key) ?? null;
  const { input } = op;
  const kind: Kind = op.type === 'transfer' ? 'posted' : 'pending';
  if (existing) {
    if (
      !sameBody(existing, { kind, debit: input.debit, credit: input.credit, amount: input.amount })
    ) {
      throw new LedgerError('exists_with_different_body', key, op.index);
    }
    return { ...existing, replayed: true };
  }
  const debit = mustHave(step.accounts, input.debit, op.index, 'debit');
  const credit = mustHave(step.accounts, input.credit, op.index, 'credit');
  if (debit.unit !== credit.unit) throw new LedgerError('unit_mismatch', undefined, op.index);
  assertCanDebit(debit, input.amount, op.index);
  const expiresAt =
    op.type === 'reserve' && op.timeout ? new Date(step.now.getTime() + op.timeout * 1000) : null;
  const t = await append(
    step,
    {
      idempotency_key: key,
      kind,
      debit_account_id: debit.id,
      credit_account_id: credit.id,
      amount: input.amount,
      unit: debit.unit,
      code: input.code ?? null,
      reference: input.reference ?? null,
      expires_at: expiresAt,
      created_at: step.now,
    },
    debit,
    credit,
  );
  if (kind === 'posted') {
    await post(step, t.id, debit, credit, input.amount, op.index);
  } else {
    move(debit, 'debits_pending', BigInt(input.amount), op.index);
    move(credit, 'credits_pending', BigInt(input.amount), op.index);
  }
  step.done.set(key, t);
  return t;
}
