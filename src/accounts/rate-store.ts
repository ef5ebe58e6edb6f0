import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import { Stores } from 'koa2-ratelimit';
import { LOGIN_ATTEMPTS_TABLE, windowAt } from './login-limit';

/** What koa2-ratelimit passes a store (users-permissions' `ratelimit` config, in milliseconds). */
interface LimitOptions {
  interval: number;
}

/** Rows older than this are swept (an hour: longer than any window counted here). */
const SWEEP_AFTER_SECONDS = 3600;

/**
 * users-permissions' limit on its auth routes (sign-in, registration, password reset: `max`
 * requests per `interval` from one address and route, ten a minute by default) counted in the
 * database instead of each process's memory, so that N processes do not allow N times as many
 * (issue 15). koa2-ratelimit, which the plugin uses, takes its store from the plugin's
 * `ratelimit` config (config/plugins.ts). Counted in fixed windows in the sign-in attempts table,
 * one upsert per request; the key (route and address) is kept only as a hash.
 */
export class DatabaseRateStore extends Stores.Store {
  constructor(private readonly app: () => Core.Strapi | undefined) {
    super();
  }

  private bucket(key: string, options: LimitOptions) {
    const windowSeconds = Math.max(1, Math.round(options.interval / 1000));
    const now = Math.floor(Date.now() / 1000);
    const { start } = windowAt(now, windowSeconds);
    const digest = crypto.createHash('sha256').update(key).digest('hex');
    return { now, start, windowSeconds, bucketKey: `address:${digest}:${start}` };
  }

  async incr(
    key: string,
    options: LimitOptions,
    weight: number,
  ): Promise<{ counter: number; dateEnd: number }> {
    const { now, start, windowSeconds, bucketKey } = this.bucket(key, options);
    const strapi = this.app();
    if (!strapi) throw new Error('The rate limit store was used before Strapi started');
    const knex = strapi.db.connection;
    const result = await knex.raw(
      `INSERT INTO ${LOGIN_ATTEMPTS_TABLE} (bucket_key, window_start, hits) VALUES (?, ?, ?)
       ON CONFLICT (bucket_key) DO UPDATE SET hits = ${LOGIN_ATTEMPTS_TABLE}.hits + ?
       RETURNING hits`,
      [bucketKey, start, weight, weight],
    );
    const rows = Array.isArray(result) ? result : result.rows;
    const counter = Number(rows?.[0]?.hits ?? weight);
    if (counter === weight) {
      // The first request of a window sweeps the windows long over.
      await knex(LOGIN_ATTEMPTS_TABLE)
        .where('window_start', '<', now - SWEEP_AFTER_SECONDS)
        .delete();
    }
    return { counter, dateEnd: (start + windowSeconds) * 1000 };
  }

  async decrement(key: string, options: LimitOptions, weight: number): Promise<void> {
    const strapi = this.app();
    if (!strapi) return;
    await strapi.db
      .connection(LOGIN_ATTEMPTS_TABLE)
      .where('bucket_key', this.bucket(key, options).bucketKey)
      .decrement('hits', weight);
  }

  /** koa2-ratelimit's record of a refusal: the refusal itself (429) is what matters here. */
  saveAbuse(): void {}
}
