import type { Core } from '@strapi/strapi';
import { communityPath, DEFAULT_PROCEDURE, type ProcedureConfig } from '../domain/procedure';
import { CONSULTATION } from '../uids';
import { cmsService } from '../utils';
import { consultationKit, type ConsultationKit } from './kit';

type Row = Record<string, unknown>;

/**
 * Each community's procedure within the default (DEFAULT_PROCEDURE): whether it ranks topics
 * and who ranks, the supports a topic needs, the days of publicity and of evaluation.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const kit: ConsultationKit = consultationKit(strapi);
  const rows = () => strapi.db.query(CONSULTATION.procedure);

  async function communityOf(area: unknown) {
    const ref = typeof area === 'string' ? await cmsService(strapi, 'kit').area(area) : null;
    const path = communityPath(ref?.path);
    if (!ref || !path) return kit.refuse('area', 'required', 'choose a community', '请选择社区');
    return { ...ref, path };
  }

  return {
    async configFor(path: string | null): Promise<ProcedureConfig> {
      const community = communityPath(path);
      if (!community) return DEFAULT_PROCEDURE;
      const row = (await rows().findOne({
        where: { areaPath: community },
        select: ['config'],
      })) as {
        config: Partial<ProcedureConfig> | null;
      } | null;
      return { ...DEFAULT_PROCEDURE, ...(row?.config ?? {}) };
    },

    async show(area: unknown): Promise<Row> {
      const community = await communityOf(area);
      return {
        area: community.documentId,
        config: await this.configFor(community.path),
        defaults: DEFAULT_PROCEDURE,
      };
    },

    /** The signed-in resident's own community's procedure (whether and who ranks, the days). */
    async mine(): Promise<ProcedureConfig> {
      const who = await kit.who();
      const person = await kit.personOf(who.userId);
      return this.configFor(person?.areaPath ?? null);
    },

    async save(area: unknown, body: Row): Promise<Row> {
      const community = await communityOf(area);
      const who = await kit.who();
      if (!kit.covers(who, community.path))
        kit.forbidden('This community is outside your area (该社区不在您的辖区内)');
      const issues = [];
      const config: ProcedureConfig = { ...(await this.configFor(community.path)) };
      if (body.rank !== undefined) {
        if (typeof body.rank !== 'boolean')
          issues.push(kit.issue('rank', 'invalid_value', 'true or false', '须为是或否'));
        else config.rank = body.rank;
      }
      if (body.rankers !== undefined) {
        if (body.rankers !== 'residents' && body.rankers !== 'representatives')
          issues.push(
            kit.issue(
              'rankers',
              'invalid_value',
              'residents or representatives',
              '须为居民或居民代表',
            ),
          );
        else config.rankers = body.rankers;
      }
      const whole = (
        key: 'minSupport' | 'publicDays' | 'evaluationDays',
        min: number,
        max: number,
        zh: string,
      ) => {
        const v = body[key];
        if (v === undefined) return;
        if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
          issues.push(
            kit.issue(
              key,
              'invalid_value',
              `a whole number from ${min} to ${max}`,
              `${zh}须为 ${min} 至 ${max} 的整数`,
            ),
          );
        else config[key] = v;
      };
      // Publicity of at least five days: what the reference district's rules ask of 公示.
      whole('minSupport', 0, 10000, '附议人数');
      whole('publicDays', 5, 60, '公示天数');
      whole('evaluationDays', 1, 365, '评议天数');
      if (issues.length) throw kit.invalid(issues);
      const existing = (await rows().findOne({ where: { areaPath: community.path } })) as
        | (Row & { id: number })
        | null;
      const saved = existing
        ? await rows().update({ where: { id: existing.id }, data: { config } })
        : await rows().create({
            data: { documentId: kit.newDocumentId(), areaPath: community.path, config },
          });
      await kit.record(
        CONSULTATION.procedure,
        existing ? 'update' : 'create',
        existing,
        saved as object,
      );
      return { area: community.documentId, config, defaults: DEFAULT_PROCEDURE };
    },
  };
};
