import fs from 'fs';
import path from 'path';
import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';

/**
 * - /console → /console/, so the console's relative assets resolve (it is served from public/);
 * - /f/<slug> and /f/receipt/<code> → the public form page (public/console/form.html), the short
 *   address that forms' QR codes point at;
 * - /t, /t/<page> → the same page, which shows the time bank's phone pages there (an activity's
 *   check-in QR code points at /t/checkin?code=…);
 * - /g, /g/<page>, /g/case/<id> → the same page, which shows the grid worker's phone page (网格呼叫);
 * - /c, /c/<page>, /c/topic/<id>, /c/vote/<id> → the same page: a resident's consultation (社区协商);
 * - /v → the same page: the code ballot (the paper voting notice's QR code points at it).
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const page = path.join(strapi.dirs.static.public, 'console', 'form.html');
  let cached: { html: string; mtime: number } | null = null;
  return async (ctx: Context, next: Next) => {
    if (ctx.path === '/console') return ctx.redirect('/console/');
    // HEAD as well: link checkers and curl -I ask for the page without its body (Koa drops it).
    if (
      (ctx.method === 'GET' || ctx.method === 'HEAD') &&
      (/^\/f\/[^/]+(\/[^/]+)?\/?$/.test(ctx.path) ||
        /^\/t(\/[^/]+)?\/?$/.test(ctx.path) ||
        /^\/g(\/[^/]+){0,2}\/?$/.test(ctx.path) ||
        /^\/c(\/[^/]+){0,2}\/?$/.test(ctx.path) ||
        /^\/v\/?$/.test(ctx.path))
    ) {
      const stat = fs.existsSync(page) ? fs.statSync(page) : null;
      if (stat) {
        if (!cached || cached.mtime !== stat.mtimeMs)
          cached = { html: fs.readFileSync(page, 'utf8'), mtime: stat.mtimeMs };
        ctx.type = 'text/html; charset=utf-8';
        ctx.set('Cache-Control', 'no-cache');
        ctx.body = cached.html;
        return;
      }
    }
    await next();
  };
};
