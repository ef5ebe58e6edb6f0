/**
 * Why the ledger refuses a transfer: one code per reason, in the spirit of TigerBeetle's result
 * codes, each with its HTTP status (one table) and a message in English and Chinese.
 */
export const LEDGER_ERRORS = {
  invalid_amount: [
    400,
    'amount must be a whole number from 1 to 1,000,000,000,000,000 (10^15 fen or minutes)',
    '金额必须是1到1,000,000,000,000,000（10^15）之间的整数（分或分钟）',
  ],
  invalid_limit: [
    400,
    'minBalance must be a whole number ≤ 0 (-9,007,199,254,740,991 at least), or null for no limit',
    '最低余额须为不大于0的整数（不小于-9,007,199,254,740,991），或为 null 表示不设限',
  ],
  invalid_key: [
    400,
    'an idempotency key of 1–100 characters is required',
    '需要1到100个字符的幂等键',
  ],
  invalid_account: [400, 'account codes are 1–120 characters', '账户编码为1到120个字符'],
  invalid_name: [
    400,
    'an account name is text of at most 200 characters',
    '账户名称须为不超过200个字符的文本',
  ],
  invalid_code: [
    400,
    'a transfer code is text of at most 40 characters',
    '转账类别须为不超过40个字符的文本',
  ],
  invalid_reference: [
    400,
    'a reference is text of at most 200 characters',
    '业务引用须为不超过200个字符的文本',
  ],
  invalid_id: [
    400,
    'a transfer id is a whole number from 1 to 9,007,199,254,740,991',
    '转账编号须为1到9,007,199,254,740,991之间的整数',
  ],
  invalid_after: [
    400,
    'after is the id of the last entry seen: a whole number from 0 to 9,007,199,254,740,991',
    'after 为已读到的最后一条分录编号：0到9,007,199,254,740,991之间的整数',
  ],
  invalid_page_size: [400, 'limit is a whole number from 1 to 500', 'limit 须为1到500之间的整数'],
  invalid_batch: [
    400,
    'transfers is a list of 1 to 1,000 transfers',
    'transfers 须为包含1到1000笔转账的列表',
  ],
  invalid_body: [400, 'the request body must be a JSON object', '请求体必须是 JSON 对象'],
  unknown_field: [400, 'this field is not part of the request', '请求中不应包含此字段'],
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
  total_out_of_range: [
    409,
    'an account total would exceed what the ledger holds (9,223,372,036,854,775,807)',
    '账户累计金额将超出账本上限（9,223,372,036,854,775,807）',
  ],
} as const satisfies Record<string, readonly [number, string, string]>;

export type LedgerErrorCode = keyof typeof LEDGER_ERRORS;

/**
 * The request field each refusal is about, for `details.errors[].path` over HTTP: every code has
 * one (a missing one fails to compile). In a batch it is prefixed with `transfers.<index>`.
 */
export const LEDGER_ERROR_FIELDS: Record<LedgerErrorCode, string> = {
  invalid_amount: 'amount',
  invalid_limit: 'minBalance',
  invalid_key: 'key',
  invalid_account: 'code',
  invalid_name: 'name',
  invalid_code: 'code',
  invalid_reference: 'reference',
  invalid_id: 'id',
  invalid_after: 'after',
  invalid_page_size: 'limit',
  invalid_batch: 'transfers',
  invalid_body: '',
  unknown_field: '',
  invalid_unit: 'unit',
  invalid_timeout: 'timeoutSeconds',
  accounts_must_differ: 'credit',
  account_not_found: 'code',
  account_exists_with_different_unit: 'code',
  unit_mismatch: 'credit',
  exceeds_credits: 'amount',
  exists_with_different_body: 'key',
  pending_not_found: 'id',
  pending_already_posted: 'id',
  pending_already_voided: 'id',
  pending_expired: 'id',
  exceeds_pending_amount: 'amount',
  transfer_not_found: 'id',
  not_reversible: 'id',
  already_reversed: 'id',
  batch_too_large: 'transfers',
  total_out_of_range: 'amount',
};

export class LedgerError extends Error {
  readonly code: LedgerErrorCode;
  readonly status: number;
  readonly messageZh: string;
  /** In a batch: the index of the transfer that was refused. */
  readonly index?: number;
  /** The request field refused, when it is not the code's usual one (debit or credit). */
  readonly field: string;
  constructor(code: LedgerErrorCode, detail?: string, index?: number, field?: string) {
    const [status, en, zh] = LEDGER_ERRORS[code];
    super(detail ? `${en}: ${detail}` : en);
    this.name = 'LedgerError';
    this.code = code;
    this.status = status;
    this.messageZh = detail ? `${zh}：${detail}` : zh;
    this.index = index;
    this.field = field ?? LEDGER_ERROR_FIELDS[code];
  }
}
