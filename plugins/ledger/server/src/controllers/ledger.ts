import type { Core } from '@strapi/strapi';
import { LedgerError } from '../domain/errors';
import type ledgerFactory from '../services/ledger';

/* eslint-disable @typescript-eslint/no-explicit-any -- Koa context */

/**
 * The ledger over HTTP, for trusted callers only (admin API tokens; no users-permissions role
 * holds these permissions): the grants and time-bank plugins call the service in-process.
 * Refusals use one table (domain/errors.ts): status, code, English and Chinese.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const ledger = () =>
    strapi.plugin('ledger').service('ledger') as ReturnType<typeof ledgerFactory>;

  const answer = async (ctx: any, status: number, work: () => Promise<unknown>) => {
    try {
      ctx.status = status;
      ctx.body = { data: await work() };
    } catch (error) {
      if (!(error instanceof LedgerError)) throw error;
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
          },
        },
      };
    }
  };
  const body = (ctx: any) => ctx.request.body ?? {};
  const id = (ctx: any) => Number(ctx.params.id);

  return {
    openAccount: (ctx: any) => answer(ctx, 201, () => ledger().openAccount(body(ctx))),
    balance: (ctx: any) => answer(ctx, 200, () => ledger().balance(ctx.params.code)),
    history: (ctx: any) =>
      answer(ctx, 200, () =>
        ledger().history(
          ctx.params.code,
          Number(ctx.query.after ?? 0),
          Number(ctx.query.limit ?? 100),
        ),
      ),
    /** POST /transfers: one transfer ({ key, debit, credit, amount }) or { transfers: [...] }, all or none. */
    transfer: (ctx: any) =>
      answer(ctx, 201, () =>
        Array.isArray(body(ctx).transfers)
          ? ledger().transferAll(body(ctx).transfers)
          : ledger().transfer(body(ctx)),
      ),
    reserve: (ctx: any) => answer(ctx, 201, () => ledger().reserve(body(ctx))),
    post: (ctx: any) =>
      answer(ctx, 201, () => ledger().postPending(body(ctx).key, id(ctx), body(ctx).amount)),
    void: (ctx: any) => answer(ctx, 201, () => ledger().voidPending(body(ctx).key, id(ctx))),
    reverse: (ctx: any) => answer(ctx, 201, () => ledger().reverse(body(ctx).key, id(ctx))),
    show: (ctx: any) => answer(ctx, 200, () => ledger().getTransfer(id(ctx))),
    reconcile: (ctx: any) => answer(ctx, 200, () => ledger().reconcile()),
  };
};
