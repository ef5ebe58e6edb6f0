import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import type { z } from 'zod';
import { LedgerError } from '../domain/errors';
import {
  accountBody,
  batchBody,
  codeParams,
  historyQuery,
  idParams,
  issuesOf,
  keyBody,
  postBody,
  reserveBody,
  transferBody,
} from '../domain/requests';
import type { AccountInput } from '../domain/transfer';
import type ledgerFactory from '../services/ledger';

/**
 * The ledger over HTTP, for trusted callers only (admin API tokens; no users-permissions role
 * holds these permissions): the grants and time-bank plugins call the service in-process.
 * Every parameter is parsed with zod (domain/requests.ts) before any work: a malformed one is
 * Strapi's 400 ValidationError naming the field in `details.errors`, and nothing is read or
 * written. Refusals of the engine use one table (domain/errors.ts): status, code, English and
 * Chinese, and the field they are about.
 */

/** Parses a part of the request, or refuses it with a 400 naming each bad field. */
function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = issuesOf(result.error);
  const first = issues[0]!;
  const index = first.path[0] === 'transfers' ? first.path[1] : undefined;
  throw new errors.ValidationError(
    issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
    {
      code: first.code,
      messageZh: issues.map((i) => `${i.path.join('.') || '请求体'}：${i.messageZh}`).join('；'),
      ...(typeof index === 'number' && { index }),
      errors: issues,
    },
  );
}

/** The body Koa parsed: `undefined` when none was sent (a void or reverse needs its key). */
const body = (ctx: Context): unknown => ctx.request.body ?? {};

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const ledger = () =>
    strapi.plugin('ledger').service('ledger') as ReturnType<typeof ledgerFactory>;

  /** Runs the service call; its refusal is answered with its status, naming the field. */
  const answer = async (
    ctx: Context,
    status: number,
    work: () => Promise<unknown>,
    batch = false,
  ) => {
    try {
      const data = await work();
      ctx.status = status;
      ctx.body = { data };
    } catch (error) {
      if (!(error instanceof LedgerError)) throw error;
      const path = [
        ...(batch && error.index !== undefined ? ['transfers', error.index] : []),
        ...(error.field ? [error.field] : []),
      ];
      ctx.status = error.status;
      ctx.body = {
        data: null,
        error: {
          status: error.status,
          name: 'LedgerError',
          message: error.message,
          details: {
            code: error.code,
            messageZh: error.messageZh,
            ...(error.index !== undefined && { index: error.index }),
            errors: [
              { path, message: error.message, messageZh: error.messageZh, code: error.code },
            ],
          },
        },
      };
    }
  };
  const id = (ctx: Context) => parse(idParams, ctx.params).id;

  return {
    /** POST /accounts — open an account ({ code, unit, minBalance, name? }), idempotently */
    openAccount: (ctx: Context) => {
      const input = parse(accountBody, body(ctx));
      return answer(ctx, 201, () =>
        // The schema checked the unit against UNITS; `name: null` is read as no name.
        ledger().openAccount({ ...input, minBalance: input.minBalance ?? null } as AccountInput),
      );
    },
    /** GET /accounts/:code — an account's balance */
    balance: (ctx: Context) => {
      const { code } = parse(codeParams, ctx.params);
      return answer(ctx, 200, () => ledger().balance(code));
    },
    /** GET /accounts/:code/entries?after&limit — an account's entries, a page at a time */
    history: (ctx: Context) => {
      const { code } = parse(codeParams, ctx.params);
      const { after, limit } = parse(historyQuery, ctx.query);
      return answer(ctx, 200, () => ledger().history(code, after ?? 0, limit ?? 100));
    },
    /** POST /transfers — one transfer ({ key, debit, credit, amount }) or { transfers: [...] }, all or none */
    transfer: (ctx: Context) => {
      const raw = body(ctx);
      if (raw && typeof raw === 'object' && !Array.isArray(raw) && 'transfers' in raw) {
        const { transfers } = parse(batchBody, raw);
        return answer(ctx, 201, () => ledger().transferAll(transfers), true);
      }
      const input = parse(transferBody, raw);
      return answer(ctx, 201, () => ledger().transfer(input));
    },
    /** POST /reservations — reserve an amount ({ …transfer, timeoutSeconds? }) */
    reserve: (ctx: Context) => {
      const input = parse(reserveBody, body(ctx));
      return answer(ctx, 201, () =>
        ledger().reserve({ ...input, timeoutSeconds: input.timeoutSeconds ?? undefined }),
      );
    },
    /** GET /transfers/:id — one transfer */
    show: (ctx: Context) => {
      const transferId = id(ctx);
      return answer(ctx, 200, () => ledger().getTransfer(transferId));
    },
    /** POST /transfers/:id/post — post a reservation ({ key, amount? }), in full or in part */
    post: (ctx: Context) => {
      const pendingId = id(ctx);
      const { key, amount } = parse(postBody, body(ctx));
      return answer(ctx, 201, () => ledger().postPending(key, pendingId, amount));
    },
    /** POST /transfers/:id/void — void a reservation ({ key }) */
    void: (ctx: Context) => {
      const pendingId = id(ctx);
      const { key } = parse(keyBody, body(ctx));
      return answer(ctx, 201, () => ledger().voidPending(key, pendingId));
    },
    /** POST /transfers/:id/reverse — reverse a posted transfer ({ key }) */
    reverse: (ctx: Context) => {
      const transferId = id(ctx);
      const { key } = parse(keyBody, body(ctx));
      return answer(ctx, 201, () => ledger().reverse(key, transferId));
    },
    /** GET /reconciliation — every invariant of the books, each breach reported */
    reconcile: (ctx: Context) => answer(ctx, 200, () => ledger().reconcile()),
  };
};
