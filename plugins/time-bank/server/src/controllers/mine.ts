import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { MeView } from '../shared/contracts/time-bank';
import type { Doc } from '../services/shared';
import { TB } from '../uids';
import { controllerKit } from './actions';

/** The signed-in resident's or volunteer's own time bank, for the phone pages. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const c = controllerKit(strapi);
  const members = c.services.members;
  return {
    async me(ctx: Context) {
      const member = await c.kit.memberOfUser(ctx.state.user?.id);
      const categories = (
        await strapi.db
          .query(TB.category)
          .findMany({ where: { active: true }, orderBy: { sort: 'asc' } })
      ).map((k: { code: string; nameZh: string; nameEn: string }) => ({
        code: k.code,
        nameZh: k.nameZh,
        nameEn: k.nameEn,
      }));
      const view: MeView = {
        member: null,
        balance: null,
        family: [],
        pools: [],
        communities: [],
        categories,
      };
      if (member) {
        view.member = members().memberView(member);
        // The pools one may donate hours to: those of one's own community and the places above it.
        const pools: Doc[] = await strapi.db.query(TB.member).findMany({
          where: { kind: 'pool', status: 'active' },
          populate: { area: true },
        });
        view.pools = pools
          .filter(
            (p) => p.areaPath && String(member.areaPath ?? '').startsWith(p.areaPath as string),
          )
          .map((p) => members().memberView(p)!);
        view.balance = await members().balance(member);
        const links = await strapi.db.query(TB.familyLink).findMany({
          where: {
            status: 'active',
            $or: [{ member: { id: member.id } }, { relative: { id: member.id } }],
          },
          populate: {
            member: { populate: { area: true } },
            relative: { populate: { area: true } },
          },
        });
        view.family = links.map(
          (l: {
            documentId: string;
            relation: string;
            status: string;
            member: { id: number };
            relative: { id: number };
          }) => ({
            documentId: l.documentId,
            // The relation as it stands from the viewer's side (a registered parent sees a child).
            relation: l.member.id === member.id ? l.relation : inverseRelation(l.relation),
            status: l.status,
            // The other side of the link, whichever side the member is on.
            relative: members().memberView(
              (l.member.id === member.id ? l.relative : l.member) as never,
            )!,
          }),
        );
      } else {
        const areas = await strapi.db.query('plugin::cms.area').findMany({
          where: { level: { $in: ['community', 'village'] } },
          select: ['documentId', 'name'],
          orderBy: { name: 'asc' },
          limit: 1000,
        });
        view.communities = areas.map((a: { documentId: string; name: string }) => ({
          documentId: a.documentId,
          name: a.name,
        }));
      }
      ctx.body = { data: view };
    },
    async join(ctx: Context) {
      const b = c.body(ctx);
      const user = ctx.state.user as { id: number; username: string };
      const member = await members().join(
        {
          kind: 'person',
          name: typeof b.name === 'string' && b.name.trim() ? b.name : user.username,
          area: b.area,
          microGrid: b.microGrid,
          categories: b.categories,
        },
        { user: user.id },
      );
      ctx.body = { data: members().memberView(member) };
    },
    async passbook(ctx: Context) {
      const member = await c.own(ctx);
      ctx.body = {
        data: await members().passbook(
          member,
          Number(ctx.query.before) || 0,
          Number(ctx.query.limit) || 50,
        ),
      };
    },
    /** The requests and offers I posted that are still live, newest first. */
    async requests(ctx: Context) {
      const member = await c.own(ctx);
      const rows: Doc[] = await strapi.db.query(TB.request).findMany({
        where: { member: { id: member.id }, status: { $in: ['open', 'full'] } },
        populate: { category: true, member: { populate: { area: true } } },
        orderBy: { windowStart: 'desc' },
        limit: 100,
      });
      ctx.body = { data: rows.map((r) => c.services.exchange().requestView(r)) };
    },
    /** Activities open near me (my subdistrict), not yet over, with whether I am signed up. */
    async activities(ctx: Context) {
      const member = await c.own(ctx);
      const parts = String(member.areaPath ?? '')
        .split('/')
        .filter(Boolean);
      const within =
        parts.length >= 2
          ? `/${parts.slice(0, 2).join('/')}/`
          : ((member.areaPath as string) ?? '/');
      const rows: Doc[] = await strapi.db.query(TB.activity).findMany({
        where: { status: 'open', endsAt: { $gt: new Date() }, areaPath: { $startsWith: within } },
        populate: { category: true, area: { select: ['name'] } },
        orderBy: { startsAt: 'asc' },
        limit: 50,
      });
      const mine: Doc[] = rows.length
        ? await strapi.db.query(TB.participation).findMany({
            where: { member: { id: member.id }, activity: { id: { $in: rows.map((r) => r.id) } } },
            select: ['id', 'status'],
            populate: { activity: { select: ['id'] } },
          })
        : [];
      const statusOf = new Map(
        mine.map((p) => [(p.activity as Doc | null)?.id, p.status as string]),
      );
      const counts: number[] = [];
      for (const r of rows)
        counts.push(
          await strapi.db.query(TB.participation).count({ where: { activity: { id: r.id } } }),
        );
      ctx.body = {
        data: rows.map((r, i) => {
          const cat = r.category as Doc | null;
          return {
            documentId: r.documentId,
            title: r.title,
            description: r.description ?? null,
            place: r.place ?? null,
            community: (r.area as Doc | null)?.name ?? null,
            category: cat ? { code: cat.code, nameZh: cat.nameZh, nameEn: cat.nameEn } : null,
            startsAt: new Date(r.startsAt as string).toISOString(),
            endsAt: new Date(r.endsAt as string).toISOString(),
            capacity: r.capacity ?? null,
            signedUp: counts[i],
            myStatus: statusOf.get(r.id) ?? null,
          };
        }),
      };
    },
    async nearby(ctx: Context) {
      ctx.body = { data: await c.services.exchange().nearby(await c.own(ctx)) };
    },
    async services(ctx: Context) {
      ctx.body = { data: await c.services.exchange().mine(await c.own(ctx)) };
    },
    /** The catalogue offered where the member lives (their community's and the district's), and their redemptions. */
    async catalogue(ctx: Context) {
      const member = await c.own(ctx);
      const path = (member.areaPath as string) ?? '';
      const items = (
        await strapi.db
          .query(TB.catalogueItem)
          .findMany({ where: { active: true }, orderBy: { priceMinutes: 'asc' }, limit: 500 })
      ).filter((i: { areaPath: string | null }) => !i.areaPath || path.startsWith(i.areaPath));
      const redemptions = await strapi.db.query(TB.redemption).findMany({
        where: { member: { id: member.id } },
        populate: { item: true, member: true },
        orderBy: { id: 'desc' },
        limit: 50,
      });
      ctx.body = {
        data: {
          items: items.map((i: Record<string, unknown>) => ({
            documentId: i.documentId,
            nameZh: i.nameZh,
            nameEn: i.nameEn,
            kind: i.kind,
            description: i.description,
            priceMinutes: i.priceMinutes,
            stock: i.stock,
          })),
          redemptions: redemptions.map((r: Doc) => c.services.redemptions().redemptionView(r)),
        },
      };
    },
    async checkin(ctx: Context) {
      ctx.body = {
        data: await c.services.activities().checkin(c.body(ctx).code, await c.own(ctx)),
      };
    },
  };
};

/** A relation read from the other side of a family link. */
function inverseRelation(relation: string): string {
  const inverse: Record<string, string> = {
    parent: 'child',
    child: 'parent',
    grandparent: 'grandchild',
    grandchild: 'grandparent',
  };
  return inverse[relation] ?? relation;
}
