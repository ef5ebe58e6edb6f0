/**
 * The part of koa2-ratelimit (users-permissions' rate limiter; no types of its own) that
 * rate-store.ts extends: a store's base class, which checks its subclass has the three methods.
 */
declare module 'koa2-ratelimit' {
  export const Stores: {
    Store: abstract new () => object;
  };
}
