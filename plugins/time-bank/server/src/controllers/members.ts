import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { TB } from '../uids';
import type { CellKind } from '../../../../forms/server/src/shared/contracts/services';
import { formsService } from '../utils';
import { controllerKit } from './actions';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Members, balances, passbooks (on screen, CSV, XLSX), teams, family links, gifts, pool issues. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const c = controllerKit(strapi);
  const members = c.services.members;
  return {
    async join(ctx: Context) {
      ctx.body = { data: members().memberView(await members().join(c.body(ctx))) };
    },
    async balance(ctx: Context) {
      const m = await c.kit.load(TB.member, c.id(ctx));
      ctx.body = { data: await members().balance(m) };
    },
    async passbook(ctx: Context) {
      const m = await c.kit.load(TB.member, c.id(ctx), { area: true });
      ctx.body = {
        data: await members().passbook(
          m,
          Number(ctx.query.before) || 0,
          Number(ctx.query.limit) || 50,
        ),
      };
    },
    /** The whole passbook as a file (oldest first, as a printed passbook reads). */
    async passbookFile(ctx: Context) {
      const format = String(ctx.params.format);
      if (format !== 'csv' && format !== 'xlsx') {
        ctx.status = 404;
        return;
      }
      const m = await c.kit.load(TB.member, c.id(ctx), { area: true });
      const lines = [];
      let before = 0;
      for (let page = 0; page < 200; page++) {
        const p = await members().passbook(m, before, 500);
        lines.push(...p.lines);
        if (p.next === null) break;
        before = Number(p.next);
      }
      lines.reverse();
      const table = {
        name: '时间存折',
        header: [
          '时间 When',
          '摘要 What',
          '存入（分钟）In (min)',
          '支取（分钟）Out (min)',
          '余额（分钟）Balance (min)',
        ],
        kinds: ['datetime', 'text', 'integer', 'integer', 'integer'] as CellKind[],
        rows: lines.map((l) => [
          l.at,
          `${l.description.zh} ${l.description.en}`,
          l.minutes > 0 ? l.minutes : null,
          l.minutes < 0 ? -l.minutes : null,
          l.balanceAfter,
        ]),
      };
      const tables = formsService(strapi, 'tables');
      const file = `passbook-${m.passbookNo}.${format}`;
      ctx.set('Content-Disposition', `attachment; filename="${file}"`);
      if (format === 'csv') {
        ctx.type = 'text/csv; charset=utf-8';
        ctx.body = tables.csv(table);
      } else {
        ctx.type = XLSX_TYPE;
        ctx.body = await tables.xlsx(table);
      }
    },
    async addTeamMember(ctx: Context) {
      const b = c.body(ctx);
      ctx.body = {
        data: members().memberView(await members().addTeamMember(c.id(ctx), b.member, b.leader)),
      };
    },
    async leave(ctx: Context) {
      ctx.body = { data: members().memberView(await members().leave(c.id(ctx))) };
    },
    async issue(ctx: Context) {
      ctx.body = { data: await members().issue(c.id(ctx), c.body(ctx)) };
    },
    async link(ctx: Context) {
      const row = await members().link(c.body(ctx));
      ctx.body = {
        data: { documentId: row.documentId, relation: row.relation, status: row.status },
      };
    },
    async unlink(ctx: Context) {
      const row = await members().unlink(c.id(ctx));
      ctx.body = { data: { documentId: row.documentId, status: row.status } };
    },
    /** A member gives their own minutes; staff may give from a member they reach (`from`). */
    async give(ctx: Context) {
      const b = c.body(ctx);
      const actor = await c.actor(ctx);
      const giver = actor.staff && b.from ? await c.kit.load(TB.member, b.from) : await c.own(ctx);
      const gift = await members().give(giver, b);
      ctx.body = { data: { documentId: gift.documentId, kind: gift.kind, minutes: gift.minutes } };
    },
  };
};
