/**
 * Why the ledger refuses a transfer: one code per reason, in the spirit of TigerBeetle's result
 * codes, each with its HTTP status (one table) and a message in English and Chinese.
 */
export const LEDGER_ERRORS = {
  invalid_amount: [
    400,
    'amount must be a positive whole number (fen or minutes)',
    '金额必须是正整数（分或分钟）',
  ],
  invalid_key: [
    400,
    'an idempotency key of 1–100 characters is required',
    '需要1到100个字符的幂等键',
  ],
  invalid_account: [400, 'account codes are 1–120 characters', '账户编码为1到120个字符'],
  invalid_unit: [400, 'unit must be fen or minute', '单位必须是 fen（分）或 minute（分钟）'],
  invalid_timeout: [
    400,
    'a reservation times out after 1 second to 366 days',
    '预留期限须在1秒到366天之间',
  ],
  accounts_must_differ: [400, 'an account cannot pay itself', '账户不能向自身转账'],
  account_not_found: [404, 'no such account', '账户不存在'],
  account_exists_with_different_unit: [
    409,
    'the account exists with another unit or limit',
    '账户已存在，但单位或额度不同',
  ],
  unit_mismatch: [400, 'both accounts must have the same unit', '两个账户的单位必须相同'],
  exceeds_credits: [
    409,
    'the debit account does not have enough available',
    '借方账户可用余额不足',
  ],
  exists_with_different_body: [
    409,
    'this idempotency key was used for a different transfer',
    '该幂等键已用于另一笔不同的转账',
  ],
  pending_not_found: [404, 'no such pending transfer', '找不到该预留转账'],
  pending_already_posted: [409, 'the pending transfer has already been posted', '该预留转账已入账'],
  pending_already_voided: [409, 'the pending transfer has already been voided', '该预留转账已作废'],
  pending_expired: [409, 'the pending transfer has expired', '该预留转账已过期'],
  exceeds_pending_amount: [409, 'cannot post more than was reserved', '入账金额不能超过预留金额'],
  transfer_not_found: [404, 'no such transfer', '找不到该转账'],
  not_reversible: [409, 'only a posted transfer can be reversed', '只有已入账的转账可以冲正'],
  already_reversed: [409, 'the transfer has already been reversed', '该转账已冲正'],
  batch_too_large: [400, 'a batch holds at most 1,000 transfers', '一批最多1000笔转账'],
} as const satisfies Record<string, readonly [number, string, string]>;

export type LedgerErrorCode = keyof typeof LEDGER_ERRORS;

export class LedgerError extends Error {
  readonly code: LedgerErrorCode;
  readonly status: number;
  readonly messageZh: string;
  /** In a batch: the index of the transfer that was refused. */
  readonly index?: number;
  constructor(code: LedgerErrorCode, detail?: string, index?: number) {
    const [status, en, zh] = LEDGER_ERRORS[code];
    super(detail ? `${en}: ${detail}` : en);
    this.name = 'LedgerError';
    this.code = code;
    this.status = status;
    this.messageZh = detail ? `${zh}：${detail}` : zh;
    this.index = index;
  }
}
