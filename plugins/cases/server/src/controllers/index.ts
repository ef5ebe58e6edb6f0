import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import type { IncomingFile } from '../services/attachments';
import { casesKit } from '../services/kit';
import { cmsService, formsService, getService } from '../utils';

type Controllers = Record<string, (ctx: Context) => Promise<void>>;

const body = (ctx: Context): Record<string, unknown> => {
  const b = ctx.request.body;
  return b && typeof b === 'object' && !Array.isArray(b) ? (b as Record<string, unknown>) : {};
};
const userId = (ctx: Context): number => {
  const id = Number(ctx.state.user?.id);
  if (!Number.isSafeInteger(id) || id <= 0)
    throw new errors.ForbiddenError('Sign in first (请先登录)');
  return id;
};
const lang = (ctx: Context): 'zh' | 'en' => (ctx.query.lang === 'en' ? 'en' : 'zh');

/**
 * Case types and the calendar are the whole district's: only staff whose scope is the district
 * (or the admin panel, an API token) change them.
 */
async function districtWide(strapi: Core.Strapi): Promise<void> {
  const viewer = await cmsService(strapi, 'viewer').current();
  if (
    viewer.kind === 'public' ||
    (viewer.kind === 'scoped' && (viewer.scopePath ?? '').split('/').filter(Boolean).length !== 1)
  )
    throw new errors.ForbiddenError(
      'Only district-wide staff change case types and the calendar (只有全区工作人员可以修改事项类型和工作日历)',
    );
}

const queue = ({ strapi }: { strapi: Core.Strapi }): Controllers => ({
  async list(ctx) {
    ctx.body = await getService(strapi, 'cases').queue(ctx.query as Record<string, unknown>);
  },
  async mine(ctx) {
    ctx.body = { data: await getService(strapi, 'cases').mine() };
  },
});

const cases = ({ strapi }: { strapi: Core.Strapi }): Controllers => {
  const s = () => getService(strapi, 'cases');
  return {
    async show(ctx) {
      ctx.body = { data: await s().show(ctx.params.id) };
    },
    async create(ctx) {
      const b = body(ctx);
      const channel = b.channel === 'grid' || b.channel === 'proactive' ? b.channel : 'phone';
      const viewer = await cmsService(strapi, 'viewer').current();
      const who = await casesKit(strapi).who();
      const row = await s().intake(b, {
        channel,
        who,
        reporterUserId: channel === 'grid' && viewer.kind !== 'global' ? who.userId : null,
      });
      ctx.status = 201;
      ctx.body = { data: await s().show(row.documentId) };
    },
    async transition(ctx) {
      ctx.body = { data: await s().transition(ctx.params.id, body(ctx)) };
    },
    async press(ctx) {
      ctx.body = { data: await s().press(ctx.params.id, body(ctx)) };
    },
    async extension(ctx) {
      ctx.body = { data: await s().requestExtension(ctx.params.id, body(ctx)) };
    },
    async decideExtension(ctx) {
      ctx.body = { data: await s().decideExtension(ctx.params.id, body(ctx)) };
    },
    async merge(ctx) {
      ctx.body = { data: await s().merge(ctx.params.id, body(ctx)) };
    },
    async split(ctx) {
      ctx.body = { data: await s().split(ctx.params.id, body(ctx)) };
    },
    async comment(ctx) {
      ctx.body = { data: await s().comment(ctx.params.id, body(ctx)) };
    },
    async callback(ctx) {
      ctx.body = { data: await s().callback(ctx.params.id, body(ctx)) };
    },
    async whistle(ctx) {
      ctx.body = { data: await getService(strapi, 'whistles').whistle(ctx.params.id, body(ctx)) };
    },
  };
};

const whistles = ({ strapi }: { strapi: Core.Strapi }): Controllers => {
  const s = () => getService(strapi, 'whistles');
  return {
    async report(ctx) {
      ctx.body = { data: await s().report(ctx.params.id, body(ctx)) };
    },
    async act(ctx) {
      ctx.body = { data: await s().act(ctx.params.id, body(ctx)) };
    },
    async rate(ctx) {
      ctx.body = { data: await s().rate(ctx.params.id, body(ctx)) };
    },
  };
};

const types = ({ strapi }: { strapi: Core.Strapi }): Controllers => {
  const s = () => getService(strapi, 'types');
  return {
    async list(ctx) {
      ctx.body = { data: await s().list() };
    },
    async show(ctx) {
      ctx.body = { data: await s().show(ctx.params.key) };
    },
    async create(ctx) {
      await districtWide(strapi);
      ctx.status = 201;
      ctx.body = { data: await s().create(body(ctx)) };
    },
    async update(ctx) {
      await districtWide(strapi);
      ctx.body = { data: await s().update(ctx.params.key, body(ctx)) };
    },
    async check(ctx) {
      ctx.body = { data: s().check(body(ctx).definition) };
    },
    async publish(ctx) {
      await districtWide(strapi);
      ctx.body = { data: await s().publish(ctx.params.key) };
    },
  };
};

const calendar = ({ strapi }: { strapi: Core.Strapi }): Controllers => ({
  async list(ctx) {
    ctx.body = { data: await getService(strapi, 'calendar').list() };
  },
  async save(ctx) {
    await districtWide(strapi);
    ctx.body = { data: await getService(strapi, 'calendar').save(ctx.params.year, body(ctx)) };
  },
});

const reports = ({ strapi }: { strapi: Core.Strapi }): Controllers => ({
  async departments(ctx) {
    ctx.body = await getService(strapi, 'reports').departments(ctx.query.year);
  },
  async dashboard(ctx) {
    ctx.body = { data: await getService(strapi, 'reports').dashboard(ctx.query.weeks) };
  },
});

const inbox = ({ strapi }: { strapi: Core.Strapi }): Controllers => ({
  async list(ctx) {
    ctx.body = await getService(strapi, 'inbox').list(
      userId(ctx),
      ctx.query as Record<string, unknown>,
    );
  },
  async read(ctx) {
    await getService(strapi, 'inbox').read(userId(ctx), ctx.params.id);
    ctx.body = { data: { ok: true } };
  },
  async readAll(ctx) {
    ctx.body = { data: { read: await getService(strapi, 'inbox').readAll(userId(ctx)) } };
  },
});

const targets = ({ strapi }: { strapi: Core.Strapi }): Controllers => ({
  async list(ctx) {
    ctx.body = { data: await getService(strapi, 'cases').targets() };
  },
});

const attachments = ({ strapi }: { strapi: Core.Strapi }): Controllers => ({
  async upload(ctx) {
    const files = (
      ctx.request as unknown as { files?: Record<string, IncomingFile | IncomingFile[]> }
    ).files;
    const given = files?.files;
    const list = Array.isArray(given) ? given : given ? [given] : [];
    ctx.status = 201;
    ctx.body = {
      data: await getService(strapi, 'attachments').upload(userId(ctx), list, lang(ctx)),
    };
  },
});

/** The resident's receipt page: counted per client like the forms receipt (codes cannot be tried in bulk). */
const receipts = ({ strapi }: { strapi: Core.Strapi }): Controllers => {
  const guard = (ctx: Context, what: 'lookup' | 'answer') =>
    formsService(strapi, 'receipts').guard(ctx, what);
  return {
    async show(ctx) {
      await guard(ctx, 'lookup');
      ctx.body = { data: await getService(strapi, 'receipts').show(ctx.params.code) };
    },
    async rate(ctx) {
      await guard(ctx, 'answer');
      ctx.body = { data: await getService(strapi, 'receipts').rate(ctx.params.code, body(ctx)) };
    },
    async reopen(ctx) {
      await guard(ctx, 'answer');
      ctx.body = { data: await getService(strapi, 'receipts').reopen(ctx.params.code, body(ctx)) };
    },
  };
};

/** Every action answers its own 403s (Strapi would strip their field and Chinese). */
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
  Object.entries({
    queue,
    cases,
    whistles,
    types,
    calendar,
    reports,
    inbox,
    targets,
    attachments,
    receipts,
  }).map(([name, factory]) => [name, answering(factory)]),
);
