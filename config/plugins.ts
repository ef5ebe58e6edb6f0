import type { Core } from '@strapi/strapi';
import { PAGE_LIMITS, graphqlLimitsFromEnv, graphqlLimitsPlugin } from '../src/graphql/limits';
import { DatabaseRateStore } from '../src/accounts/rate-store';

type Env = {
  (key: string, fallback?: string): string;
  bool(key: string, fallback?: boolean): boolean;
  int(key: string, fallback?: number): number;
};

export default ({ env }: { env: Env }) => {
  const production = env('NODE_ENV', 'development') === 'production';
  return {
    cms: { enabled: true, resolve: './cms' },
    forms: { enabled: true, resolve: './plugins/forms' },
    ledger: { enabled: true, resolve: './plugins/ledger' },
    grants: { enabled: true, resolve: './plugins/grants' },
    'time-bank': { enabled: true, resolve: './plugins/time-bank' },
    cases: { enabled: true, resolve: './plugins/cases' },
    consultation: { enabled: true, resolve: './plugins/consultation' },
    'users-permissions': {
      config: {
        jwt: { expiresIn: '7d' },
        // The plugin's own limit per address on its auth routes (ten a minute), counted in the
        // database so that every process sees the same count (src/accounts/rate-store.ts). The
        // tests raise it (scripts/test.js): their many sign-ins come from one address.
        ratelimit: {
          interval: 60_000,
          max: Math.max(1, env.int('LINLI_AUTH_RATE_MAX', 10)),
          store: new DatabaseRateStore(() => (globalThis as { strapi?: Core.Strapi }).strapi),
        },
      },
    },
    graphql: {
      enabled: true,
      config: {
        endpoint: '/graphql',
        shadowCRUD: true,
        depthLimit: 7,
        // Explicit limits: the plugin's defaults leave page size unbounded.
        ...PAGE_LIMITS,
        landingPage: !production,
        apolloServer: {
          introspection: !production,
          includeStacktraceInErrorResponses: !production,
          // strapi::cors (config/middlewares.ts) answers for /graphql too; the plugin's own
          // default would add `Access-Control-Allow-Origin: *` after it.
          cors: false,
          // Added to Strapi's own plugins (the graphql plugin concatenates the lists).
          plugins: [graphqlLimitsPlugin(graphqlLimitsFromEnv())],
        },
      },
    },
    // Mail (the cases inbox's copies, password resets) through an SMTP server when one is
    // named; without SMTP_HOST Strapi's default sendmail provider stays and the inbox mails nothing.
    ...(env('SMTP_HOST', '')
      ? {
          email: {
            config: {
              provider: 'nodemailer',
              providerOptions: {
                host: env('SMTP_HOST'),
                port: env.int('SMTP_PORT', 587),
                secure: env.bool('SMTP_SECURE', false),
                ...(env('SMTP_USER', '')
                  ? { auth: { user: env('SMTP_USER'), pass: env('SMTP_PASSWORD', '') } }
                  : {}),
              },
              settings: {
                defaultFrom: env('SMTP_FROM', 'linli@localhost'),
                defaultReplyTo: env('SMTP_FROM', 'linli@localhost'),
              },
            },
          },
        }
      : {}),
  };
};
