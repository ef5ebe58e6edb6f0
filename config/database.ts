import path from 'path';

type Env = {
  (key: string, fallback?: string): string;
  int(key: string, fallback?: number): number;
  bool(key: string, fallback?: boolean): boolean;
};

/**
 * SQLite (better-sqlite3) is the embedded default so `npm start` needs nothing installed;
 * DATABASE_URL=postgres://… switches to PostgreSQL through `pg`.
 */
export default ({ env }: { env: Env }) => {
  const url = env('DATABASE_URL', '');
  if (url.startsWith('postgres')) {
    return {
      connection: {
        client: 'postgres',
        connection: {
          connectionString: url,
          ssl: env.bool('DATABASE_SSL', false) ? { rejectUnauthorized: false } : false,
        },
        pool: { min: env.int('DATABASE_POOL_MIN', 0), max: env.int('DATABASE_POOL_MAX', 10) },
        acquireConnectionTimeout: env.int('DATABASE_CONNECTION_TIMEOUT', 60000),
        // Errors carry the SQL with placeholders, not the bound values: personal data (phone and
        // ID numbers) must never reach a log.
        compileSqlOnError: false,
      },
    };
  }
  // Compiled config lives in dist/config, so the default file is resolved from the app root.
  const appRoot = path.resolve(__dirname, '..', '..');
  return {
    connection: {
      client: 'sqlite',
      connection: {
        filename: path.resolve(appRoot, env('DATABASE_FILENAME', path.join('data', 'linli.db'))),
      },
      useNullAsDefault: true,
      compileSqlOnError: false,
      pool: {
        /**
         * LIKE compares case-sensitively, as PostgreSQL's does: only then can SQLite answer a
         * scope's `area_path LIKE '/510114/…%'` from the path's index as a range instead of
         * reading every row (issue 15: a community worker's count over a city's 361,275 people
         * went from 18 ms to under 0.1 ms). Strapi's case-insensitive filters ($containsi,
         * $startsWithi) compare LOWER() on both sides and are unaffected.
         */
        afterCreate(
          conn: { pragma(statement: string): unknown },
          done: (error: Error | null, conn: unknown) => void,
        ) {
          conn.pragma('case_sensitive_like = ON');
          done(null, conn);
        },
      },
    },
  };
};
