import type { Core } from '@strapi/strapi';
import {
  DEFAULT_POLICY,
  parsePolicy,
  policyInForce,
  versionIssues,
  type Policy,
  type PolicyVersion,
} from '../domain/policy';
import { TB } from '../uids';
import { cmsService } from '../utils';
import { fromDomain, invalid, tbKit } from './shared';

/** The categories a new time bank starts with (养老, 托幼, 助残 …), after the reference practice. */
const DEFAULT_CATEGORIES: [string, string, string][] = [
  ['eldercare', '养老助老', 'Elder care'],
  ['childcare', '托幼助学', 'Child care'],
  ['disability', '助残扶弱', 'Disability support'],
  ['party', '党群活动', 'Party and community activities'],
  ['repair', '维修服务', 'Repairs'],
  ['escort', '就医陪诊', 'Hospital escort'],
  ['shopping', '代购代办', 'Errands'],
  ['environment', '环境美化', 'Neighbourhood upkeep'],
];

/**
 * The time bank's policy, versioned: a version applies from its China day on, and a service runs
 * on the version in force on the day it was accepted (its `policyVersion`), so publishing new
 * rates never changes what an accepted service pays. Versions are only added, never edited.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const kit = tbKit(strapi);
  const time = () => cmsService(strapi, 'chinaTime');

  /** Every version, oldest first, with who published it and why. */
  async function versions(): Promise<
    (PolicyVersion & { note: string | null; author: string | null })[]
  > {
    const rows = await strapi.db.query(TB.policyVersion).findMany({
      orderBy: { version: 'asc' },
      select: ['version', 'effectiveFrom', 'policy', 'note', 'author'],
    });
    return rows.map(
      (r: {
        version: number;
        effectiveFrom: string;
        policy: unknown;
        note: string | null;
        author: string | null;
      }) => ({
        version: r.version,
        effectiveFrom: String(r.effectiveFrom).slice(0, 10),
        // Stored versions were checked when published; parse fills keys added to the policy since.
        policy: parsePolicy(r.policy),
        note: r.note ?? null,
        author: r.author ?? null,
      }),
    );
  }

  return {
    versions,

    /**
     * The first version (the defaults) and the usual categories, the first time the time bank
     * starts: administrators change both in the console afterwards.
     */
    async ensureDefault(): Promise<void> {
      if (!(await strapi.db.query(TB.category).findOne({ select: ['id'] })))
        await strapi.db.query(TB.category).createMany({
          data: DEFAULT_CATEGORIES.map(([code, nameZh, nameEn], sort) => ({
            code,
            nameZh,
            nameEn,
            sort,
            active: true,
          })),
        });
      const any = await strapi.db.query(TB.policyVersion).findOne({ select: ['id'] });
      if (any) return;
      await strapi.db.query(TB.policyVersion).create({
        data: {
          version: 1,
          effectiveFrom: '2020-01-01',
          policy: DEFAULT_POLICY,
          note: '默认规则 Default policy',
          author: 'system',
        },
      });
    },

    /** The version in force on a China day (today by default). */
    async inForce(day: string = time().todayInChina()): Promise<PolicyVersion> {
      const all = await versions();
      return (
        policyInForce(all, day) ?? {
          version: 1,
          effectiveFrom: '2020-01-01',
          policy: DEFAULT_POLICY,
        }
      );
    },

    /** A version by number (a service's); the defaults if it is somehow gone. */
    async version(version: number): Promise<Policy> {
      const all = await versions();
      return all.find((v) => v.version === version)?.policy ?? DEFAULT_POLICY;
    },

    /** Checks a new version without storing it: the issues, or the policy as it would be. */
    async preview(input: { effectiveFrom?: unknown; policy?: unknown }) {
      const all = await versions();
      const issues = versionIssues(all, input.effectiveFrom, time().todayInChina());
      try {
        const policy = parsePolicy(input.policy);
        return { issues, policy };
      } catch (error) {
        const e = fromDomain(strapi, error);
        if (e === error) throw error;
        const domainIssues = (error as { issues: typeof issues }).issues;
        return { issues: [...issues, ...domainIssues], policy: null };
      }
    },

    /** Adds a version from a future (or today's) day; the older ones stay as they were. */
    async publish(input: { effectiveFrom?: unknown; policy?: unknown; note?: unknown }) {
      const { issues, policy } = await this.preview(input);
      if (issues.length || !policy) throw invalid(strapi, issues);
      return strapi.db.transaction(async () => {
        const last = await strapi.db
          .query(TB.policyVersion)
          .findOne({ orderBy: { version: 'desc' }, select: ['version'] });
        const row = await kit.create(TB.policyVersion, {
          version: (last?.version ?? 0) + 1,
          effectiveFrom: input.effectiveFrom,
          policy,
          note: typeof input.note === 'string' ? input.note.slice(0, 500) : null,
          author: kit.actorName(),
        });
        await kit.record(TB.policyVersion, 'create', null, row);
        return row;
      });
    },
  };
};
