import type { Core } from '@strapi/strapi';
import type { StatsView } from '../shared/contracts/time-bank';
import { cmsService } from '../utils';
import { n, type Doc } from './shared';

/** GET /dashboard/queue: what waits for staff in their area. */
export interface TimeBankQueue {
  servicesToConfirm: number;
  disputes: number;
  redemptionsToFulfil: number;
  activitiesToCredit: number;
}

/**
 * Figures for the console and the grants award page: confirmed minutes by month and category
 * (services and credited activities), active volunteers, top teams, unmet requests, the queue —
 * all within the viewer's area (the kit's scope path; none for global viewers).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const time = () => cmsService(strapi, 'chinaTime');
  const knex = () => strapi.db.connection;
  const within = (q: ReturnType<ReturnType<typeof knex>>, column: string, prefix: string | null) =>
    prefix ? q.where(column, 'like', `${prefix.replace(/[%_\\]/g, (c) => `\\${c}`)}%`) : q;

  return {
    async totals(prefix: string | null, months = 12): Promise<StatsView> {
      const since = new Date(Date.now() - months * 31 * 86400_000);
      const services = await within(
        knex()('time_bank_services as s')
          .leftJoin('time_bank_services_category_lnk as l', 'l.service_id', 's.id')
          .leftJoin('time_bank_categories as c', 'c.id', 'l.category_id')
          .where('s.state', 'confirmed')
          .andWhere('s.confirmed_at', '>=', since),
        's.area_path',
        prefix,
      ).select(
        's.confirmed_at as at',
        's.credited_minutes as minutes',
        'c.code',
        'c.name_zh',
        'c.name_en',
      );
      const activities = await within(
        knex()('time_bank_activities as a')
          .leftJoin('time_bank_activities_category_lnk as l', 'l.activity_id', 'a.id')
          .leftJoin('time_bank_categories as c', 'c.id', 'l.category_id')
          .where('a.status', 'credited')
          .andWhere('a.ends_at', '>=', since),
        'a.area_path',
        prefix,
      ).select(
        'a.ends_at as at',
        'a.credited_minutes as minutes',
        'c.code',
        'c.name_zh',
        'c.name_en',
      );
      const byMonth = new Map<string, StatsView['byMonth'][number]>();
      const byCategory = new Map<string, StatsView['byCategory'][number]>();
      const add = (rows: Doc[], kind: 'services' | 'activities') => {
        for (const r of rows) {
          const month = time()
            .chinaDate(new Date(r.at as string))
            .slice(0, 7);
          const m = byMonth.get(month) ?? { month, minutes: 0, services: 0, activities: 0 };
          m.minutes += n(r.minutes);
          m[kind] += 1;
          byMonth.set(month, m);
          const code = (r.code as string) ?? 'other';
          const c = byCategory.get(code) ?? {
            code,
            nameZh: (r.name_zh as string) ?? '其他',
            nameEn: (r.name_en as string) ?? 'Other',
            minutes: 0,
          };
          c.minutes += n(r.minutes);
          byCategory.set(code, c);
        }
      };
      add(services as Doc[], 'services');
      add(activities as Doc[], 'activities');
      const volunteers = await within(
        knex()('time_bank_members')
          .where({ status: 'active', kind: 'person' })
          .andWhere('earned_minutes', '>', 0),
        'area_path',
        prefix,
      ).count({ c: '*' });
      const teams = await within(
        knex()('time_bank_members as t')
          .join('time_bank_members_teams_lnk as l', 'l.inv_member_id', 't.id')
          .join('time_bank_members as m', 'm.id', 'l.member_id')
          .where('t.kind', 'team'),
        't.area_path',
        prefix,
      )
        .groupBy('t.id', 't.document_id', 't.name')
        .select('t.document_id', 't.name')
        .sum({ minutes: 'm.earned_minutes' })
        .orderBy('minutes', 'desc')
        .limit(10);
      const unmet = await within(
        knex()('time_bank_requests')
          .where('side', 'need')
          .whereIn('status', ['open', 'full'])
          .andWhere('window_end', '<', new Date())
          .andWhereRaw('taken < volunteers_needed'),
        'area_path',
        prefix,
      ).count({ c: '*' });
      return {
        byMonth: [...byMonth.values()].sort((a, b) => a.month.localeCompare(b.month)),
        byCategory: [...byCategory.values()].sort((a, b) => b.minutes - a.minutes),
        activeVolunteers: n((volunteers as unknown as Doc[])[0]?.c),
        topTeams: (teams as Doc[]).map((t) => ({
          documentId: t.document_id as string,
          name: t.name as string,
          minutes: n(t.minutes),
        })),
        unmetPastWindow: n((unmet as unknown as Doc[])[0]?.c),
      };
    },

    /** The confirmed volunteer hours given to a micro-venture project (a grants award). */
    async awardHours(award: string) {
      const services = await knex()('time_bank_services')
        .where({ award_document_id: award, state: 'confirmed' })
        .count({ c: '*' })
        .sum({ minutes: 'credited_minutes' });
      const activities = await knex()('time_bank_activities')
        .where({ award_document_id: award, status: 'credited' })
        .count({ c: '*' })
        .sum({ minutes: 'credited_minutes' });
      const s = services[0] as Doc;
      const a = activities[0] as Doc;
      return {
        minutes: n(s.minutes) + n(a.minutes),
        services: n(s.c),
        activities: n(a.c),
      };
    },

    async queue(prefix: string | null): Promise<TimeBankQueue> {
      const count = async (
        table: string,
        where: Record<string, unknown>,
        extra?: (q: ReturnType<ReturnType<typeof knex>>) => void,
      ) => {
        const q = within(knex()(table).where(where), 'area_path', prefix);
        extra?.(q);
        return n(((await q.count({ c: '*' })) as unknown as Doc[])[0]?.c);
      };
      return {
        servicesToConfirm: await count('time_bank_services', { state: 'checked_out' }),
        disputes: await count('time_bank_services', { state: 'disputed' }),
        redemptionsToFulfil: await count('time_bank_redemptions', { status: 'reserved' }),
        activitiesToCredit: await count('time_bank_activities', { status: 'open' }, (q) =>
          q
            .andWhere('ends_at', '<', new Date())
            .whereExists(
              knex()('time_bank_participations_activity_lnk as l')
                .join('time_bank_participations as p', 'p.id', 'l.participation_id')
                .whereRaw('l.activity_id = time_bank_activities.id')
                .andWhere('p.status', 'checked_out')
                .select(knex().raw('1')),
            ),
        ),
      };
    },
  };
};
