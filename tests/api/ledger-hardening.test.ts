// The ledger's HTTP edge and its arithmetic: every malformed parameter is a 4xx in Strapi's error
// shape naming the field (never a 500) and writes nothing; amounts are bounded at 10^15; totals
// above 2^53 stay exact in the tables, the balances, the history and the reconciliation.
import type { Core } from '@strapi/strapi';
import type { Response } from 'supertest';
import type {
  LedgerServices,
  Reconciliation,
} from '../../plugins/ledger/server/src/shared/contracts/services';
import { bootStrapi, http, ledgerService, unique, type ValidationIssue } from '../helpers/strapi';

const BOUND = 1_000_000_000_000_000; // 10^15
const UNSAFE = 9_007_199_254_740_991; // 2^53 − 1

describe('ledger hardening', () => {
  let strapi: Core.Strapi;
  let ledger: LedgerServices['ledger'];
  let token: string;

  const acct = (name: string) => `${name}:${unique()}`;
  const api = (method: 'get' | 'post', url: string, body?: unknown) => {
    const req = http(strapi)[method](`/api/ledger${url}`).set('Authorization', `Bearer ${token}`);
    return body === undefined ? req : req.send(body as object);
  };
  /** Rows in the ledger's tables and the sum of account versions: "nothing was written". */
  const footprint = async () => {
    const db = strapi.db.connection;
    const count = async (table: string) =>
      Number(((await db(table).count({ c: '*' })) as { c: number | string }[])[0].c);
    const versions = await db('ledger_accounts').sum({ v: 'version' });
    return {
      accounts: await count('ledger_accounts'),
      transfers: await count('ledger_transfers'),
      entries: await count('ledger_entries'),
      versions: Number((versions as { v: number | string | null }[])[0].v ?? 0),
    };
  };
  /**
   * A 4xx in Strapi's shape, with an error naming `field` (a dotted path). supertest's `Response`
   * type leaves out the request it answers (`req`), which is there at run time.
   */
  const refused = (
    res: Response & { req?: { method: string; path: string } },
    field: string,
    status = 400,
  ) => {
    const context = `${res.req?.method} ${res.req?.path}: ${res.status} ${JSON.stringify(res.body)}`;
    expect({ context, status: res.status }).toEqual({ context, status });
    expect(res.body.data).toBeNull();
    expect(res.body.error).toMatchObject({ status, name: expect.any(String) });
    expect(res.body.error.message).toEqual(expect.any(String));
    const errors = res.body.error.details.errors as ValidationIssue[];
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) {
      expect(e).toMatchObject({
        path: expect.any(Array),
        message: expect.any(String),
        messageZh: expect.stringMatching(/[\u4e00-\u9fff]/),
        code: expect.any(String),
      });
    }
    expect({ context, paths: errors.map((e) => e.path.join('.')) }).toEqual({
      context,
      paths: expect.arrayContaining([field]),
    });
    return errors.find((e) => e.path.join('.') === field)!;
  };

  let source: string;
  let target: string;
  let pendingId: number;
  let postedId: number;

  beforeAll(async () => {
    strapi = await bootStrapi();
    ledger = ledgerService(strapi, 'ledger');
    const created: { accessKey: string } = await strapi.service('admin::api-token').create({
      name: unique('ledger-hardening-'),
      type: 'full-access',
      lifespan: null,
    });
    token = created.accessKey;
    source = acct('src');
    target = acct('dst');
    await ledger.openAccount({ code: source, unit: 'fen', minBalance: null });
    await ledger.openAccount({ code: target, unit: 'fen', minBalance: 0 });
    postedId = (await ledger.transfer({ key: unique(), debit: source, credit: target, amount: 5 }))
      .id;
    pendingId = (await ledger.reserve({ key: unique(), debit: source, credit: target, amount: 3 }))
      .id;
  });
  afterAll(async () => {
    await strapi.destroy();
  });

  const badIds = ['abc', '1e309', '1.5', '-1', '0', '99999999999999999999999', '0x10', ' 7'];

  it.each(['post', 'void', 'reverse'])(
    'refuses a malformed transfer id on /transfers/:id/%s with a 400 naming id, and writes nothing',
    async (action) => {
      const before = await footprint();
      for (const id of badIds) {
        refused(
          await api('post', `/transfers/${encodeURIComponent(id)}/${action}`, { key: unique() }),
          'id',
        );
      }
      expect(await footprint()).toEqual(before);
    },
  );

  it('refuses a malformed id on GET /transfers/:id, and answers 404 for a well-formed unknown one', async () => {
    for (const id of badIds)
      refused(await api('get', `/transfers/${encodeURIComponent(id)}`), 'id');
    refused(await api('get', `/transfers/${UNSAFE}`), 'id', 404);
    expect((await api('get', `/transfers/${postedId}`)).body.data).toMatchObject({ amount: 5 });
  });

  it('answers 404 (not 500) for post, void and reverse of a well-formed id that does not exist', async () => {
    const before = await footprint();
    for (const action of ['post', 'void', 'reverse']) {
      const res = await api('post', `/transfers/${UNSAFE}/${action}`, { key: unique() });
      refused(res, 'id', 404);
    }
    expect(await footprint()).toEqual(before);
  });

  it('refuses a malformed body on post, void and reverse, naming the field', async () => {
    const before = await footprint();
    for (const action of ['post', 'void', 'reverse']) {
      refused(await api('post', `/transfers/${pendingId}/${action}`, {}), 'key');
      refused(await api('post', `/transfers/${pendingId}/${action}`, { key: 42 }), 'key');
      refused(
        await api('post', `/transfers/${pendingId}/${action}`, { key: 'k'.repeat(101) }),
        'key',
      );
      refused(await api('post', `/transfers/${pendingId}/${action}`, [1, 2]), '');
    }
    for (const amount of ['2', 1.5, 0, -1, BOUND + 1, Infinity, null]) {
      refused(
        await api('post', `/transfers/${pendingId}/post`, { key: unique(), amount }),
        'amount',
      );
    }
    expect(await footprint()).toEqual(before);
  });

  it('refuses malformed history pages with a 400 naming after or limit', async () => {
    const path = `/accounts/${encodeURIComponent(target)}/entries`;
    for (const after of ['1e309', 'abc', '-1', '1.5', '99999999999999999999999', ''])
      refused(await api('get', `${path}?after=${encodeURIComponent(after)}`), 'after');
    for (const limit of ['abc', '1e309', '-5', '0', '501', '99999999999999999999999', '2.5'])
      refused(await api('get', `${path}?limit=${encodeURIComponent(limit)}`), 'limit');
    refused(await api('get', `${path}?after=1&after=2`), 'after');
    const page = await api('get', `${path}?after=0&limit=1`);
    expect(page.status).toBe(200);
    expect(page.body.data.entries).toHaveLength(1);
    refused(await api('get', `/accounts/none-such-${unique()}/entries`), 'code', 404);
    refused(await api('get', `/accounts/${'x'.repeat(121)}/entries`), 'code');
    refused(await api('get', `/accounts/${'x'.repeat(121)}`), 'code');
  });

  it('refuses malformed transfers, batches, reservations and accounts, naming the field, writing nothing', async () => {
    const before = await footprint();
    const base = { key: unique(), debit: source, credit: target, amount: 1 };
    for (const amount of ['10', 1.5, 0, -1, BOUND + 1, UNSAFE, Infinity, null, true])
      refused(await api('post', '/transfers', { ...base, amount }), 'amount');
    const { amount: _omitted, ...noAmount } = base;
    void _omitted;
    refused(await api('post', '/transfers', noAmount), 'amount');
    refused(await api('post', '/transfers', { ...base, key: '' }), 'key');
    refused(await api('post', '/transfers', { ...base, key: 'k'.repeat(101) }), 'key');
    refused(await api('post', '/transfers', { ...base, debit: 7 }), 'debit');
    refused(await api('post', '/transfers', { ...base, credit: 'c'.repeat(121) }), 'credit');
    refused(await api('post', '/transfers', { ...base, code: 'c'.repeat(41) }), 'code');
    refused(await api('post', '/transfers', { ...base, reference: 'r'.repeat(201) }), 'reference');
    refused(await api('post', '/transfers', { ...base, ammount: 1 }), 'ammount');
    refused(
      await api('post', '/transfers', {
        transfers: [base, { ...base, key: unique(), amount: BOUND + 1 }],
      }),
      'transfers.1.amount',
    );
    refused(await api('post', '/transfers', { transfers: [] }), 'transfers');
    refused(await api('post', '/transfers', { transfers: 'all' }), 'transfers');
    refused(
      await api('post', '/transfers', {
        transfers: Array.from({ length: 1001 }, () => ({ ...base, key: unique() })),
      }),
      'transfers',
    );
    for (const timeoutSeconds of [0, -1, 1.5, 'abc', 366 * 86400 + 1])
      refused(
        await api('post', '/reservations', { ...base, key: unique(), timeoutSeconds }),
        'timeoutSeconds',
      );
    refused(await api('post', '/reservations', { ...base, amount: BOUND + 1 }), 'amount');
    refused(await api('post', '/accounts', { code: '', unit: 'fen', minBalance: 0 }), 'code');
    refused(
      await api('post', '/accounts', { code: acct('u'), unit: 'yen', minBalance: 0 }),
      'unit',
    );
    for (const minBalance of [5, 1.5, '0', -UNSAFE - 2])
      refused(
        await api('post', '/accounts', { code: acct('m'), unit: 'fen', minBalance }),
        'minBalance',
      );
    refused(
      await api('post', '/accounts', { code: acct('n'), unit: 'fen', minBalance: 0, name: 9 }),
      'name',
    );
    expect(await footprint()).toEqual(before);
  });

  it('refuses an amount above 10^15 with a 400 on amount naming the bound in English and Chinese', async () => {
    const res = await api('post', '/transfers', {
      key: unique(),
      debit: source,
      credit: target,
      amount: BOUND + 1,
    });
    const error = refused(res, 'amount');
    expect(error.message).toMatch(/1,000,000,000,000,000|10\^15/);
    expect(error.messageZh).toMatch(/1,000,000,000,000,000|10\^15/);
    expect(error.messageZh).toMatch(/金额/);
    // In-process callers meet the same bound.
    let code: string | undefined;
    await ledger
      .transfer({ key: unique(), debit: source, credit: target, amount: BOUND + 1 })
      .catch((e: { code?: string }) => (code = e.code));
    expect(code).toBe('invalid_amount');
    // The bound itself is allowed.
    const ok = await api('post', '/transfers', {
      key: unique(),
      debit: source,
      credit: target,
      amount: BOUND,
    });
    expect(ok.status).toBe(201);
    expect(ok.body.data.amount).toBe(BOUND);
  });

  it('keeps totals above 2^53 exact: three times 9,007,199,254,740,991 moved in bounded transfers', async () => {
    // What three transfers of 2^53 − 1 used to try (each is now above the bound, so refused):
    for (let i = 0; i < 3; i += 1)
      refused(
        await api('post', '/transfers', {
          key: unique(),
          debit: source,
          credit: target,
          amount: UNSAFE,
        }),
        'amount',
      );
    const from = acct('big-src');
    const to = acct('big-dst');
    await ledger.openAccount({ code: from, unit: 'fen', minBalance: null });
    await ledger.openAccount({ code: to, unit: 'fen', minBalance: 0 });
    // The same sum, 27,021,597,764,222,973, in transfers of at most 10^15.
    const total = 3n * BigInt(UNSAFE);
    const amounts: number[] = [];
    for (let left = total; left > 0n; left -= BigInt(amounts[amounts.length - 1]!))
      amounts.push(Number(left > BigInt(BOUND) ? BigInt(BOUND) : left));
    const res = await api('post', '/transfers', {
      transfers: amounts.map((amount) => ({
        key: unique('big-'),
        debit: from,
        credit: to,
        amount,
      })),
    });
    expect(res.status).toBe(201);
    const balance = (await api('get', `/accounts/${encodeURIComponent(to)}`)).body.data;
    expect(String(balance.posted)).toBe(total.toString());
    expect(String(balance.available)).toBe(total.toString());
    const payer = (await api('get', `/accounts/${encodeURIComponent(from)}`)).body.data;
    expect(String(payer.posted)).toBe((-total).toString());
    // The tables hold the exact figure.
    const row = await strapi.db
      .connection('ledger_accounts')
      .where('code', to)
      .first(strapi.db.connection.raw('CAST(credits_posted AS TEXT) AS c'));
    expect(row.c).toBe(total.toString());
    // The history's last balance-after is exact too.
    const entries = (
      await api('get', `/accounts/${encodeURIComponent(to)}/entries?after=0&limit=500`)
    ).body.data.entries;
    expect(String(entries[entries.length - 1].balanceAfter)).toBe(total.toString());
    // In-process: the same exact figures.
    expect(String((await ledger.balance(to)).posted)).toBe(total.toString());
    const report = (await api('get', '/reconciliation')).body.data;
    expect(report.breaches).toEqual([]);
    expect(report.ok).toBe(true);

    // A total corrupted by one fen above 2^53 is reported (it was invisible as a JS Number).
    const marker = new Error('rollback');
    let broken: Reconciliation | undefined;
    await strapi.db
      .transaction(async ({ trx }) => {
        await trx('ledger_accounts')
          .where('code', to)
          .update({ credits_posted: trx.raw('credits_posted + 1') });
        broken = await ledger.reconcile(trx);
        throw marker;
      })
      .catch((e: unknown) => {
        if (e !== marker) throw e;
      });
    expect(broken!.ok).toBe(false);
    expect(broken!.breaches.map((b) => b.check)).toEqual(
      expect.arrayContaining([
        'debits_equal_credits',
        'balance_equals_last_entry',
        'totals_equal_entries',
      ]),
    );
    expect(broken!.breaches.map((b) => b.detail).join('\n')).toContain((total + 1n).toString());
    expect((await ledger.reconcile()).ok).toBe(true);
  });
});
