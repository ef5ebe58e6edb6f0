import fs from 'fs';
import type { Core } from '@strapi/strapi';
import { koaBody, type KoaBodyMiddlewareOptions } from 'koa-body';
import { lookup } from 'mime-types';

type UploadedFile = { name?: string; type?: string; filepath?: string };
type Ctx = {
  url: string;
  request: { files?: { files?: UploadedFile | UploadedFile[] } | undefined };
  payloadTooLarge(message: string): void;
};

const filesOf = (ctx: Ctx): UploadedFile[] => {
  const files = ctx.request.files?.files;
  return !files ? [] : Array.isArray(files) ? files : [files];
};

/**
 * strapi::body (@strapi/core 5.54.0, middlewares/body.js) with its parser built once (src/index.ts
 * puts it in the place of Strapi's). Strapi's
 * calls `koaBody(config)` on every request, and koa-body validates its options with zod each
 * time: about a twentieth of an authenticated POST's CPU (issue 15's profile). Otherwise the
 * same: multipart on, GraphQL's endpoint left to Apollo, a file's type guessed from its name
 * when the client sent none (so nothing is stored typeless), an oversized file a 413, and the
 * uploaded temporary files removed once the request is answered.
 */
export default (config: Partial<KoaBodyMiddlewareOptions>, { strapi }: { strapi: Core.Strapi }) => {
  const parse = koaBody({ multipart: true, patchKoa: true, ...config });
  const graphql = strapi.plugin('graphql')
    ? (strapi.plugin('graphql').config('endpoint') as string)
    : null;
  return async (ctx: Ctx, next: () => Promise<void>) => {
    if (graphql && ctx.url === graphql) return next();
    try {
      await parse(ctx as never, async () => {});
      for (const file of filesOf(ctx))
        if (!file.type) file.type = lookup(file.name ?? '') || 'application/octet-stream';
      await next();
    } catch (error) {
      const message = error instanceof Error ? error.message : '';
      if (message.includes('maxFileSize') && message.includes('exceeded'))
        return ctx.payloadTooLarge('FileTooBig');
      throw error;
    } finally {
      // Not awaited: the answer need not wait for the temporary files to go.
      for (const file of filesOf(ctx))
        if (file.filepath) fs.promises.rm(file.filepath, { force: true }).catch(() => {});
      delete ctx.request.files;
    }
  };
};
