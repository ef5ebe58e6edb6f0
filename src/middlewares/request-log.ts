import type { Core } from '@strapi/strapi';

/**
 * Replaces strapi::logger, which logs the full URL: query strings carry filters such as
 * `filters[phone][$eq]=…`, and personal data must never reach a log. Logs the path only.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: { method: string; path: string; status: number }, next: () => Promise<void>) => {
    const start = Date.now();
    try {
      await next();
    } finally {
      strapi.log.http(`${ctx.method} ${ctx.path} (${Date.now() - start} ms) ${ctx.status}`);
    }
  };
