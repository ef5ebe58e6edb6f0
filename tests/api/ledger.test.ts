// The ledger engine on a real database (SQLite, and PostgreSQL when DATABASE_URL is set):
// transfers and every refusal, idempotent replays, batches all-or-nothing, two-phase
// reservations (post in part, void, expiry), reversals, history pages, what the database itself
// refuses, reconciliation, random sequences against a model (fast-check), and many concurrent
// clients moving money both ways between a few hot accounts.
import type { Core } from '@strapi/strapi';
import fc from 'fast-check';
import type {
  LedgerServices,
  Reconciliation,
  Transfer,
  TransferInput,
} from '../../plugins/ledger/server/src/shared/contracts/services';
import { bootStrapi, failureOf, http, ledgerService, login, unique } from '../helpers/strapi';

describe('ledger', () => {
  let strapi: Core.Strapi;
  let ledger: LedgerServices['ledger'];
  let token: string;

  /** Codes unique to this run, so the accounts never collide with another file's. */
  const acct = (name: string) => `${name}:${unique()}`;
  const refusal = async (work: Promise<unknown>) => {
    try {
      await work;
      return null;
    } catch (error) {
      const e = error as { code?: string; message?: unknown } | null | undefined;
      return e?.code ?? String(e?.message ?? error);
    }
  };
  async function open(minBalance: number | null = 0, unit: 'fen' | 'minute' = 'fen') {
    const code = acct('a');
    await ledger.openAccount({ code, unit, minBalance });
    return code;
  }
  /** An account holding `amount`, funded from an unlimited source. */
  async function funded(amount: number, minBalance: number | null = 0) {
    const source = await open(null);
    const code = await open(minBalance);
    if (amount > 0)
      await ledger.transfer({ key: unique('fund-'), debit: source, credit: code, amount });
    return code;
  }

  beforeAll(async () => {
    strapi = await bootStrapi();
    ledger = ledgerService(strapi, 'ledger');
    const created: { accessKey: string } = await strapi.service('admin::api-token').create({
      name: unique('ledger-test-'),
      type: 'full-access',
      lifespan: null,
    });
    token = created.accessKey;
  });
  afterAll(async () => {
    await strapi.destroy();
  });

  it('posts a transfer as two entries and moves both balances', async () => {
    const from = await funded(10000);
    const to = await open();
    const t = await ledger.transfer({
      key: unique('k-'),
      debit: from,
      credit: to,
      amount: 2550,
      code: 'test',
      reference: 'x:1',
    });
    expect(t).toMatchObject({
      kind: 'posted',
      debit: from,
      credit: to,
      amount: 2550,
      unit: 'fen',
      code: 'test',
      reference: 'x:1',
    });
    expect(await ledger.balance(from)).toMatchObject({ posted: 7450, available: 7450, version: 2 });
    expect(await ledger.balance(to)).toMatchObject({ posted: 2550, available: 2550, version: 1 });
  });

  it('refuses bad amounts, self-payment, unknown accounts, mixed units and overdrafts, each with its own code', async () => {
    const from = await funded(100);
    const to = await open();
    const minutes = await open(0, 'minute');
    const base = { debit: from, credit: to };
    // A string among them on purpose: the service is also reached by untyped callers.
    for (const amount of [0, -5, 1.5, '10', Number.MAX_SAFE_INTEGER + 2] as number[]) {
      expect(await refusal(ledger.transfer({ ...base, key: unique(), amount }))).toBe(
        'invalid_amount',
      );
    }
    expect(
      await refusal(ledger.transfer({ key: unique(), debit: from, credit: from, amount: 1 })),
    ).toBe('accounts_must_differ');
    expect(
      await refusal(ledger.transfer({ key: unique(), debit: from, credit: 'nope', amount: 1 })),
    ).toBe('account_not_found');
    expect(
      await refusal(ledger.transfer({ key: unique(), debit: from, credit: minutes, amount: 1 })),
    ).toBe('unit_mismatch');
    expect(await refusal(ledger.transfer({ ...base, key: unique(), amount: 101 }))).toBe(
      'exceeds_credits',
    );
    expect(await refusal(ledger.transfer({ ...base, key: '', amount: 1 }))).toBe('invalid_key');
    expect(await ledger.balance(from)).toMatchObject({ posted: 100, version: 1 });
    // A credit limit lets an account go that far below zero, no further.
    const credit = await funded(0, -500);
    expect(
      (await ledger.transfer({ key: unique(), debit: credit, credit: to, amount: 500 })).amount,
    ).toBe(500);
    expect(
      await refusal(ledger.transfer({ key: unique(), debit: credit, credit: to, amount: 1 })),
    ).toBe('exceeds_credits');
  });

  it('answers a replay with the original, and refuses the same key with another body', async () => {
    const from = await funded(1000);
    const to = await open();
    const key = unique('idem-');
    const first = await ledger.transfer({ key, debit: from, credit: to, amount: 300 });
    const again = await ledger.transfer({ key, debit: from, credit: to, amount: 300 });
    expect(again).toMatchObject({ id: first.id, replayed: true });
    expect(await ledger.balance(from)).toMatchObject({ posted: 700 });
    expect(await refusal(ledger.transfer({ key, debit: from, credit: to, amount: 301 }))).toBe(
      'exists_with_different_body',
    );
  });

  it('posts a batch all or nothing', async () => {
    const from = await funded(1000);
    const a = await open();
    const b = await open();
    const ok = await ledger.transferAll([
      { key: unique(), debit: from, credit: a, amount: 400 },
      { key: unique(), debit: a, credit: b, amount: 400 }, // uses what the first just moved
    ]);
    expect(ok).toHaveLength(2);
    const failed = await refusal(
      ledger.transferAll([
        { key: unique(), debit: from, credit: a, amount: 100 },
        { key: unique(), debit: from, credit: b, amount: 10000 },
      ]),
    );
    expect(failed).toBe('exceeds_credits');
    expect((await ledger.balance(from)).posted).toBe(600);
    expect((await ledger.balance(a)).posted).toBe(0);
    expect((await ledger.balance(b)).posted).toBe(400);
  });

  it('reserves, posts in part (releasing the rest), voids, and lets a reservation expire', async () => {
    const fund = await funded(10000);
    const grantee = await open();
    const r = await ledger.reserve({ key: unique(), debit: fund, credit: grantee, amount: 6000 });
    expect(r.kind).toBe('pending');
    expect(await ledger.balance(fund)).toMatchObject({
      posted: 10000,
      available: 4000,
      debitsPending: 6000,
    });
    expect(
      await refusal(ledger.transfer({ key: unique(), debit: fund, credit: grantee, amount: 4001 })),
    ).toBe('exceeds_credits');
    const posted = await ledger.postPending(unique(), r.id, 2500);
    expect(posted).toMatchObject({ kind: 'post_pending', amount: 2500, pendingId: r.id });
    expect(await ledger.balance(fund)).toMatchObject({
      posted: 7500,
      available: 7500,
      debitsPending: 0,
    });
    expect(await ledger.balance(grantee)).toMatchObject({ posted: 2500, creditsPending: 0 });
    expect(await refusal(ledger.postPending(unique(), r.id))).toBe('pending_already_posted');
    expect(await refusal(ledger.voidPending(unique(), r.id))).toBe('pending_already_posted');
    expect(await refusal(ledger.postPending(unique(), posted.id))).toBe('pending_not_found');

    const r2 = await ledger.reserve({ key: unique(), debit: fund, credit: grantee, amount: 1000 });
    expect(await refusal(ledger.postPending(unique(), r2.id, 1001))).toBe('exceeds_pending_amount');
    await ledger.voidPending(unique(), r2.id);
    expect(await refusal(ledger.postPending(unique(), r2.id))).toBe('pending_already_voided');
    expect((await ledger.balance(fund)).available).toBe(7500);

    const r3 = await ledger.reserve({
      key: unique(),
      debit: fund,
      credit: grantee,
      amount: 7000,
      timeoutSeconds: 1,
    });
    expect((await ledger.balance(fund)).available).toBe(500);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await refusal(ledger.postPending(unique(), r3.id))).toBe('pending_expired');
    // The next use of the account voids what has lapsed, in the same transaction.
    await ledger.transfer({ key: unique(), debit: fund, credit: grantee, amount: 7000 });
    expect(await ledger.balance(fund)).toMatchObject({
      posted: 500,
      available: 500,
      debitsPending: 0,
    });
    expect(
      await refusal(
        ledger.reserve({
          key: unique(),
          debit: fund,
          credit: grantee,
          amount: 1,
          timeoutSeconds: 0,
        }),
      ),
    ).toBe('invalid_timeout');
  });

  it('corrects a posted transfer only by reversing it, once', async () => {
    const from = await funded(1000);
    const to = await open();
    const t = await ledger.transfer({ key: unique(), debit: from, credit: to, amount: 400 });
    const rev = await ledger.reverse(unique(), t.id);
    expect(rev).toMatchObject({
      kind: 'reversal',
      debit: to,
      credit: from,
      amount: 400,
      reversalOf: t.id,
    });
    expect((await ledger.balance(from)).posted).toBe(1000);
    expect(await refusal(ledger.reverse(unique(), t.id))).toBe('already_reversed');
    const pending = await ledger.reserve({ key: unique(), debit: from, credit: to, amount: 1 });
    expect(await refusal(ledger.reverse(unique(), pending.id))).toBe('not_reversible');
    // Reversing what has already been spent onwards would overdraw: refused like any transfer.
    const t2 = await ledger.transfer({ key: unique(), debit: from, credit: to, amount: 500 });
    await ledger.transfer({ key: unique(), debit: to, credit: await open(), amount: 500 });
    expect(await refusal(ledger.reverse(unique(), t2.id))).toBe('exceeds_credits');
  });

  it('joins a caller’s transaction: committed with it, or rolled back with it', async () => {
    const from = await funded(1000);
    const to = await open();
    await strapi.db.transaction(async () => {
      await ledger.transfer({ key: unique(), debit: from, credit: to, amount: 100 });
      expect((await ledger.balance(to)).posted).toBe(100);
    });
    const marker = new Error('caller gives up');
    await strapi.db
      .transaction(async () => {
        await ledger.transfer({ key: unique(), debit: from, credit: to, amount: 200 });
        throw marker;
      })
      .catch((e: unknown) => {
        if (e !== marker) throw e;
      });
    expect((await ledger.balance(to)).posted).toBe(100);
    expect((await ledger.balance(from)).posted).toBe(900);
  });

  it('pages an account’s history by keyset', async () => {
    const from = await funded(1000);
    const to = await open();
    for (let i = 1; i <= 5; i += 1)
      await ledger.transfer({ key: unique(), debit: from, credit: to, amount: i });
    const first = await ledger.history(to, 0, 2);
    expect(first.entries.map((e) => [e.amount, e.balanceAfter, e.version])).toEqual([
      [1, 1, 1],
      [2, 3, 2],
    ]);
    const second = await ledger.history(to, first.next!, 10);
    expect(second.entries.map((e) => e.balanceAfter)).toEqual([6, 10, 15]);
  });

  it('is append-only and within limits even from raw SQL', async () => {
    const from = await funded(100);
    const to = await open();
    const t = await ledger.transfer({ key: unique(), debit: from, credit: to, amount: 10 });
    const db = strapi.db.connection;
    expect(
      await failureOf(db('ledger_entries').where('transfer_id', t.id).update({ amount: 99 })),
    ).toMatch(/append-only/);
    expect(await failureOf(db('ledger_entries').where('transfer_id', t.id).delete())).toMatch(
      /append-only/,
    );
    expect(await failureOf(db('ledger_transfers').where('id', t.id).update({ amount: 1 }))).toMatch(
      /append-only/,
    );
    expect(await failureOf(db('ledger_transfers').where('id', t.id).delete())).toMatch(
      /append-only/,
    );
    expect(
      await failureOf(db('ledger_accounts').where('code', from).update({ debits_posted: 1000 })),
    ).toMatch(/CHECK|check constraint|within_limit/i);
    expect(
      await failureOf(
        db('ledger_transfers').insert({
          idempotency_key: unique(),
          kind: 'posted',
          debit_account_id: 1,
          credit_account_id: 2,
          amount: 0,
          unit: 'fen',
          created_at: new Date(),
        }),
      ),
    ).toMatch(/CHECK|check constraint/i);
  });

  it('reconciles, and reports a breach of the books', async () => {
    const report = await ledger.reconcile();
    expect(report.breaches).toEqual([]);
    expect(report.ok).toBe(true);
    // Break the books inside a transaction that is rolled back: a lone entry.
    const from = await funded(100);
    const marker = new Error('rollback');
    let broken: Reconciliation | undefined;
    await strapi.db
      .transaction(async ({ trx }) => {
        const t = await trx('ledger_transfers')
          .where('idempotency_key', 'like', 'fund-%')
          .first('id');
        const account = await trx('ledger_accounts').where('code', from).first('id');
        await trx('ledger_entries').insert({
          transfer_id: t.id,
          account_id: account.id,
          amount: 5,
          balance_after: 105,
          account_version: 99,
          created_at: new Date(),
        });
        broken = await ledger.reconcile(trx);
        throw marker;
      })
      .catch((e: unknown) => {
        if (e !== marker) throw e;
      });
    expect(broken!.ok).toBe(false);
    expect(broken!.breaches.map((b) => b.check)).toEqual(
      expect.arrayContaining([
        'transfer_entries_balance',
        'versions_contiguous',
        'balance_equals_last_entry',
        'totals_equal_entries',
      ]),
    );
    expect((await ledger.reconcile()).ok).toBe(true);
  });

  it('serves the same over HTTP to an admin API token, with each refusal mapped to its status', async () => {
    const api = (method: 'get' | 'post', url: string, body?: object) => {
      const req = http(strapi)[method](`/api/ledger${url}`).set('Authorization', `Bearer ${token}`);
      return body ? req.send(body) : req;
    };
    const a = acct('h');
    const b = acct('h');
    expect(
      (await api('post', '/accounts', { code: a, unit: 'fen', minBalance: null })).status,
    ).toBe(201);
    expect((await api('post', '/accounts', { code: b, unit: 'fen', minBalance: 0 })).status).toBe(
      201,
    );
    const t = await api('post', '/transfers', { key: unique(), debit: a, credit: b, amount: 100 });
    expect(t.status).toBe(201);
    expect((await api('get', `/accounts/${b}`)).body.data).toMatchObject({ posted: 100 });
    const over = await api('post', '/transfers', {
      key: unique(),
      debit: b,
      credit: a,
      amount: 101,
    });
    expect(over.status).toBe(409);
    expect(over.body.error.details).toMatchObject({ code: 'exceeds_credits' });
    expect(over.body.error.details.messageZh).toMatch(/余额不足/);
    const batch = await api('post', '/transfers', {
      transfers: [
        { key: unique(), debit: a, credit: b, amount: 1 },
        { key: unique(), debit: a, credit: b, amount: -1 },
      ],
    });
    expect(batch.status).toBe(400);
    expect(batch.body.error.details).toMatchObject({ code: 'invalid_amount', index: 1 });
    expect(
      (await api('post', `/transfers/${t.body.data.id}/reverse`, { key: unique() })).status,
    ).toBe(201);
    expect((await api('get', '/accounts/none-such')).status).toBe(404);
    expect((await api('get', '/reconciliation')).body.data.ok).toBe(true);
    // Not for people signed in to the console, whatever their role.
    const staff = await login(strapi, 'foundation-staff');
    expect(
      (await http(strapi).get(`/api/ledger/accounts/${a}`).set('Authorization', `Bearer ${staff}`))
        .status,
    ).toBe(403);
    expect((await http(strapi).get(`/api/ledger/accounts/${a}`)).status).toBe(403);
  });

  it('keeps every invariant through random sequences of transfers, reservations, posts, voids and reversals', async () => {
    const op = fc.oneof(
      fc.record({
        type: fc.constant('transfer'),
        from: fc.nat(3),
        to: fc.nat(3),
        amount: fc.integer({ min: 1, max: 600 }),
      }),
      fc.record({
        type: fc.constant('reserve'),
        from: fc.nat(3),
        to: fc.nat(3),
        amount: fc.integer({ min: 1, max: 600 }),
      }),
      fc.record({
        type: fc.constant('post'),
        pick: fc.nat(20),
        part: fc.integer({ min: 1, max: 100 }),
      }),
      fc.record({ type: fc.constant('void'), pick: fc.nat(20) }),
      fc.record({ type: fc.constant('reverse'), pick: fc.nat(20) }),
      fc.record({ type: fc.constant('replay'), pick: fc.nat(20) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 25 }), async (ops) => {
        // A source without limit, two that may not go negative, one with a credit limit of 300.
        const limits = [null, 0, 0, -300];
        const codes = await Promise.all(limits.map((m) => open(m)));
        const model = codes.map(() => ({ posted: 0, held: 0 }));
        const pendings: { id: number; from: number; to: number; amount: number; open: boolean }[] =
          [];
        const posted: {
          id: number;
          from: number;
          to: number;
          amount: number;
          reversed: boolean;
        }[] = [];
        const done: { input: TransferInput & { type: string }; id: number }[] = [];
        const canDebit = (i: number, amount: number) =>
          limits[i] === null || model[i]!.posted - model[i]!.held - amount >= (limits[i] as number);
        for (const o of ops) {
          if (o.type === 'transfer' || o.type === 'reserve') {
            const input = {
              key: unique('p-'),
              debit: codes[o.from],
              credit: codes[o.to],
              amount: o.amount,
            };
            const expected =
              o.from === o.to
                ? 'accounts_must_differ'
                : canDebit(o.from, o.amount)
                  ? null
                  : 'exceeds_credits';
            let result = null as Transfer | null;
            const got = await refusal(
              (async () => {
                result =
                  o.type === 'transfer'
                    ? await ledger.transfer(input)
                    : await ledger.reserve(input);
              })(),
            );
            expect(got).toBe(expected);
            if (got) continue;
            done.push({ input: { ...input, type: o.type }, id: result!.id });
            if (o.type === 'transfer') {
              model[o.from]!.posted -= o.amount;
              model[o.to]!.posted += o.amount;
              posted.push({
                id: result!.id,
                from: o.from,
                to: o.to,
                amount: o.amount,
                reversed: false,
              });
            } else {
              model[o.from]!.held += o.amount;
              pendings.push({
                id: result!.id,
                from: o.from,
                to: o.to,
                amount: o.amount,
                open: true,
              });
            }
          } else if ((o.type === 'post' || o.type === 'void') && pendings.length) {
            const p = pendings[o.pick % pendings.length]!;
            // Only a post uses it (a void has no part).
            const amount = Math.max(1, Math.floor((p.amount * (o as { part: number }).part) / 100));
            const got = await refusal(
              o.type === 'post'
                ? ledger.postPending(unique(), p.id, amount)
                : ledger.voidPending(unique(), p.id),
            );
            if (!p.open) {
              expect(got).toMatch(/pending_already_(posted|voided)/);
              continue;
            }
            expect(got).toBeNull();
            p.open = false;
            model[p.from]!.held -= p.amount;
            if (o.type === 'post') {
              model[p.from]!.posted -= amount;
              model[p.to]!.posted += amount;
            }
          } else if (o.type === 'reverse' && posted.length) {
            const t = posted[o.pick % posted.length]!;
            const expected = t.reversed
              ? 'already_reversed'
              : canDebit(t.to, t.amount)
                ? null
                : 'exceeds_credits';
            expect(await refusal(ledger.reverse(unique(), t.id))).toBe(expected);
            if (expected) continue;
            t.reversed = true;
            model[t.to]!.posted -= t.amount;
            model[t.from]!.posted += t.amount;
          } else if (o.type === 'replay' && done.length) {
            const d = done[o.pick % done.length]!;
            const again =
              d.input.type === 'transfer'
                ? await ledger.transfer(d.input)
                : await ledger.reserve(d.input);
            expect(again).toMatchObject({ id: d.id, replayed: true });
          }
        }
        for (let i = 0; i < codes.length; i += 1) {
          const b = await ledger.balance(codes[i]);
          expect([b.posted, b.available]).toEqual([
            model[i]!.posted,
            model[i]!.posted - model[i]!.held,
          ]);
        }
        expect((await ledger.reconcile()).breaches).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });

  it('never deadlocks, overdraws or double-posts with many clients moving money both ways between hot accounts', async () => {
    const hot = await Promise.all([funded(5000), funded(5000), funded(5000)]);
    // A Figure is a number while it is a safe integer, as these small sums are.
    const total = async () =>
      (await Promise.all(hot.map((c) => ledger.balance(c)))).reduce(
        (s, b) => s + (b.posted as number),
        0,
      );
    const keys: { key: string; from: string; to: string; amount: number }[] = [];
    const outcomes: string[] = [];
    const client = async (c: number) => {
      for (let i = 0; i < 8; i += 1) {
        const from = hot[(c + i) % 3] as string;
        const to = hot[(c + i + 1 + (i % 2)) % 3] as string;
        const input = {
          key: unique(`c${c}-`),
          debit: from,
          credit: to,
          amount: 1 + ((c * 7 + i * 13) % 900),
        };
        keys.push({ key: input.key, from, to, amount: input.amount });
        const got = await refusal(ledger.transfer(input));
        outcomes.push(got ?? 'ok');
      }
    };
    await Promise.all(Array.from({ length: 24 }, (_, c) => client(c)));
    expect(outcomes.filter((o) => o !== 'ok' && o !== 'exceeds_credits')).toEqual([]);
    expect(outcomes.filter((o) => o === 'ok').length).toBeGreaterThan(100);
    expect(await total()).toBe(15000);
    for (const c of hot) expect((await ledger.balance(c)).posted).toBeGreaterThanOrEqual(0);
    // Replays, sent concurrently, are answered with the originals and move nothing.
    const accepted = await strapi.db
      .connection('ledger_transfers')
      .whereIn(
        'idempotency_key',
        keys.map((k) => k.key),
      )
      .select('id', 'idempotency_key');
    const byKey = new Map(
      accepted.map((r: { idempotency_key: string; id: number | string }) => [
        r.idempotency_key,
        Number(r.id),
      ]),
    );
    const replays = await Promise.all(
      keys
        .filter((k) => byKey.has(k.key))
        .slice(0, 60)
        .map((k) => ledger.transfer({ key: k.key, debit: k.from, credit: k.to, amount: k.amount })),
    );
    for (const r of replays) expect(r).toMatchObject({ id: byKey.get(r.key), replayed: true });
    expect(await total()).toBe(15000);
    expect((await ledger.reconcile()).breaches).toEqual([]);
  });
});
