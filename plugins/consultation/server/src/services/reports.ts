import type { Core } from '@strapi/strapi';
import { TOPIC_KINDS, TOPIC_KIND_LABELS } from '../domain/procedure';
import { consultationKit, type ConsultationKit } from './kit';

type Row = Record<string, unknown>;

/**
 * Problems solved through consultation (topics whose decision was implemented), by kind
 * (parking, lift installation, greening …) and by community: the district's "170+".
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const kit: ConsultationKit = consultationKit(strapi);
  return {
    async solved(query: Row): Promise<Row> {
      const who = await kit.who();
      if (!who.global && (!who.staff || who.scopePath === null))
        return kit.forbidden('Staff only (仅限工作人员)');
      const year = Number(query.year);
      const base = strapi.db.connection('consultation_topics as t').where('t.solved', true);
      if (!who.global) base.where('t.area_path', 'like', `${who.scopePath}%`);
      if (Number.isInteger(year) && year > 2000 && year < 2100)
        base
          .where('t.solved_at', '>=', new Date(Date.UTC(year - 1, 11, 31, 16)))
          .where('t.solved_at', '<', new Date(Date.UTC(year, 11, 31, 16)));
      const byKind = (await base
        .clone()
        .select('t.kind as kind')
        .count({ n: '*' })
        .groupBy('t.kind')) as {
        kind: string;
        n: number | string;
      }[];
      const byCommunity = (await base
        .clone()
        .join('cms_areas as a', 'a.id', 't.community_id')
        .select('a.document_id as area', 'a.name as name', 't.kind as kind')
        .count({ n: '*' })
        .groupBy('a.document_id', 'a.name', 't.kind')) as {
        area: string;
        name: string;
        kind: string;
        n: number | string;
      }[];
      const communities = new Map<
        string,
        { area: string; name: string; total: number; byKind: Record<string, number> }
      >();
      for (const r of byCommunity) {
        const c = communities.get(r.area) ?? { area: r.area, name: r.name, total: 0, byKind: {} };
        c.total += Number(r.n);
        c.byKind[r.kind] = Number(r.n);
        communities.set(r.area, c);
      }
      const kinds = TOPIC_KINDS.map((kind) => ({
        kind,
        label: TOPIC_KIND_LABELS[kind],
        solved: Number(byKind.find((k) => k.kind === kind)?.n ?? 0),
      }));
      return {
        total: kinds.reduce((s, k) => s + k.solved, 0),
        byKind: kinds,
        byCommunity: [...communities.values()].sort((a, b) => b.total - a.total),
      };
    },
  };
};
