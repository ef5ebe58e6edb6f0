import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import type { CmsServices } from '../../cms/server/src/shared/contracts/services';

/**
 * Uploaded files are served only through signed links (cms/server/src/domain/file-links.ts):
 * the reads that may show a file hand out a link that works for a while, and a request for
 * `/uploads/<name>` without a valid, unexpired signature is answered 404, exactly like a file
 * that does not exist, so the addresses of others' files tell nobody anything. Runs before the
 * upload plugin's static route.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const kit = () => strapi.plugin('cms').service('kit') as CmsServices['kit'];
  return async (ctx: Context, next: Next) => {
    if (!ctx.path.startsWith('/uploads/')) return next();
    if (!kit().fileLinkServes(ctx.path, ctx.query)) {
      ctx.status = 404;
      ctx.set('Cache-Control', 'no-store');
      ctx.type = 'text/plain; charset=utf-8';
      ctx.body = '文件不存在或链接已过期 / No such file, or the link has expired';
      return;
    }
    await next();
    // The link's own lifetime bounds the browser's copy; no shared cache keeps personal files.
    const left = Number(ctx.query.expires) - Math.floor(Date.now() / 1000);
    ctx.set('Cache-Control', `private, max-age=${Math.max(0, left)}`);
    ctx.set('X-Robots-Tag', 'noindex');
  };
};
