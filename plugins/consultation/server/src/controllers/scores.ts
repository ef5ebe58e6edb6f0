import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { formsService, getService } from '../utils';

type Controllers = Record<string, (ctx: Context) => Promise<void>>;

/** A file as Strapi's body parser (formidable) hands it over. */
interface IncomingFile {
  filepath?: string;
  mimetype?: string | null;
  size: number;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_FILES = 5;

const body = (ctx: Context): Record<string, unknown> => {
  const b = ctx.request.body;
  return b && typeof b === 'object' && !Array.isArray(b) ? (b as Record<string, unknown>) : {};
};
const lang = (ctx: Context): 'zh' | 'en' => (ctx.query.lang === 'en' ? 'en' : 'zh');

/**
 * The consultation index (协商指数), /api/consultation/index/…: indicators (district staff edit
 * them), the year's scores and ranking, the records behind a figure, manual values with
 * evidence (JSON, or multipart with `data` and `files.evidence`), the workbook.
 */
export const scoresController = ({ strapi }: { strapi: Core.Strapi }): Controllers => {
  const s = () => getService(strapi, 'scores');
  return {
    async indicators(ctx) {
      ctx.body = { data: await s().listIndicators() };
    },
    async updateIndicator(ctx) {
      ctx.body = { data: await s().updateIndicator(ctx.params.key, body(ctx)) };
    },
    async createIndicator(ctx) {
      ctx.status = 201;
      ctx.body = { data: await s().createIndicator(body(ctx)) };
    },
    async scores(ctx) {
      ctx.body = { data: await s().scores(ctx.query as Record<string, unknown>) };
    },
    async ranking(ctx) {
      ctx.body = { data: await s().ranking(ctx.query as Record<string, unknown>) };
    },
    async drill(ctx) {
      ctx.body = await s().drill(ctx.query as Record<string, unknown>);
    },
    async enter(ctx) {
      const user = Number(ctx.state.user?.id);
      if (!Number.isSafeInteger(user) || user <= 0)
        throw new errors.ForbiddenError('Sign in first (请先登录)');
      const b = body(ctx);
      let fields = b;
      if (typeof b.data === 'string')
        try {
          fields = JSON.parse(b.data) as Record<string, unknown>;
        } catch {
          throw new errors.ValidationError('data: not JSON (data：格式不正确)');
        }
      const files = (
        ctx.request as unknown as { files?: Record<string, IncomingFile | IncomingFile[]> }
      ).files;
      const given = files?.evidence;
      const list = (Array.isArray(given) ? given : given ? [given] : []).filter((f) => f.size > 0);
      if (list.length > MAX_FILES)
        throw new errors.ValidationError(
          `evidence: at most ${MAX_FILES} files (evidence：最多 ${MAX_FILES} 个文件)`,
        );
      // Check what is asked before keeping any file: a refused entry leaves no upload behind.
      await s().checkEntry(fields, list.length);
      const ids: number[] = [];
      for (const file of list) {
        const kept = await formsService(strapi, 'receipts').keepChecked(
          file,
          `consultation-index:${user}:`,
          lang(ctx),
        );
        ids.push(Number(kept.id));
      }
      ctx.status = 201;
      ctx.body = { data: await s().enter(fields, ids) };
    },
    /** GET /index/export?year=&area=&format=xlsx&lang= */
    async export(ctx) {
      if ((ctx.query.format ?? 'xlsx') !== 'xlsx')
        throw new errors.ValidationError('format: only xlsx (format：仅支持 xlsx)');
      const { year, sheets } = await s().exportSheets(ctx.query as Record<string, unknown>);
      ctx.set('Content-Disposition', `attachment; filename="consultation-index-${year}.xlsx"`);
      ctx.type = XLSX_TYPE;
      ctx.body = await formsService(strapi, 'tables').xlsx(sheets);
    },
  };
};
