import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { consultationKit } from '../services/kit';
import { cmsService, formsService, getService } from '../utils';
import { scoresController as scores } from './scores';

type Controllers = Record<string, (ctx: Context) => Promise<void>>;

const body = (ctx: Context): Record<string, unknown> => {
  const b = ctx.request.body;
  return b && typeof b === 'object' && !Array.isArray(b) ? (b as Record<string, unknown>) : {};
};
const signedIn = (ctx: Context): number => {
  const id = Number(ctx.state.user?.id);
  if (!Number.isSafeInteger(id) || id <= 0)
    throw new errors.ForbiddenError('Sign in first (请先登录)');
  return id;
};
const lang = (ctx: Context): 'zh' | 'en' => (ctx.query.lang === 'en' ? 'en' : 'zh');

const topics = ({ strapi }: { strapi: Core.Strapi }): Controllers => {
  const s = () => getService(strapi, 'topics');
  return {
    async list(ctx) {
      ctx.body = await s().list(ctx.query as Record<string, unknown>);
    },
    async mine(ctx) {
      signedIn(ctx);
      ctx.body = { data: await s().mine() };
    },
    /** Staff and grid workers raise topics in their area; a signed-in resident in their home. */
    async create(ctx) {
      const user = signedIn(ctx);
      const who = await consultationKit(strapi).who();
      const b = body(ctx);
      if (!who.staff) {
        const person = await consultationKit(strapi).personOf(user);
        if (!person?.areaPath)
          throw new errors.ForbiddenError(
            'Register your household with the community first (请先在社区登记住户信息)',
          );
        const home = (await strapi.db.query('plugin::cms.area').findOne({
          where: { path: person.areaPath.split('/').slice(0, 4).join('/') + '/' },
          select: ['documentId'],
        })) as { documentId: string } | null;
        const row = await s().raise(
          { ...b, compound: undefined, area: b.area ?? home?.documentId },
          { source: 'resident', raisedByUserId: user, who: { ...who, name: person.name } },
        );
        ctx.status = 201;
        ctx.body = { data: await s().show(row.documentId) };
        return;
      }
      const row = await s().raise(b, {
        source: who.role === 'grid-worker' ? 'grid' : 'staff',
        who,
      });
      ctx.status = 201;
      ctx.body = { data: await s().show(row.documentId) };
    },
    async show(ctx) {
      ctx.body = { data: await s().show(ctx.params.id) };
    },
    async support(ctx) {
      signedIn(ctx);
      ctx.body = { data: await s().support(ctx.params.id) };
    },
    async comment(ctx) {
      signedIn(ctx);
      ctx.status = 201;
      ctx.body = { data: await s().comment(ctx.params.id, body(ctx)) };
    },
    async screen(ctx) {
      ctx.body = { data: await s().screen(ctx.params.id, body(ctx)) };
    },
    async rate(ctx) {
      signedIn(ctx);
      ctx.body = { data: await s().rate(ctx.params.id, body(ctx)) };
    },
    async close(ctx) {
      ctx.body = { data: await s().close(ctx.params.id, body(ctx)) };
    },
    async ranking(ctx) {
      ctx.body = { data: await s().ranking(ctx.query.area) };
    },
    async rank(ctx) {
      signedIn(ctx);
      ctx.body = { data: await s().rank(body(ctx)) };
    },
    async closeRanking(ctx) {
      ctx.body = { data: await s().closeRanking(body(ctx).area) };
    },
    async rankEntries(ctx) {
      ctx.body = { data: await s().rankEntries(ctx.query.area) };
    },
    async withdrawRanking(ctx) {
      ctx.body = { data: await s().withdrawRanking(body(ctx)) };
    },
  };
};

const meetings = ({ strapi }: { strapi: Core.Strapi }): Controllers => {
  const s = () => getService(strapi, 'decisions');
  return {
    async list(ctx) {
      ctx.body = await s().list(ctx.query as Record<string, unknown>);
    },
    async create(ctx) {
      const row = await s().create(body(ctx));
      ctx.status = 201;
      ctx.body = { data: await s().show(row.documentId) };
    },
    async show(ctx) {
      ctx.body = { data: await s().show(ctx.params.id) };
    },
    async update(ctx) {
      const row = await s().update(ctx.params.id, body(ctx));
      ctx.body = { data: await s().show(row.documentId) };
    },
    async decide(ctx) {
      ctx.status = 201;
      ctx.body = { data: await s().decide(ctx.params.id, body(ctx)) };
    },
  };
};

const decisions = ({ strapi }: { strapi: Core.Strapi }): Controllers => {
  const s = () => getService(strapi, 'decisions');
  return {
    async implement(ctx) {
      ctx.body = { data: await s().implement(ctx.params.id, body(ctx)) };
    },
    async taskDone(ctx) {
      ctx.body = { data: await s().taskDone(ctx.params.id, ctx.params.index) };
    },
    async complete(ctx) {
      ctx.body = { data: await s().complete(ctx.params.id, body(ctx)) };
    },
  };
};

/** A file as Strapi's body parser (formidable) hands it over. */
interface IncomingFile {
  filepath?: string;
  mimetype?: string | null;
  size: number;
}

const votes = ({ strapi }: { strapi: Core.Strapi }): Controllers => {
  const s = () => getService(strapi, 'votes');
  return {
    async rules(ctx) {
      ctx.body = { data: await s().rules() };
    },
    async saveRule(ctx) {
      const viewer = await cmsService(strapi, 'viewer').current();
      if (
        viewer.kind === 'scoped' &&
        (viewer.scopePath ?? '').split('/').filter(Boolean).length !== 1
      )
        throw new errors.ForbiddenError(
          'Only district-wide staff add vote rules (只有全区工作人员可以添加表决规则)',
        );
      ctx.status = 201;
      ctx.body = { data: await s().saveRule(body(ctx)) };
    },
    async list(ctx) {
      ctx.body = await s().list(ctx.query as Record<string, unknown>);
    },
    async mine(ctx) {
      signedIn(ctx);
      ctx.body = { data: await s().mine() };
    },
    async create(ctx) {
      ctx.status = 201;
      ctx.body = { data: await s().create(body(ctx)) };
    },
    async show(ctx) {
      ctx.body = { data: await s().show(ctx.params.id) };
    },
    async open(ctx) {
      ctx.body = { data: await s().open(ctx.params.id) };
    },
    async codes(ctx) {
      ctx.body = { data: await s().issueCodes(ctx.params.id, body(ctx)) };
    },
    async electors(ctx) {
      ctx.body = await s().electors(ctx.params.id, ctx.query as Record<string, unknown>);
    },
    async cast(ctx) {
      signedIn(ctx);
      ctx.body = { data: await s().cast(ctx.params.id, body(ctx)) };
    },
    /** A paper ballot, with the scan as `files.scan` (multipart) when there is one. */
    async paper(ctx) {
      const user = signedIn(ctx);
      const files = (
        ctx.request as unknown as { files?: Record<string, IncomingFile | IncomingFile[]> }
      ).files;
      const given = files?.scan;
      const scan = Array.isArray(given) ? given[0] : given;
      let scanId: number | null = null;
      if (scan) {
        await s().load(ctx.params.id);
        const kept = await formsService(strapi, 'receipts').keepChecked(
          scan,
          `consultation:${user}:`,
          lang(ctx),
        );
        scanId = Number(kept.id);
      }
      const b = body(ctx);
      let fields = b;
      if (typeof b.data === 'string')
        try {
          fields = JSON.parse(b.data) as Record<string, unknown>;
        } catch {
          throw new errors.ValidationError('data: not JSON (data：格式不正确)');
        }
      ctx.status = 201;
      ctx.body = { data: await s().paper(ctx.params.id, fields, scanId) };
    },
    async close(ctx) {
      ctx.body = { data: await s().close(ctx.params.id) };
    },
    async recount(ctx) {
      ctx.body = { data: await s().recount(ctx.params.id) };
    },
    /** The one-time code from the paper notice: no account, counted against the look-up allowance. */
    async castByCode(ctx) {
      await formsService(strapi, 'receipts').guard(ctx, 'answer');
      ctx.status = 201;
      ctx.body = { data: await s().castByCode(body(ctx)) };
    },
  };
};

const procedures = ({ strapi }: { strapi: Core.Strapi }): Controllers => ({
  async mine(ctx) {
    signedIn(ctx);
    ctx.body = { data: await getService(strapi, 'procedures').mine() };
  },
  async show(ctx) {
    ctx.body = { data: await getService(strapi, 'procedures').show(ctx.params.area) };
  },
  async save(ctx) {
    ctx.body = { data: await getService(strapi, 'procedures').save(ctx.params.area, body(ctx)) };
  },
});

const reports = ({ strapi }: { strapi: Core.Strapi }): Controllers => ({
  async solved(ctx) {
    ctx.body = {
      data: await getService(strapi, 'reports').solved(ctx.query as Record<string, unknown>),
    };
  },
});

/**
 * Every action answers its own 401/403 refusals (cms `errors.answering`): Strapi would strip
 * their field and Chinese otherwise.
 */
const answering =
  (factory: (deps: { strapi: Core.Strapi }) => Controllers) =>
  ({ strapi }: { strapi: Core.Strapi }): Controllers =>
    Object.fromEntries(
      Object.entries(factory({ strapi })).map(([name, action]) => [
        name,
        (ctx: Context) => cmsService(strapi, 'errors').answering(ctx, () => action(ctx)),
      ]),
    );

export default Object.fromEntries(
  Object.entries({ topics, meetings, decisions, votes, procedures, reports, scores }).map(
    ([name, factory]) => [name, answering(factory)],
  ),
);
