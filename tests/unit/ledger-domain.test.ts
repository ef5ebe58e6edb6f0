// The ledger's pure checks: exact figures (bigint ↔ number or decimal string), the 10^15 bound
// on an amount, and the zod schemas of its HTTP API turning each bad field into a coded issue.
import type { z } from 'zod';
import { big, figure, MAX_TOTAL } from '../../plugins/ledger/server/src/domain/exact';
import {
  batchBody,
  historyQuery,
  idParams,
  issuesOf,
  transferBody,
} from '../../plugins/ledger/server/src/domain/requests';
import { isAmount, MAX_AMOUNT } from '../../plugins/ledger/server/src/domain/transfer';

describe('exact figures', () => {
  it.each([
    ['0', 0n],
    ['-5', -5n],
    [42, 42n],
    [7n, 7n],
    ['27021597764222973', 27021597764222973n],
    [null, 0n],
  ])('reads %p as %p', (raw, expected) => expect(big(raw)).toBe(expected));

  it.each([1.5, 'abc', '1e3', Number.MAX_SAFE_INTEGER + 1])('refuses %p', (raw) =>
    expect(() => big(raw)).toThrow(TypeError),
  );

  it.each([
    [0n, 0],
    [9007199254740991n, 9007199254740991],
    [-9007199254740991n, -9007199254740991],
    [9007199254740992n, '9007199254740992'],
    [-27021597764222973n, '-27021597764222973'],
    [MAX_TOTAL, '9223372036854775807'],
  ])('answers %p as %p', (value, expected) => expect(figure(value)).toBe(expected));
});

describe('the amount bound', () => {
  it.each([
    [1, true],
    [MAX_AMOUNT, true],
    [MAX_AMOUNT + 1, false],
    [0, false],
    [-1, false],
    [1.5, false],
    ['10', false],
    [Number.MAX_SAFE_INTEGER, false],
  ])('isAmount(%p) is %p', (v, ok) => expect(isAmount(v)).toBe(ok));
});

describe('request schemas', () => {
  const codes = (schema: z.ZodType, value: unknown) => {
    const r = schema.safeParse(value);
    return r.success ? [] : issuesOf(r.error).map((i) => `${i.path.join('.')}:${i.code}`);
  };

  it.each(['abc', '1e309', '1.5', '-1', '0', '99999999999999999', '0x10', ' 7', '', '01'])(
    'refuses the id %p',
    (id) => expect(codes(idParams, { id })).toEqual(['id:invalid_id']),
  );

  it('takes a well-formed id as a number', () => {
    expect(idParams.parse({ id: '9007199254740991' })).toEqual({ id: 9007199254740991 });
  });

  it.each([
    [{ after: 'abc' }, ['after:invalid_after']],
    [{ after: ['1', '2'] }, ['after:invalid_after']],
    [{ limit: '501' }, ['limit:invalid_page_size']],
    [{ limit: '0' }, ['limit:invalid_page_size']],
    [{}, []],
    [{ after: '0', limit: '500' }, []],
  ])('history query %p', (query, expected) => expect(codes(historyQuery, query)).toEqual(expected));

  it('names each bad field of a transfer, and an unknown one', () => {
    expect(
      codes(transferBody, { key: '', debit: 1, credit: 'b', amount: MAX_AMOUNT + 1, ammount: 1 }),
    ).toEqual([
      'key:invalid_key',
      'debit:invalid_account',
      'amount:invalid_amount',
      'ammount:unknown_field',
    ]);
  });

  it('names the transfer of a batch, and refuses empty and oversized batches', () => {
    const t = { key: 'k', debit: 'a', credit: 'b', amount: 1 };
    expect(codes(batchBody, { transfers: [t, { ...t, amount: 0 }] })).toEqual([
      'transfers.1.amount:invalid_amount',
    ]);
    expect(codes(batchBody, { transfers: [] })).toEqual(['transfers:invalid_batch']);
    expect(codes(batchBody, { transfers: Array(1001).fill(t) })).toEqual([
      'transfers:batch_too_large',
    ]);
    expect(codes(batchBody, [t])).toEqual([':invalid_body']);
  });
});
