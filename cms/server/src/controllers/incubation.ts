import type { Core } from '@strapi/strapi';
import { factories } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';
import { DomainError, issue } from '../domain/errors';
import { INCUBATION_STAGES } from '../domain/incubation-stages';
import { toHttpError } from '../errors';
import type incubationsFactory from '../services/incubations';
import { CMS, DOCUMENT_ID_PATTERN } from '../uids';

const documentId = z.string().regex(DOCUMENT_ID_PATTERN);

const boardQuery = z
  .object({
    stage: z.enum(INCUBATION_STAGES),
    q: z.string().trim().max(100).optional(),
    hub: documentId.optional(),
    area: documentId.optional(),
    due: z.enum(['true', 'false']).optional(),
    overdue: z.enum(['true', 'false']).optional(),
    page: z.coerce.number().int().min(1).max(100000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

const moveBody = z
  .object({ stage: z.enum(INCUBATION_STAGES), reason: z.string().trim().max(2000).optional() })
  .strict();

const settingsBody = z.object({ assessmentBeforeHatching: z.boolean() }).strict();

const indexParams = z.object({ id: documentId, index: z.coerce.number().int().min(0).max(199) });

/** Parses or refuses with 400 naming each field (before any work is done). */
function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  throw new DomainError(
    parsed.error.issues.slice(0, 10).map((zi) => {
      const path = zi.path.join('.') || 'data';
      return issue('invalid_value', path, `${path}: ${zi.message}`, `${path}：取值不正确`);
    }),
  );
}

/**
 * Strapi's core incubation controller, plus the board and its actions. Each action parses its
 * input, makes one service call and shapes the answer; the rules live in the domain and the
 * cms document middleware.
 */
export default factories.createCoreController(
  CMS.incubation as never,
  ({ strapi }: { strapi: Core.Strapi }) => {
    const service = () =>
      strapi.plugin('cms').service('incubations') as ReturnType<typeof incubationsFactory>;
    const guarded = async (fn: () => Promise<unknown>) => {
      try {
        return await fn();
      } catch (error) {
        throw toHttpError(error);
      }
    };
    const id = (ctx: Context) => parse(z.object({ id: documentId }), ctx.params).id;
    /** The item an edit names (`/assessments/2`); none when a new one is recorded. */
    const index = (ctx: Context): number | undefined =>
      ctx.params.index === undefined ? undefined : parse(indexParams, ctx.params).index;

    return {
      /**
       * GET /api/cms/incubation-board — one page of one column: stage, q, hub, area, due (for
       * assessment), overdue (a milestone past its date)
       */
      async board(ctx: Context) {
        ctx.body = await guarded(async () => {
          const q = parse(boardQuery, ctx.query);
          return {
            data: await service().board({
              ...q,
              due: q.due === 'true',
              overdue: q.overdue === 'true',
            }),
          };
        });
      },

      /** POST /api/cms/incubations/:id/move — { stage, reason } (a reason ends an incubation) */
      async move(ctx: Context) {
        ctx.body = await guarded(async () => {
          const body = parse(moveBody, (ctx.request as { body?: unknown }).body);
          return { data: await service().move(id(ctx), body.stage, body.reason || undefined) };
        });
      },

      /** POST /api/cms/incubations/:id/assessments[/:index] — record or correct an assessment */
      async recordAssessment(ctx: Context) {
        ctx.body = await guarded(async () => {
          const body = (ctx.request as { body?: unknown }).body;
          return { data: await service().recordAssessment(id(ctx), body, index(ctx)) };
        });
      },

      /** POST /api/cms/incubations/:id/milestones[/:index] — record or update a milestone */
      async recordMilestone(ctx: Context) {
        ctx.body = await guarded(async () => {
          const body = (ctx.request as { body?: unknown }).body;
          return { data: await service().recordMilestone(id(ctx), body, index(ctx)) };
        });
      },

      /** GET /api/cms/incubation-settings — the rules an administrator may change */
      async settings(ctx: Context) {
        ctx.body = { data: await service().settings() };
      },

      /** PUT /api/cms/incubation-settings — { assessmentBeforeHatching } */
      async updateSettings(ctx: Context) {
        ctx.body = await guarded(async () => {
          const body = parse(settingsBody, (ctx.request as { body?: unknown }).body);
          return { data: await service().updateSettings(body) };
        });
      },
    };
  },
);
