import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';
import { DomainError, issue } from '../domain/errors';
import { IMPORT_COLUMNS, USAGES } from '../domain/properties';
import { toHttpError } from '../errors';
import { MAX_ROWS, readFile, templateWorkbook, type ReadSheet } from '../property-sheet';
import type errorsFactory from '../services/errors';
import type propertiesFactory from '../services/properties';
import { DOCUMENT_ID_PATTERN } from '../uids';

const documentId = z.string().regex(DOCUMENT_ID_PATTERN);
const text20 = z.string().trim().max(20);

const listQuery = z.object({ compound: documentId, building: text20.optional() }).strict();

const unitBody = z
  .object({
    compound: documentId.optional(),
    building: text20.min(1),
    unitNo: text20.default(''),
    room: text20.min(1),
    floorArea: z.number().int().min(1).max(2147483647),
    usage: z.enum(USAGES).default('residential'),
    owners: z
      .array(
        z
          .object({
            person: documentId,
            shareNumerator: z.number().int().min(1).max(1000000),
            shareDenominator: z.number().int().min(1).max(1000000),
          })
          .strict(),
      )
      .max(20)
      .default([]),
    household: z
      .object({ head: documentId, members: z.array(documentId).max(30).default([]) })
      .strict()
      .nullable()
      .default(null),
  })
  .strict();

const cellsSchema = z.partialRecord(
  z.enum(IMPORT_COLUMNS.map((c) => c.key) as [string, ...string[]]),
  z.union([z.string().max(2000), z.number()]).transform(String),
);
const importBody = z
  .object({
    compound: documentId,
    rows: z.array(cellsSchema).max(MAX_ROWS),
    firstRow: z.number().int().min(1).max(1000000).default(2),
  })
  .strict();

/** Parses or refuses with 400 naming each field (before any work is done). */
function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  throw new DomainError(
    parsed.error.issues.slice(0, 10).map((zi) => {
      const path =
        zi.path
          .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`))
          .join('') || 'data';
      return issue('invalid_value', path, `${path}: ${zi.message}`, `${path}：取值不正确`);
    }),
  );
}

interface UploadedFile {
  filepath?: string;
  path?: string;
  originalFilename?: string | null;
  name?: string | null;
  size?: number;
}

/** Uploads are a room list: a few MB at most. */
const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/**
 * Property units and households: the room list of a compound, a room's edit, and the import of
 * a room list from a spreadsheet (preview, then commit in chunks), for staff in scope.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () =>
    strapi.plugin('cms').service('properties') as ReturnType<typeof propertiesFactory>;
  const answering = (ctx: Context, action: () => Promise<void>) =>
    (strapi.plugin('cms').service('errors') as ReturnType<typeof errorsFactory>).answering(
      ctx,
      async () => {
        try {
          await action();
        } catch (error) {
          throw toHttpError(error);
        }
      },
    );
  const body = (ctx: Context) => (ctx.request as { body?: unknown }).body;

  /** The rows of an import: a multipart upload (`file`, `compound`) or JSON `{ compound, rows }`. */
  async function importInput(ctx: Context) {
    const files = (ctx.request as { files?: Record<string, UploadedFile | UploadedFile[]> }).files;
    const raw = files?.file;
    const file = Array.isArray(raw) ? raw[0] : raw;
    if (!file) return parse(importBody, body(ctx));
    const fields = parse(z.object({ compound: documentId }).passthrough(), body(ctx));
    const name = file.originalFilename ?? file.name ?? 'sheet.xlsx';
    const path = file.filepath ?? file.path;
    if (!path || (file.size ?? 0) > MAX_UPLOAD_BYTES || !/\.(xlsx|csv)$/i.test(name))
      throw new DomainError([
        issue(
          'invalid_value',
          'file',
          'file: an .xlsx or .csv file of at most 10 MB',
          'file：请上传不超过 10 MB 的 .xlsx 或 .csv 文件',
        ),
      ]);
    let sheet: ReadSheet;
    try {
      sheet = await readFile(path, name);
    } catch {
      throw new DomainError([
        issue(
          'invalid_value',
          'file',
          'file: not a readable spreadsheet',
          'file：无法读取该表格文件',
        ),
      ]);
    }
    if (sheet.rows.length > MAX_ROWS)
      throw new DomainError([
        issue(
          'invalid_value',
          'file',
          `file: at most ${MAX_ROWS} rows`,
          `file：最多 ${MAX_ROWS} 行`,
        ),
      ]);
    return { compound: fields.compound, rows: sheet.rows, firstRow: sheet.firstRow };
  }

  return {
    /** GET /api/cms/property-units?compound=<documentId>[&building=3] — rooms with owners and households */
    async list(ctx: Context) {
      await answering(ctx, async () => {
        const q = parse(listQuery, ctx.query);
        const place = await service().reachCompound(q.compound);
        const units = await service().list(place, q.building);
        ctx.body = {
          data: units,
          meta: { compound: { documentId: place.documentId, name: place.name, type: place.type } },
        };
      });
    },

    /** POST /api/cms/property-units — { compound, building, unitNo, room, floorArea, usage, owners, household } */
    async create(ctx: Context) {
      await answering(ctx, async () => {
        const input = parse(unitBody, body(ctx));
        if (!input.compound)
          throw new DomainError([
            issue('invalid_value', 'compound', 'compound is required', 'compound：必填'),
          ]);
        const place = await service().reachCompound(input.compound);
        ctx.status = 201;
        ctx.body = { data: await service().createUnit(place, input) };
      });
    },

    /** PUT /api/cms/property-units/:id — the room's fields, owners and household replaced */
    async update(ctx: Context) {
      await answering(ctx, async () => {
        const { id } = parse(z.object({ id: documentId }), ctx.params);
        const input = parse(unitBody, body(ctx));
        ctx.body = { data: await service().updateUnit(id, input) };
      });
    },

    /** DELETE /api/cms/property-units/:id */
    async delete(ctx: Context) {
      await answering(ctx, async () => {
        const { id } = parse(z.object({ id: documentId }), ctx.params);
        await service().deleteUnit(id);
        ctx.body = { data: { documentId: id } };
      });
    },

    /** POST /api/cms/property-imports/preview — each row parsed, with its problems */
    async importPreview(ctx: Context) {
      await answering(ctx, async () => {
        const input = await importInput(ctx);
        const place = await service().reachCompound(input.compound);
        const preview = await service().previewImport(place, input.rows, input.firstRow);
        ctx.body = { data: { ...preview, firstRow: input.firstRow } };
      });
    },

    /** POST /api/cms/property-imports/commit — writes the good rows; a chunk per request */
    async importCommit(ctx: Context) {
      await answering(ctx, async () => {
        const input = await importInput(ctx);
        const place = await service().reachCompound(input.compound);
        ctx.body = { data: await service().commitImport(place, input.rows, input.firstRow) };
      });
    },

    /** GET /api/cms/property-imports/template — the .xlsx with the headers and one example row */
    async template(ctx: Context) {
      ctx.set('Content-Disposition', `attachment; filename="property-units-template.xlsx"`);
      ctx.type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      ctx.body = await templateWorkbook();
    },
  };
};
