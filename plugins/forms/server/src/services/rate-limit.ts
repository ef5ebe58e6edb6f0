import type { Core } from '@strapi/strapi';

/**
 * A fixed-window counter per client and form, kept in the database (table forms_rate_limits,
 * made by a migration) so that several Strapi processes behind a load balancer share it.
 * One upsert per attempt: `INSERT … ON CONFLICT DO UPDATE … RETURNING hits`.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  limits(): { max: number; windowSeconds: number } {
    const config = strapi.plugin('forms').config('rateLimit') as
      | { max?: number; windowSeconds?: number }
      | undefined;
    return { max: config?.max ?? 20, windowSeconds: config?.windowSeconds ?? 600 };
  },

  /** Counts one attempt; allowed while the client is within `factor` × the limit. */
  async hit(bucket: string, factor = 1): Promise<{ allowed: boolean; retryAfter: number }> {
    const { windowSeconds } = this.limits();
    const max = this.limits().max * factor;
    const now = Math.floor(Date.now() / 1000);
    const windowStart = now - (now % windowSeconds);
    const key = `${bucket}:${windowStart}`.slice(0, 190);
    const knex = strapi.db.connection;
    const result = await knex.raw(
      `INSERT INTO forms_rate_limits (bucket_key, window_start, hits) VALUES (?, ?, 1)
       ON CONFLICT (bucket_key) DO UPDATE SET hits = forms_rate_limits.hits + 1
       RETURNING hits`,
      [key, windowStart],
    );
    const rows = Array.isArray(result) ? result : result.rows;
    const hits = Number(rows?.[0]?.hits ?? 1);
    if (hits === 1) {
      // The first hit of a window sweeps windows that ended a day ago.
      await knex('forms_rate_limits')
        .where('window_start', '<', now - 86400)
        .delete();
    }
    return { allowed: hits <= max, retryAfter: windowStart + windowSeconds - now };
  },
});
