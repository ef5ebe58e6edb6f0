import type { Core } from '@strapi/strapi';

const processHeader = process.env.LINLI_PROCESS_HEADER === '1';

/**
 * Replaces strapi::logger, which logs the full URL: query strings carry filters such as
 * `filters[phone][$eq]=…`, and personal data must never reach a log. Logs the path only.
 */

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  // Decided once: winston formats (and timestamps) a line before its level is checked, so a
  // line below the configured level would still cost every request its formatting (issue 15).
  const logging = strapi.log.isLevelEnabled('http');
  return async (
    ctx: { method: string; path: string; status: number; set(k: string, v: string): void },
    next: () => Promise<void>,
  ) => {
    const start = logging ? Date.now() : 0;
    // Which process answered, for the two-process test (scripts/cluster.js); off unless asked.
    if (processHeader) ctx.set('X-Linli-Process', String(process.pid));
    if (!logging) return next();
    try {
      await next();
    } finally {
      strapi.log.http(`${ctx.method} ${ctx.path} (${Date.now() - start} ms) ${ctx.status}`);
    }
  };
};
