import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

export const LOGIN_ATTEMPTS_TABLE = 'linli_login_attempts';

export interface LoginLimits {
  maxFailures: number;
  windowSeconds: number;
}

/**
 * The key an identifier is counted under. users-permissions finds an account by its email in
 * lower case or its username as typed; counting both spellings together is the stricter choice.
 * Hashed, so that the table never holds an email address or a username.
 */
export function accountKey(identifier: string): string {
  const digest = crypto.createHash('sha256').update(identifier.trim().toLowerCase()).digest('hex');
  return `account:${digest}`;
}

/** The fixed window `now` falls in, and the seconds until it ends. */
export function windowAt(
  nowSeconds: number,
  windowSeconds: number,
): { start: number; retryAfter: number } {
  const start = nowSeconds - (nowSeconds % windowSeconds);
  return { start, retryAfter: start + windowSeconds - nowSeconds };
}

/** Minutes, rounded up, for the refusal's message. */
const minutes = (seconds: number) => Math.max(1, Math.ceil(seconds / 60));

/**
 * Sign-in attempts per account, counted in the database (users-permissions' own limit is per
 * client address and in each process's memory). Every attempt is counted before the password is
 * checked, in one upsert, so concurrent guesses from several processes cannot slip past the
 * limit together; a successful sign-in clears the account's count.
 */
export function loginLimiter(strapi: Core.Strapi) {
  const limits = (): LoginLimits => {
    const config = strapi.config.get('accounts.login', {}) as Partial<LoginLimits>;
    return {
      maxFailures: Math.max(1, Number(config.maxFailures) || 10),
      windowSeconds: Math.max(1, Number(config.windowSeconds) || 900),
    };
  };

  return {
    limits,

    /**
     * Counts one attempt for `identifier`; throws a RateLimitError (429) once the account has had
     * its `maxFailures` attempts in the current window.
     */
    async attempt(identifier: string): Promise<void> {
      const { maxFailures, windowSeconds } = limits();
      const now = Math.floor(Date.now() / 1000);
      const { start, retryAfter } = windowAt(now, windowSeconds);
      const knex = strapi.db.connection;
      const result = await knex.raw(
        `INSERT INTO ${LOGIN_ATTEMPTS_TABLE} (bucket_key, window_start, hits) VALUES (?, ?, 1)
         ON CONFLICT (bucket_key) DO UPDATE SET hits = ${LOGIN_ATTEMPTS_TABLE}.hits + 1
         RETURNING hits`,
        [`${accountKey(identifier)}:${start}`, start],
      );
      const rows = Array.isArray(result) ? result : result.rows;
      const hits = Number(rows?.[0]?.hits ?? 1);
      if (hits === 1) {
        // The first attempt of a window sweeps the windows that have ended.
        await knex(LOGIN_ATTEMPTS_TABLE)
          .where('window_start', '<', now - windowSeconds)
          .delete();
      }
      if (hits > maxFailures) {
        throw new errors.RateLimitError(
          `Too many failed sign-ins for this account; try again in ${minutes(retryAfter)} minutes`,
          {
            messageZh: `该账号登录失败次数过多，请 ${minutes(retryAfter)} 分钟后再试`,
            retryAfter,
          },
        );
      }
    },

    /** A successful sign-in: the account starts afresh. */
    async succeeded(identifier: string): Promise<void> {
      await strapi.db
        .connection(LOGIN_ATTEMPTS_TABLE)
        .where('bucket_key', 'like', `${accountKey(identifier)}:%`)
        .delete();
    },
  };
}
