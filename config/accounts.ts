type Env = {
  (key: string, fallback?: string): string;
  int(key: string, fallback?: number): number;
};

/**
 * Sign-in limits per account (src/accounts/login-limit.ts): after `maxFailures` attempts for
 * one identifier within a fixed window of `windowSeconds`, further attempts for it are refused
 * (429) from any address until the window ends. Counted in the database, so every process agrees.
 */
export default ({ env }: { env: Env }) => ({
  login: {
    maxFailures: env.int('LINLI_LOGIN_MAX_FAILURES', 10),
    windowSeconds: env.int('LINLI_LOGIN_WINDOW_SECONDS', 900),
  },
});
